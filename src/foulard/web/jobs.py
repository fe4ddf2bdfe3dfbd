"""Export jobs (print orders), shared by every worker process through the database.

A job is a row of ``web_jobs``: any worker can read it (poll, list, download) and
ask for it to be cancelled. The worker that accepted it makes it, in its own small
pool, and writes its stage and progress back; it reads the cancel flag in the same
statement. Every worker beats a heartbeat for its jobs (:meth:`Jobs.beat`, from
the studio's housekeeping thread); a queued or running job
whose worker has been silent for :attr:`Settings.job_stale_s` (the process died) is
marked failed by any other worker, and its files are removed: no job stays
"running" forever. Files live in ``<home>/studio/jobs/<id>/``; the zip is written
beside its final name and renamed into place, so a zip is whole or absent.

The order itself is made in a fresh child process
(:func:`foulard.web.order_process.make_in_child`): rendering a master leaves
100-250 MB of native memory in a process that nothing frees, so a long-lived server
process would grow with every order. The worker writes the child's progress to the
row, and ends the child to cancel the job.

On shutdown a worker cancels its queued jobs, lets running ones finish within the
grace period, then cancels them (a cancelled order leaves no files).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import secrets
import shutil
import socket
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from foulard.db import Database
from foulard.errors import FoulardError
from foulard.genome.schema import Genome
from foulard.web.order_process import Cancelled, make_in_child
from foulard.web.settings import Settings
from foulard.web.work import Busy

__all__ = ["ACTIVE", "Job", "Jobs"]

ACTIVE = ("queued", "running")
STOPPED = "the studio process making this order stopped; order it again"
SHUTDOWN = "the studio was stopped while making this order; order it again"
NOT_STARTED = "the studio was stopped before this order started"
log = logging.getLogger("foulard.web")

_COLUMNS = (
    "id, owner, design_id, options, state, stage, progress, error, zip_name, files,"
    " worker, cancel, created, finished"
)


@dataclass
class _Making:
    """A job this worker makes: its cancel flag, its pool task, its child process."""

    cancel: threading.Event
    future: Future | None = None
    pid: int | None = None


@dataclass(frozen=True)
class Job:
    """One row of ``web_jobs``, as read."""

    id: str
    owner: str
    design_id: str
    options: dict
    state: str  # queued | running | done | failed | cancelled
    stage: str
    progress: float
    error: str | None
    zip_name: str | None
    files: list | None
    worker: str
    cancel: bool
    created: float
    finished: float | None

    @classmethod
    def from_row(cls, row) -> Job:
        return cls(
            row[0], row[1], row[2], json.loads(row[3]), row[4], row[5], float(row[6]), row[7],
            row[8], None if row[9] is None else json.loads(row[9]), row[10], bool(row[11]),
            float(row[12]), None if row[13] is None else float(row[13]),
        )  # fmt: skip

    def to_json(self) -> dict:
        done = self.state == "done"
        return {
            "id": self.id,
            "design_id": self.design_id,
            "state": self.state,
            "stage": self.stage,
            "progress": round(self.progress, 3),
            "error": self.error,
            "options": self.options,
            "download": f"/api/jobs/{self.id}/download" if done else None,
            "files": self.files,
        }


class Jobs:
    """The export jobs of one worker process, over the shared ``web_jobs`` table.

    ``db`` gives the calling thread's database connection; ``reading`` (optional) a
    read-only snapshot that never waits for a writer (:meth:`Store.reading`).
    """

    def __init__(
        self,
        settings: Settings,
        db: Callable[[], Database],
        reading: Callable[[], contextlib.AbstractContextManager] | None = None,
    ):
        self.settings = settings
        self._db = db
        self._reading = reading or (lambda: self._db().transaction())
        self.worker = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
        self._pool = ThreadPoolExecutor(settings.export_workers, thread_name_prefix="export")
        self._local: dict[str, _Making] = {}
        self._lock = threading.Lock()
        self.closing = False

    # -- reading ------------------------------------------------------------------------

    def get(self, job_id: str) -> Job | None:
        with self._reading() as tx:
            row = tx.one(f"SELECT {_COLUMNS} FROM web_jobs WHERE id = ?", (job_id,))
        return None if row is None else Job.from_row(row)

    def of(self, owner: str, limit: int = 200) -> list[Job]:
        with self._reading() as tx:
            rows = tx.all(
                f"SELECT {_COLUMNS} FROM web_jobs WHERE owner = ?"
                " ORDER BY created DESC, id LIMIT ?",
                (owner, limit),
            )
        return [Job.from_row(r) for r in rows]

    def process_of(self, job_id: str) -> int | None:
        """The id of the child process making ``job_id`` here, while it runs."""
        with self._lock:
            making = self._local.get(job_id)
        return None if making is None else making.pid

    def zip_path(self, job: Job) -> Path | None:
        """The finished job's zip, if it is there."""
        if job.state != "done" or not job.zip_name:
            return None
        path = self.settings.jobs_dir / job.id / job.zip_name
        return path if path.is_file() else None

    # -- submitting and cancelling --------------------------------------------------------

    def submit(self, owner: str, genome: Genome, options: dict) -> Job:
        """Record a queued job for ``owner`` and start making it in this process."""
        if self.closing:
            raise Busy("the studio is shutting down")
        job_id = secrets.token_hex(12)
        now = time.time()
        with self._db().transaction() as tx:
            # Serialise the owner's submissions (SQLite's write lock already does).
            lock = " FOR UPDATE" if tx.dialect == "postgresql" else ""
            tx.execute(f"SELECT 1 FROM web_accounts WHERE person_id = ?{lock}", (owner,))
            active = int(
                tx.one(
                    "SELECT COUNT(*) FROM web_jobs WHERE owner = ? AND state IN (?, ?)",
                    (owner, *ACTIVE),
                )[0]
            )
            if active >= self.settings.max_jobs_per_account:
                raise Busy(
                    f"{active} orders are already being made for you; wait for one to finish"
                )
            tx.execute(
                "INSERT INTO web_jobs (id, owner, design_id, options, state, worker, created,"
                " heartbeat) VALUES (?, ?, ?, ?, 'queued', ?, ?, ?)",
                (job_id, owner, genome.design_id, json.dumps(options), self.worker, now, now),
            )
        making = _Making(threading.Event())
        try:
            making.future = self._pool.submit(self._run, job_id, genome, making)
        except RuntimeError:  # the pool is shut down: the studio is stopping
            self._finish(job_id, "cancelled", NOT_STARTED)
            raise Busy("the studio is shutting down") from None
        with self._lock:
            self._local[job_id] = making
        making.future.add_done_callback(lambda _f: self._forget(job_id))
        return self.get(job_id)

    def _forget(self, job_id: str) -> None:
        with self._lock:
            self._local.pop(job_id, None)

    def cancel(self, job_id: str) -> Job | None:
        """Cancel a job wherever it runs: a queued one at once, a running one at its
        next progress report, within about half a second (its process is ended, its
        files removed)."""
        now = time.time()
        with self._db().transaction() as tx:
            tx.execute(
                "UPDATE web_jobs SET state = 'cancelled', cancel = 1, finished = ?"
                " WHERE id = ? AND state = 'queued'",
                (now, job_id),
            )
            if tx.rowcount == 0:
                tx.execute(
                    "UPDATE web_jobs SET cancel = 1 WHERE id = ? AND state = 'running'", (job_id,)
                )
        with self._lock:
            making = self._local.get(job_id)
        if making is not None:
            making.cancel.set()
            making.future.cancel()
        return self.get(job_id)

    # -- making a job ---------------------------------------------------------------------

    def _finish(self, job_id: str, state: str, error: str | None = None, **done) -> bool:
        """Record the end of a job this worker was making; False if it was not ours any
        more (cancelled, or failed by another worker that thought us dead)."""
        ours = (job_id, self.worker, *ACTIVE)
        with self._db().transaction() as tx:
            if state == "done":
                tx.execute(
                    "UPDATE web_jobs SET state = 'done', progress = 1, zip_name = ?, files = ?,"
                    " finished = ? WHERE id = ? AND worker = ? AND state IN (?, ?) AND cancel = 0",
                    (done["zip_name"], done["files"], time.time(), *ours),
                )
            else:
                tx.execute(
                    "UPDATE web_jobs SET state = ?, error = ?, finished = ?"
                    " WHERE id = ? AND worker = ? AND state IN (?, ?)",
                    (state, error, time.time(), *ours),
                )
            return tx.rowcount > 0

    def _report(self, job_id: str, stage: str, progress: float) -> bool:
        """Write progress (and the heartbeat); False if the job is to stop."""
        with self._db().transaction() as tx:
            row = tx.one(
                "UPDATE web_jobs SET stage = ?, progress = ?, heartbeat = ?"
                " WHERE id = ? AND worker = ? AND state = 'running' RETURNING cancel",
                (stage, progress, time.time(), job_id, self.worker),
            )
        return row is not None and not row[0]

    def _run(self, job_id: str, genome: Genome, making: _Making) -> None:
        try:
            with self._db().transaction() as tx:
                row = tx.one(
                    "UPDATE web_jobs SET state = 'running', heartbeat = ?"
                    " WHERE id = ? AND worker = ? AND state = 'queued' AND cancel = 0"
                    " RETURNING options",
                    (time.time(), job_id, self.worker),
                )
        except FoulardError as exc:  # a database locked for too long: say so, not "queued"
            log.warning("export job %s could not start: %s", job_id, exc)
            self._finish(job_id, "failed", "the studio's database was busy; order it again")
            return
        if row is None or making.cancel.is_set():  # cancelled while it waited
            self._finish(job_id, "cancelled")
            return
        folder = self.settings.jobs_dir / job_id
        state, error = "cancelled", None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            zip_name, files = self._make(job_id, genome, json.loads(row[0]), folder, making)
            if self._finish(job_id, "done", zip_name=zip_name, files=json.dumps(files)):
                return
            # else: cancelled (or failed by a worker that thought us dead) at the last moment
        except Cancelled:
            if self.closing:
                error = SHUTDOWN
        except FoulardError as exc:
            state, error = "failed", str(exc)
        except Exception as exc:  # an unexpected failure is reported, not raised into the pool
            log.exception("export job %s failed", job_id)
            state, error = "failed", f"internal error ({type(exc).__name__})"
        shutil.rmtree(folder, ignore_errors=True)  # before the state says so: no files left
        self._finish(job_id, state, error)

    def _make(
        self, job_id: str, genome: Genome, opts: dict, folder: Path, making: _Making
    ) -> tuple[str, list]:
        """Make the order in a child process (the pid kept, for cancel and tests)."""

        def started(pid: int) -> None:
            making.pid = pid

        return make_in_child(
            genome, opts, folder,
            cancelled=making.cancel.is_set,
            report=lambda stage, done: self._report(job_id, stage, done),
            closing=lambda: self.closing,
            started=started,
            label=f"export job {job_id}",
        )  # fmt: skip

    # -- heartbeat, reaping, shutdown -----------------------------------------------------

    def beat(self) -> None:
        """Tell the other workers that this one is alive and making its jobs."""
        with self._db().transaction() as tx:
            tx.execute(
                "UPDATE web_jobs SET heartbeat = ? WHERE worker = ? AND state IN (?, ?)",
                (time.time(), self.worker, *ACTIVE),
            )

    def reap(self) -> list[str]:
        """Fail the active jobs whose worker fell silent; remove their files."""
        now = time.time()
        with self._db().transaction() as tx:
            rows = tx.all(
                "UPDATE web_jobs SET state = 'failed', error = ?, finished = ?"
                " WHERE state IN (?, ?) AND heartbeat < ? AND worker <> ? RETURNING id",
                (STOPPED, now, *ACTIVE, now - self.settings.job_stale_s, self.worker),
            )
        for (job_id,) in rows:
            shutil.rmtree(self.settings.jobs_dir / job_id, ignore_errors=True)
        return [r[0] for r in rows]

    def sweep(self) -> int:
        """Remove job folders of jobs that ended without a zip (or that nobody knows)."""
        folder = self.settings.jobs_dir
        if not folder.is_dir():
            return 0
        names = [p.name for p in folder.iterdir() if p.is_dir()]
        if not names:
            return 0
        with self._db().transaction() as tx:
            keep = {
                r[0]
                for r in tx.all(
                    "SELECT id FROM web_jobs WHERE state IN ('queued', 'running', 'done')"
                )
            }
        removed = 0
        for name in names:
            if name not in keep:
                shutil.rmtree(folder / name, ignore_errors=True)
                removed += 1
        return removed

    def shutdown(self, grace_s: float) -> None:
        """Cancel queued jobs; let running ones finish within ``grace_s``, then cancel."""
        self.closing = True
        with self._lock:
            local = list(self._local.items())
        for job_id, making in local:
            if making.future.cancel():
                making.cancel.set()
                self._finish(job_id, "cancelled", NOT_STARTED)
        deadline = time.monotonic() + grace_s
        for _, making in local:
            with contextlib.suppress(Exception):
                making.future.result(timeout=max(0.0, deadline - time.monotonic()))
        for _, making in local:
            making.cancel.set()  # the child is ended within PROGRESS_EVERY_S
        self._pool.shutdown(wait=True, cancel_futures=True)
