"""Slow work off the event loop: a bounded pool for previews, prompts and searches;
previews, inks and colourways; the print order that an export job's child process
makes.

Previews are cached on disk in the data home by (design id, kind, size, colourway),
so every worker process shares them; a cached preview is a file read that never
waits for a pool slot. Export jobs are in :mod:`foulard.web.jobs`.
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
import traceback
import zipfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from foulard.errors import FoulardError
from foulard.genome.schema import Genome
from foulard.web.settings import Settings

__all__ = [
    "Busy",
    "Pool",
    "cached_preview",
    "colourways",
    "design_format",
    "ink_table",
    "make_order",
    "preview_png",
]

KINDS = ("plain", "flat", "folded")
INK_PX = 256
INK_COUNT = 8
SEND_EVERY_S = 0.1  # how often an order's process sends its progress


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


def cached_preview(
    settings: Settings, design_id: str, kind: str, px: int, colourway: str = ""
) -> bytes | None:
    """The cached preview's PNG bytes, or None if it was not rendered yet."""
    try:
        return cache_path(settings, design_id, kind, px, colourway).read_bytes()
    except FileNotFoundError:
        return None


def preview_png(
    settings: Settings, genome: Genome, kind: str, px: int, colourway: str = ""
) -> bytes:
    """The preview's PNG bytes, rendered and cached (atomically) if not there yet."""
    data = cached_preview(settings, genome.design_id, kind, px, colourway)
    if data is not None:
        return data
    pixels = _render(genome, kind, px)
    if colourway:
        pixels = recolour(genome, pixels, colourway)
    data = _png(pixels)
    path = cache_path(settings, genome.design_id, kind, px, colourway)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return data


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


# -- print orders (in an export job's child process) -----------------------------------


def make_order(conn, genome_json: str, options: dict, folder: str) -> None:
    """Make a print order into ``folder`` and zip it there; the body of an export
    job's child process (see :mod:`foulard.web.jobs`), which talks over ``conn``.

    Sends ``("progress", stage, fraction of the whole order)`` as it goes, then
    one of ``("done", zip name, files)``, ``("failed", message)`` (the order cannot
    be made) or ``("error", message, traceback)`` (a bug). The zip is written beside
    its final name and renamed into place. The parent cancels by ending the process.
    """
    from foulard.production.order import STAGES, export_order

    shares, begins, acc = dict(STAGES), {}, 0.0
    for name, share in STAGES:  # where each stage begins in the whole order
        begins[name], acc = acc, acc + share
    last = [0.0, ""]

    def progress(stage: str, fraction: float) -> None:
        now = time.monotonic()
        if now - last[0] >= SEND_EVERY_S or stage != last[1] or fraction >= 1.0:
            last[:] = [now, stage]
            done = begins[stage] + shares[stage] * fraction if stage in begins else 0.99
            conn.send(("progress", stage, min(0.99, done)))

    try:
        genome = Genome.from_json(genome_json)
        out = Path(folder)
        result = export_order(
            genome,
            options["format"],
            out / "order",
            ppi=options["ppi"],
            inks=options["inks"],
            colourways=options["colourways"],
            colourway_requests=options.get("colourway_requests") or None,
            command=f"foulard studio order {genome.design_id} {options['format']} "
            f"{options['ppi']}ppi",
            threads=1,
            progress=progress,
        )
        progress("zip", 0.0)
        zip_path = out / f"order-{genome.short_id}.zip"
        tmp = zip_path.with_name(zip_path.name + ".partial")
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
            for p in sorted(result.folder.rglob("*")):
                if p.is_file():
                    zf.write(p, f"order-{genome.short_id}/{p.relative_to(result.folder)}")
        shutil.rmtree(result.folder, ignore_errors=True)
        progress("zip", 1.0)
        os.replace(tmp, zip_path)
        conn.send(("done", zip_path.name, [f["path"] for f in result.manifest["files"]]))
    except FoulardError as exc:
        conn.send(("failed", str(exc)))
    except Exception as exc:  # a bug: the parent logs the trace and fails the job
        conn.send(("error", f"internal error ({type(exc).__name__})", traceback.format_exc()))
    finally:
        conn.close()
