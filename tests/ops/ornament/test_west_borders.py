"""Border units join without a seam: rinceau, chain, rope, anthemion and Celtic borders.

Each border unit draws its unit square out of a pattern of period 1 in x. Copies of
the rasterised unit laid side by side are compared with the same pattern
rasterised straight through a window that straddles the seam: a cut, gap or
misalignment at an edge shows up there. Skia flattens curves a little
differently where a clip cuts them elsewhere, so edges may differ in
anti-aliasing (never by half a level), while a seam defect differs by whole
levels; a one-pixel slip of the window fails the same comparison.
"""

from __future__ import annotations

import numpy as np
import pytest

from foulard.ops._common.palette import Palette
from foulard.ops.examples import EXAMPLE_PALETTE
from foulard.ops.ornament.celtic_knot import CelticKnotParams, knot
from foulard.ops.ornament.chain_links import ChainLinksParams, chain
from foulard.ops.ornament.palmette import PalmetteParams, anthemion
from foulard.ops.ornament.rinceau import RinceauParams, frieze
from foulard.ops.ornament.rope_twist import RopeTwistParams, rope
from foulard.render.evaluate import node_rng

PALETTE = Palette(EXAMPLE_PALETTE)
PX = 200


def draw_rinceau(p, bounds):
    return frieze(p, node_rng(3, "root"), PALETTE, bounds)


def draw_chain(p, bounds):
    return chain(p, PALETTE, bounds)


def draw_rope(p, bounds):
    return rope(p, PALETTE, bounds)


def draw_anthemion(p, bounds):
    return anthemion(p, PALETTE, bounds)


def draw_knot(p, bounds):
    return knot(p, node_rng(3, "root"), PALETTE, bounds)


CASES = [
    (draw_rinceau, RinceauParams()),
    (draw_rinceau, RinceauParams(waves=3, flower="bud", jitter=1.0)),
    (draw_rinceau, RinceauParams(waves=2, flower="leaf", leaves=5)),
    (draw_chain, ChainLinksParams()),
    (draw_chain, ChainLinksParams(style="stud", pairs=3)),
    (draw_chain, ChainLinksParams(style="curb", pairs=2, aspect=2.2)),
    (draw_rope, RopeTwistParams()),
    (draw_rope, RopeTwistParams(strands=2, segments=9, lay="s")),
    (draw_rope, RopeTwistParams(pattern="barber", strands=4, segments=8)),
    (draw_anthemion, PalmetteParams(layout="anthemion")),
    (draw_knot, CelticKnotParams(layout="border", columns=6, rows=2)),
    (draw_knot, CelticKnotParams(layout="border", columns=5, rows=3, breaks=0.8)),
]
ids = [f"{fn.__name__[5:]}-{i}" for i, (fn, _) in enumerate(CASES)]


def window(draw, p, dx: float) -> np.ndarray:
    return draw(p, (dx, 0.0, 1.0 + dx, 1.0)).rasterize(PX)


def same_up_to_aa(a: np.ndarray, b: np.ndarray) -> bool:
    """Equal but for anti-aliasing along edges: no pixel half a level off."""
    diff = np.abs(a - b).max(axis=-1)
    return bool(diff.max() < 0.5 and diff.mean() < 0.004)


@pytest.mark.parametrize(("draw", "p"), CASES, ids=ids)
@pytest.mark.parametrize("dx", [0.5, 0.25, 0.8])
def test_copies_join_the_pattern_across_the_seam(draw, p, dx):
    unit = draw(p, (0.0, 0.0, 1.0, 1.0)).rasterize(PX)
    assert unit[:, 0, 3].max() > 0 and unit[:, -1, 3].max() > 0, "nothing crosses the edges"
    pair = np.concatenate([unit, unit], axis=1)
    c = round(dx * PX)
    assert same_up_to_aa(pair[:, c : c + PX], window(draw, p, dx))


@pytest.mark.parametrize(
    ("draw", "p"),
    [CASES[0], CASES[3], CASES[6], CASES[10]],
    ids=ids[:1] + ids[3:4] + ids[6:7] + ids[10:11],
)
def test_the_comparison_sees_a_one_pixel_slip(draw, p):
    unit = draw(p, (0.0, 0.0, 1.0, 1.0)).rasterize(PX)
    pair = np.concatenate([unit, unit], axis=1)
    slipped = window(draw, p, 0.5 + 1.0 / PX)
    assert not same_up_to_aa(pair[:, 100 : 100 + PX], slipped)


@pytest.mark.parametrize(("draw", "p"), CASES, ids=ids)
def test_a_window_a_whole_period_on_draws_the_unit_again(draw, p):
    unit = draw(p, (0.0, 0.0, 1.0, 1.0)).rasterize(PX)
    again = window(draw, p, 1.0)
    assert same_up_to_aa(unit, again)


def test_a_barber_rope_needs_whole_twists_per_unit():
    # Barber stripes follow one strand: with segments not a multiple of strands the
    # unit does not repeat by itself, as documented (it repeats after `strands` units).
    p = RopeTwistParams(pattern="barber", strands=3, segments=7)
    unit = draw_rope(p, (0.0, 0.0, 1.0, 1.0)).rasterize(PX)
    assert not same_up_to_aa(unit, window(draw_rope, p, 1.0))
    assert same_up_to_aa(unit, window(draw_rope, p, 3.0))
