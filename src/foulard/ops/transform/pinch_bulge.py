"""Pinch and bulge: the source squeezed towards, or swollen out from, a centre."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator
from foulard.ops.transform._warp import radial_jacobian, sample_anisotropic

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["pinch_bulge", "radial_scale"]

_BULGE = math.log(4.0)  # strength 1 magnifies the centre four times


@dataclass(frozen=True)
class PinchBulgeParams(Params):
    strength: float = param(
        0.8,
        range=(-1.0, 1.0),
        doc="positive: bulge (the centre swells, up to 4x); negative: pinch (drawn in, "
        "up to e times); 0: none",
    )
    radius: float = param(
        0.4, range=(0.01, 2.0), doc="reach of the effect from the centre", unit="design units"
    )
    x: float = param(0.5, range=(-1.0, 2.0), doc="centre, across", unit="design units")
    y: float = param(0.5, range=(-1.0, 2.0), doc="centre, down", unit="design units")


def radial_scale(t: np.ndarray, strength: float) -> tuple[np.ndarray, np.ndarray]:
    """Source radius over output radius ``m(t)`` and the radial stretch ``d(t m)/dt``.

    ``m(t) = exp(-k (1 - t^2)^2)`` inside the radius (``t < 1``) and 1 beyond; ``m``
    and its slope meet 1 and 0 at the rim, so the edge shows no crease. The map
    ``t -> t m(t)`` is monotonic for every strength in [-1, 1].

    >>> m, _ = radial_scale(np.array([1.0, 2.0]), 0.7)
    >>> m.tolist()
    [1.0, 1.0]
    """
    k = strength * (_BULGE if strength > 0.0 else 1.0)
    s = np.minimum(t, 1.0)
    q = 1.0 - s * s
    m = np.exp(-k * q * q)
    return m, m * (1.0 + 4.0 * k * s * s * q)


@operator(
    "transform.pinch_bulge",
    kind="field",
    version=1,
    inputs=(
        Input(
            "source",
            "the image to pinch or swell",
            "tiling.square",
            example_params={"repeats": 12},
        ),
    ),
    output="same",
    tags=(
        "bulge",
        "pinch",
        "spherize",
        "fisheye",
        "magnify",
        "膨胀",
        "收缩",
        "球面化",
        "鱼眼",
    ),
)
def pinch_bulge(p: PinchBulgeParams, call: Call) -> np.ndarray:
    """Pinch and bulge: radial scaling about a centre, strongest there and fading to the rim.

    A point at distance ``r`` reads the source at distance ``r * m(r / radius)``
    (see :func:`radial_scale`): with a positive strength ``m < 1`` and the centre
    swells like a lens or a sphere pressed through the cloth; with a negative one
    ``m > 1`` and the pattern is drawn into the centre. Beyond the radius the source
    is unchanged, and the scaling meets it without a crease. The source is read
    over each pixel's image under the map (a magnified centre is read sharper, a
    pinched one averaged). With strength
    0 the output is the source unchanged.

    References
    ----------
    Photoshop "Pinch" and "Spherize" filters; Wolberg 1990, *Digital Image Warping*,
    IEEE Computer Society Press, ch. 3.
    """
    if p.strength == 0.0:
        return call.input("source")
    dx = call.x - p.x
    dy = call.y - p.y
    t = np.hypot(dx, dy) / p.radius
    m, radial = radial_scale(t, p.strength)
    r = np.maximum(t * p.radius, 1e-300)
    jac = radial_jacobian(dx / r, dy / r, radial, m)
    outside = t >= 1.0  # read exactly where the point is (no rounding through the centre)
    u = np.where(outside, call.x, p.x + dx * m)
    v = np.where(outside, call.y, p.y + dy * m)
    return sample_anisotropic(call, "source", u, v, jac)
