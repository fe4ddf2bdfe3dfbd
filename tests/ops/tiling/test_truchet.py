"""Truchet tiles: paths continue across tile edges, domains keep their colour across them."""

from __future__ import annotations

import math

import numpy as np
import pytest

from foulard.genome import Genome
from foulard.genome.schema import Node
from foulard.ops import get
from foulard.ops.examples import EXAMPLE_PALETTE
from foulard.ops.tiling.truchet import _triangles_prepare, arc_regions
from foulard.ops.tiling.truchet_hexagonal import PATHS, VARIANTS
from foulard.ops.tiling.truchet_multiscale import _prepare as multiscale_prepare
from foulard.ops.tiling.truchet_multiscale import motif_sd
from foulard.render import TileCache
from foulard.render.evaluate import Evaluator

RGB = [np.array([int(c[i : i + 2], 16) / 255 for i in (1, 3, 5)]) for c in EXAMPLE_PALETTE]


def bind(op_id: str, seed: int = 5, **kw):
    node = Node.make(op_id, **{**get(op_id).example_params, **kw})
    palette = Node.make("color.palette", colors=EXAMPLE_PALETTE)
    ev = Evaluator(Genome.make(node, palette, seed=seed), cache=TileCache())

    def sample(x, y, fp=1e-7):
        return ev.sample(ev.root, np.asarray(x, float), np.asarray(y, float), fp)[..., :3]

    return ev, sample


def is_colour(v: np.ndarray, role: int, tol: float = 1e-5) -> np.ndarray:
    return np.abs(v - RGB[role]).max(axis=-1) < tol


# -- Smith's arcs ---------------------------------------------------------------------------


@pytest.mark.parametrize("repeats", [6, 7])
@pytest.mark.parametrize("arrangement", ["random", "alternate", "same"])
def test_arc_domains_keep_their_colour_across_tile_edges(repeats, arrangement):
    _, sample = bind(
        "tiling.truchet_arcs", style="fill", repeats=repeats, arrangement=arrangement, seed=11
    )
    # Points just either side of every vertical and horizontal tile edge, in two periods.
    k = np.arange(2 * repeats + 1) / repeats
    t = np.random.default_rng(0).uniform(0, 2, 4000)
    eps = 1e-6
    for x, y in (
        (np.repeat(k, t.size), np.tile(t, k.size)),
        (np.tile(t, k.size), np.repeat(k, t.size)),
    ):
        vertical = x.size and np.allclose(x * repeats, np.round(x * repeats))
        a = sample(x - eps, y) if vertical else sample(x, y - eps)
        b = sample(x + eps, y) if vertical else sample(x, y + eps)
        along = (y if vertical else x) * repeats
        off_arc = np.abs(along - np.floor(along) - 0.5) > 1e-3  # arcs cross at midpoints
        assert np.abs(a - b)[off_arc].max() < 1e-3


def test_arcs_meet_every_edge_at_its_midpoint_at_right_angles():
    for o in (0, 1):
        # Distance to the arcs along the bottom edge (y = 0) vanishes only at x = 1/2.
        x = np.linspace(0, 1, 1001)
        t, _ = arc_regions(
            np.full(x.size, o), np.zeros(x.size, int), np.zeros(x.size, int), x, np.zeros(x.size)
        )
        assert x[np.argmin(t)] == pytest.approx(0.5)
        assert t.min() < 1e-12
        # ... and grows linearly with distance along the edge: the arc crosses it square.
        assert t[600] == pytest.approx(0.1, abs=1e-9)


