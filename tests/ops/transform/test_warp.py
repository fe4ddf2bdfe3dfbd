"""transform._warp: stretch estimates and footprint-aware sampling shared by the warps."""

from __future__ import annotations

import math

import numpy as np

from foulard.ops.transform._warp import (
    fd_jacobian,
    radial_jacobian,
    sample_anisotropic,
    sample_stretched,
    sigma_max,
)


def test_sigma_max_is_the_largest_singular_value():
    rng = np.random.default_rng(3)
    m = rng.normal(size=(500, 2, 2))
    want = np.linalg.svd(m, compute_uv=False)[:, 0]
    got = sigma_max(m[:, 0, 0], m[:, 0, 1], m[:, 1, 0], m[:, 1, 1])
    assert np.allclose(got, want, rtol=1e-9)


def test_fd_jacobian_of_a_linear_map_is_its_matrix():
    a = np.array([[1.5, -0.3], [0.7, 2.0]])

    def warp(x, y):
        return a[0, 0] * x + a[0, 1] * y, a[1, 0] * x + a[1, 1] * y

    x = np.linspace(0, 1, 7)
    y = x[::-1].copy()
    jac = fd_jacobian(warp, x, y, 1e-4, *warp(x, y))
    assert np.allclose(np.stack(jac), a.reshape(4, 1), atol=1e-9)


def test_radial_jacobian_matches_a_radial_map():
    # r -> r^2 / 0.5 about the origin: stretch 2r/0.5 outwards (4r), r/0.5 round (2r).
    x, y = 0.3, -0.2
    r = math.hypot(x, y)

    def warp(px, py):
        rr = np.hypot(px, py)
        return px * rr / 0.5, py * rr / 0.5

    num = fd_jacobian(warp, np.array(x), np.array(y), 1e-7, *warp(np.array(x), np.array(y)))
    ana = radial_jacobian(x / r, y / r, 4.0 * r, 2.0 * r)
    assert np.allclose(np.array(num, float), np.array(ana, float), atol=1e-5)


def test_stretch_rounds_to_half_octaves_and_keeps_coordinates_finite(recording_call):
    call = recording_call(np.zeros(4), np.zeros(4), footprint=0.01)
    u = np.array([0.1, np.nan, np.inf, 0.4])
    v = np.array([0.2, 0.3, -np.inf, 0.5])
    out = sample_stretched(call, "source", u, v, np.array([1.0, 3.0, np.inf, 1.1]))
    assert out.shape == (4, 1)
    reads = {round(fp / 0.01, 6): (x, y) for _, x, y, fp in call.reads}
    # 1 and 1.1 share the unit footprint; 3 rounds to 2^1.5; infinity to the cap, 2^12.
    assert set(reads) == {1.0, round(2**1.5, 6), 4096.0}
    assert np.array_equal(reads[1.0][0], [0.1, 0.4])
    for x, y in reads.values():
        assert np.isfinite(x).all() and np.isfinite(y).all()


def test_anisotropic_sampling_spreads_taps_along_the_long_axis(recording_call):
    call = recording_call(np.zeros(1), np.zeros(1), footprint=0.01)
    # Source stretched 4x along y, 1x along x: four taps along y, each with footprint 1.
    u, v = np.array([0.5]), np.array([0.5])
    sample_anisotropic(call, "source", u, v, (1.0, 0.0, 0.0, 4.0))
    assert len(call.reads) == 4
    xs = np.array([r[1][0] for r in call.reads])
    ys = np.sort([r[2][0] for r in call.reads])
    assert np.allclose(xs, 0.5)
    assert np.allclose(np.diff(ys), 0.01)  # 4 x footprint spread over 4 taps
    assert np.isclose(ys.mean(), 0.5)
    assert all(np.isclose(r[3], 0.01) for r in call.reads)


def test_anisotropic_sampling_of_a_round_footprint_is_one_read(recording_call):
    call = recording_call(np.zeros(3), np.zeros(3), footprint=0.01)
    c, s = math.cos(0.3), math.sin(0.3)
    u = np.array([0.1, 0.2, 0.3])
    sample_anisotropic(call, "source", u, u, (2 * c, -2 * s, 2 * s, 2 * c))  # turn and scale
    assert len(call.reads) == 1
    assert np.isclose(call.reads[0][3], 0.02)
