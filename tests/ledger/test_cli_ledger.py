"""``foulard ledger`` on the command line: register, claim a genome file, show, verify."""

from __future__ import annotations

import json
import os

from foulard.cli.main import main
from foulard.ledger import Ledger


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_register_claim_outside_design_and_refuse_its_copy(tmp_path, capsys):
    assert run(capsys, "init")[0] == 0
    code, out, _ = run(capsys, "ledger", "register", "bo", "--json")
    assert code == 0 and json.loads(out)["slot"] == 0
    code, out, _ = run(capsys, "ledger", "register", "bo")
    assert "already" in out
    run(capsys, "ledger", "register", "cy")
    g = tmp_path / "outside.json"
    assert run(capsys, "random", "--seed", "11", "-o", str(g))[0] == 0
    code, out, err = run(capsys, "ledger", "claim", str(g), "--person", "bo", "--json")
    assert code == 0, err
    claimed = json.loads(out)
    assert claimed["won"] and claimed["owner"] == "bo" and claimed["address"] is None
    code, _, err = run(capsys, "ledger", "claim", str(g), "--person", "cy")
    assert code == 1 and "already claimed to bo" in err
    # A space design whose line work is drawn a hair larger: a new genome (no longer
    # exactly the design at its address) that looks the same: refused, naming the original.
    sg = tmp_path / "space.json"
    code, out, _ = run(
        capsys, "space", "design", "--person", "bo", "--n", "3", "-o", str(sg), "--json"
    )
    original = json.loads(out)["design_id"]
    data = json.loads(sg.read_text())
    data["root"]["inputs"]["layers"][-2]["params"]["size"] += 0.004  # the line work
    copy = tmp_path / "copy.json"
    copy.write_text(json.dumps(data))
    code, out, _ = run(capsys, "space", "locate", str(copy))
    assert code == 0 and "1 gene(s) edited" in out
    code, _, err = run(capsys, "ledger", "claim", str(copy), "--person", "cy")
    assert code == 1 and "near-duplicate" in err and original in err
    code, out, _ = run(capsys, "ledger", "show", "bo")
    assert code == 0 and "design.claimed" in out


def test_verify_exits_1_when_an_invariant_fails(capsys):
    run(capsys, "init")
    run(capsys, "ledger", "register", "a")
    run(capsys, "ledger", "register", "b")
    assert run(capsys, "ledger", "verify")[0] == 0
    home = os.environ["FOULARD_HOME"]
    with Ledger.open(f"sqlite:///{home}/foulard.db") as led, led.db.transaction() as tx:
        tx.execute("UPDATE persons SET slot = 5 WHERE id = 'b'")
    code, out, _ = run(capsys, "ledger", "verify", "--json")
    report = json.loads(out)
    assert code == 1 and not report["ok"] and report["problems"]
