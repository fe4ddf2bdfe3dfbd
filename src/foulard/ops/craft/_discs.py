"""Discs scattered over the unit square (a torus), found per point through a cell grid.

Salt crystals, alcohol drops and spider-web binds are discs with their own
radius. ``DiscGrid`` files each disc under every cell of a ``g x g`` grid that its
square touches (wrapping around the square), so a point only looks at the few
discs of its own cell: ``candidates`` gives, for each point, the indices of those
discs (``-1`` pads) and the offset from each disc's centre to the point, by the
nearest periodic copy. Results depend on the point alone, so bands never disagree
and the pattern tiles the square exactly.
"""

from __future__ import annotations

import math

import numpy as np

from foulard.ops._common.geometry import wrap01

__all__ = ["DiscGrid", "scatter_discs"]


def scatter_discs(rng: np.random.Generator, count: int, min_gap: float = 0.0) -> np.ndarray:
    """``count`` points in the unit square; with ``min_gap``, dart throwing keeps them apart.

    The gap is measured on the torus; a point that finds no room after a few tries
    is placed anyway (the count is what the parameters promise).
    """
    pts = np.empty((count, 2))
    for i in range(count):
        for _ in range(12):
            p = rng.random(2)
            if min_gap <= 0 or i == 0:
                break
            d = pts[:i] - p
            d -= np.rint(d)
            if float(np.min(np.einsum("ij,ij->i", d, d))) >= min_gap * min_gap:
                break
        pts[i] = p
    return pts


class DiscGrid:
    """Discs ``(x, y, r)`` on the unit torus, bucketed by a cell grid."""

    def __init__(self, xy: np.ndarray, radius: np.ndarray, *, max_cells: int = 64):
        xy = np.asarray(xy, float).reshape(-1, 2) % 1.0
        radius = np.asarray(radius, float).reshape(-1)
        if np.any(radius >= 0.5):
            raise ValueError("disc radii must stay under half the square")
        self.x = xy[:, 0]
        self.y = xy[:, 1]
        self.r = radius
        n = len(radius)
        # Cells about a typical disc across: big discs are filed under several cells.
        r_typ = float(np.mean(radius)) if n else 0.5
        g = max(1, min(max_cells, int(1.0 / max(2.0 * r_typ, 1e-9))))
        self.g = g
        lists: list[list[int]] = [[] for _ in range(g * g)]
        for k in range(n):
            x0 = math.floor((self.x[k] - radius[k]) * g)
            x1 = math.floor((self.x[k] + radius[k]) * g)
            y0 = math.floor((self.y[k] - radius[k]) * g)
            y1 = math.floor((self.y[k] + radius[k]) * g)
            for j in range(y0, y1 + 1):
                for i in range(x0, x1 + 1):
                    cell = (j % g) * g + (i % g)
                    if not lists[cell] or lists[cell][-1] != k:
                        lists[cell].append(k)
        depth = max(1, max((len(c) for c in lists), default=1))
        table = np.full((g * g, depth), -1, np.int64)
        for c, items in enumerate(lists):
            table[c, : len(items)] = sorted(set(items))
        self.table = table

    @property
    def depth(self) -> int:
        return self.table.shape[1]

    def candidates(self, x: np.ndarray, y: np.ndarray, cols: slice | None = None):
        """``(idx, dx, dy)``: per point (1-D), the discs of its cell and offsets to them.

        ``idx`` is ``(n, depth)`` with ``-1`` where a cell has fewer discs (their
        offsets are set far away); offsets are to the nearest periodic copy. ``cols``
        takes only some of a cell's slots (see :meth:`blocks`).
        """
        u = wrap01(x)
        v = wrap01(y)
        g = self.g
        cell = np.minimum((v * g).astype(np.int64), g - 1) * g + np.minimum(
            (u * g).astype(np.int64), g - 1
        )
        idx = self.table[cell] if cols is None else self.table[cell, cols]
        safe = np.maximum(idx, 0)
        dx = u[:, None] - self.x[safe]
        dy = v[:, None] - self.y[safe]
        dx -= np.rint(dx)
        dy -= np.rint(dy)
        missing = idx < 0
        dx[missing] = 10.0
        dy[missing] = 10.0
        return idx, dx, dy

    def blocks(self, x: np.ndarray, y: np.ndarray, width: int = 8):
        """:meth:`candidates` a few slots at a time, in slot order (memory stays bounded
        however many discs crowd a cell)."""
        for start in range(0, self.depth, width):
            yield self.candidates(x, y, slice(start, start + width))
