"""Invariants of the Chinese vector ornaments: ruyi, coin, endless knot, haishui.

The shared checks of the vector motifs (determinism, the generator's effect, box,
documented tones, colourways, SVG), then each ornament's own: the ruyi collar's
rotational symmetry, the coin's true square hole, the endless knot's single cord
crossing alternately over and under, and the haishui hem's seamless repeat.
"""

from __future__ import annotations

import numpy as np
import pytest

from foulard.ops._common.palette import Palette
from foulard.ops.examples import EXAMPLE_PALETTE
from foulard.ops.ornament import endless_knot as knot
from foulard.ops.ornament.haishui import HaishuiParams, sea
from foulard.render.evaluate import node_rng
from ops._helpers import DrawingInvariants

ORNAMENTS = ["ornament.ruyi", "ornament.coin", "ornament.endless_knot", "ornament.haishui"]
# Ornaments drawn inside their box (haishui fills it edge to edge: a hem band).
INSIDE = ["ornament.ruyi", "ornament.coin", "ornament.endless_knot"]

VARIANTS = [(op, {}) for op in ORNAMENTS] + [
    ("ornament.ruyi", {"heads": 4, "opening": 0.4, "style": "banded", "lobes": 5}),
    ("ornament.ruyi", {"style": "outline", "heart": False}),
    ("ornament.coin", {"style": "outline", "ribbon": False, "inscription": "福寿康宁"}),
    ("ornament.coin", {"wear": 1.0, "rotation": 20.0}),
    ("ornament.endless_knot", {"grid": 3, "ears": "sides", "tassel": False}),
    ("ornament.endless_knot", {"grid": 6, "double_line": False, "cord": 0.7}),
    ("ornament.haishui", {"peaks": 5, "waves": 8, "slant": -0.5}),
    ("ornament.haishui", {"peaks": 0, "stripe_roles": 2, "spray": 0.0}),
]


class TestDrawingInvariants(DrawingInvariants):
    variants = VARIANTS
    seeded = (("ornament.ruyi", {"jitter": 1.0}), *ORNAMENTS[1:])
    inside = INSIDE
    same_px = 160
    box_seed, box_count, box_px = 23, 8, 320
    tones_px, tones_least = 640, 1500
    recolour_px = 384
    svg_least = 5
    any_seed, any_count = 9, 16


@pytest.mark.parametrize("heads", [2, 4, 6])
def test_ruyi_collar_repeats_under_its_turns(heads, draw_op):
    # Every head is the same head turned: a turn by 360 / heads maps the collar onto
    # itself. Four heads are checked exactly on the pixel grid (a quarter turn).
    d, _ = draw_op("ornament.ruyi", {"heads": heads, "jitter": 1.0}, seed=3)
    rgba = d.rasterize(400)
    if heads == 4:
        assert float(np.abs(rgba - np.rot90(rgba)).mean()) < 0.003
    if heads % 2 == 0:
        assert float(np.abs(rgba - rgba[::-1, ::-1]).mean()) < 0.003


def test_ruyi_rotation_check_can_fail(draw_op):
    d, _ = draw_op("ornament.ruyi", {"heads": 1}, seed=3)
    rgba = d.rasterize(400)
    assert float(np.abs(rgba - np.rot90(rgba)).mean()) > 0.01


@pytest.mark.parametrize("params", [{}, {"ribbon": False, "hole": 0.5, "rotation": 30.0}])
def test_coin_has_a_true_square_hole(params, draw_op):
    # The hole is cut out of the coin (path difference): the ground shows through
    # at the centre, while the metal round it is fully covered.
    d, _ = draw_op("ornament.coin", params, seed=1)
    rgba = d.rasterize(400)
    assert rgba[200, 200, 3] == 0.0
    assert rgba[200, 280, 3] == 1.0 and rgba[280, 200, 3] == 1.0


