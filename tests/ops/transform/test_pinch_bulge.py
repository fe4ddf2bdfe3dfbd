"""transform.pinch_bulge: radial scaling about a centre that fades out at a radius."""

from __future__ import annotations

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops.transform import pinch_bulge as module
from foulard.ops.transform.pinch_bulge import PinchBulgeParams, pinch_bulge, radial_scale

NOISE = Node.make("fields.value_noise")


def test_zero_strength_is_the_source_exactly(bind, points):
    f = bind(Node.make("transform.pinch_bulge", inputs={"source": NOISE}, strength=0.0))
    x, y = points()
    assert np.array_equal(f.sample(x, y), f.sample(x, y, bound=f.child("source")))


@pytest.mark.parametrize("strength", [-1.0, -0.4, 0.3, 1.0])
def test_radial_scaling_direction_and_rim(capture, points, strength):
    p = PinchBulgeParams(strength=strength, radius=0.35, x=0.4, y=0.6)
    x, y = points()
    u, v, _ = capture(module, "sample_anisotropic", pinch_bulge, p, x, y)
    r = np.hypot(x - p.x, y - p.y)
    q = np.hypot(u - p.x, v - p.y)
    outside = r >= p.radius
    assert np.array_equal(u[outside], x[outside]) and np.array_equal(v[outside], y[outside])
    inside = ~outside & (r > 1e-3)
    # Same direction from the centre; nearer (bulge reads inwards) or further (pinch).
    cross = (u - p.x) * (y - p.y) - (v - p.y) * (x - p.x)
    assert np.abs(cross[inside]).max() < 1e-12
    assert ((q[inside] < r[inside]) if strength > 0 else (q[inside] > r[inside])).all()


@pytest.mark.parametrize("strength", [-1.0, -0.5, 0.5, 1.0])
def test_map_is_monotonic_and_the_centre_is_magnified_as_stated(strength):
    t = np.linspace(0.0, 1.5, 3001)
    m, radial = radial_scale(t, strength)
    assert (np.diff(t * m) > 0).all() and (radial > 0).all()
    if strength == 1.0:
        assert np.isclose(1.0 / m[0], 4.0)  # "up to 4x"
    if strength == -1.0:
        assert np.isclose(m[0], np.e)


def test_jacobian_matches_the_map(fd_jacobian, points):
    p = PinchBulgeParams(strength=0.9, radius=0.5)
    x, y = points(300, seed=4)
    ana, num = fd_jacobian(module, "sample_anisotropic", pinch_bulge, p, x, y)
    assert np.allclose(ana, num, atol=1e-4)
