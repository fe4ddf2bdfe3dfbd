"""The training set builder: seeded, versioned, periodic tiles, words from both sources."""

from __future__ import annotations

import json

import numpy as np
import pytest

from foulard.errors import FoulardError
from foulard.model.algorithm_tiles import periodic_operators
from foulard.model.concepts import basic_colour_of_hex, colour_words
from foulard.model.dataset import (
    _real_items,
    build_dataset,
    licence_admits,
    load_dataset,
    periodic_tile,
)


def test_colour_words_follow_the_pixels():
    red = np.zeros((8, 8, 3))
    red[..., 0] = 0.85
    assert colour_words(red) == ["colour:red"]
    half = red.copy()
    half[:, 4:] = 1.0
    assert set(colour_words(half)) == {"colour:red", "colour:white"}
    assert basic_colour_of_hex("#1d3557") == "colour:blue"
    assert basic_colour_of_hex("#2a7f62") == "colour:green"


def test_periodic_tile_meets_itself():
    rng = np.random.default_rng(0)
    ramp = np.linspace(0, 1, 80)[None, :, None] * np.ones((80, 80, 3)) + 0.05 * rng.random(
        (80, 80, 3)
    )
    tile = periodic_tile(ramp, 32)
    edge = np.abs(tile[:, 0] - tile[:, -1]).mean()
    assert tile.shape == (32, 32, 3)
    assert edge < 0.1  # the ramp's jump of about 1 at the wrap is gone


def test_same_seed_same_version_and_manifest(tmp_path):
    empty = tmp_path / "no-real-data"
    empty.mkdir()
    a = build_dataset(tmp_path / "a", synthetic=5, seed=3, data_root=empty)
    b = build_dataset(tmp_path / "b", synthetic=5, seed=3, data_root=empty)
    c = build_dataset(tmp_path / "c", synthetic=5, seed=4, data_root=empty)
    assert a["version"] == b["version"] != c["version"]
    arrays, manifest = load_dataset(tmp_path / "a")
    assert arrays["images"].shape == (5, 64, 64, 3) and arrays["images"].dtype == np.uint8
    assert arrays["labels"].shape == (5, len(manifest["concepts"]))
    for row in manifest["rows"]:
        assert row["source"] == "algorithms"
        assert any(w.startswith("op:") for w in row["words"])
        assert any(w.startswith("colour:") for w in row["words"])
    saved = json.loads((tmp_path / "a" / "manifest.json").read_text())
    assert saved["version"] == a["version"]


def test_archive_words_come_from_titles(tmp_path, shared_data):
    m = build_dataset(tmp_path / "d", synthetic=0, seed=0, data_root=shared_data, real_limit=12)
    assert m["counts"]["archive"] + len(m["skipped"]) == 12
    words = [w for r in m["rows"] for w in r["words"] if not w.startswith("colour:")]
    assert words  # some titles name vocabulary entries


def test_tampered_tiles_are_refused(tmp_path):
    empty = tmp_path / "none"
    empty.mkdir()
    build_dataset(tmp_path / "e", synthetic=2, seed=0, data_root=empty)
    with open(tmp_path / "e" / "tiles.npz", "ab") as f:
        f.write(b"x")
    with pytest.raises(FoulardError, match="sha256"):
        load_dataset(tmp_path / "e")


@pytest.mark.parametrize(
    ("licence", "admitted"),
    [
        ("GPL-2+", False),
        ("GPL-3+ (GIMP source tree; no per-file notice)", False),
        ("LGPL-3+", False),
        ("CC BY-NC 4.0", False),
        ("CC BY-SA 3.0", False),
        ("CC BY-ND 4.0", False),
        ("All rights reserved", False),
        ("", False),
        ("CC BY 2.5", True),
        ("CCA", True),
        ("CC0", True),
        ("Public Domain (Open Clip Art Library dedication)", True),
        ("LPPL-1.3c", True),
    ],
)
def test_licence_policy(licence, admitted):
    ok, reason = licence_admits(licence)
    assert ok is admitted and reason


def _png(path, rgb):
    from PIL import Image

    Image.fromarray(np.full((24, 24, 3), rgb, np.uint8)).save(path)


