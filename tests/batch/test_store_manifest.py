"""The output store (content addressed, atomic) and the manifest (append-only, locked)."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from foulard.batch import BatchError, Manifest, OutputStore
from foulard.batch.store import tree_sha256


def test_files_land_under_their_hash_once(tmp_path):
    store = OutputStore(tmp_path / "store").ensure()
    data = b"silk" * 1000
    recs = []
    for _ in range(2):
        tmp = store.temp_path("x.png")
        tmp.write_bytes(data)
        recs.append(store.put_file(tmp, ".png"))
    sha = hashlib.sha256(data).hexdigest()
    assert recs[0] == recs[1]
    assert recs[0]["path"] == str(store.root / sha[:2] / f"{sha}.png")
    assert recs[0]["bytes"] == len(data) and store.check(recs[0])
    assert store.temporaries() == []  # the second, equal file was dropped
    assert store.put_bytes(data, ".png") == recs[0]
    with open(recs[0]["path"], "r+b") as fh:
        fh.write(b"X")
    assert not store.check(recs[0])


def test_folders_are_named_by_the_hashes_of_their_files(tmp_path):
    store = OutputStore(tmp_path / "store").ensure()
    files = []
    for i in range(2):
        folder = store.temp_path(f"order{i}")
        (folder / "sub").mkdir(parents=True)
        (folder / "a.txt").write_text("a")
        (folder / "sub" / "b.txt").write_text("b")
        files = [
            {"path": "a.txt", "sha256": hashlib.sha256(b"a").hexdigest()},
            {"path": "sub/b.txt", "sha256": hashlib.sha256(b"b").hexdigest()},
        ]
        rec = store.put_tree(folder, files, ".order")
    assert rec["sha256"] == tree_sha256(files) == tree_sha256(files[::-1])
    assert (store.root / rec["sha256"][:2] / f"{rec['sha256']}.order" / "sub" / "b.txt").is_file()
    assert store.temporaries() == [] and store.check(rec)


def test_temporaries_of_dead_processes_are_cleaned(tmp_path):
    store = OutputStore(tmp_path / "store").ensure()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    host = socket.gethostname()
    gone = store.tmp / f"{host}~{dead.stdout.strip()}~abc~k-master.tif"
    gone.write_bytes(b"half")
    beside = store.tmp / f".{host}~{dead.stdout.strip()}~abd~k-order.99.partial"
    beside.mkdir()
    alive = store.tmp / f"{host}~{os.getppid()}~abc~k-preview.png"
    alive.write_bytes(b"half")
    other = store.tmp / "elsewhere~1~abc~k-preview.png"  # another host's, recent
    other.write_bytes(b"half")
    zombie = subprocess.Popen(["true"])  # exited, not yet reaped (a killed job's worker)
    try:
        stat = Path(f"/proc/{zombie.pid}/stat")
        deadline = time.monotonic() + 30
        while stat.exists() and " Z " not in stat.read_text() and time.monotonic() < deadline:
            time.sleep(0.01)
        (store.tmp / f"{host}~{zombie.pid}~abe~k-master.tif").write_bytes(b"half")
        assert store.clean_temporaries() == 3
    finally:
        zombie.wait()
    assert sorted(p.name for p in store.temporaries()) == sorted([alive.name, other.name])


def test_manifest_cuts_a_torn_last_line_and_keeps_whole_ones(tmp_path):
    path = tmp_path / "job.manifest.jsonl"
    m = Manifest(path)
    state = m.open()
    assert not state.done
    m.append({"event": "run"})
    m.append({"event": "done", "unit": "k1", "outputs": {}})
    m.close()
    with open(path, "ab") as fh:
        fh.write(b'{"event": "done", "unit": "k2", "outp')  # killed mid-write
    assert set(Manifest(path).read().done) == {"k1"}
    m = Manifest(path)
    m.open()
    m.append({"event": "failed", "unit": "k3", "error": "E"})
    m.close()
    lines = path.read_text().splitlines()
    assert [json.loads(line)["event"] for line in lines] == ["run", "done", "failed"]
    state = Manifest(path).read()
    assert set(state.done) == {"k1"} and set(state.failed) == {"k3"}
    assert state.done_events == {"k1": 1}


def test_manifest_is_locked_while_a_run_holds_it(tmp_path):
    path = tmp_path / "job.manifest.jsonl"
    m = Manifest(path)
    m.open()
    with pytest.raises(BatchError, match="running in another process"):
        Manifest(path).open()  # a lock on another open file, as another process would take
    m.close()
    again = Manifest(path)
    again.open()
    again.close()


def test_a_damaged_manifest_line_is_an_error(tmp_path):
    path = tmp_path / "job.manifest.jsonl"
    path.write_text('{"event": "run"}\nnot json\n{"event": "run"}\n')
    with pytest.raises(BatchError, match="line 2: not a manifest record"):
        Manifest(path).read()
