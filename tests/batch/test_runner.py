"""Running jobs in this process: results, duplicates, retries, a full disk, Ctrl-C, resume."""

from __future__ import annotations

import contextlib
import errno
import json
from pathlib import Path

import pytest

from foulard.batch import (
    BatchError,
    InlineEngine,
    JobStopped,
    Manifest,
    OutputStore,
    job_status,
    manifest_path,
    run_job,
)
from foulard.batch import work as batch_work
from foulard.batch.store import file_sha256
from foulard.cli.main import main
from foulard.errors import FoulardError
from foulard.genome import Genome
from foulard.render import read_embedded


def _events(job):
    lines = manifest_path(job.path).read_text().splitlines()
    return [json.loads(line) for line in lines]


@contextlib.contextmanager
def _fail_for(output, keys, exc):
    """Make ``output`` raise ``exc`` for the units whose key is in ``keys``."""
    real = batch_work._MAKERS[output]

    def maker(genome, fmt, payload, store, threads):
        if payload["key"] in keys:
            raise exc
        return real(genome, fmt, payload, store, threads)

    with pytest.MonkeyPatch.context() as mp:
        mp.setitem(batch_work._MAKERS, output, maker)
        yield


def test_a_job_records_every_output_and_runs_duplicates_once(tiny_job):
    specs = [{"slot": 1, "n": n} for n in (0, 1, 2, 1)]
    job = tiny_job(specs, outputs=["preview", "signature"])
    seen = []
    report = run_job(job, engine=InlineEngine(), progress=seen.append)
    assert (report.total, report.done, report.failed, report.skipped) == (3, 3, 0, 0)
    assert seen[-1].finished == 3 and seen[-1].eta_s == 0.0 and seen[-1].rate_per_min > 0
    events = _events(job)
    assert [e["event"] for e in events] == ["run", "done", "done", "done", "finished"]
    store = OutputStore.default()
    for e in events[1:4]:
        assert set(e["outputs"]) == {"preview", "signature"}
        for rec in e["outputs"].values():
            assert Path(rec["path"]).parent.parent == store.root
            assert Path(rec["path"]).name.startswith(rec["sha256"])
            assert file_sha256(rec["path"]) == rec["sha256"]
        assert e["seconds"] > 0 and e["attempt"] == 1
    assert store.temporaries() == []
    with pytest.raises(BatchError, match="already run"):
        run_job(job, engine=InlineEngine())
    again = run_job(job, engine=InlineEngine(), resume=True)
    assert (again.skipped, again.done) == (3, 0)


