"""The repeat units join without a seam: huiwen frets and seigaiha wave scales.

Both operators draw their unit square out of an infinite pattern of period 1. The
strongest check compares copies of the rasterised unit, laid side by side, with
the same pattern rasterised straight through a window that straddles the seam:
any cut, gap or misalignment at an edge shows up as a difference there. Straight
frets match within two levels of 8-bit rounding. Skia flattens curves differently
where a clip cuts them elsewhere, so arcs may differ in anti-aliasing along their
edges (never by half a level), while a seam defect differs by whole levels.
"""

from __future__ import annotations

import numpy as np
import pytest

from foulard.ops._common.palette import Palette
from foulard.ops.examples import EXAMPLE_PALETTE
from foulard.ops.ornament.huiwen import HuiwenParams, fret
from foulard.ops.ornament.seigaiha import SeigaihaParams, waves

PALETTE = Palette(EXAMPLE_PALETTE)
STYLES = ["single", "double", "t_fret", "linked"]
EIGHT_BIT = 2.0 / 255 + 1e-6  # float rounding of straight edges under a translation


def assembled(unit: np.ndarray) -> np.ndarray:
    """Two by two copies of a rasterised unit (a plain p1 repeat)."""
    return np.tile(unit, (2, 2, 1))


def window(builder, p, px: int, dx: float, dy: float) -> np.ndarray:
    return builder(p, PALETTE, bounds=(dx, dy, 1.0 + dx, 1.0 + dy)).rasterize(px)


def same_up_to_curve_aa(a: np.ndarray, b: np.ndarray) -> bool:
    """Equal but for anti-aliasing along curved edges: no pixel half a level off."""
    diff = np.abs(a - b).max(axis=-1)
    return bool(diff.max() < 0.5 and diff.mean() < 0.004)


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("turns", [1, 2, 3])
@pytest.mark.parametrize(("dx", "dy"), [(0.5, 0.0), (0.0, 0.5), (0.5, 0.5), (0.25, 0.75)])
def test_fret_copies_match_the_pattern_across_the_seams(style, turns, dx, dy):
    p = HuiwenParams(style=style, turns=turns)
    px = 240
    unit = fret(p, PALETTE).rasterize(px)
    big = assembled(unit)
    r, c = round(dy * px), round(dx * px)
    across = window(fret, p, px, dx, dy)
    assert np.abs(big[r : r + px, c : c + px] - across).max() <= EIGHT_BIT


@pytest.mark.parametrize("style", STYLES)
def test_fret_lines_leave_right_and_enter_left_at_the_same_height(style):
    p = HuiwenParams(style=style)
    unit = fret(p, PALETTE).rasterize(280)
    left, right = unit[:, 0, 3], unit[:, -1, 3]
    assert left.max() == 1.0, "no line crosses the edge: the frieze would not join"
    assert np.array_equal(left, right)
    # Nothing is cut off at the top and bottom either: rows there are the same too.
    assert np.array_equal(unit[0, :, 3], unit[-1, :, 3])


def runs(column: np.ndarray) -> tuple[list[int], list[int]]:
    """Lengths of the ink runs and of the gaps between them, top to bottom."""
    ink = column > 0.5
    edges = np.flatnonzero(np.diff(ink.astype(int))) + 1
    pieces = np.split(ink, edges)
    inks = [len(s) for s in pieces if s[0]]
    gaps = [len(s) for s in pieces[1:-1] if not s[0]]
    return inks, gaps


def test_single_fret_keeps_one_rhythm_through_stacked_copies():
    # Through the middle of a single key (turns=2, 7 pitches) every pitch holds a
    # horizontal line; two copies stacked keep line = gap across the seam.
    p = HuiwenParams(style="single", turns=2, line_width=0.5)
    px = 7 * 40
    unit = fret(p, PALETTE).rasterize(px)
    column = np.vstack([unit, unit])[:, px // 2, 3]
    inks, gaps = runs(column)
    assert len(inks) == 14
    assert set(inks) == {20} and set(gaps) == {20}


@pytest.mark.parametrize("style", ["lines", "bands", "alternate"])
@pytest.mark.parametrize("columns", [1, 2, 3, 5])
@pytest.mark.parametrize(("dx", "dy"), [(0.5, 0.0), (0.0, 0.5), (0.5, 0.5), (0.3, 0.9)])
def test_wave_copies_match_the_pattern_across_the_seams(style, columns, dx, dy):
    p = SeigaihaParams(style=style, columns=columns)
    px = 200
    unit = waves(p, PALETTE).rasterize(px)
    big = assembled(unit)
    r, c = round(dy * px), round(dx * px)
    across = window(waves, p, px, dx, dy)
    assert same_up_to_curve_aa(big[r : r + px, c : c + px], across)


def test_the_wave_comparison_sees_a_one_pixel_slip():
    # The tolerance above is loose enough for curve anti-aliasing only: a window
    # one pixel off fails, while four copies match the pattern drawn 2 x 2 wide.
    p = SeigaihaParams(columns=3)
    px = 200
    big = assembled(waves(p, PALETTE).rasterize(px))
    slipped = window(waves, p, px, 0.5 + 1 / px, 0.5)
    assert not same_up_to_curve_aa(big[100:300, 100:300], slipped)
    wide = waves(p, PALETTE, bounds=(0.0, 0.0, 2.0, 2.0)).rasterize(px)
    assert same_up_to_curve_aa(wide, big)


@pytest.mark.parametrize("columns", [1, 2, 3, 4])
def test_waves_repeat_on_their_half_drop_lattice(columns):
    # As documented: scales of radius R sit on the lattice (2R, 0), (R, R/2); a
    # translation by (R, R/2) maps the pattern onto itself (rows alternate colour in
    # "alternate", so that style repeats only after two rows: check "lines").
    p = SeigaihaParams(columns=columns)
    r = 0.5 / columns
    px = 240 * columns
    unit = waves(p, PALETTE).rasterize(px)
    shifted = window(waves, p, px, r, r / 2)
    assert same_up_to_curve_aa(unit, shifted)
    # ... but half of that is not a symmetry: the comparison tells patterns apart.
    off = window(waves, p, px, r / 2, 0.0)
    assert not same_up_to_curve_aa(unit, off)


@pytest.mark.parametrize("columns", [1, 3, 12])
def test_wave_scales_cover_the_whole_tile(columns):
    # Rows R / 2 apart, each covering the lower half of the row above, leave no
    # ground anywhere: the tile is opaque.
    unit = waves(SeigaihaParams(columns=columns), PALETTE).rasterize(240)
    assert unit[..., 3].min() == 1.0


@pytest.mark.parametrize("style", ["lines", "bands", "alternate"])
def test_wave_edges_continue_into_the_next_copy(style):
    unit = waves(SeigaihaParams(style=style), PALETTE).rasterize(240)
    # Left and right: scale centres sit on the tile's side edges, and the pattern is
    # mirror symmetric about them, so the last column is the first one again.
    assert np.abs(unit[:, -1] - unit[:, 0]).max() < 0.05
    # Top and bottom: arcs cross at an angle; going from the bottom row of one copy
    # to the top row of the next changes no more than going between any two
    # neighbouring rows inside the tile (a cut-off pattern would, by far).
    step = np.abs(np.diff(unit, axis=0)).max(axis=-1).mean(axis=1)
    seam = np.abs(unit[-1] - unit[0]).max(axis=-1).mean()
    assert seam <= step.max()
