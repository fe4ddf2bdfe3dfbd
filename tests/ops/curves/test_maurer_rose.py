"""curves.maurer_rose: chords through a rose at a fixed angular step."""

from __future__ import annotations

import math

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops.curves.maurer_rose import MaurerRoseParams, petals, vertices
from ops.curves._helpers import disc_points, turn_points


@pytest.mark.parametrize(("n", "step"), [(3, 71), (4, 29), (5, 97), (6, 71), (2, 39)])
def test_invariant_under_a_turn_by_one_petal(bind, n, step):
    # 360 / petals is a whole number of degrees for all of these.
    f = bind(Node.make("curves.maurer_rose", n=n, step=step, line_width=0.004))
    x, y = disc_points(0.44)
    fp = 1 / 512
    base = f.sample(x, y, footprint=fp)
    assert base.max() > 0.9 and base.min() == 0.0
    turn = 2 * math.pi / petals(n)
    assert np.allclose(base, f.sample(*turn_points(x, y, turn), footprint=fp), atol=1e-4)
    assert np.abs(base - f.sample(*turn_points(x, y, turn / 2), footprint=fp)).mean() > 0.02


def test_vertices_lie_on_the_rose_at_whole_steps():
    p = MaurerRoseParams(n=5, step=97, radius=0.4, cx=0.0, cy=0.0)
    v = vertices(p)
    theta = np.radians(np.arange(360) * 97 % 360)
    assert np.allclose(v[:, 0], 0.4 * np.sin(5 * theta) * np.cos(theta))
    assert np.allclose(v[:, 1], 0.4 * np.sin(5 * theta) * np.sin(theta))


def test_chords_are_straight_lines_between_the_points(bind):
    p = MaurerRoseParams(n=4, step=31, rose_width=0.0)
    f = bind(Node.make("curves.maurer_rose", **p.to_json()))
    v = vertices(p)
    nxt = np.roll(v, -1, axis=0)
    for t in (0.0, 0.25, 0.5, 0.9):
        pts = v + t * (nxt - v)
        assert np.allclose(f.sample(pts[:, 0], pts[:, 1], footprint=1e-5), 1.0)


def test_the_rose_underneath_and_far_points(bind):
    f = bind(Node.make("curves.maurer_rose", n=3, step=59, rose_value=0.5, line_width=0.001))
    t = np.linspace(0, math.pi, 301)
    r = 0.42 * np.sin(3 * t)
    on = f.sample(0.5 + r * np.cos(t), 0.5 + r * np.sin(t), footprint=1e-5)
    assert (on >= 0.5 - 1e-6).all()  # at least the rose's value everywhere on it
    far = f.sample(np.array([0.02, 0.98]), np.array([0.02, 0.97]))
    assert np.array_equal(far, np.zeros(2, np.float32))
