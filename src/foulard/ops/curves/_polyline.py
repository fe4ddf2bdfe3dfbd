"""Curves as distance fields: dense polylines, a k-d tree, exact segment distances.

A curve is sampled once (in ``prepare``, from the parameters only) into a polyline
fine enough that it is indistinguishable from the curve at print resolution. The
distance from a design point to the curve is then found by asking a k-d tree for
the nearest few vertices (within a search radius, so far points cost little) and
taking the exact distance to the segments that meet there. A coarse occupancy grid
keeps points far from every vertex from reaching the tree at all.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
from scipy import ndimage
from scipy.spatial import cKDTree

__all__ = ["CurveDistance", "line_coverage", "sample_curve", "sample_open_curve", "subdivide"]

# The polyline may stray this far from the true curve (design units): a twentieth
# of a pixel of a 90 cm carre at 300 dpi.
SAGITTA = 5e-6
MAX_VERTICES = 1_500_000
_OCCUPANCY = 1024  # occupancy cells across the curve's bounding box
_MAX_GROW = 1024  # beyond this growth (in cells) the mask is not worth building
_NEAREST = 3  # vertices whose segments are measured per point


def sample_curve(
    curve: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]],
    t0: float,
    t1: float,
    *,
    max_segment: float,
    multiple_of: int = 1,
    max_vertices: int = MAX_VERTICES,
) -> np.ndarray:
    """Vertices of a closed curve ``curve(t)``, t in [t0, t1), evenly in t.

    The count is chosen so that the chords stray at most :data:`SAGITTA` from the
    curve and no chord is longer than ``max_segment``, rounded up to a multiple of
    ``multiple_of`` (so that a curve with that rotational symmetry maps its vertices
    onto its vertices). At most ``max_vertices`` (then the chords stray further).
    """
    trial = 8192
    t = t0 + (t1 - t0) * np.arange(trial) / trial
    x, y = curve(t)
    dx = np.diff(np.append(x, x[0]))
    dy = np.diff(np.append(y, y[0]))
    seg = np.hypot(dx, dy)
    heading = np.arctan2(dy, dx)
    turn = np.abs((np.diff(np.append(heading, heading[0])) + math.pi) % (2 * math.pi) - math.pi)
    # A chord of length L turning by angle a strays about L * a / 8 from the arc;
    # both L and a shrink in proportion to 1 / count.
    sag = float(np.max(seg * turn)) / 8.0
    count = trial * max(math.sqrt(sag / SAGITTA), float(seg.max()) / max_segment, 1e-9)
    count = max(64, math.ceil(count))
    count = math.ceil(count / multiple_of) * multiple_of
    if count > max_vertices:
        count = max(multiple_of, max_vertices // multiple_of * multiple_of)
    t = t0 + (t1 - t0) * np.arange(count) / count
    x, y = curve(t)
    return np.stack([x, y], axis=-1)


def sample_open_curve(
    curve: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]],
    t0: float,
    t1: float,
    *,
    max_segment: float,
    max_vertices: int = MAX_VERTICES,
) -> np.ndarray:
    """Vertices of an open curve ``curve(t)``, t in [t0, t1] (both ends), evenly in t.

    The count follows the same rule as :func:`sample_curve` (chords within
    :data:`SAGITTA` of the curve, none longer than ``max_segment``), at most
    ``max_vertices``.
    """
    trial = 8192
    t = np.linspace(t0, t1, trial + 1)
    x, y = curve(t)
    seg = np.hypot(np.diff(x), np.diff(y))
    heading = np.arctan2(np.diff(y), np.diff(x))
    turn = np.abs((np.diff(heading) + math.pi) % (2 * math.pi) - math.pi)
    sag = float(np.max(seg[1:] * turn, initial=0.0)) / 8.0
    count = trial * max(math.sqrt(sag / SAGITTA), float(seg.max()) / max_segment, 1e-9)
    count = min(max(64, math.ceil(count)), max_vertices - 1)
    x, y = curve(np.linspace(t0, t1, count + 1))
    return np.stack([x, y], axis=-1)


def subdivide(points: np.ndarray, max_segment: float, *, closed: bool = False) -> np.ndarray:
    """The polyline with points added evenly along each segment longer than ``max_segment``.

    For straight pieces (chords, turtle steps) whose distance field needs vertices
    at most ``max_segment`` apart. A closed polyline's closing segment is split too
    (its last point is not repeated).
    """
    pts = np.asarray(points, np.float64)
    ends = np.roll(pts, -1, axis=0) if closed else pts[1:]
    starts = pts if closed else pts[:-1]
    lengths = np.hypot(*(ends - starts).T)
    pieces = np.maximum(1, np.ceil(lengths / max_segment).astype(np.int64))
    seg = np.repeat(np.arange(len(starts)), pieces)
    offset = np.arange(seg.size) - np.repeat(np.cumsum(pieces) - pieces, pieces)
    f = (offset / pieces[seg])[:, None]
    out = starts[seg] + (ends[seg] - starts[seg]) * f
    return out if closed else np.vstack([out, pts[-1:]])


class CurveDistance:
    """Distances to a set of polylines (``(m, 2)`` vertex arrays), closed by default.

    ``closed`` is one flag for all lines or one per line; an open line has no
    segment from its last vertex back to its first (its ends are round caps).
    """

    def __init__(self, lines: Sequence[np.ndarray], closed: bool | Sequence[bool] = True):
        verts, nxt, prv = [], [], []
        start = 0
        flags = [closed] * len(lines) if isinstance(closed, bool) else list(closed)
        for pts, is_closed in zip(lines, flags, strict=True):
            m = len(pts)
            idx = np.arange(start, start + m)
            verts.append(np.asarray(pts, np.float64))
            nxt.append(np.roll(idx, -1))
            prv.append(np.roll(idx, 1))
            if not is_closed:
                # The last vertex's "segment" is the vertex itself; the first has none before.
                nxt[-1][-1] = idx[-1]
                prv[-1][0] = idx[0]
            start += m
        self.vertices = np.concatenate(verts)
        self.next = np.concatenate(nxt)
        self.prev = np.concatenate(prv)
        self.seg = self.vertices[self.next] - self.vertices
        len2 = np.einsum("ij,ij->i", self.seg, self.seg)
        self.inv_len2 = np.divide(1.0, len2, out=np.zeros_like(len2), where=len2 > 0)
        # Split copies for the per-point arithmetic (1-D gathers are faster).
        self._vx, self._vy = self.vertices[:, 0].copy(), self.vertices[:, 1].copy()
        self._sx, self._sy = self.seg[:, 0].copy(), self.seg[:, 1].copy()
        self.max_segment = float(np.sqrt(len2.max()))
        self.lo = self.vertices.min(axis=0)
        self.hi = self.vertices.max(axis=0)
        self.tree = cKDTree(self.vertices, balanced_tree=False, compact_nodes=False)
        # A coarse occupancy grid over the bounding box: cells holding a vertex. Grown
        # by the search radius, it tells which points can be near the curve at all,
        # so the tree is asked only about those.
        extent = float(max(self.hi[0] - self.lo[0], self.hi[1] - self.lo[1], 1e-9))
        self.cell = max(extent / _OCCUPANCY, self.max_segment)
        shape = (
            int((self.hi[1] - self.lo[1]) / self.cell) + 1,
            int((self.hi[0] - self.lo[0]) / self.cell) + 1,
        )
        occupied = np.zeros(shape, bool)
        cells = ((self.vertices - self.lo) / self.cell).astype(np.intp)
        occupied[cells[:, 1], cells[:, 0]] = True
        self.occupied = occupied
        self._grown: dict[int, np.ndarray] = {}

    def _near_mask(self, reach: float) -> tuple[np.ndarray, int]:
        """Occupancy padded and grown by ``reach`` (whole cells), and the padding.

        The growth is a square, a superset of the disc of radius ``reach``.
        """
        grow = math.ceil(reach / self.cell)
        mask = self._grown.get(grow)
        if mask is None:
            # Benign race: two threads may both build the same mask.
            padded = np.pad(self.occupied, grow)
            mask = ndimage.maximum_filter(padded, size=2 * grow + 1, mode="constant", cval=False)
            self._grown[grow] = mask
        return mask, grow

    def _segment_distance(self, px: np.ndarray, py: np.ndarray, i: np.ndarray) -> np.ndarray:
        """Distance from points to segment i (vertex i to its successor)."""
        sx = self._sx[i]
        sy = self._sy[i]
        rx = px - self._vx[i]
        ry = py - self._vy[i]
        t = (rx * sx + ry * sy) * self.inv_len2[i]
        np.clip(t, 0.0, 1.0, out=t)
        rx -= sx * t
        ry -= sy * t
        return np.hypot(rx, ry)

    def distance(self, x: np.ndarray, y: np.ndarray, reach: float) -> np.ndarray:
        """Distance from each point to the polylines; ``inf`` where it exceeds ``reach``."""
        return self._query(x, y, reach, False)[0]

    def locate(self, x: np.ndarray, y: np.ndarray, reach: float) -> tuple[np.ndarray, np.ndarray]:
        """Distances (as :meth:`distance`) and the nearest segment's first vertex (-1: none).

        Segment ``i`` runs from vertex ``i`` to its successor; the index tells an
        operator where along its curve a point lies (for widths that taper).
        """
        return self._query(x, y, reach, True)

    def _query(
        self, x: np.ndarray, y: np.ndarray, reach: float, with_segment: bool
    ) -> tuple[np.ndarray, np.ndarray | None]:
        shape = np.shape(x)
        xf = np.ravel(x)
        yf = np.ravel(y)
        out = np.full(xf.shape, np.inf)
        where_seg = np.full(xf.shape, -1, np.int64) if with_segment else None
        # The nearest vertex is at most half a segment further than the curve.
        search = reach + 0.5 * self.max_segment
        if search / self.cell < _MAX_GROW:
            mask, pad = self._near_mask(search)
            h, w = mask.shape
            cx = np.floor((xf - self.lo[0]) * (1.0 / self.cell)) + pad
            cy = np.floor((yf - self.lo[1]) * (1.0 / self.cell)) + pad
            inside = (cx >= 0) & (cx < w) & (cy >= 0) & (cy < h)
            where = np.flatnonzero(inside)
            where = where[mask[cy[where].astype(np.intp), cx[where].astype(np.intp)]]
        else:  # a search wider than the whole curve: no point culling
            where = np.arange(xf.size)
        if where.size == 0:
            return out.reshape(shape), None if where_seg is None else where_seg.reshape(shape)
        qx = xf[where]
        qy = yf[where]
        _, iv = self.tree.query(
            np.stack([qx, qy], axis=-1), k=_NEAREST, distance_upper_bound=search
        )
        # Where branches cross, the nearest vertex can sit on a branch a little
        # further than the nearest segment; the segments of the few nearest vertices
        # include it (checked against brute force in the tests).
        best = np.full(qx.size, np.inf)
        seg = np.full(qx.size, -1, np.int64) if with_segment else None
        for j in range(_NEAREST):
            hit = np.flatnonzero(iv[:, j] < len(self.vertices))
            if hit.size == 0:
                break
            i = iv[hit, j]
            px = qx[hit]
            py = qy[hit]
            d_next = self._segment_distance(px, py, i)
            d_prev = self._segment_distance(px, py, self.prev[i])
            d = np.minimum(d_next, d_prev)
            if seg is not None:
                closer = d < best[hit]
                seg[hit] = np.where(closer, np.where(d_next <= d_prev, i, self.prev[i]), seg[hit])
            best[hit] = np.minimum(best[hit], d)
        far = best > reach
        best[far] = np.inf
        out[where] = best
        if seg is None:
            return out.reshape(shape), None
        seg[far] = -1
        where_seg[where] = seg
        return out.reshape(shape), where_seg.reshape(shape)


def line_coverage(distance: np.ndarray, half_width: float, footprint: float) -> np.ndarray:
    """Share of a pixel ``footprint`` wide covered by a line ``2 * half_width`` wide.

    A 1-D box filter across the line: exact for straight lines, and right for thin
    lines (a line half a pixel wide gives 0.5, not a jagged 0 or 1).
    """
    f = max(footprint, 1e-12)
    lo = np.maximum(distance - 0.5 * f, -half_width)
    hi = np.minimum(distance + 0.5 * f, half_width)
    return np.clip((hi - lo) * (1.0 / f), 0.0, 1.0)
