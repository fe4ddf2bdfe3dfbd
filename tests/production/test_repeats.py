"""Repeat tiles: exact periodicity of the fold, zero seams, sizes, tags and metadata."""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest
import tifffile
from PIL import Image

from foulard.errors import FoulardError, SizeError
from foulard.production.repeats import (
    REPEAT_TYPES,
    _Seam,
    fit_to_circumference,
    fold_pixels,
    nearest_ink,
    plan_repeat,
    render_repeat,
    write_repeat,
)
from foulard.render import RenderContext, read_embedded, render

CASES = [
    ("block", None),
    ("half-drop", "1/2"),
    ("half-drop", "1/3"),
    ("half-drop", "1/4"),
    ("brick", "1/2"),
    ("brick", "1/3"),
    ("mirror", None),
    ("centre", None),
]


def _plan(kind, drop, mm=24.0, ppi=150):
    return plan_repeat(kind, drop=drop, height_mm=mm, ppi=ppi)


# -- planning ------------------------------------------------------------------------


@pytest.mark.parametrize("height", [20.0, 100.0, 213.0, 250.0, 300.0, 500.0, 900.0])
@pytest.mark.parametrize("rows", [1, 2, 3])
def test_fit_divides_the_circumference_and_is_nearest(height, rows):
    unit, k = fit_to_circumference(height, 640.0, rows=rows)
    assert k % rows == 0
    assert unit * k == pytest.approx(640.0)
    # No other whole number of periods a turn comes closer to the height asked.
    others = [640.0 / (j * rows) for j in range(1, 200)]
    assert abs(unit - height) <= min(abs(o - height) for o in others) + 1e-9


def test_rotary_plan_reports_the_fitted_height():
    p = plan_repeat("brick", drop="1/2", height_mm=300.0, circumference_mm=640.0)
    assert p.unit_mm == pytest.approx(320.0)
    assert p.tile_mm[1] * (p.repeats_per_circumference // p.rows) == pytest.approx(640.0)
    j = p.to_json()
    assert j["requested_mm"] == 300.0 and j["fitted"] and j["circumference_mm"] == 640.0


@pytest.mark.parametrize(("kind", "drop"), CASES)
def test_plan_sizes_are_whole_units_and_drops(kind, drop):
    p = _plan(kind, drop, mm=37.0, ppi=300)
    w, h = p.tile_px
    assert (w, h) == (p.cols * p.unit_px, p.rows * p.unit_px)
    if drop:
        assert p.unit_px % Fraction(drop).denominator == 0
        assert p.shift_px == p.unit_px * Fraction(drop)
    assert p.true_ppi == pytest.approx(p.unit_px * 25.4 / p.unit_mm)
    assert abs(p.true_ppi - 300) / 300 < 0.02


def test_plan_refuses_bad_input():
    with pytest.raises(FoulardError, match="valid: block, half-drop, brick, mirror, centre"):
        plan_repeat("zigzag")
    with pytest.raises(FoulardError, match="has no drop"):
        plan_repeat("block", drop="1/2")
    with pytest.raises(FoulardError, match="valid: 1/2, 1/3, 1/4"):
        plan_repeat("half-drop", drop="1/5")
    with pytest.raises(SizeError, match="below 150"):
        plan_repeat("block", ppi=100)
    with pytest.raises(SizeError):
        plan_repeat("block", height_mm=-3)
    assert plan_repeat("center").kind == "centre"
    assert plan_repeat("half_drop").drop == "1/2"


# -- the fold ------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "drop"), CASES)
def test_fold_is_exactly_periodic_over_the_tile(kind, drop):
    n = 12
    shift = int(n * Fraction(drop)) if drop else 0
    p = plan_repeat(kind, drop=drop)
    tw, th = p.cols * n, p.rows * n
    j, i = np.mgrid[-2 * th : 2 * th, -2 * tw : 2 * tw]
    base = fold_pixels(kind, n, shift, i, j)[:2]
    for di, dj in ((tw, 0), (0, th)):
        moved = fold_pixels(kind, n, shift, i + di, j + dj)[:2]
        assert all(np.array_equal(a, b) for a, b in zip(base, moved, strict=True))
    iu, iv = base
    assert iu.min() >= 0 and iu.max() < n and iv.min() >= 0 and iv.max() < n


def test_fold_realises_each_repeat_type():
    n, s = 12, 4
    j, i = np.mgrid[0:36, 0:36]
    # half-drop: one unit across and one drop down is the same pixel
    a = fold_pixels("half-drop", n, s, i, j)
    b = fold_pixels("half-drop", n, s, i + n, j + s)
    assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])
    # brick: one step across and one unit down
    a = fold_pixels("brick", n, s, i, j)
    b = fold_pixels("brick", n, s, i + s, j + n)
    assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])
    # mirror: reflected across the unit edge
    a = fold_pixels("mirror", n, 0, i, j)
    b = fold_pixels("mirror", n, 0, 2 * n - 1 - i, j)
    assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])
    # centre: the copy at the unit's centre owns the diamond around it
    *_, other = fold_pixels("centre", n, 0, i, j)
    d = np.abs(2 * (i % n) + 1 - n) + np.abs(2 * (j % n) + 1 - n)
    assert np.array_equal(~other, d <= n)


