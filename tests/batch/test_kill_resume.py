"""A running job stopped by Ctrl-C, then killed with SIGKILL, resumes to completion.

Real processes: the command line in its own process group with a pool of two workers,
signalled as a terminal would (Ctrl-C goes to the whole group). No unit is done twice,
no half-written output is ever in the store, no worker outlives its job.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from foulard.batch import LocalEngine, Manifest, OutputStore, manifest_path, run_job
from foulard.batch.store import file_sha256

pytestmark = pytest.mark.slow

UNITS = 8
# Ctrl-C raises in the job even where the test runner ignores SIGINT (started in the
# background by a shell), as it does in a terminal.
CLI = (
    "import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "from foulard.cli.main import main; sys.exit(main(sys.argv[1:]))"
)


def _whole_store_files(store: OutputStore) -> list[Path]:
    """Every output in the store (not its temporaries); each must be named by its hash."""
    out = []
    for sub in store.root.iterdir():
        if sub.name == "tmp":
            continue
        for path in sub.iterdir():
            assert path.name.split(".")[0] == file_sha256(path), f"{path} is not whole"
            out.append(path)
    return out


def _live_in_group(pgid: int) -> list[int]:
    """Processes of the group that still run (zombies waiting for a reaper do not count)."""
    live = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            live.append(int(entry.name))
    return live


def _start(job, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", CLI, "batch", "run", str(job.path), "--workers", "2", *extra],
        cwd=job.path.parent, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: the coordinator and its workers
    )  # fmt: skip


def _signal_after(proc, manifest: Manifest, done: int, sig: int) -> None:
    """Send ``sig`` to the job's process group once ``done`` units are recorded done."""
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        if manifest.exists() and len(manifest.read().done) >= done:
            break
        time.sleep(0.05)
    assert proc.poll() is None, proc.stderr.read().decode()
    os.killpg(proc.pid, sig)


@pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="reads /proc")
def test_ctrl_c_then_sigkill_then_resume(tiny_job):
    job = tiny_job([{"slot": 11, "n": n} for n in range(UNITS)], outputs=["preview", "master"])
    manifest = Manifest(manifest_path(job.path))
    store = OutputStore.default()

    proc = _start(job)  # 1. Ctrl-C: an orderly stop, recorded
    try:
        _signal_after(proc, manifest, 1, signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 130, err.decode()
    assert f"go on with foulard batch run {job.path} --resume" in err.decode()
    deadline = time.monotonic() + 10
    while _live_in_group(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _live_in_group(proc.pid) == []  # the workers were stopped with the job
    first = manifest.read()
    assert first.last["event"] == "stopped" and first.last["reason"] == "interrupted"
    assert 1 <= len(first.done) < UNITS
    _whole_store_files(store)

    proc = _start(job, "--resume")  # 2. SIGKILL of everything: nothing recorded
    try:
        _signal_after(proc, manifest, len(first.done) + 1, signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
        proc.stderr.close()
    before = manifest.read()
    done_before = len(before.done)
    assert len(first.done) < done_before < UNITS
    assert before.last["event"] in ("done", "run")  # no orderly stop was recorded
    _whole_store_files(store)  # whatever the kills interrupted is only a temporary

    report = run_job(job, engine=LocalEngine(2), resume=True)  # 3. to the end
    assert report.skipped == done_before
    assert (report.done, report.failed) == (UNITS - done_before, 0)
    after = manifest.read()
    assert len(after.done) == UNITS
    assert set(after.done_events.values()) == {1}  # no unit done twice
    assert len(after.runs) == 3 and after.last["event"] == "finished"
    assert store.temporaries() == []
    files = _whole_store_files(store)
    recorded = {Path(r["path"]) for rec in after.done.values() for r in rec["outputs"].values()}
    assert recorded == set(files)
