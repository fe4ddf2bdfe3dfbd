"""Bucket grids: which items (balls, cells, triangles) can matter near a point.

The unit torus is cut into ``b x b`` buckets; each bucket lists the items whose
box (periodic) touches it. Pointwise evaluation then looks at a short, fixed-width
row of candidates per point instead of every item: vectorised, and exact as long as
each item's box covers every point where it matters.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["Buckets"]


class Buckets:
    """Candidate lists over the unit torus.

    Parameters
    ----------
    boxes : (n, 4) array
        ``(x0, y0, x1, y1)`` of each item in design units (may cross the torus edges).
    b : int
        Buckets along each side.

    ``table[k]`` holds the items of bucket ``k``, padded with ``n`` (one past the last
    item), so callers append one neutral item to their arrays.
    """

    def __init__(self, boxes: np.ndarray, b: int):
        boxes = np.asarray(boxes, np.float64).reshape(-1, 4)
        self.b = b = int(b)
        n = len(boxes)
        lists: list[list[int]] = [[] for _ in range(b * b)]
        for idx in range(n):
            x0, y0, x1, y1 = boxes[idx]
            i0, i1 = math.floor(x0 * b), math.floor(x1 * b)
            j0, j1 = math.floor(y0 * b), math.floor(y1 * b)
            cols = range(i0, i1 + 1) if i1 - i0 < b else range(b)
            rows = range(j0, j1 + 1) if j1 - j0 < b else range(b)
            for j in rows:
                base = (j % b) * b
                for i in cols:
                    lists[base + i % b].append(idx)
        width = max(1, *(len(v) for v in lists))
        table = np.full((b * b, width), n, np.int64)
        for k, v in enumerate(lists):
            table[k, : len(v)] = v
        self.table = table
        self.width = width
        self.count = np.array([len(v) for v in lists], np.int64)

    def rows(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        """Candidate rows ``(m, width)`` for wrapped points ``u, v`` in [0, 1)."""
        b = self.b
        bi = np.minimum((u * b).astype(np.intp), b - 1)
        bj = np.minimum((v * b).astype(np.intp), b - 1)
        k = bj * b + bi
        return self.table[k, : max(1, int(self.count[k].max(initial=1)))]
