"""What a worker does with one unit: render its outputs into the store.

:func:`execute_unit` is the one function both engines run (in a pool process or on
a Dask worker). It takes plain data (the genome's canonical JSON, the options, the
store's folder) and returns plain data, never raises for a failing unit (the error
comes back as text, marked when it is a full disk, which stops the job), and embeds
in every file the genome and a command that makes that output again
(``foulard batch unit GENOME ...``), never anything about the engine, the job or the
machine: the same unit gives the same bytes wherever it runs.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shlex
import socket
import time
import traceback
from pathlib import Path
from typing import Any

from foulard import __version__

__all__ = ["execute_unit", "unit_command"]

_NO_SPACE = "no space left"


def unit_command(payload: dict[str, Any], output: str) -> str:
    """The command that makes one output of a unit again (embedded in the file)."""
    args = ["foulard", "batch", "unit", "GENOME", "--format", payload["format"]]
    if output in ("master", "order"):
        args += ["--ppi", f"{payload['ppi']:g}"]
    if output == "preview":
        args += ["--px", str(payload["preview_px"])]
    if output == "order":
        args += ["--inks", str(payload["inks"]), "--colourways", str(payload["colourways"])]
    return shlex.join([*args, "--outputs", output])


HEAVY = frozenset({"master", "order"})
"""Outputs after which a worker gives memory back (and a local pool retires it)."""


def _give_back_memory() -> None:
    """Hand freed heap pages back to the system (glibc), after a master or an order.

    Measured on carre45 orders at 150 ppi: a worker held 889 MB after its third
    unit, 551 MB after this. Only after heavy units: trimming after every preview
    would make the next one fault its pages in again.
    """
    import ctypes
    import gc

    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _reset_peak_rss() -> None:
    # Linux: writing 5 to clear_refs resets the peak RSS (VmHWM) of this process.
    with contextlib.suppress(OSError), open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")


def _peak_rss_mb() -> float | None:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def _preview(genome, fmt, payload, store, threads: int) -> dict[str, Any]:
    from foulard.render import write_image

    tmp = store.temp_path(f"{payload['key'][:16]}-preview.png")
    ctx = fmt.preview_context(payload["preview_px"])
    write_image(genome, ctx, tmp, command=unit_command(payload, "preview"), threads=threads)
    return store.put_file(tmp, ".png")


def _master(genome, fmt, payload, store, threads: int) -> dict[str, Any]:
    from foulard.production.order import master_metadata
    from foulard.render import write_image

    ctx = fmt.context(payload["ppi"])
    tmp = store.temp_path(f"{payload['key'][:16]}-master.tif")
    extra = master_metadata(genome, fmt, payload["ppi"], ctx.dpi)
    write_image(
        genome, ctx, tmp, command=unit_command(payload, "master"), threads=threads, extra=extra
    )
    return store.put_file(tmp, ".tif")


def _order(genome, fmt, payload, store, threads: int) -> dict[str, Any]:
    from foulard.production.order import export_order

    folder = store.temp_path(f"{payload['key'][:16]}-order")
    result = export_order(
        genome,
        fmt,
        folder,
        ppi=payload["ppi"],
        inks=payload["inks"],
        colourways=payload["colourways"],
        command=unit_command(payload, "order"),
        threads=threads,
    )
    return store.put_tree(result.folder, result.manifest["files"], ".order")


def _signature(genome, fmt, payload, store, threads: int) -> dict[str, Any]:
    from foulard.ledger.issue import genome_signature

    text = genome_signature(genome).to_text()
    record = store.put_bytes(text.encode("ascii") + b"\n", ".sig")
    record["signature"] = text
    return record


_MAKERS = {"preview": _preview, "master": _master, "order": _order, "signature": _signature}


def _is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return True
    return _NO_SPACE in str(exc).lower()


def execute_unit(payload: dict[str, Any]) -> dict[str, Any]:
    """Render one unit's outputs into the store; a plain-data result.

    ``payload``: ``key``, ``genome`` (canonical JSON), ``format``, ``outputs``,
    ``ppi``, ``preview_px``, ``inks``, ``colourways``, ``store`` (folder),
    ``threads``, ``foulard`` (the coordinator's version).

    Returns ``{"ok": True, "outputs": {name: {path, sha256, bytes}}, "seconds",
    "peak_rss_mb", "host", "pid"}`` or ``{"ok": False, "error": text, "disk_full":
    bool, ...}``.
    """
    from foulard.batch.store import OutputStore
    from foulard.genome.schema import Genome
    from foulard.scarf.formats import get_format

    t0 = time.perf_counter()
    _reset_peak_rss()
    store = tag = None
    info = {"key": payload.get("key"), "host": socket.gethostname(), "pid": os.getpid()}
    try:
        if payload.get("foulard") != __version__:
            raise RuntimeError(
                f"this worker runs foulard {__version__}, the job was planned with "
                f"foulard {payload.get('foulard')}; install the same version on every worker"
            )
        root = Path(payload["store"])
        if not root.is_dir():
            raise RuntimeError(
                f"the store {root} is not visible on worker {info['host']}; workers must "
                "share the data home's filesystem"
            )
        store = OutputStore(root)
        tag = str(payload["key"])[:16]
        genome = Genome.from_json(payload["genome"])
        fmt = get_format(payload["format"])
        outputs = {}
        for name in payload["outputs"]:
            outputs[name] = _MAKERS[name](genome, fmt, payload, store, payload["threads"])
    except Exception as exc:  # a failing unit is reported, never raised
        if store is not None:
            store.remove_temporaries(tag)
        return {
            **info,
            "ok": False,
            "error": f"{type(exc).__name__}: {exc}",
            "trace": traceback.format_exc(limit=6),
            "disk_full": _is_disk_full(exc),
            "seconds": round(time.perf_counter() - t0, 3),
        }
    peak = _peak_rss_mb()
    if HEAVY & set(payload["outputs"]):
        _give_back_memory()
    return {
        **info,
        "ok": True,
        "outputs": outputs,
        "seconds": round(time.perf_counter() - t0, 3),
        "peak_rss_mb": peak,
    }
