"""Circle packing: circles grown at random free spots until they touch their neighbours."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.growth._cells import role_rgba
from foulard.ops.growth._packing import Balls, FreeSpace
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

STYLES = ("discs", "rings", "target")


@dataclass(frozen=True)
class CirclePackingParams(Params):
    min_radius: float = param(
        0.006, range=(0.003, 0.1), doc="smallest circle placed", unit="design units"
    )
    max_radius: float = param(
        0.08,
        range=(0.005, 0.3),
        doc="largest circle (a circle stops growing here)",
        unit="design units",
    )
    gap: float = param(
        0.003, range=(0.0, 0.03), doc="clear space kept between circles", unit="design units"
    )
    max_circles: int = param(2500, range=(1, 6000), doc="stop after this many circles")
    style: str = param(
        "discs",
        choices=STYLES,
        doc="filled discs, outline rings, or concentric targets",
    )
    line: float = param(
        0.25, range=(0.05, 0.5), doc="ring width as a share of each circle's radius"
    )
    first_role: int = param(1, range=(0, 47), doc="first palette role of the circles")
    roles: int = param(5, range=(1, 48), doc="palette roles used, picked at random per circle")


def pack(p: CirclePackingParams, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Centres ``(n, 2)`` and radii ``(n,)``: pairwise ``|c_i - c_j| >= r_i + r_j + gap``.

    Each circle goes to a random grid point with room for at least ``min_radius``
    and takes all the room there (less the gap), up to ``max_radius``; the torus
    wraps, so the packing tiles the unit square.
    """
    r_max = max(p.max_radius, p.min_radius)
    n = int(np.clip(math.ceil(3.0 / p.min_radius), 256, 1024))
    space = FreeSpace(n, r_max + p.gap)
    centres, radii = [], []
    while len(radii) < p.max_circles:
        spot = space.pick(rng, p.min_radius + p.gap)
        if spot is None:
            break
        x, y, room = spot
        r = min(r_max, room - p.gap)
        space.place(x, y, r)
        centres.append((x, y))
        radii.append(r)
    return np.array(centres, np.float64).reshape(-1, 2), np.array(radii, np.float64)


def _prepare(p: CirclePackingParams, rng: np.random.Generator) -> tuple[Balls, np.ndarray]:
    centres, radii = pack(p, rng)
    role = p.first_role + rng.integers(0, p.roles, len(radii))
    ring = 0.0 if p.style == "discs" else p.line * radii
    return Balls(centres, radii, ring=ring, target=p.style == "target"), role


@operator(
    "growth.circle_packing",
    kind="field",
    version=1,
    output="rgba",
    prepare=_prepare,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)],
    tags=(
        "circle packing",
        "circles",
        "dots",
        "bubbles",
        "polka",
        "圆形堆积",
        "圆点",
        "泡泡",
    ),
)
def circle_packing(p: CirclePackingParams, call: Call) -> np.ndarray:
    """Circle packing: random circles that grow until they touch, never overlapping.

    Greedy random packing in the spirit of Lubachevsky & Stillinger's growing
    disks: each new circle is centred on a random free point of a fine grid and
    grows until it meets its nearest neighbour (less ``gap``) or reaches
    ``max_radius``; placement stops when no point has room for ``min_radius`` or
    after ``max_circles``. The room left at each grid point is kept exactly (the
    distance to the nearest circle), so no two circles ever overlap. Space wraps
    around the unit square, so the packing tiles. Circles take random palette roles
    and are drawn as discs, rings or concentric targets, anti-aliased exactly.

    References
    ----------
    Lubachevsky & Stillinger 1990, "Geometric properties of random disk packings",
    Journal of Statistical Physics 60(5-6).
    Collins & Stephenson 2003, "A circle packing algorithm", Computational Geometry
    25(3) (background on packings).
    """
    balls, role = call.state
    return balls.sample(call.x, call.y, call.footprint, role_rgba(call.palette, role))
