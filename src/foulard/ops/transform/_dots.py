"""Jittered dot lattices for stippling and pointillism: the dots near each point."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from foulard.ops.transform._screen import cell_hash

__all__ = ["DotLattice", "dot_lattice"]

_DI = np.array([-1, 0, 1, -1, 0, 1, -1, 0, 1], np.int64)
_DJ = np.array([-1, -1, -1, 0, 0, 0, 1, 1, 1], np.int64)


@dataclass
class DotLattice:
    """The dots of the 3 x 3 cells round each point (last axis: 9 candidates).

    Per-dot values are computed once per dot on ``dots`` (flat arrays ``x``, ``y``,
    ``rank``, ``i``, ``j``) and spread to the candidates by ``index``.
    """

    dots: dict
    index: np.ndarray  # x.shape + (9,): position of each candidate in the flat dots

    def per_point(self, values: np.ndarray) -> np.ndarray:
        """Per-dot ``values`` (first axis: the dots) at every candidate."""
        return values[self.index]

    def read(self, call, name: str, footprint: float) -> np.ndarray:
        """Input ``name`` at every dot centre (once per dot), shape ``(dots, C)``."""
        return call.input(name, self.dots["x"], self.dots["y"], footprint)


def _dot_attributes(i: np.ndarray, j: np.ndarray, n: int, jitter: float, seed: int) -> dict:
    ii = np.mod(i, n)
    jj = np.mod(j, n)
    ox = cell_hash(ii, jj, seed) - 0.5
    oy = cell_hash(ii, jj, seed ^ 0x5BD1E995) - 0.5
    return {
        "x": (i + 0.5 + jitter * ox) / n,
        "y": (j + 0.5 + jitter * oy) / n,
        "rank": cell_hash(ii, jj, seed ^ 0x27D4EB2F),
        "i": ii,
        "j": jj,
    }


def dot_lattice(x: np.ndarray, y: np.ndarray, n: int, jitter: float, seed: int) -> DotLattice:
    """One dot per cell of an ``n x n`` lattice over the unit square (repeating with it),
    jittered by up to ``jitter / 2`` cells, with a uniform rank in [0, 1) each; the
    candidates of each point are the dots of its own and its eight neighbour cells."""
    gi = np.floor(np.asarray(x, np.float64) * n).astype(np.int64)
    gj = np.floor(np.asarray(y, np.float64) * n).astype(np.int64)
    ci = gi[..., None] + _DI
    cj = gj[..., None] + _DJ
    if gi.size:
        i0, i1 = int(gi.min()) - 1, int(gi.max()) + 1
        j0, j1 = int(gj.min()) - 1, int(gj.max()) + 1
        w, h = i1 - i0 + 1, j1 - j0 + 1
        if w * h <= max(2 * gi.size, 4096):  # a block of cells: one entry per dot
            bj, bi = np.divmod(np.arange(w * h, dtype=np.int64), w)
            dots = _dot_attributes(bi + i0, bj + j0, n, jitter, seed)
            return DotLattice(dots, (cj - j0) * w + (ci - i0))
    # Scattered points: one entry per candidate.
    dots = _dot_attributes(ci.ravel(), cj.ravel(), n, jitter, seed)
    return DotLattice(dots, np.arange(ci.size).reshape(ci.shape))
