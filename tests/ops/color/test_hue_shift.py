"""color.hue_shift: a rotation in OKLCH that keeps lightness and chroma, then gamut-maps."""

from __future__ import annotations

import numpy as np
import pytest
from coloraide import Color

from foulard.color.space import srgb_to_oklch
from foulard.genome import Genome, Node
from foulard.render.evaluate import Evaluator

# Quiet to vivid colours, so that some rotations leave the sRGB gamut.
COLORS = ("#f3ead7", "#1d3557", "#c0392b", "#d4a72c", "#2a7f62", "#6c4f8b", "#00ff00", "#ffee00")


def _sample(source: Node | None = None, n=48, **params):
    if source is None:
        noise = Node.make("fields.value_noise", frequency=5)
        source = Node.make("color.gradient_map", inputs={"source": noise})
    root = Node.make("color.hue_shift", inputs={"source": source}, **params)
    ev = Evaluator(Genome.make(root, Node.make("color.palette", colors=COLORS), seed=2))
    rng = np.random.default_rng(11)
    x, y = rng.uniform(0, 1, (2, n, n))
    return ev.sample(ev.root, x, y, 1 / 512), ev.sample(ev.root.children["source"], x, y, 1 / 512)


def _hue_diff(a, b):
    return (a - b + 180.0) % 360.0 - 180.0


def test_zero_shift_is_the_identity():
    out, src = _sample(shift=0.0)
    assert np.abs(out - src).max() < 2e-5


@pytest.mark.parametrize("shift", [-150.0, -40.0, 30.0, 90.0, 180.0])
def test_in_gamut_results_keep_lightness_and_chroma_and_turn_the_hue(shift):
    out, src = _sample(shift=shift)
    a = srgb_to_oklch(src[..., :3].reshape(-1, 3).astype(np.float64))
    b = srgb_to_oklch(out[..., :3].reshape(-1, 3).astype(np.float64))
    # Where chroma was kept the colour stayed in gamut: there L, C and hue obey exactly.
    kept = (np.abs(b[:, 1] - a[:, 1]) < 1e-4) & (a[:, 1] > 0.02)
    assert kept.mean() > 0.3
    assert np.abs(b[kept, 0] - a[kept, 0]).max() < 1e-4
    assert np.abs(_hue_diff(b[kept, 2], a[kept, 2] + shift)).max() < 0.05
    # Elsewhere chroma was reduced, never raised, at the same lightness and hue.
    assert (b[:, 1] <= a[:, 1] + 1e-4).all()
    assert np.abs(b[:, 0] - a[:, 0]).max() < 1e-3
    coloured = b[:, 1] > 0.03
    assert np.abs(_hue_diff(b[coloured, 2], a[coloured, 2] + shift)).max() < 0.5


def test_matches_coloraide_reference_on_samples():
    out, src = _sample(n=12, shift=100.0, chroma=1.3, lightness=0.05)
    for o, s in zip(out.reshape(-1, 4), src.reshape(-1, 4), strict=True):
        lch = Color("srgb", [float(v) for v in s[:3]]).convert("oklch")
        light, c, h = lch.coords(nans=False)
        want = Color("oklch", [min(light + 0.05, 1.0), c * 1.3, h + 100.0]).convert("srgb")
        want = want.fit(method="oklch-chroma", jnd=0.0).coords()
        assert np.abs(np.asarray(want) - o[:3]).max() < 2e-3


def test_chroma_zero_gives_greys_of_the_same_lightness():
    out, src = _sample(chroma=0.0)
    lch = srgb_to_oklch(out[..., :3].reshape(-1, 3).astype(np.float64))
    assert lch[:, 1].max() < 1e-3
    l_src = srgb_to_oklch(src[..., :3].reshape(-1, 3).astype(np.float64))[:, 0]
    assert np.abs(lch[:, 0] - l_src).max() < 1e-4


def test_shift_and_back_returns_the_original_where_in_gamut():
    noise = Node.make("fields.value_noise", frequency=5)
    there = Node.make(
        "color.hue_shift",
        inputs={"source": Node.make("color.gradient_map", inputs={"source": noise})},
        shift=70.0,
    )
    root = Node.make("color.hue_shift", inputs={"source": there}, shift=-70.0)
    ev = Evaluator(Genome.make(root, Node.make("color.palette", colors=COLORS), seed=2))
    x, y = np.random.default_rng(3).uniform(0, 1, (2, 48, 48))
    back = ev.sample(ev.root, x, y, 1 / 512).reshape(-1, 4)
    mid = ev.sample(ev.root.children["source"], x, y, 1 / 512).reshape(-1, 4)
    src = ev.sample(ev.root.children["source"].children["source"], x, y, 1 / 512).reshape(-1, 4)
    a = srgb_to_oklch(src[:, :3].astype(np.float64))
    b = srgb_to_oklch(mid[:, :3].astype(np.float64))
    kept = np.abs(b[:, 1] - a[:, 1]) < 1e-4
    assert kept.mean() > 0.3
    assert np.abs(back - src)[kept].max() < 1e-4
    assert np.abs(back - src)[~kept].max() > 1e-3  # gamut mapping is not undone: the test can fail


def test_alpha_is_kept_and_colour_stays_premultiplied():
    motif = Node.make("motifs.plum_blossom")
    out, src = _sample(source=motif, n=96, shift=120.0)
    assert np.array_equal(out[..., 3], src[..., 3])
    assert (out[..., :3] <= out[..., 3:4] + 1e-6).all()
    assert (out[src[..., 3] == 0] == 0).all()
    assert (src[..., 3] > 0).any() and (src[..., 3] == 0).any()
