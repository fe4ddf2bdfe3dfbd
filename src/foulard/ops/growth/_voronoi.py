"""Voronoi cells of sites on the unit torus, evaluated pointwise with exact edges.

Shared by ``growth.voronoi`` and ``growth.lloyd_cvt``. Each bucket of a grid over the
torus lists every site that can own a point of the bucket or bound its cell near
that point; a point then finds its owner among a short row of candidates, and its
distance to the cell's outline as the nearest bisector (exact for the Euclidean
metric, whose cells are convex polygons).
"""

from __future__ import annotations

import math

import numpy as np
from scipy.spatial import Delaunay, cKDTree

from foulard.ops._common.geometry import wrap01
from foulard.ops.growth._points import unit_torus

__all__ = ["METRICS", "VoronoiCells", "grid_adjacency", "inset_cover", "neighbours"]

METRICS = ("euclidean", "manhattan", "chebyshev")
_P = {"euclidean": 2.0, "manhattan": 1.0, "chebyshev": np.inf}
_FAR = 1e6


def _wrapped(d: np.ndarray) -> np.ndarray:
    return d - np.rint(d)


def _dist(dx: np.ndarray, dy: np.ndarray, metric: str) -> np.ndarray:
    if metric == "euclidean":
        return np.hypot(dx, dy)
    if metric == "manhattan":
        return np.abs(dx) + np.abs(dy)
    return np.maximum(np.abs(dx), np.abs(dy))


def _l1_bisector(px: np.ndarray, py: np.ndarray, dx: np.ndarray, dy: np.ndarray) -> np.ndarray:
    """Euclidean distance from p to the L1 bisector of the origin and (dx, dy).

    With |dx| >= |dy| >= 0 (reflections and a swap of axes make it so) the bisector
    is a vertical ray down from (c1, 0), a 45-degree segment to (c2, dy) and a
    vertical ray up from there, where c1, c2 = (dx + dy) / 2, (dx - dy) / 2.
    """
    sx = np.where(dx < 0, -1.0, 1.0)
    sy = np.where(dy < 0, -1.0, 1.0)
    px, dx = px * sx, dx * sx
    py, dy = py * sy, dy * sy
    swap = dy > dx
    px, py = np.where(swap, py, px), np.where(swap, px, py)
    dx, dy = np.where(swap, dy, dx), np.where(swap, dx, dy)
    c1 = 0.5 * (dx + dy)
    c2 = 0.5 * (dx - dy)
    down = np.hypot(px - c1, np.maximum(py, 0.0))
    up = np.hypot(px - c2, np.maximum(dy - py, 0.0))
    # Segment from (c1, 0) along (-dy, dy).
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.clip(((px - c1) * -dy + py * dy) / (2.0 * dy * dy), 0.0, 1.0)
    t = np.where(dy > 0, t, 0.0)
    seg = np.hypot(px - c1 + t * dy, py - t * dy)
    return np.minimum(np.minimum(down, up), seg)


def _bisector(
    px: np.ndarray, py: np.ndarray, dx: np.ndarray, dy: np.ndarray, metric: str
) -> np.ndarray:
    """Euclidean distance from p to the bisector of the origin and (dx, dy) in ``metric``.

    The Chebyshev norm is the Manhattan norm turned by 45 degrees (and scaled), so
    its bisectors are Manhattan bisectors in turned coordinates.
    """
    if metric == "manhattan":
        return _l1_bisector(px, py, dx, dy)
    k = math.sqrt(0.5)
    return _l1_bisector(k * (px + py), k * (px - py), k * (dx + dy), k * (dx - dy))


def grid_adjacency(owner: np.ndarray, n: int) -> list[set[int]]:
    """Which owners touch on a periodic grid of owner indices."""
    out: list[set[int]] = [set() for _ in range(n)]
    for other in (np.roll(owner, 1, 0), np.roll(owner, 1, 1)):
        diff = owner != other
        pairs = np.unique(np.stack([owner[diff], other[diff]], -1), axis=0)
        for i, j in pairs:
            out[int(i)].add(int(j))
            out[int(j)].add(int(i))
    return out


