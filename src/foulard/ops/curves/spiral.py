"""Spirals: Archimedean, logarithmic, Fermat, hyperbolic and Euler, as tapered ribbons."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy.special import fresnel

from foulard.ops._common.geometry import disc_bounds, rotate
from foulard.ops.curves._polyline import CurveDistance, line_coverage, sample_open_curve
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

KINDS = ("archimedean", "logarithmic", "fermat", "hyperbolic", "euler")
_CHUNK = 32768
_NEWTON = 3
_HYPERBOLIC_START = 0.5 * math.pi  # the hyperbolic arm's outer end, in radians of theta


@dataclass(frozen=True)
class SpiralParams(Params):
    kind: str = param("logarithmic", choices=KINDS, doc="the spiral's law r(theta)")
    arms: int = param(3, range=(1, 12), doc="arms, evenly turned (Fermat and Euler: pairs)")
    turns: float = param(2.0, range=(0.25, 30.0), doc="turns of each arm")
    inner: float = param(
        0.0,
        range=(0.0, 0.95),
        doc="radius where each arm starts, relative (Archimedean and Fermat)",
    )
    growth: float = param(2.5, range=(1.05, 6.0), doc="growth of the radius per turn (logarithmic)")
    radius: float = param(
        0.44, range=(0.005, 2.0), doc="radius of the outer ends", unit="design units"
    )
    line_width: float = param(
        0.08, range=(0.0005, 0.2), doc="width of the ribbon at its outer end", unit="design units"
    )
    taper: float = param(
        1.0, range=(0.0, 1.0), doc="narrowing towards the inner end (1: to a point)"
    )
    clockwise: bool = param(False, doc="wind clockwise on the page (mirror image)")
    rotation: float = param(0.0, range=(-360.0, 360.0), doc="turn of the figure", unit="degrees")
    cx: float = param(0.5, range=(-2.0, 3.0), doc="centre, across", unit="design units")
    cy: float = param(0.5, range=(-2.0, 3.0), doc="centre, down", unit="design units")


def theta_range(p: SpiralParams) -> tuple[float, float]:
    """(theta at the inner end, theta at the outer end) of each arm of a polar spiral."""
    span = 2.0 * math.pi * p.turns
    if p.kind == "archimedean":
        return p.inner * span / (1.0 - p.inner), span / (1.0 - p.inner)
    if p.kind == "fermat":
        q = p.inner * p.inner
        return q * span / (1.0 - q), span / (1.0 - q)
    if p.kind == "logarithmic":
        return -span, 0.0
    return _HYPERBOLIC_START + span, _HYPERBOLIC_START  # hyperbolic: r falls as theta grows


def radius_of(p: SpiralParams, theta: np.ndarray) -> np.ndarray:
    """r(theta) in design units: k theta, k e^(b theta), k sqrt(theta) or k / theta."""
    hi = theta_range(p)[1]
    if p.kind == "archimedean":
        return p.radius * theta / hi
    if p.kind == "fermat":
        return p.radius * np.sqrt(np.maximum(theta, 0.0) / hi)
    if p.kind == "logarithmic":
        return p.radius * np.exp(theta * (math.log(p.growth) / (2.0 * math.pi)))
    return p.radius * hi / np.maximum(theta, 1e-12)


def _theta_of(p: SpiralParams, rho: np.ndarray) -> np.ndarray:
    """Inverse of :func:`radius_of` (theta where the spiral reaches radius rho)."""
    hi = theta_range(p)[1]
    rho = np.maximum(rho, 1e-9 * p.radius)
    if p.kind == "archimedean":
        return rho / p.radius * hi
    if p.kind == "fermat":
        return (rho / p.radius) ** 2 * hi
    if p.kind == "logarithmic":
        return np.log(rho / p.radius) * (2.0 * math.pi / math.log(p.growth))
    return p.radius * hi / rho


def _slope(p: SpiralParams, theta: np.ndarray, r: np.ndarray) -> np.ndarray:
    """dr / dtheta."""
    if p.kind == "archimedean":
        return np.full_like(theta, p.radius / theta_range(p)[1])
    if p.kind == "fermat":
        return 0.5 * r / np.maximum(theta, 1e-12)
    if p.kind == "logarithmic":
        return r * (math.log(p.growth) / (2.0 * math.pi))
    return -r / np.maximum(theta, 1e-12)


def half_width(p: SpiralParams, along: np.ndarray) -> np.ndarray:
    """Half the ribbon's width ``along`` the arm (0 at the inner end, 1 at the outer end).

    For the polar laws ``along`` is measured by radius, so a tapered logarithmic
    ribbon widens in proportion to its distance from the centre, like a shell.
    """
    return 0.5 * p.line_width * (1.0 - p.taper * (1.0 - along))


def _arm_step(p: SpiralParams) -> float:
    # Fermat's spiral has a negative branch: each arm brings its twin turned by pi.
    return (math.pi if p.kind in ("fermat", "euler") else 2.0 * math.pi) / p.arms


def _local(p: SpiralParams, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Points in the spiral's own frame: centred, unturned, unmirrored."""
    u, v = rotate(x - p.cx, y - p.cy, -p.rotation)
    return u, (-v if p.clockwise else v)


