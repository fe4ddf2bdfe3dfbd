"""Periodic patterns of regions and lines, evaluated pointwise and exactly periodic.

A :class:`CellPattern` is one repeat cell of a lattice holding *regions* (simple
polygons, convex or not, each with a class) and *lines* (segments). Evaluating a
point folds it into the cell in lattice coordinates with
:func:`~foulard.ops._common.geometry.wrap01`, so ``p`` and ``p + period`` give
bit-identical answers, then asks two questions: which region holds the point, and
how far is the nearest line.

Both are answered through a grid of bins over the cell, built once per node.
A bin that no region edge crosses is *sure*: it stores its region outright. Other
bins list the few regions whose edges cross them, and only their points run the
even-odd test. Every bin also lists the lines that pass within ``reach`` of it;
points farther from all lines than that are known to be off every line.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from foulard.ops._common.geometry import wrap01
from foulard.ops.tiling._common import turned_vectors, unturned

__all__ = ["CellPattern", "Folded", "band", "polygon_area"]

_BINS = 128


def polygon_area(poly: np.ndarray) -> float:
    x, y = poly[:, 0], poly[:, 1]
    return 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))


def band(d: np.ndarray, half: float, fp: float) -> np.ndarray:
    """Coverage of a band of half-width ``half`` at distance ``d``, box-filtered over ``fp``."""
    return np.clip((half - d) / fp + 0.5, 0.0, 1.0)


@dataclass
class Folded:
    """Points folded into the cell: canonical design position and bin."""

    x: np.ndarray
    y: np.ndarray
    bins: np.ndarray
    cell_a: np.ndarray | None = None  # which cell along e1 the point was in (whole number)
    cell_b: np.ndarray | None = None


class CellPattern:
    """One cell of a periodic pattern and its bins.

    Parameters
    ----------
    e1, e2 : pair of float
        Lattice vectors, design units (before ``rotation``).
    regions : sequence of (k, 2) arrays
        Simple polygons (design units, cell frame) that do not overlap; copies
        translated by lattice vectors are added as needed.
    region_class : sequence of int
        A class per region (what the operator colours it by).
    lines : (m, 4) array
        Segments ``x0, y0, x1, y1`` (cell frame), copies added likewise.
    reach : float
        Lines are listed for points up to this far from them (half the widest
        band the operator draws, plus room for anti-aliasing).
    origin : pair of float
        Design position of the cell's corner (lattice coordinates 0, 0).
    rotation : float
        Clockwise turn of the whole pattern about the design centre, degrees.
    """

    def __init__(
        self,
        e1: Sequence[float],
        e2: Sequence[float],
        regions: Sequence[np.ndarray],
        region_class: Sequence[int],
        lines: np.ndarray,
        *,
        reach: float,
        origin: Sequence[float] = (0.0, 0.0),
        rotation: float = 0.0,
        bins: int = _BINS,
    ):
        self.basis = np.array([[e1[0], e2[0]], [e1[1], e2[1]]], np.float64)
        self.inverse = np.linalg.inv(self.basis)
        self.origin = np.asarray(origin, np.float64)
        self.rotation = float(rotation)
        self.nbins = int(bins)
        self.reach = float(reach)
        span = float(np.hypot(*self.basis[:, 0]) + np.hypot(*self.basis[:, 1]))
        # Copies of everything near the cell: translations by up to `k` cells.
        k = 1 + math.ceil(
            max(
                [float(np.max(np.abs(r))) for r in regions]
                + [float(np.max(np.abs(lines))) if len(lines) else 0.0]
            )
            / max(span / 2.0, 1e-9)
        )
        shifts = [
            self.basis @ np.array([i, j], np.float64)
            for i in range(-k, k + 1)
            for j in range(-k, k + 1)
        ]
        self._build_regions(regions, region_class, shifts)
        self._build_lines(np.asarray(lines, np.float64).reshape(-1, 4), shifts)

    # -- construction ------------------------------------------------------------

    def _bin_boxes(self, grow: float) -> np.ndarray:
        """Design-space boxes ``(G*G, 4)`` of the bins (cell frame), grown by ``grow``."""
        g = self.nbins
        ia, ib = np.meshgrid(np.arange(g), np.arange(g), indexing="ij")
        corners = []
        for da in (0, 1):
            for db in (0, 1):
                q = np.stack([(ia + da) / g, (ib + db) / g], axis=-1).reshape(-1, 2)
                corners.append(q @ self.basis.T)
        c = np.stack(corners, axis=1)
        lo, hi = c.min(axis=1) - grow, c.max(axis=1) + grow
        return np.concatenate([lo, hi], axis=1)

    def _meet(self, a: np.ndarray, b: np.ndarray, grow: float) -> tuple[np.ndarray, np.ndarray]:
        """(bin, segment) pairs where segment ``a b`` comes within ``grow`` of the bin.

        Each segment's box in lattice coordinates picks the bins it may touch; the
        pairs are then clipped exactly against the bins' (grown) design boxes.
        """
        g = self.nbins
        la, lb = a @ self.inverse.T, b @ self.inverse.T
        pad = grow * np.linalg.norm(self.inverse, axis=1) + 1e-9
        lo = np.minimum(la, lb) - pad
        hi = np.maximum(la, lb) + pad
        i0 = np.clip(np.floor(lo[:, 0] * g), 0, g - 1).astype(np.int64)
        i1 = np.clip(np.floor(hi[:, 0] * g), 0, g - 1).astype(np.int64)
        j0 = np.clip(np.floor(lo[:, 1] * g), 0, g - 1).astype(np.int64)
        j1 = np.clip(np.floor(hi[:, 1] * g), 0, g - 1).astype(np.int64)
        inside = (hi[:, 0] >= 0) & (lo[:, 0] < 1) & (hi[:, 1] >= 0) & (lo[:, 1] < 1)
        ni, nj = i1 - i0 + 1, j1 - j0 + 1
        counts = np.where(inside, ni * nj, 0)
        seg = np.repeat(np.arange(len(a)), counts)
        start = np.concatenate([[0], np.cumsum(counts)[:-1]])
        k = np.arange(len(seg)) - start[seg]
        bins = (i0[seg] + k // nj[seg]) * g + (j0[seg] + k % nj[seg])
        ok = _clip_pairs(self._bin_boxes(grow), bins, a, b, seg)
        return bins[ok], seg[ok]

    def _build_regions(self, regions, region_class, shifts) -> None:
        polys, cls, moved = [], [], []
        cell = self._bin_boxes(0.0)
        cx0, cy0 = cell[:, 0].min(), cell[:, 1].min()
        cx1, cy1 = cell[:, 2].max(), cell[:, 3].max()
        for given, c in zip(regions, region_class, strict=True):
            poly = np.asarray(given, np.float64)
            for s in shifts:
                q = poly + s
                lo, hi = q.min(axis=0), q.max(axis=0)
                if lo[0] <= cx1 and hi[0] >= cx0 and lo[1] <= cy1 and hi[1] >= cy0:
                    polys.append(q)
                    cls.append(int(c))
                    moved.append(s)
        self.region_class = np.array([*cls, -1], np.int64)  # index len(polys): none
        # The lattice translation (whole cells) from each given region to its copy.
        self.region_shift = np.rint(np.array([*moved, (0.0, 0.0)]) @ self.inverse.T).astype(
            np.int64
        )
        vmax = max((len(p) for p in polys), default=3)
        verts = np.zeros((len(polys) + 1, vmax + 1, 2))
        for i, p in enumerate(polys):
            verts[i, : len(p)] = p
            verts[i, len(p) :] = p[0]  # closing and padding edges have no length
        self._verts = verts
        boxes = self._bin_boxes(1e-9)
        # Edges of every region, with the region they belong to.
        a = verts[:-1, :-1].reshape(-1, 2)
        b = verts[:-1, 1:].reshape(-1, 2)
        owner = np.repeat(np.arange(len(polys)), vmax)
        real = np.any(a != b, axis=1)
        a, b, owner = a[real], b[real], owner[real]
        bi, ei = self._meet(a, b, 1e-9)
        pairs = np.unique(bi * (len(polys) + 1) + owner[ei])
        self._region_cand = _padded(
            pairs // (len(polys) + 1), pairs % (len(polys) + 1), len(boxes), len(polys)
        )
        self._region_sure = ~np.isin(np.arange(len(boxes)), pairs // (len(polys) + 1))
        # The region at each bin's middle (what a sure bin holds throughout).
        mids = np.stack([(boxes[:, 0] + boxes[:, 2]) / 2, (boxes[:, 1] + boxes[:, 3]) / 2], 1)
        holder = np.full(len(boxes), len(polys), np.int64)
        for i, poly in enumerate(polys):
            lo, hi = poly.min(axis=0), poly.max(axis=0)
            sel = np.flatnonzero(
                (mids[:, 0] >= lo[0])
                & (mids[:, 0] <= hi[0])
                & (mids[:, 1] >= lo[1])
                & (mids[:, 1] <= hi[1])
            )
            if sel.size:
                got = self._contain(mids[sel], np.full((sel.size, 1), i))
                holder[sel[got == i]] = i
        self._region_bin = holder

    def _build_lines(self, lines: np.ndarray, shifts) -> None:
        if not len(lines):
            self.lines = np.zeros((1, 4))
            self._line_cand = np.zeros((self.nbins**2, 1), np.int64)
            self._line_none = np.ones(self.nbins**2, bool)
            self._line_count = 0
            self._prep_lines()
            return
        copies = np.concatenate([lines + np.array([s[0], s[1], s[0], s[1]]) for s in shifts])
        bi, li = self._meet(copies[:, :2], copies[:, 2:], self.reach)
        used, li = np.unique(li, return_inverse=True)
        copies = copies[used]
        self.lines = np.concatenate([copies, [[1e6, 1e6, 1e6, 1e6]]])  # last: a far line
        self._line_count = len(copies)
        nb = self.nbins**2
        self._line_cand = _padded(bi, li, nb, len(copies))
        self._line_none = np.bincount(bi, minlength=nb) == 0
        self._prep_lines()

    def _prep_lines(self) -> None:
        ln = self.lines
        ex, ey = ln[:, 2] - ln[:, 0], ln[:, 3] - ln[:, 1]
        ll = ex * ex + ey * ey
        self._seg = (ln[:, 0], ln[:, 1], ex, ey, 1.0 / np.where(ll > 0, ll, 1.0))

    # -- evaluation --------------------------------------------------------------

    def fold(self, x: np.ndarray, y: np.ndarray) -> Folded:
        """Points (design units, any shape flattened) into the cell frame, exactly."""
        x, y = unturned(x, y, self.rotation)
        x = x - self.origin[0]
        y = y - self.origin[1]
        i = self.inverse
        a = x * i[0, 0] + y * i[0, 1]
        b_ = x * i[1, 0] + y * i[1, 1]
        qa, qb = wrap01(a), wrap01(b_)
        g = self.nbins
        bins = (qa * g).astype(np.intp) * g + (qb * g).astype(np.intp)
        b = self.basis
        return Folded(
            qa * b[0, 0] + qb * b[0, 1],
            qa * b[1, 0] + qb * b[1, 1],
            bins,
            np.rint(a - qa).astype(np.int64),
            np.rint(b_ - qb).astype(np.int64),
        )

    def _contain(self, pts: np.ndarray, cand: np.ndarray) -> np.ndarray:
        """The first candidate region holding each point (``len(regions)`` if none)."""
        out = np.full(len(pts), len(self._verts) - 1, np.int64)
        x, y = pts[:, 0:1], pts[:, 1:2]
        found = np.zeros(len(pts), bool)
        for j in range(cand.shape[1]):
            v = self._verts[cand[:, j]]  # (n, V, 2)
            ax, ay = v[:, :-1, 0], v[:, :-1, 1]
            bx, by = v[:, 1:, 0], v[:, 1:, 1]
            above_a = ay > y
            cross = above_a != (by > y)
            # The edge passes right of the point: (xi > x), without dividing.
            side = (bx - ax) * (y - ay) - (x - ax) * (by - ay)
            right = np.where(by > ay, side > 0, side < 0)
            inside = (np.count_nonzero(cross & right, axis=1) % 2) == 1
            hit = inside & ~found
            out[hit] = cand[hit, j]
            found |= hit
        return out

    def region(self, f: Folded) -> np.ndarray:
        """Index of the region holding each folded point (``-1``-class region if none)."""
        out = self._region_bin[f.bins].copy()
        unsure = np.flatnonzero(~self._region_sure[f.bins])
        if unsure.size:
            pts = np.stack([f.x[unsure], f.y[unsure]], axis=1)
            out[unsure] = self._contain(pts, self._region_cand[f.bins[unsure]])
        return out

    def nearest_line(self, f: Folded) -> tuple[np.ndarray, np.ndarray]:
        """Distance to the nearest line and its index (distance ``inf`` beyond reach)."""
        n = len(f.x)
        dist = np.full(n, np.inf)
        idx = np.full(n, self._line_count, np.int64)
        some = np.flatnonzero(~self._line_none[f.bins])
        if not some.size:
            return dist, idx
        x, y = f.x[some], f.y[some]
        cand = self._line_cand[f.bins[some]]
        best = np.full(len(some), np.inf)
        best_i = np.full(len(some), self._line_count, np.int64)
        for j in range(cand.shape[1]):
            c = cand[:, j]
            d = self._dist2(x, y, c)
            better = d < best
            best = np.where(better, d, best)
            best_i = np.where(better, c, best_i)
        dist[some] = np.sqrt(best)
        idx[some] = best_i
        return dist, idx

    def _dist2(self, x: np.ndarray, y: np.ndarray, c: np.ndarray) -> np.ndarray:
        """Squared distances from points to lines ``c`` (one line per point)."""
        ax, ay, ex, ey, inv = (a[c] for a in self._seg)
        px, py = x - ax, y - ay
        t = np.clip((px * ex + py * ey) * inv, 0.0, 1.0)
        px -= t * ex
        py -= t * ey
        return px * px + py * py

    def line_distances(self, f: Folded) -> tuple[np.ndarray, np.ndarray]:
        """Distances ``(n, K)`` to every candidate line of each point's bin, and the lines."""
        cand = self._line_cand[f.bins]
        d = np.stack([self._dist2(f.x, f.y, cand[:, j]) for j in range(cand.shape[1])], axis=1)
        return np.sqrt(d), cand

    def line_distances_to(self, f: Folded, lines: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Distances ``(n, K)`` from each point to the lines ``lines[:, j]``."""
        d = np.stack([self._dist2(f.x, f.y, lines[:, j]) for j in range(lines.shape[1])], axis=1)
        return np.sqrt(d), lines

    def periods(self) -> list[tuple[float, float]]:
        """The lattice vectors in design units (turned with the pattern)."""
        vectors = [(float(v[0]), float(v[1])) for v in self.basis.T]
        return turned_vectors(vectors, self.rotation)


def _clip_pairs(boxes, bi, a, b, si) -> np.ndarray:
    """For pairs (box ``bi``, segment ``si``): does the segment meet the box (Liang-Barsky)."""
    x0, y0, x1, y1 = (boxes[bi, i] for i in range(4))
    ax, ay = a[si, 0], a[si, 1]
    dx, dy = b[si, 0] - ax, b[si, 1] - ay
    t0 = np.zeros(len(bi))
    t1 = np.ones(len(bi))
    ok = np.ones(len(bi), bool)
    for pp, q in ((-dx, ax - x0), (dx, x1 - ax), (-dy, ay - y0), (dy, y1 - ay)):
        parallel = pp == 0
        ok &= ~(parallel & (q < 0))
        with np.errstate(divide="ignore", invalid="ignore"):
            r = q / pp
        t0 = np.where(~parallel & (pp < 0), np.maximum(t0, r), t0)
        t1 = np.where(~parallel & (pp > 0), np.minimum(t1, r), t1)
    return ok & (t0 <= t1)


def _padded(rows: np.ndarray, values: np.ndarray, n: int, fill: int) -> np.ndarray:
    """Per-row lists of ``values`` as an ``(n, K)`` array, padded with ``fill``."""
    order = np.lexsort((values, rows))
    rows, values = rows[order], values[order]
    counts = np.bincount(rows, minlength=n)
    k = max(1, int(counts.max(initial=0)))
    out = np.full((n, k), fill, np.int64)
    start = np.concatenate([[0], np.cumsum(counts)[:-1]])
    col = np.arange(len(rows)) - start[rows]
    out[rows, col] = values
    return out
