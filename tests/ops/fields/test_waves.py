"""Wave fields: quasicrystal, wave_interference, moire, chladni."""

from __future__ import annotations

import math

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops.fields.chladni import ChladniParams, mode_function


def _rotate(x, y, cx, cy, degrees):
    a = math.radians(degrees)
    c, s = math.cos(a), math.sin(a)
    dx, dy = x - cx, y - cy
    return cx + c * dx - s * dy, cy + s * dx + c * dy


@pytest.mark.parametrize("waves", [5, 7, 8, 12])
@pytest.mark.parametrize("view", ["sum", "folded"])
def test_quasicrystal_has_n_fold_rotational_symmetry(bind, points, waves, view):
    f = bind(Node.make("fields.quasicrystal", waves=waves, phase=0.2, view=view, cx=0.4))
    x, y = points(3000)
    v = f.sample(x, y, footprint=1e-7)
    rx, ry = _rotate(x, y, 0.4, 0.5, 360.0 / waves)
    assert np.allclose(f.sample(rx, ry, footprint=1e-7), v, atol=2e-4)
    # A turn by half the angle is not a symmetry (with phase 0.2 the cosines are not even).
    hx, hy = _rotate(x, y, 0.4, 0.5, 180.0 / waves)
    assert np.abs(f.sample(hx, hy, footprint=1e-7) - v).max() > 0.05


def test_quasicrystal_sum_is_the_mean_wave(bind, points):
    n, k, ph = 5, 11.0, 0.3
    f = bind(Node.make("fields.quasicrystal", waves=n, frequency=k, phase=ph, view="sum"))
    x, y = points(500)
    expect = np.zeros_like(x)
    for j in range(n):
        a = 2 * math.pi * j / n
        expect += 0.5 + 0.5 * np.cos(
            2 * math.pi * (k * (math.cos(a) * (x - 0.5) + math.sin(a) * (y - 0.5)) + ph)
        )
    assert np.allclose(f.sample(x, y, footprint=1e-9), expect / n, atol=1e-4)


def test_interference_of_two_coherent_sources(bind):
    lam = 0.05
    node = Node.make(
        "fields.wave_interference",
        sources=2,
        arrangement="line",
        radius=0.1,
        rotation=0.0,
        wavelength=lam,
        falloff=0.0,
        view="amplitude",
    )
    f = bind(node)
    # Sources at (0.4, 0.5) and (0.6, 0.5). On the perpendicular bisector: in step.
    y = np.linspace(0.0, 1.0, 50)
    assert np.allclose(f.sample(np.full_like(y, 0.5), y, footprint=1e-9), 1.0, atol=1e-5)
    # On the axis between them, path difference 2 d: dark where it is half a wavelength.
    x = 0.5 + lam / 4 * np.array([1.0, 3.0, -1.0])
    assert np.allclose(f.sample(x, np.full_like(x, 0.5), footprint=1e-9), 0.0, atol=1e-4)


def test_interference_fringes_fade_to_their_mean_below_a_pixel(bind, points):
    f = bind(Node.make("fields.wave_interference", wavelength=0.002, falloff=0.0))
    x, y = points(2000, lo=0.0, hi=1.0)
    coarse = f.sample(x, y, footprint=0.02)
    # Mean amplitude of incoherent equal sources: sqrt(n) / n.
    assert np.allclose(coarse, math.sqrt(3) / 3, atol=0.01)


def test_moire_is_the_product_of_the_two_gratings(bind, points):
    node = Node.make(
        "fields.moire",
        profile="sine",
        warp=0.0,
        frequency=30.0,
        angle=10.0,
        delta_angle=4.0,
        delta_frequency=0.05,
    )
    f = bind(node)
    x, y = points(2000)

    def grating(freq, deg):
        a = math.radians(deg)
        phi = freq * (-math.sin(a) * (x - 0.5) + math.cos(a) * (y - 0.5))
        return 0.5 + 0.5 * np.cos(2 * math.pi * phi)

    expect = grating(30.0, 10.0) * grating(31.5, 14.0)
    assert np.allclose(f.sample(x, y, footprint=1e-9), expect, atol=1e-4)


