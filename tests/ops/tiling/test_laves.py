"""Laves tilings (and asanoha): congruent faces, vertex degrees, duality, colourings."""

from __future__ import annotations

import math

import numpy as np
import pytest

from foulard.ops import get
from foulard.ops.examples import EXAMPLE_PALETTE
from foulard.ops.tiling import asanoha as asa
from foulard.ops.tiling import laves_hexagonal as lh
from foulard.ops.tiling import laves_square as ls
from foulard.ops.tiling._wythoff import snub_point
from ops.tiling._helpers import across_edges, bind, colour_key, params

# (operator, tiling, corner angles of its face in degrees, vertex degrees of the
#  tiling = the face sizes of the dual uniform tiling)
LAVES = [
    ("tiling.laves_rhombille", lh.RHOMBILLE, (60, 120, 60, 120), {3, 6}),
    ("tiling.laves_deltoidal", lh.DELTOIDAL, (60, 90, 120, 90), {3, 4, 6}),
    ("tiling.laves_kisrhombille", lh.KISRHOMBILLE, (30, 60, 90), {4, 6, 12}),
    ("tiling.asanoha", asa.ASANOHA, (30, 30, 120), {3, 12}),
    ("tiling.laves_floret", lh.FLORET, (120, 120, 120, 120, 60), {3, 6}),
    ("tiling.laves_cairo", ls.CAIRO, (90, 120, 120, 90, 120), {3, 4}),
    ("tiling.laves_tetrakis", ls.TETRAKIS, (45, 45, 90), {4, 8}),
]
IDS = [t[0] for t in LAVES]


def angles(poly: np.ndarray) -> list[float]:
    out = []
    n = len(poly)
    for k in range(n):
        a, b, c = poly[k - 1], poly[k], poly[(k + 1) % n]
        u, v = a - b, c - b
        out.append(math.degrees(math.acos(np.clip(u @ v / np.hypot(*u) / np.hypot(*v), -1, 1))))
    return out


def same_cycle(got: list[float], want: tuple[float, ...], tol: float = 1e-6) -> bool:
    n = len(want)
    if len(got) != n:
        return False
    for r in range(n):
        for seq in (got[r:] + got[:r], (got[r:] + got[:r])[::-1]):
            if all(abs(x - y) < tol for x, y in zip(seq, want, strict=True)):
                return True
    return False


@pytest.mark.parametrize(("op_id", "tiling", "corners", "degrees"), LAVES, ids=IDS)
def test_faces_are_congruent_with_the_laves_angles(op_id, tiling, corners, degrees):
    # Cairo at sqrt 3 - 1 is the exact dual of the snub square.
    extra = {"proportion": math.sqrt(3) - 1} if op_id == "tiling.laves_cairo" else {}
    geo = tiling.geometry(params(op_id, **extra))
    cw, ch = geo.cell
    assert sum(f.area() for f in geo.faces) == pytest.approx(cw * ch, rel=1e-9)
    areas = {round(f.area(), 9) for f in geo.faces}
    assert len(areas) == 1, "faces of several sizes"
    for f in geo.faces:
        assert same_cycle(angles(f.poly), corners), angles(f.poly)


@pytest.mark.parametrize(("op_id", "tiling", "corners", "degrees"), LAVES, ids=IDS)
def test_vertex_degrees_are_the_dual_face_sizes(op_id, tiling, corners, degrees):
    p = params(op_id)
    faces = tiling._build(p)
    cw, ch = tiling.cell(p)
    count: dict[tuple[int, int], int] = {}
    for f in faces:
        for v in f.poly:
            k = (round(v[0] * 1e6), round(v[1] * 1e6))
            count[k] = count.get(k, 0) + 1
    inside = {
        n for (x, y), n in count.items() if 0 <= x * 1e-6 < cw - 1e-6 and 0 <= y * 1e-6 < ch - 1e-6
    }
    assert inside == degrees


def test_laves_vertices_are_the_uniform_face_centres():
    """Rhombille is dual to 3.6.3.6: its vertices are the hexagon and triangle centres."""
    from foulard.ops.tiling import archimedean_hexagonal as ah

    p = params("tiling.trihexagonal")
    centres = {(round(f.centre[0], 6), round(f.centre[1], 6)) for f in ah.TRIHEXAGONAL._build(p)}
    rh = lh.RHOMBILLE._build(params("tiling.laves_rhombille"))
    verts = {(round(v[0], 6), round(v[1], 6)) for f in rh for v in f.poly}
    near = {v for v in verts if 0 <= v[0] < 1 and 0 <= v[1] < math.sqrt(3)}
    assert near <= centres


def test_cairo_proportion_is_short_over_long_edge():
    for want in (0.4, 0.732, 1.0, 1.4):
        geo = ls.CAIRO.geometry(params("tiling.laves_cairo", proportion=want))
        f = geo.faces[0]
        e = np.roll(f.poly, -1, axis=0) - f.poly
        lengths = sorted(np.hypot(e[:, 0], e[:, 1]))
        short, longs = (lengths[0], lengths[1:]) if want < 1 else (lengths[-1], lengths[:-1])
        assert np.ptp(longs) < 1e-9, "the four long edges are equal"
        assert short / longs[0] == pytest.approx(want, abs=1e-9)
    # The default is the Laves dual of the uniform snub square (short / long = sqrt 3 - 1).
    assert get("tiling.laves_cairo").params().proportion == pytest.approx(math.sqrt(3) - 1, 1e-3)


