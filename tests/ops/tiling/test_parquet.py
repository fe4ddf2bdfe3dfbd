"""Parquet: herringbone and chevron planks, Pythagorean squares."""

from __future__ import annotations

import math

import numpy as np
import pytest

from foulard.ops.examples import EXAMPLE_PALETTE
from foulard.ops.tiling.parquet import HERRINGBONE, PYTHAGOREAN, RATIOS
from ops.tiling._helpers import bind, params


def sides(poly: np.ndarray) -> np.ndarray:
    e = np.roll(poly, -1, axis=0) - poly
    return np.hypot(e[:, 0], e[:, 1])


@pytest.mark.parametrize("ratio", [1.5, 2.0, 4.0, 7.5])
def test_herringbone_planks_are_rectangles_at_right_angles(ratio):
    p = params("tiling.herringbone_parquet", ratio=ratio, mode="herringbone")
    geo = HERRINGBONE.geometry(p)
    cw, ch = geo.cell
    assert sum(f.area() for f in geo.faces) == pytest.approx(cw * ch, rel=1e-9)
    assert len(geo.faces) == 2  # one plank of each direction per cell
    for f in geo.faces:
        assert sorted(sides(f.poly)) == pytest.approx([1, 1, ratio, ratio])
        e = np.roll(f.poly, -1, axis=0) - f.poly
        assert abs(e[0] @ e[1]) < 1e-9  # right angles
        # Long sides run at plus or minus 45 degrees.
        long = e[np.argmax(np.hypot(e[:, 0], e[:, 1]))]
        assert abs(abs(long[0]) - abs(long[1])) < 1e-9
    dirs = {f.kind for f in geo.faces}
    assert dirs == {"H", "V"}


def test_herringbone_ends_butt_against_the_sides_of_crossing_planks():
    p = params("tiling.herringbone_parquet", ratio=3.0, mode="herringbone")
    faces = HERRINGBONE._build(p)
    found = 0
    for f in faces[:40]:
        e = np.roll(f.poly, -1, axis=0) - f.poly
        for k in np.flatnonzero(np.hypot(e[:, 0], e[:, 1]) < 1.5):  # the short ends
            mid = f.poly[k] + 0.5 * e[k]
            out = mid + 1e-6 * np.array([e[k][1], -e[k][0]])
            # The plank across the end (if not this one) has the other direction.
            for g in faces:
                if g is f:
                    continue
                pl = g.poly
                inside = all(
                    _cross(pl[(i + 1) % 4] - pl[i], out - pl[i]) * np.sign(_area2(pl)) >= 0
                    for i in range(4)
                )
                if inside:
                    assert g.kind != f.kind
                    found += 1
    assert found > 20


def _cross(a, b) -> float:
    return float(a[0] * b[1] - a[1] * b[0])


def _area2(poly):
    x, y = poly[:, 0], poly[:, 1]
    return float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))


@pytest.mark.parametrize("angle", [20.0, 45.0, 70.0])
def test_chevron_planks_meet_on_straight_lines(angle):
    p = params("tiling.herringbone_parquet", mode="chevron", angle=angle, ratio=4.0)
    geo = HERRINGBONE.geometry(p)
    cw, ch = geo.cell
    assert sum(f.area() for f in geo.faces) == pytest.approx(cw * ch, rel=1e-9)
    for f in geo.faces:
        e = np.roll(f.poly, -1, axis=0) - f.poly
        ends = [v for v in e if abs(v[0]) < 1e-12]  # the mitred ends are vertical
        slopes = [v for v in e if abs(v[0]) > 1e-12]
        assert len(ends) == 2 and len(slopes) == 2
        for v in slopes:
            assert math.degrees(math.atan(abs(v[1] / v[0]))) == pytest.approx(angle)
        # The ends lie on the column lines x = 0, cw / 2, cw (mod cw).
        xs = np.unique(np.round(np.mod(f.poly[:, 0], cw / 2), 9))
        assert np.allclose(np.minimum(xs, cw / 2 - xs), 0.0, atol=1e-9)


@pytest.mark.parametrize("ratio", list(RATIOS))
@pytest.mark.parametrize("layout", ["upright", "turned"])
def test_pythagorean_squares_fill_the_cell_in_two_sizes(ratio, layout):
    p = params("tiling.pythagorean", ratio=ratio, layout=layout)
    geo = PYTHAGOREAN.geometry(p)
    cw, ch = geo.cell
    a, b = RATIOS[ratio]
    assert sum(f.area() for f in geo.faces) == pytest.approx(cw * ch, rel=1e-9)
    large = [f for f in geo.faces if f.kind == "L"]
    small = [f for f in geo.faces if f.kind == "S"]
    assert len(large) == len(small)
    assert cw * ch == pytest.approx(len(large) * (a * a + b * b))
    for f, side in [(g, a) for g in large] + [(g, b) for g in small]:
        assert sides(f.poly) == pytest.approx([side] * 4)


def test_each_small_square_touches_four_large_ones():
    p = params("tiling.pythagorean", ratio="3:2")
    faces = PYTHAGOREAN._build(p)
    large = [f for f in faces if f.kind == "L"]
    cw = PYTHAGOREAN.cell(p)[0]
    middle = [
        f for f in faces if f.kind == "S" and (f.centre >= 0).all() and (f.centre <= cw).all()
    ]
    assert middle
    for s in middle:
        c = s.poly.mean(axis=0)
        touching = 0
        for f in large:
            lo, hi = f.poly.min(axis=0), f.poly.max(axis=0)
            slo, shi = s.poly.min(axis=0), s.poly.max(axis=0)
            gap = np.maximum(np.maximum(lo - shi, slo - hi), 0.0)
            overlap = np.minimum(hi, shi) - np.maximum(lo, slo)
            if gap.max() < 1e-9 and overlap.max() > 1e-9:
                touching += 1
        assert touching == 4, c


def test_pythagorean_upright_repeats_over_the_unit_square():
    _, sample = bind("tiling.pythagorean", repeats=2, ratio="2:1", coloring="three", color_3=5)
    x, y = np.random.default_rng(0).uniform(0, 1, (2, 3000))
    base = sample(x, y, 1e-3)
    assert np.array_equal(base, sample(x + 1.0, y, 1e-3))
    assert np.array_equal(base, sample(x, y + 1.0, 1e-3))


def test_pythagorean_colours_follow_square_size():
    ev, sample = bind("tiling.pythagorean", coloring="two", line_width=0.0, color_1=1, color_2=2)
    prep = ev.root.state(ev.palette)
    s = prep.layout.scale
    want = {"L": EXAMPLE_PALETTE[1], "S": EXAMPLE_PALETTE[2]}
    for f in prep.geo.faces:
        c = f.poly.mean(axis=0) * s
        rgb = sample(c[0], c[1])[:3]
        hexed = "#" + "".join(f"{round(float(v) * 255):02x}" for v in rgb)
        assert hexed == want[f.kind]


def test_random_wood_tones_use_all_three_roles():
    _, sample = bind("tiling.herringbone_parquet", coloring="random", line_width=0.0)
    x, y = np.random.default_rng(0).uniform(0, 1, (2, 6000))
    v = np.rint(sample(x, y)[:, :3] * 255)
    _, counts = np.unique(v, axis=0, return_counts=True)
    # Three tones (a point may fall within a footprint of an edge and mix two).
    main = np.sort(counts)[::-1]
    assert main[:3].sum() >= 0.999 * counts.sum()
    assert main[2] > 0.2 * counts.sum()
