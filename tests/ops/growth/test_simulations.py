"""Grid simulations: Gierer-Meinhardt, excitable spirals, multi-scale Turing, physarum, shells."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import ndimage

from foulard.genome.schema import Node
from foulard.ops.growth._spectral import Diffuser
from foulard.ops.growth.excitable_spirals import (
    ExcitableSpiralsParams,
    initial_state,
)
from foulard.ops.growth.excitable_spirals import simulate as barkley
from foulard.ops.growth.gierer_meinhardt import GiererMeinhardtParams, _layout, uniform_state
from foulard.ops.growth.gierer_meinhardt import simulate as gm
from foulard.ops.growth.multiscale_turing import MultiscaleTuringParams
from foulard.ops.growth.multiscale_turing import simulate as mccabe
from foulard.ops.growth.physarum import PhysarumParams
from foulard.ops.growth.physarum import simulate as jones
from foulard.ops.growth.seashell import SeashellParams
from foulard.ops.growth.seashell import simulate as meinhardt


class _Shifted:
    """A generator whose normal/uniform arrays come out rolled on the torus."""

    def __init__(self, seed: int, shift: tuple[int, int]):
        self._rng = np.random.default_rng(seed)
        self._shift = shift

    def _roll(self, a):
        return np.roll(a, self._shift, axis=(0, 1)) if np.ndim(a) == 2 else a

    def standard_normal(self, size=None, dtype=np.float64):
        return self._roll(self._rng.standard_normal(size, dtype=dtype))

    def uniform(self, lo, hi, size=None):
        return self._roll(self._rng.uniform(lo, hi, size))


def test_diffuser_conserves_mass_and_smooths():
    rng = np.random.default_rng(0)
    a = rng.random((32, 32)).astype(np.float32)
    b = Diffuser(32, 0.5, {"a": 3.0})("a", a)
    assert b.sum() == pytest.approx(a.sum(), rel=1e-5)
    assert b.std() < a.std()
    # Shifting the input shifts the output (the grid is a torus, no edge is special).
    c = Diffuser(32, 0.5, {"a": 3.0})("a", np.roll(a, (3, 7), axis=(0, 1)))
    assert np.allclose(np.roll(b, (3, 7), axis=(0, 1)), c, atol=1e-5)


def test_gierer_meinhardt_uniform_state_is_steady():
    for kappa in (0.0, 0.1, 0.3):
        a, h = uniform_state(kappa)
        assert a * a / (h * (1 + kappa * a * a)) - a == pytest.approx(0.0, abs=1e-12)
        assert a * a - h == pytest.approx(0.0, abs=1e-12)


def _blobs(v: np.ndarray) -> tuple[int, float]:
    mask = v > 0.5 * (v.min() + v.max())
    labels, count = ndimage.label(mask, structure=np.ones((3, 3)))
    sizes = np.bincount(labels.ravel())[1:]
    return count, float(sizes.max() / mask.sum())


def test_gierer_meinhardt_spots_turn_into_stripes_with_saturation():
    base = {"wavelength": 0.1, "steps": 500}
    p_spots = GiererMeinhardtParams(saturation=0.0, **base)
    p_stripes = GiererMeinhardtParams(saturation=0.25, **base)
    n, da = _layout(p_spots)
    spots = gm(p_spots, np.random.default_rng(1), n, da)
    n2, da2 = _layout(p_stripes)
    stripes = gm(p_stripes, np.random.default_rng(1), n2, da2)
    count_spots, big_spot = _blobs(spots)
    count_stripes, big_stripe = _blobs(stripes)
    assert count_spots > 40 and big_spot < 0.05
    assert count_stripes < count_spots / 2 and big_stripe > 0.1


def test_gierer_meinhardt_pattern_has_the_requested_wavelength():
    p = GiererMeinhardtParams(saturation=0.0, wavelength=0.08, steps=400)
    n, da = _layout(p)
    a = gm(p, np.random.default_rng(2), n, da)
    power = np.abs(np.fft.fft2(a - a.mean())) ** 2
    k = np.fft.fftfreq(n) * n  # cycles across the unit square
    kk = np.hypot(k[None, :], k[:, None])
    ring = np.bincount(np.rint(kk).astype(int).ravel(), power.ravel())
    peak = int(np.argmax(ring[1:]) + 1)
    assert 0.7 < (1.0 / peak) / p.wavelength < 1.45  # spots pack hexagonally: ~1.15


def test_gierer_meinhardt_is_equivariant_on_the_torus():
    p = GiererMeinhardtParams(steps=60)
    n, da = _layout(p)
    a = gm(p, np.random.default_rng(3), n, da)
    b = gm(p, _Shifted(3, (9, -4)), n, da)
    # Equal up to FFT round-off (float32), which grows a little over the steps.
    assert np.allclose(np.roll(a, (9, -4), axis=(0, 1)), b, rtol=1e-3, atol=1e-3)
    assert not np.allclose(a, b, rtol=1e-3, atol=1e-3)  # (and the shift is visible)


def test_barkley_spirals_stay_excited_and_bounded():
    p = ExcitableSpiralsParams(time=20.0)
    u, v = initial_state(p, np.random.default_rng(4), 96)
    u, v = barkley(p, u, v)
    assert u.min() >= 0.0 and u.max() <= 1.0
    assert u.max() > 0.5  # waves still travel
    assert 0.01 < (u > 0.5).mean() < 0.6  # thin fronts, not a flooded field


def test_barkley_step_is_equivariant_on_the_torus():
    p = ExcitableSpiralsParams(time=5.0)
    u, v = initial_state(p, np.random.default_rng(5), 64)
    a = barkley(p, u.copy(), v.copy())[0]
    b = barkley(p, np.roll(u, (11, 3), axis=(0, 1)), np.roll(v, (11, 3), axis=(0, 1)))[0]
    assert np.array_equal(np.roll(a, (11, 3), axis=(0, 1)), b)


def test_multiscale_turing_spans_the_range_and_wraps():
    p = MultiscaleTuringParams(steps=20, radius=0.02)
    a = mccabe(p, np.random.default_rng(6), 80)
    assert a.min() == pytest.approx(-1.0) and a.max() == pytest.approx(1.0)
    b = mccabe(p, _Shifted(6, (20, 33)), 80)
    assert np.allclose(np.roll(a, (20, 33), axis=(0, 1)), b, atol=1e-4)


def test_multiscale_turing_has_structure_at_several_scales():
    p = MultiscaleTuringParams(steps=40, radius=0.01, scales=3, growth=3.0)
    a = mccabe(p, np.random.default_rng(7), 128)
    power = np.abs(np.fft.rfft2(a - a.mean())) ** 2
    k = np.hypot(*np.meshgrid(np.arange(65), np.fft.fftfreq(128) * 128))
    low = power[(k >= 1) & (k < 6)].sum()
    mid = power[(k >= 6) & (k < 20)].sum()
    high = power[(k >= 20) & (k < 50)].sum()
    assert min(low, mid, high) > 0.02 * (low + mid + high)


def test_physarum_trail_condenses_into_a_network():
    p = PhysarumParams(steps=150, population=0.15)
    trail = jones(p, np.random.default_rng(8), 96)
    assert trail.min() >= 0.0 and np.isfinite(trail).all()
    # Veins round empty lacunae: much of the grid nearly bare, the rest bright.
    t = trail / trail.max()
    assert (t < 0.05).mean() > 0.2 and (t > 0.3).mean() > 0.05


def test_physarum_grid_edges_join_like_neighbouring_rows(bind):
    f = bind(Node.make("growth.physarum", steps=120, scale=0.05))
    _, grid = f.ev.grid_result(f.root)
    g = grid[..., 0]
    inner = np.abs(np.diff(g, axis=0)).mean()
    assert np.abs(g[0] - g[-1]).mean() < 1.5 * inner
    inner = np.abs(np.diff(g, axis=1)).mean()
    assert np.abs(g[:, 0] - g[:, -1]).mean() < 1.5 * inner


def test_seashell_waves_travel_and_do_not_die():
    p = SeashellParams(cells=120, iterations=12)
    rows = meinhardt(p, np.random.default_rng(9), 150)
    active = (rows > 0.2).mean(axis=1)
    assert (active[50:] > 0).all()  # the hormone keeps triggering new waves
    assert active.max() < 0.9  # pigment lines, not a flooded shell
    # Waves travel: the active cells of consecutive rows are not the same cells.
    on = rows > 0.2
    assert (on[60:] != on[59:-1]).any(axis=1).mean() > 0.5


def test_seashell_wraps_exactly_across(bind):
    f = bind(Node.make("growth.seashell", cells=96))
    x = np.random.default_rng(10).random(500)
    y = np.random.default_rng(11).random(500)
    assert np.array_equal(f.sample(x, y), f.sample(x + 1.0, y))
    assert np.array_equal(f.sample(x, y), f.sample(x - 2.0, y))
