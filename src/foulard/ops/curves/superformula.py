"""Gielis superformula shapes: stars, petals, shells and polygons, filled or stroked."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.geometry import disc_bounds
from foulard.ops.curves._polyline import CurveDistance, sample_curve
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

_CHUNK = 32768
_MAX_VERTICES = 300_000


@dataclass(frozen=True)
class SuperformulaParams(Params):
    m: int = param(5, range=(0, 40), doc="symmetry number (0: a circle)")
    n1: float = param(2.0, range=(0.1, 60.0), doc="overall exponent (small: pinched, spiky)")
    n2: float = param(7.0, range=(0.1, 60.0), doc="exponent of the cosine term")
    n3: float = param(7.0, range=(0.1, 60.0), doc="exponent of the sine term")
    a: float = param(1.0, range=(0.25, 4.0), doc="scale of the cosine term")
    b: float = param(1.0, range=(0.25, 4.0), doc="scale of the sine term")
    radius: float = param(
        0.4, range=(0.005, 2.0), doc="largest radius of the shape", unit="design units"
    )
    fill: str = param(
        "radial",
        choices=("none", "flat", "radial"),
        doc="inside of the shape: empty, flat, or darkening towards the centre",
    )
    fill_value: float = param(0.55, range=(0.0, 1.0), doc="value of the fill (at the rim)")
    line_width: float = param(
        0.003, range=(0.0, 0.05), doc="width of the outline (0: none)", unit="design units"
    )
    echoes: int = param(4, range=(0, 16), doc="smaller outlines nested inside the shape")
    echo_step: float = param(
        0.16, range=(0.01, 0.3), doc="size step between nested outlines, relative to the shape"
    )
    rotation: float = param(-90.0, range=(-360.0, 360.0), doc="turn of the shape", unit="degrees")
    cx: float = param(0.5, range=(-2.0, 3.0), doc="centre, across", unit="design units")
    cy: float = param(0.5, range=(-2.0, 3.0), doc="centre, down", unit="design units")


def branches(p: SuperformulaParams) -> int:
    """Turns after which the curve closes: 1, or 2 for odd m with unlike terms.

    With n2 = n3 and a = b, r(phi) has period 2 pi / m; otherwise 4 pi / m, which
    divides 2 pi only for even m.
    """
    if p.m == 0 or (p.n2 == p.n3 and p.a == p.b) or p.m % 2 == 0:
        return 1
    return 2


def symmetry_order(p: SuperformulaParams) -> int:
    """Order of the shape's rotational symmetry (0 stands for a circle)."""
    if p.m == 0:
        return 0
    if p.n2 == p.n3 and p.a == p.b:
        return p.m
    return p.m // 2 if p.m % 2 == 0 else p.m


def log_radius(p: SuperformulaParams, phi: np.ndarray) -> np.ndarray:
    """log r(phi) = -(1 / n1) log(|cos(m phi / 4) / a|^n2 + |sin(m phi / 4) / b|^n3)."""
    u = 0.25 * p.m * phi
    s = (np.abs(np.cos(u)) / p.a) ** p.n2 + (np.abs(np.sin(u)) / p.b) ** p.n3
    return -np.log(s) / p.n1


def _peak(p: SuperformulaParams) -> float:
    """max log r over a fine grid that holds every kink of |cos| and |sin|."""
    per = 2048 * max(p.m, 1) * branches(p)
    phi = 2.0 * math.pi * branches(p) * np.arange(per) / per
    return float(log_radius(p, phi).max())


def radius_at(p: SuperformulaParams, phi: np.ndarray, peak: float) -> np.ndarray:
    """The shape's radius (design units) along polar angle ``phi`` of the unturned shape."""
    return p.radius * np.exp(log_radius(p, phi) - peak)


