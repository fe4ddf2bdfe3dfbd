"""Regular and Archimedean tilings: vertex configurations, colouring rules, drawing.

Geometry is checked on the faces themselves (every vertex of the basic cell is
surrounded by the right polygons in the right cyclic order, all edges are equal,
the faces fill the cell exactly); colourings and lines on the rendered field.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from foulard.ops import get
from foulard.ops.examples import EXAMPLE_PALETTE
from foulard.ops.tiling import archimedean_hexagonal as ah
from foulard.ops.tiling import archimedean_square as asq
from foulard.ops.tiling import regular
from ops.tiling._helpers import across_edges, bind, colour_key, params

# (operator, its face tiling, vertex configuration)
TILINGS = [
    ("tiling.square", regular.SQUARE, (4, 4, 4, 4)),
    ("tiling.hexagonal", regular.HEXAGONAL, (6, 6, 6)),
    ("tiling.triangular", regular.TRIANGULAR, (3, 3, 3, 3, 3, 3)),
    ("tiling.trihexagonal", ah.TRIHEXAGONAL, (3, 6, 3, 6)),
    ("tiling.rhombitrihexagonal", ah.RHOMBITRIHEXAGONAL, (3, 4, 6, 4)),
    ("tiling.truncated_hexagonal", ah.TRUNCATED_HEXAGONAL, (3, 12, 12)),
    ("tiling.truncated_trihexagonal", ah.TRUNCATED_TRIHEXAGONAL, (4, 6, 12)),
    ("tiling.snub_trihexagonal", ah.SNUB_TRIHEXAGONAL, (3, 3, 3, 3, 6)),
    ("tiling.truncated_square", asq.TRUNCATED_SQUARE, (4, 8, 8)),
    ("tiling.snub_square", asq.SNUB_SQUARE, (3, 3, 4, 3, 4)),
    ("tiling.elongated_triangular", asq.ELONGATED, (3, 3, 3, 4, 4)),
]
IDS = [t[0] for t in TILINGS]


def canonical_cycle(seq: tuple[int, ...]) -> tuple[int, ...]:
    """The least rotation or reflection of a cyclic sequence (a vertex configuration)."""
    out = []
    for r in range(len(seq)):
        s = seq[r:] + seq[:r]
        out += [s, s[::-1]]
    return min(out)


def vertex_configurations(tiling, p) -> dict[tuple[int, ...], int]:
    """Configuration of every vertex in the basic cell, from the faces around it."""
    geo = tiling.geometry(p)
    cw, ch = geo.cell
    faces = tiling._build(p)
    around: dict[tuple[int, int], list] = {}
    for f in faces:
        for v in f.poly:
            around.setdefault((round(v[0] * 1e6), round(v[1] * 1e6)), []).append(f)
    out: dict[tuple[int, ...], int] = {}
    for k, fs in around.items():
        x, y = k[0] * 1e-6, k[1] * 1e-6
        if not (0 <= x < cw - 1e-6 and 0 <= y < ch - 1e-6):
            continue
        ring = sorted(
            (math.atan2(f.poly.mean(0)[1] - y, f.poly.mean(0)[0] - x), f.sides) for f in fs
        )
        key = canonical_cycle(tuple(s for _, s in ring))
        out[key] = out.get(key, 0) + 1
    return out


@pytest.mark.parametrize(("op_id", "tiling", "config"), TILINGS, ids=IDS)
def test_every_vertex_has_the_configuration(op_id, tiling, config):
    found = vertex_configurations(tiling, params(op_id))
    assert found, "no vertex in the basic cell"
    assert set(found) == {canonical_cycle(config)}, found


@pytest.mark.parametrize(("op_id", "tiling", "config"), TILINGS, ids=IDS)
def test_faces_are_regular_and_fill_the_cell(op_id, tiling, config):
    geo = tiling.geometry(params(op_id))
    cw, ch = geo.cell
    assert sum(f.area() for f in geo.faces) == pytest.approx(cw * ch, rel=1e-9)
    edges = set()
    for f in geo.faces:
        e = np.roll(f.poly, -1, axis=0) - f.poly
        edges |= {round(float(v), 9) for v in np.hypot(e[:, 0], e[:, 1])}
        # Regular polygons: all corners on one circle about the centroid.
        r = np.hypot(*(f.poly - f.poly.mean(axis=0)).T)
        assert np.ptp(r) < 1e-9
    assert len(edges) == 1, f"edges of several lengths: {sorted(edges)}"


def test_snub_trihexagonal_hands_are_mirror_images():
    right = ah.SNUB_TRIHEXAGONAL.geometry(params("tiling.snub_trihexagonal", hand="right"))
    left = ah.SNUB_TRIHEXAGONAL.geometry(params("tiling.snub_trihexagonal", hand="left"))
    # Mirroring the right-handed tiling in the x axis gives the left-handed one.
    mirrored = {(round(c[0], 6), round(-c[1] % math.sqrt(3), 6)) for c in right.face_centres}
    assert mirrored == {(round(c[0], 6), round(c[1] % math.sqrt(3), 6)) for c in left.face_centres}
    assert mirrored != {(round(c[0], 6), round(c[1], 6)) for c in right.face_centres}


PROPER = [
    ("tiling.square", {"coloring": "checker", "colors": 2}),
    ("tiling.square", {"coloring": "checker", "colors": 4, "color_3": 5}),
    ("tiling.square", {"coloring": "knight", "colors": 3}),
    ("tiling.hexagonal", {"coloring": "three", "color_1": 1, "color_2": 2, "color_3": 3}),
    ("tiling.triangular", {"coloring": "two"}),
    ("tiling.triangular", {"coloring": "three", "color_3": 5}),
    ("tiling.trihexagonal", {"coloring": "two"}),
    ("tiling.truncated_trihexagonal", {"coloring": "three"}),
    ("tiling.rhombitrihexagonal", {"coloring": "three"}),
    ("tiling.truncated_square", {"coloring": "checker", "color_3": 5}),
]


@pytest.mark.parametrize(("op_id", "kw"), PROPER, ids=[f"{o}-{k['coloring']}" for o, k in PROPER])
def test_colourings_that_promise_it_differ_across_every_edge(op_id, kw):
    ev, sample = bind(op_id, line_width=0.0, rotation=0.0, sideways=False, **kw)
    a, b = across_edges(ev, sample)
    assert (a != b).all()


def test_checker_uses_n_colours_and_single_uses_one():
    for n in (2, 3, 4):
        _, sample = bind("tiling.square", coloring="checker", colors=n, color_3=5, line_width=0.0)
        x, y = np.meshgrid((np.arange(16) + 0.5) / 8, (np.arange(16) + 0.5) / 8)
        assert len(np.unique(colour_key(sample(x, y)))) == n
    _, sample = bind("tiling.hexagonal", coloring="single", double_line=0.0, line_width=0.0)
    x, y = np.random.default_rng(0).uniform(0, 1, (2, 500))
    assert len(np.unique(colour_key(sample(x, y)))) == 1


@pytest.mark.parametrize(("op_id", "tiling", "config"), TILINGS, ids=IDS)
def test_lines_cover_the_edges_and_leave_the_faces_clear(op_id, tiling, config):
    lw = 0.01
    ev, sample = bind(op_id, fill="none", line_width=lw, line_color=0, rotation=0.0, repeats=3)
    prep = ev.root.state(ev.palette)
    s = prep.layout.scale
    geo = prep.geo
    mids = np.array(
        [0.5 * (f.poly[k] + f.poly[(k + 1) % f.sides]) for f in geo.faces for k in range(f.sides)]
    )
    on = sample(mids[:, 0] * s, mids[:, 1] * s, 1e-4)
    assert np.allclose(on[:, 3], 1.0) and np.allclose(on[:, :3], EXAMPLE_PALETTE_RGB[0], atol=1e-6)
    # Face centres further than the line from every edge stay transparent.
    cen = np.array([f.poly.mean(axis=0) for f in geo.faces]) * s
    assert np.allclose(sample(cen[:, 0], cen[:, 1], 1e-4), 0.0)


EXAMPLE_PALETTE_RGB = [
    tuple(int(c[i : i + 2], 16) / 255 for i in (1, 3, 5)) for c in EXAMPLE_PALETTE
]


def test_box_filter_matches_supersampling_across_edges():
    # A pixel's value is the mean of its area: compare with 32 x 32 point samples.
    _, sample = bind(
        "tiling.truncated_square", line_width=0.004, rotation=13.0, corner_radius=0.003
    )
    rng = np.random.default_rng(3)
    fp = 1 / 200
    centres = rng.uniform(0, 1, (300, 2))
    sub = (np.arange(32) + 0.5) / 32 - 0.5
    gx, gy = np.meshgrid(sub, sub)
    want = np.array(
        [sample(c[0] + gx * fp, c[1] + gy * fp, 1e-9).mean(axis=(0, 1)) for c in centres]
    )
    got = sample(centres[:, 0], centres[:, 1], fp)
    err = np.abs(got - want)[:, :3]
    assert err.mean() < 0.01 and err.max() < 0.25


@pytest.mark.parametrize(
    "kw", [{}, {"corner_radius": 0.006}, {"double_line": 0.004}, {"fill": "none"}]
)
def test_deep_points_skip_no_ink(kw):
    """Points deeper in a face than lines reach take the fill without the edge maths."""
    ev, sample = bind("tiling.hexagonal", line_width=0.005, rotation=7.0, **kw)
    x, y = np.random.default_rng(1).uniform(-0.2, 1.2, (2, 20000))
    fast = sample(x, y, 1 / 300)
    prep = ev.root.state(ev.palette)
    prep.margin = np.inf  # every point through the full edge computation
    slow = sample(x, y, 1 / 300)
    assert np.abs(fast - slow).max() < 1e-6


def test_rounded_corners_open_holes_at_vertices_only():
    _, sample = bind(
        "tiling.square",
        coloring="single",
        line_width=0.0,
        line_color=0,
        corner_radius=0.01,
        repeats=4,
    )
    # Vertices of the squares sit on multiples of 1/4: there the line colour shows.
    k = np.arange(1, 4) / 4.0
    vx, vy = np.meshgrid(k, k)
    at_vertex = sample(vx.ravel(), vy.ravel(), 1e-5)
    assert np.allclose(at_vertex[:, :3], EXAMPLE_PALETTE_RGB[0], atol=1e-6)
    # Edge midpoints stay the face colour (no gap where the line width is 0).
    mid = sample(np.full(3, 0.125), k, 1e-5)
    assert np.allclose(mid[:, :3], EXAMPLE_PALETTE_RGB[1], atol=1e-3)


@pytest.mark.parametrize(
    ("op_id", "kw"),
    [
        ("tiling.hexagonal", {"coloring": "three", "sideways": True}),
        ("tiling.snub_square", {"coloring": "random", "repeats": 5}),
        ("tiling.triangular", {"coloring": "three", "repeats": 6}),
        ("tiling.elongated_triangular", {"rotation": 30.0}),
    ],
)
def test_declared_periods_repeat_exactly(op_id, kw):
    ev, sample = bind(op_id, **kw)
    x, y = np.random.default_rng(2).uniform(-0.5, 1.5, (2, 5000))
    base = sample(x, y, 1 / 256)
    for dx, dy in get(op_id).periods(ev.root.params):
        assert np.array_equal(base, sample(x + dx, y + dy, 1 / 256))


def test_repeats_divisible_by_the_colouring_period_repeat_over_the_unit_square():
    ev, sample = bind("tiling.hexagonal", coloring="three", repeats=9)
    (dx, dy), _ = get("tiling.hexagonal").periods(ev.root.params)
    assert (dx, dy) == pytest.approx((1 / 3, 0.0))
    x, y = np.random.default_rng(4).uniform(0, 1, (2, 3000))
    assert np.array_equal(sample(x, y, 1e-3), sample(x + 1.0, y, 1e-3))
