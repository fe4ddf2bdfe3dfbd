"""The job manifest: an append-only JSON-lines file beside the job, synced per record.

``job.json`` keeps its manifest in ``job.manifest.jsonl``. Each line is one event:

``run``       a run began (engine, units, the job file's SHA-256)
``done``      a unit finished: its outputs (path, SHA-256, bytes), seconds, peak
              memory of the worker, host, attempt
``error``     one attempt of a unit failed (the error text)
``failed``    a unit failed its last allowed attempt; the job went on
``stopped``   the run stopped early (full disk, lost engine, interrupted)
``finished``  the run reached the end of the job

A line is written whole and synced before the coordinator goes on, so a killed job
loses at most the line being written (a torn last line is cut off when the job is
resumed). Only the coordinator writes; an exclusive lock on the file keeps two runs
of one job apart (the kernel drops it when a process dies).

The manifest is a file, not a database table: a job is carried around and resumed
with its folder, and needs no database.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from foulard.batch.errors import BatchError, JobStopped

__all__ = ["Manifest", "ManifestState", "manifest_path", "now"]


def now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def manifest_path(job_path: str | Path) -> Path:
    p = Path(job_path)
    return p.with_name(f"{p.stem}.manifest.jsonl")


@dataclass
class ManifestState:
    """What the manifest says: the last record of each unit, and the runs."""

    done: dict[str, dict] = field(default_factory=dict)
    failed: dict[str, dict] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    runs: list[dict] = field(default_factory=list)
    last: dict | None = None
    done_events: dict[str, int] = field(default_factory=dict)

    def add(self, rec: dict[str, Any]) -> None:
        kind = rec.get("event")
        unit = rec.get("unit")
        if kind == "run":
            self.runs.append(rec)
        elif kind == "done" and unit:
            self.done[unit] = rec
            self.failed.pop(unit, None)
            self.done_events[unit] = self.done_events.get(unit, 0) + 1
        elif kind == "failed" and unit and unit not in self.done:
            self.failed[unit] = rec
        elif kind == "error" and unit:
            self.errors[unit] = self.errors.get(unit, 0) + 1
        self.last = rec


def _read(path: Path) -> tuple[ManifestState, int]:
    """The state, and the length of the file's whole lines (a torn tail is ignored)."""
    state = ManifestState()
    good = 0
    with open(path, "rb") as fh:
        data = fh.read()
    pos = 0
    line_no = 0
    while pos < len(data):
        end = data.find(b"\n", pos)
        if end < 0:
            break  # torn last line: the process died while writing it
        line_no += 1
        raw = data[pos:end]
        pos = end + 1
        if not raw.strip():
            good = pos
            continue
        try:
            rec = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise BatchError(f"{path} line {line_no}: not a manifest record") from None
        if not isinstance(rec, dict):
            raise BatchError(f"{path} line {line_no}: not a manifest record")
        state.add(rec)
        good = pos
    return state, good


class Manifest:
    """A job's manifest, opened for reading (``read``) or for a run (``open``)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._fh = None

    @property
    def is_open(self) -> bool:
        return self._fh is not None

    def exists(self) -> bool:
        return self.path.is_file() and self.path.stat().st_size > 0

    def read(self) -> ManifestState:
        if not self.path.is_file():
            return ManifestState()
        return _read(self.path)[0]

    def open(self) -> ManifestState:
        """Lock the manifest for this run, cut a torn tail, return what it holds."""
        try:
            fh = open(self.path, "a+b")  # noqa: SIM115 - held open for the run
        except OSError as exc:
            raise BatchError(f"cannot open the manifest {self.path}: {exc.strerror}") from None
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.close()
            raise BatchError(
                f"the job is running in another process (its manifest {self.path} is locked)"
            ) from None
        state, good = _read(self.path)
        if good < os.fstat(fh.fileno()).st_size:
            fh.truncate(good)
            os.fsync(fh.fileno())
        self._fh = fh
        return state

    def append(self, record: dict[str, Any]) -> None:
        """Write one record and sync it; a full disk stops the job (resumable)."""
        if self._fh is None:
            raise BatchError("the manifest is not open")
        line = json.dumps({"at": now(), **record}, ensure_ascii=False, sort_keys=True)
        try:
            self._fh.write(line.encode("utf-8") + b"\n")
            self._fh.flush()
            os.fsync(self._fh.fileno())
        except OSError as exc:
            raise JobStopped(
                f"cannot write the manifest {self.path}: {exc.strerror or exc}; "
                "free space and resume the job with --resume"
            ) from None

    def close(self) -> None:
        if self._fh is not None:
            with contextlib.suppress(OSError):
                empty = os.fstat(self._fh.fileno()).st_size == 0
                self._fh.close()
                if empty:  # a run that failed before its first record leaves no file
                    self.path.unlink()
            self._fh = None