def neighbours(sites: np.ndarray) -> list[set[int]]:
    """Delaunay neighbours of each site on the unit torus."""
    n = len(sites)
    out: list[set[int]] = [set() for _ in range(n)]
    if n < 2:
        return out
    shifts = np.array([(dx, dy) for dy in (-1, 0, 1) for dx in (-1, 0, 1)], np.float64)
    tiled = (sites[None, :, :] + shifts[:, None, :]).reshape(-1, 2)
    tri = Delaunay(tiled)
    simp = tri.simplices % n
    for a, b in ((0, 1), (1, 2), (2, 0)):
        for i, j in zip(simp[:, a], simp[:, b], strict=True):
            if i != j:
                out[int(i)].add(int(j))
                out[int(j)].add(int(i))
    return out


def _pad(lists: list, fill: int) -> tuple[np.ndarray, np.ndarray]:
    """Ragged index lists as a padded table (``fill`` in empty slots) and their lengths."""
    count = np.array([len(v) for v in lists], np.int64)
    table = np.full((len(lists), max(1, int(count.max(initial=1)))), fill, np.int64)
    for k, v in enumerate(lists):
        table[k, : len(v)] = v
    return table, np.maximum(count, 1)


class VoronoiCells:
    """Voronoi cells of ``sites`` (in [0, 1)) on the unit torus.

    Parameters
    ----------
    sites : (n, 2) array
    metric : str
        One of :data:`METRICS`.
    reach : float
        How far from an outline (design units) edges still matter: half the gap,
        the corner radius and the anti-aliasing band.
    """

    def __init__(self, sites: np.ndarray, metric: str, reach: float):
        self.sites = unit_torus(np.asarray(sites, np.float64).reshape(-1, 2))
        self.metric = metric
        n = len(self.sites)
        # Edges farther in than about a cell's width never show (the cell is all gap
        # by then), so the reach is capped there: it keeps the tables short.
        self.reach = min(float(reach), 0.75 / math.sqrt(max(n, 1)) + 0.005)
        reach = self.reach
        tree = cKDTree(self.sites, boxsize=1.0)
        b = int(np.clip(math.ceil(2.0 * math.sqrt(n)), 1, 160))
        self.b = b
        centres = (np.stack(np.meshgrid(np.arange(b), np.arange(b)), -1).reshape(-1, 2) + 0.5) / b
        nn, _ = tree.query(centres, k=1, p=_P[metric])
        half = math.sqrt(0.5) / b
        if metric == "manhattan":
            half *= math.sqrt(2.0)
        # The owner a of a point p of the bucket is within nn + half of p; a site b
        # whose bisector with a lies within ``reach`` of p has |pb| <= |pa| + 2 reach
        # (triangle inequality). Both are within this radius of the bucket centre.
        # Euclidean cells are convex polygons bounded by the bisectors of their
        # Delaunay neighbours only, so there the table needs just the owners.
        euclid = metric == "euclidean"
        # (A Euclidean step of r changes Manhattan distances by up to sqrt(2) r.)
        radius = nn + 2.0 * half + (0.0 if euclid else 2.0 * math.sqrt(2.0) * reach)
        radius = np.minimum(radius * (1.0 + 1e-9) + 1e-12, 0.75)
        lists = tree.query_ball_point(centres, radius, p=_P[metric])
        self.table, self.count = _pad(lists, n)
        self._sites = np.vstack([self.sites, [[0.5, 0.5]]])
        if euclid:
            adj = neighbours(self.sites)
            nb, _ = _pad([sorted(a) for a in adj], n)
            d = _wrapped(self._sites[nb] - self.sites[:, None, :])
            length = np.hypot(d[..., 0], d[..., 1])
            length[nb == n] = 1.0
            self._normal = d / length[..., None]
            self._half = np.where(nb == n, _FAR, 0.5 * length)

    def adjacency(self) -> list[set[int]]:
        """Which cells touch: Delaunay neighbours, or (other metrics) as seen on a grid."""
        if self.metric == "euclidean":
            return neighbours(self.sites)
        m = int(np.clip(8 * math.sqrt(len(self.sites)), 64, 512))
        c = (np.arange(m) + 0.5) / m
        gx, gy = np.meshgrid(c, c)
        tree = cKDTree(self.sites, boxsize=1.0)
        _, owner = tree.query(np.stack([gx.ravel(), gy.ravel()], -1), k=1, p=_P[self.metric])
        return grid_adjacency(owner.reshape(m, m), len(self.sites))

    def query(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Owner index and the two smallest distances to its cell's sides, at points.

        Distances are positive inside the cell; the second one rounds corners.
        """
        u = wrap01(np.ravel(np.asarray(x, np.float64)))
        v = wrap01(np.ravel(np.asarray(y, np.float64)))
        owner = np.empty(u.size, np.int64)
        edge = np.empty((u.size, 2), np.float64)
        step = 8192
        for s in range(0, u.size, step):
            owner[s : s + step], edge[s : s + step] = self._chunk(u[s : s + step], v[s : s + step])
        shape = np.shape(x)
        return owner.reshape(shape), edge[:, 0].reshape(shape), edge[:, 1].reshape(shape)

    def _chunk(self, u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        b = self.b
        bi = np.minimum((u * b).astype(np.intp), b - 1)
        bj = np.minimum((v * b).astype(np.intp), b - 1)
        bucket = bj * b + bi
        width = int(self.count[bucket].max())
        cand = self.table[bucket, :width]
        pad = cand == len(self.sites)
        s = self._sites[cand]
        ox = _wrapped(s[..., 0] - u[:, None])  # site relative to the point
        oy = _wrapped(s[..., 1] - v[:, None])
        euclid = self.metric == "euclidean"
        d = ox * ox + oy * oy if euclid else _dist(ox, oy, self.metric)
        d[pad] = _FAR
        k = np.argmin(d, axis=1)
        rows = np.arange(len(u))
        owner = cand[rows, k]
        if euclid:
            # Point relative to its owner, against the owner's Delaunay bisectors.
            qx = -ox[rows, k][:, None]
            qy = -oy[rows, k][:, None]
            nrm = self._normal[owner]
            bis = self._half[owner] - (nrm[..., 0] * qx + nrm[..., 1] * qy)
        else:
            # Point relative to its owner, against the bisectors with every candidate.
            qx = -ox[rows, k][:, None]
            qy = -oy[rows, k][:, None]
            # Only sites nearly as close as the owner can have a bisector within reach.
            near = d - d[rows, k][:, None] <= 2.0 * math.sqrt(2.0) * self.reach
            near[rows, k] = False
            near &= ~pad
            i, j = np.nonzero(near)
            bis = np.full(d.shape, _FAR)
            qx, qy = qx[i, 0], qy[i, 0]
            bis[i, j] = _bisector(qx, qy, ox[i, j] + qx, oy[i, j] + qy, self.metric)
        if bis.shape[1] < 2:
            bis = np.hstack([bis, np.full((len(u), 2 - bis.shape[1]), _FAR)])
        two = np.partition(bis, 1, axis=1)[:, :2] if bis.shape[1] > 2 else np.sort(bis, axis=1)
        return owner, np.minimum(two, 1.0)


def inset_cover(
    e1: np.ndarray, e2: np.ndarray, inset: float, rounding: float, footprint: float
) -> np.ndarray:
    """Coverage of a cell shrunk by ``inset`` with corners rounded by ``rounding``.

    ``e1 <= e2`` are the distances to the two nearest sides. Corners are rounded by
    offsetting the polygon in by ``inset + rounding`` and out again by ``rounding``;
    near a corner the distance to the inner polygon is taken as that to a square
    corner (exact for right angles, a slightly tighter arc for wider ones).
    """
    t1 = inset + rounding - e1
    t2 = inset + rounding - e2
    sd = np.where(t2 > 0, np.hypot(t1, t2), t1) - rounding if rounding > 0 else t1
    if footprint <= 0:
        return (sd <= 0).astype(np.float64)
    return np.clip(0.5 - sd / footprint, 0.0, 1.0)
