"""The spec sheet: JSON, and a PDF that a real reader opens and finds the facts in."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from foulard.errors import FoulardError
from foulard.production.repeats import plan_repeat
from foulard.production.specsheet import SpecSheet, spec_sheet, write_spec_sheet
from foulard.scarf.formats import get_format

pypdf = pytest.importorskip("pypdf")

NAMES = ["胭脂", "黛蓝", "藤黄", "松绿", "月白", "朱砂"]


def _inks(n):
    rng = np.random.default_rng(n)
    rows = []
    for i in range(n):
        rgb = rng.integers(0, 256, 3)
        rows.append(
            {
                "index": i,
                "hex": "#{:02x}{:02x}{:02x}".format(*rgb),
                "lab": [float(v) for v in rng.uniform(-50, 90, 3)],
                "name": NAMES[i % len(NAMES)],
                "print_order": n - i,
                "area_pct": 100.0 / n,
            }
        )
    return rows


def _colourways(n_inks, k):
    return [
        {
            "id": f"cw{j}",
            "name": f"colourway {j}",
            "inks": [r["hex"] for r in _inks(n_inks + j)][:n_inks],
        }
        for j in range(k)
    ]


def _text(path):
    reader = pypdf.PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), re.sub(r"\s+", "", text)


def test_pdf_and_json_carry_the_facts(tmp_path, genome):
    fmt = get_format("carre90")
    rep = plan_repeat("half-drop", drop="1/3", height_mm=300, circumference_mm=640).to_json()
    sheet = spec_sheet(
        genome,
        fmt,
        300,
        inks=_inks(12),
        colourways=_colourways(12, 5),
        repeat=rep,
        thumbnail_px=200,
    )
    pdf, js = write_spec_sheet(sheet, tmp_path / "spec.pdf", tmp_path / "spec.json")
    pages, text = _text(pdf)
    assert pages == 1
    for needle in (
        genome.design_id,
        "carre90",
        "10866×10866px",
        "300ppi",
        "10mm",
        "half-drop1/3",
        "640mm",
        "梅花",  # the title, in Chinese
        *[r["hex"] for r in sheet.inks],
        *NAMES,
        "colourway4",
    ):
        assert needle in text, needle
    data = json.loads(js.read_text(encoding="utf-8"))
    assert data["design_id"] == genome.design_id
    assert data["canvas_px"] == [10866, 10866]
    assert len(data["inks"]) == 12 and len(data["colourways"]) == 5
    assert data["repeat"]["unit_mm"] == pytest.approx(320.0)


def test_many_inks_take_two_pages(tmp_path, genome):
    sheet = spec_sheet(
        genome,
        get_format("carre70"),
        300,
        inks=_inks(40),
        colourways=_colourways(40, 10),
        thumbnail_px=128,
    )
    pdf, _ = write_spec_sheet(sheet, tmp_path / "spec.pdf")
    pages, text = _text(pdf)
    assert pages == 2
    assert all(r["hex"] in text for r in sheet.inks)  # none lost at the page break
    assert "colourway9" in text


def test_digital_sheet_without_inks(tmp_path, genome):
    sheet = spec_sheet(genome, get_format("carre45"), 300, thumbnail_px=128)
    pdf, _ = write_spec_sheet(sheet, tmp_path / "spec.pdf")
    pages, text = _text(pdf)
    assert pages == 1 and "digitalprint" in text.lower()


def test_bad_rows_are_refused():
    base = dict(design_id="x", title="t", format={}, ppi=300, canvas_px=(1, 1), true_ppi=300)
    row = _inks(1)[0]
    with pytest.raises(FoulardError, match="missing area_pct"):
        SpecSheet(**base, inks=[{k: v for k, v in row.items() if k != "area_pct"}])
    with pytest.raises(FoulardError, match="hex"):
        SpecSheet(**base, inks=[dict(row, hex="red")])
    with pytest.raises(FoulardError, match="1 inks, the ink table has 2"):
        SpecSheet(**base, inks=_inks(2), colourways=[{"id": "a", "inks": ["#000000"]}])
