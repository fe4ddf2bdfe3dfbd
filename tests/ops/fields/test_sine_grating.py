"""fields.sine_grating: stripes from a phase function, box-filtered profiles."""

from __future__ import annotations

import math

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops.fields.sine_grating import profile_value


def _analytic(profile, duty, phi):
    """The profile at phase phi (cycles): bright part centred on whole cycles."""
    s = np.mod(phi + duty / 2, 1.0)  # position in the period, bright part first
    on = s < duty
    t = np.where(on, -0.25 + s * 0.5 / duty, 0.25 + (s - duty) * 0.5 / (1 - duty))
    if profile == "sine":
        return 0.5 + 0.5 * np.cos(2 * np.pi * t)
    if profile == "square":
        return on.astype(float)
    tt = np.where(t > 0.5, t - 1, t)
    return 1 - 2 * np.abs(tt)


@pytest.mark.parametrize("profile", ["sine", "square", "triangle"])
@pytest.mark.parametrize("duty", [0.5, 0.2, 0.85])
def test_linear_grating_is_the_analytic_profile(bind, points, profile, duty):
    a = 25.0
    f = bind(
        Node.make(
            "fields.sine_grating", profile=profile, duty=duty, frequency=7.0, angle=a, phase=0.3
        )
    )
    x, y = points(2000)
    c, s = math.cos(math.radians(a)), math.sin(math.radians(a))
    phi = 7.0 * (-s * (x - 0.5) + c * (y - 0.5)) + 0.3
    expect = _analytic(profile, duty, phi)
    got = f.sample(x, y, footprint=1e-9)
    if profile == "square":  # away from the edges, where a point sample is 0 or 1
        sdist = np.abs(np.mod(phi + duty / 2 + 0.5, 1.0) - 0.5)
        keep = (np.abs(sdist - duty / 2) > 1e-4) & (np.abs(sdist - (1 - duty / 2)) > 1e-4)
        got, expect = got[keep], expect[keep]
    assert np.allclose(got, expect, atol=2e-6)


@pytest.mark.parametrize("profile", ["sine", "square", "triangle"])
def test_box_filter_over_whole_periods_is_the_mean(profile):
    duty = 0.3
    phi = np.linspace(-3, 3, 101)
    for cycles in (1.0, 2.0, 5.0):
        v = profile_value(profile, duty, phi, np.full(phi.shape, cycles))
        mean = profile_value(profile, duty, np.array([0.0]), np.array([1e9]))[0]
        assert np.allclose(v, mean, atol=1e-9)
    if profile == "square":
        assert mean == pytest.approx(duty)


@pytest.mark.parametrize("profile", ["sine", "square", "triangle"])
def test_box_filter_matches_supersampling(profile):
    duty = 0.35
    phi = np.random.default_rng(0).uniform(-5, 5, 500)
    width = 0.37
    sub = (np.arange(4000) + 0.5) / 4000 - 0.5
    brute = _analytic(profile, duty, phi[:, None] + width * sub[None, :]).mean(axis=1)
    assert np.allclose(
        profile_value(profile, duty, phi, np.full(phi.shape, width)), brute, atol=1e-3
    )


def test_square_edges_are_antialiased_at_render_resolution(bind):
    f = bind(Node.make("fields.sine_grating", profile="square", frequency=33.3, angle=17.0))
    n = 128
    xs = (np.arange(n) + 0.5) / n
    gx, gy = np.meshgrid(xs, xs)
    px = f.sample(gx, gy, footprint=1 / n)
    # Reference: 16 x 16 point samples inside each pixel.
    k = 16
    off = (np.arange(k) + 0.5) / (k * n) - 0.5 / n
    ox, oy = np.meshgrid(off, off)
    ref = f.sample(gx[..., None, None] + ox, gy[..., None, None] + oy, footprint=1e-9).mean(
        axis=(-1, -2)
    )
    assert np.abs(px - ref).mean() < 0.02
    # Edge pixels take in-between values instead of snapping to 0 or 1.
    assert np.isin(px, [0.0, 1.0]).mean() < 0.9


def test_rings_depend_on_radius_only(bind):
    f = bind(Node.make("fields.sine_grating", pattern="concentric", frequency=11.0, cx=0.4, cy=0.6))
    r = np.linspace(0.01, 0.5, 200)
    values = [f.sample(0.4 + r * math.cos(a), 0.6 + r * math.sin(a)) for a in (0.3, 1.9, 4.0)]
    assert np.allclose(values[0], values[1], atol=1e-6)
    assert np.allclose(values[0], values[2], atol=1e-6)


@pytest.mark.parametrize("pattern", ["radial", "spiral"])
def test_arms_give_rotational_symmetry(bind, points, pattern):
    arms = 5
    f = bind(Node.make("fields.sine_grating", pattern=pattern, arms=arms, frequency=6.0))
    x, y = points(3000, lo=0.1, hi=0.9)
    a = 2 * math.pi / arms
    c, s = math.cos(a), math.sin(a)
    rx = 0.5 + c * (x - 0.5) - s * (y - 0.5)
    ry = 0.5 + s * (x - 0.5) + c * (y - 0.5)
    assert np.allclose(f.sample(x, y, footprint=1e-9), f.sample(rx, ry, footprint=1e-9), atol=2e-6)
    # Not symmetric under a turn by half an arm.
    h = a / 2
    hx = 0.5 + math.cos(h) * (x - 0.5) - math.sin(h) * (y - 0.5)
    hy = 0.5 + math.sin(h) * (x - 0.5) + math.cos(h) * (y - 0.5)
    assert np.abs(f.sample(x, y) - f.sample(hx, hy)).mean() > 0.1


def test_stripes_finer_than_a_pixel_fade_to_their_mean(bind):
    f = bind(Node.make("fields.sine_grating", profile="square", frequency=1000.0, duty=0.25))
    xs = (np.arange(64) + 0.5) / 64
    v = f.sample(*np.meshgrid(xs, xs), footprint=1 / 64)
    assert np.allclose(v, 0.25, atol=0.02)
