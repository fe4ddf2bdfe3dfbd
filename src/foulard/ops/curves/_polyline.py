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
from scipy.spatial import cKDTree

__all__ = ["CurveDistance", "line_coverage", "sample_curve", "sample_open_curve", "subdivide"]

# The polyline may stray this far from the true curve (design units): a twentieth
# of a pixel of a 90 cm carre at 300 dpi.
SAGITTA = 5e-6
MAX_VERTICES = 1_500_000
_OCCUPANCY = 1024  # occupancy cells across the curve's bounding box
_MAX_GROW = 1024  # beyond this growth (in cells) the mask is not worth building
_NEAREST = 3  # vertices whose segments are measured per point
_FAR = 1e30  # where the stand-in for "no vertex found" lies
_MIN_FOOTPRINT = 1e-12


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
        # Split copies for the per-point arithmetic (1-D gathers are faster), each with
        # one more entry: index n (the tree's "no vertex") is a segment too far to count.
        far = np.array([_FAR])
        self._vx = np.concatenate([self.vertices[:, 0], far])
        self._vy = np.concatenate([self.vertices[:, 1], far])
        self._sx = np.append(self.seg[:, 0], 0.0)
        self._sy = np.append(self.seg[:, 1], 0.0)
        self._inv_len2 = np.append(self.inv_len2, 0.0)
        self._prev = np.append(self.prev, len(self.prev))
        self.max_segment = float(np.sqrt(len2.max()))
        # Per column: a reduction over axis 0 of an (n, 2) array is ten times slower.
        self.lo = np.array([self._vx[:-1].min(), self._vy[:-1].min()])
        self.hi = np.array([self._vx[:-1].max(), self._vy[:-1].max()])
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
            mask = grow_square(self.occupied, grow)
            self._grown[grow] = mask
        return mask, grow

    def _segment_distance(self, px: np.ndarray, py: np.ndarray, i: np.ndarray) -> np.ndarray:
        """Distance from points to segment i (vertex i to its successor), broadcast."""
        sx = self._sx[i]
        sy = self._sy[i]
        rx = px - self._vx[i]
        ry = py - self._vy[i]
        t = (rx * sx + ry * sy) * self._inv_len2[i]
        np.clip(t, 0.0, 1.0, out=t)
        rx -= sx * t
        ry -= sy * t
        return np.hypot(rx, ry)

    def distance(self, x: np.ndarray, y: np.ndarray, reach: float) -> np.ndarray:
        """Distance from each point to the polylines; ``inf`` where it exceeds ``reach``."""
        return self._query(x, y, reach, False)[0]

    def coverage(
        self, x: np.ndarray, y: np.ndarray, half_width: float, footprint: float
    ) -> np.ndarray:
        """:func:`line_coverage` of lines ``2 * half_width`` wide at points.

        A line covers nothing beyond ``half_width + footprint / 2``, so distances are
        measured no further.
        """
        f = max(footprint, _MIN_FOOTPRINT)
        return line_coverage(self.distance(x, y, half_width + 0.5 * f), half_width, f)

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
        if where.size:
            _, iv = self.tree.query(
                np.stack([xf[where], yf[where]], axis=-1), k=_NEAREST, distance_upper_bound=search
            )
            hit = iv[:, 0] < len(self.vertices)
            where = where[hit]
        if where.size == 0:
            return out.reshape(shape), None if where_seg is None else where_seg.reshape(shape)
        # Where branches cross, the nearest vertex can sit on a branch a little
        # further than the nearest segment; the segments of the few nearest vertices
        # include it (checked against brute force in the tests). Each vertex's next
        # segment comes before its previous one, nearest vertex first: ties go to the
        # first, the same way every time. Missing vertices (index n) lie far away.
        cand = np.empty((where.size, 2 * _NEAREST), np.intp)
        cand[:, 0::2] = iv[hit]
        cand[:, 1::2] = self._prev[cand[:, 0::2]]
        d = self._segment_distance(xf[where, None], yf[where, None], cand)
        if where_seg is None:
            best = d.min(axis=1)
        else:
            first = d.argmin(axis=1)
            best = np.take_along_axis(d, first[:, None], axis=1)[:, 0]
            seg = np.take_along_axis(cand, first[:, None], axis=1)[:, 0]
            where_seg[where] = np.where(best > reach, -1, seg)
        best[best > reach] = np.inf
        out[where] = best
        return out.reshape(shape), None if where_seg is None else where_seg.reshape(shape)


def grow_square(occupied: np.ndarray, grow: int) -> np.ndarray:
    """Cells within ``grow`` cells of a true one along both axes, on the grid padded by ``grow``.

    A square dilation, separable: along each axis, windows of doubling width are
    OR-ed together (window ``2 grow + 1`` wide in a few passes).
    """
    span = 2 * grow + 1
    out = np.pad(occupied, 2 * grow)
    for _ in range(2):  # down the rows, then (transposed) along them
        width = 1
        while width < span:
            step = min(width, span - width)
            out = out[:-step] | out[step:]  # out[i] covers the input's [i, i + width + step)
            width += step
        out = out.T
    return np.ascontiguousarray(out)


def line_coverage(distance: np.ndarray, half_width: float, footprint: float) -> np.ndarray:
    """Share of a pixel ``footprint`` wide covered by a line ``2 * half_width`` wide.

    A 1-D box filter across the line: exact for straight lines, and right for thin
    lines (a line half a pixel wide gives 0.5, not a jagged 0 or 1).
    """
    f = max(footprint, _MIN_FOOTPRINT)
    lo = np.maximum(distance - 0.5 * f, -half_width)
    hi = np.minimum(distance + 0.5 * f, half_width)
    return np.clip((hi - lo) * (1.0 / f), 0.0, 1.0)
