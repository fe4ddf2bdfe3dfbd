"""Rose curves (rhodonea) r = cos(k theta), k = n / d, as anti-aliased line fields."""

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


_CHUNK = 16384


@dataclass(frozen=True)
class RoseCurveParams(Params):
    n: int = param(7, range=(1, 48), doc="numerator of k = n / d (petal count follows from it)")
    d: int = param(1, range=(1, 24), doc="denominator of k = n / d (d > 1 overlaps the petals)")
    radius: float = param(0.42, range=(0.005, 2.0), doc="petal length", unit="design units")
    line_width: float = param(
        0.006, range=(0.0, 0.1), doc="width of the drawn line (0: fill only)", unit="design units"
    )
    fill: str = param(
        "none",
        choices=("none", "petals", "alternate"),
        doc="fill inside the petals: all of it, or alternate where petals overlap (even-odd)",
    )
    fill_value: float = param(0.45, range=(0.0, 1.0), doc="value of the filled petals")
    rotation: float = param(0.0, range=(-360.0, 360.0), doc="turn of the rose", unit="degrees")
    cx: float = param(0.5, range=(-2.0, 3.0), doc="centre, across", unit="design units")
    cy: float = param(0.5, range=(-2.0, 3.0), doc="centre, down", unit="design units")


def rose_k(p: RoseCurveParams) -> tuple[int, int, float]:
    """Reduced (n, d) and the parameter length over which the rose closes."""
    g = math.gcd(p.n, p.d)
    n, d = p.n // g, p.d // g
    # r(theta + pi d) = -r(theta) when n is odd: with d odd that is the same point,
    # so the rose closes after pi d; otherwise after 2 pi d.
    period = math.pi * d if (n * d) % 2 == 1 else 2.0 * math.pi * d
    return n, d, period


def petal_count(p: RoseCurveParams) -> int:
    """Petals of the rose (Grandi): n for n*d odd, 2n otherwise (reduced n/d)."""
    n, d, _ = rose_k(p)
    return n if (n * d) % 2 == 1 else 2 * n


def _prepare(p: RoseCurveParams, rng: np.random.Generator) -> CurveDistance | None:
    if p.line_width == 0.0:
        return None
    n, d, period = rose_k(p)
    k = n / d
    a0 = math.radians(p.rotation)

    def curve(t: np.ndarray):
        r = p.radius * np.cos(k * t)
        return p.cx + r * np.cos(t + a0), p.cy + r * np.sin(t + a0)

    # A turn by one petal shifts theta by a multiple of pi / n: with a vertex count
    # that is a multiple of 2 n d it maps the vertices onto themselves.
    verts = sample_curve(
        curve, 0.0, period, max_segment=max(p.line_width, 2e-4) * 0.5, multiple_of=2 * n * d
    )
    return CurveDistance([verts])


def _fill(p: RoseCurveParams, x: np.ndarray, y: np.ndarray, footprint: float) -> np.ndarray:
    """Coverage of the filled petals, from the polar form of every branch."""
    n, d, period = rose_k(p)
    k = n / d
    dx = x - p.cx
    dy = y - p.cy
    rho = np.hypot(dx, dy)
    phi = np.arctan2(dy, dx) - math.radians(p.rotation)
    rho_safe = np.maximum(rho, 1e-12)
    # The branches crossing the ray at angle phi: theta = phi + m pi; a positive
    # radius at even m, or a negative one at odd m (it lies pi further round).
    branches = round(period / math.pi)
    inside_count = np.zeros(rho.shape, np.int32)
    best = np.full(rho.shape, -np.inf)
    nearest = np.full(rho.shape, np.inf)
    for m in range(branches):
        sign = 1.0 if m % 2 == 0 else -1.0
        theta = phi + m * math.pi
        r = sign * p.radius * np.cos(k * theta)
        dr = -sign * p.radius * k * np.sin(k * theta)
        # First-order signed distance to the branch: (r - rho) / |grad|.
        sd = (r - rho) / np.sqrt(1.0 + (dr / rho_safe) ** 2)
        inside_count += sd > 0
        np.maximum(best, sd, out=best)
        np.minimum(nearest, np.abs(sd), out=nearest)
    signed = best if p.fill == "petals" else np.where(inside_count % 2 == 1, nearest, -nearest)
    return np.clip(0.5 + signed / max(footprint, 1e-12), 0.0, 1.0)


@operator(
    "curves.rose_curve",
    kind="field",
    version=1,
    output="value",
    prepare=_prepare,
    bounds=lambda p: disc_bounds(p.cx, p.cy, p.radius + p.line_width),
    tags=("rose", "rhodonea", "petals", "rosette", "flower", "玫瑰线", "花瓣"),
    example_params={"n": 5, "d": 3, "fill": "alternate"},
)
def rose_curve(p: RoseCurveParams, call: Call) -> np.ndarray:
    """Rose curve (rhodonea) r = radius * cos(k theta), k = n / d, as a line field.

    Values are the line's coverage: 1 on the curve, 0 away from it, with edges
    box-filtered over the pixel footprint. The curve is sampled into a polyline so
    fine that it strays less than 5e-6 design units from the rose, and distances
    are exact to that polyline (k-d tree plus segment distance). With ``n * d`` odd
    the rose has n petals, otherwise 2n (for n / d in lowest terms); it is
    symmetric under turns by 2 pi / petals about its centre. ``fill`` paints the
    petals' interiors at ``fill_value`` under the line: all of them, or alternately
    where they overlap (even-odd, a lace effect for d > 1).

    References
    ----------
    Grandi 1728, *Flores geometrici ex rhodonearum et cloeliarum curvarum
    descriptione resultantes*, Florence.
    Lawrence 1972, *A Catalog of Special Plane Curves*, Dover, pp. 175-177.
    """
    out = np.zeros(call.x.shape)
    if p.fill != "none":
        # In cache-sized chunks: a dozen temporaries per branch otherwise swamp memory.
        xf, yf, flat = np.ravel(call.x), np.ravel(call.y), out.reshape(-1)
        for s in range(0, xf.size, _CHUNK):
            part = slice(s, s + _CHUNK)
            flat[part] = _fill(p, xf[part], yf[part], call.footprint) * p.fill_value
    if call.state is not None:
        line = call.state.coverage(call.x, call.y, 0.5 * p.line_width, call.footprint)
        out = np.maximum(out, line)
    return out.astype(np.float32)
