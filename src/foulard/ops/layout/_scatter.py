"""Tossed motifs: Poisson-disk positions with random turns and sizes, and sampling them.

A scatter is drawn once per node (in ``prepare``, from the node's generator), so
every band and every resolution sees the same motifs. To sample it at many points
quickly, the plane is cut into square cells at least as large as a motif's reach
and each cell lists the few motifs that can touch it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.poisson import poisson_disk
from foulard.ops.layout._paint import sample_motif
from foulard.ops.layout._points import put_rows

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["Scatter", "toss"]


@dataclass(frozen=True)
class Scatter:
    """Motif centres, box widths and turns (degrees), and the cell table to find them."""

    cx: np.ndarray
    cy: np.ndarray
    size: np.ndarray
    turn: np.ndarray
    origin: tuple[float, float]
    cell: float
    table: np.ndarray  # (rows, cols, k): motif indices per cell, -1 for none

    def __len__(self) -> int:
        return int(self.cx.size)

    def sample(
        self, call: Call, slot: str, x: np.ndarray, y: np.ndarray, footprint: float, rgb
    ) -> np.ndarray:
        """The tossed motifs at points (premultiplied RGBA)."""
        out = np.zeros((x.size, 4), np.float32)
        if len(self) == 0 or x.size == 0:
            return out
        rows, cols, k = self.table.shape
        i = np.clip(((y - self.origin[1]) / self.cell).astype(np.intp), 0, rows - 1)
        j = np.clip(((x - self.origin[0]) / self.cell).astype(np.intp), 0, cols - 1)
        fp = footprint / float(self.size.max())  # the finest any motif needs
        # Each point belongs to the motif nearest to it relative to size (a power
        # diagram): with spacing >= 1 the motifs' inscribed discs never meet, so
        # a drawing that stays in its disc is never cut.
        best = np.full(x.size, -1, np.intp)
        best_d = np.full(x.size, np.inf)
        inv_size = 1.0 / self.size
        for slot_k in range(k):
            m = self.table[i, j, slot_k]
            has = m >= 0
            mm = np.where(has, m, 0)
            d = np.hypot(x - self.cx[mm], y - self.cy[mm]) * inv_size[mm]
            closer = has & (d < best_d)
            best[closer] = m[closer]
            best_d[closer] = d[closer]
        has = np.flatnonzero(best_d < 0.5 * math.sqrt(2.0))
        if has.size == 0:
            return out
        mm = best[has]
        # Into each motif's own frame: undo its clockwise turn.
        dx, dy = x[has] - self.cx[mm], y[has] - self.cy[mm]
        a = np.radians(-self.turn[mm])
        c, s = np.cos(a), np.sin(a)
        inv = inv_size[mm]
        u = (c * dx - s * dy) * inv + 0.5
        v = (s * dx + c * dy) * inv + 0.5
        put_rows(out, has, sample_motif(call, slot, u, v, fp, rgb))
        return out


def toss(
    rng: np.random.Generator,
    box: tuple[float, float, float, float],
    *,
    size: float,
    spacing: float,
    size_variance: float,
    turn_range: float,
    keep: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray],
) -> Scatter:
    """Toss motifs ``size`` wide into ``box``, centres ``spacing * size`` apart or more.

    Each motif is made up to ``size_variance`` smaller and turned by up to
    ``turn_range`` degrees either way; ``keep(cx, cy, size)`` drops the ones a
    layout does not want (over the medallion, past the border).

    References
    ----------
    Bridson 2007, "Fast Poisson disk sampling in arbitrary dimensions"; Lagae &
    Dutré 2008, "A comparison of methods for generating Poisson disk
    distributions", *Computer Graphics Forum* 27(1).
    """
    pts = poisson_disk(rng, box, spacing * size)
    n = len(pts)
    sizes = size * (1.0 - size_variance * rng.random(n))
    turns = turn_range * (2.0 * rng.random(n) - 1.0)
    ok = keep(pts[:, 0], pts[:, 1], sizes) if n else np.zeros(0, bool)
    cx, cy, sizes, turns = pts[ok, 0], pts[ok, 1], sizes[ok], turns[ok]
    # A motif box turned any way stays within half its diagonal of its centre.
    reach = sizes * (0.5 * math.sqrt(2.0))
    cell = max(float(reach.max(initial=size)), 1e-3)
    x0, y0, x1, y1 = box
    x0 -= cell
    y0 -= cell
    cols = max(1, math.ceil((x1 + cell - x0) / cell))
    rows = max(1, math.ceil((y1 + cell - y0) / cell))
    lists: list[list[list[int]]] = [[[] for _ in range(cols)] for _ in range(rows)]
    for m in range(cx.size):
        r0 = max(0, int((cy[m] - reach[m] - y0) / cell))
        r1 = min(rows - 1, int((cy[m] + reach[m] - y0) / cell))
        c0 = max(0, int((cx[m] - reach[m] - x0) / cell))
        c1 = min(cols - 1, int((cx[m] + reach[m] - x0) / cell))
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                lists[r][c].append(m)
    k = max(1, max((len(c) for row in lists for c in row), default=1))
    table = -np.ones((rows, cols, k), np.intp)
    for r in range(rows):
        for c in range(cols):
            table[r, c, : len(lists[r][c])] = lists[r][c]
    for arr in (cx, cy, sizes, turns, table):
        arr.setflags(write=False)
    return Scatter(cx, cy, sizes, turns, (x0, y0), cell, table)
