"""Running a job: plan the units, hand them to an engine, record every result.

:func:`run_job` resolves each unit to its genome on the coordinator (addresses need
the ledger and the space key, which never leave this machine), skips the units the
manifest already records as done, and keeps at most two units per worker slot in
flight, so memory stays bounded by the workers and the unit size whatever the job's
length. Each result is written to the manifest before the next is handled. A failing
unit is tried again up to ``retries`` times, then recorded as failed, and the job
goes on; a full disk stops the job cleanly (the finished units stay done, and the
job resumes with ``resume=True``); Ctrl-C stops the workers and records the stop.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from foulard import __version__
from foulard.batch.errors import BatchError, JobStopped
from foulard.batch.job import Job, load_job
from foulard.batch.manifest import Manifest, ManifestState, manifest_path
from foulard.batch.store import OutputStore
from foulard.batch.units import Unit
from foulard.batch.work import HEAVY, execute_unit

__all__ = [
    "InlineEngine",
    "JobProgress",
    "JobReport",
    "check_fresh",
    "job_status",
    "plan_units",
    "run_job",
]

DEFAULT_RETRIES = 2


@dataclass(frozen=True)
class JobProgress:
    """Where a run stands, for progress bars: counts, rate and time remaining."""

    total: int
    skipped: int
    done: int
    failed: int
    elapsed_s: float
    label: str = ""

    @property
    def finished(self) -> int:
        return self.skipped + self.done + self.failed

    @property
    def rate_per_min(self) -> float:
        """Units finished per minute in this run."""
        n = self.done + self.failed
        return 60.0 * n / self.elapsed_s if self.elapsed_s > 0 and n else 0.0

    @property
    def eta_s(self) -> float | None:
        rate = self.rate_per_min
        return 60.0 * (self.total - self.finished) / rate if rate else None


@dataclass
class JobReport:
    """What a run did."""

    engine: str
    total: int
    skipped: int
    done: int
    failed: int
    seconds: float
    failures: list[dict[str, Any]] = field(default_factory=list)
    cleaned_temporaries: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "engine": self.engine,
            "units": self.total,
            "skipped": self.skipped,
            "done": self.done,
            "failed": self.failed,
            "seconds": round(self.seconds, 3),
            "failures": self.failures,
            "cleaned_temporaries": self.cleaned_temporaries,
        }


class InlineEngine:
    """Runs units one by one in this process (debugging, tests, ``foulard batch unit``)."""

    name = "inline"
    slots = 1

    def __init__(self, threads: int | None = None):
        from foulard.render.bands import default_threads

        self.unit_threads = threads or default_threads()
        self._queue: deque = deque()

    def describe(self) -> str:
        return "inline, in this process"

    def start(self) -> InlineEngine:
        return self

    def submit(self, payload: dict[str, Any]) -> Future:
        fut: Future = Future()
        self._queue.append((fut, payload))
        return fut

    def wait(self, pending, timeout: float | None = None) -> set:
        """Run the oldest pending unit; it is the one done."""
        while self._queue:
            fut, payload = self._queue.popleft()
            if fut in pending:
                fut.set_result(execute_unit(payload))
                return {fut}
        return set()

    def outcome(self, future: Future) -> dict[str, Any]:
        return future.result()

    def close(self, *, cancel: bool = False) -> None:
        self._queue.clear()


def _resolve_genomes(units: list[Unit]) -> list:
    """Each unit's genome (addresses through the ledger and the space)."""
    import numpy as np

    texts: list = [None] * len(units)
    wanted: list[tuple[int, int]] = []  # (unit index, address index)
    slots: dict[str, int] = {}
    persons = sorted({u.source["person"] for u in units if "person" in u.source})
    if persons:
        from foulard.ledger import Ledger

        with Ledger.open() as ledger:
            for person in persons:
                slots[person] = ledger.person(person).slot
    for i, unit in enumerate(units):
        s = unit.source
        if "genome" in s:
            texts[i] = unit.genome
        else:
            slot = slots[s["person"]] if "person" in s else s["slot"]
            wanted.append((i, slot * 100_000 + s["n"]))
    if wanted:
        from foulard.space.space import space_for_key

        space = space_for_key()
        genomes = space.genomes(np.array([a for _, a in wanted], np.uint64))
        for (i, _), genome in zip(wanted, genomes, strict=True):
            texts[i] = genome
    return texts


