"""fields.gradient_fill: geometry, spreads and OKLab interpolation between palette roles."""

from __future__ import annotations

import numpy as np
import pytest

from foulard.color.space import oklab_to_srgb, srgb_to_oklab
from foulard.genome.schema import Node
from foulard.ops._common.palette import Palette
from foulard.ops.examples import EXAMPLE_PALETTE

PAL = Palette(EXAMPLE_PALETTE)


@pytest.mark.parametrize("space", ["oklab", "oklch", "srgb", "linear_srgb"])
@pytest.mark.parametrize("easing", ["linear", "smooth", "ease_in", "ease_out"])
def test_endpoints_are_exactly_the_palette_roles(bind, space, easing):
    f = bind(
        Node.make(
            "fields.gradient_fill",
            angle=0.0,
            size=0.5,
            first=2,
            count=3,
            space=space,
            easing=easing,
        )
    )
    # The gradient runs across from x = 0.25 (t = 0) to x = 0.75 (t = 1); pad beyond.
    x = np.array([0.0, 0.25, 0.75, 1.0])
    rgba = f.sample(x, np.full(4, 0.5), channel=None)
    assert np.allclose(rgba[..., 3], 1.0)
    assert np.allclose(rgba[:2, :3], PAL.rgb[2], atol=1e-5)
    assert np.allclose(rgba[2:, :3], PAL.rgb[4], atol=1e-5)


def test_reverse_swaps_the_ends(bind):
    f = bind(Node.make("fields.gradient_fill", angle=0.0, size=0.5, first=1, count=2, reverse=True))
    rgba = f.sample(np.array([0.2, 0.8]), np.array([0.5, 0.5]), channel=None)
    assert np.allclose(rgba[0, :3], PAL.rgb[2], atol=1e-5)
    assert np.allclose(rgba[1, :3], PAL.rgb[1], atol=1e-5)


def test_oklab_midpoint_is_the_oklab_mean(bind):
    f = bind(Node.make("fields.gradient_fill", angle=90.0, size=1.0, first=1, count=2))
    mid = f.sample(np.array([0.3]), np.array([0.5]), channel=None)[0, :3]
    lab = srgb_to_oklab(PAL.rgb[[1, 2]].astype(np.float64))
    assert np.allclose(mid, oklab_to_srgb(lab.mean(axis=0)), atol=2e-3)
    # ...which differs from the plain sRGB mean (a test that can fail).
    assert np.abs(mid - PAL.rgb[[1, 2]].mean(axis=0)).max() > 0.02


@pytest.mark.parametrize("shape", ["radial", "diamond", "conic", "reflected", "linear"])
def test_position_follows_the_geometry(bind, shape):
    node = Node.make(
        "fields.gradient_fill", shape=shape, angle=0.0, size=0.4, first=1, count=2, space="srgb"
    )
    f = bind(node)
    a, b = PAL.rgb[1], PAL.rgb[2]
    # Points with a known position t along the gradient.
    cases = {
        "radial": [((0.5 + 0.2, 0.5), 0.5), ((0.5, 0.5 - 0.1), 0.25)],
        "diamond": [((0.5 + 0.1, 0.5 + 0.1), 0.5), ((0.5 - 0.3, 0.5), 0.75)],
        "conic": [((0.5, 0.7), 0.25), ((0.3, 0.5), 0.5)],
        "reflected": [((0.5 + 0.1, 0.5), 0.25), ((0.5 - 0.1, 0.5), 0.25)],
        "linear": [((0.5 + 0.1, 0.5), 0.75), ((0.5 - 0.1, 0.9), 0.25)],
    }[shape]
    for (x, y), t in cases:
        got = f.sample(np.array([x]), np.array([y]), footprint=1e-9, channel=None)[0, :3]
        assert np.allclose(got, a + (b - a) * t, atol=1e-3), (shape, x, y, t)


def test_repeat_seams_are_box_filtered(bind):
    f = bind(
        Node.make(
            "fields.gradient_fill",
            angle=0.0,
            size=0.1,
            first=1,
            count=2,
            space="srgb",
            spread="repeat",
        )
    )
    fp = 0.01
    # A seam at x = 0.55 (t = 1 -> 0): the pixel centred on it is half each end.
    on = f.sample(np.array([0.55]), np.array([0.5]), footprint=fp, channel=None)[0, :3]
    assert np.allclose(on, 0.5 * (PAL.rgb[1] + PAL.rgb[2]), atol=1e-3)
    # A pixel clear of the seam is the plain colour.
    off = f.sample(np.array([0.5]), np.array([0.5]), footprint=fp, channel=None)[0, :3]
    assert np.allclose(off, 0.5 * (PAL.rgb[1] + PAL.rgb[2]), atol=1e-3)
    # A quarter pixel past the seam (t = 0.025): three quarters of the pixel lie
    # after it, one quarter before it (at t = 1).
    near = f.sample(np.array([0.5525]), np.array([0.5]), footprint=fp, channel=None)[0, :3]
    a, b = PAL.rgb[1], PAL.rgb[2]
    assert np.allclose(near, 0.75 * (a + 0.025 * (b - a)) + 0.25 * b, atol=1e-3)


def test_reflect_spread_is_continuous(bind):
    f = bind(Node.make("fields.gradient_fill", angle=0.0, size=0.1, count=2, spread="reflect"))
    x = np.linspace(0.0, 1.0, 4001)
    rgb = f.sample(x, np.full_like(x, 0.5), footprint=1e-9, channel=None)[:, :3]
    assert np.abs(np.diff(rgb, axis=0)).max() < 0.01
