"""Poisson-disc scatter: blue-noise marks, evenly spread without a grid."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.growth._cells import role_rgba
from foulard.ops.growth._lazy import Lazy, sample_value_grid
from foulard.ops.growth._packing import SHAPES, Balls
from foulard.ops.growth._points import GridField, poisson_torus
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

_DENSITY_GRID = 128


@dataclass(frozen=True)
class PoissonDiscParams(Params):
    radius: float = param(
        0.035,
        range=(0.012, 0.2),
        doc="minimum distance between marks (where the density is 0)",
        unit="design units",
    )
    variation: float = param(
        0.5,
        range=(0.0, 0.5),
        doc="how much a density input of 1 shrinks the distance (needs the density input)",
    )
    mark: float = param(
        0.75, range=(0.05, 1.0), doc="mark size as a share of the distance to the next mark"
    )
    shape: str = param("circle", choices=SHAPES, doc="shape of each mark")
    style: str = param("solid", choices=("solid", "outline"), doc="filled marks or outlines")
    line: float = param(0.3, range=(0.05, 0.5), doc="outline width as a share of mark radius")
    first_role: int = param(1, range=(0, 47), doc="first palette role of the marks")
    roles: int = param(5, range=(1, 48), doc="palette roles used, picked at random per mark")


def scatter(
    p: PoissonDiscParams, rng: np.random.Generator, density: np.ndarray | None
) -> tuple[Balls, np.ndarray]:
    """The marks (as balls) and their roles; ``density`` is an optional m x m grid."""
    r_min = p.radius * (1.0 - p.variation) if density is not None else p.radius
    if density is None:
        radius = p.radius
    else:
        field = GridField(density)

        def radius(pts: np.ndarray) -> np.ndarray:
            return p.radius * (1.0 - p.variation * field(pts))

    pts, rad = poisson_torus(rng, radius, r_min, p.radius)
    role = p.first_role + rng.integers(0, p.roles, len(pts))
    # Marks of radius mark * r / 2 never overlap: neighbours are >= the mean radius apart.
    size = 0.5 * p.mark * rad
    ring = p.line * size if p.style == "outline" else 0.0
    return Balls(pts, size, p.shape, ring=ring), role


def _geometry(rng: np.random.Generator, p: PoissonDiscParams, call: Call):
    density = None
    if call.has_input("density"):
        density = sample_value_grid(call, "density", _DENSITY_GRID)
    return scatter(p, rng, density)


@operator(
    "growth.poisson_disc",
    kind="field",
    version=1,
    output="rgba",
    inputs=(
        Input(
            "density",
            "where marks crowd (values near 1: closer marks); optional",
            "fields.value_noise",
            optional=True,
        ),
    ),
    prepare=Lazy.seeded,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)],
    tags=(
        "poisson disc",
        "blue noise",
        "tossed",
        "scatter",
        "ditsy",
        "dots",
        "泊松圆盘",
        "散点",
        "撒花",
        "点子纹",
    ),
)
def poisson_disc(p: PoissonDiscParams, call: Call) -> np.ndarray:
    """Poisson-disc scatter: marks at random, never closer than a minimum distance.

    Dart throwing on the unit torus, in parallel phase groups (Wei 2008): a
    background grid of cells narrower than r/sqrt(2) holds at most one point; one
    dart per free cell of a group of far-apart cells is tested at once against the
    points around it and kept when no point is closer than the mean of the two
    points' radii, round after round until the set is maximal. The result is blue noise:
    even, tossed-by-hand spacing with no grid and no clumps, which tiles seamlessly.
    With a ``density`` input the radius shrinks where the density is high (by
    ``variation`` at density 1), so marks crowd in dark areas. Marks are circles,
    squares, diamonds or hexagons of ``mark`` times half the local spacing (so they
    never touch), solid or outlined, in random palette roles.

    References
    ----------
    Bridson 2007, "Fast Poisson disk sampling in arbitrary dimensions", SIGGRAPH
    sketches.
    Wei 2008, "Parallel Poisson disk sampling", ACM Transactions on Graphics 27(3).
    Cook 1986, "Stochastic sampling in computer graphics", ACM Transactions on
    Graphics 5(1).
    """
    balls, role = call.state.get(_geometry, p, call)
    return balls.sample(call.x, call.y, call.footprint, role_rgba(call.palette, role))
