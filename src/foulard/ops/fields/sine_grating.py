"""Gratings: stripes from a phase function (linear, concentric, radial, spiral)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.chunks import in_chunks
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

_TWO_PI = 2.0 * math.pi
# Below this many cycles per pixel the box filter is the point value to print
# precision; above the upper one the stripes average out completely.
_W_POINT = 1e-7
_W_FLAT = 1e4


@dataclass(frozen=True)
class SineGratingParams(Params):
    pattern: str = param(
        "linear",
        choices=("linear", "concentric", "radial", "spiral"),
        doc="phase function: parallel stripes, rings, spokes, or an Archimedean spiral",
    )
    profile: str = param(
        "sine", choices=("sine", "square", "triangle"), doc="shape of one stripe across"
    )
    frequency: float = param(
        12.0,
        range=(0.0, 1024.0),
        doc="stripes per design unit (linear, concentric, spiral)",
        unit="1/design unit",
    )
    arms: int = param(12, range=(0, 512), doc="stripes per turn around the centre (radial, spiral)")
    angle: float = param(
        0.0, range=(-360.0, 360.0), doc="direction the linear stripes run across", unit="degrees"
    )
    phase: float = param(0.0, range=(0.0, 1.0), doc="shift of the stripes", unit="cycles")
    duty: float = param(
        0.5, range=(0.02, 0.98), doc="share of each period on the bright side of the stripe"
    )
    cx: float = param(0.5, range=(-2.0, 3.0), doc="centre, across", unit="design units")
    cy: float = param(0.5, range=(-2.0, 3.0), doc="centre, down", unit="design units")


def phase(p: SineGratingParams, x: np.ndarray, y: np.ndarray):
    """Phase in cycles and the length of its gradient (cycles per design unit)."""
    dx = x - p.cx
    dy = y - p.cy
    if p.pattern == "linear":
        a = math.radians(p.angle)
        c, s = math.cos(a), math.sin(a)
        # Stripes run along the angle: the phase climbs across it.
        phi = p.frequency * (-s * dx + c * dy)
        return phi + p.phase, np.full(phi.shape, p.frequency)
    r = np.hypot(dx, dy)
    r_safe = np.maximum(r, 1e-300)
    if p.pattern == "concentric":
        return p.frequency * r + p.phase, np.full(r.shape, p.frequency)
    k = p.arms / _TWO_PI
    turn = np.arctan2(dy, dx) * k
    if p.pattern == "radial":
        return turn + p.phase, k / r_safe
    # spiral: gradient f (dx, dy) / r + k (-dy, dx) / r^2, two orthogonal parts
    return p.frequency * r + turn + p.phase, np.hypot(p.frequency, k / r_safe)


# The base profile b(t) over one period t in [-1/4, 3/4): bright half [-1/4, 1/4)
# and dark half [1/4, 3/4), peak 1 at t = 0. ``_Q`` is its antiderivative.
def _base(profile: str, t: np.ndarray) -> np.ndarray:
    if profile == "sine":
        return 0.5 + 0.5 * np.cos(_TWO_PI * t)
    if profile == "square":
        return (t < 0.25).astype(np.float64)
    return np.where(t <= 0.5, 1.0 - 2.0 * np.abs(t), 2.0 * t - 1.0)


def _q(profile: str, t):
    if profile == "sine":
        return 0.5 * t + np.sin(_TWO_PI * t) * (1.0 / (2.0 * _TWO_PI))
    if profile == "square":
        return np.minimum(t, 0.25)
    return np.where(t <= 0.5, t - t * np.abs(t), t * t - t + 0.5)


def _warp(s: np.ndarray, duty: float) -> np.ndarray:
    """Position s in [0, 1) of a period (bright part first) to the base profile's t."""
    on = s < duty
    return np.where(on, -0.25 + s * (0.5 / duty), 0.25 + (s - duty) * (0.5 / (1.0 - duty))), on


def _integral(profile: str, duty: float, u: np.ndarray) -> np.ndarray:
    """Integral of the duty-warped profile from 0 to ``u`` (u in periods)."""
    q0, q1, q3 = (float(_q(profile, np.float64(t))) for t in (-0.25, 0.25, 0.75))
    bright = 2.0 * duty * (q1 - q0)
    mean = bright + 2.0 * (1.0 - duty) * (q3 - q1)
    k = np.floor(u)
    s = u - k
    t, on = _warp(s, duty)
    qt = _q(profile, t)
    part = np.where(on, 2.0 * duty * (qt - q0), bright + 2.0 * (1.0 - duty) * (qt - q1))
    return k * mean + part, mean


def profile_value(profile: str, duty: float, phi: np.ndarray, width: np.ndarray) -> np.ndarray:
    """The profile at phase ``phi`` (cycles), box-filtered over ``width`` cycles."""
    u = phi + 0.5 * duty  # bright part of the period starts at u = 0
    k = np.floor(u)
    point = _base(profile, _warp(u - k, duty)[0])
    w = np.clip(width, _W_POINT, _W_FLAT)
    hi, mean = _integral(profile, duty, u + 0.5 * w)
    lo, _ = _integral(profile, duty, u - 0.5 * w)
    filtered = (hi - lo) / w
    out = np.where(width <= _W_POINT, point, filtered)
    return np.where(width >= _W_FLAT, mean, out)


@operator(
    "fields.sine_grating",
    kind="field",
    version=1,
    output="value",
    tags=("stripes", "rings", "spokes", "spiral", "grating", "waves", "条纹", "同心圆", "螺旋"),
    example_params={"pattern": "spiral", "frequency": 10.0, "arms": 3},
)
def sine_grating(p: SineGratingParams, call: Call) -> np.ndarray:
    """Sine grating: stripes from a phase function, with a sine, square or triangle profile.

    The phase (in cycles) is linear across ``angle`` (parallel stripes), the
    distance from the centre (rings), the angle around it (``arms`` spokes) or both
    (an Archimedean spiral with ``arms`` arms). ``duty`` is the share of each
    period on the bright side. Every profile is box-filtered exactly over one
    footprint along the phase gradient (the box with the same spread as the
    pixel's square in any direction), so square stripes have anti-aliased edges
    and stripes finer than a pixel fade to their mean instead of aliasing into
    moire.

    References
    ----------
    Amidror 2009, *The Theory of the Moire Phenomenon*, vol. I, 2nd ed., ch. 2 and
    appendix on periodic profiles.
    Heckbert 1986, "Filtering by repeated integration", SIGGRAPH (box filtering by
    differencing an integral).
    """
    return in_chunks(_value, call.x, call.y, p, call.footprint)


def _value(x: np.ndarray, y: np.ndarray, p: SineGratingParams, footprint: float) -> np.ndarray:
    phi, slope = phase(p, x, y)
    return profile_value(p.profile, p.duty, phi, slope * footprint)
