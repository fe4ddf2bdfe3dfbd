"""Lines and islands thinner than a minimum, in a few-coloured image, band by band.

A pixel belongs to a part too thin to print when no disk of the minimum diameter,
lying wholly inside one colour, covers it: the complement of the morphological
*opening* of each colour by the disk. For every colour at once: a disk placement is
uniform where the minimum and maximum of the colour keys under it agree (erosion),
and the union of the uniform placements is a dilation of that mask. The disk is cut
into rectangles so each filter is two running 1-D filters, whatever its size.

References
----------
Serra 1982, *Image Analysis and Mathematical Morphology*, Academic Press (opening as
the union of the structuring elements that fit); van Herk 1992, "A fast algorithm
for local minimum and maximum filters on rectangular and octagonal kernels",
*Pattern Recognition Letters* 13(7).
"""

from __future__ import annotations

import math

import numpy as np
from scipy import ndimage

__all__ = ["disk", "disk_rects", "thin_mask"]


def disk(diameter_px: float) -> np.ndarray:
    """A digital disk of ``diameter_px``: ``k x k`` booleans, ``k = ceil(diameter)``.

    Pixel centres sit on half-integers for an even ``k``, so a line ``k`` px wide holds
    it and one ``k - 1`` px wide does not.
    """
    k = max(1, math.ceil(diameter_px - 1e-9))
    off = np.arange(k) - (k - 1) / 2.0
    r2 = (diameter_px / 2.0) ** 2 + 1e-9
    return (off[:, None] ** 2 + off[None, :] ** 2) <= r2


def disk_rects(fp: np.ndarray) -> list[tuple[int, int, int, int]]:
    """The footprint as a union of rectangles ``(dy0, dy1, dx0, dx1)`` (inclusive offsets).

    Offsets are relative to pixel ``k // 2`` (scipy's centre for even sizes too). The
    footprint is convex and symmetric, so each distinct row width gives one rectangle:
    the rows at least that wide, that many columns.
    """
    k = fp.shape[0]
    c = k // 2
    rects = []
    widths = sorted({int(row.sum()) for row in fp if row.any()})
    for w in widths:
        rows = [r for r in range(k) if fp[r].sum() >= w]
        cols = np.flatnonzero(fp[rows[len(rows) // 2]])
        mid = (cols[0] + cols[-1]) / 2.0
        x0 = math.ceil(mid - (w - 1) / 2.0)
        rects.append((rows[0] - c, rows[-1] - c, x0 - c, x0 + w - 1 - c))
    return rects


def _run(a: np.ndarray, fn, lo: int, hi: int, axis: int) -> np.ndarray:
    """``fn`` (a scipy 1-D min/max filter) over the window ``[i + lo, i + hi]``."""
    size = hi - lo + 1
    if size == 1 and lo == 0:
        return a
    return fn(a, size, axis=axis, mode="nearest", origin=-lo - size // 2)


def _window(a: np.ndarray, rects, fn, combine) -> np.ndarray:
    out = None
    for dy0, dy1, dx0, dx1 in rects:
        r = _run(_run(a, fn, dy0, dy1, 0), fn, dx0, dx1, 1)
        out = r if out is None else combine(out, r)
    return out


def thin_mask(keys: np.ndarray, fp: np.ndarray) -> np.ndarray:
    """Pixels of ``keys`` (one integer per colour) that no uniform ``fp`` placement covers.

    Pixels near the array's edge are judged with the edge repeated (``nearest``), so a
    colour running off the image is not thin there; callers pass context rows.
    """
    rects = disk_rects(fp)
    lo = _window(keys, rects, ndimage.minimum_filter1d, np.minimum)
    hi = _window(keys, rects, ndimage.maximum_filter1d, np.maximum)
    uniform = (lo == hi).view(np.uint8)
    back = [(-y1, -y0, -x1, -x0) for y0, y1, x0, x1 in rects]
    covered = _window(uniform, back, ndimage.maximum_filter1d, np.maximum)
    return covered == 0
