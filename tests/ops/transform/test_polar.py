"""transform.polar: bands wrapped into rings and rings unrolled into bands."""

from __future__ import annotations

import math

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops.transform import polar as module
from foulard.ops.transform.polar import PolarParams, polar

NOISE = Node.make("fields.value_noise")


@pytest.mark.parametrize("invert", [False, True])
def test_to_polar_then_back_reads_the_same_points(capture, invert):
    kw = {"x": 0.45, "y": 0.55, "radius": 0.6, "rotation": 30.0, "invert": invert}
    rng = np.random.default_rng(1)
    x, y = rng.uniform(0.0, 1.0, 2000), rng.uniform(0.0, 1.0, 2000)
    # to_polar reads the band at (u, v); to_cartesian at (u, v) reads the plane at (x, y).
    u, v, _ = capture(module, "sample_anisotropic", polar, PolarParams(**kw), x, y)
    back = PolarParams(direction="to_cartesian", **kw)
    bx, by, _ = capture(module, "sample_anisotropic", polar, back, u, v)
    # The angle is snapped to 2^-24 of a turn (exact periodic wrapping).
    assert np.allclose(bx, x, atol=1e-6) and np.allclose(by, y, atol=1e-6)


def test_nested_nodes_round_trip_the_source(bind):
    inner = Node.make("transform.polar", inputs={"source": NOISE}, direction="to_cartesian")
    f = bind(Node.make("transform.polar", inputs={"source": inner}))
    rng = np.random.default_rng(2)
    x, y = rng.uniform(0.05, 0.95, 3000), rng.uniform(0.05, 0.95, 3000)
    src = f.sample(x, y, bound=f.child("source", f.child("source")))
    assert np.abs(f.sample(x, y) - src).max() < 1e-4


@pytest.mark.parametrize("repeats", [1, 3, 7])
def test_rings_have_the_repeat_symmetry(capture, repeats):
    p = PolarParams(repeats=repeats, rotation=15.0)
    rng = np.random.default_rng(3)
    r, a = rng.uniform(0.02, 0.7, 1000), rng.uniform(-math.pi, math.pi, 1000)
    turn = 2 * math.pi / repeats
    x0, y0 = 0.5 + r * np.cos(a), 0.5 + r * np.sin(a)
    x1, y1 = 0.5 + r * np.cos(a + turn), 0.5 + r * np.sin(a + turn)
    u0, v0, _ = capture(module, "sample_anisotropic", polar, p, x0, y0)
    u1, v1, _ = capture(module, "sample_anisotropic", polar, p, x1, y1)
    du = np.abs(u1 - u0)
    assert (np.minimum(du, 1 - du) < 1e-7).all() and np.allclose(v0, v1)
    assert (u0 >= 0).all() and (u0 < 1).all()
    assert np.allclose(v0, r / p.radius)


@pytest.mark.parametrize("direction", ["to_polar", "to_cartesian"])
def test_jacobian_matches_the_map(fd_jacobian, direction):
    p = PolarParams(direction=direction, repeats=3, radius=0.8, invert=True)
    rng = np.random.default_rng(4)
    x, y = rng.uniform(0.0, 1.0, 400), rng.uniform(0.0, 1.0, 400)
    if direction == "to_polar":  # away from the seam, where u wraps
        a = np.angle((x - 0.5) + 1j * (y - 0.5)) * 3 / (2 * math.pi) % 1.0
        keep = (np.minimum(a, 1 - a) > 1e-3) & (np.hypot(x - 0.5, y - 0.5) > 0.02)
        x, y = x[keep], y[keep]
    # Differences over 1e-4: the angle is snapped to 2^-24 of a turn.
    ana, num = fd_jacobian(module, "sample_anisotropic", polar, p, x, y, h=1e-4)
    assert np.allclose(ana, num, rtol=1e-3, atol=1e-3)
