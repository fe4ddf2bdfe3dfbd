"""``foulard batch make | run | status`` on the command line."""

from __future__ import annotations

import json

import pytest

from foulard.cli.main import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.slow
def test_make_run_status_with_a_failing_unit(tmp_path, capsys, monkeypatch):
    assert run(capsys, "init")[0] == 0
    job = tmp_path / "job.json"
    code, _, err = run(capsys, "batch", "make", "--person", "alice", "--from", "0", "--to", "2",
                       "-o", str(job))  # fmt: skip
    assert code == 1 and "unknown person 'alice'" in err and not job.exists()
    assert run(capsys, "ledger", "register", "alice")[0] == 0
    code, out, _ = run(capsys, "batch", "make", "--person", "alice", "--from", "0", "--to", "2",
                       "--outputs", "preview+signature", "--format", "custom-60x60", "--px", "64",
                       "-o", str(job))  # fmt: skip
    assert code == 0 and "3 units" in out
    data = json.loads(job.read_text())
    data["units"].append({"person": "alice", "n": 1, "outputs": ["master"], "ppi": 150})
    job.write_text(json.dumps(data))
    # The workers refuse a 472 px master: that unit fails, the job goes on.
    monkeypatch.setenv("FOULARD_MAX_PIXELS", "100000")
    code, out, err = run(capsys, "batch", "run", str(job), "--workers", "1", "--retries", "0")
    assert code == 1
    assert "3 done, 0 already done, 1 failed of 4 units" in out
    assert "failed: alice/1 (job.json line 1 (units[3])): SizeError:" in out
    assert "/min" in err and "eta" in err  # the progress bar
    code, out, _ = run(capsys, "batch", "status", str(job), "--json")
    st = json.loads(out)
    assert (st["done"], st["failed"], st["pending"], st["state"]) == (3, 1, 0, "finished")
    code, _, err = run(capsys, "batch", "run", str(job))
    assert code == 1 and "--resume" in err


def test_bad_input_is_one_line_on_stderr(tmp_path, capsys):
    job = tmp_path / "job.json"
    job.write_text('{"units": [\n  {"slot": 1, "n": 2},\n  {"slot": 1, "n": -2}\n]}')
    code, _, err = run(capsys, "batch", "run", str(job))
    assert code == 1
    assert err.startswith("error: job.json line 3 (units[1]): n must be a whole number")
    code, _, err = run(capsys, "batch", "status", str(tmp_path / "none.json"))
    assert code == 1 and "no such job file" in err
    code, _, err = run(capsys, "batch", "make", "--person", "alice", "-o", str(job))
    assert code == 2 and "--from and --to" in err
    code, _, err = run(capsys, "batch", "make", "--slot", "1", "--from", "5", "--to", "1",
                       "-o", str(job))  # fmt: skip
    assert code == 1 and "need 0 <= --from <= --to" in err
    code, _, err = run(capsys, "batch", "run", str(job), "--scheduler", "tcp://x:1",
                       "--dask-local", "2")  # fmt: skip
    assert code == 2 and "not both" in err


def test_make_from_a_genome_folder(tmp_path, capsys):
    from foulard.batch import load_job
    from foulard.scarf.random_design import random_genome

    folder = tmp_path / "designs"
    folder.mkdir()
    for seed in (1, 2):
        random_genome(seed).save(folder / f"d{seed}.json")
    (tmp_path / "jobs").mkdir()
    job = tmp_path / "jobs" / "j.json"
    code, out, _ = run(capsys, "batch", "make", "--genomes", str(folder), "--outputs", "master",
                       "--ppi", "200", "-o", str(job))  # fmt: skip
    assert code == 0 and "2 units" in out
    units = load_job(job).units
    assert json.loads(job.read_text())["units"][0] == {"genome": "../designs/d1.json"}
    assert [u.ppi for u in units] == [200.0, 200.0] and units[0].outputs == ("master",)
