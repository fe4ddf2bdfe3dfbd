"""Pointwise colour operators: posterize, tone curve, duotone, quantize, colour transfer."""

from __future__ import annotations

import numpy as np
import pytest

from foulard.color.space import srgb_to_oklab
from foulard.errors import ParameterError
from foulard.genome import Genome, Node
from foulard.ops.color.color_transfer import palette_stats, transfer_matrix
from foulard.ops.color.duotone import duotone_mix
from foulard.ops.color.quantize import kmeans_oklab
from foulard.ops.color.tone_curve import PRESETS, ToneCurveParams, curve_table
from foulard.ops.examples import EXAMPLE_PALETTE, example_node
from foulard.render import TileCache
from foulard.render.evaluate import Evaluator

PAL = np.array([[int(c[i : i + 2], 16) for i in (1, 3, 5)] for c in EXAMPLE_PALETTE]) / 255.0


def _gradient() -> Node:
    noise = Node.make("fields.value_noise", frequency=5)
    return Node.make("color.gradient_map", inputs={"source": noise})


def _sample(op: str, source: Node | None = None, n=64, **params):
    source = _gradient() if source is None else source
    root = Node.make(op, inputs={"source": source}, **params)
    palette = Node.make("color.palette", colors=EXAMPLE_PALETTE)
    ev = Evaluator(Genome.make(root, palette, seed=5), cache=TileCache())
    rng = np.random.default_rng(7)
    x, y = rng.uniform(-0.1, 1.1, (2, n, n))
    return ev.sample(ev.root, x, y, 1 / 512), ev.sample(ev.root.children["source"], x, y, 1 / 512)


# -- posterize ---------------------------------------------------------------------------


@pytest.mark.parametrize("levels", [2, 3, 5, 16])
def test_posterize_rgb_outputs_only_the_levels(levels):
    out, _ = _sample("color.posterize", levels=levels, space="rgb")
    allowed = np.arange(levels) / (levels - 1)
    v = out[..., :3].ravel()
    assert np.abs(v[:, None] - allowed[None, :]).min(axis=1).max() < 1e-6
    assert len(np.unique(np.round(v * (levels - 1)))) > 1


@pytest.mark.parametrize("levels", [3, 4, 7])
def test_posterize_lightness_cuts_lightness_and_keeps_hue(levels):
    out, src = _sample("color.posterize", levels=levels)
    lab = srgb_to_oklab(out[..., :3].reshape(-1, 3).astype(np.float64))
    src_lab = srgb_to_oklab(src[..., :3].reshape(-1, 3).astype(np.float64))
    allowed = np.arange(levels) / (levels - 1)
    assert np.abs(lab[:, :1] - allowed[None, :]).min(axis=1).max() < 2e-3
    # Each point's band is the one its own lightness falls in.
    want = np.minimum(np.floor(src_lab[:, 0] * levels), levels - 1) / (levels - 1)
    assert np.abs(lab[:, 0] - want).max() < 2e-3
    hue = np.arctan2(lab[:, 2], lab[:, 1])
    src_hue = np.arctan2(src_lab[:, 2], src_lab[:, 1])
    chroma = np.hypot(lab[:, 1], lab[:, 2])
    keep = chroma > 0.03
    diff = np.angle(np.exp(1j * (hue - src_hue)))[keep]
    assert np.abs(diff).max() < 0.02


def test_posterize_a_value_field_stays_a_value():
    out, src = _sample("color.posterize", source=Node.make("fields.value_noise"), levels=4)
    assert out.shape[-1] == 1
    assert set(np.unique(out)) <= {0.0, np.float32(1 / 3), np.float32(2 / 3), 1.0}
    assert (np.diff(out[..., 0].ravel()[np.argsort(src[..., 0].ravel())]) >= 0).all()


def test_posterize_smooth_steps_are_continuous_and_monotone():
    from foulard.ops.color.posterize import posterize_levels

    t = np.linspace(0, 1, 20001)
    v = posterize_levels(t, 5, 0.4)
    assert (np.diff(v) >= 0).all()
    assert np.abs(np.diff(v)).max() < 0.01
    assert v[0] == 0.0 and v[-1] == 1.0


# -- tone curve --------------------------------------------------------------------------


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_tone_curves_are_monotone(preset):
    t = curve_table(ToneCurveParams(preset=preset, gamma=1.7, black_in=0.1, white_out=0.9))
    assert (np.diff(t) >= 0).all()
    assert t[0] == pytest.approx(0.0) and t[-1] == pytest.approx(0.9)


def test_random_custom_tone_curves_are_monotone():
    rng = np.random.default_rng(0)
    for _ in range(50):
        s, m, h = np.sort(rng.uniform(0, 1, 3))
        p = ToneCurveParams(
            preset="custom",
            shadows=float(s),
            midtones=float(m),
            highlights=float(h),
            gamma=float(rng.uniform(0.2, 5)),
            black_in=float(rng.uniform(0, 0.45)),
            white_in=float(rng.uniform(0.55, 1)),
        )
        table = curve_table(p)
        assert (np.diff(table) >= 0).all()
        # The curve passes through its points (levels and gamma left neutral).
    p = ToneCurveParams(preset="custom", shadows=0.1, midtones=0.3, highlights=0.95)
    table = curve_table(p)
    assert table[256] == pytest.approx(0.1, abs=1e-6)
    assert table[512] == pytest.approx(0.3, abs=1e-6)
    assert table[768] == pytest.approx(0.95, abs=1e-6)


def test_a_falling_custom_curve_is_refused():
    with pytest.raises(ParameterError, match="must not fall"):
        ToneCurveParams(preset="custom", shadows=0.6, midtones=0.4)


