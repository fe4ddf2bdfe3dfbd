"""transform.blend: W3C blend modes of two layers."""

from __future__ import annotations

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops.transform.blend import MODES, NON_SEPARABLE, blend_colors

BACK = Node.make("color.gradient_map", inputs={"source": Node.make("fields.value_noise")})
COLORS = ["#ffffff", "#000000", "#1f3a5f", "#c8553d"]  # roles: 0 white, 1 black


def _rand(n=4000, seed=0):
    rng = np.random.default_rng(seed)
    return rng.random((n, 3)), rng.random((n, 3))


def test_separable_modes_match_their_formulas():
    b, s = _rand()
    assert np.allclose(blend_colors("multiply", b, s), b * s)
    assert np.allclose(blend_colors("screen", b, s), 1 - (1 - b) * (1 - s))
    assert np.allclose(blend_colors("difference", b, s), np.abs(b - s))
    assert np.allclose(blend_colors("exclusion", b, s), b + s - 2 * b * s)
    assert np.allclose(blend_colors("darken", b, s), np.minimum(b, s))
    assert np.allclose(blend_colors("normal", b, s), s)
    hard = np.where(s <= 0.5, 2 * b * s, 1 - 2 * (1 - b) * (1 - s))
    assert np.allclose(blend_colors("hard_light", b, s), hard)
    assert np.allclose(blend_colors("overlay", b, s), blend_colors("hard_light", s, b))
    # Soft light: W3C formula at a few hand-computed points.
    assert np.isclose(blend_colors("soft_light", np.array(0.5), np.array(1.0)), np.sqrt(0.5))
    assert np.isclose(blend_colors("soft_light", np.array(0.2), np.array(0.0)), 0.2 - 0.2 * 0.8)
    assert np.allclose(
        blend_colors("color_dodge", np.array([0.3, 0.0]), np.array([0.5, 0.9])), [0.6, 0]
    )


def test_identities_of_multiply_screen_and_friends():
    b, _ = _rand()
    white, black = np.ones_like(b), np.zeros_like(b)
    assert np.allclose(blend_colors("multiply", b, white), b)
    assert np.allclose(blend_colors("screen", b, black), b)
    assert np.allclose(blend_colors("difference", b, black), b)
    assert np.allclose(blend_colors("soft_light", b, np.full_like(b, 0.5)), b)


def test_non_separable_modes_keep_the_right_luminosity():
    b, s = _rand(seed=2)
    lum = np.array([0.3, 0.59, 0.11])
    for mode, keeps in (("hue", b), ("saturation", b), ("color", b), ("luminosity", s)):
        out = blend_colors(mode, b, s)
        assert (out >= -1e-9).all() and (out <= 1 + 1e-9).all()
        assert np.allclose(out @ lum, keeps @ lum, atol=1e-9), mode
    out = blend_colors("color", b, s)  # hue and saturation from the source: same channel order
    assert (np.argsort(out, axis=1)[:, [0, 2]] == np.argsort(s, axis=1)[:, [0, 2]]).mean() > 0.95


@pytest.mark.parametrize(("mode", "role"), [("multiply", 0), ("screen", 1), ("darken", 0)])
def test_identity_layers_leave_the_backdrop(bind, points, mode, role):
    top = Node.make("color.fill", color=role)
    f = bind(
        Node.make("transform.blend", inputs={"backdrop": BACK, "source": top}, mode=mode),
        colors=COLORS,
    )
    x, y = points(3000)
    back = f.sample(x, y, bound=f.child("backdrop"))
    assert np.allclose(f.sample(x, y), back, atol=1e-6)


@pytest.mark.parametrize("mode", MODES)
def test_zero_opacity_and_transparent_backdrop(bind, points, mode):
    top = Node.make("color.gradient_map", inputs={"source": Node.make("fields.sine_grating")})
    x, y = points(1000)
    f = bind(
        Node.make(
            "transform.blend", inputs={"backdrop": BACK, "source": top}, mode=mode, opacity=0.0
        )
    )
    assert np.allclose(f.sample(x, y), f.sample(x, y, bound=f.child("backdrop")), atol=1e-7)
    clear = Node.make("color.fill", opacity=0.0)
    g = bind(Node.make("transform.blend", inputs={"backdrop": clear, "source": top}, mode=mode))
    assert np.allclose(g.sample(x, y), g.sample(x, y, bound=g.child("source")), atol=1e-6)
    if mode not in NON_SEPARABLE:
        out = f.sample(x, y)
        assert (out[..., :3] <= out[..., 3:] + 1e-6).all()
