"""The square grid of the Truchet operators: cells, exact repeats, edges across cells.

``repeats`` cells span the unit square; a rule whose pattern repeats every ``k``
cells (a checker parity, a 2 x 2 block) repeats over ``period`` units of design,
the least whole number of unit squares holding whole blocks. Cells are addressed
``(i, j)`` within that period; points inside a cell by ``(fx, fy)`` in [0, 1).

Colours change across cell edges for some tiles (Truchet's triangles); a cell
function evaluated on both sides of the nearest edge, weighted by the pixel's
share of each side, anti-aliases those edges like any other.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from foulard.ops._common.geometry import wrap01
from foulard.ops.tiling._common import turned_vectors, unturned

__all__ = ["SquareGrid", "across_edges"]


@dataclass(frozen=True)
class SquareGrid:
    """``repeats`` cells across the unit square, turned by ``rotation`` degrees."""

    repeats: int
    rotation: float = 0.0
    block: int = 1  # cells after which a rule's pattern repeats

    @property
    def period(self) -> int:
        """Design units after which the pattern repeats (1 when blocks fit the square)."""
        return self.block // math.gcd(self.block, self.repeats)

    @property
    def cells(self) -> int:
        return self.period * self.repeats

    def periods(self) -> list[tuple[float, float]]:
        return turned_vectors(((self.period, 0.0), (0.0, self.period)), self.rotation)

    def local(self, x: np.ndarray, y: np.ndarray):
        """Cell indices in [0, cells) and the position inside the cell, both ways."""
        x, y = unturned(x, y, self.rotation)
        n = self.cells
        big_x = wrap01(x * (1.0 / self.period)) * n
        big_y = wrap01(y * (1.0 / self.period)) * n
        i = np.floor(big_x)
        j = np.floor(big_y)
        return i.astype(np.int64), j.astype(np.int64), big_x - i, big_y - j


def across_edges(
    cell_rgba: Callable[[np.ndarray, np.ndarray, np.ndarray, np.ndarray], np.ndarray],
    i: np.ndarray,
    j: np.ndarray,
    fx: np.ndarray,
    fy: np.ndarray,
    fp: float,
    cells: int,
) -> np.ndarray:
    """``cell_rgba`` at the points, blended with the neighbour cell near cell edges.

    ``fp`` is the pixel footprint in cell units. Within half a footprint of the
    nearest edge, the neighbour across it is evaluated at the mirror point and the
    two mixed by the share of the pixel on each side (a box filter across the edge).
    """
    out = cell_rgba(i, j, fx, fy)
    dx = np.minimum(fx, 1.0 - fx)
    dy = np.minimum(fy, 1.0 - fy)
    db = np.minimum(dx, dy)
    near = np.flatnonzero(db < 0.5 * fp)
    if near.size == 0:
        return out
    fx, fy, i, j = fx[near], fy[near], i[near], j[near]
    across_x = dx[near] <= dy[near]
    ni = np.where(across_x, np.where(fx < 0.5, i - 1, i + 1) % cells, i)
    nj = np.where(across_x, j, np.where(fy < 0.5, j - 1, j + 1) % cells)
    mx = np.where(across_x, 1.0 - fx, fx)
    my = np.where(across_x, fy, 1.0 - fy)
    other = cell_rgba(ni, nj, mx, my)
    w = np.clip(0.5 + db[near] / fp, 0.5, 1.0)[:, None]
    out[near] = w * out[near] + (1.0 - w) * other
    return out
