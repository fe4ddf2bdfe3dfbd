"""Trochoids (spirograph curves): a pen on a circle rolling inside or outside another."""

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


@dataclass(frozen=True)
class TrochoidParams(Params):
    rolling: str = param(
        "inside",
        choices=("inside", "outside"),
        doc="the small wheel rolls inside the ring (hypotrochoid) or outside it (epitrochoid)",
    )
    fixed_teeth: int = param(105, range=(1, 400), doc="size R of the fixed ring, in teeth")
    rolling_teeth: int = param(40, range=(1, 400), doc="size r of the rolling wheel, in teeth")
    pen: float = param(
        0.8, range=(0.0, 3.0), doc="pen distance d from the wheel's centre, in wheel radii"
    )
    radius: float = param(
        0.42, range=(0.005, 2.0), doc="outer radius of the figure", unit="design units"
    )
    line_width: float = param(
        0.002, range=(0.0001, 0.05), doc="width of the drawn line", unit="design units"
    )
    rotation: float = param(0.0, range=(-360.0, 360.0), doc="turn of the figure", unit="degrees")
    cx: float = param(0.5, range=(-2.0, 3.0), doc="centre, across", unit="design units")
    cy: float = param(0.5, range=(-2.0, 3.0), doc="centre, down", unit="design units")


def trochoid_points(p: TrochoidParams, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The curve at parameter ``t`` (the wheel centre's angle), in design units."""
    big, small = float(p.fixed_teeth), float(p.rolling_teeth)
    pen = p.pen * small
    if p.rolling == "inside":
        arm = big - small
        x = arm * np.cos(t) + pen * np.cos(arm / small * t)
        y = arm * np.sin(t) - pen * np.sin(arm / small * t)
        extent = abs(arm) + pen
    else:
        arm = big + small
        x = arm * np.cos(t) - pen * np.cos(arm / small * t)
        y = arm * np.sin(t) - pen * np.sin(arm / small * t)
        extent = arm + pen
    scale = p.radius / extent if extent > 0 else 0.0
    c, s = math.cos(math.radians(p.rotation)), math.sin(math.radians(p.rotation))
    return p.cx + scale * (c * x - s * y), p.cy + scale * (s * x + c * y)


def period(p: TrochoidParams) -> float:
    """Parameter length after which the pen returns to its start: 2 pi r / gcd(R, r)."""
    return 2.0 * math.pi * p.rolling_teeth / math.gcd(p.fixed_teeth, p.rolling_teeth)


def _prepare(p: TrochoidParams, rng: np.random.Generator) -> CurveDistance:
    verts = sample_curve(
        lambda t: trochoid_points(p, t),
        0.0,
        period(p),
        max_segment=max(p.line_width, 2e-4) * 0.5,
    )
    return CurveDistance([verts])


@operator(
    "curves.trochoid",
    kind="field",
    version=1,
    output="value",
    prepare=_prepare,
    bounds=lambda p: disc_bounds(p.cx, p.cy, p.radius + p.line_width),
    tags=("spirograph", "hypotrochoid", "epitrochoid", "rosette", "trochoid", "万花尺", "繁花曲线"),
)
def trochoid(p: TrochoidParams, call: Call) -> np.ndarray:
    """Trochoid (spirograph): a pen on a wheel of r teeth rolling in or on a ring of R.

    Hypotrochoid (inside): ((R - r) cos t + d cos((R - r) t / r),
    (R - r) sin t - d sin((R - r) t / r)); epitrochoid (outside): R + r for R - r
    and a minus before the first d term; d = pen * r. The pen returns after
    t = 2 pi r / gcd(R, r), drawing R / gcd(R, r) lobes. The figure is scaled so
    its outer radius is ``radius``. Values are line coverage (1 on the curve, 0
    away), box-filtered over the pixel footprint, from exact distances to a
    polyline within 5e-6 design units of the curve.

    References
    ----------
    Lawrence 1972, *A Catalog of Special Plane Curves*, Dover, pp. 165-171.
    Fisher 1965, Spirograph (toy, Kenner Products); Hall 1992, "The Mathematics
    of Spirograph", *Mathematics Magazine*.
    """
    line = call.state.coverage(call.x, call.y, 0.5 * p.line_width, call.footprint)
    return line.astype(np.float32)
