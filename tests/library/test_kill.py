"""Ingest survives SIGKILL: run it, kill it mid-way (for real), run it again."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from foulard.library import Library, ingest
from foulard.library.store import sha256_hex

SCRIPT = """
import sys
from pathlib import Path
from foulard.library import Library, ingest
home = Path(sys.argv[2])
with Library.open(sys.argv[1], home=home, index_folder=home / "ix") as lib:
    ingest(lib, [sys.argv[3]], workers=1)
"""


def _count(db_path) -> int:
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT COUNT(*) FROM patterns").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_sigkill_mid_ingest_then_resume(tmp_path, make_picture, encode_picture):
    src = tmp_path / "src"
    src.mkdir()
    n = 30
    for i in range(n):
        (src / f"p{i:02d}.png").write_bytes(encode_picture(make_picture(100 + i, (200, 200))))
    home = tmp_path / "home"
    home.mkdir()
    db = tmp_path / "lib.db"
    url = f"sqlite:///{db}"
    env = {**os.environ, "FOULARD_HOME": str(home)}
    killed_at = []
    for target in (3, 11, 19):
        proc = subprocess.Popen(
            [sys.executable, "-c", SCRIPT, url, str(home), str(src)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 120
        while _count(db) < target and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stderr.close()
        killed_at.append(_count(db))
    assert killed_at[0] < n, "the ingest finished before it could be killed"
    with Library.open(url, home=home, index_folder=home / "ix") as lib:
        report = ingest(lib, [src], workers=1)
        assert report.added == n - killed_at[-1]
        assert report.rejected == []
        with lib.db.transaction() as tx:
            ids = [r[0] for r in tx.all("SELECT id FROM patterns")]
            names = tx.all("SELECT COUNT(*) FROM pattern_files")[0][0]
            unlinked = tx.all("SELECT COUNT(*) FROM patterns WHERE linked = 0")[0][0]
        assert len(ids) == len(set(ids)) == n
        assert names == n
        assert unlinked == 0  # the near-duplicate check caught up with killed runs
        for pid in ids:  # every record has its whole file and its thumbnail
            assert sha256_hex(lib.store.object_path(pid).read_bytes()) == pid
            assert lib.store.thumb_path(pid).is_file()
        stored = list(lib.store.objects.rglob("*"))
        assert not [p for p in stored if ".tmp" in p.name]  # dead writers' temporaries gone
        assert len([p for p in stored if p.is_file()]) == n
        assert ingest(lib, [src], workers=1).added == 0


def test_temporaries_of_dead_and_zombie_writers_are_cleaned_and_a_live_ones_kept(tmp_path):
    from foulard.library.store import Store

    store = Store(tmp_path)
    folder = store.objects / "ab"
    folder.mkdir(parents=True)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    (folder / f".abc.{dead.stdout.strip()}.tmp").write_bytes(b"half")
    writer = subprocess.Popen(["sleep", "60"])  # a writer still at work
    live = folder / f".abd.{writer.pid}.tmp"
    live.write_bytes(b"half")
    zombie = subprocess.Popen(["true"])  # exited, not yet reaped: it writes nothing more
    try:
        stat = Path(f"/proc/{zombie.pid}/stat")
        deadline = time.monotonic() + 30
        while stat.exists() and " Z " not in stat.read_text():
            assert time.monotonic() < deadline
            time.sleep(0.01)
        (folder / f".abe.{zombie.pid}.tmp").write_bytes(b"half")
        assert store.clean_temporaries() == 2
    finally:
        zombie.wait()
        writer.kill()
        writer.wait()
    assert [p.name for p in folder.iterdir()] == [live.name]
