"""transform.twirl: a turn that fades with the radius."""

from __future__ import annotations

import math

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops.transform import twirl as module
from foulard.ops.transform.twirl import TwirlParams, twirl, twirl_angle

NOISE = Node.make("fields.value_noise")


def test_zero_angle_is_the_source_exactly(bind, points):
    f = bind(Node.make("transform.twirl", inputs={"source": NOISE}, angle=0.0))
    x, y = points()
    src = f.sample(x, y, 1 / 512, bound=f.child("source"))
    assert np.array_equal(f.sample(x, y, 1 / 512), src)


@pytest.mark.parametrize("falloff", ["smooth", "linear", "gaussian"])
def test_points_keep_their_distance_and_turn_by_the_falloff(capture, points, falloff):
    p = TwirlParams(angle=200.0, radius=0.4, x=0.45, y=0.55, falloff=falloff)
    x, y = points()
    u, v, _ = capture(module, "sample_anisotropic", twirl, p, x, y)
    r = np.hypot(x - p.x, y - p.y)
    assert np.allclose(np.hypot(u - p.x, v - p.y), r, atol=1e-12)
    turn = np.angle((u - p.x + 1j * (v - p.y)) / (x - p.x + 1j * (y - p.y)))
    want = -math.radians(p.angle) * twirl_angle(r / p.radius, falloff)[0]
    diff = np.angle(np.exp(1j * (turn - want)))
    assert np.abs(diff).max() < 1e-9
    if falloff != "gaussian":
        out = r >= p.radius
        assert out.any() and np.allclose(u[out], x[out]) and np.allclose(v[out], y[out])


@pytest.mark.parametrize("falloff", ["smooth", "gaussian"])
def test_jacobian_matches_the_map(fd_jacobian, points, falloff):
    p = TwirlParams(angle=-500.0, radius=0.3, falloff=falloff)
    x, y = points(300, seed=2)
    ana, num = fd_jacobian(module, "sample_anisotropic", twirl, p, x, y)
    assert np.allclose(ana, num, atol=2e-4 * (1 + np.abs(num).max()))


def test_falloff_ends_at_the_radius():
    t = np.linspace(0.0, 2.0, 201)
    for how in ("smooth", "linear"):
        w, _ = twirl_angle(t, how)
        assert w[0] == 1.0 and (w[t >= 1.0] == 0.0).all()
        assert (np.diff(w) <= 1e-15).all()  # never turns back
