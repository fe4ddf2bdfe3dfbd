"""Reduction to inks (k-means in CIELAB) and the ink table."""

from __future__ import annotations

import csv
import io
import json

import numpy as np
import pytest

from foulard.color.cielab import ciede2000, srgb_to_lab
from foulard.color.space import hex_to_srgb
from foulard.production.inks import (
    MAX_INKS,
    InkAssigner,
    InkError,
    check_ink_count,
    design_seed,
    read_sample,
    reduce_to_inks,
)
from foulard.production.inktable import CSV_COLUMNS, InkTable, nearest_named, print_order
from foulard.render import srgb_profile, write_bands

FLAT = ["#f4ecd8", "#1f3a5f", "#c8102e", "#2e8b57", "#e0a030"]


def flat_image(hexes=FLAT, size=60) -> np.ndarray:
    """Vertical stripes of flat colours, the first twice as wide as the others."""
    rgb = np.rint(hex_to_srgb(hexes) * 255).astype(np.uint8)
    cols = np.concatenate([[0, 0], np.repeat(np.arange(len(hexes)), 2)])
    stripes = np.repeat(cols, -(-size // len(cols)))[:size]
    return np.broadcast_to(rgb[stripes][None], (size, size, 3)).copy()


def test_flat_colours_are_found_exactly_and_biggest_first():
    inks = reduce_to_inks(flat_image(), 5, seed=3)
    assert sorted(inks.hexes) == sorted(FLAT)
    assert inks.hexes[0] == FLAT[0]  # most area
    assert inks.sample_share == tuple(sorted(inks.sample_share, reverse=True))
    assert sum(inks.sample_share) == pytest.approx(1.0)
    assert np.allclose(inks.lab, srgb_to_lab(hex_to_srgb(inks.hexes)))


def test_reduction_is_deterministic_and_seeded_by_design_id():
    rng = np.random.default_rng(0)
    sample = rng.integers(0, 256, (80, 80, 3)).astype(np.uint8)
    a = reduce_to_inks(sample, 8, seed="ab" * 32)
    b = reduce_to_inks(sample.copy(), 8, seed="ab" * 32)
    assert a.hexes == b.hexes and a.seed == design_seed("ab" * 32)
    c = reduce_to_inks(sample, 8, seed="cd" * 32)
    assert c.seed != a.seed
    assert 2 <= len(a) <= 8


def test_never_more_inks_than_asked_and_inks_are_distinguishable():
    rng = np.random.default_rng(1)
    sample = rng.integers(0, 256, (100, 100, 3)).astype(np.uint8)
    for n in (2, 12, MAX_INKS):
        inks = reduce_to_inks(sample, n, seed=1)
        assert len(inks) <= n
        de = ciede2000(inks.lab[:, None], inks.lab[None])
        de[np.diag_indices(len(de))] = np.inf
        assert de.min() >= 3.0 - 0.5  # merged below 3, plus 8-bit rounding


def test_a_gradient_does_not_waste_screens_on_near_identical_inks():
    ramp = np.linspace(0, 1, 200)
    rgb = np.stack([240 + 6 * ramp, 190 + 8 * ramp, 170 + 8 * ramp], -1)  # a soft pink ramp
    sample = np.broadcast_to(np.rint(rgb).astype(np.uint8)[None], (20, 200, 3))
    assert len(reduce_to_inks(sample, 12, seed=0)) < 4
    assert len(reduce_to_inks(sample, 12, seed=0, min_delta_e=0)) == 12


@pytest.mark.parametrize("bad", [1, 49, 0, -3, 12.0, True, "12"])
def test_ink_count_outside_2_to_48_is_a_clear_error(bad):
    with pytest.raises(InkError, match="inks"):
        check_ink_count(bad)
    with pytest.raises(InkError):
        reduce_to_inks(flat_image(), bad)


def test_more_than_48_inks_says_the_limit():
    with pytest.raises(InkError, match="2 to 48"):
        reduce_to_inks(flat_image(), 49)


def test_assigner_gives_the_nearest_ink_in_cielab():
    inks = reduce_to_inks(flat_image(), 5, seed=0)
    rng = np.random.default_rng(2)
    px = rng.integers(0, 256, (40, 50, 3)).astype(np.uint8)
    got = InkAssigner(inks)(px)
    d = np.sum((srgb_to_lab(px / 255.0)[..., None, :] - inks.lab) ** 2, axis=-1)
    assert np.array_equal(got, np.argmin(d, axis=-1))
    assert got.dtype == np.uint8 and got.shape == (40, 50)


def test_sample_is_a_reduced_read_of_the_masters_own_colours(tmp_path):
    img = flat_image(size=300)
    path = write_bands(tmp_path / "m.tif", 300, 300, iter([(0, img)]), dpi=300, icc=srgb_profile())
    sample = read_sample(path, max_px=100)
    assert max(sample.shape[:2]) <= 100
    assert {tuple(c) for c in sample.reshape(-1, 3)} <= {tuple(c) for c in img.reshape(-1, 3)}


# -- the ink table ------------------------------------------------------------------


def test_print_order_puts_the_ground_second_to_last_and_the_darkest_last():
    lab = srgb_to_lab(hex_to_srgb(FLAT))
    for ground in range(len(FLAT)):
        order = print_order(lab, ground)
        assert sorted(order) == list(range(len(FLAT)))
        assert order[-2] == ground
        others = [i for i in order if i != ground]
        assert order[-1] == min(others, key=lambda i: lab[i, 0])
        head = order[:-2]
        assert [lab[i, 0] for i in head] == sorted((lab[i, 0] for i in head), reverse=True)
    assert print_order(lab[:2], 0) == [0, 1]


def test_nearest_named_colour_is_the_minimum_de2000_of_the_list():
    from foulard.color.names import chinese_colors

    data = chinese_colors().zhongguose
    names_lab = srgb_to_lab(hex_to_srgb(data.hexes))
    lab = srgb_to_lab(hex_to_srgb(FLAT))
    for row, (name, _pinyin, hex_, de) in zip(lab, nearest_named(lab), strict=True):
        all_de = ciede2000(row[None], names_lab)
        assert de == pytest.approx(all_de.min())
        assert data.hexes[int(np.argmin(all_de))] == hex_
        assert name == data.names[int(np.argmin(all_de))]


def test_ink_table_json_and_csv_round_trip(tmp_path):
    table = InkTable.build(
        FLAT,
        [500, 100, 50, 30, 20],
        width_px=10,
        height_px=70,
        ppi=300.0,
        contacts=((0, 1, 12), (1, 2, 3)),
        trap_px=2,
        design_id="d" * 64,
    )
    assert table.ground == 0 and table.inks[0].ground
    assert sum(ink.area_pct for ink in table.inks) == pytest.approx(100.0)
    assert table.order[-2] == table.ground
    table.write(tmp_path / "inks.json", tmp_path / "inks.csv")
    back = InkTable.read(tmp_path / "inks.json")
    assert back.hexes == table.hexes and back.order == table.order
    assert back.contacts == table.contacts and back.touching()[0, 1] and not back.touching()[0, 2]
    data = json.loads((tmp_path / "inks.json").read_text(encoding="utf-8"))
    assert data["ink_count"] == 5 and data["print_order"] == table.order
    rows = list(csv.DictReader(io.StringIO((tmp_path / "inks.csv").read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [r["hex"] for r in rows] == list(FLAT)
    assert [int(r["print_order"]) for r in rows] == [ink.print_order for ink in table.inks]
    assert rows[0]["name"] == table.inks[0].name and rows[0]["ground"] == "True"
