"""Twirl: the source turned about a centre by an angle that fades out with the radius."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator
from foulard.ops.transform._warp import sample_anisotropic

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["twirl", "twirl_angle"]


@dataclass(frozen=True)
class TwirlParams(Params):
    angle: float = param(
        240.0,
        range=(-1440.0, 1440.0),
        doc="turn at the centre (positive: clockwise)",
        unit="degrees",
    )
    radius: float = param(
        0.45, range=(0.01, 2.0), doc="distance at which the turn has faded out", unit="design units"
    )
    x: float = param(0.5, range=(-1.0, 2.0), doc="centre, across", unit="design units")
    y: float = param(0.5, range=(-1.0, 2.0), doc="centre, down", unit="design units")
    falloff: str = param(
        "smooth",
        choices=("smooth", "linear", "gaussian"),
        doc="how the turn fades: smoothstep to 0 at the radius, a straight ramp, or a "
        "Gaussian that never quite ends",
    )


def twirl_angle(t: np.ndarray, falloff: str) -> tuple[np.ndarray, np.ndarray]:
    """Share of the full turn at relative radius ``t`` and its derivative in ``t``.

    >>> [float(v) for v in twirl_angle(np.array([0.0, 1.0]), "smooth")[0]]
    [1.0, 0.0]
    """
    if falloff == "gaussian":
        w = np.exp(-4.0 * t * t)
        return w, -8.0 * t * w
    s = np.clip(t, 0.0, 1.0)
    inside = t < 1.0
    if falloff == "linear":
        return 1.0 - s, np.where(inside, -1.0, 0.0)
    return 1.0 - s * s * (3.0 - 2.0 * s), np.where(inside, -6.0 * s * (1.0 - s), 0.0)


@operator(
    "transform.twirl",
    kind="field",
    version=1,
    inputs=(Input("source", "the image to twirl", "tiling.islamic_rosette"),),
    output="same",
    example_params={"angle": 300.0},
    tags=("twirl", "swirl", "vortex", "whirl", "漩涡", "旋转扭曲", "涡旋"),
)
def twirl(p: TwirlParams, call: Call) -> np.ndarray:
    """Twirl: each point turned about the centre by an angle that fades with its distance.

    A point at distance ``r`` from the centre reads the source at the point turned
    back by ``angle * w(r / radius)``, where ``w`` falls from 1 at the centre to 0
    at ``radius`` (smoothstep or linear) or fades as a Gaussian. Distances are kept,
    so rings stay rings; straight lines become spirals. The source is read with a
    footprint that follows the map's Jacobian (long, sheared pixels are read at
    several taps along their length), so tightly wound centres stay anti-aliased. With angle 0
    the output is the source unchanged.

    References
    ----------
    Holzmann 1988, *Beyond Photography: The Digital Darkroom*, Prentice Hall
    (pixel-remapping "swirl" transforms); Wolberg 1990, *Digital Image Warping*,
    IEEE Computer Society Press, ch. 3 (inverse mapping).
    """
    if p.angle == 0.0:
        return call.input("source")
    dx = call.x - p.x
    dy = call.y - p.y
    r = np.hypot(dx, dy)
    t = r / p.radius
    w, dw = twirl_angle(t, p.falloff)
    a = -math.radians(p.angle) * w
    c, s = np.cos(a), np.sin(a)
    ru = c * dx - s * dy
    rv = s * dx + c * dy
    # J = R(a) + (dR/da d) (grad a)^T, with grad a = g (dx, dy) and R(a) d = (ru, rv).
    g = -math.radians(p.angle) * dw / (p.radius * np.maximum(r, 1e-300))
    jac = (c - g * rv * dx, -s - g * rv * dy, s + g * ru * dx, c + g * ru * dy)
    return sample_anisotropic(call, "source", p.x + ru, p.y + rv, jac)
