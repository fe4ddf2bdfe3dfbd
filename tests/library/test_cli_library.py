"""``foulard library``: the commands end to end (SQLite in the test's data home)."""

from __future__ import annotations

import json

import pytest

from foulard.cli.main import main


def _run(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def folder(tmp_path, make_picture, encode_picture):
    src = tmp_path / "cards"
    src.mkdir()
    for i in range(4):
        (src / f"c{i}.png").write_bytes(encode_picture(make_picture(60 + i)))
    (src / "manifest.csv").write_text(
        "file,title_zh,title_en,license\nc0.png,牡丹,Peony card,CC0\n", encoding="utf-8"
    )
    (src / "bad.png").write_bytes(b"")
    return src


def test_ingest_search_show_stats_dupes_export(capsys, folder, tmp_path):
    code, out, _ = _run(capsys, "library", "ingest", str(folder), "--workers", "1", "--json")
    assert code == 0
    report = json.loads(out)
    assert report["added"] == 4 and report["rejected"][0]["reason"] == "empty"
    code, out, err = _run(capsys, "library", "ingest", str(folder), "--workers", "1")
    assert code == 0 and "0 added, 4 already in the library" in out
    assert "rejected cards/bad.png: empty" in out
    assert "ingest" in err  # the progress bar, on stderr

    sheet = tmp_path / "sheet.png"
    code, out, _ = _run(capsys, "library", "search", "--text", "peony", "--sheet", str(sheet))
    assert code == 0 and "Peony card" in out and sheet.read_bytes()[:4] == b"\x89PNG"
    code, out, _ = _run(capsys, "library", "search", "--image", str(folder / "c1.png"), "--json")
    results = json.loads(out)["results"]
    assert results[0]["score"] > 0.999 and results[0]["title"] == "cards/c1.png"
    code, out, _ = _run(capsys, "library", "search", "--colour", results[0]["palette"][0], "--json")
    assert code == 0 and json.loads(out)["results"]
    code, out, _ = _run(capsys, "library", "search", "--palette", "暮色鎏金", "-k", "2")
    assert code == 0
    code, out, _ = _run(capsys, "library", "search", "--text", "raster", "--all-copies", "--json")
    assert code == 0 and len(json.loads(out)["results"]) == 4

    pid = results[0]["id"]
    code, out, _ = _run(capsys, "library", "show", pid[:10])
    assert code == 0 and pid in out and "credit" in out
    code, out, _ = _run(capsys, "library", "stats", "--json")
    assert json.loads(out)["patterns"] == 4
    code, out, _ = _run(capsys, "library", "dupes", "--json")
    assert json.loads(out)["near"] == []

    code, out, _ = _run(capsys, "library", "export-palette", pid, "--format", "hex", "--count", "3")
    assert code == 0 and len(out.split()) <= 3 and out.startswith("#")
    code, out, _ = _run(capsys, "library", "export-palette", pid)
    data = json.loads(out)
    assert data["palette_node"]["op"] == "color.from_library" and data["colors"]
    gpl = tmp_path / "p.gpl"
    code, out, _ = _run(capsys, "library", "export-palette", pid, "--format", "gpl", "-o", str(gpl))
    assert gpl.read_text().startswith("GIMP Palette")

    code, out, _ = _run(capsys, "library", "index", "--rebuild", "--json")
    assert json.loads(out)["patterns"] == 4


def test_add_design_keeps_the_genome(capsys, tmp_path):
    from foulard.library import Library
    from foulard.ops.examples import example_genome

    g = example_genome("fields.value_noise")
    path = tmp_path / "g.json"
    g.save(path)
    code, out, _ = _run(capsys, "library", "add-design", str(path), "--px", "64")
    assert code == 0 and "added" in out
    pid = out.split()[0]
    with Library.open() as lib:
        p = lib.get(pid)
    assert p.origin == "design" and p.genome == g.canonical()
    assert "fields.value_noise" in p.tags


def test_errors_and_usage(capsys, tmp_path):
    code, _, err = _run(capsys, "library", "show", "0123456789abcdef")
    assert code == 1 and "no pattern" in err
    code, _, _ = _run(capsys, "library", "search")
    assert code == 2
    code, _, _ = _run(capsys, "library", "search", "--text", "a", "--image", "x", "--colour", "red")
    assert code == 2
    code, _, err = _run(capsys, "library", "search", "--colour", "blurple")
    assert code == 1 and "unknown colour" in err