# -- files ---------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "drop"), CASES)
def test_repeat_tile_has_zero_seam_and_true_tags(tmp_path, genome, kind, drop):
    p = _plan(kind, drop)
    path = tmp_path / f"{kind}.tif"
    res = write_repeat(genome, p, path, command="test")
    w, h = p.tile_px
    assert res.seam_pixels == h + (w + 1)  # the column past the edge, then the row
    assert res.seam_mismatched == 0 and res.seam_max_de2000 == 0.0
    with tifffile.TiffFile(path) as tf:
        page = tf.pages[0]
        assert page.shape == (h, w, 3)
        assert page.compression == tifffile.COMPRESSION.LZW
        x = page.tags["XResolution"].value
        assert x[0] / x[1] == pytest.approx(p.true_ppi, rel=1e-5)
        assert 34675 in page.tags  # ICC profile
        record = json.loads(page.tags["ImageDescription"].value)
        pixels = page.asarray()
    rep = record["repeat"]
    assert rep["type"] == kind and rep["drop"] == drop
    assert rep["unit_mm"] == pytest.approx(p.unit_mm) and rep["tile_px"] == [w, h]
    assert read_embedded(path)["foulard"]["design_id"] == genome.design_id
    assert np.array_equal(pixels, render_repeat(genome, p))


def test_block_tile_is_the_unit_render(genome):
    p = _plan("block", None)
    tile = render_repeat(genome, p)
    n = p.unit_px
    ref = render(genome, RenderContext(n, n, mm_per_unit=p.unit_mm))
    assert np.array_equal(tile, ref)


@pytest.mark.parametrize("drop", ["1/2", "1/3", "1/4"])
def test_half_drop_columns_are_the_unit_dropped(genome, drop):
    p = _plan("half-drop", drop)
    tile = render_repeat(genome, p)
    n, s = p.unit_px, p.shift_px
    unit = tile[:, :n]
    for c in range(1, p.cols):
        assert np.array_equal(tile[:, c * n : (c + 1) * n], np.roll(unit, c * s, axis=0))


def test_mirror_tile_is_symmetric(genome):
    p = _plan("mirror", None)
    tile = render_repeat(genome, p)
    n = p.unit_px
    assert np.array_equal(tile[:, n:], tile[:, :n][:, ::-1])
    assert np.array_equal(tile[n:], tile[:n][::-1])


def test_seam_measure_sees_a_mismatch():
    seam = _Seam(None)
    a = np.array([[10, 20, 30], [200, 100, 50]], np.uint8)
    b = a.copy()
    b[1, 0] = 90
    seam.compare(a, b)
    assert seam.mismatched == 1
    assert seam.max_de > 10


def test_indexed_tile_has_zero_index_seam(tmp_path, genome):
    from foulard.ops.examples import EXAMPLE_PALETTE

    p = _plan("half-drop", "1/2")
    classify = nearest_ink(list(EXAMPLE_PALETTE))
    res = write_repeat(
        genome, p, tmp_path / "idx.tif", classify=classify, inks=list(EXAMPLE_PALETTE)
    )
    assert res.seam_index_mismatches == 0
    idx = tifffile.imread(tmp_path / "idx.tif")
    assert idx.shape == (p.tile_px[1], p.tile_px[0]) and idx.dtype == np.uint8
    assert set(np.unique(idx)) <= set(range(len(EXAMPLE_PALETTE)))
    assert len(np.unique(idx)) > 1


def test_preview_is_three_by_three_periods(tmp_path, genome):
    p = _plan("brick", "1/3")
    res = write_repeat(genome, p, tmp_path / "t.tif", preview=tmp_path / "t.png")
    im = Image.open(res.preview)
    assert im.size[0] * p.rows == im.size[1] * p.cols
    assert max(im.size) <= 1536
    assert im.info.get("icc_profile")
    arr = np.asarray(im.convert("RGB"))
    # The corner periods (no guides there) are identical copies.
    pw, ph = im.size[0] // 3, im.size[1] // 3
    assert np.array_equal(arr[:ph, :pw], arr[2 * ph :, 2 * pw :])


def test_every_type_is_tested():
    assert {k for k, _ in CASES} == set(REPEAT_TYPES)
