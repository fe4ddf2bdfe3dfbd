"""fields.spectral_noise (FFT synthesis) and fields.hybrid_multifractal (Musgrave)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops.fields._octaves import _turn
from foulard.ops.fields.hybrid_multifractal import (
    HybridMultifractalParams,
    _recurrence,
    hybrid_bounds,
)
from foulard.ops.fields.spectral_noise import SpectralNoiseParams, spectrum

SOURCE = Node.make("fields.simplex_noise", scale=0.4)


@pytest.mark.parametrize("beta", [0.0, 1.0, 2.5])
def test_spectrum_falls_as_one_over_f_to_the_beta(beta):
    p = SpectralNoiseParams(beta=beta, low=2.0, high=120)
    freqs, coef = spectrum(p, np.random.default_rng(0))
    k = np.hypot(freqs[..., 0], freqs[..., 1])
    power = np.abs(coef) ** 2
    keep = power > 0
    assert np.all((k[keep] >= 2.0) & (k[keep] <= 120))
    assert not np.any(power[(k < 2.0) | (k > 120)])
    # Fit log power against log frequency over annuli.
    edges = np.geomspace(3.0, 110.0, 12)
    mid, mean = [], []
    for lo, hi in itertools.pairwise(edges):
        ring = keep & (k >= lo) & (k < hi)
        mid.append(np.sqrt(lo * hi))
        mean.append(power[ring].mean())
    slope = np.polyfit(np.log(mid), np.log(mean), 1)[0]
    assert slope == pytest.approx(-beta, abs=0.15)


def test_stretch_moves_power_across_the_angle():
    p = SpectralNoiseParams(beta=2.0, stretch=6.0, angle=0.0, high=64)
    freqs, coef = spectrum(p, np.random.default_rng(1))
    power = np.abs(coef) ** 2
    ky, kx = freqs[..., 0], freqs[..., 1]
    # Features long along x: frequencies along x are damped, along y kept.
    along = power[(np.abs(ky) <= 1) & (kx >= 8)].mean()
    across = power[(kx <= 1) & (np.abs(ky) >= 8)].mean()
    assert across > 20 * along


def test_coefficients_do_not_depend_on_the_grid(bind):
    # The grid follows 'high'; the coefficients are drawn for every frequency up to
    # it whatever the grid: sampling the field at the same points through two
    # different evaluators gives the same values.
    node = Node.make("fields.spectral_noise", high=40)
    a = bind(node)
    b = bind(node)
    x, y = np.random.default_rng(2).uniform(0.0, 1.0, (2, 500))
    assert np.array_equal(a.sample(x, y), b.sample(x, y))
    grid, _arr = a.ev.grid_result(a.root)
    assert grid.width >= 4 * 40


def test_spectral_values_spread_evenly(bind, points):
    f = bind(Node.make("fields.spectral_noise", beta=1.0, low=8.0, high=64))
    v = f.sample(*points(20000, lo=0.0, hi=1.0))
    # Normal CDF of a unit-RMS Gaussian field: about uniform on [0, 1].
    hist, _ = np.histogram(v, bins=5, range=(0.0, 1.0))
    assert hist.min() > 0.12 * v.size


def test_ridged_view_is_bright_at_the_zero_crossings(bind):
    smooth = bind(Node.make("fields.spectral_noise", view="smooth"))
    ridged = bind(Node.make("fields.spectral_noise", view="ridged"))
    # At the grid's own cell centres (no interpolation between them).
    grid, _ = smooth.ev.grid_result(smooth.root)
    x, y = (g[::7, ::5] for g in grid.coords())
    s = smooth.sample(x, y)
    r = ridged.sample(x, y)
    # ridged = 2 (1 - Phi(|z|)) and smooth = Phi(z): r = 1 - |2 s - 1|.
    assert np.allclose(r, 1.0 - np.abs(2.0 * s - 1.0), atol=2e-3)


def test_hybrid_bounds_hold_for_any_octave_values():
    rng = np.random.default_rng(3)
    for offset in (0.0, 0.7, 1.2):
        for roughness in (0.0, 0.25, 1.0):
            p = HybridMultifractalParams(octaves=6, offset=offset, roughness=roughness)
            lo, mid, hi = hybrid_bounds(p)
            assert lo <= mid <= hi
            for _ in range(300):
                n = rng.uniform(-1.0, 1.0, 6)
                n[rng.random(6) < 0.2] = rng.choice([-1.0, 1.0])
                assert lo - 1e-9 <= _recurrence(p, list(n)) <= hi + 1e-9


def test_hybrid_matches_the_recurrence(bind, points):
    p = dict(octaves=3, offset=0.7, roughness=0.25, contrast=1.0)
    f = bind(Node.make("fields.hybrid_multifractal", inputs={"source": SOURCE}, **p))
    shifts, turns = f.root.state(None)
    src = f.root.children["source"]
    x, y = points(300)
    oct_vals = []
    for i in range(3):
        s = 2.0**i
        if i == 0:
            ox, oy = x, y
        else:
            ox, oy = _turn(x * s, y * s, int(turns[i]))
            ox, oy = ox + shifts[i, 0], oy + shifts[i, 1]
        oct_vals.append(f.sample(ox, oy, bound=src) * 2.0 - 1.0)
    params = HybridMultifractalParams(**p)
    lo, mid, hi = hybrid_bounds(params)
    got = f.sample(x, y)
    for j in range(len(x)):
        r = _recurrence(params, [float(o[j]) for o in oct_vals])
        expect = 0.5 * (r - lo) / (mid - lo) if r < mid else 0.5 + 0.5 * (r - mid) / (hi - mid)
        assert got[j] == pytest.approx(expect, abs=1e-4)


def test_hybrid_lows_are_smoother_than_highs(bind):
    # Musgrave's point: the rough detail rides on the high ground.
    f = bind(Node.make("fields.hybrid_multifractal", inputs={"source": SOURCE}, octaves=7))
    n = 400
    xs = (np.arange(n) + 0.5) / n
    gx, gy = np.meshgrid(xs, xs)
    v = f.sample(gx, gy, footprint=1.0 / n)
    detail = np.abs(
        v - 0.25 * (np.roll(v, 1, 0) + np.roll(v, -1, 0) + np.roll(v, 1, 1) + np.roll(v, -1, 1))
    )
    low = v < np.quantile(v, 0.25)
    high = v > np.quantile(v, 0.75)
    assert detail[high].mean() > 2.0 * detail[low].mean()
