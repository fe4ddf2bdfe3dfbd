"""Slow work off the event loop: a bounded pool for previews, prompts and searches,
and export jobs (print orders) with progress, cancellation and a zip to download.

Previews are cached on disk by (design id, kind, size, colourway); a cached preview
is a file read. Export jobs run one at a time by default (they are the heaviest
work); a job reports its stage and fraction, can be cancelled, and on shutdown the
studio cancels queued jobs and lets running ones finish within a grace period
(then cancels them: a cancelled order leaves no files behind).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import io
import os
import secrets
import shutil
import threading
import time
import zipfile
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from foulard.errors import FoulardError
from foulard.genome.schema import Genome
from foulard.web.settings import Settings

__all__ = ["Busy", "Job", "Jobs", "Pool", "design_format", "ink_table", "preview_png"]

KINDS = ("plain", "flat", "folded")
INK_PX = 256
INK_COUNT = 8


class Busy(FoulardError):
    """Too much slow work is waiting: the client should retry later."""


class Pool:
    """A bounded thread pool; more than ``max_queued`` waiting tasks are refused."""

    def __init__(self, workers: int, max_queued: int, name: str = "studio"):
        self._ex = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=name)
        self._max = max_queued
        self._pending = 0
        self._lock = threading.Lock()

    def submit(self, fn, *args, **kw) -> Future:
        with self._lock:
            if self._pending >= self._max:
                raise Busy("the studio is busy; try again in a few seconds")
            self._pending += 1
        try:
            fut = self._ex.submit(fn, *args, **kw)
        except RuntimeError:
            with self._lock:
                self._pending -= 1
            raise Busy("the studio is shutting down") from None
        fut.add_done_callback(self._done)
        return fut

    def _done(self, _fut) -> None:
        with self._lock:
            self._pending -= 1

    async def run(self, fn, *args, **kw):
        return await asyncio.wrap_future(self.submit(fn, *args, **kw))

    def shutdown(self, wait: bool = True) -> None:
        self._ex.shutdown(wait=wait, cancel_futures=True)


# -- previews, inks and colourways --------------------------------------------------


def design_format(genome: Genome) -> str:
    """The scarf format a design was made for (its provenance), else the classic carré."""
    from foulard.scarf.formats import get_format

    prov = genome.meta.get("provenance") or {}
    name = prov.get("format") if isinstance(prov, dict) else None
    if isinstance(name, str):
        with contextlib.suppress(FoulardError):
            return get_format(name).name
    return "carre90"


def _render_plain(genome: Genome, px: int) -> np.ndarray:
    from foulard.render import RenderContext, render
    from foulard.scarf.formats import get_format

    fmt = get_format(design_format(genome))
    ctx = fmt.preview_context(px) if fmt.kind == "square" else RenderContext.preview(px)
    return render(genome, ctx if fmt.kind == "square" else px, threads=1)


def _render(genome: Genome, kind: str, px: int) -> np.ndarray:
    from foulard.production.previews import flat_preview, triangle_preview

    if kind == "plain":
        return _render_plain(genome, px)
    fmt = design_format(genome)
    if kind == "flat":
        return flat_preview(genome, fmt, px=px)
    return triangle_preview(genome, fmt, px=px)


def _png(pixels: np.ndarray) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(pixels, "RGB").save(buf, "PNG", compress_level=3)
    return buf.getvalue()


def cache_path(settings: Settings, design_id: str, kind: str, px: int, colourway: str) -> Path:
    cw = hashlib.sha256(colourway.encode()).hexdigest()[:12] if colourway else "original"
    return settings.cache_dir / design_id[:2] / f"{design_id}-{kind}-{px}-{cw}.png"


def preview_png(
    settings: Settings, genome: Genome, kind: str, px: int, colourway: str = ""
) -> Path:
    """The cached preview file, rendered (atomically) if it is not there yet."""
    path = cache_path(settings, genome.design_id, kind, px, colourway)
    if path.is_file():
        return path
    pixels = _render(genome, kind, px)
    if colourway:
        pixels = recolour(genome, pixels, colourway)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    tmp.write_bytes(_png(pixels))
    os.replace(tmp, path)
    return path


_INK_CACHE: dict[str, Any] = {}
_INK_LOCK = threading.Lock()


def _contacts(idx: np.ndarray, n: int) -> tuple[tuple[int, int, int], ...]:
    pairs = np.zeros((n, n), np.int64)
    for a, b in ((idx[:, :-1], idx[:, 1:]), (idx[:-1, :], idx[1:, :])):
        diff = a != b
        np.add.at(pairs, (np.minimum(a, b)[diff], np.maximum(a, b)[diff]), 1)
    return tuple((i, j, int(pairs[i, j])) for i in range(n) for j in range(i + 1, n) if pairs[i, j])


def ink_table(genome: Genome):
    """Inks of a design read from a small preview: (table, assigner), cached by id."""
    from foulard.production.inks import InkAssigner, reduce_to_inks
    from foulard.production.inktable import InkTable

    did = genome.design_id
    with _INK_LOCK:
        hit = _INK_CACHE.get(did)
    if hit is not None:
        return hit
    pixels = _render_plain(genome, INK_PX)
    inks = reduce_to_inks(pixels, INK_COUNT, seed=did)
    idx = InkAssigner(inks)(pixels)
    areas = np.bincount(idx.ravel(), minlength=len(inks)).astype(np.float64)
    table = InkTable.build(
        inks.hexes,
        areas,
        width_px=pixels.shape[1],
        height_px=pixels.shape[0],
        ppi=72.0,
        contacts=_contacts(idx, len(inks)),
        design_id=did,
    )
    with _INK_LOCK:
        if len(_INK_CACHE) > 512:
            _INK_CACHE.clear()
        _INK_CACHE[did] = (table, inks)
    return table, inks


def colourways(genome: Genome, count: int = 6) -> list[dict]:
    """Colourways that keep the design readable: their request (what an order
    repeats at full size) and their ink colours on the preview."""
    from foulard.production.colourways import auto_requests, make_colourway

    table, _ = ink_table(genome)
    out = []
    seed = int(genome.design_id[:8], 16)
    for req in auto_requests(table, seed, 6 * count):
        if len(out) == count:
            break
        try:
            cw = make_colourway(table, req, name=req.label)
        except FoulardError:
            continue
        out.append({"request": req.label, "inks": list(cw.hexes)})
    return out


def recolour(genome: Genome, pixels: np.ndarray, request: str) -> np.ndarray:
    """``pixels`` of the design with each ink replaced by its colourway colour."""
    from foulard.color.space import hex_to_srgb
    from foulard.production.colourways import make_colourway, parse_request
    from foulard.production.inks import InkAssigner

    table, inks = ink_table(genome)
    cw = make_colourway(table, parse_request(request), name="preview")
    idx = InkAssigner(inks)(pixels)
    lut = np.rint(np.asarray(hex_to_srgb(cw.hexes)) * 255.0).astype(np.uint8)
    return lut[idx]


# -- export jobs ----------------------------------------------------------------------


class Cancelled(FoulardError):
    """The job was cancelled."""


@dataclass
class Job:
    id: str
    owner: str
    design_id: str
    options: dict
    state: str = "queued"  # queued | running | done | failed | cancelled
    stage: str = ""
    progress: float = 0.0
    error: str | None = None
    created: float = field(default_factory=time.time)
    finished: float | None = None
    zip_path: Path | None = None
    manifest: dict | None = None
    cancel: threading.Event = field(default_factory=threading.Event)
    future: Future | None = None

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "design_id": self.design_id,
            "state": self.state,
            "stage": self.stage,
            "progress": round(self.progress, 3),
            "error": self.error,
            "options": self.options,
            "download": f"/api/jobs/{self.id}/download" if self.state == "done" else None,
            "files": None if self.manifest is None else [f["path"] for f in self.manifest["files"]],
        }


def _weights() -> tuple[dict[str, float], dict[str, float]]:
    from foulard.production.order import STAGES

    start, acc = {}, 0.0
    for name, share in STAGES:
        start[name] = acc
        acc += share
    return start, dict(STAGES)


class Jobs:
    """Export jobs of one studio, in memory (the files are in the data home)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._pool = ThreadPoolExecutor(settings.export_workers, thread_name_prefix="export")
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self.closing = False

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def of(self, owner: str) -> list[Job]:
        with self._lock:
            return [j for j in self._jobs.values() if j.owner == owner]

    def submit(self, owner: str, genome: Genome, options: dict) -> Job:
        if self.closing:
            raise Busy("the studio is shutting down")
        with self._lock:
            active = [
                j
                for j in self._jobs.values()
                if j.owner == owner and j.state in ("queued", "running")
            ]
            if len(active) >= self.settings.max_jobs_per_account:
                raise Busy(
                    f"{len(active)} orders are already being made for you; wait for one to finish"
                )
            job = Job(secrets.token_hex(12), owner, genome.design_id, options)
            self._jobs[job.id] = job
        job.future = self._pool.submit(self._run, job, genome)
        return job

    def cancel(self, job: Job) -> None:
        job.cancel.set()
        if job.future is not None and job.future.cancel():
            job.state = "cancelled"
            job.finished = time.time()

    def _run(self, job: Job, genome: Genome) -> None:
        from foulard.production.order import export_order

        if job.cancel.is_set():
            job.state = "cancelled"
            return
        job.state = "running"
        start, share = _weights()
        folder = self.settings.jobs_dir / job.id
        folder.mkdir(parents=True, exist_ok=True)

        def progress(stage: str, fraction: float) -> None:
            if job.cancel.is_set():
                raise Cancelled("cancelled")
            job.stage = stage
            job.progress = min(0.99, start.get(stage, 0.0) + share.get(stage, 0.0) * fraction)

        try:
            opts = job.options
            result = export_order(
                genome,
                opts["format"],
                folder / "order",
                ppi=opts["ppi"],
                inks=opts["inks"],
                colourways=opts["colourways"],
                colourway_requests=opts.get("colourway_requests") or None,
                command=f"foulard studio order {job.design_id} {opts['format']} {opts['ppi']}ppi",
                threads=1,
                progress=progress,
            )
            job.stage = "zip"
            zip_path = folder / f"order-{genome.short_id}.zip"
            tmp = zip_path.with_suffix(".zip.partial")
            with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
                for p in sorted(result.folder.rglob("*")):
                    if p.is_file():
                        zf.write(p, f"order-{genome.short_id}/{p.relative_to(result.folder)}")
            os.replace(tmp, zip_path)
            shutil.rmtree(result.folder, ignore_errors=True)
            job.zip_path = zip_path
            job.manifest = result.manifest
            job.progress = 1.0
            job.state = "done"
        except Cancelled:
            job.state = "cancelled"
            shutil.rmtree(folder, ignore_errors=True)
        except FoulardError as exc:
            job.state = "failed"
            job.error = str(exc)
            shutil.rmtree(folder, ignore_errors=True)
        except Exception as exc:  # an unexpected failure is reported, not raised into the pool
            job.state = "failed"
            job.error = f"internal error ({type(exc).__name__})"
            shutil.rmtree(folder, ignore_errors=True)
        finally:
            job.finished = time.time()

    def shutdown(self, grace_s: float) -> None:
        """Cancel queued jobs; let running ones finish within ``grace_s``, then cancel."""
        self.closing = True
        with self._lock:
            jobs = list(self._jobs.values())
        for j in jobs:
            if j.state == "queued" and j.future is not None and j.future.cancel():
                j.state = "cancelled"
        deadline = time.monotonic() + grace_s
        for j in jobs:
            if j.future is None:
                continue
            left = deadline - time.monotonic()
            if left <= 0:
                j.cancel.set()
            with contextlib.suppress(Exception):
                j.future.result(timeout=max(left, 0.0) or None)
        for j in jobs:
            j.cancel.set()
        self._pool.shutdown(wait=True, cancel_futures=True)
