"""Palette generators: tonal ramps, cosine palettes, maximally distinct palettes."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from foulard.color.space import hex_to_srgb, srgb_to_oklab, srgb_to_oklch
from foulard.errors import ParameterError
from foulard.genome import Genome, Node
from foulard.ops.color.cosine_palette import PRESETS, cosine_colors
from foulard.ops.color.max_distinct import candidates_oklab, min_pairwise
from foulard.ops.examples import example_node
from foulard.render.evaluate import Evaluator


def _palette(op: str, seed: int = 1, **params) -> tuple[str, ...]:
    genome = Genome.make(example_node("color.gradient_map"), Node.make(op, **params), seed=seed)
    return Evaluator(genome).palette.colors


# -- tonal ramp ---------------------------------------------------------------------------

RAMPS = [
    {},
    {"ground": "dark"},
    {"hue": 30.0, "chroma": 0.3, "count": 12, "drift": 60.0},
    {"hue": 140.0, "lightest": 0.99, "darkest": 0.05, "count": 16, "peak": 0.0, "ends": 1.0},
    {"random_hue": True, "count": 2, "lightest": 0.6, "darkest": 0.55},
    {"hue": 300.0, "chroma": 0.37, "peak": 1.0, "ends": 0.0, "drift": -90.0},
]


@pytest.mark.parametrize("params", RAMPS)
def test_tonal_ramps_are_monotone_in_oklch_lightness(params):
    colors = _palette("color.tonal_ramp", **params)
    assert len(colors) == params.get("count", 6)
    light = srgb_to_oklch(hex_to_srgb(colors))[:, 0]
    steps = np.diff(light)
    if params.get("ground", "light") == "light":
        assert (steps < 0).all()
    else:
        assert (steps > 0).all()


def test_tonal_ramp_steps_are_even_and_hue_follows_the_drift():
    colors = _palette("color.tonal_ramp", hue=250.0, chroma=0.08, drift=20.0, count=7)
    lch = srgb_to_oklch(hex_to_srgb(colors))
    steps = np.diff(lch[:, 0])
    assert np.ptp(steps) < 0.01  # even up to 8-bit rounding
    hues = lch[1:-1, 2]  # the ends are quiet, their hue less exact after rounding
    assert np.allclose(hues, 250.0 + 20.0 * (np.linspace(0, 1, 7)[1:-1] - 0.5), atol=2.0)


def test_tonal_ramp_with_too_little_lightness_range_is_refused():
    with pytest.raises(ParameterError, match=r"at least 0\.02 per step"):
        _palette("color.tonal_ramp", lightest=0.6, darkest=0.55, count=8)


# -- cosine palette -----------------------------------------------------------------------


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_cosine_palettes_match_the_formula(preset):
    colors = _palette("color.cosine_palette", preset=preset, count=9, start=-0.2, end=1.3)
    a, b, c, d = (np.array(v) for v in PRESETS[preset])
    t = np.linspace(-0.2, 1.3, 9)
    want = np.clip(a + b * np.cos(2 * np.pi * (c * t[:, None] + d)), 0, 1)
    assert np.abs(hex_to_srgb(colors) - want).max() <= 0.5 / 255 + 1e-9


def test_custom_coefficients_and_phase():
    params = {
        "preset": "custom",
        "a_r": 0.6,
        "a_g": 0.4,
        "a_b": 0.5,
        "b_r": 0.3,
        "b_g": 0.2,
        "b_b": 0.45,
        "c_r": 2.0,
        "c_g": 0.5,
        "c_b": 1.5,
        "d_r": 0.1,
        "d_g": 0.7,
        "d_b": 0.25,
        "phase": 0.3,
        "count": 5,
    }
    colors = _palette("color.cosine_palette", **params)
    want = cosine_colors(
        np.array([0.6, 0.4, 0.5]),
        np.array([0.3, 0.2, 0.45]),
        np.array([2.0, 0.5, 1.5]),
        np.array([0.4, 1.0, 0.55]),
        np.linspace(0.05, 0.85, 5),
    )
    assert np.abs(hex_to_srgb(colors) - want).max() <= 0.5 / 255 + 1e-9


def test_cosine_ground_choice_moves_the_lightest_first():
    first = _palette("color.cosine_palette", preset="rainbow")
    light = _palette("color.cosine_palette", preset="rainbow", ground="light")
    assert sorted(first) == sorted(light)
    lab = srgb_to_oklab(hex_to_srgb(light))
    assert lab[0, 0] == lab[:, 0].max()


# -- max distinct -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"count": 10, "lightness_min": 0.4, "lightness_max": 0.8, "chroma_max": 0.12},
        {"count": 4, "ground": "dark"},
        {"count": 8, "locked": ["#1d3557", "#f3ead7"]},
    ],
)
def test_max_distinct_beats_random_palettes(params):
    colors = _palette("color.max_distinct", seed=2, **params)
    assert len(colors) == params.get("count", 6)
    lab = srgb_to_oklab(hex_to_srgb(colors))
    got = min_pairwise(lab)
    # The same number of colours drawn at random in the same limits, with the same
    # fixed first colours: the best of many is still less spread.
    rng = np.random.default_rng(9)
    limits = (params.get("lightness_min", 0.3), params.get("lightness_max", 0.9))
    cand = candidates_oklab(rng, limits, params.get("chroma_max", 0.17), 4000)
    fixed = len(params.get("locked", [])) or 1
    best_random = 0.0
    for _ in range(300):
        pick = cand[rng.choice(len(cand), len(colors) - fixed, replace=False)]
        best_random = max(best_random, min_pairwise(np.concatenate([lab[:fixed], pick])))
    assert got > 1.15 * best_random


def test_max_distinct_keeps_locked_colours_first_and_exact():
    locked = ["#c0392b", "#fefefe", "#123456"]
    colors = _palette("color.max_distinct", locked=locked, count=6)
    assert list(colors[:3]) == locked
    assert len(set(colors)) == 6


def test_max_distinct_respects_the_limits():
    colors = _palette(
        "color.max_distinct", count=9, lightness_min=0.5, lightness_max=0.7, chroma_max=0.1
    )
    lch = srgb_to_oklch(hex_to_srgb(colors[1:]))  # the ground lies outside by design
    assert (lch[:, 0] > 0.5 - 0.01).all() and (lch[:, 0] < 0.7 + 0.01).all()
    assert (lch[:, 1] < 0.1 + 0.01).all()


def test_max_distinct_is_a_local_optimum():
    colors = _palette("color.max_distinct", count=5)
    lab = srgb_to_oklab(hex_to_srgb(colors))
    base = min_pairwise(lab)
    cand = candidates_oklab(np.random.default_rng(4), (0.3, 0.9), 0.17, 2000)
    # Replacing any one accent by any candidate never widens the narrowest gap much.
    for i, c in itertools.product(range(1, 5), range(0, 2000, 7)):
        trial = lab.copy()
        trial[i] = cand[c]
        assert min_pairwise(trial) < base + 0.02
