"""transform.displacement: the source pushed by another image's values."""

from __future__ import annotations

import math

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops.transform import displacement as module
from foulard.ops.transform.displacement import DisplacementParams, displacement

NOISE = Node.make("fields.value_noise")
STRIPES = Node.make("fields.sine_grating")


def _map(x, y):
    return (0.5 + 0.4 * np.sin(7.0 * x + 3.0 * y) * np.cos(5.0 * y))[..., None].astype(np.float32)


def _rgba_map(x, y):
    r = 0.5 + 0.4 * np.sin(6.0 * x)
    g = 0.5 + 0.3 * np.cos(4.0 * y + x)
    a = 0.8 * np.ones_like(x)
    return np.stack([r * a, g * a, 0.2 * a, a], axis=-1).astype(np.float32)


@pytest.mark.parametrize("mode", ["direction", "channels", "slope"])
def test_zero_scale_is_the_source_exactly(bind, points, mode):
    node = Node.make(
        "transform.displacement", inputs={"source": STRIPES, "map": NOISE}, mode=mode, scale=0.0
    )
    f = bind(node)
    x, y = points()
    assert np.array_equal(f.sample(x, y), f.sample(x, y, bound=f.child("source")))


def test_direction_pushes_along_the_angle_by_the_value(capture, points):
    p = DisplacementParams(mode="direction", scale=0.08, angle=-60.0)
    x, y = points()
    u, v, _ = capture(module, "sample_anisotropic", displacement, p, x, y, inputs={"map": _map})
    m = _map(x, y)[..., 0].astype(np.float64)
    t = math.radians(p.angle)
    assert np.allclose(u - x, p.scale * (m - 0.5) * math.cos(t), atol=1e-9)
    assert np.allclose(v - y, p.scale * (m - 0.5) * math.sin(t), atol=1e-9)


def test_channels_push_across_by_red_and_down_by_green(capture, points):
    p = DisplacementParams(mode="channels", scale=0.1)
    x, y = points()
    u, v, _ = capture(
        module, "sample_anisotropic", displacement, p, x, y, inputs={"map": _rgba_map}
    )
    assert np.allclose(u - x, 0.1 * 0.4 * np.sin(6.0 * x), atol=1e-6)  # straight (unpremultiplied)
    assert np.allclose(v - y, 0.1 * 0.3 * np.cos(4.0 * y + x), atol=1e-6)


def test_slope_slides_points_downhill(capture, points):
    p = DisplacementParams(mode="slope", scale=0.2, reach=0.005)
    x, y = points()
    u, v, _ = capture(module, "sample_anisotropic", displacement, p, x, y, inputs={"map": _map})
    h = 1e-6
    gx = (_map(x + h, y) - _map(x - h, y))[..., 0] / (2 * h)
    gy = (_map(x, y + h) - _map(x, y - h))[..., 0] / (2 * h)
    downhill = (u - x) * gx + (v - y) * gy
    steep = np.hypot(gx, gy) > 0.5
    assert steep.mean() > 0.3 and (downhill[steep] < 0).all()


def test_flat_map_does_not_move_anything(capture, points):
    x, y = points(500)
    for mode in ("slope", "channels", "direction"):
        p = DisplacementParams(mode=mode, scale=0.3)

        def flat(x, y):
            return np.full((*np.shape(x), 1), 0.5, np.float32)

        u, v, jac = capture(
            module, "sample_anisotropic", displacement, p, x, y, inputs={"map": flat}
        )
        assert np.array_equal(u, x) and np.array_equal(v, y)
        assert np.allclose(np.stack(np.broadcast_arrays(*jac)), np.array([1, 0, 0, 1])[:, None])


@pytest.mark.parametrize("mode", ["direction", "channels"])
def test_jacobian_matches_the_map(fd_jacobian, points, mode):
    p = DisplacementParams(mode=mode, scale=0.05, angle=30.0)
    x, y = points(300, seed=6)
    mp = _map if mode == "direction" else _rgba_map
    # The operator differences its map over one footprint (1e-3 here): a loose match.
    ana, num = fd_jacobian(module, "sample_anisotropic", displacement, p, x, y, inputs={"map": mp})
    assert np.allclose(ana, num, atol=5e-3)
