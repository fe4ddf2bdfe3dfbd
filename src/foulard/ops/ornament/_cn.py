"""Shared geometry of the Chinese lattice and cut-paper ornaments (fields).

Lattices are evaluated pointwise: each point finds the few bars or cells that can
reach it and measures exact distances to them, so edges are anti-aliased over the
pixel footprint at any resolution. Two structures cover the lattices here:

* :class:`GridBars`: bars along the edges of a periodic square grid (window
  lattices, 卍 frets). A point looks only at its own grid cell: the cell's four
  edges and the bars that leave its four corners.
* :class:`ConvexCells`: a periodic tessellation by convex polygons (ice-ray). A
  point finds its cell through a coarse index; inside a convex cell the distance
  to the boundary is the smallest distance to the lines of its edges.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from foulard.ops._common.geometry import wrap01

__all__ = [
    "ConvexCells",
    "GridBars",
    "cover",
    "grid_coords",
    "over",
    "paint",
    "polygon_area",
]

CHUNK = 16384


def cover(d: np.ndarray, footprint: float) -> np.ndarray:
    """Coverage of a region at signed distance ``d`` (positive inside), box-filtered."""
    return np.clip(d * (1.0 / max(footprint, 1e-12)) + 0.5, 0.0, 1.0)


def paint(c: np.ndarray, rgb: Sequence[float]) -> np.ndarray:
    """Premultiplied RGBA of a flat colour ``rgb`` over coverage ``c`` (float32)."""
    out = np.empty((*np.shape(c), 4), np.float32)
    c = np.asarray(c, np.float32)
    for k in range(3):
        out[..., k] = c * np.float32(rgb[k])
    out[..., 3] = c
    return out


def over(top: np.ndarray, bottom: np.ndarray) -> np.ndarray:
    """Premultiplied *over*."""
    return top + (1.0 - top[..., 3:4]) * bottom


def grid_coords(
    x: np.ndarray, y: np.ndarray, pitches: int, diagonal: bool
) -> tuple[np.ndarray, np.ndarray, float]:
    """Grid coordinates of design points, and grid units per design unit.

    ``pitches`` grid units span the unit square along an axis; ``diagonal`` turns
    the grid by 45 degrees (then the design's unit translations move the grid by
    ``(pitches, -pitches)`` and ``(pitches, pitches)``, which a lattice whose
    period divides ``pitches`` maps onto itself). The points are wrapped into the
    unit square first, so the field repeats with period 1 exactly.
    """
    xw, yw = wrap01(x), wrap01(y)
    if not diagonal:
        return xw * pitches, yw * pitches, float(pitches)
    return (xw + yw) * pitches, (yw - xw) * pitches, pitches * math.sqrt(2.0)


def polygon_area(poly: np.ndarray) -> float:
    """Signed area (positive when the vertices turn counter-clockwise in x right, y up)."""
    x, y = poly[:, 0], poly[:, 1]
    return 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(np.roll(x, -1), y))


class GridBars:
    """Bars on the edges of a periodic grid, each with an integer label.

    ``h[j, i]`` labels the bar from vertex ``(i, j)`` to ``(i + 1, j)``, ``v[j, i]``
    the bar from ``(i, j)`` to ``(i, j + 1)``; -1 means no bar. Both arrays have the
    grid's period shape ``(rows, cols)``. Distances are Chebyshev (square) around
    each bar, so bar ends and outer corners are square, like joinery.
    """

    def __init__(self, h: np.ndarray, v: np.ndarray):
        if h.shape != v.shape:
            raise ValueError("h and v must have the same shape")
        self.h = np.asarray(h, np.int64)
        self.v = np.asarray(v, np.int64)
        self.rows, self.cols = self.h.shape

    def nearest(self, u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Distance (grid units) to the nearest bar and its label, for points ``(u, v)``.

        Exact while the distance is below half a cell (wider bars are not asked for).
        """
        fi = np.floor(u)
        fj = np.floor(v)
        fx = u - fi
        fy = v - fj
        i = fi.astype(np.int64) % self.cols
        j = fj.astype(np.int64) % self.rows
        ip = (i + 1) % self.cols
        im = (i - 1) % self.cols
        jp = (j + 1) % self.rows
        jm = (j - 1) % self.rows
        h, vv = self.h, self.v
        gx, gy = 1.0 - fx, 1.0 - fy
        cands = (
            (h[j, i], fy),
            (h[jp, i], gy),
            (vv[j, i], fx),
            (vv[j, ip], gx),
            # Bars leaving the cell's corners outwards reach it only at that corner.
            (np.maximum(h[j, im], vv[jm, i]), np.maximum(fx, fy)),
            (np.maximum(h[j, ip], vv[jm, ip]), np.maximum(gx, fy)),
            (np.maximum(h[jp, im], vv[jp, i]), np.maximum(fx, gy)),
            (np.maximum(h[jp, ip], vv[jp, ip]), np.maximum(gx, gy)),
        )
        best = np.full(np.shape(u), np.inf)
        label = np.full(np.shape(u), -1, np.int64)
        for lab, d in cands:
            hit = (lab >= 0) & (d < best)
            best = np.where(hit, d, best)
            label = np.where(hit, lab, label)
        return best, label