def plan_units(
    units: list[Unit], store: OutputStore, threads: int
) -> list[tuple[Unit, dict[str, Any]]]:
    """The payload each unit's worker gets."""
    genomes = _resolve_genomes(units)
    out = []
    for unit, genome in zip(units, genomes, strict=True):
        payload = {
            "key": unit.key,
            "design_id": genome.design_id,
            "genome": genome.canonical(),
            "format": unit.format,
            "outputs": list(unit.outputs),
            "ppi": unit.ppi,
            "preview_px": unit.preview_px,
            "inks": unit.inks,
            "colourways": unit.colourways,
            "store": str(store.root),
            "threads": threads,
            "foulard": __version__,
        }
        out.append((unit, payload))
    return out


def _file_sha256(path: Path | None) -> str | None:
    if path is None:
        return None
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_fresh(manifest: Manifest, resume: bool) -> None:
    """Refuse to start a job again from scratch when it has a manifest (unless resuming)."""
    if manifest.exists() and not resume:
        raise BatchError(
            f"the job has already run (manifest {manifest.path}); go on with --resume, "
            "or remove the manifest to start again"
        )


def run_job(
    job: Job | str | Path,
    *,
    engine=None,
    store: OutputStore | None = None,
    manifest: Manifest | None = None,
    resume: bool = False,
    retries: int = DEFAULT_RETRIES,
    threads: int | None = None,
    progress: Callable[[JobProgress], None] | None = None,
) -> JobReport:
    """Run ``job`` on ``engine`` (default: a local pool, one worker per core).

    Parameters
    ----------
    resume : bool
        Go on with a job that has a manifest: units recorded as done are skipped,
        units recorded as failed are tried again. Without it, a job that has a
        manifest is refused.
    retries : int
        Further attempts of a failing unit before it is recorded as failed.
    threads : int, optional
        Render threads per unit (default: the engine's share of the cores).
    progress : callable, optional
        Called with a :class:`JobProgress` after every finished unit.

    Raises
    ------
    JobStopped
        A full disk or a lost engine stopped the job; finished units stay done.
    """
    from foulard.batch.local import LocalEngine

    if not isinstance(job, Job):
        job = load_job(job)
    if not 0 <= retries <= 100:
        raise BatchError(f"retries must be from 0 to 100, got {retries}")
    engine = engine or LocalEngine()
    store = (store or OutputStore.default()).ensure()
    if manifest is None:
        if job.path is None:
            raise BatchError("a job without a file needs a manifest path")
        manifest = Manifest(manifest_path(job.path))
    check_fresh(manifest, resume)
    units = job.unique()
    state = manifest.open()
    t0 = time.perf_counter()
    report = JobReport(engine.describe(), len(units), 0, 0, 0, 0.0)
    started = False  # errors before the run record (a bad person, no key) leave no trace
    try:
        todo = [u for u in units if u.key not in state.done]
        report.skipped = len(units) - len(todo)
        report.cleaned_temporaries = store.clean_temporaries()
        planned = plan_units(todo, store, threads or engine.unit_threads)
        if planned:
            if hasattr(engine, "fresh_worker_per_unit"):
                engine.fresh_worker_per_unit(any(HEAVY & set(p["outputs"]) for _, p in planned))
            engine.start()
            report.engine = engine.describe()
        manifest.append({
            "event": "run",
            "engine": report.engine,
            "job": job.path.name if job.path else None,
            "job_sha256": _file_sha256(job.path),
            "units": len(units),
            "listed": len(job.units),
            "skipped": report.skipped,
            "store": str(store.root),
            "foulard": __version__,
        })  # fmt: skip
        started = True
        _loop(planned, engine, manifest, report, retries, progress)
    except JobStopped:
        engine.close(cancel=True)
        raise
    except BaseException as exc:
        engine.close(cancel=True)
        if started and manifest.is_open:
            reason = "interrupted" if isinstance(exc, KeyboardInterrupt) else f"error: {exc}"
            with contextlib.suppress(BatchError):
                manifest.append({"event": "stopped", "reason": reason, **_counts(report)})
        raise
    else:
        engine.close()
        # A killed run's worker may still have been exiting when the run began (its
        # temporaries kept as a live writer's): by now it is gone.
        report.cleaned_temporaries += store.clean_temporaries()
    finally:
        report.seconds = time.perf_counter() - t0
        manifest.close()
    return report


def _counts(report: JobReport) -> dict[str, int]:
    return {"done": report.done, "failed": report.failed, "skipped": report.skipped}