def _prepare(p: SuperformulaParams, rng: np.random.Generator):
    peak = _peak(p)
    if p.line_width == 0:
        return peak, None
    a0 = math.radians(p.rotation)
    order = max(symmetry_order(p), 1)
    lines = []
    for k in range(p.echoes + 1):
        scale = 1.0 - k * p.echo_step
        if scale <= 0.02:
            break

        def curve(t: np.ndarray, scale=scale):
            r = scale * radius_at(p, t, peak)
            return p.cx + r * np.cos(t + a0), p.cy + r * np.sin(t + a0)

        lines.append(
            sample_curve(
                curve,
                0.0,
                2.0 * math.pi * branches(p),
                max_segment=max(p.line_width, 4e-4),
                multiple_of=order,
                max_vertices=_MAX_VERTICES // (p.echoes + 1),
            )
        )
    return peak, CurveDistance(lines)


def _fill(p: SuperformulaParams, peak: float, x, y, footprint: float) -> np.ndarray:
    """Fill coverage (first-order signed distance to the rim) times the fill's shade."""
    dx = x - p.cx
    dy = y - p.cy
    rho = np.hypot(dx, dy)
    phi = np.arctan2(dy, dx) - math.radians(p.rotation)
    rho_safe = np.maximum(rho, 1e-12)
    h = 1e-5
    best = np.full(rho.shape, -np.inf)
    rim = np.ones(rho.shape)
    for b in range(branches(p)):
        t = phi + 2.0 * math.pi * b
        r = radius_at(p, t, peak)
        dr = (radius_at(p, t + h, peak) - radius_at(p, t - h, peak)) / (2.0 * h)
        sd = (r - rho) / np.sqrt(1.0 + (dr / rho_safe) ** 2)
        better = sd > best
        best = np.where(better, sd, best)
        rim = np.where(better, r, rim)
    cover = np.clip(0.5 + best / max(footprint, 1e-12), 0.0, 1.0)
    if p.fill == "radial":
        cover = cover * np.clip(rho / np.maximum(rim, 1e-12), 0.0, 1.0)
    return cover * p.fill_value


@operator(
    "curves.superformula",
    kind="field",
    version=1,
    output="value",
    prepare=_prepare,
    bounds=lambda p: disc_bounds(p.cx, p.cy, 1.01 * p.radius + p.line_width),
    tags=(
        "superformula",
        "gielis",
        "star",
        "starfish",
        "petal",
        "shell",
        "polygon",
        "超级公式",
        "星形",
        "花形",
    ),
)
def superformula(p: SuperformulaParams, call: Call) -> np.ndarray:
    """Superformula shape (Gielis): r(phi) = (|cos(m phi/4)/a|^n2 + |sin(m phi/4)/b|^n3)^(-1/n1).

    One formula for a wide range of natural and ornamental shapes: starfish and
    stars (small n1), rounded polygons (n1 = n2 = n3 large), petals and shells,
    and the circle (m = 0) and superellipse (m = 4) as special cases. With n2 = n3
    and a = b the shape has m-fold symmetry; otherwise r has period 4 pi / m and
    for odd m the curve closes after two turns (the fill is then the union of
    both sheets). The shape is scaled so its largest radius is ``radius``.
    ``fill`` paints the inside (flat, or ``radial``: darkening towards the
    centre, a carved look) with edges anti-aliased by a first-order signed
    distance; the outline and ``echoes`` nested, shrunken outlines are lines of
    ``line_width`` from exact distances to the sampled curve.

    References
    ----------
    Gielis 2003, "A generic geometric transformation that unifies a wide range of
    natural and abstract shapes", *American Journal of Botany* 90(3), pp. 333-338.
    """
    peak, outline = call.state
    out = np.zeros(call.x.shape)
    if p.fill != "none" and p.fill_value > 0:
        xf, yf, flat = np.ravel(call.x), np.ravel(call.y), out.reshape(-1)
        for s in range(0, xf.size, _CHUNK):
            part = slice(s, s + _CHUNK)
            flat[part] = _fill(p, peak, xf[part], yf[part], call.footprint)
    if outline is not None:
        out = np.maximum(out, outline.coverage(call.x, call.y, 0.5 * p.line_width, call.footprint))
    return out.astype(np.float32)
