"""curves.lsystem: edge-rewriting curves and space-filling meanders."""

from __future__ import annotations

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops.curves.lsystem import (
    MAX_SEGMENTS,
    PRESETS,
    LSystemCurveParams,
    curve_points,
    effective_depth,
    line_width,
    step_length,
    turtle,
)

SEGMENTS = {
    "koch_snowflake": lambda n: 3 * 4**n,
    "quadratic_koch": lambda n: 4 * 8**n,
    "dragon": lambda n: 2**n,
    "levy_c": lambda n: 2**n,
    "sierpinski_arrowhead": lambda n: 3**n,
    "hilbert": lambda n: 4**n - 1,
    "moore": lambda n: 4 ** (n + 1) - 1,
    "peano": lambda n: 9**n - 1,
    "gosper": lambda n: 7**n,
}


@pytest.mark.parametrize("preset", sorted(SEGMENTS))
def test_segment_counts(preset):
    for depth in range(1, 4):
        pts = turtle(preset, depth)
        assert len(pts) - 1 == SEGMENTS[preset](depth), (preset, depth)
        steps = np.hypot(*np.diff(pts, axis=0).T)
        assert np.allclose(steps, 1.0)  # unit turtle steps


@pytest.mark.parametrize(
    ("preset", "base", "shift"), [("hilbert", 2, 0), ("moore", 2, 1), ("peano", 3, 0)]
)
def test_space_filling_curves_visit_every_cell_once(preset, base, shift):
    for depth in range(1, 4):
        pts = np.rint(turtle(preset, depth)).astype(int)
        side = base ** (depth + shift)
        pts -= pts.min(axis=0)
        assert (pts.max(axis=0) == side - 1).all()
        cells = pts[:, 1] * side + pts[:, 0]
        assert np.array_equal(np.sort(cells), np.arange(side * side))


@pytest.mark.parametrize("preset", ["koch_snowflake", "quadratic_koch", "sierpinski_curve"])
def test_closed_curves_end_where_they_start(preset):
    assert PRESETS[preset].closed
    pts = turtle(preset, 2)
    assert np.allclose(pts[0], pts[-1], atol=1e-9)


def test_moore_curve_ends_next_to_its_start():
    pts = turtle("moore", 3)
    assert np.isclose(np.hypot(*(pts[-1] - pts[0])), 1.0)


def test_depth_stops_before_the_segment_cap():
    for preset in PRESETS:
        p = LSystemCurveParams(preset=preset, depth=12)
        d = effective_depth(p)
        assert 1 <= d <= 12
        assert len(turtle(preset, d)) - 1 <= MAX_SEGMENTS


def test_the_field_draws_the_turtle_path_inside_its_square(bind):
    p = LSystemCurveParams(preset="dragon", depth=8, rounding=0.0, weight=0.2)
    f = bind(Node.make("curves.lsystem", **p.to_json()))
    pts = curve_points(p)
    mids = 0.5 * (pts[1:] + pts[:-1])
    assert np.allclose(f.sample(pts[:, 0], pts[:, 1], footprint=1e-5), 1.0)
    assert np.allclose(f.sample(mids[:, 0], mids[:, 1], footprint=1e-5), 1.0)
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    assert np.isclose(max(hi - lo), p.size)
    assert np.allclose(0.5 * (lo + hi), (p.cx, p.cy))


def test_rounding_keeps_the_meander_continuous_and_inside(bind):
    p = LSystemCurveParams(preset="hilbert", depth=3, rounding=0.5)
    pts = curve_points(p)
    step = p.size / (2**3 - 1)
    gaps = np.hypot(*np.diff(pts, axis=0).T)
    assert gaps.max() <= 0.5 * step + 1e-12  # no jumps: arcs join at the steps' midpoints
    corner = LSystemCurveParams(preset="hilbert", depth=3, rounding=0.0)
    f = bind(Node.make("curves.lsystem", **p.to_json()))
    # A corner of the square path is cut off by the rounding.
    c = curve_points(corner)[1]
    assert f.sample(np.array([c[0]]), np.array([c[1]]), footprint=1e-5)[0] < 0.5


def test_line_weight_is_a_share_of_the_step(bind):
    p = LSystemCurveParams(preset="hilbert", depth=4, rounding=0.0, weight=0.5)
    assert np.isclose(step_length(p), p.size / (2**4 - 1))
    assert np.isclose(line_width(p), 0.5 * step_length(p))
    f = bind(Node.make("curves.lsystem", **p.to_json()))
    pts = curve_points(p)
    # Half-way between two neighbouring parallel runs of the meander: ground.
    a, b = pts[0], pts[1]
    mid = a + 0.5 * (b - a)
    normal = np.array([-(b - a)[1], (b - a)[0]]) / np.hypot(*(b - a))
    probe = mid + normal * np.array([[0.24], [0.5]]) * step_length(p)
    v = f.sample(probe[:, 0], probe[:, 1], footprint=1e-5)
    assert v[0] == 1.0 and v[1] == 0.0
