"""Lloyd relaxation: a centroidal Voronoi tessellation, as even cells or stipple dots."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy.spatial import cKDTree

from foulard.ops.growth._cells import role_rgba
from foulard.ops.growth._lazy import Lazy, sample_value_grid
from foulard.ops.growth._packing import Balls
from foulard.ops.growth._points import unit_torus
from foulard.ops.growth._sites import torus_colouring
from foulard.ops.growth._voronoi import VoronoiCells, inset_cover
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call


@dataclass(frozen=True)
class LloydParams(Params):
    points: int = param(260, range=(3, 2000), doc="sites (cells or dots) in the unit square")
    iterations: int = param(
        30, range=(0, 40), doc="Lloyd steps (0: random sites; 20-40: settled, even cells)"
    )
    render: str = param(
        "cells", choices=("cells", "stipple"), doc="relaxed Voronoi cells, or a dot per site"
    )
    invert: bool = param(False, doc="crowd sites where the density input is low, not high")
    contrast: float = param(
        2.0, range=(0.0, 8.0), doc="how strongly the density input gathers sites (0: ignore it)"
    )
    gap: float = param(
        0.004, range=(0.0, 0.03), doc="edge width between cells", unit="design units"
    )
    rounding: float = param(
        0.006, range=(0.0, 0.03), doc="corner radius of the cells", unit="design units"
    )
    dot: float = param(
        0.75,
        range=(0.05, 1.2),
        doc="stipple dot diameter as a share of the mean spacing (at most its cell's width)",
    )
    first_role: int = param(2, range=(0, 47), doc="first palette role of cells or dots")
    roles: int = param(4, range=(1, 48), doc="palette roles used (neighbouring cells differ)")
    edge_role: int = param(1, range=(0, 47), doc="palette role of the edges between cells")


def relax(
    sites: np.ndarray, iterations: int, weight: np.ndarray | None, samples: int
) -> tuple[np.ndarray, np.ndarray]:
    """Lloyd's algorithm on the unit torus, discretised on a ``samples^2`` grid.

    Each step moves every site to the (``weight``-weighted) centroid of the grid
    points nearest to it, measuring offsets the short way round the torus.
    Returns the sites and the area of each one's cell (as measured on the grid).
    """
    sites = unit_torus(sites)
    m = samples
    c = (np.arange(m) + 0.5) / m
    gx, gy = np.meshgrid(c, c)
    grid = np.stack([gx.ravel(), gy.ravel()], -1)
    w = np.ones(m * m) if weight is None else np.asarray(weight, np.float64).ravel()
    n = len(sites)
    for _ in range(iterations):
        _, owner = cKDTree(sites, boxsize=1.0).query(grid, k=1)
        off = grid - sites[owner]
        off -= np.rint(off)
        mass = np.bincount(owner, weights=w, minlength=n)
        mx = np.bincount(owner, weights=w * off[:, 0], minlength=n)
        my = np.bincount(owner, weights=w * off[:, 1], minlength=n)
        has = mass > 0
        sites[has, 0] += mx[has] / mass[has]
        sites[has, 1] += my[has] / mass[has]
        sites = unit_torus(sites)
    _, owner = cKDTree(sites, boxsize=1.0).query(grid, k=1)
    return sites, np.bincount(owner, minlength=n) / (m * m)


def _samples(points: int) -> int:
    return int(np.clip(math.ceil(math.sqrt(points * 12.0)), 64, 256))


def _geometry(rng: np.random.Generator, p: LloydParams, call: Call):
    m = _samples(p.points)
    weight = None
    if call.has_input("density") and p.contrast > 0:
        d = sample_value_grid(call, "density", m)
        d = 1.0 - d if p.invert else d
        weight = np.exp(p.contrast * (d - 1.0))  # in (0, 1]: positive everywhere
    start = rng.random((p.points, 2))
    if weight is not None:
        # Start close to the target: sites drawn from the density (faster to settle).
        prob = weight.ravel() / weight.sum()
        idx = rng.choice(weight.size, p.points, p=prob)
        start = (np.stack([idx % m, idx // m], -1) + rng.random((p.points, 2))) / m
    sites, cell_area = relax(start, p.iterations, weight, m)
    roles = [p.first_role + i for i in range(p.roles)]
    if p.render == "stipple":
        # Dots of one size (the mean spacing), shrunk to their own cell where crowded
        # so that they never merge: density shows as more dots, not as blots.
        width = np.sqrt(np.maximum(cell_area, 0.25 / (m * m)))
        size = 0.5 * p.dot * np.minimum(width, 1.0 / math.sqrt(p.points))
        role = p.first_role + rng.integers(0, p.roles, len(sites))
        return Balls(sites, size), role
    cells = VoronoiCells(sites, "euclidean", 0.5 * p.gap + 2.0 * p.rounding + 0.005)
    return cells, torus_colouring(cells.adjacency(), roles, rng)


@operator(
    "growth.lloyd_cvt",
    kind="field",
    version=1,
    output="rgba",
    inputs=(
        Input(
            "density",
            "where sites crowd (small cells, dense dots); optional",
            "fields.value_noise",
            optional=True,
            example_params={"frequency": 3},
        ),
    ),
    prepare=Lazy.seeded,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)],
    tags=(
        "lloyd",
        "centroidal voronoi",
        "honeycomb",
        "even cells",
        "stippling",
        "dragonfly wing",
        "质心泰森",
        "蜂窝",
        "点彩",
        "均匀细胞",
    ),
)
def lloyd_cvt(p: LloydParams, call: Call) -> np.ndarray:
    """Lloyd relaxation to a centroidal Voronoi tessellation: even, organic cells.

    Random sites on the unit torus are moved, ``iterations`` times, to the
    centroids of their Voronoi cells (computed on a fine grid, offsets measured the
    short way round the torus), which spreads them into an even, honeycomb-like
    layout without a lattice. With a ``density`` input the centroids are weighted
    by ``exp(contrast * (density - 1))`` (Secord's weighted Voronoi stippling), so
    cells shrink and dots crowd where the input is high (or low, with ``invert``).
    ``cells`` draws the relaxed cells (exact edges, rounded corners, palette roles
    that differ between neighbours); ``stipple`` draws one dot per site, all of one
    size except where crowding would make them merge (there they fit their cell).

    References
    ----------
    Lloyd 1982, "Least squares quantization in PCM", IEEE Transactions on
    Information Theory 28(2).
    Du, Faber & Gunzburger 1999, "Centroidal Voronoi tessellations: applications and
    algorithms", SIAM Review 41(4).
    Secord 2002, "Weighted Voronoi stippling", NPAR.
    """
    geometry, role = call.state.get(_geometry, p, call)
    colors = role_rgba(call.palette, role)
    if isinstance(geometry, Balls):
        return geometry.sample(call.x, call.y, call.footprint, colors)
    owner, e1, e2 = geometry.query(call.x, call.y)
    cov = inset_cover(e1, e2, 0.5 * p.gap, p.rounding, call.footprint)[..., None]
    edge = role_rgba(call.palette, np.array([p.edge_role]))[0]
    return (cov * colors[owner] + (1.0 - cov) * edge).astype(np.float32)
