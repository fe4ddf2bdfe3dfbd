"""curves.trochoid: hypotrochoids and epitrochoids as line fields."""

from __future__ import annotations

import math

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops.curves.trochoid import TrochoidParams, period, trochoid_points


@pytest.mark.parametrize("rolling", ["inside", "outside"])
@pytest.mark.parametrize(("big", "small", "pen"), [(105, 40, 0.8), (7, 3, 1.0), (12, 5, 2.2)])
def test_curve_points_are_one_and_far_points_zero(bind, rolling, big, small, pen):
    params = dict(rolling=rolling, fixed_teeth=big, rolling_teeth=small, pen=pen, rotation=15.0)
    f = bind(Node.make("curves.trochoid", **params))
    p = TrochoidParams(**params)
    t = np.random.default_rng(0).uniform(0, period(p), 3000)
    on = f.sample(*trochoid_points(p, t), footprint=1e-5)
    assert np.allclose(on, 1.0)
    far = f.sample(np.array([0.01, 0.99, 0.99, 0.01]), np.array([0.01, 0.01, 0.99, 0.99]))
    assert np.array_equal(far, np.zeros(4, np.float32))


def test_written_formula_for_both_rollings():
    p = TrochoidParams(fixed_teeth=5, rolling_teeth=3, pen=0.5, radius=1.0, cx=0.0, cy=0.0)
    t = np.array([0.7])
    # Hypotrochoid with R = 5, r = 3, d = 1.5 (= 0.5 r), scaled to outer radius 1.
    x = 2 * math.cos(0.7) + 1.5 * math.cos(2 / 3 * 0.7)
    y = 2 * math.sin(0.7) - 1.5 * math.sin(2 / 3 * 0.7)
    got = trochoid_points(p, t)
    assert got[0][0] == pytest.approx(x / 3.5) and got[1][0] == pytest.approx(y / 3.5)
    q = p.replace(rolling="outside")
    x = 8 * math.cos(0.7) - 1.5 * math.cos(8 / 3 * 0.7)
    y = 8 * math.sin(0.7) - 1.5 * math.sin(8 / 3 * 0.7)
    got = trochoid_points(q, t)
    assert got[0][0] == pytest.approx(x / 9.5) and got[1][0] == pytest.approx(y / 9.5)


@pytest.mark.parametrize(("big", "small"), [(105, 40), (96, 36), (13, 5)])
def test_the_pen_returns_after_the_period_and_not_before(big, small):
    p = TrochoidParams(fixed_teeth=big, rolling_teeth=small)
    t = np.array([0.3, 0.3 + period(p)])
    x, y = trochoid_points(p, t)
    assert x[0] == pytest.approx(x[1], abs=1e-9) and y[0] == pytest.approx(y[1], abs=1e-9)
    lobes = big // math.gcd(big, small)
    # The figure has one lobe per R / gcd(R, r) turn of symmetry.
    g = math.gcd(big, small)
    assert period(p) == pytest.approx(2 * math.pi * small / g)
    assert lobes >= 1


def test_figure_is_symmetric_under_a_turn_by_one_lobe(bind):
    big, small = 105, 40
    lobes = big // math.gcd(big, small)
    f = bind(Node.make("curves.trochoid", fixed_teeth=big, rolling_teeth=small))
    rng = np.random.default_rng(1)
    r = rng.uniform(0.0, 0.45, 5000)
    a = rng.uniform(0, 2 * math.pi, 5000)
    fp = 1 / 512
    base = f.sample(0.5 + r * np.cos(a), 0.5 + r * np.sin(a), footprint=fp)
    b = a + 2 * math.pi / lobes
    turned = f.sample(0.5 + r * np.cos(b), 0.5 + r * np.sin(b), footprint=fp)
    assert base.max() > 0.9
    assert np.abs(base - turned).max() < 0.02
