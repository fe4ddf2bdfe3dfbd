"""The Dask engine: units as tasks on a Dask distributed cluster.

``DaskEngine(scheduler="tcp://HOST:PORT")`` connects to a running scheduler (a
clear error within ``connect_timeout`` seconds if it cannot be reached);
``DaskEngine(local_workers=N)`` starts a cluster of N single-threaded worker
processes bound to the loopback interface (no dashboard) and stops it at the end.

Each unit is one task running :func:`foulard.batch.work.execute_unit`, the same
function as the local pool runs, so outputs are the same bytes. Workers write into
the store folder they are given: on a cluster of several machines the data home must
be on a filesystem they all see. Dask reschedules the tasks of a lost worker itself;
a task that kills its workers too often comes back as ``KilledWorker``, which the
runner counts as a failed attempt. Install with ``pip install 'foulard[dask]'``.

Workers of a cluster started elsewhere should run without Dask's default
``MALLOC_TRIM_THRESHOLD_`` (``distributed.nanny.pre-spawn-environ``): with it a unit
takes 2.5 to 3 times as long.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from typing import Any

from foulard.batch.errors import EngineError
from foulard.batch.work import execute_unit

__all__ = ["DaskEngine", "have_dask"]

_TRIM = "MALLOC_TRIM_THRESHOLD_"


def have_dask() -> bool:
    try:
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True


def _distributed():
    try:
        import distributed
    except ImportError:
        raise EngineError(
            "the Dask engine needs dask[distributed]: pip install 'foulard[dask]'"
        ) from None
    return distributed


class DaskEngine:
    """A Dask client: on the scheduler at ``scheduler``, or on a loopback cluster."""

    name = "dask"
    unit_threads = 1  # a worker runs as many units at once as it has threads

    def __init__(
        self,
        scheduler: str | None = None,
        *,
        local_workers: int | None = None,
        connect_timeout: float = 10.0,
    ):
        if (scheduler is None) == (local_workers is None):
            raise EngineError("give a scheduler address or a number of local workers, not both")
        if local_workers is not None and local_workers < 1:
            raise EngineError(f"a local Dask cluster needs at least 1 worker, got {local_workers}")
        self.scheduler = scheduler
        self.local_workers = local_workers
        self.connect_timeout = connect_timeout
        self._cluster = None
        self._client = None
        self._slots = 0

    @property
    def slots(self) -> int:
        return self._slots

    def describe(self) -> str:
        if self.local_workers is not None:
            return f"Dask, local cluster of {self.local_workers} workers"
        return f"Dask at {self.scheduler}, {self._slots} worker threads"

    def start(self) -> DaskEngine:
        if self._client is not None:
            return self
        distributed = _distributed()
        if self.local_workers is not None:
            import dask

            # Dask's nannies set MALLOC_TRIM_THRESHOLD_ in their workers, which makes glibc
            # map and unmap every large array: a preview unit took 2.5 to 3 times as long
            # (measured). Workers of a local cluster keep the allocator's defaults.
            key = "distributed.nanny.pre-spawn-environ"
            environ = {k: v for k, v in dask.config.get(key, {}).items() if k != _TRIM}
            with dask.config.set({key: environ}):
                self._cluster = distributed.LocalCluster(
                    n_workers=self.local_workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
            self._client = distributed.Client(self._cluster, set_as_default=False)
        else:
            address = self.scheduler
            if "://" not in address:
                address = f"tcp://{address}"
            try:
                self._client = distributed.Client(
                    address, timeout=f"{self.connect_timeout}s", set_as_default=False
                )
            except (OSError, TimeoutError) as exc:
                raise EngineError(
                    f"cannot reach the Dask scheduler at {address} within "
                    f"{self.connect_timeout:g} s ({type(exc).__name__}); is it running, and is "
                    "the address right?"
                ) from None
        try:
            self._client.wait_for_workers(1, timeout=max(30.0, self.connect_timeout))
        except (OSError, TimeoutError):
            self.close()
            raise EngineError(f"the Dask scheduler at {self.scheduler} has no workers") from None
        info = self._client.scheduler_info()
        self._slots = sum(w.get("nthreads", 1) for w in info.get("workers", {}).values()) or 1
        return self

    def submit(self, payload: dict[str, Any]):
        key = f"foulard-unit-{payload['key'][:16]}-{uuid.uuid4().hex[:8]}"
        return self._client.submit(execute_unit, payload, key=key, pure=False)

    def wait(self, pending, timeout: float | None = None) -> set:
        from distributed.client import _wait

        # distributed.wait() looks for a default client; this one is not made global.
        try:
            done, _ = self._client.sync(
                _wait, list(pending), timeout=timeout, return_when="FIRST_COMPLETED"
            )
        except TimeoutError:
            return set()
        return set(done)

    def outcome(self, future) -> dict[str, Any]:
        return future.result()

    def close(self, *, cancel: bool = False) -> None:
        # Closing the client releases its futures: the scheduler forgets their tasks.
        if self._client is not None:
            with contextlib.suppress(Exception):
                self._client.close()
            self._client = None
        if self._cluster is not None:
            with contextlib.suppress(Exception):
                self._cluster.close()
            self._cluster = None
