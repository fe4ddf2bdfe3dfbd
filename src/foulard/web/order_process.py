"""Making one print order in a fresh child process, for an export job.

The order is made by :func:`foulard.web.work.make_order` in a child started with
batch's :func:`~foulard.batch.local.start_fresh_worker`: rendering a master leaves
100-250 MB of native memory in a process that nothing frees, so the studio's
long-lived worker must not render it itself. The child streams its progress over a
pipe; :func:`make_in_child` passes it on (``report``) every
:data:`PROGRESS_EVERY_S`, ends the child when the job is cancelled, and turns a
child that died (killed, out of memory) into an error that says so.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.connection
import signal
import time
from collections.abc import Callable
from pathlib import Path

from foulard.errors import FoulardError
from foulard.genome.schema import Genome

__all__ = ["PROGRESS_EVERY_S", "Cancelled", "make_in_child"]

PROGRESS_EVERY_S = 0.5  # how often a running job writes progress and reads its cancel flag
log = logging.getLogger("foulard.web")


class Cancelled(FoulardError):
    """The job was cancelled."""


def _died(exitcode: int | None) -> str:
    """What to tell the customer whose order's process ended without a result."""
    how = f"stopped unexpectedly (exit code {exitcode})"
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        memory = ", perhaps for lack of memory" if -exitcode == signal.SIGKILL else ""
        how = f"was killed ({name}{memory})"
    return f"the process making this order {how}; order it again"


def make_in_child(
    genome: Genome,
    opts: dict,
    folder: Path,
    *,
    cancelled: Callable[[], bool],
    report: Callable[[str, float], bool],
    closing: Callable[[], bool],
    started: Callable[[int], None] = lambda pid: None,
    label: str = "export job",
) -> tuple[str, list]:
    """Make the order in a child process; returns the zip's name and the order's files.

    ``report(stage, progress)`` is called every :data:`PROGRESS_EVERY_S` while the
    child works and returns False when the job is to stop; ``cancelled()`` is read
    as often; ``closing()`` says the studio is shutting down (a child that ends
    without a word then was stopped with it); ``started(pid)`` gets the child's id.
    Raises :class:`Cancelled` (the child is ended first), or :class:`FoulardError`
    when the order failed or its process died.
    """
    from foulard.batch.local import start_fresh_worker
    from foulard.web.work import make_order

    receive, send = multiprocessing.Pipe(duplex=False)
    try:
        proc = start_fresh_worker(make_order, send, genome.canonical(), opts, str(folder))
    finally:
        send.close()  # the child holds the only writing end: its exit is our EOF
    started(proc.pid)
    stage, done, reported = "master", 0.0, 0.0
    outcome = None
    try:
        while outcome is None:
            if multiprocessing.connection.wait([receive], PROGRESS_EVERY_S):
                try:
                    message = receive.recv()
                except EOFError:  # the child ended without a word: killed, crashed
                    proc.join(30)
                    if closing():  # Ctrl-C reached the child too
                        raise Cancelled("cancelled") from None
                    raise FoulardError(_died(proc.exitcode)) from None
                if message[0] == "progress":
                    stage, done = message[1], message[2]
                else:
                    outcome = message
            if cancelled():
                raise Cancelled("cancelled")
            now = time.monotonic()
            if outcome is None and now - reported >= PROGRESS_EVERY_S:
                reported = now
                if not report(stage, done):
                    raise Cancelled("cancelled")
    finally:
        receive.close()
        if outcome is None:  # cancelled: end it now
            proc.terminate()
        proc.join(30)
        if proc.is_alive():
            proc.kill()
            proc.join()
    if outcome[0] == "error":
        log.error("%s failed in process %s:\n%s", label, proc.pid, outcome[2])
    if outcome[0] != "done":
        raise FoulardError(outcome[1])
    return outcome[1], outcome[2]