@pytest.mark.parametrize("grid", range(2, 8))
@pytest.mark.parametrize("ears", ["corners", "sides"])
def test_endless_knot_is_one_cord_with_loops_that_never_cross(grid, ears):
    pairs = knot._pairs(grid, ears)
    m = 4 * grid
    assert sorted(q for pr in pairs for q in pr) == list(range(m)), "every end joined once"
    assert knot._components(grid, pairs) == 1

    def between(a, b, x):
        return 0 < (x - a) % m < (b - a) % m

    for a, b in pairs:
        for c, d in pairs:
            assert between(a, b, c) == between(a, b, d) or {a, b} & {c, d}, "loops cross"


@pytest.mark.parametrize("grid", range(2, 8))
@pytest.mark.parametrize("ears", ["corners", "sides"])
def test_endless_knot_crossings_alternate_along_every_cord(grid, ears):
    # Walk each cord: the crossings it meets go over, under, over... without a
    # break, also through the loops that join one straight pass to the next.
    pairs = knot._pairs(grid, ears)
    ends = knot._ends(grid)
    for passes in knot._trace(grid, pairs):
        seq = []
        for e_in, _e_out in passes:
            side, k = ends[e_in]
            other = list(range(grid))
            if side in ("bottom", "right"):
                other = other[::-1]
            for i in other:
                # Horizontal cord k at column i, or vertical cord k at row i.
                if side in ("left", "right"):
                    seq.append((i + k) % 2 == 0)
                else:
                    seq.append((i + k) % 2 == 1)
        flips = [a != b for a, b in zip(seq, seq[1:] + seq[:1], strict=True)]
        assert all(flips), f"grid {grid} {ears}: two crossings in a row on the same side"


@pytest.mark.parametrize("grid", [3, 5])
def test_odd_endless_knots_are_mirror_symmetric_without_tassel(grid, draw_op):
    # Coverage (not colour: over and under swap in a mirror) is symmetric. Even
    # grids close into one cord only as pinwheels (quarter-turn symmetric).
    d, _ = draw_op("ornament.endless_knot", {"tassel": False, "grid": grid}, seed=1)
    a = d.rasterize(400)[..., 3]
    assert float(np.abs(a - a[:, ::-1]).mean()) < 0.002


def test_even_endless_knots_repeat_under_a_quarter_turn(draw_op):
    d, _ = draw_op("ornament.endless_knot", {"tassel": False, "grid": 4}, seed=1)
    a = d.rasterize(400)[..., 3]
    assert float(np.abs(a - np.rot90(a)).mean()) < 0.002
    assert float(np.abs(a - a[:, ::-1]).mean()) > 0.01


@pytest.mark.parametrize("params", [{}, {"peaks": 5, "waves": 7, "cycles": 2, "slant": -0.8}])
@pytest.mark.parametrize("dx", [0.25, 0.5, 0.625])  # whole pixels at 256 px
def test_haishui_repeats_across_without_a_seam(params, dx):
    # Two copies of the unit side by side match a window drawn straight across the
    # seam; curves flattened differently under a clip may differ in anti-aliasing.
    p = HaishuiParams(**params)
    palette = Palette(EXAMPLE_PALETTE)
    px = 256
    unit = sea(p, palette, node_rng(1, "root")).rasterize(px)
    pair = np.concatenate([unit, unit], axis=1)
    across = sea(p, palette, node_rng(1, "root"), bounds=(dx, 0.0, 1.0 + dx, 1.0)).rasterize(px)
    c = round(dx * px)
    diff = np.abs(pair[:, c : c + px] - across).max(axis=-1)
    assert diff.max() < 0.5 and diff.mean() < 0.002


def test_haishui_seam_check_can_fail():
    p = HaishuiParams()
    palette = Palette(EXAMPLE_PALETTE)
    px = 256
    unit = sea(p, palette, node_rng(1, "root")).rasterize(px)
    other = sea(p, palette, node_rng(2, "root")).rasterize(px)
    assert np.abs(unit - other).max(axis=-1).mean() > 0.002