def test_floret_hands_mirror_each_other():
    right = lh.FLORET.geometry(params("tiling.laves_floret", hand="right"))
    left = lh.FLORET.geometry(params("tiling.laves_floret", hand="left"))
    h = math.sqrt(3)
    r = {(round(c[0] % 1, 6), round(-c[1] % h, 6)) for c in right.face_centres}
    lft = {(round(c[0] % 1, 6), round(c[1] % h, 6)) for c in left.face_centres}
    assert r == lft
    assert snub_point("p6m")[0] > 0  # the snub generator is inside the chamber


@pytest.mark.parametrize(
    ("op_id", "kw"),
    [
        ("tiling.laves_kisrhombille", {"coloring": "two"}),
        ("tiling.laves_tetrakis", {"coloring": "four", "color_3": 5, "color_4": 4}),
        ("tiling.laves_cairo", {"coloring": "four", "color_3": 5, "color_4": 2}),
        ("tiling.laves_rhombille", {"coloring": "shaded"}),
        ("tiling.laves_rhombille", {"coloring": "three"}),
    ],
)
def test_colourings_that_promise_it_differ_across_every_edge(op_id, kw):
    ev, sample = bind(op_id, line_width=0.0, rotation=0.0, **kw)
    a, b = across_edges(ev, sample, 0.01)
    assert (a != b).all()


@pytest.mark.parametrize(
    ("op_id", "kw", "groups"),
    [
        ("tiling.laves_deltoidal", {"coloring": "hexagons"}, 6),  # six kites per hexagon
        ("tiling.laves_floret", {"coloring": "florets"}, 6),  # six petals per floret
        ("tiling.laves_cairo", {"coloring": "two"}, 2),  # two pentagons per hexagon
    ],
)
def test_grouped_colourings_keep_each_group_one_colour(op_id, kw, groups):
    """Faces are coloured by group: an edge inside a group joins one colour."""
    ev, sample = bind(op_id, line_width=0.0, rotation=0.0, color_3=5, **kw)
    a, b = across_edges(ev, sample, 0.01)
    same = (a == b).mean()
    assert 0 < same < 1
    # Each face has exactly the edges shared within its group joining its own colour.
    prep = ev.root.state(ev.palette)
    sides = prep.geo.faces[0].sides
    per_face = (a == b).reshape(-1, sides).sum(axis=1)
    expected = {"tiling.laves_deltoidal": 2, "tiling.laves_floret": 2, "tiling.laves_cairo": 1}
    assert (per_face == expected[op_id]).all(), (groups, per_face)


def test_shaded_blocks_use_three_tones_of_one_role():
    _, sample = bind("tiling.laves_rhombille", coloring="shaded", color_1=2, line_width=0.0)
    x, y = np.random.default_rng(0).uniform(0, 1, (2, 4000))
    v = sample(x, y)
    tones = np.unique(np.rint(v[:, :3] * 255), axis=0)
    assert len(tones) == 3
    base = np.rint(np.array([int(EXAMPLE_PALETTE[2][i : i + 2], 16) for i in (1, 3, 5)]))
    assert any((t == base).all() for t in tones)
    # Light, base and dark: the tones are ordered along one line through the base colour.
    light = tones.sum(axis=1).argmax()
    dark = tones.sum(axis=1).argmin()
    assert (tones[light] >= base).all() and (tones[dark] <= base).all()


def test_asanoha_lines_are_the_triakis_edges():
    ev, sample = bind("tiling.asanoha", fill="none", line_width=0.01, line_color=0, repeats=2)
    prep = ev.root.state(ev.palette)
    s = prep.layout.scale
    mids, cents = [], []
    for f in prep.geo.faces:
        cents.append(f.poly.mean(axis=0) * s)
        for k in range(3):
            mids.append(0.5 * (f.poly[k] + f.poly[(k + 1) % 3]) * s)
    mids, cents = np.array(mids), np.array(cents)
    assert np.allclose(sample(mids[:, 0], mids[:, 1], 1e-4)[:, 3], 1.0)
    assert np.allclose(sample(cents[:, 0], cents[:, 1], 1e-4), 0.0)
    # Every lattice point is a star centre: twelve lines leave it.
    geo = prep.geo
    star = [f for f in asa.ASANOHA._build(ev.root.params) if np.hypot(*f.poly.T).min() < 1e-9]
    assert len(star) == 12
    assert len(geo.faces) == 12  # 6 big triangles x 3 per basic cell (two lattice points)


def test_asanoha_folded_leaves_show_two_halves():
    ev, sample = bind("tiling.asanoha", coloring="folded", line_width=0.0, color_1=1, color_2=5)
    prep = ev.root.state(ev.palette)
    s = prep.layout.scale
    # The two triangles of every leaf (sharing their long edge) differ.
    for f in prep.geo.faces:
        e = np.roll(f.poly, -1, axis=0) - f.poly
        k = int(np.argmax(np.hypot(e[:, 0], e[:, 1])))
        p0, p1 = f.poly[k], f.poly[(k + 1) % 3]
        n = np.array([p1[1] - p0[1], p0[0] - p1[0]]) / np.hypot(*(p1 - p0))
        mid = 0.5 * (p0 + p1)
        a, b = (mid + 0.02 * n) * s, (mid - 0.02 * n) * s
        assert colour_key(sample(a[0], a[1])) != colour_key(sample(b[0], b[1]))


@pytest.mark.parametrize("op_id", IDS)
def test_declared_periods_repeat_exactly_when_turned(op_id):
    ev, sample = bind(op_id, rotation=-21.0, coloring="random")
    x, y = np.random.default_rng(2).uniform(-0.5, 1.5, (2, 4000))
    base = sample(x, y, 1 / 256)
    for dx, dy in get(op_id).periods(ev.root.params):
        assert np.array_equal(base, sample(x + dx, y + dy, 1 / 256))
