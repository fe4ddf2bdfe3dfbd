"""Engine-turned guilloche rosettes: families of turned, harmonically waved rings."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.geometry import disc_bounds
from foulard.ops.curves._polyline import (
    MAX_VERTICES,
    CurveDistance,
    sample_curve,
)
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call


@dataclass(frozen=True)
class GuillocheParams(Params):
    radius: float = param(
        0.3, range=(0.005, 2.0), doc="base radius R of the outer ring", unit="design units"
    )
    copies: int = param(20, range=(1, 720), doc="turned copies of the waved ring")
    lobes: int = param(5, range=(1, 120), doc="waves around the ring (first harmonic k1)")
    amplitude: float = param(
        0.1, range=(0.0, 1.0), doc="height of the first harmonic", unit="design units"
    )
    lobes2: int = param(0, range=(0, 120), doc="waves of the second harmonic k2 (0: none)")
    amplitude2: float = param(
        0.0, range=(0.0, 1.0), doc="height of the second harmonic", unit="design units"
    )
    phase2: float = param(
        0.0, range=(-360.0, 360.0), doc="phase of the second harmonic", unit="degrees"
    )
    spread: float = param(
        0.6,
        range=(0.0, 1.0),
        doc="share of one wave the copies fan across (1: evenly interleaved)",
    )
    rings: int = param(1, range=(1, 8), doc="concentric rings, each with every copy")
    ring_step: float = param(
        0.06, range=(0.0, 0.5), doc="radius step between rings", unit="design units"
    )
    line_width: float = param(
        0.0016, range=(0.0001, 0.05), doc="width of the engraved line", unit="design units"
    )
    rotation: float = param(0.0, range=(-360.0, 360.0), doc="turn of the rosette", unit="degrees")
    cx: float = param(0.5, range=(-2.0, 3.0), doc="centre, across", unit="design units")
    cy: float = param(0.5, range=(-2.0, 3.0), doc="centre, down", unit="design units")


def symmetry_order(p: GuillocheParams) -> int:
    """Order g of the base ring's rotational symmetry (its harmonics' common divisor)."""
    ks = [k for k, a in ((p.lobes, p.amplitude), (p.lobes2, p.amplitude2)) if k > 0 and a > 0]
    return math.gcd(*ks) if ks else 1


def copy_angles(p: GuillocheParams) -> np.ndarray:
    """Turn of each copy (radians): evenly across ``spread`` of one symmetry period."""
    step = 2.0 * math.pi / symmetry_order(p) * p.spread / p.copies
    return math.radians(p.rotation) + step * np.arange(p.copies)


def _prepare(p: GuillocheParams, rng: np.random.Generator) -> CurveDistance:
    lines = []
    ph2 = math.radians(p.phase2)
    for j in range(p.rings):
        base = p.radius - j * p.ring_step

        def ring(t: np.ndarray, base=base) -> tuple[np.ndarray, np.ndarray]:
            r = base + p.amplitude * np.sin(p.lobes * t)
            if p.lobes2 > 0 and p.amplitude2 > 0:
                r = r + p.amplitude2 * np.sin(p.lobes2 * t + ph2)
            return r * np.cos(t), r * np.sin(t)

        # A vertex count that is a multiple of the ring's symmetry order maps the
        # vertices onto themselves under that symmetry, like the curve.
        verts = sample_curve(
            ring,
            0.0,
            2.0 * math.pi,
            max_segment=max(p.line_width, 2e-4) * 0.5,
            multiple_of=symmetry_order(p),
            max_vertices=max(256, MAX_VERTICES // (p.copies * p.rings)),
        )
        for a in copy_angles(p):
            c, s = math.cos(a), math.sin(a)
            x = p.cx + c * verts[:, 0] - s * verts[:, 1]
            y = p.cy + s * verts[:, 0] + c * verts[:, 1]
            lines.append(np.stack([x, y], axis=-1))
    return CurveDistance(lines)


@operator(
    "curves.guilloche",
    kind="field",
    version=1,
    output="value",
    prepare=_prepare,
    bounds=lambda p: disc_bounds(p.cx, p.cy, p.radius + p.amplitude + p.amplitude2 + p.line_width),
    tags=("guilloche", "engine turning", "banknote", "rosette", "security", "扭索纹", "钞票纹"),
)
def guilloche(p: GuillocheParams, call: Call) -> np.ndarray:
    """Guilloche rosette: ``copies`` turned rings r(t) = R + a1 sin(k1 t) + a2 sin(k2 t + phi).

    The rose-engine lathe cuts one waved ring, turns the work a little, and cuts
    again; the overlapping rings weave the moire-like bands of banknotes and watch
    dials. The copies are spread evenly over ``spread`` of one period of the ring's
    own symmetry (2 pi / gcd(k1, k2)); with ``spread`` 1 the rosette is invariant
    under a turn by 2 pi / copies. ``rings`` repeats the family at radii stepping in
    by ``ring_step``. Values are line coverage (1 on a line, 0 away), box-filtered
    over the pixel footprint, from exact distances to a polyline within 5e-6 design
    units of each curve.

    References
    ----------
    Holtzapffel 1894, *Hand or Simple Turning: Principles and Practice*, vol. V,
    *The Principles and Practice of Ornamental or Complex Turning*, London.
    van Renesse 2005, *Optical Document Security*, 3rd ed., Artech House, ch. 6
    (guilloche in security printing).
    """
    line = call.state.coverage(call.x, call.y, 0.5 * p.line_width, call.footprint)
    return line.astype(np.float32)
