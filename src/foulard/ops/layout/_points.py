"""Moving points about: rows of channels as single items, equal points asked once.

Layouts work on flat arrays of points with channels last. Picking some of them out
and putting them back is most of what compositing does; and a layout that folds the
square by its group asks for the same coordinates again and again. Both shortcuts
give exactly the bytes of the plain way.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

__all__ = ["once_each", "put_rows", "take_rows"]


def _pixels(a: np.ndarray) -> np.ndarray | None:
    """``a`` (float32, channels last) seen as one item per point, or ``None`` if it can't be.

    NumPy picks out rows of a few channels one short row at a time, about ten times
    slower than items of the same bytes.
    """
    if a.dtype != np.float32 or a.ndim < 2 or not a.flags.c_contiguous:
        return None
    return a.view(np.dtype((np.void, 4 * a.shape[-1])))[..., 0]


def take_rows(a: np.ndarray, where: np.ndarray) -> np.ndarray:
    """``a[where]`` for an array of points with channels last (a mask or indices)."""
    items = _pixels(a)
    if items is None:
        return a[where]
    return items[where].view(np.float32).reshape(-1, a.shape[-1])


def put_rows(out: np.ndarray, where: np.ndarray, values: np.ndarray) -> None:
    """``out[where] = values`` for arrays of points with channels last."""
    items = _pixels(out)
    src = _pixels(values) if values.ndim == 2 and values.shape[1] == out.shape[-1] else None
    if items is None or src is None:
        out[where] = values
    else:
        items[where] = src


def once_each(
    values_at: Callable[[np.ndarray, np.ndarray], np.ndarray],
    x: np.ndarray,
    y: np.ndarray,
    footprint: float,
) -> np.ndarray:
    """``values_at(x, y)`` for flat arrays of points, asked once for each set of equal points.

    A layout that folds the square by its group hands every copy of a point the same
    coordinates: a mirrored pair in one row, its diagonal image nearby. Points are
    equal only when their coordinates are equal bit for bit, so each copy gets the
    very values it would have got by itself.
    """
    sets = _equal_points(x, y, footprint) if x.ndim == 1 else None
    if sets is None:
        return values_at(x, y)
    first, which = sets
    return take_rows(values_at(x[first], y[first]), which)


# Equal points are looked for among all the points handed in only if some of the first
# ones repeat (a mirror within a row) or if they crowd more than one to a pixel (turns).
_PROBE = 4096


def _equal_points(
    x: np.ndarray, y: np.ndarray, footprint: float, probe: bool = True
) -> tuple[np.ndarray, np.ndarray] | None:
    """One point of each set of equal points and each point's set, or ``None`` (few repeat).

    Points are binned in cells of half a pixel; a point whose cell's last point has
    the same coordinate bits belongs to that point's set.
    """
    n = x.size
    if probe and n > 2 * _PROBE:
        head = _equal_points(x[:_PROBE], y[:_PROBE], footprint, probe=False)
        pixels = (np.ptp(x) / footprint + 1.0) * (np.ptp(y) / footprint + 1.0)
        if head is None and not n > 1.25 * pixels:
            return None
    s = 2.0 / footprint
    kx, ky = np.floor(x * s), np.floor(y * s)
    x0, y0 = kx.min(), ky.min()
    w, h = kx.max() - x0 + 1.0, ky.max() - y0 + 1.0
    if not w * h <= 8.0 * n:  # spread out, or not finite
        return None
    kx -= x0
    ky -= y0
    ky *= w
    ky += kx
    cell = ky.astype(np.intp)
    table = np.empty(int(w * h), np.intp)
    everyone = np.arange(n)
    table[cell] = everyone
    last = table[cell]
    xb, yb = _bits(x), _bits(y)
    same = (xb[last] == xb) & (yb[last] == yb)
    first = np.flatnonzero((last == everyone) | ~same)
    if first.size * 8 > n * 7:
        return None
    where = np.empty(n, np.intp)
    where[first] = np.arange(first.size)
    return first, where[np.where(same, last, everyone)]


def _bits(a: np.ndarray) -> np.ndarray:
    """The bit patterns of floats, as unsigned integers (-0.0 and 0.0 differ)."""
    a = np.ascontiguousarray(a)
    return a.view(np.dtype(f"u{a.dtype.itemsize}"))
