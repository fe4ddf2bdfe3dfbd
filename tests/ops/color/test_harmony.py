"""color.harmony: hue relationships hold in OKLCH, colours are valid sRGB, ground first."""

from __future__ import annotations

import doctest
import importlib
import itertools
import re

import numpy as np
import pytest

from foulard.color.space import hex_to_srgb, srgb_to_oklch
from foulard.errors import ParameterError
from foulard.ops import get

harmony_module = importlib.import_module("foulard.ops.color.harmony")
SCHEMES = harmony_module.SCHEMES
SPEC = get("color.harmony")


def _run(rng_seed=0, **params):
    return SPEC.func(SPEC.params(**params), np.random.default_rng(rng_seed))


def _hue_diff(a, b):
    return (np.asarray(a) - np.asarray(b) + 180.0) % 360.0 - 180.0


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("ground", ["light", "dark"])
@pytest.mark.parametrize("hue", [0.0, 25.0, 95.0, 150.0, 265.0, 330.0])
def test_accent_hues_follow_the_scheme(scheme, ground, hue):
    colors = _run(scheme=scheme, hue=hue, ground=ground, count=12)
    lch = srgb_to_oklch(hex_to_srgb(colors))
    offsets = harmony_module.scheme_offsets(scheme, 30.0)
    for i, (_, chroma, h) in enumerate(lch[1:]):
        assert chroma > 0.02, f"accent {i} of {scheme} lost its colour"
        expected = hue + offsets[i % len(offsets)]
        # Chroma reduction keeps hue exactly; only 8-bit rounding moves it.
        assert abs(_hue_diff(h, expected)) < 3.0, (scheme, i, h, expected)


EXPECTED_OFFSETS = {  # written out independently of the module's table (spread 30)
    "monochrome": [0],
    "analogous": [0, -30, 30],
    "complementary": [0, 180],
    "split_complementary": [0, 150, 210],
    "triadic": [0, 120, 240],
    "tetradic": [0, 180, 60, 240],
    "square": [0, 180, 90, 270],
}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_first_accents_sit_at_the_textbook_offsets(scheme):
    offsets = EXPECTED_OFFSETS[scheme]
    lch = srgb_to_oklch(hex_to_srgb(_run(scheme=scheme, hue=40.0, count=1 + len(offsets))))
    assert np.abs(_hue_diff(lch[1:, 2], 40.0 + np.array(offsets))).max() < 3.0


def test_spread_widens_analogous_and_split_schemes():
    for spread in (10.0, 45.0):
        lch = srgb_to_oklch(hex_to_srgb(_run(scheme="split_complementary", hue=0.0, spread=spread)))
        assert abs(_hue_diff(lch[2, 2], 180.0 - spread)) < 3.0
        assert abs(_hue_diff(lch[3, 2], 180.0 + spread)) < 3.0


@pytest.mark.parametrize("scheme", SCHEMES)
def test_colours_are_valid_distinct_and_in_gamut(scheme):
    for ground, count, lightness in itertools.product(
        ("light", "dark"), (2, 5, 12), (0.3, 0.6, 0.9)
    ):
        colors = _run(
            scheme=scheme, count=count, ground=ground, lightness=lightness, random_hue=True
        )
        assert len(colors) == count
        assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in colors)
        assert len(set(colors)) == count
        rgb = hex_to_srgb(colors)  # a hex colour is in sRGB by construction
        assert ((rgb >= 0) & (rgb <= 1)).all()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_ground_is_quiet_and_at_the_chosen_end(scheme):
    for ground in ("light", "dark"):
        lch = srgb_to_oklch(hex_to_srgb(_run(scheme=scheme, ground=ground, count=8)))
        assert lch[0, 1] < 0.06, "the ground must be quiet"
        if ground == "light":
            assert lch[0, 0] > 0.9 and lch[0, 0] > lch[1:, 0].max()
        else:
            assert lch[0, 0] < 0.3 and lch[0, 0] < lch[1:, 0].min()


@pytest.mark.parametrize("ground", ["light", "dark"])
def test_tiers_have_distinct_lightness_inside_the_accent_range(ground):
    for lightness in np.linspace(0.3, 0.9, 13):
        for tiers in range(1, 12):
            levels = harmony_module.tier_lightness(float(lightness), tiers, ground)
            assert len(levels) == tiers
            assert levels[0] == pytest.approx(
                np.clip(lightness, *harmony_module._ACCENT_RANGE[ground])
            )
            lo, hi = harmony_module._ACCENT_RANGE[ground]
            assert min(levels) >= lo - 1e-9 and max(levels) <= hi + 1e-9
            if tiers > 1:
                assert np.diff(np.sort(levels)).min() > 0.05


def test_first_accent_has_the_requested_lightness_and_chroma():
    lch = srgb_to_oklch(hex_to_srgb(_run(hue=200.0, lightness=0.55, chroma=0.1)))
    assert abs(lch[1, 0] - 0.55) < 0.01
    assert abs(lch[1, 1] - 0.1) < 0.01
    assert abs(_hue_diff(lch[1, 2], 200.0)) < 2.0


def test_monochrome_keeps_one_hue_and_spreads_lightness():
    lch = srgb_to_oklch(hex_to_srgb(_run(scheme="monochrome", hue=140.0, count=7)))
    assert np.abs(_hue_diff(lch[1:, 2], 140.0)).max() < 3.0
    assert np.ptp(lch[1:, 0]) > 0.4


def test_random_hue_comes_from_the_generator_only():
    a = _run(7, random_hue=True)
    assert a == _run(7, random_hue=True)
    seen = {_run(s, random_hue=True)[1] for s in range(8)}
    assert len(seen) > 4
    # Without random_hue the generator is not used.
    assert _run(1) == _run(2)


def test_out_of_range_parameters_are_refused():
    with pytest.raises(ParameterError, match="count"):
        SPEC.params.from_json({"count": 13})
    with pytest.raises(ParameterError, match="scheme"):
        SPEC.params.from_json({"scheme": "pentadic"})


def test_doctests():
    result = doctest.testmod(harmony_module)
    assert result.attempted > 0 and result.failed == 0