@pytest.mark.parametrize("channel", ["rgb", "red", "lightness"])
def test_linear_tone_curve_is_the_identity(channel):
    out, src = _sample("color.tone_curve", preset="linear", channel=channel)
    assert np.abs(out - src).max() < 2e-3


def test_tone_curve_keeps_the_order_of_lightness():
    out, src = _sample("color.tone_curve", preset="strong_contrast")
    a = srgb_to_oklab(src[..., :3].reshape(-1, 3).astype(np.float64))[:, 0]
    b = srgb_to_oklab(out[..., :3].reshape(-1, 3).astype(np.float64))[:, 0]
    order = np.argsort(a)
    assert (np.diff(b[order]) >= -2e-3).all()  # chroma reduction moves L by rounding only
    assert b.std() > a.std()  # more contrast


# -- duotone -----------------------------------------------------------------------------


@pytest.mark.parametrize("mix", ["density", "oklab"])
def test_duotone_endpoints_are_the_two_roles(mix):
    dark, light = PAL[1], PAL[3]
    ends = duotone_mix(np.array([0.0, 1.0]), dark, light, mix)
    assert np.array_equal(ends[0], dark.astype(np.float32))
    assert np.array_equal(ends[1], light.astype(np.float32))
    path = duotone_mix(np.linspace(0, 1, 101), dark, light, mix)
    lab = srgb_to_oklab(path.astype(np.float64))
    assert (np.diff(lab[:, 0]) > 0).all()  # lightness rises all the way


def test_duotone_of_a_value_field_spans_both_roles():
    source = example_node("fields.fbm")
    out, src = _sample("color.duotone", source=source, n=96, dark=1, light=0)
    rgb = out[..., :3].reshape(-1, 3)
    d_dark = np.abs(rgb - PAL[1].astype(np.float32)).max(axis=1)
    d_light = np.abs(rgb - PAL[0].astype(np.float32)).max(axis=1)
    # The stretch sends the source's extremes (about 1% each side) to the two roles.
    assert (d_dark < 1e-6).mean() > 0.002 and (d_light < 1e-6).mean() > 0.002
    v = src[..., 0].ravel()
    light = srgb_to_oklab(rgb.astype(np.float64))[:, 0]
    order = np.argsort(v)
    assert (np.diff(light[order]) >= -1e-4).all()


# -- quantize ----------------------------------------------------------------------------


@pytest.mark.parametrize("k", [2, 5, 12])
def test_quantize_outputs_exactly_k_colours(k):
    out, _ = _sample("color.quantize", colors=k, n=96)
    assert (out[..., 3] == 1.0).all()
    colours = np.unique(out[..., :3].reshape(-1, 3), axis=0)
    assert 2 <= len(colours) <= k


def test_kmeans_beats_random_centres():
    rng = np.random.default_rng(3)
    lab = srgb_to_oklab(rng.random((2000, 3)) ** 2)
    centres = kmeans_oklab(lab, 6, np.random.default_rng(0))

    def inertia(c):
        return np.min(((lab[:, None] - c[None]) ** 2).sum(-1), axis=1).sum()

    random_best = min(inertia(lab[rng.choice(len(lab), 6, replace=False)]) for _ in range(50))
    assert inertia(centres) < 0.8 * random_best
    assert (np.diff(centres[:, 0]) >= 0).all()  # sorted by lightness


def test_quantize_centres_do_not_depend_on_the_points_asked():
    a, _ = _sample("color.quantize", n=40)
    b, _ = _sample("color.quantize", n=90)
    ca = {tuple(c) for c in a[..., :3].reshape(-1, 3)}
    cb = {tuple(c) for c in b[..., :3].reshape(-1, 3)}
    assert ca <= cb or cb <= ca  # the same centres; each sample sees some of them


# -- colour transfer ---------------------------------------------------------------------


@pytest.mark.parametrize("method", ["reinhard", "linear_mk"])
def test_transfer_matrix_matches_target_spread(method):
    rng = np.random.default_rng(1)
    a = rng.normal(size=(3, 3)) * 0.1
    b = rng.normal(size=(3, 3)) * 0.1
    cov_s, cov_t = a @ a.T + 1e-3 * np.eye(3), b @ b.T + 1e-3 * np.eye(3)
    m = transfer_matrix(cov_s, cov_t, method)
    moved = m @ (cov_s + 1e-4 * np.eye(3)) @ m.T
    if method == "linear_mk":
        assert np.allclose(moved, cov_t, atol=1e-4)
    else:
        assert np.allclose(np.diag(m @ cov_s @ m.T), np.diag(cov_t), rtol=0.05)


def test_colour_transfer_moves_the_mean_to_the_palette_mean():
    out, src = _sample(
        "color.color_transfer",
        source=Node.make("color.hue_shift", inputs={"source": _gradient()}, shift=150.0),
        n=96,
        method="reinhard",
        ground_share=0.4,
    )
    w = np.full(6, 0.12)
    w[0] = 0.4
    mean_t, _ = palette_stats(srgb_to_oklab(PAL), w)
    lab = srgb_to_oklab(out[..., :3].reshape(-1, 3).astype(np.float64))
    src_lab = srgb_to_oklab(src[..., :3].reshape(-1, 3).astype(np.float64))
    assert np.abs(lab.mean(axis=0) - mean_t).max() < 0.03
    assert np.abs(src_lab.mean(axis=0) - mean_t).max() > 0.03


def test_colour_transfer_with_no_strength_is_the_identity():
    out, src = _sample("color.color_transfer", strength=0.0)
    assert np.array_equal(out, src)