def test_arc_lines_are_continuous_curves():
    _, sample = bind("tiling.truchet_arcs", style="lines", line_width=0.01, line_color=1, repeats=5)
    # Every edge midpoint of the grid is inked (the paths pass from tile to tile).
    k = (np.arange(5) + 0.5) / 5
    e = np.arange(6) / 5
    xs, ys = np.meshgrid(k, e)
    assert is_colour(sample(xs.ravel(), ys.ravel()), 1).all()
    assert is_colour(sample(ys.ravel(), xs.ravel()), 1).all()
    # Grid corners are never on a line.
    cx, cy = np.meshgrid(e, e)
    assert not is_colour(sample(cx.ravel(), cy.ravel()), 1).any()


def test_arcs_with_odd_repeats_repeat_over_two_units():
    spec = get("tiling.truchet_arcs")
    assert spec.periods(spec.params(repeats=7)) == [(2.0, 0.0), (0.0, 2.0)]
    assert spec.periods(spec.params(repeats=8)) == [(1.0, 0.0), (0.0, 1.0)]


# -- Truchet's triangles ----------------------------------------------------------------------


def test_each_triangle_tile_is_half_dark():
    _, sample = bind("tiling.truchet_triangles", repeats=4, color_1=1, color_2=0)
    n = 400
    g = (np.arange(n) + 0.5) / n
    x, y = np.meshgrid(g, g)
    v = sample(x, y, 1.0 / n)
    dark = np.abs(v - RGB[0]).sum(-1) / np.abs(RGB[1] - RGB[0]).sum()
    # Each of the 16 tiles is half dark (to pixel accuracy).
    per_tile = dark.reshape(4, n // 4, 4, n // 4).mean(axis=(1, 3))
    assert np.allclose(per_tile, 0.5, atol=0.01)


@pytest.mark.parametrize("arrangement", ["diamonds", "pinwheel", "zigzag", "stripes"])
def test_regular_arrangements_repeat_their_block(arrangement):
    _, sample = bind("tiling.truchet_triangles", repeats=8, arrangement=arrangement)
    x, y = np.random.default_rng(1).uniform(0, 1, (2, 3000))
    base = sample(x, y)
    assert np.array_equal(base, sample(x + 2 / 8, y))
    assert np.array_equal(base, sample(x, y + 2 / 8))
    table = _triangles_prepare(
        get("tiling.truchet_triangles").params(arrangement=arrangement), None
    )
    assert table.shape == (2, 2)


def test_bias_sets_the_share_of_slashes():
    spec = get("tiling.truchet_triangles")
    for bias in (0.0, 0.25, 1.0):
        o = _triangles_prepare(spec.params(repeats=80, bias=bias), np.random.default_rng(0))
        share = np.mean(o % 2 == 0)  # turns 0 and 2 are cut along /
        assert share == pytest.approx(bias, abs=0.03)


def test_maze_lines_run_corner_to_corner():
    _, sample = bind("tiling.truchet_triangles", mode="maze", repeats=6, line_width=0.01, color_1=1)
    c = np.arange(7) / 6
    # Tile centres are always on the diagonal line; edge midpoints never.
    m = (np.arange(6) + 0.5) / 6
    cx, cy = np.meshgrid(m, m)
    assert is_colour(sample(cx.ravel(), cy.ravel()), 1).all()
    ex, ey = np.meshgrid(m, c)
    assert not is_colour(sample(ex.ravel(), ey.ravel()), 1).any()


# -- hexagonal -------------------------------------------------------------------------------


def test_every_hexagonal_tile_pairs_all_six_midpoints():
    for v in VARIANTS:
        ends = sorted(e for pair in v for e in pair)
        assert ends == [0, 1, 2, 3, 4, 5]
    # Each path passes through its two midpoints, crossing the edge at right angles.
    for v, paths in zip(VARIANTS, PATHS, strict=True):
        for (a, b), (kind, px, py, r) in zip(v, paths, strict=True):
            for m in (a, b):
                mid = 0.5 * np.array(
                    [math.cos(math.radians(60 * m)), math.sin(math.radians(60 * m))]
                )
                normal = mid / np.hypot(*mid)
                if kind == 2.0:
                    assert abs(mid[0] * py - mid[1] * px) < 1e-12
                    assert abs(normal @ np.array([px, py])) == pytest.approx(1.0)
                else:
                    radius = mid - np.array([px, py])
                    assert np.hypot(*radius) == pytest.approx(r)
                    assert abs(radius @ normal) < 1e-12  # tangent along the normal


@pytest.mark.parametrize("style", ["lines", "ribbons", "fill"])
@pytest.mark.parametrize("arc_set", ["small", "mixed", "woven"])
def test_hexagonal_paths_continue_across_hexagon_edges(style, arc_set):
    ev, sample = bind("tiling.truchet_hexagonal", style=style, arc_set=arc_set, mix=0.5, seed=3)
    prep = ev.root.state(ev.palette)
    s = prep.layout.scale
    rng = np.random.default_rng(5)
    # Random points on the edges of the hexagons of one cell, nudged either way.
    pts, nrm = [], []
    for f in prep.geo.faces:
        for k in range(6):
            p0, p1 = f.poly[k], f.poly[(k + 1) % 6]
            t = rng.uniform(0.02, 0.98, 40)
            pts.append(p0 + t[:, None] * (p1 - p0))
            n = np.array([p1[1] - p0[1], p0[0] - p1[0]]) / np.hypot(*(p1 - p0))
            nrm.append(np.repeat(n[None], 40, axis=0))
    pts, nrm = np.concatenate(pts) * s, np.concatenate(nrm)
    eps = 1e-7
    a = sample(*(pts + eps * nrm).T)
    b = sample(*(pts - eps * nrm).T)
    assert np.abs(a - b).max() < 1e-4


# -- multi-scale -------------------------------------------------------------------------------


@pytest.mark.parametrize("motif", range(6))
def test_multiscale_motifs_meet_edges_in_their_middle_third(motif):
    t = np.linspace(0, 1, 601)
    for x, y in ((t, 0 * t), (t, 0 * t + 1), (0 * t, t), (0 * t + 1, t)):
        band = motif_sd(np.full(t.size, motif), x, y) < 0
        middle = (t > 1 / 3 + 1e-9) & (t < 2 / 3 - 1e-9)
        outer = (t < 1 / 3 - 1e-9) | (t > 2 / 3 + 1e-9)
        assert band[middle].all() and not band[outer].any()


def test_multiscale_quadtree_fills_the_grid_and_respects_depth():
    spec = get("tiling.truchet_multiscale")
    p = spec.params(repeats=3, depth=3, split=0.6)
    level, _ = multiscale_prepare(p, np.random.default_rng(0))
    assert level.shape == (24, 24)
    assert set(np.unique(level)) <= {0, 1, 2, 3}
    # Leaves are aligned squares of side 2^(depth - level) finest cells.
    for lev in range(4):
        size = 8 >> lev
        blocks = (level == lev).reshape(24 // size, size, 24 // size, size)
        whole = blocks.all(axis=(1, 3))
        assert (blocks.any(axis=(1, 3)) == whole).all()
    assert multiscale_prepare(p.replace(split=0.0), np.random.default_rng(0))[0].max() == 0


def test_multiscale_colours_alternate_across_every_tile_edge():
    ev, sample = bind("tiling.truchet_multiscale", depth=2, split=0.5, repeats=3, seed=9)
    level, _ = ev.root.state(ev.palette)
    n = level.shape[0]  # finest cells across
    # Away from the band ends (1/3, 2/3 of the smaller tile) and from the wings, both
    # sides of every finest-cell edge show the same colour.
    rng = np.random.default_rng(0)
    k = rng.integers(0, n, 3000)
    along = rng.integers(0, n, 3000) + rng.choice([0.1, 0.5, 0.9], 3000)
    x = k / n
    y = along / n
    eps = 1e-7
    a, b = sample(x - eps, y), sample(x + eps, y)
    assert np.abs(a - b).max() < 1e-4
