"""The engines with real worker processes: a local pool and a Dask cluster on loopback."""

from __future__ import annotations

import json
import os
import signal
import socket
import time
from pathlib import Path

import pytest

from foulard.batch import (
    DaskEngine,
    EngineError,
    LocalEngine,
    Manifest,
    OutputStore,
    manifest_path,
    run_job,
)
from foulard.batch.store import file_sha256
from foulard.cli.main import main

pytestmark = pytest.mark.slow


def _done(job) -> dict[str, dict]:
    state = Manifest(manifest_path(job.path)).read()
    assert set(state.done_events.values()) == {1}
    return {rec["label"]: rec["outputs"] for rec in state.done.values()}


def test_the_local_pool_and_a_dask_cluster_write_the_same_bytes(tiny_job, tmp_path):
    pytest.importorskip("distributed")
    specs = [
        {"slot": 7, "n": 0, "outputs": ["preview", "master", "signature"]},
        {"slot": 7, "n": 1, "outputs": ["preview", "signature"]},
    ]
    jobs = {"local": tiny_job(specs, name="local.json"), "dask": tiny_job(specs, name="dask.json")}
    engines = {"local": LocalEngine(2), "dask": DaskEngine(local_workers=2)}
    for name, job in jobs.items():
        report = run_job(job, engine=engines[name], store=OutputStore(tmp_path / name))
        assert (report.done, report.failed) == (2, 0), report.failures
    a, b = _done(jobs["local"]), _done(jobs["dask"])
    assert a.keys() == b.keys() == {"7:0", "7:1"}
    for label in a:
        assert a[label].keys() == b[label].keys()
        for output, rec in a[label].items():
            other = b[label][output]
            assert Path(rec["path"]).name == Path(other["path"]).name  # same hash
            assert Path(rec["path"]).read_bytes() == Path(other["path"]).read_bytes()
            assert file_sha256(rec["path"]) == rec["sha256"]


def test_an_unreachable_scheduler_is_a_clear_error_within_seconds(tiny_job, capsys):
    pytest.importorskip("distributed")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once the socket is closed
    job = tiny_job([{"slot": 1, "n": 1}])
    t0 = time.monotonic()
    code = main(["batch", "run", str(job.path), "--scheduler", f"tcp://127.0.0.1:{port}",
                 "--connect-timeout", "2"])  # fmt: skip
    took = time.monotonic() - t0
    err = capsys.readouterr().err
    assert code == 1 and f"cannot reach the Dask scheduler at tcp://127.0.0.1:{port}" in err
    assert took < 15
    with pytest.raises(EngineError, match="not both"):
        DaskEngine("tcp://127.0.0.1:1", local_workers=2)


def test_a_lost_worker_costs_an_attempt_and_the_job_completes(tiny_job):
    job = tiny_job([{"slot": 9, "n": n} for n in range(5)], outputs=["preview"])
    engine = LocalEngine(2)
    killed = []

    def kill_a_worker(p) -> None:
        if p.done == 1 and not killed:
            pid = next(iter(engine._pool._processes))
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    report = run_job(job, engine=engine, retries=2, progress=kill_a_worker)
    assert killed and (report.done, report.failed) == (5, 0)
    events = [json.loads(x) for x in manifest_path(job.path).read_text().splitlines()]
    lost = [e for e in events if e["event"] == "error"]
    assert lost and all("worker lost" in e["error"] for e in lost)
    assert len(_done(job)) == 5


def test_masters_get_a_fresh_worker_each_and_previews_reuse_theirs(tiny_job):
    # A worker that rendered a master keeps native memory it cannot give back, so a
    # job of masters starts a new process per unit: memory stays one unit's worth.
    masters = tiny_job([{"slot": 4, "n": n} for n in range(3)], name="m.json",
                       outputs=["master"])  # fmt: skip
    previews = tiny_job([{"slot": 4, "n": n} for n in range(3)], name="p.json")
    engine = LocalEngine(1)
    pids, engines = {}, {}
    for name, job in (("masters", masters), ("previews", previews)):
        report = run_job(job, engine=engine)
        assert (report.done, report.failed) == (3, 0), report.failures
        state = Manifest(manifest_path(job.path)).read()
        pids[name] = {rec["pid"] for rec in state.done.values()}
        engines[name] = report.engine
    assert len(pids["masters"]) == 3
    assert len(pids["previews"]) == 1
    assert engines["masters"].endswith("a fresh worker per unit")
    assert "fresh" not in engines["previews"]