class ConvexCells:
    """A tessellation of the plane by convex polygons, periodic with the unit square.

    ``polygons`` tile one period (they may reach past the square's edges; their
    copies shifted by whole units fill the plane). :meth:`locate` answers, for
    points in [0, 1)^2, which polygon holds each point and how far inside it lies.
    """

    def __init__(self, polygons: Sequence[np.ndarray], grid: int | None = None):
        halfplanes = []
        owners = []
        boxes = []
        for k, given in enumerate(polygons):
            poly = np.asarray(given, np.float64)
            if polygon_area(poly) < 0:
                poly = poly[::-1]
            lo, hi = poly.min(axis=0), poly.max(axis=0)
            for sx in (-1.0, 0.0, 1.0):
                for sy in (-1.0, 0.0, 1.0):
                    if hi[0] + sx < 0 or lo[0] + sx > 1 or hi[1] + sy < 0 or lo[1] + sy > 1:
                        continue
                    p = poly + np.array([sx, sy])
                    e = np.roll(p, -1, axis=0) - p
                    n = np.stack([e[:, 1], -e[:, 0]], axis=1)  # outward for CCW
                    n /= np.hypot(n[:, 0], n[:, 1])[:, None]
                    c = np.einsum("ij,ij->i", n, p)
                    halfplanes.append((n, c))
                    owners.append(k)
                    boxes.append((lo[0] + sx, lo[1] + sy, hi[0] + sx, hi[1] + sy))
        edges = max(len(n) for n, _ in halfplanes)
        m = len(halfplanes)
        self.nx = np.zeros((m, edges))
        self.ny = np.zeros((m, edges))
        self.c = np.full((m, edges), 1e9)  # padding: a half-plane that holds everything
        for q, (n, c) in enumerate(halfplanes):
            self.nx[q, : len(n)] = n[:, 0]
            self.ny[q, : len(n)] = n[:, 1]
            self.c[q, : len(n)] = c
        self.owner = np.asarray(owners, np.int64)
        if grid is None:
            # About two index cells per polygon side: few candidates per point.
            grid = int(min(160, max(24, math.ceil(6.0 * math.sqrt(len(polygons))))))
        self.grid = grid
        # Index: every (index cell, polygon copy) pair whose boxes meet, as a table
        # padded to the fullest cell.
        b = np.asarray(boxes)
        i0 = np.clip(np.floor(b[:, 0] * grid), 0, grid - 1).astype(np.int64)
        i1 = np.clip(np.floor(b[:, 2] * grid), 0, grid - 1).astype(np.int64)
        j0 = np.clip(np.floor(b[:, 1] * grid), 0, grid - 1).astype(np.int64)
        j1 = np.clip(np.floor(b[:, 3] * grid), 0, grid - 1).astype(np.int64)
        cells, polys = [], []
        for q in range(m):
            jj, ii = np.meshgrid(np.arange(j0[q], j1[q] + 1), np.arange(i0[q], i1[q] + 1))
            cells.append((jj * grid + ii).ravel())
            polys.append(np.full(jj.size, q))
        cell_of = np.concatenate(cells)
        poly_of = np.concatenate(polys)
        order = np.lexsort((poly_of, cell_of))
        cell_of, poly_of = cell_of[order], poly_of[order]
        self.count = np.bincount(cell_of, minlength=grid * grid).astype(np.int64)
        start = np.concatenate([[0], np.cumsum(self.count)[:-1]])
        rank = np.arange(cell_of.size) - start[cell_of]
        self.index = np.full((grid * grid, int(self.count.max())), -1, np.int64)
        self.index[cell_of, rank] = poly_of
        # A sentinel copy that holds no point: where an index row is padded.
        self.nx = np.vstack([self.nx, np.zeros((1, edges))])
        self.ny = np.vstack([self.ny, np.zeros((1, edges))])
        self.c = np.vstack([self.c, np.full((1, edges), -1e9)])
        self._packed = np.stack([self.nx, self.ny, self.c], axis=-1)  # one gather per point

    def locate(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(cell, depth)``: the polygon holding each point and its distance inside."""
        xf, yf = np.ravel(x), np.ravel(y)
        g = self.grid
        ci = np.clip((xf * g).astype(np.int64), 0, g - 1)
        cj = np.clip((yf * g).astype(np.int64), 0, g - 1)
        cell = cj * g + ci
        counts = self.count[cell]
        cell_out = np.empty(xf.size, np.int64)
        depth_out = np.empty(xf.size, np.float64)
        # Points grouped by how many candidates their index cell holds: each group
        # tests only that many polygons (most cells hold one or two).
        for c in np.unique(counts):
            group = np.flatnonzero(counts == c)
            for s in range(0, group.size, CHUNK):
                sel = group[s : s + CHUNK]
                px, py = xf[sel], yf[sel]
                cand = self.index[cell[sel], :c]  # (n, c), all valid
                h = self._packed[cand]
                out = (
                    h[..., 0] * px[:, None, None] + h[..., 1] * py[:, None, None] - h[..., 2]
                ).max(axis=2)
                if c == 1:
                    q = cand[:, 0]
                    best = out[:, 0]
                else:
                    k = np.argmin(out, axis=1)
                    rows = np.arange(len(sel))
                    q = cand[rows, k]
                    best = out[rows, k]
                cell_out[sel] = self.owner[q]
                depth_out[sel] = -best
        return cell_out.reshape(np.shape(x)), depth_out.reshape(np.shape(x))
