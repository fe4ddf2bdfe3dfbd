"""Rank filters over small digital disks, on padded bands (min, max, bitwise or).

Shared by the trap (an OR of ink bits over a disk) and the thin-feature scan (an
opening: min and max, then max). A footprint is a list of rows ``(dy, x_lo,
x_hi)``; each distinct row run is computed once by shifted in-place NumPy ops and
the rows are combined by slicing, on the valid part of the input only.
"""

from __future__ import annotations

import numpy as np

__all__ = ["disk_rows", "thin_mask", "window_op"]


def disk_rows(diameter: int) -> list[tuple[int, int, int]]:
    """A digital disk of ``diameter`` px as rows ``(dy, x_lo, x_hi)`` (inclusive).

    Pixel ``(i, j)`` of the ``d x d`` grid belongs when its centre lies in the disk
    of diameter ``d`` centred on the grid; offsets run from ``-(d-1)//2``.

    >>> disk_rows(4)
    [(-1, 0, 1), (0, -1, 2), (1, -1, 2), (2, 0, 1)]
    """
    c = (diameter - 1) / 2.0
    r2 = (diameter / 2.0) ** 2
    lo = -((diameter - 1) // 2)
    rows = []
    for i in range(diameter):
        js = [j for j in range(diameter) if (i - c) ** 2 + (j - c) ** 2 <= r2 + 1e-9]
        rows.append((lo + i, lo + js[0], lo + js[-1]))
    return rows


def window_op(a: np.ndarray, rows: list[tuple[int, int, int]], op, m: int) -> np.ndarray:
    """``op`` (np.minimum, np.maximum, np.bitwise_or) over a footprint, valid part only.

    ``out[y, x] = op over (dy, dx) of a[y + m + dy, x + m + dx]``: the result is ``a``
    with ``m`` pixels cut from every side (``m`` at least the footprint's reach).
    """
    h, w = a.shape
    runs: dict[tuple[int, int], np.ndarray] = {}
    out = None
    for dy, lo, hi in rows:
        run = runs.get((lo, hi))
        if run is None:
            run = a[:, m + lo : w - m + lo].copy()
            for dx in range(lo + 1, hi + 1):
                op(run, a[:, m + dx : w - m + dx], out=run)
            runs[(lo, hi)] = run
        part = run[m + dy : h - m + dy]
        out = part.copy() if out is None else op(out, part, out=out)
    return out


def thin_mask(window: np.ndarray, diameter: int) -> tuple[np.ndarray, int]:
    """Pixels of a padded index window that an opening by the disk removes.

    Returns the mask and how many pixels it lost on each side (the footprint's
    reach, twice). Inks must be below 255.
    """
    rows = disk_rows(diameter)
    reach = max(max(abs(dy), abs(lo), abs(hi)) for dy, lo, hi in rows)
    lo_v = window_op(window, rows, np.minimum, reach)
    hi_v = window_op(window, rows, np.maximum, reach)
    # Erosion mark: ink + 1 where the whole disk shows that one ink, else 0.
    mark = np.where(lo_v == hi_v, lo_v + np.uint8(1), np.uint8(0))
    reflected = [(-dy, -hi, -lo) for dy, lo, hi in rows]
    back = window_op(mark, reflected, np.maximum, reach)
    core = window[2 * reach : window.shape[0] - 2 * reach, 2 * reach : window.shape[1] - 2 * reach]
    return back != core + np.uint8(1), 2 * reach
