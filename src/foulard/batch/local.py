"""The local engine: a pool of worker processes on this machine (spawn start method).

Workers are started with ``spawn`` (a fresh interpreter: no inherited threads,
locks or caches), ignore Ctrl-C (the coordinator stops them) and exit on their own
if the coordinator dies (a killed job leaves no orphan rendering on). A worker that
crashes breaks the pool; the units it held come back as failed attempts and the
next submission starts a new pool.

A job with masters or print orders gets a fresh worker for each unit: a process
that rendered a master keeps 100-250 MB more after each one (native allocations
that the C allocator does not hand back: measured on carre45 orders at 150 ppi,
324, 421, 551 MB held after 1, 2, 3 units even after ``malloc_trim``), so a
long-lived worker's memory would grow with the job. Starting a worker costs about a
second against tens of seconds for a master. Previews keep their workers.

:func:`start_fresh_worker` starts one such worker for one piece of work outside a
pool (the studio makes each print order in one): the same start method and the
same start-up as the pool's workers.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from foulard.batch.work import execute_unit

__all__ = ["LocalEngine", "default_workers", "start_fresh_worker"]

_SPAWN = multiprocessing.get_context("spawn")


def default_workers() -> int:
    """One worker per core."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(1)


@contextlib.contextmanager
def _sigint_ignored():
    """Hold Ctrl-C back while workers are spawned: they inherit it from their first instruction.

    A Ctrl-C that arrives meanwhile is not lost: it is delivered (as
    ``KeyboardInterrupt``, or to whatever handler was there) once spawning is over.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending = []
    old = signal.signal(signal.SIGINT, lambda signum, frame: pending.append(frame))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, old)
        if pending:
            if callable(old):
                old(signal.SIGINT, pending[-1])
            elif old == signal.SIG_DFL:
                raise KeyboardInterrupt


def _init_worker(parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _fresh_worker_main(parent: int, target, args: tuple) -> None:
    _init_worker(parent)
    target(*args)


def start_fresh_worker(target, *args) -> multiprocessing.process.BaseProcess:
    """Start ``target(*args)`` in a new worker process, started as the pool's are.

    A fresh interpreter (``spawn``) that ignores Ctrl-C and exits by itself if this
    process dies; daemonic, so it starts no processes of its own and is ended if
    this process exits. ``target`` and ``args`` must pickle. The caller joins it
    (its ``exitcode`` says how it ended) and may ``terminate()`` it.
    """
    proc = _SPAWN.Process(target=_fresh_worker_main, args=(os.getpid(), target, args), daemon=True)
    with _sigint_ignored():
        proc.start()
    return proc


class LocalEngine:
    """A process pool of ``workers`` processes (default: one per core)."""

    name = "local"

    def __init__(self, workers: int | None = None):
        self.workers = workers or default_workers()
        self._pool: ProcessPoolExecutor | None = None
        self._fresh_per_unit = False

    def fresh_worker_per_unit(self, fresh: bool = True) -> None:
        """Give every unit a new worker process (for units that hold much native memory)."""
        if fresh != self._fresh_per_unit:
            self.close()
            self._fresh_per_unit = fresh

    @property
    def slots(self) -> int:
        """Units that run at once."""
        return self.workers

    @property
    def unit_threads(self) -> int:
        """Render threads per unit: the cores shared out among the workers."""
        return max(1, default_workers() // self.workers)

    def describe(self) -> str:
        text = f"local pool, {self.workers} worker{'s' if self.workers != 1 else ''}"
        return text + (", a fresh worker per unit" if self._fresh_per_unit else "")

    def start(self) -> LocalEngine:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=_SPAWN,
                initializer=_init_worker,
                initargs=(os.getpid(),),
                max_tasks_per_child=1 if self._fresh_per_unit else None,
            )
        return self

    def submit(self, payload: dict[str, Any]) -> Future:
        self.start()
        with _sigint_ignored():  # the pool starts its processes here, on demand
            try:
                return self._pool.submit(execute_unit, payload)
            except BrokenProcessPool:
                self._discard()
                self.start()
                return self._pool.submit(execute_unit, payload)

    def wait(self, pending, timeout: float | None = None) -> set:
        done, _ = wait(pending, timeout=timeout, return_when=FIRST_COMPLETED)
        return done

    def outcome(self, future: Future) -> dict[str, Any]:
        """The unit's result; a lost worker raises (the runner counts it as an attempt)."""
        try:
            return future.result()
        except BrokenProcessPool:
            self._discard()
            raise

    def _discard(self) -> None:
        if self._pool is not None:
            self._terminate()
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def _terminate(self) -> None:
        # ProcessPoolExecutor has no public way to stop running workers before 3.14.
        procs = getattr(self._pool, "_processes", None) or {}
        for proc in list(procs.values()):
            with contextlib.suppress(Exception):
                proc.terminate()

    def close(self, *, cancel: bool = False) -> None:
        if self._pool is None:
            return
        if cancel:
            self._terminate()
        self._pool.shutdown(wait=True, cancel_futures=cancel)
        self._pool = None
