"""transform.ripple: sinusoidal displacement in parallel fronts or rings."""

from __future__ import annotations

import math

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops.transform import ripple as module
from foulard.ops.transform.ripple import RippleParams, ripple

NOISE = Node.make("fields.value_noise")


@pytest.mark.parametrize("mode", ["linear", "radial"])
def test_zero_amplitude_is_the_source_exactly(bind, points, mode):
    f = bind(Node.make("transform.ripple", inputs={"source": NOISE}, mode=mode, amplitude=0.0))
    x, y = points()
    assert np.array_equal(f.sample(x, y), f.sample(x, y, bound=f.child("source")))


@pytest.mark.parametrize("transverse", [True, False])
def test_linear_waves_follow_the_sine(capture, points, transverse):
    p = RippleParams(amplitude=0.02, wavelength=0.1, angle=30.0, phase=40.0, transverse=transverse)
    x, y = points()
    u, v, _ = capture(module, "sample_anisotropic", ripple, p, x, y)
    t = math.radians(p.angle)
    ex, ey = math.cos(t), math.sin(t)
    d = p.amplitude * np.sin(2 * math.pi * (x * ex + y * ey) / p.wavelength + math.radians(40))
    along = (u - x) * ex + (v - y) * ey
    across = -(u - x) * ey + (v - y) * ex
    moved, still = (across, along) if transverse else (along, across)
    assert np.allclose(moved, d, atol=1e-12) and np.abs(still).max() < 1e-12


def test_radial_rings_push_outwards_and_fade(capture, points):
    p = RippleParams(mode="radial", amplitude=0.02, wavelength=0.07, decay=3.0)
    x, y = points()
    u, v, _ = capture(module, "sample_anisotropic", ripple, p, x, y)
    rx, ry = x - p.x, y - p.y
    cross = (u - p.x) * ry - (v - p.y) * rx
    assert np.abs(cross).max() < 1e-12  # moved along the radius only
    r = np.hypot(rx, ry)
    push = np.hypot(u - x, v - y)
    assert (push <= p.amplitude * np.exp(-p.decay * r) + 1e-12).all()


@pytest.mark.parametrize(
    "kw",
    [
        {"mode": "linear", "angle": 20.0},
        {"mode": "linear", "angle": -70.0, "transverse": False},
        {"mode": "radial", "decay": 2.0},
    ],
)
def test_jacobian_matches_the_map(fd_jacobian, points, kw):
    p = RippleParams(amplitude=0.03, wavelength=0.09, **kw)
    x, y = points(300, seed=5)
    ana, num = fd_jacobian(module, "sample_anisotropic", ripple, p, x, y)
    assert np.allclose(ana, num, atol=1e-4)
