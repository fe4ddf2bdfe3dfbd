"""curves.farris_wheels: wheel sums with frequencies congruent modulo p."""

from __future__ import annotations

import math

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops.curves.farris_wheels import FarrisWheelsParams, path, symmetry_order, wheels
from ops.curves._helpers import disc_points, turn_points


@pytest.mark.parametrize(
    "params",
    [
        {"symmetry": 5, "residue": 1, "k1": 0, "k2": 1, "k3": -3},
        {"symmetry": 6, "residue": 1, "k1": 0, "k2": -1, "k3": 2, "phase3": 0.0},
        {"symmetry": 7, "residue": 2, "k1": 0, "k2": -1, "k3": 3, "phase3": 45.0},
        {"symmetry": 4, "residue": 3, "k1": 1, "k2": -2, "k3": 0, "echoes": 2},
    ],
)
def test_p_fold_symmetry(bind, params):
    p = FarrisWheelsParams(**params, line_width=0.004)
    assert symmetry_order(p) == p.symmetry
    f = bind(Node.make("curves.farris_wheels", **p.to_json()))
    x, y = disc_points(0.43)
    fp = 1 / 512
    base = f.sample(x, y, footprint=fp)
    assert base.max() > 0.9
    turn = 2 * math.pi / p.symmetry
    assert np.allclose(base, f.sample(*turn_points(x, y, turn), footprint=fp), atol=1e-4)
    assert np.abs(base - f.sample(*turn_points(x, y, turn / 2), footprint=fp)).mean() > 0.01


def test_frequencies_share_the_residue_and_the_curve_is_drawn(bind):
    p = FarrisWheelsParams(echoes=0, rotation=0.0)
    assert [n for n, _ in wheels(p)] == [1, 6, -14]
    assert all(n % p.symmetry == p.residue for n, _ in wheels(p))
    # f(t + 2 pi / p) = e^(2 pi i m / p) f(t)
    t = np.linspace(0, 2 * math.pi, 97)
    shift = path(p, t + 2 * math.pi / 5)
    assert np.allclose(shift, np.exp(2j * math.pi / 5) * path(p, t))
    f = bind(Node.make("curves.farris_wheels", **p.to_json()))
    reach = sum(abs(a) for _, a in wheels(p))
    z = path(p, np.linspace(0, 2 * math.pi, 3001)) * p.radius / reach
    assert np.allclose(f.sample(0.5 + z.real, 0.5 + z.imag, footprint=1e-5), 1.0)


def test_a_shared_divisor_lowers_the_order():
    # residue 2, p = 6: every frequency is even; the figure turns onto itself by
    # 2 pi * 2 / 6, so its order is 3.
    assert symmetry_order(FarrisWheelsParams(symmetry=6, residue=2, k1=0, k2=1, k3=-1)) == 3
    assert symmetry_order(FarrisWheelsParams(a2=0.0, a3=0.0)) == 0  # one wheel: a circle
