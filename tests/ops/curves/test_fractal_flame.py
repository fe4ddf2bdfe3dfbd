"""curves.fractal_flame: variations, log density, colour by index."""

from __future__ import annotations

import math

import numpy as np

from foulard.genome.schema import Node
from foulard.ops.curves.fractal_flame import (
    FractalFlameParams,
    _mass_share,
    choose_flame,
    variation,
)
from foulard.ops.examples import EXAMPLE_PALETTE


def test_variations_follow_draves():
    rng = np.random.default_rng(0)
    x, y = rng.uniform(-2, 2, 500), rng.uniform(-2, 2, 500)
    r = np.hypot(x, y)
    one = np.ones_like(x)
    assert np.allclose(variation("linear", x, y, one), (x, y))
    sx, sy = variation("spherical", x, y, one)
    assert np.allclose(np.hypot(sx, sy), 1 / r, rtol=1e-6)  # inversion in the unit circle
    wx, wy = variation("swirl", x, y, one)
    assert np.allclose(np.hypot(wx, wy), r)  # a turn by r^2 keeps the radius
    # julia: a square root in Draves' frame (theta = atan2(x, y)): squared back it
    # gives (y, x), on either branch.
    for flip in (one, -one):
        jx, jy = variation("julia", x, y, flip)
        z = (jx + 1j * jy) ** 2
        assert np.allclose(z.real, y, atol=1e-9) and np.allclose(z.imag, x, atol=1e-9)
    px, py = variation("polar", x, y, one)
    assert np.allclose(py, r - 1) and (np.abs(px) <= 1).all()


def test_chosen_flames_neither_collapse_nor_fog():
    for seed in range(4):
        rng = np.random.default_rng(seed)
        flame = choose_flame(FractalFlameParams(), rng)
        assert np.isclose(flame.cumulative[-1], 1.0)
        assert np.allclose(flame.blend.sum(axis=1), 1.0)
    # The measure itself: a point cloud on a line is compact, uniform noise is fog.
    t = np.linspace(0, 1, 5000)
    assert _mass_share(t, t) < 0.06
    rng = np.random.default_rng(1)
    assert _mass_share(rng.random(5000), rng.random(5000)) > 0.35


def test_colours_are_blends_of_the_palette_roles_premultiplied(bind):
    f = bind(Node.make("curves.fractal_flame", samples=0.5, first_role=1, roles=3))
    rng = np.random.default_rng(3)
    x, y = rng.uniform(0.05, 0.95, 20000), rng.uniform(0.05, 0.95, 20000)
    v = f.sample(x, y, 1 / 512, channel=None)
    alpha = v[..., 3]
    assert alpha.max() > 0.9 and (alpha == 0).any()
    assert (v[..., :3] <= alpha[:, None] + 1e-5).all()
    seen = alpha > 0.05
    colour = v[seen, :3] / alpha[seen, None]
    roles = np.array(
        [[int(c[i : i + 2], 16) / 255 for i in (1, 3, 5)] for c in EXAMPLE_PALETTE[1:4]]
    )
    # Within the box spanned by the three role colours (bilinear sampling blends
    # neighbouring cells' colours, which stays inside it).
    assert (colour >= roles.min(axis=0) - 0.02).all() and (colour <= roles.max(axis=0) + 0.02).all()


def test_symmetry_turns_copies_about_the_centre(bind):
    f = bind(Node.make("curves.fractal_flame", symmetry=4, samples=1.0))
    rng = np.random.default_rng(5)
    r = 0.35 * np.sqrt(rng.random(20000))
    a = rng.uniform(0, 2 * math.pi, 20000)
    base = f.sample(0.5 + r * np.cos(a), 0.5 + r * np.sin(a), 1 / 512, channel=3)
    turned = f.sample(
        0.5 + r * np.cos(a + math.pi / 2), 0.5 + r * np.sin(a + math.pi / 2), 1 / 512, channel=3
    )
    # The copies turn about the flame's median point, placed near the centre.
    assert np.corrcoef(base, turned)[0, 1] > 0.6
