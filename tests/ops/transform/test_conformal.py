"""transform.conformal: the source read through complex-analytic maps."""

from __future__ import annotations

import math

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops.transform import conformal as module
from foulard.ops.transform._warp import sigma_max
from foulard.ops.transform.conformal import FUNCTIONS, ConformalParams, conformal, conformal_map

NOISE = Node.make("fields.value_noise")


@pytest.mark.parametrize("order", [2, 5])
def test_power_makes_an_n_fold_kaleidoscope(bind, order):
    f = bind(Node.make("transform.conformal", inputs={"source": NOISE}, order=order))
    rng = np.random.default_rng(0)
    r, a = rng.uniform(0.01, 0.45, 2000), rng.uniform(0, 2 * math.pi, 2000)
    base = f.sample(0.5 + r * np.cos(a), 0.5 + r * np.sin(a))
    turned = f.sample(
        0.5 + r * np.cos(a + 2 * math.pi / order), 0.5 + r * np.sin(a + 2 * math.pi / order)
    )
    assert np.abs(base - turned).max() < 1e-4
    half = f.sample(0.5 + r * np.cos(a + math.pi / order), 0.5 + r * np.sin(a + math.pi / order))
    assert np.abs(base - half).mean() > 0.02


def test_maps_match_their_formulas():
    z = np.array([0.3 + 0.4j, -1.2 + 0.1j, 0.05 - 2.0j])

    def w(fn, **kw):
        return conformal_map(ConformalParams(function=fn, **kw), z)[0]

    assert np.allclose(w("power", order=3), z**3)
    assert np.allclose(w("inverse"), 1 / z)
    assert np.allclose(w("mobius", pole=0.7), (z - 0.7) / (z + 0.7))
    assert np.allclose(w("exp"), np.exp(z))
    assert np.allclose(w("joukowski"), (z + 1 / z) / 2)
    assert np.allclose(w("sine"), np.sin(z))
    k = 4 / (2 * math.pi * 0.35)
    assert np.allclose(w("log", order=4, zoom=0.35), k * np.log(z))


@pytest.mark.parametrize("function", FUNCTIONS)
def test_stretch_is_the_maps_derivative(capture, function):
    p = ConformalParams(function=function, order=3, rotation=25.0)
    rng = np.random.default_rng(1)
    x, y = rng.uniform(0.0, 1.0, 300), rng.uniform(0.0, 1.0, 300)
    x, y = x[np.hypot(x - 0.5, y - 0.5) > 0.03], y[np.hypot(x - 0.5, y - 0.5) > 0.03]
    h = 1e-6
    u, v, stretch = capture(module, "sample_stretched", conformal, p, x, y)
    ux, vx, _ = capture(module, "sample_stretched", conformal, p, x + h, y)
    uy, vy, _ = capture(module, "sample_stretched", conformal, p, x, y + h)
    num = sigma_max((ux - u) / h, (uy - u) / h, (vx - v) / h, (vy - v) / h)
    assert np.allclose(stretch, num, rtol=1e-3)


@pytest.mark.parametrize("function", FUNCTIONS)
def test_poles_and_far_points_stay_finite(bind, function):
    f = bind(
        Node.make("transform.conformal", inputs={"source": NOISE}, function=function, zoom=0.02)
    )
    x = np.array([0.5, 0.5 - 0.01, 1e5, -3.0])
    y = np.array([0.5, 0.5, 0.0, 7.0])
    assert np.isfinite(f.sample(x, y, 1 / 512)).all()
