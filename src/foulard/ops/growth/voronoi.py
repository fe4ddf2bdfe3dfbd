"""Voronoi diagram: cells of the nearest site, coloured by palette role, with edges."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.growth._cells import role_rgba
from foulard.ops.growth._sites import DISTRIBUTIONS, scatter_sites, torus_colouring
from foulard.ops.growth._voronoi import METRICS, VoronoiCells, inset_cover
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

STYLES = ("cells", "gaps", "edges")


@dataclass(frozen=True)
class VoronoiParams(Params):
    sites: int = param(60, range=(2, 2000), doc="number of sites (cells) in the unit square")
    distribution: str = param(
        "random",
        choices=DISTRIBUTIONS,
        doc="sites uniform at random, on a jittered square grid, or a jittered hex grid",
    )
    jitter: float = param(
        0.8, range=(0.0, 1.0), doc="how far lattice sites stray from the lattice (grids only)"
    )
    metric: str = param(
        "euclidean",
        choices=METRICS,
        doc="distance: polygonal cells, or cells with 45-degree / axis-parallel edges",
    )
    style: str = param(
        "cells",
        choices=STYLES,
        doc="coloured cells on edge lines, coloured cells with clear gaps, or lines only",
    )
    gap: float = param(
        0.006, range=(0.0, 0.05), doc="width of the edges between cells", unit="design units"
    )
    rounding: float = param(
        0.0,
        range=(0.0, 0.05),
        doc="corner radius of the cells (Euclidean metric; cobblestones)",
        unit="design units",
    )
    first_role: int = param(2, range=(0, 47), doc="first palette role of the cells")
    roles: int = param(
        4, range=(1, 48), doc="palette roles used for cells (neighbours differ when >= 4)"
    )
    edge_role: int = param(1, range=(0, 47), doc="palette role of the edges")


def _prepare(p: VoronoiParams, rng: np.random.Generator):
    sites = scatter_sites(rng, p.sites, p.distribution, p.jitter)
    rounding = p.rounding if p.metric == "euclidean" else 0.0
    reach = 0.5 * p.gap + 2.0 * rounding + 0.005
    cells = VoronoiCells(sites, p.metric, reach)
    roles = [p.first_role + i for i in range(p.roles)]
    return cells, torus_colouring(cells.adjacency(), roles, rng)


@operator(
    "growth.voronoi",
    kind="field",
    version=1,
    output="rgba",
    prepare=_prepare,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)],
    tags=(
        "voronoi",
        "cells",
        "cobblestone",
        "stained glass",
        "giraffe",
        "crackle",
        "泰森多边形",
        "细胞纹",
        "冰裂纹",
        "卵石",
    ),
    example_params={"sites": 70, "rounding": 0.008, "gap": 0.007},
)
def voronoi(p: VoronoiParams, call: Call) -> np.ndarray:
    """Voronoi diagram: each point takes the colour of its nearest site's cell.

    Sites lie on the unit torus (so the diagram tiles with period 1), scattered at
    random or on a jittered square or hexagonal lattice. Cells are coloured by
    palette roles ``first_role`` .. ``first_role + roles - 1``, assigned greedily in
    random order so that neighbouring cells (Delaunay neighbours) differ whenever
    the roles allow. The outline is exact: a point's distance to its cell's edge is
    its distance to the nearest bisector, so edges keep their width at any
    resolution and are anti-aliased with the pixel footprint. ``rounding`` offsets
    each cell in and out again (rounded cobblestones); ``metric`` switches to
    Manhattan or Chebyshev cells, whose edges are measured as half the difference
    of the two nearest distances. Styles: ``cells`` (cells on lines of the edge
    role), ``gaps`` (cells with clear gaps showing the ground), ``edges`` (lines only).

    References
    ----------
    Aurenhammer 1991, "Voronoi diagrams: a survey of a fundamental geometric data
    structure", ACM Computing Surveys 23(3).
    Okabe, Boots, Sugihara & Chiu 2000, *Spatial Tessellations*, 2nd ed., Wiley.
    """
    cells, role = call.state
    owner, e1, e2 = cells.query(call.x, call.y)
    fp = call.footprint
    rounding = p.rounding if p.metric == "euclidean" else 0.0
    cov = inset_cover(e1, e2, 0.5 * p.gap, rounding, fp)[..., None]
    cell_rgba = role_rgba(call.palette, role)[owner]
    if p.style == "gaps":
        return (cov * cell_rgba).astype(np.float32)
    edge = role_rgba(call.palette, [p.edge_role])[0]
    if p.style == "edges":
        return ((1.0 - cov) * edge).astype(np.float32)
    return (cov * cell_rgba + (1.0 - cov) * edge).astype(np.float32)
