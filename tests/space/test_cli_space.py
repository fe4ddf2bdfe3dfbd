"""The command line: init, space design, locate, audit (small), with one-line errors."""

from __future__ import annotations

import json

import pytest

from foulard.cli.main import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_commands_need_init_first(capsys):
    code, _, err = run(capsys, "space", "locate", "x.json")
    assert code == 1 and "foulard init" in err
    code, _, err = run(capsys, "ledger", "stats")
    assert code == 1 and err.startswith("error:") and "foulard init" in err


def test_design_locate_claim_verify(tmp_path, capsys):
    assert run(capsys, "init")[0] == 0
    code, out, _ = run(capsys, "init", "--json")
    assert code == 0 and json.loads(out)["key_created"] is False
    assert json.loads(out)["space_version"] == 4  # a new deployment gets version 4
    assert run(capsys, "ledger", "register", "alice")[0] == 0
    g = tmp_path / "g.json"
    code, out, _ = run(
        capsys, "space", "design", "--person", "alice", "--n", "7", "-o", str(g), "--json"
    )
    info = json.loads(out)
    assert code == 0 and info["address"] == {"slot": 0, "n": 7}
    assert len(info["decisions"]) == 14 and info["status"] == "issued"
    code, out, _ = run(capsys, "space", "locate", str(g), "--json")
    loc = json.loads(out)
    assert code == 0 and loc["address"] == {"slot": 0, "n": 7} and loc["exact"]
    code, out, _ = run(capsys, "ledger", "claim", info["design_id"][:10], "--person", "alice")
    assert code == 0 and "claimed by alice" in out
    code, out, _ = run(capsys, "ledger", "show", info["design_id"][:10], "--json")
    shown = json.loads(out)
    assert shown["design"]["status"] == "claimed"
    assert [e["kind"] for e in shown["events"]] == ["design.issued", "design.claimed"]
    code, out, _ = run(capsys, "ledger", "verify")
    assert code == 0 and out.strip().endswith("1 persons, 1 designs, 3 events")
    code, out, _ = run(capsys, "ledger", "stats", "--json")
    assert json.loads(out)["designs"]["by_status"]["claimed"] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("space", "design", "--person", "bob", "--n", "1"), "unknown person 'bob'"),
        (("space", "design", "--person", "alice", "--n", "100000"), "n must be an integer"),
        (("ledger", "claim", "0123456789", "--person", "alice"), "no design in the ledger"),
        (("ledger", "show", "nobody"), "unknown person"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(capsys, args, message):
    run(capsys, "init")
    run(capsys, "ledger", "register", "alice")
    code, _, err = run(capsys, *args)
    assert code == 1 and message in err and err.count("\n") == 1


def test_locate_a_genome_from_elsewhere(tmp_path, capsys):
    run(capsys, "init")
    g = tmp_path / "r.json"
    assert run(capsys, "random", "--seed", "3", "-o", str(g))[0] == 0
    code, out, _ = run(capsys, "space", "locate", str(g))
    assert code == 1 and "not from this space" in out and "14 genes differ" in out


def test_small_audit(tmp_path, capsys):
    run(capsys, "init")
    out_dir = tmp_path / "audit"
    code, _out, err = run(
        capsys,
        "space",
        "audit",
        "--sample",
        "4",
        "--workers",
        "1",
        "--gene-pairs",
        "5000",
        "-o",
        str(out_dir),
    )
    assert code in (0, 1), err
    report = json.loads((out_dir / "audit.json").read_text())
    assert report["gene_distance"]["min"] >= report["d"] == 8
    assert [s["designs"] for s in report["sets"]] == [4, 4]
    assert (out_dir / "closest-pairs.png").stat().st_size > 0


def test_a_deployment_keeps_its_space_version(tmp_path, capsys):
    import os
    from pathlib import Path

    assert run(capsys, "init")[0] == 0
    home = Path(os.environ["FOULARD_HOME"])
    assert (home / "space.version").read_text().strip() == "4"
    # A deployment made under version 2 or 3 keeps it: its designs never move.
    for old in (3, 2):
        (home / "space.version").write_text(f"{old}\n")
        assert json.loads(run(capsys, "init", "--json")[1])["space_version"] == old
        run(capsys, "ledger", "register", f"bo{old}")
        g2 = tmp_path / f"g{old}.json"
        args = ("space", "design", "--person", f"bo{old}", "--n", "3", "-o", str(g2))
        assert run(capsys, *args)[0] == 0
        assert json.loads(g2.read_text())["meta"]["provenance"]["space"]["version"] == old
    # A deployment made before versions were recorded (a key, no record) keeps version 1.
    (home / "space.version").unlink()
    code, out, _ = run(capsys, "init", "--json")
    assert code == 0 and json.loads(out)["space_version"] == 1
    run(capsys, "ledger", "register", "ann")
    g = tmp_path / "g.json"
    assert run(capsys, "space", "design", "--person", "ann", "--n", "1", "-o", str(g))[0] == 0
    assert json.loads(g.read_text())["meta"]["provenance"]["space"]["version"] == 1
    code, out, _ = run(capsys, "space", "locate", str(g), "--json")
    assert code == 0 and json.loads(out)["exact"]
    # init never changes a recorded version; a broken record is a clear error.
    assert json.loads(run(capsys, "init", "--json")[1])["space_version"] == 1
    (home / "space.version").write_text("7\n")
    code, _, err = run(capsys, "space", "locate", str(g))
    assert code == 1 and "space.version" in err and err.count("\n") == 1
