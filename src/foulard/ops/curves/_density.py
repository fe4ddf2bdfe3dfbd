"""Density images of point clouds (attractors, IFS, flames) on grids sized in design units.

A point cloud from an iterated map is fitted into a square box of the design,
binned into a histogram on the operator's own grid (so a 512 px preview and a
master bin alike), and tone-mapped by the logarithm of the density, the way
fractal flames and attractor prints show the wide range of visit counts.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator

import numpy as np

from foulard.ops._common.grid import GridSpec

__all__ = [
    "MARGIN",
    "Fit",
    "accumulate",
    "box_bounds",
    "box_grid",
    "cell_index",
    "log_tone",
    "orbit_batches",
    "symmetric_copies",
]

MARGIN = 2  # empty cells round the box, so bilinear sampling fades to zero at its edge
MAX_CELLS = 2048


def box_grid(p) -> GridSpec:
    """The operator's grid (``grid=``): over the square of side ``p.size`` centred on
    (``p.cx``, ``p.cy``), ``p.detail`` cells per unit.

    The grid is padded by :data:`MARGIN` empty cells on every side.
    """
    cx, cy, size, detail = p.cx, p.cy, p.size, p.detail
    cells = min(MAX_CELLS, max(16, math.ceil(size * detail)))
    cell = size / cells
    pad = MARGIN * cell
    h = 0.5 * size
    n = cells + 2 * MARGIN
    return GridSpec(cx - h - pad, cy - h - pad, cx + h + pad, cy + h + pad, n, n, False)


def box_bounds(p) -> tuple[float, float, float, float]:
    """The operator's bounds (``bounds=``): the box of :func:`box_grid` (the margin
    cells are empty)."""
    h = 0.5 * p.size
    return (p.cx - h, p.cy - h, p.cx + h, p.cy + h)


def symmetric_copies(
    x: np.ndarray, y: np.ndarray, order: int, centre: tuple[float, float]
) -> tuple[np.ndarray, np.ndarray]:
    """The points turned about ``centre`` by every multiple of 2 pi / order."""
    if order <= 1:
        return x, y
    mx, my = centre
    a = 2.0 * math.pi * np.arange(order) / order
    c, s = np.cos(a)[:, None], np.sin(a)[:, None]
    u, v = x - mx, y - my
    return (mx + c * u - s * v).ravel(), (my + s * u + c * v).ravel()


def orbit_batches(
    step: Callable[..., tuple[np.ndarray, ...]],
    state: tuple[np.ndarray, ...],
    steps: int,
    batch: int,
) -> Iterator[tuple[np.ndarray, ...]]:
    """``steps`` steps of parallel orbits, recorded ``batch`` steps at a time.

    ``state`` is a tuple of arrays with one entry per orbit (x, y, and any more,
    such as a colour); ``step(*state)`` returns the next. Each batch is yielded as
    the recorded arrays, flattened step by step, so memory stays small.
    """
    done = 0
    while done < steps:
        n = min(batch, steps - done)
        rec = [np.empty((n, a.size)) for a in state]
        for i in range(n):
            state = step(*state)
            for r, a in zip(rec, state, strict=True):
                r[i] = a
        yield tuple(r.ravel() for r in rec)
        done += n


class Fit:
    """A uniform scale and move that makes a point cloud's bulk fill a square box.

    Built from a sample of the cloud: its extent is taken between the 0.05 and
    99.95 percentiles, so a few stray points (transients) do not shrink the
    figure; those fall outside the box and :func:`accumulate` drops them.
    ``flip_y``: mathematical y up becomes design y down.
    """

    def __init__(
        self, x: np.ndarray, y: np.ndarray, cx: float, cy: float, size: float, flip_y: bool = True
    ):
        ok = np.isfinite(x) & np.isfinite(y)
        x, y = x[ok], y[ok]
        self.cx, self.cy, self.flip_y = cx, cy, flip_y
        if x.size == 0:
            self.mid, self.scale = (0.0, 0.0), 0.0
            return
        lo = np.percentile(np.stack([x, y]), 0.05, axis=1)
        hi = np.percentile(np.stack([x, y]), 99.95, axis=1)
        span = float(max(hi[0] - lo[0], hi[1] - lo[1]))
        self.scale = 0.98 * size / span if span > 0 else 0.0
        self.mid = (float(0.5 * (lo[0] + hi[0])), float(0.5 * (lo[1] + hi[1])))

    def __call__(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        u = self.cx + (x - self.mid[0]) * self.scale
        v = (y - self.mid[1]) * self.scale
        return u, (self.cy - v if self.flip_y else self.cy + v)


def cell_index(grid: GridSpec, fit: Fit, x: np.ndarray, y: np.ndarray):
    """Flat grid cells of points (map coordinates, placed by ``fit``) inside the box.

    Returns ``(cells, ok)``: the cell of every point that lands inside the box,
    and which points those are. Points outside the box (or not finite) are
    dropped, so the margins stay empty.
    """
    n_in = grid.width - 2 * MARGIN
    inv = grid.width / (grid.x1 - grid.x0)
    # One affine map from map coordinates to cells inside the margin.
    kx = fit.scale * inv
    ky = (-fit.scale if fit.flip_y else fit.scale) * inv
    bx = (fit.cx - fit.mid[0] * fit.scale - grid.x0) * inv - MARGIN
    by = (fit.cy - grid.y0) * inv - MARGIN - fit.mid[1] * ky
    with np.errstate(invalid="ignore"):
        # Truncation is floor for the cells that count (the margin absorbs the rest);
        # nan and far points fail the unsigned range test.
        gx = (x * kx + bx).astype(np.int64)
        gy = (y * ky + by).astype(np.int64)
    ok = (gx.view(np.uint64) < n_in) & (gy.view(np.uint64) < n_in)
    return (gy[ok] + MARGIN) * grid.width + (gx[ok] + MARGIN), ok


def accumulate(counts: np.ndarray, grid: GridSpec, fit: Fit, x: np.ndarray, y: np.ndarray) -> None:
    """Add the points (map coordinates, placed by ``fit``) to the ``counts`` of the grid."""
    idx, _ = cell_index(grid, fit, x, y)
    counts.reshape(-1)[:] += np.bincount(idx, minlength=counts.size)


def log_tone(counts: np.ndarray, *, gamma: float, top: float = 99.7) -> np.ndarray:
    """log(1 + n) / log(1 + n_ref), to the power 1 / gamma, in [0, 1].

    ``n_ref`` is the ``top`` percentile of the visited cells' counts, so the
    image's range does not hang on a handful of hot cells.
    """
    seen = counts[counts > 0]
    if seen.size == 0:
        return np.zeros_like(counts, np.float32)
    ref = max(float(np.percentile(seen, top)), 1.0)
    v = np.log1p(counts) / math.log1p(ref)
    return np.clip(v, 0.0, 1.0) ** (1.0 / gamma)
