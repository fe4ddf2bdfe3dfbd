"""The design, evolve and collection commands (small renders)."""

from __future__ import annotations

import json

from foulard.cli.main import main


def test_design_writes_genomes_previews_sheet_intent_and_explanations(tmp_path, capsys):
    out = tmp_path / "d"
    rc = main(["design", "莲花，不要红色", "-n", "2", "-o", str(out), "--px", "64"])
    assert rc == 0
    names = sorted(p.name for p in out.iterdir())
    assert "contact-sheet.png" in names and "intent.json" in names
    assert "designs.json" in names and "explanations.md" in names
    assert sum(n.endswith(".json") and n[:2].isdigit() for n in names) == 2
    intent = json.loads((out / "intent.json").read_text("utf-8"))
    assert intent["negated"][0]["id"] == "colour:red"
    text = capsys.readouterr().out
    assert "莲花" in text and "margins" in text


def test_design_json_and_a_hostile_prompt_stay_in_the_folder(tmp_path, capsys):
    out = tmp_path / "d"
    rc = main(
        ["design", "../../x; rm -rf / peony", "-n", "1", "-o", str(out), "--px", "64", "--json"]
    )
    assert rc == 0
    data = json.loads(capsys.readouterr().out)
    assert data["intent"]["wanted"][0]["id"] == "op:motifs.peony"
    assert {p.parent for p in tmp_path.rglob("*") if p.is_file()} == {out}


def test_design_refuses_an_unknown_format(tmp_path, capsys):
    assert main(["design", "peony", "--format", "carre999", "-o", str(tmp_path)]) == 1
    assert "unknown format" in capsys.readouterr().err


def test_evolve_and_collection(tmp_path, capsys):
    first = tmp_path / "first"
    assert main(["design", "crane", "-n", "3", "-o", str(first), "--px", "64"]) == 0
    files = sorted(str(p) for p in first.glob("0*.json"))
    out = tmp_path / "evo"
    rc = main(
        [
            "evolve",
            "--like",
            files[0],
            files[1],
            "--dislike",
            files[2],
            "-n",
            "2",
            "-o",
            str(out),
            "--px",
            "64",
        ]
    )
    assert rc == 0
    assert (out / "history.json").is_file() and (out / "contact-sheet.png").is_file()
    assert "kept from the liked designs" in capsys.readouterr().out
    col = tmp_path / "col"
    rc = main(["collection", "--from", files[0], "-n", "3", "-o", str(col), "--px", "64", "--json"])
    assert rc == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["designs"]) == 3 and data["min_pairwise_distance"] > 0
    assert main(["evolve", "-o", str(out)]) == 2