def test_moire_beat_survives_where_the_ribs_vanish(bind):
    node = dict(frequency=400.0, delta_angle=2.0, warp=0.0, profile="sine")
    over = bind(Node.make("fields.moire", view="overlay", **node))
    beat = bind(Node.make("fields.moire", view="beat", **node))
    # Ribs run across (along x) and alternate down the page; the beat, the
    # difference of the two normals, alternates across.
    x = np.linspace(0.0, 1.0, 400)
    y = np.full_like(x, 0.5)
    coarse = over.sample(x, y, footprint=1 / 128)  # ribs (400 per unit) below a pixel
    # The beat: period 1 / (2 f sin(delta / 2)), about 0.07 units, still visible.
    assert coarse.max() - coarse.min() > 0.15
    assert np.allclose(coarse, beat.sample(x, y, footprint=1 / 128), atol=0.02)
    # While a point sample of the fine product is dominated by the ribs themselves.
    fine = over.sample(x, y + 0.5 / 400, footprint=1e-9)
    assert np.abs(fine - coarse).max() > 0.1


@pytest.mark.parametrize(
    "params",
    [dict(n=4, m=9, mix=-1.0), dict(n=2, m=5, mix=1.0), dict(plate="disc", n=3, m=2, mix=0.5)],
)
def test_chladni_lines_lie_on_zeros_of_the_mode(bind, params):
    p = ChladniParams(**params)
    f = bind(Node.make("fields.chladni", width=0.004, **params))
    y0 = 0.41
    x = np.linspace(0.05, 0.95, 20001)
    u, _, _ = mode_function(p, x, np.full_like(x, y0))
    crossings = np.flatnonzero(np.sign(u[1:]) != np.sign(u[:-1]))
    assert len(crossings) >= 2
    # Refine each crossing linearly; the line there is at full strength.
    xs = x[crossings] - u[crossings] * (x[crossings + 1] - x[crossings]) / (
        u[crossings + 1] - u[crossings]
    )
    line = f.sample(xs, np.full_like(xs, y0), footprint=1e-4)
    assert np.allclose(line, 1.0)
    # Far from every zero (|u| large), no sand.
    far = np.abs(u) > 0.5 * np.abs(u).max()
    assert not f.sample(x[far], np.full(far.sum(), y0), footprint=1e-4).any()


def test_chladni_mode_view_is_half_at_the_nodes(bind):
    p = ChladniParams(n=3, m=7)
    f = bind(Node.make("fields.chladni", n=3, m=7, view="mode"))
    x = np.linspace(0.0, 1.0, 5001)
    u, _, _ = mode_function(p, x, np.full_like(x, 0.3))
    v = f.sample(x, np.full_like(x, 0.3), footprint=1e-6)
    assert np.allclose(v, 0.5 + 0.5 * u / 2.0, atol=1e-6)


@pytest.mark.parametrize(
    "params,tol",
    # The disc's Bessel functions come from tables: their slopes agree to about 1%.
    [(dict(n=3, m=5, mix=-0.4), 2e-3), (dict(plate="disc", n=4, m=3, mix=0.7), 1e-2)],
)
def test_chladni_gradient_is_the_derivative(points, params, tol):
    p = ChladniParams(**params)
    x, y = points(300, lo=0.1, hi=0.9)
    # A step well above wrap01's 2^-24 snapping of the square plate's coordinates.
    h = 1e-3
    _, gx, gy = mode_function(p, x, y)
    dx = (mode_function(p, x + h, y)[0] - mode_function(p, x - h, y)[0]) / (2 * h)
    dy = (mode_function(p, x, y + h)[0] - mode_function(p, x, y - h)[0]) / (2 * h)
    scale = np.abs(gx).max() + np.abs(gy).max()
    assert np.abs(gx - dx).max() < tol * scale
    assert np.abs(gy - dy).max() < tol * scale
