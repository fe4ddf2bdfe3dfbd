"""Colourways: new ink tables over the same plates that keep the value structure."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image

from foulard.color.cielab import ciede2000
from foulard.color.names import palette_ids, solar_term_ids
from foulard.production.colourway_sources import ColourwayRequest, parse_request
from foulard.production.colourways import (
    ColourwayError,
    check_colourway,
    make_colourway,
    make_colourways,
)
from foulard.production.inktable import InkTable
from foulard.production.recolour import indexed_preview, write_colourways
from foulard.render import srgb_profile, write_bands

# A cream ground, navy, red, green, gold and a pale blush; who touches whom below.
HEXES = ["#f4ecd8", "#1f3a5f", "#c8102e", "#2e8b57", "#e0a030", "#f2c4c0"]
CONTACTS = (
    (0, 1, 500),
    (0, 2, 300),
    (0, 3, 200),
    (1, 2, 80),
    (2, 4, 60),
    (0, 5, 40),
    (3, 4, 30),
    (1, 3, 20),
)


@pytest.fixture(scope="module")
def table() -> InkTable:
    return InkTable.build(
        HEXES,
        [600, 120, 90, 80, 60, 50],
        width_px=60,
        height_px=40,
        ppi=300.0,
        contacts=CONTACTS,
        design_id="c" * 64,
    )


def assert_structure_kept(table: InkTable, cw: InkTable, min_l=8.0):
    old, new = table.lab, cw.lab
    for i in range(len(old)):
        for j in range(len(old)):
            if old[i, 0] < old[j, 0] - 1.0:
                assert new[i, 0] < new[j, 0], (i, j)
    for i, j, _ in table.contacts:
        need = min(min_l, abs(old[i, 0] - old[j, 0]))
        assert abs(new[i, 0] - new[j, 0]) >= need - 0.5, (i, j)


def test_five_drawn_colourways_keep_the_value_structure_and_the_plates(table):
    cws = make_colourways(table, 5, seed=11)
    assert [cw.colourway for cw in cws] == ["cw01", "cw02", "cw03", "cw04", "cw05"]
    assert len({cw.hexes for cw in cws}) == 5
    for cw in cws:
        assert_structure_kept(table, cw)
        assert check_colourway(table, cw.hexes) == []
        assert cw.order == table.order and cw.contacts == table.contacts
        assert [i.plate for i in cw.inks] == [i.plate for i in table.inks]
        assert [i.area_pct for i in cw.inks] == [i.area_pct for i in table.inks]
        assert cw.ground == table.ground and cw.extra["source"]
        assert float(np.mean(ciede2000(cw.lab, table.lab))) > 5.0  # a real change
    again = make_colourways(table, 5, seed=11)
    assert [cw.hexes for cw in again] == [cw.hexes for cw in cws]


@pytest.mark.parametrize(
    "spec",
    [
        "palette:twilight_gold",
        "twilight_gold",
        "solar_term:qingming",
        "dongzhi",
        "harmony:triadic@200",
        "harmony:monochrome",
        "#003049,#d62828,#f77f00,#fcbf49,#eae2b7",
    ],
)
def test_requests_by_name_harmony_or_colours(table, spec):
    cw = make_colourway(table, spec, name="x")
    assert_structure_kept(table, cw)
    assert cw.colourway == "x" and cw.extra["source"] == parse_request(spec).label


def test_tone_fit_takes_hues_from_the_source(table):
    cw = make_colourway(table, "harmony:monochrome@250", value_shift=0.0)
    # Every ink gets the scheme's single hue family (blue-violet); values are the design's.
    hue = np.degrees(np.arctan2(cw.lab[:, 2], cw.lab[:, 1])) % 360
    chroma = np.hypot(cw.lab[:, 1], cw.lab[:, 2])
    assert np.all((chroma < 3) | ((hue > 230) & (hue < 330)))
    assert np.allclose(cw.lab[:, 0], table.lab[:, 0], atol=0.6)


def test_exact_colours_per_ink_are_kept_as_given(table):
    mine = ["#fff8e7", "#102040", "#a01030", "#206040", "#c09020", "#f0d0d0"]
    cw = make_colourway(table, mine, fit="exact")
    assert cw.hexes == tuple(mine)


def test_colours_that_collide_are_named(table):
    with pytest.raises(ColourwayError, match="ink 1") as err:
        make_colourway(table, ["#f4ecd8", "#203040"], fit="exact")
    assert err.value.collisions and all(len(c) == 3 for c in err.value.collisions)
    reversed_l = ["#101010", "#f0f0f0", "#c8102e", "#2e8b57", "#e0a030", "#f2c4c0"]
    with pytest.raises(ColourwayError, match="lightness order") as err:
        make_colourway(table, reversed_l, fit="exact")
    assert (0, 1) in {(i, j) for i, j, _ in err.value.collisions}


def test_unknown_sources_list_what_is_valid():
    with pytest.raises(ColourwayError, match="twilight_gold"):
        parse_request("palette:no_such")
    with pytest.raises(ColourwayError, match="qingming"):
        parse_request("no_such_thing")
    with pytest.raises(ColourwayError, match="triadic"):
        parse_request("harmony:pentadic")
    with pytest.raises(ColourwayError, match="360"):
        parse_request("harmony:triadic@400")
    with pytest.raises(ColourwayError, match="#rrggbb"):
        parse_request("#12345,#ffffff")
    with pytest.raises(ColourwayError, match="fit"):
        parse_request("dongzhi", fit="loose")
    assert parse_request("twilight_gold") == ColourwayRequest("palette", "twilight_gold")
    assert len(palette_ids()) == 60 and len(solar_term_ids()) == 24


def test_asking_for_too_many_drawn_colourways_is_an_error(table):
    with pytest.raises(ColourwayError, match="between 1 and 50"):
        make_colourways(table, 0)


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cw")
    idx = np.zeros((40, 60), np.uint8)
    idx[5:20, 5:30] = 1
    idx[20:35, 5:30] = 2
    idx[5:35, 35:45] = 3
    idx[10:15, 48:58] = 4
    idx[25:30, 48:58] = 5
    path = write_bands(folder / "indexed.tif", 60, 40, iter([(0, idx)]), channels=1, dpi=300.0)
    return path, idx


def test_previews_are_the_indexed_image_in_the_colourway_colours(table, indexed, tmp_path):
    path, idx = indexed
    cws = make_colourways(table, 2, seed=3)
    files = write_colourways(cws, path, tmp_path, max_px=None)
    for f, cw in zip(files, cws, strict=True):
        with Image.open(f.preview) as im:
            assert im.size == (60, 40) and im.mode == "RGB"
            assert im.info["icc_profile"] == srgb_profile()
            meta = json.loads(im.text["foulard"])
            px = np.asarray(im)
        assert meta["colourway"] == cw.colourway and meta["inks"] == list(cw.hexes)
        lut = np.array([[int(h[k : k + 2], 16) for k in (1, 3, 5)] for h in cw.hexes])
        assert np.array_equal(px, lut[idx])
        assert InkTable.read(f.json).hexes == cw.hexes
        assert f.csv.read_text(encoding="utf-8").count("\n") == len(HEXES) + 1


def test_preview_is_shrunk_to_the_asked_size(table, indexed, tmp_path):
    path, _ = indexed
    out = indexed_preview(path, table.hexes, tmp_path / "p.png", max_px=30)
    with Image.open(out) as im:
        assert im.size == (30, 20)
