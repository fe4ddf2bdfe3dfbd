"""Shier's statistical geometry: random space filling with power-law shape sizes."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy.special import zeta

from foulard.ops.growth._cells import role_rgba
from foulard.ops.growth._packing import SHAPES, Balls, FreeSpace, area
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call


@dataclass(frozen=True)
class FractalPackingParams(Params):
    exponent: float = param(
        1.3,
        range=(1.05, 1.6),
        doc="power c of the size law: area_i ~ (N + i)^-c (low: many similar sizes; "
        "high: a few big shapes and dust)",
    )
    offset: float = param(
        2.0, range=(1.0, 40.0), doc="N in the size law: larger starts with smaller shapes"
    )
    fill: float = param(
        0.75, range=(0.2, 0.95), doc="share of the square the whole (infinite) series would fill"
    )
    shape: str = param("circle", choices=SHAPES, doc="the shape tossed (all of one kind)")
    count: int = param(1500, range=(1, 5000), doc="shapes placed (the series is cut here)")
    gap: float = param(
        0.0015, range=(0.0, 0.01), doc="clear space kept between shapes", unit="design units"
    )
    style: str = param("solid", choices=("solid", "outline"), doc="filled shapes or outlines")
    line: float = param(
        0.2, range=(0.05, 0.5), doc="outline width as a share of each shape's radius"
    )
    first_role: int = param(1, range=(0, 47), doc="first palette role of the shapes")
    roles: int = param(5, range=(1, 48), doc="palette roles used, picked at random per shape")


def sizes(p: FractalPackingParams) -> np.ndarray:
    """Inradii of the series: areas ``fill / zeta(c, N) * (N + i)^-c``, i = 0, 1, ..."""
    i = np.arange(p.count, dtype=np.float64)
    areas = p.fill / zeta(p.exponent, p.offset) * (p.offset + i) ** -p.exponent
    return np.sqrt(areas / area(p.shape))


def pack(p: FractalPackingParams, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Centres and inradii of the shapes placed, largest first, never overlapping.

    Each shape goes to a uniformly random grid point with room for it (Shier's random
    search, exhaustive on the grid, so it never gives up while room is left); the
    torus wraps, so the fill tiles. Placement stops at the first shape with no room.
    """
    radii = sizes(p)
    n = int(np.clip(math.ceil(2.5 / max(radii[-1], 1e-9)), 256, 1024))
    space = FreeSpace(n, float(radii[0]) + p.gap, p.shape)
    centres = []
    for r in radii:
        need = float(r) + p.gap
        spot = space.pick(rng, need)
        if spot is None:
            break
        x, y, _ = spot
        space.place(x, y, float(r), cap=need)
        centres.append((x, y))
    k = len(centres)
    return np.array(centres, np.float64).reshape(-1, 2), radii[:k]


def _prepare(p: FractalPackingParams, rng: np.random.Generator) -> tuple[Balls, np.ndarray]:
    centres, radii = pack(p, rng)
    role = p.first_role + rng.integers(0, p.roles, len(radii))
    ring = p.line * radii if p.style == "outline" else 0.0
    return Balls(centres, radii, p.shape, ring=ring), role


@operator(
    "growth.fractal_packing",
    kind="field",
    version=1,
    output="rgba",
    prepare=_prepare,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)],
    tags=(
        "fractal packing",
        "space filling",
        "confetti",
        "scattered dots",
        "statistical geometry",
        "分形填充",
        "散点",
        "满地纹",
    ),
)
def fractal_packing(p: FractalPackingParams, call: Call) -> np.ndarray:
    """Shier fractal packing: shapes of power-law sizes tossed at random, never touching.

    John Shier's "statistical geometry": the i-th shape has area
    ``A_i = fill / zeta(c, N) * (N + i)^-c`` (Hurwitz zeta), so the infinite series
    would cover exactly ``fill`` of the square; shapes are placed largest first, each
    at a uniformly random free position. The result is a fractal, gasket-like fill
    whose dimension is set by ``c``: big shapes, then smaller ones crowding every
    gap. Shapes are balls of one norm (circle, square, diamond, hexagon), so their
    non-overlap test is exact; the room left at every point of a fine periodic grid
    is kept, which makes the random search exhaustive and the fill tile seamlessly.
    Shapes take random palette roles, solid or outlined.

    References
    ----------
    Shier & Bourke 2013, "An algorithm for random fractal filling of space",
    Computer Graphics Forum 32(8).
    Shier 2018, *Fractalize That! A Visual Essay on Statistical Geometry*, World
    Scientific.
    """
    balls, role = call.state
    return balls.sample(call.x, call.y, call.footprint, role_rgba(call.palette, role))
