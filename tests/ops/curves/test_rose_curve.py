"""curves.rose_curve: rhodonea as a line field."""

from __future__ import annotations

import math

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops.curves.rose_curve import RoseCurveParams, petal_count
from ops.curves._helpers import disc_points, turn_points


@pytest.mark.parametrize(
    ("n", "d", "petals"), [(3, 1, 3), (5, 1, 5), (4, 1, 8), (5, 3, 5), (2, 3, 4)]
)
def test_petal_count_follows_grandi(n, d, petals):
    assert petal_count(RoseCurveParams(n=n, d=d)) == petals


@pytest.mark.parametrize(("n", "d"), [(3, 1), (7, 1), (4, 1), (5, 3)])
def test_invariant_under_a_turn_by_one_petal(bind, n, d):
    petals = petal_count(RoseCurveParams(n=n, d=d))
    f = bind(Node.make("curves.rose_curve", n=n, d=d, line_width=0.02, fill="alternate"))
    x, y = disc_points(0.45)
    fp = 1 / 512
    base = f.sample(x, y, footprint=fp)
    assert base.max() > 0.9  # the points do meet the line
    turned = f.sample(*turn_points(x, y, 2 * math.pi / petals), footprint=fp)
    assert np.allclose(base, turned, atol=1e-4)
    # ...and not under half a petal.
    half = f.sample(*turn_points(x, y, math.pi / petals), footprint=fp)
    assert np.abs(base - half).mean() > 0.05


def test_points_on_the_curve_are_one_and_far_points_zero(bind):
    n, d, radius = 5, 2, 0.4
    f = bind(Node.make("curves.rose_curve", n=n, d=d, radius=radius, rotation=20.0))
    t = np.linspace(0, 4 * math.pi, 997)
    r = radius * np.cos(n / d * t)
    a = t + math.radians(20.0)
    on = f.sample(0.5 + r * np.cos(a), 0.5 + r * np.sin(a), footprint=1e-5)
    assert np.allclose(on, 1.0)
    far = f.sample(np.array([0.02, 0.98, 0.05, 0.5]), np.array([0.02, 0.03, 0.95, 0.99]))
    assert np.array_equal(far, np.zeros(4, np.float32))


def test_line_width_is_in_design_units(bind):
    f = bind(Node.make("curves.rose_curve", n=1, d=1, radius=0.4, line_width=0.01))
    # n = d = 1 is a circle of diameter 0.4 through the centre, centred on (0.7, 0.5).
    xs = 0.7 + 0.2 + np.array([0.0, 0.0049, 0.0051, 0.02])
    v = f.sample(xs, np.full(4, 0.5), footprint=1e-5)
    assert np.allclose(v, [1.0, 1.0, 0.0, 0.0], atol=1e-3)


def test_edges_are_antialiased_with_the_footprint(bind):
    f = bind(Node.make("curves.rose_curve", n=1, d=1, radius=0.4, line_width=0.004))
    # Across the circle's rightmost point (x = 0.9), pixels 0.004 wide.
    xs = 0.9 + np.linspace(-0.006, 0.006, 61)
    v = f.sample(xs, np.full(xs.shape, 0.5), footprint=0.004)
    assert v[30] == pytest.approx(1.0)
    assert v[0] == 0.0 and v[-1] == 0.0
    partial = (v > 0.01) & (v < 0.99)
    assert partial.sum() >= 20  # a soft ramp on each side, not a step
    assert (np.diff(v[:31]) >= -1e-6).all() and (np.diff(v[30:]) <= 1e-6).all()
    thin = bind(Node.make("curves.rose_curve", n=1, d=1, radius=0.4, line_width=0.001))
    # A line a quarter of a pixel wide covers a quarter of the pixel on it.
    assert thin.sample(np.array([0.9]), np.array([0.5]), footprint=0.004)[0] == pytest.approx(0.25)


def test_fill_paints_petal_interiors(bind):
    f = bind(Node.make("curves.rose_curve", n=3, d=1, radius=0.4, fill="petals", fill_value=0.5))
    # Mid-petal points (theta = 0, 2pi/3, 4pi/3 at r = 0.2) are filled; between
    # petals (theta = pi/3 at r = 0.2) is not.
    a = np.array([0, 2 * math.pi / 3, 4 * math.pi / 3, math.pi / 3])
    v = f.sample(0.5 + 0.2 * np.cos(a), 0.5 + 0.2 * np.sin(a), footprint=1e-4)
    assert np.allclose(v, [0.5, 0.5, 0.5, 0.0])


def _crossings(px, py, verts):
    """Winding number and crossing count of a closed polyline around points (ray to +x)."""
    a = verts
    b = np.roll(verts, -1, axis=0)
    winding = np.zeros(px.size, int)
    count = np.zeros(px.size, int)
    for (ax, ay), (bx, by) in zip(a, b, strict=True):
        up = (ay <= py) & (by > py)
        down = (by <= py) & (ay > py)
        xcross = ax + (py - ay) * (bx - ax) / np.where(by != ay, by - ay, 1.0)
        right = xcross > px
        winding += (up & right).astype(int) - (down & right).astype(int)
        count += ((up | down) & right).astype(int)
    return winding, count


@pytest.mark.parametrize(("n", "d"), [(5, 3), (3, 2), (2, 5)])
def test_fills_follow_the_nonzero_and_even_odd_rules(bind, n, d):
    node = dict(n=n, d=d, radius=0.4, line_width=0.0, fill_value=1.0)
    union = bind(Node.make("curves.rose_curve", fill="petals", **node))
    alt = bind(Node.make("curves.rose_curve", fill="alternate", **node))
    x, y = disc_points(0.45, 1500, seed=2)
    u = union.sample(x, y, footprint=1e-7)
    e = alt.sample(x, y, footprint=1e-7)
    period = math.pi * d if (n * d) % 2 else 2 * math.pi * d
    t = np.linspace(0, period, 4000, endpoint=False)
    r = 0.4 * np.cos(n / d * t)
    winding, count = _crossings(x, y, np.stack([0.5 + r * np.cos(t), 0.5 + r * np.sin(t)], -1))
    clear = (u == 0) | (u == 1)  # away from edges, where the polygon stands for the curve
    clear &= (e == 0) | (e == 1)
    assert clear.mean() > 0.95
    assert np.array_equal(u[clear] == 1, winding[clear] != 0)
    assert np.array_equal(e[clear] == 1, count[clear] % 2 == 1)
    assert (e[clear] < u[clear]).any()  # overlaps exist and alternate empties them
