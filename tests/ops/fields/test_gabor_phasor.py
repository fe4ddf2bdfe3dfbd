"""fields.gabor_noise and fields.phasor_noise: sparse Gabor convolutions."""

from __future__ import annotations

import math

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops.fields._sparse_gabor import convolve
from foulard.ops.fields.sine_grating import profile_value


def _grid(n):
    xs = (np.arange(n) + 0.5) / n
    return np.meshgrid(xs, xs)


def _peak(values):
    """Power-weighted mean frequency (cycles per unit), and the direction of the peak.

    The direction (degrees mod 180) is that of the strongest bin.
    """
    n = values.shape[0]
    power = np.abs(np.fft.fft2(values - values.mean())) ** 2
    k = np.fft.fftfreq(n, 1.0 / n)
    ky, kx = np.meshgrid(k, k, indexing="ij")
    i = np.unravel_index(np.argmax(power), power.shape)
    mean = float((np.hypot(kx, ky) * power).sum() / power.sum())
    return mean, math.degrees(math.atan2(ky[i], kx[i])) % 180.0


@pytest.mark.parametrize("orientation", [0.0, 30.0, -50.0])
def test_gabor_spectrum_peaks_at_f0_across_the_orientation(bind, orientation):
    f0 = 24.0
    f = bind(
        Node.make(
            "fields.gabor_noise",
            frequency=f0,
            bandwidth=0.2,
            orientation=orientation,
            spread=0.0,
        )
    )
    gx, gy = _grid(192)
    re, im = convolve(f.root.state(None), gx, gy)
    assert im is not None
    freq, angle = _peak(re)
    assert freq == pytest.approx(f0, rel=0.1)
    # Crests run along the orientation: the wave vector is perpendicular to it.
    diff = (angle - (orientation + 90.0)) % 180.0
    assert min(diff, 180.0 - diff) < 8.0


def test_gabor_isotropic_spreads_power_over_directions(bind):
    gx, gy = _grid(128)
    shares = []
    for spread in (0.0, 180.0):
        f = bind(Node.make("fields.gabor_noise", frequency=20.0, spread=spread))
        re, _ = convolve(f.root.state(None), gx, gy)
        power = np.abs(np.fft.fft2(re)) ** 2
        k = np.fft.fftfreq(128, 1 / 128)
        ky, kx = np.meshgrid(k, k, indexing="ij")
        angle = np.degrees(np.arctan2(ky, kx)) % 180.0
        # Share of the power within 20 degrees of the oriented wave vector (120 deg).
        near = np.abs(((angle - 120.0) + 90.0) % 180.0 - 90.0) < 20.0
        shares.append(power[near].sum() / power.sum())
    assert shares[0] > 0.8
    assert shares[1] < 0.45


def test_gabor_values_spread_over_the_unit_interval(bind, points):
    f = bind(Node.make("fields.gabor_noise"))
    v = f.sample(*points(20000, lo=0.0, hi=1.0))
    assert v.min() >= 0.0 and v.max() <= 1.0
    # Mapped through the normal CDF with the analytic variance: about uniform.
    assert abs(float(np.mean(v)) - 0.5) < 0.05
    assert 0.2 < float(np.std(v)) < 0.36


def test_gabor_grain_finer_than_a_pixel_fades_to_grey(bind, points):
    f = bind(Node.make("fields.gabor_noise", frequency=200.0))
    x, y = points(4000)
    assert float(np.std(f.sample(x, y, footprint=1e-6))) > 0.2
    assert float(np.abs(f.sample(x, y, footprint=1 / 64) - 0.5).max()) < 1e-3


def test_phasor_stripes_have_full_contrast_everywhere(bind):
    # Gabor noise fades where kernels cancel; phasor stripes keep their profile:
    # in every small window the values still reach near 0 and near 1.
    f = bind(Node.make("fields.phasor_noise", frequency=40.0, orientation="fixed"))
    rng = np.random.default_rng(3)
    for cx, cy in rng.uniform(0.0, 1.0, (20, 2)):
        xs = cx + np.linspace(0.0, 0.06, 40)
        gx, gy = np.meshgrid(xs, cy + np.linspace(0.0, 0.06, 40))
        v = f.sample(gx, gy, footprint=1e-6)
        assert v.min() < 0.1 and v.max() > 0.9


def test_phasor_fixed_orientation_peaks_at_its_frequency(bind):
    f = bind(
        Node.make("fields.phasor_noise", frequency=20.0, orientation="fixed", angle=0.0, spread=0.0)
    )
    gx, gy = _grid(160)
    freq, angle = _peak(f.sample(gx, gy, footprint=1e-6))
    assert freq == pytest.approx(20.0, rel=0.1)
    # Stripes run along angle 0 (across): the phase climbs down the page.
    assert min(abs(angle - 90.0), 180 - abs(angle - 90.0)) < 10.0


@pytest.mark.parametrize("profile,duty", [("square", 0.3), ("sine", 0.5), ("triangle", 0.7)])
def test_phasor_mean_is_the_profile_mean(bind, points, profile, duty):
    f = bind(Node.make("fields.phasor_noise", profile=profile, duty=duty))
    v = f.sample(*points(30000, lo=0.0, hi=1.0), footprint=1e-6)
    # The profile box-filtered over a huge width is its mean over one period.
    expect = profile_value(profile, duty, np.array([0.0]), np.array([1e9]))[0]
    assert float(np.mean(v)) == pytest.approx(expect, abs=0.04)


def test_kernels_end_smoothly_at_their_radius(bind):
    # A lone impulse's envelope and its slope reach zero at the truncation radius:
    # the sum along a line has no jumps bigger than its steepest slope allows.
    f = bind(Node.make("fields.gabor_noise", frequency=16.0, bandwidth=0.5, density=0.5))
    t = np.linspace(0.0, 1.0, 200001)
    re, im = convolve(f.root.state(None), t, np.full_like(t, 0.37))
    step = np.abs(np.diff(re)) + np.abs(np.diff(im))
    assert float(step.max()) < 20.0 * float(np.median(step)) + 1e-3
