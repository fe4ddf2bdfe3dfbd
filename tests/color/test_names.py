"""The bundled Chinese colour data: faithful to upstream, attributed, and well formed."""

from __future__ import annotations

import json
import re
import tomllib
from fnmatch import fnmatch
from importlib import resources
from pathlib import Path

import pytest

from foulard.color.names import chinese_colors, palette_ids, read_raw, solar_term_ids

HEX = re.compile(r"#[0-9a-f]{6}")


def test_data_file_is_well_formed():
    raw = read_raw()
    assert raw["format"] == 1
    assert len(raw["solar_terms"]) == 24
    assert len(raw["forbidden_city"]) == 384
    assert len(raw["zhongguose"]) == 526
    assert len(raw["palettes"]) == 60
    hexes = [r[2] for r in raw["forbidden_city"]] + [r[2] for r in raw["zhongguose"]]
    hexes += [h for p in raw["palettes"] for h in p["colors"]]
    assert all(HEX.fullmatch(h) for h in hexes)
    term_ids = solar_term_ids()
    assert len(set(term_ids)) == 24 and term_ids[0] == "lichun" and term_ids[-1] == "dahan"
    for term in term_ids:
        assert sum(r[3] == term for r in raw["forbidden_city"]) == 16
    ids = palette_ids()
    assert len(set(ids)) == 60
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", i) for i in ids)
    for p in raw["palettes"]:
        assert len(p["colors"]) == len(p["names"]) >= 4


def test_parsed_data_keeps_each_zhongguose_hex_once():
    data = chinese_colors()
    assert len(data.zhongguose.hexes) == len(set(data.zhongguose.hexes)) == 522
    assert len(data.pinyin) == 522
    assert data.zhongguose.lab.shape == (522, 3)
    assert not data.zhongguose.lab.flags.writeable


def test_data_matches_upstream_files(shared_data):
    up = shared_data / "palettes"
    raw = read_raw()

    zhongguose = json.loads((up / "zhongguose_526.json").read_text(encoding="utf-8"))
    assert len(zhongguose) == len(raw["zhongguose"])
    for ours, theirs in zip(raw["zhongguose"], zhongguose, strict=True):
        assert ours == [theirs["name"], theirs["pinyin"], theirs["hex"].lower()]
    # Rows whose RGB disagrees with the hex: the hex is what we ship.
    mismatched = [r for r in zhongguose if r["rgb_hex_mismatch"]]
    assert len(mismatched) == 8
    ours_by_name = {r[0]: r[2] for r in raw["zhongguose"]}
    for row in mismatched:
        assert ours_by_name[row["name"]] == row["hex"].lower()
        rgb_hex = "#{:02x}{:02x}{:02x}".format(*row["rgb"])
        assert ours_by_name[row["name"]] != rgb_hex

    city = json.loads((up / "chinacolor_384_forbidden_city.json").read_text(encoding="utf-8"))
    terms = dict(zip([t[1] for t in raw["solar_terms"]], solar_term_ids(), strict=True))
    for ours, theirs in zip(raw["forbidden_city"], city, strict=True):
        assert ours == [
            theirs["color_id"],
            theirs["name"],
            theirs["hex"].lower(),
            terms[theirs["solar_term_c"]],
        ]
    for (_, _, en), theirs in zip(raw["solar_terms"], _term_order(city), strict=True):
        assert en == theirs.strip("_").replace("_", " ")

    palettes = json.loads((up / "chinacolor_60_palettes.json").read_text(encoding="utf-8"))
    for ours, theirs in zip(raw["palettes"], palettes, strict=True):
        assert ours["key"] == theirs["key"]
        assert ours["zh"] == theirs["palette_name"][0]
        assert ours["en"] == theirs["palette_name_e"][0]
        assert ours["type"] == theirs["type"][0]
        assert ours["colors"] == [h.lower() for h in theirs["hex"]]
        assert ours["names"] == theirs["name"]
        renamed = {"seq16": "amber_sun", "qual12": "early_summer"}
        assert ours["id"] == renamed.get(theirs["key"], theirs["palette_name_e"][0])


def _term_order(city):
    out = []
    for row in city:
        if row["solar_term_e"] not in out:
            out.append(row["solar_term_e"])
    return out


def test_bundled_data_is_attributed():
    sources = resources.files("foulard").joinpath("data", "SOURCES.md").read_text(encoding="utf-8")
    data_files = [
        f.name
        for f in resources.files("foulard").joinpath("data").iterdir()
        if f.name.endswith(".json")
    ]
    assert data_files
    for name in data_files:
        assert f"## {name}" in sources, f"{name} is not described in SOURCES.md"
    # Both upstream MIT notices, with their copyright lines, and their origins.
    assert sources.count("Permission is hereby granted, free of charge") >= 2
    assert "Copyright (c) 2025 Zhiming Chen" in sources
    assert "Copyright (c) 2019 中国色" in sources
    assert "WangXinyan940/chinacolor-py" in sources
    assert "ChineseColor/ChineseColor.github.io" in sources


def test_every_data_file_is_shipped_as_package_data():
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    if not pyproject.is_file():
        pytest.skip("not run from a source checkout (no pyproject.toml)")
    patterns = tomllib.loads(pyproject.read_text())["tool"]["setuptools"]["package-data"]
    folder = resources.files("foulard").joinpath("data")
    names = [f.name for f in folder.iterdir() if f.is_file()]
    assert "chinese_colors.json" in names and "SOURCES.md" in names
    for name in names:
        assert any(fnmatch(f"data/{name}", pat) for pat in patterns["foulard"]), name