def _euler_curve(p: SpiralParams):
    """The clothoid (Fresnel integrals) scaled so its curls reach ``radius``."""
    end = 2.0 * math.sqrt(p.turns)  # the tangent turns by pi s^2 / 2
    s = np.linspace(0.0, end, 4097)
    sf, cf = fresnel(s)
    scale = p.radius / float(np.hypot(cf, sf).max())

    def curve(t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        st, ct = fresnel(t)
        return scale * ct, scale * st

    return curve, end


def _prepare(p: SpiralParams, rng: np.random.Generator):
    if p.kind != "euler":
        return None
    curve, end = _euler_curve(p)
    base = sample_open_curve(curve, -end, end, max_segment=max(0.5 * p.line_width, 4e-4))
    s = np.linspace(-end, end, len(base))
    lines = []
    for j in range(p.arms):
        u, v = rotate(base[:, 0], base[:, 1], math.degrees(j * _arm_step(p)))
        lines.append(np.stack([u, v], axis=-1))
    # Along the arm: 1 at the middle (the outer part), 0 in the eyes of the curls.
    along = np.tile(1.0 - np.abs(s) / end, p.arms)
    return CurveDistance(lines, closed=False), along


def _polar(p: SpiralParams, u: np.ndarray, v: np.ndarray, footprint: float) -> np.ndarray:
    rho = np.hypot(u, v)
    phi = np.arctan2(v, u)
    lo, hi = theta_range(p)
    t_min, t_max = min(lo, hi), max(lo, hi)
    step = _arm_step(p)
    r_lo, r_hi = (float(radius_of(p, np.array(t))) for t in (lo, hi))
    m0 = np.floor((_theta_of(p, rho) - phi) / step)
    best = np.zeros(rho.shape)
    gap = np.full(rho.shape, np.inf)
    mean = np.zeros(rho.shape)
    for dm in (-1.0, 0.0, 1.0, 2.0):
        # The turn of some arm that crosses the point's ray at theta_m.
        theta_m = phi + (m0 + dm) * step
        theta = np.clip(theta_m, t_min, t_max)
        for _ in range(_NEWTON):
            # Gauss-Newton on the foot of the perpendicular, in the frame turned by
            # the curve point's polar angle (the point there is rho e^(-i eps)).
            eps = theta - theta_m
            r = radius_of(p, theta)
            dr = _slope(p, theta, r)
            wx, wy = rho * np.cos(eps), -rho * np.sin(eps)
            g = (r - wx) * dr - wy * r
            theta = np.clip(theta - g / np.maximum(r * r + dr * dr, 1e-300), t_min, t_max)
        eps = theta - theta_m
        r = radius_of(p, theta)
        dist = np.hypot(r - rho * np.cos(eps), rho * np.sin(eps))
        hw = half_width(p, (r - r_lo) / (r_hi - r_lo))
        best = np.maximum(best, line_coverage(dist, hw, footprint))
        if dm in (0.0, 1.0):  # the two turns either side of the point: their gap
            inside = (theta_m >= t_min) & (theta_m + step <= t_max)
            r0 = radius_of(p, np.clip(theta_m, t_min, t_max))
            t1 = np.clip(theta_m + step, t_min, t_max)
            r1 = radius_of(p, t1)
            sin_psi = np.maximum(
                r0 / np.maximum(np.hypot(r0, _slope(p, theta_m, r0)), 1e-300),
                r1 / np.maximum(np.hypot(r1, _slope(p, t1, r1)), 1e-300),
            )
            g = np.abs(r1 - r0) * sin_psi
            near = inside & (g < gap)
            gap = np.where(near, g, gap)
            mean = np.where(near, 2.0 * hw / np.maximum(g, 1e-300), mean)
    # Where turns crowd closer than a couple of pixels, fade to their mean coverage.
    fade = np.clip(2.0 - gap / max(footprint, 1e-12), 0.0, 1.0)
    return best + fade * (np.minimum(mean, 1.0) - best)


@operator(
    "curves.spiral",
    kind="field",
    version=1,
    output="value",
    prepare=_prepare,
    bounds=lambda p: disc_bounds(p.cx, p.cy, p.radius + p.line_width),
    tags=(
        "spiral",
        "whirl",
        "swirl",
        "nautilus",
        "galaxy",
        "clothoid",
        "ribbon",
        "螺旋",
        "漩涡",
        "涡纹",
    ),
)
def spiral(p: SpiralParams, call: Call) -> np.ndarray:
    """Spiral ribbons: Archimedean, logarithmic, Fermat, hyperbolic or Euler spirals.

    Polar laws r(theta): Archimedean r = k theta (evenly spaced turns, from
    ``inner`` x radius), logarithmic r = k e^(b theta) (each turn ``growth``
    times the last: nautilus, galaxy arms), Fermat r = +-k sqrt(theta) (two
    interleaved branches, the sunflower spiral), hyperbolic r = k / theta
    (turning inwards from its outer end at theta = pi / 2). The Euler spiral
    (clothoid, curvature proportional to arc length) is the Fresnel pair
    (C(s), S(s)) curling into two eyes. ``arms`` copies are turned evenly.
    Each arm is a ribbon ``line_width`` wide at its outer end, narrowing by
    ``taper`` towards its inner end, with round caps. Distances for the polar
    laws come from the turns crossing the point's ray, refined to the foot of
    the perpendicular by Gauss-Newton steps; the clothoid uses exact distances
    to its sampled curve. Where turns crowd closer than two pixels, the value
    fades to their mean coverage, so the eye of a spiral does not alias.

    References
    ----------
    Cook 1914, *The Curves of Life*, Constable, London.
    Lawrence 1972, *A Catalog of Special Plane Curves*, Dover, pp. 184-192.
    Levien 2008, "The Euler spiral: a mathematical history", UC Berkeley
    technical report EECS-2008-111.
    """
    u, v = _local(p, call.x, call.y)
    if p.kind == "euler":
        lines, along = call.state
        reach = 0.5 * p.line_width + call.footprint
        dist, seg = lines.locate(u, v, reach)
        hw = half_width(p, along[np.maximum(seg, 0)])
        return line_coverage(dist, hw, call.footprint).astype(np.float32)
    out = np.empty(call.x.shape)
    uf, vf, flat = np.ravel(u), np.ravel(v), out.reshape(-1)
    for s in range(0, uf.size, _CHUNK):
        part = slice(s, s + _CHUNK)
        flat[part] = _polar(p, uf[part], vf[part], call.footprint)
    return out.astype(np.float32)
