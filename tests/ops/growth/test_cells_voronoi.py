"""growth.voronoi, growth.lloyd_cvt, growth.delaunay_low_poly: cells of point sets."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.spatial import Delaunay

from foulard.genome.schema import Node
from foulard.ops.growth._cells import CellImage
from foulard.ops.growth._sites import scatter_sites
from foulard.ops.growth._voronoi import VoronoiCells
from foulard.ops.growth.delaunay_low_poly import Facets
from foulard.ops.growth.lloyd_cvt import relax


def _torus_dist(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    d = p[:, None, :] - q[None, :, :]
    d -= np.rint(d)
    return np.hypot(d[..., 0], d[..., 1])


@pytest.mark.parametrize("metric", ["euclidean", "manhattan", "chebyshev"])
def test_owner_is_the_nearest_site_on_the_torus(metric):
    rng = np.random.default_rng(3)
    sites = rng.random((40, 2))
    cells = VoronoiCells(sites, metric, 0.01)
    pts = rng.uniform(-0.3, 1.3, (3000, 2))
    owner, _, _ = cells.query(pts[:, 0], pts[:, 1])
    d = pts[:, None, :] % 1.0 - sites[None, :, :]
    d -= np.rint(d)
    if metric == "euclidean":
        dist = np.hypot(d[..., 0], d[..., 1])
    elif metric == "manhattan":
        dist = np.abs(d).sum(axis=-1)
    else:
        dist = np.abs(d).max(axis=-1)
    best = dist.min(axis=1)
    assert np.allclose(dist[np.arange(len(pts)), owner], best, atol=1e-12)


def test_each_site_lies_in_its_own_cell_and_edges_are_bisector_distances():
    rng = np.random.default_rng(5)
    sites = rng.random((30, 2))
    cells = VoronoiCells(sites, "euclidean", 0.02)
    owner, e1, _ = cells.query(sites[:, 0], sites[:, 1])
    assert np.array_equal(owner, np.arange(30))
    # A site's distance to its cell's edge is half the distance to its nearest neighbour.
    nn = np.sort(_torus_dist(sites, sites), axis=1)[:, 1]
    assert np.allclose(e1, 0.5 * nn, atol=1e-12)


def test_edge_distance_is_where_the_owner_changes():
    rng = np.random.default_rng(8)
    sites = rng.random((25, 2))
    cells = VoronoiCells(sites, "euclidean", 0.05)
    pts = rng.random((400, 2))
    owner, e1, _ = cells.query(pts[:, 0], pts[:, 1])
    # Walking less than the edge distance in any direction keeps the owner.
    for ang in np.linspace(0, 2 * np.pi, 12, endpoint=False):
        step = 0.98 * np.minimum(e1, 0.05)
        q = pts + step[:, None] * np.array([np.cos(ang), np.sin(ang)])
        o2, _, _ = cells.query(q[:, 0], q[:, 1])
        assert np.array_equal(o2, owner)


@pytest.mark.parametrize("metric", ["euclidean", "manhattan"])
def test_neighbouring_cells_take_different_roles(bind, metric):
    node = Node.make("growth.voronoi", sites=120, roles=5, first_role=1, metric=metric)
    cells, role = bind(node).ev.root.state(None)
    adj = cells.adjacency()
    assert sum(len(a) for a in adj) > 4 * 120  # a real adjacency, not an empty one
    for i, nbrs in enumerate(adj):
        assert all(role[i] != role[j] for j in nbrs)
    assert set(role) == {1, 2, 3, 4, 5}


def test_lattice_sites_tile_the_square():
    pts = scatter_sites(np.random.default_rng(0), 100, "hexagonal", 0.0)
    assert pts.min() >= 0.0 and pts.max() < 1.0
    d = np.sort(_torus_dist(pts, pts), axis=1)[:, 1]
    # Without jitter every site of the (periodic) hex lattice has the same spacing.
    assert np.ptp(d) < 0.2 * d.mean()


def test_voronoi_styles_and_gap(bind, points):
    x, y = points(2000)
    full = bind(Node.make("growth.voronoi", style="cells", gap=0.0)).sample(x, y, 0.0, channel=3)
    gaps = bind(Node.make("growth.voronoi", style="gaps", gap=0.02)).sample(x, y, 0.0, channel=3)
    lines = bind(Node.make("growth.voronoi", style="edges", gap=0.02)).sample(x, y, 0.0, channel=3)
    assert np.all(full == 1.0)  # cells cover everything
    assert 0.05 < 1.0 - gaps.mean() < 0.6  # the gaps are clear
    assert np.allclose(gaps + lines, 1.0)  # lines are exactly the gaps


def _energy(sites: np.ndarray, m: int = 96) -> float:
    c = (np.arange(m) + 0.5) / m
    gx, gy = np.meshgrid(c, c)
    g = np.stack([gx.ravel(), gy.ravel()], -1)
    return float((_torus_dist(g, sites).min(axis=1) ** 2).mean())


def test_lloyd_relaxation_lowers_the_quantisation_energy():
    start = np.random.default_rng(2).random((60, 2))
    energies = [_energy(relax(start, k, None, 96)[0]) for k in (0, 2, 10, 30)]
    assert energies == sorted(energies, reverse=True)
    assert energies[-1] < 0.8 * energies[0]


def test_lloyd_spreads_sites_evenly():
    start = np.random.default_rng(4).random((80, 2))
    relaxed, area = relax(start, 30, None, 128)
    assert relaxed.min() >= 0.0 and relaxed.max() < 1.0
    assert area.sum() == pytest.approx(1.0)
    spread = lambda p: np.std(np.sort(_torus_dist(p, p), axis=1)[:, 1])  # noqa: E731
    assert spread(relaxed) < 0.5 * spread(start)


def test_lloyd_density_crowds_sites_where_the_input_is_high():
    m = 96
    weight = np.ones((m, m))
    weight[:, : m // 2] = 8.0  # left half eight times as heavy
    start = np.random.default_rng(1).random((120, 2))
    sites, _ = relax(start, 25, weight, m)
    assert (sites[:, 0] < 0.5).mean() > 0.6


def test_delaunay_facets_tile_the_torus_exactly_once():
    pts = np.random.default_rng(6).random((50, 2))
    facets = Facets(pts)
    assert len(facets) == 2 * len(pts)  # Euler: a triangulated torus has 2n faces
    q = np.random.default_rng(7).uniform(-0.5, 1.5, (4000, 2))
    cand, d = facets.inside(q[:, 0], q[:, 1])
    inside = (d >= 0) & (cand < len(facets))
    counts = inside.sum(axis=1)
    assert counts.min() >= 1
    assert (counts == 1).mean() > 0.999  # only points exactly on an edge see two


def test_delaunay_circumcircles_are_empty():
    pts = np.random.default_rng(9).random((40, 2))
    facets = Facets(pts)
    shifts = np.array([(dx, dy) for dy in (-1, 0, 1) for dx in (-1, 0, 1)], float)
    tiled = (pts[None] + shifts[:, None]).reshape(-1, 2)
    for a, b, c in facets.corners:
        ax, ay = a
        bx, by = b
        cx, cy = c
        den = 2 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by))
        ux = (
            (ax**2 + ay**2) * (by - cy) + (bx**2 + by**2) * (cy - ay) + (cx**2 + cy**2) * (ay - by)
        ) / den
        uy = (
            (ax**2 + ay**2) * (cx - bx) + (bx**2 + by**2) * (ax - cx) + (cx**2 + cy**2) * (bx - ax)
        ) / den
        r = np.hypot(ax - ux, ay - uy)
        dist = np.hypot(tiled[:, 0] - ux, tiled[:, 1] - uy)
        assert (dist >= r - 1e-9).all()
    assert Delaunay(tiled).simplices.size  # scipy agrees there is a triangulation


def test_cell_image_box_filter_is_the_exact_average():
    rng = np.random.default_rng(0)
    table = rng.random((6, 6, 1))
    img = CellImage(table, periodic=(True, True))
    # A pixel two cells wide centred on a cell corner covers exactly four cells
    # (large footprints: prefix sums), and one cell wide centred on a cell exactly one.
    got = img.sample(np.array([2 / 6]), np.array([3 / 6]), 2 / 6)[0, 0]
    # (wrap01 snaps coordinates to 2^-24 of a period, hence the tolerance)
    assert got == pytest.approx(table[2:4, 1:3, 0].mean(), abs=1e-6)
    one = img.sample(np.array([4.5 / 6]), np.array([0.5 / 6]), 1 / 6)[0, 0]
    assert one == pytest.approx(table[0, 4, 0], abs=1e-6)
    # Half a cell wide, straddling a vertical edge: half of each.
    half = img.sample(np.array([1 / 6]), np.array([3.5 / 6]), 0.5 / 6)[0, 0]
    assert half == pytest.approx(0.5 * (table[3, 0, 0] + table[3, 1, 0]), abs=1e-6)


def test_cell_image_is_exactly_periodic():
    img = CellImage(np.random.default_rng(1).random((9, 9, 2)), periodic=(True, True))
    x, y = np.random.default_rng(2).random((2, 500))
    for fp in (0.0, 0.01, 0.3):
        assert np.array_equal(img.sample(x, y, fp), img.sample(x + 3.0, y - 2.0, fp))
