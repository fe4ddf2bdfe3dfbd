"""fields.perlin_noise: periodic gradient noise."""

from __future__ import annotations

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops import get


@pytest.mark.parametrize("frequency", [1, 6, 37])
def test_repeats_exactly_with_period_one(bind, points, frequency):
    f = bind(Node.make("fields.perlin_noise", frequency=frequency))
    x, y = points()
    base = f.sample(x, y)
    for dx, dy in [(1.0, 0.0), (0.0, 1.0), (3.0, -2.0)]:
        assert np.array_equal(base, f.sample(x + dx, y + dy))


def test_gradient_noise_is_mid_grey_on_every_lattice_point(bind):
    n = 6
    f = bind(Node.make("fields.perlin_noise", frequency=n))
    i, j = np.meshgrid(np.arange(n + 1), np.arange(n + 1))
    v = f.sample(i / n, j / n)
    assert np.allclose(v, 0.5, atol=1e-6)
    # ...and not elsewhere: the cell centres are anything but flat.
    centres = f.sample((i[:-1, :-1] + 0.5) / n, (j[:-1, :-1] + 0.5) / n)
    assert np.abs(centres - 0.5).max() > 0.1


def test_values_fill_the_unit_range_and_stay_inside(bind):
    f = bind(Node.make("fields.perlin_noise", frequency=16))
    xs = (np.arange(400) + 0.5) / 400
    v = f.sample(*np.meshgrid(xs, xs))
    assert v.min() >= 0.0 and v.max() <= 1.0
    assert v.std() > 0.1
    assert abs(float(np.median(v)) - 0.5) < 0.05


def test_noise_is_smooth(bind, points):
    # Quintic fade: the field is C2, so a tiny step moves the value a tiny amount.
    f = bind(Node.make("fields.perlin_noise", frequency=8))
    x, y = points()
    h = 1e-5
    step = np.abs(f.sample(x + h, y) - f.sample(x, y))
    assert step.max() < 8 * 2 * h * 2  # |grad| <= ~2 per cell, 8 cells, float32 slack


def test_seed_changes_the_noise_and_same_seed_does_not(bind, points):
    x, y = points()
    node = Node.make("fields.perlin_noise")
    a = bind(node, seed=1).sample(x, y)
    b = bind(node, seed=1).sample(x, y)
    c = bind(node, seed=2).sample(x, y)
    assert np.array_equal(a, b)
    assert np.abs(a - c).mean() > 0.05


def test_declares_unit_periods():
    spec = get("fields.perlin_noise")
    assert spec.periods(spec.params()) == [(1.0, 0.0), (0.0, 1.0)]