def test_outputs_embed_the_genome_and_a_command_that_remakes_them(tiny_job, tmp_path, capsys):
    job = tiny_job([{"slot": 5, "n": 3}], outputs=["preview", "master"])
    run_job(job, engine=InlineEngine())
    done = _events(job)[1]
    preview = read_embedded(done["outputs"]["preview"]["path"])["foulard"]
    master = read_embedded(done["outputs"]["master"]["path"])["foulard"]
    assert preview["design_id"] == master["design_id"] == done["design_id"]
    assert master["order"]["format"]["name"] == "custom-60x60"
    assert preview["command"] == (
        "foulard batch unit GENOME --format custom-60x60 --px 64 --outputs preview"
    )
    genome_file = tmp_path / "g.json"
    Genome.from_json(preview["genome"]).save(genome_file)
    args = master["command"].split()[1:]
    args[args.index("GENOME")] = str(genome_file)
    assert main([*args, "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["outputs"]["master"] == done["outputs"]["master"]  # the same bytes


def test_a_failing_unit_is_retried_then_recorded_and_the_job_goes_on(tiny_job):
    job = tiny_job([{"slot": 2, "n": n} for n in range(3)], outputs=["preview"])
    bad = job.units[1]
    with _fail_for("preview", {bad.key}, RuntimeError("the dye ran")):
        report = run_job(job, engine=InlineEngine(), retries=2)
    assert (report.done, report.failed) == (2, 1)
    assert report.failures[0]["label"] == "2:1"
    assert "RuntimeError: the dye ran" in report.failures[0]["error"]
    events = _events(job)
    tries = [e for e in events if e.get("unit") == bad.key]
    assert [e["event"] for e in tries] == ["error", "error", "error", "failed"]
    assert [e["attempt"] for e in tries[:3]] == [1, 2, 3]
    assert events[-1]["event"] == "finished"
    st = job_status(job)
    assert (st["done"], st["failed"], st["pending"]) == (2, 1, 0)
    assert st["failures"][0]["where"] == "job.json line 3 (units[1])"
    resumed = run_job(job, engine=InlineEngine(), resume=True)
    assert (resumed.skipped, resumed.done, resumed.failed) == (2, 1, 0)
    assert job_status(job)["failed"] == 0


def test_a_full_disk_stops_the_job_cleanly_and_it_resumes(tiny_job):
    job = tiny_job([{"slot": 3, "n": n} for n in range(4)], outputs=["preview"])
    full = OSError(errno.ENOSPC, "No space left on device")
    with (
        _fail_for("preview", {job.units[2].key}, full),
        pytest.raises(JobStopped, match=r"disk is full.*--resume"),
    ):
        run_job(job, engine=InlineEngine())
    events = _events(job)
    assert events[-1]["event"] == "stopped" and "disk is full" in events[-1]["reason"]
    assert not any(e["event"] == "failed" for e in events)  # not the unit's fault
    assert OutputStore.default().temporaries() == []
    st = job_status(job)
    # the unit in flight beside the one that hit the full disk still finished
    assert st["state"] == "stopped" and st["done"] == 3 and st["pending"] == 1
    report = run_job(job, engine=InlineEngine(), resume=True)
    assert (report.skipped, report.done) == (3, 1)
    assert set(Manifest(manifest_path(job.path)).read().done_events.values()) == {1}


def test_ctrl_c_records_the_stop(tiny_job):
    job = tiny_job([{"slot": 4, "n": n} for n in range(3)], outputs=["signature"])
    with (
        _fail_for("signature", {job.units[1].key}, KeyboardInterrupt()),
        pytest.raises(KeyboardInterrupt),
    ):
        run_job(job, engine=InlineEngine())
    assert _events(job)[-1]["reason"] == "interrupted"
    report = run_job(job, engine=InlineEngine(), resume=True)
    assert (report.skipped, report.done) == (1, 2)


def test_an_error_before_the_run_starts_leaves_no_manifest(tiny_job, capsys):
    job = tiny_job([{"person": "nobody", "n": 1}])
    with pytest.raises(FoulardError, match=r"foulard init|unknown person"):
        run_job(job, engine=InlineEngine())
    assert not manifest_path(job.path).exists()
    assert main(["ledger", "register", "nobody"]) == 1  # no ledger yet: init first
    assert main(["init"]) == 0 and main(["ledger", "register", "nobody"]) == 0
    capsys.readouterr()
    report = run_job(job, engine=InlineEngine())  # not refused as a job that already ran
    assert report.done == 1


class _VanishingEngine(InlineEngine):
    """Runs one unit, then its scheduler is gone."""

    def wait(self, pending, timeout=None):
        if getattr(self, "served", False):
            raise OSError("Timed out trying to connect to tcp://10.0.0.9:8786")
        self.served = True
        return super().wait(pending, timeout)


def test_losing_the_engine_stops_the_job_and_it_resumes(tiny_job):
    job = tiny_job([{"slot": 6, "n": n} for n in range(3)], outputs=["signature"])
    with pytest.raises(JobStopped, match=r"lost the engine \(OSError: Timed out"):
        run_job(job, engine=_VanishingEngine())
    st = job_status(job)
    assert (st["done"], st["pending"], st["state"]) == (1, 2, "stopped")
    report = run_job(job, engine=InlineEngine(), resume=True)
    assert (report.skipped, report.done) == (1, 2)


@pytest.mark.slow
def test_an_order_unit_stores_the_whole_order_folder(tiny_job):
    job = tiny_job([{"slot": 8, "n": 0}], outputs=["order"], inks=3, colourways=1)
    run_job(job, engine=InlineEngine())
    rec = _events(job)[1]["outputs"]["order"]
    folder = Path(rec["path"])
    assert folder.is_dir() and folder.name == f"{rec['sha256']}.order"
    listed = json.loads((folder / "order.json").read_text())
    assert listed["inks"]["asked"] == 3 and listed["format"]["name"] == "custom-60x60"
    on_disk = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert on_disk == sorted([f["path"] for f in listed["files"]] + ["order.json"])
    for f in listed["files"]:
        assert file_sha256(folder / f["path"]) == f["sha256"]
    assert OutputStore.default().temporaries() == []


def test_temporaries_of_a_writer_still_exiting_at_the_start_are_cleaned_at_the_end(
    tiny_job, monkeypatch
):
    """A killed run's worker can still be exiting when the next run starts: its
    temporary is kept then (a live writer's) and removed when the run ends."""
    import socket

    from foulard.batch import store as batch_store

    job = tiny_job([{"slot": 1, "n": 0}], outputs=["preview"])
    store = OutputStore.default().ensure()
    left = store.tmp / f"{socket.gethostname()}~999999~abc~k-master.tif"
    left.write_bytes(b"half")
    calls = []

    def alive(pid: int) -> bool:  # alive when the run starts, gone at its end
        calls.append(pid)
        return len(calls) == 1

    monkeypatch.setattr(batch_store, "writer_alive", alive)
    report = run_job(job, engine=InlineEngine())
    assert report.done == 1 and calls == [999999, 999999]
    assert report.cleaned_temporaries == 1 and not left.exists()
