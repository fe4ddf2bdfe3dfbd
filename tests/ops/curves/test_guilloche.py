"""curves.guilloche: turned, harmonically waved rings."""

from __future__ import annotations

import math

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops.curves.guilloche import GuillocheParams, _prepare, copy_angles, symmetry_order
from ops.curves._helpers import turn_points


def _ring_points(n=6000, seed=0):
    rng = np.random.default_rng(seed)
    r = rng.uniform(0.15, 0.45, n)
    a = rng.uniform(0, 2 * math.pi, n)
    return 0.5 + r * np.cos(a), 0.5 + r * np.sin(a)


@pytest.mark.parametrize(
    "params",
    [
        {"copies": 12, "lobes": 7, "amplitude": 0.05},
        {"copies": 9, "lobes": 6, "amplitude": 0.04, "lobes2": 4, "amplitude2": 0.02, "rings": 2},
    ],
)
def test_invariant_under_a_turn_by_one_copy(bind, params):
    node = Node.make("curves.guilloche", spread=1.0, line_width=0.004, **params)
    f = bind(node)
    x, y = _ring_points()
    fp = 1 / 512
    base = f.sample(x, y, footprint=fp)
    assert base.max() > 0.9 and base.min() == 0.0
    c = params["copies"]
    assert np.allclose(base, f.sample(*turn_points(x, y, 2 * math.pi / c), footprint=fp), atol=1e-4)
    assert np.abs(base - f.sample(*turn_points(x, y, math.pi / c / 2), footprint=fp)).mean() > 0.02


def test_symmetry_order_is_the_harmonics_common_divisor():
    assert symmetry_order(GuillocheParams(lobes=6, lobes2=4, amplitude2=0.01)) == 2
    assert symmetry_order(GuillocheParams(lobes=6, lobes2=4, amplitude2=0.0)) == 6
    assert symmetry_order(GuillocheParams(lobes=6, amplitude=0.0)) == 1


def test_points_on_each_copy_are_one_and_the_hub_is_empty(bind):
    p = GuillocheParams(lobes=5, copies=7, amplitude=0.08, lobes2=15, amplitude2=0.01, phase2=30.0)
    f = bind(Node.make("curves.guilloche", **p.to_json()))
    t = np.linspace(0, 2 * math.pi, 501)
    r = (
        p.radius
        + p.amplitude * np.sin(p.lobes * t)
        + p.amplitude2 * np.sin(p.lobes2 * t + math.radians(p.phase2))
    )
    for a in copy_angles(p):
        v = f.sample(0.5 + r * np.cos(t + a), 0.5 + r * np.sin(t + a), footprint=1e-5)
        assert np.allclose(v, 1.0)
    hub = f.sample(0.5 + np.array([0.0, 0.05, -0.08]), 0.5 + np.array([0.0, 0.02, 0.03]))
    assert np.array_equal(hub, np.zeros(3, np.float32))


def test_spread_fans_the_copies_over_part_of_a_wave():
    p = GuillocheParams(lobes=5, copies=10, spread=0.5, rotation=0.0)
    angles = copy_angles(p)
    assert angles[0] == 0.0
    assert angles[-1] == pytest.approx(0.5 * 2 * math.pi / 5 * 9 / 10)


def test_distances_match_brute_force_where_many_lines_cross():
    p = GuillocheParams(copies=16, lobes=7, amplitude=0.06, spread=1.0, line_width=0.004)
    field = _prepare(p, None)
    rng = np.random.default_rng(7)
    r = rng.uniform(0.2, 0.4, 800)
    a = rng.uniform(0, 2 * math.pi, 800)
    x, y = 0.5 + r * np.cos(a), 0.5 + r * np.sin(a)
    reach = 0.006
    got = field.distance(x, y, reach)
    v, s = field.vertices, field.seg
    exact = np.empty(x.size)
    for k in range(0, x.size, 50):  # every point against every segment
        rx = x[k : k + 50, None] - v[None, :, 0]
        ry = y[k : k + 50, None] - v[None, :, 1]
        t = np.clip((rx * s[:, 0] + ry * s[:, 1]) * field.inv_len2, 0.0, 1.0)
        exact[k : k + 50] = np.hypot(rx - t * s[:, 0], ry - t * s[:, 1]).min(axis=1)
    near = exact <= reach
    assert near.mean() > 0.3
    assert np.allclose(got[near], exact[near], rtol=0, atol=1e-12)
    assert np.isinf(got[~near]).all()
