"""Banded rendering: the canvas is cut into horizontal bands rendered on a thread pool.

Memory is bounded by the band size and the number of bands in flight, never by
the print size. Each pixel is computed from its own design coordinates only, so the
band height and the thread count never change a single byte of the result.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from foulard.genome.schema import Genome
from foulard.render.cache import TileCache
from foulard.render.context import RenderContext
from foulard.render.evaluate import Evaluator

__all__ = ["band_rows", "in_order", "iter_bands", "quantize", "render", "render_float"]

_BAND_PIXELS = 1 << 19


def band_rows(ctx: RenderContext, band_pixels: int = _BAND_PIXELS, *, threads: int = 2) -> int:
    """Rows per band: at most about half a megapixel, and enough bands for the threads.

    A preview is cut into a few bands too (at least two per thread), so every core
    works on it.
    """
    rows = max(1, min(ctx.height, band_pixels // ctx.width))
    return max(1, min(rows, -(-ctx.height // (2 * threads))))


def default_threads() -> int:
    return max(1, min(8, os.cpu_count() or 1))


def rows_float(ev: Evaluator, ctx: RenderContext, r0: int, r1: int) -> np.ndarray:
    """Rows ``r0:r1`` of the canvas as float32 RGB in [0, 1]."""
    x0, y0, x1, y1 = ctx.frame
    xs = x0 + (np.arange(ctx.width, dtype=np.float64) + 0.5) * ((x1 - x0) / ctx.width)
    ys = y0 + (np.arange(r0, r1, dtype=np.float64) + 0.5) * ((y1 - y0) / ctx.height)
    gx, gy = np.meshgrid(xs, ys)
    values = ev.sample(ev.root, gx, gy, ctx.pixel_size)
    return flatten(values, ev.palette.ground)


def flatten(values: np.ndarray, ground: tuple[float, float, float]) -> np.ndarray:
    """RGB from values: grey for one channel; premultiplied RGBA over the ground colour."""
    c = values.shape[-1]
    if c == 1:
        return np.repeat(np.clip(values, 0.0, 1.0), 3, axis=-1)
    # rgb + (1 - alpha) * ground, a channel at a time: NumPy broadcasts a pixel's one
    # alpha over its three channels one short row at a time, twice as slow.
    under = 1.0 - values[..., 3]
    out = np.empty((*values.shape[:-1], 3), np.float32)
    for k, g in enumerate(np.asarray(ground, np.float32)):
        np.multiply(under, g, out=out[..., k])
    out += values[..., :3]
    return np.clip(out, 0.0, 1.0, out=out)


def quantize(rgb: np.ndarray, bits: int = 8) -> np.ndarray:
    """Round float RGB in [0, 1] to uint8 or uint16."""
    if bits == 8:
        return np.rint(rgb * np.float32(255)).astype(np.uint8)
    if bits == 16:
        return np.rint(rgb.astype(np.float64) * 65535).astype(np.uint16)
    raise ValueError(f"bits must be 8 or 16, got {bits}")


def iter_bands(
    genome: Genome,
    ctx: RenderContext,
    *,
    bits: int = 8,
    threads: int | None = None,
    rows: int | None = None,
    cache: TileCache | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[tuple[int, np.ndarray]]:
    """Yield ``(first_row, band)`` in order; each band is ``(h, width, 3)`` uint8/uint16.

    At most ``2 * threads`` bands are in flight. ``progress(rows_done)`` is called
    after each band.
    """
    ctx.check()
    ev = Evaluator(genome, mm_per_unit=ctx.mm_per_unit, cache=cache)
    threads = threads or default_threads()
    rows = rows or band_rows(ctx, threads=threads)
    starts = list(range(0, ctx.height, rows))

    def job(r0: int) -> np.ndarray:
        return quantize(rows_float(ev, ctx, r0, min(ctx.height, r0 + rows)), bits)

    if threads == 1:
        for r0 in starts:
            band = job(r0)
            if progress:
                progress(band.shape[0])
            yield r0, band
        return
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="foulard-band") as pool:
        # What nodes build once, built up front side by side (a failure is raised
        # again by the band that samples the node). Prepared states first: the long
        # ones (curves' polylines and trees) are mostly NumPy, which lets the other
        # thread draw the motifs (Python, holding the interpreter) meanwhile.
        order = sorted(ev.nodes_to_build(), key=lambda bound: bound.spec.kind == "vector")
        builds = [pool.submit(ev.build, bound) for bound in order]
        try:
            yield from in_order(pool, job, starts, threads, progress)
        finally:
            for fut in builds:
                fut.cancel()


def in_order(
    pool: ThreadPoolExecutor,
    job: Callable[[int], np.ndarray],
    starts: list[int],
    threads: int,
    progress: Callable[[int], None] | None = None,
) -> Iterator[tuple[int, np.ndarray]]:
    """``(r0, job(r0))`` for each of ``starts`` in order, computed on ``pool`` at most
    ``2 * threads`` bands ahead; ``progress(rows)`` after each band. The bands not yet
    handed out are cancelled when the caller stops early."""
    pending: deque = deque()
    it = iter(starts)
    for r0 in it:
        pending.append((r0, pool.submit(job, r0)))
        if len(pending) >= 2 * threads:
            break
    try:
        while pending:
            r0, fut = pending.popleft()
            band = fut.result()
            nxt = next(it, None)
            if nxt is not None:
                pending.append((nxt, pool.submit(job, nxt)))
            if progress:
                progress(band.shape[0])
            yield r0, band
    finally:
        for _, fut in pending:
            fut.cancel()


def render(
    genome: Genome,
    ctx: RenderContext | int,
    *,
    bits: int = 8,
    threads: int | None = None,
    rows: int | None = None,
    cache: TileCache | None = None,
) -> np.ndarray:
    """The whole canvas in memory, ``(height, width, 3)``; for previews and tests.

    ``ctx`` may be a pixel count for a square preview of the unit square.
    """
    if isinstance(ctx, int):
        ctx = RenderContext.preview(ctx)
    out = np.empty((ctx.height, ctx.width, 3), np.uint8 if bits == 8 else np.uint16)
    for r0, band in iter_bands(genome, ctx, bits=bits, threads=threads, rows=rows, cache=cache):
        out[r0 : r0 + band.shape[0]] = band
    return out


def render_float(genome: Genome, ctx: RenderContext | int, **kw) -> np.ndarray:
    """Float RGB render (no quantisation), for tests that compare resolutions."""
    if isinstance(ctx, int):
        ctx = RenderContext.preview(ctx)
    ctx.check()
    ev = Evaluator(genome, mm_per_unit=ctx.mm_per_unit, **kw)
    return rows_float(ev, ctx, 0, ctx.height)