def test_gpl_material_is_excluded(tmp_path):
    """A GPL tile (pure red) and a non-commercial photo never reach the tiles; the manifest
    lists them as excluded, and every admitted row records its licence and attribution."""
    root = tmp_path / "data"
    (root / "seamless-tiles").mkdir(parents=True)
    (root / "ornament-photos").mkdir()
    _png(root / "seamless-tiles" / "red.png", (255, 0, 0))
    (root / "seamless-tiles" / "manifest.csv").write_text(
        "file,name,category,license\nred.png,Red Plum Blossom,,GPL-2+\n", encoding="utf-8"
    )
    _png(root / "ornament-photos" / "blue.png", (0, 0, 255))
    _png(root / "ornament-photos" / "green.png", (0, 200, 0))
    (root / "ornament-photos" / "manifest.csv").write_text(
        "file,title_zh,title_en,author,license,pair_id,width,height\n"
        "blue.png,,Blue Designs,A. Author,CC BY 2.5,,24,24\n"
        "green.png,,Green Designs,B. Author,CC BY-NC 2.5,,24,24\n",
        encoding="utf-8",
    )
    m = build_dataset(tmp_path / "out", synthetic=0, seed=0, data_root=root)
    assert [r["origin"] for r in m["rows"]] == ["ornament-photos/blue.png"]
    assert m["rows"][0]["licence"] == "CC BY 2.5"
    assert "A. Author" in m["rows"][0]["attribution"]
    excluded = {e["file"]: e for e in m["excluded"]}
    assert set(excluded) == {"seamless-tiles/red.png", "ornament-photos/green.png"}
    assert excluded["seamless-tiles/red.png"]["licence"] == "GPL-2+"
    assert m["counts"]["excluded"] == 2
    arrays, _ = load_dataset(tmp_path / "out")
    mean = arrays["images"].reshape(len(m["rows"]), -1, 3).mean(axis=1)
    assert (mean[:, 0] < 128).all()  # no red tile got in


def test_real_bundle_trains_on_no_gpl(shared_data):
    admitted, excluded = _real_items(shared_data)
    assert admitted
    for item in admitted:
        assert licence_admits(item["licence"])[0] and item["attribution"]
        assert not item["file"].startswith("seamless-tiles/")
    assert any(e["file"].startswith("seamless-tiles/") for e in excluded)


def test_synthetic_source_never_renders_the_model_itself():
    """Tiles drawn by the model's own operators would carry the old weights (and their
    training data) into the new ones."""
    from foulard.ops import registry

    own = [s.id for s in registry.operators() if s.id.startswith("learned.neural_")]
    ops = periodic_operators()
    assert own and ops
    assert not set(own) & set(ops)


def test_zoomed_tiles_add_close_views_of_each_group_and_change_nothing_else(tmp_path):
    """``zoomed`` tiles come after the others from their own random stream: the same
    seed without them gives the very same first tiles; each is one group's operator
    (a motif repeated by a wallpaper group) seen through a frame of the design."""
    empty = tmp_path / "no-real-data"
    empty.mkdir()
    plain = build_dataset(tmp_path / "plain", synthetic=3, seed=5, data_root=empty)
    zoom = build_dataset(tmp_path / "zoom", synthetic=3, zoomed=4, seed=5, data_root=empty)
    assert zoom["counts"]["total"] == 7 and zoom["zoomed"] == 4 and "zoomed" not in plain
    assert zoom["version"] != plain["version"]
    a, _ = load_dataset(tmp_path / "plain")
    b, _ = load_dataset(tmp_path / "zoom")
    assert np.array_equal(a["images"], b["images"][:3])
    extra = zoom["rows"][3:]
    # the groups in order: flowers, birds, animals, fish (each a motif on a wallpaper)
    for row, group in zip(extra, ("flowers", "birds", "animals", "fish"), strict=True):
        assert f"group:{group}" in row["words"], row
        assert row["origin"].startswith("symmetry.") and "#frame=" in row["origin"]
        x0, y0, x1, y1 = (float(v) for v in row["origin"].split("#frame=")[1].split(","))
        assert 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1 and abs((x1 - x0) - (y1 - y0)) < 1e-3
    assert b["images"].shape == (7, 64, 64, 3) and b["source"][3:].all()


def test_value_inks_colour_the_value_fields_and_change_nothing_else(tmp_path):
    """``value_inks``: a value field (here fields.chladni, among the first operators)
    is rendered through a gradient map of its palette, so its tile has inks, not
    greys; every other tile, and the random stream, are those of a build without."""
    from foulard.ops.registry import get

    empty = tmp_path / "no-real-data"
    empty.mkdir()
    plain = build_dataset(tmp_path / "plain", synthetic=8, seed=5, data_root=empty)
    inked = build_dataset(tmp_path / "inked", synthetic=8, seed=5, data_root=empty, value_inks=True)
    assert inked["value_inks"] is True and "value_inks" not in plain
    assert inked["version"] != plain["version"]
    a, _ = load_dataset(tmp_path / "plain")
    b, _ = load_dataset(tmp_path / "inked")
    ops = [r["origin"].split("#")[0] for r in plain["rows"]]
    assert [r["origin"] for r in inked["rows"]] == [r["origin"] for r in plain["rows"]]
    values = [i for i, op in enumerate(ops) if get(op).output == "value"]
    assert values, ops  # the build holds a value field to test
    for i in range(len(ops)):
        if i in values:
            grey = float(np.ptp(a["images"][i].astype(float), axis=-1).mean())
            inks = float(np.ptp(b["images"][i].astype(float), axis=-1).mean())
            assert grey < 3 and inks > 10, (ops[i], grey, inks)
        else:
            assert np.array_equal(a["images"][i], b["images"][i]), ops[i]
