"""color.chinese_traditional and color.solar_term: colours from the data, ground first, spread."""

from __future__ import annotations

import itertools
import re

import numpy as np
import pytest

from foulard.color.names import chinese_colors, palette_ids, solar_term_ids
from foulard.color.space import delta_e_ok, hex_to_srgb, srgb_to_oklab
from foulard.errors import ParameterError
from foulard.ops import get

TRADITIONAL = get("color.chinese_traditional")
SOLAR = get("color.solar_term")


def _run(spec, seed=0, **params):
    return spec.func(spec.params(**params), np.random.default_rng(seed))


def _lab(colors):
    return srgb_to_oklab(hex_to_srgb(colors))


def _min_pair(lab):
    d = delta_e_ok(lab[:, None, :], lab[None, :, :])
    d[np.diag_indices(len(lab))] = np.inf
    return d.min()


def _check_palette(colors, count):
    assert len(colors) == count
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in colors)
    assert len(set(colors)) == count


@pytest.mark.parametrize("term", solar_term_ids())
@pytest.mark.parametrize("ground", ["light", "dark"])
def test_solar_term_colours_come_from_the_term(term, ground):
    own = chinese_colors().solar_terms[term].colors
    for count in (2, 6, 16):
        colors = _run(SOLAR, term=term, count=count, ground=ground)
        _check_palette(colors, count)
        assert set(colors) <= set(own.hexes)
        light = _lab(colors)[:, 0]
        end = own.lab[:, 0].max() if ground == "light" else own.lab[:, 0].min()
        assert light[0] == pytest.approx(end), "ground must be the term's lightest/darkest"


@pytest.mark.parametrize("term", ["lichun", "xiazhi", "shuangjiang", "dahan"])
@pytest.mark.parametrize("count", [3, 5])
def test_solar_term_subset_maximises_the_closest_pair(term, count):
    own = chinese_colors().solar_terms[term].colors
    colors = _run(SOLAR, term=term, count=count)
    ground = colors[0]
    others = [h for h in own.hexes if h != ground]
    best = max(
        _min_pair(_lab([ground, *subset])) for subset in itertools.combinations(others, count - 1)
    )
    assert _min_pair(_lab(colors)) == pytest.approx(best)


def test_accents_come_in_order_of_emphasis():
    colors = _run(SOLAR, term="qiufen", count=8)
    lab = _lab(colors)
    # Each accent is the one farthest from all colours before it.
    for i in range(1, len(lab) - 1):
        gap = [delta_e_ok(lab[:i], lab[j]).min() for j in range(i, len(lab))]
        assert gap[0] == pytest.approx(max(gap))


def test_random_term_is_deterministic_per_generator():
    seen = set()
    for seed in range(6):
        a = _run(SOLAR, seed, term="random")
        assert a == _run(SOLAR, seed, term="random")
        seen.add(a)
    assert len(seen) > 3
    assert _run(SOLAR, 1) == _run(SOLAR, 2)  # a fixed term draws nothing


@pytest.mark.parametrize("theme", palette_ids())
def test_named_palettes_use_their_own_colours(theme):
    own = chinese_colors().palettes[theme].colors
    for ground in ("light", "dark"):
        full = _run(TRADITIONAL, theme=theme, count=12, ground=ground)
        _check_palette(full, len(set(own.hexes)))
        assert set(full) == set(own.hexes)
        three = _run(TRADITIONAL, theme=theme, count=3, ground=ground)
        _check_palette(three, 3)
        assert set(three) <= set(own.hexes)
        light = _lab(full)[:, 0]
        assert light[0] == (light.max() if ground == "light" else light.min())


def test_random_theme_draws_a_named_palette():
    all_named = {h for t in palette_ids() for h in chinese_colors().palettes[t].colors.hexes}
    seen = set()
    for seed in range(10):
        colors = _run(TRADITIONAL, seed, theme="random")
        assert colors == _run(TRADITIONAL, seed, theme="random")
        assert set(colors) <= all_named
        seen.add(colors)
    assert len(seen) > 5


@pytest.mark.parametrize("ground", ["light", "dark"])
def test_zhongguose_harmonies_come_from_the_526_colours(ground):
    zhongguose = set(chinese_colors().zhongguose.hexes)
    for seed in range(12):
        for count in (2, 6, 12):
            colors = _run(TRADITIONAL, seed, theme="zhongguose", count=count, ground=ground)
            _check_palette(colors, count)
            assert set(colors) <= zhongguose
            assert colors == _run(TRADITIONAL, seed, theme="zhongguose", count=count, ground=ground)
            lab = _lab(colors)
            assert np.hypot(lab[0, 1], lab[0, 2]) < 0.08, "the ground must be quiet"
            if ground == "light":
                assert lab[0, 0] > 0.85 and lab[0, 0] >= lab[1:, 0].max()
            else:
                assert lab[0, 0] < 0.4 and lab[0, 0] <= lab[1:, 0].min()
            assert _min_pair(lab) > 0.05, "no two roles may look alike"


def test_unknown_theme_and_term_are_refused_with_the_valid_ones():
    with pytest.raises(ParameterError, match="twilight_gold"):
        TRADITIONAL.params.from_json({"theme": "sunset"})
    with pytest.raises(ParameterError, match="qingming"):
        SOLAR.params.from_json({"term": "spring"})