def _lost_engine(manifest: Manifest, report: JobReport, exc: Exception) -> JobStopped:
    reason = f"lost the engine ({type(exc).__name__}: {exc})"
    manifest.append({"event": "stopped", "reason": reason, **_counts(report)})
    return JobStopped(
        f"job stopped: {reason}; {report.done} units done in this run stay done; "
        "go on with --resume"
    )


def _loop(planned, engine, manifest: Manifest, report: JobReport, retries, progress) -> None:
    t0 = time.perf_counter()
    queue = deque(planned)
    pending: dict[Any, tuple[Unit, dict[str, Any]]] = {}
    attempts: dict[str, int] = {}
    window = max(1, 2 * engine.slots)
    stop: str | None = None

    def tell(label: str) -> None:
        if progress is not None:
            progress(
                JobProgress(
                    report.total,
                    report.skipped,
                    report.done,
                    report.failed,
                    time.perf_counter() - t0,
                    label,
                )
            )

    tell("")
    while pending or (queue and stop is None):
        while queue and stop is None and len(pending) < window:
            unit, payload = queue.popleft()
            attempts[unit.key] = attempts.get(unit.key, 0) + 1
            try:
                pending[engine.submit(payload)] = (unit, payload)
            except Exception as exc:  # the scheduler went away
                raise _lost_engine(manifest, report, exc) from exc
        try:
            finished = engine.wait(set(pending), timeout=None)
        except Exception as exc:
            raise _lost_engine(manifest, report, exc) from exc
        for fut in finished:
            unit, payload = pending.pop(fut)
            attempt = attempts[unit.key]
            try:
                res = engine.outcome(fut)
            except Exception as exc:  # the worker was lost, not the unit's own error
                res = {"ok": False, "error": f"worker lost: {type(exc).__name__}: {exc}"}
            if res.get("ok"):
                report.done += 1
                manifest.append({
                    "event": "done", "unit": unit.key, "label": unit.label,
                    "source": unit.source, "design_id": payload["design_id"],
                    "outputs": res["outputs"], "seconds": res["seconds"],
                    "peak_rss_mb": res.get("peak_rss_mb"), "host": res.get("host"),
                    "pid": res.get("pid"), "attempt": attempt,
                })  # fmt: skip
            else:
                manifest.append({
                    "event": "error", "unit": unit.key, "label": unit.label,
                    "attempt": attempt, "error": res["error"], "host": res.get("host"),
                })  # fmt: skip
                if res.get("disk_full"):
                    stop = f"the disk is full ({res['error']})"
                    queue.appendleft((unit, payload))
                elif attempt <= retries:
                    queue.append((unit, payload))
                else:
                    report.failed += 1
                    report.failures.append(
                        {"unit": unit.key, "label": unit.label, "where": unit.where,
                         "error": res["error"]}
                    )  # fmt: skip
                    manifest.append({
                        "event": "failed", "unit": unit.key, "label": unit.label,
                        "attempts": attempt, "error": res["error"],
                    })  # fmt: skip
            tell(unit.label)
    if stop is not None:
        manifest.append({"event": "stopped", "reason": stop, **_counts(report)})
        left = report.total - report.skipped - report.done - report.failed
        raise JobStopped(
            f"job stopped: {stop}; {report.done} units done in this run, {left} left; "
            "free space and go on with --resume"
        )
    manifest.append({"event": "finished", **_counts(report)})


def job_status(job: Job | str | Path) -> dict[str, Any]:
    """A job's units against its manifest: done, failed, pending, and the failures."""
    if not isinstance(job, Job):
        job = load_job(job)
    state: ManifestState = Manifest(manifest_path(job.path)).read()
    units = job.unique()
    done = [u for u in units if u.key in state.done]
    failed = [u for u in units if u.key in state.failed]
    seconds = [state.done[u.key].get("seconds") or 0.0 for u in done]
    last = state.last or {}
    return {
        "job": str(job.path),
        "manifest": str(manifest_path(job.path)),
        "units": len(units),
        "listed": len(job.units),
        "done": len(done),
        "failed": len(failed),
        "pending": len(units) - len(done) - len(failed),
        "runs": len(state.runs),
        "state": last.get("event", "not started"),
        "stopped_because": last.get("reason") if last.get("event") == "stopped" else None,
        "unit_seconds_mean": round(sum(seconds) / len(seconds), 3) if seconds else None,
        "failures": [
            {
                "unit": u.key,
                "label": u.label,
                "where": u.where,
                "error": state.failed[u.key].get("error"),
            }
            for u in failed
        ],
    }
