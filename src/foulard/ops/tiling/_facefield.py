"""Periodic tilings by convex faces: the faces of a basic cell, ready for point lookups.

A tiling is given once as convex polygons (:class:`Face`) over a window of the
plane and a rectangular *basic cell* that repeats it. :class:`FaceGeometry` keeps
the faces that meet the cell, their edge lines (unit normals, so a plane value is
a true distance) and a grid of bins listing the faces that touch each bin.
Locating a point then takes a bin lookup and a test of the few faces a bin lists
(usually one); the distance to the nearest tiling edge is exact inside a convex
face. Drawing is :mod:`foulard.ops.tiling._facedraw`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["Face", "FaceGeometry", "edge_planes"]

_EPS = 1e-9


@dataclass(frozen=True, eq=False)
class Face:
    """A convex polygon of a tiling: vertices in order, a point naming it, its kind."""

    poly: np.ndarray
    centre: np.ndarray
    kind: str

    @property
    def sides(self) -> int:
        return len(self.poly)

    def area(self) -> float:
        x, y = self.poly[:, 0], self.poly[:, 1]
        return 0.5 * abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))))

    def moved(self, dx: float, dy: float) -> Face:
        d = np.array([dx, dy])
        return Face(self.poly + d, self.centre + d, self.kind)


def _key(p: np.ndarray) -> tuple[int, int]:
    return (round(float(p[0]) * 1e7), round(float(p[1]) * 1e7))


def edge_planes(poly: np.ndarray) -> np.ndarray:
    """``(k, 3)`` rows ``(nx, ny, c)``: ``nx x + ny y - c`` is the distance outside edge k."""
    x, y = poly[:, 0], poly[:, 1]
    signed = float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))
    d = np.roll(poly, -1, axis=0) - poly
    n = np.stack([d[:, 1], -d[:, 0]], axis=1)
    if signed < 0:
        n = -n
    n /= np.hypot(n[:, 0], n[:, 1])[:, None]
    return np.column_stack([n, np.einsum("ij,ij->i", n, poly)])


def _clip(poly: np.ndarray, plane: np.ndarray) -> np.ndarray:
    """The part of a convex polygon where ``n . p <= c`` (Sutherland-Hodgman)."""
    if len(poly) == 0:
        return poly
    nx, ny, c = plane
    v = poly[:, 0] * nx + poly[:, 1] * ny - c
    out = []
    for k in range(len(poly)):
        a, b = poly[k], poly[(k + 1) % len(poly)]
        va, vb = v[k], v[(k + 1) % len(poly)]
        if va <= 0:
            out.append(a)
        if (va < 0 < vb) or (vb < 0 < va):
            out.append(a + (b - a) * (va / (va - vb)))
    return np.array(out).reshape(-1, 2)


class FaceGeometry:
    """The faces of a periodic tiling that meet its basic cell, ready for lookups.

    Parameters
    ----------
    cell : (float, float)
        Width and height of the rectangular basic cell (the tiling repeats by it).
    faces : sequence of Face
        Every face over a window reaching at least one cell beyond the basic cell on
        each side (neighbours across edges must be present).
    """

    def __init__(self, cell: tuple[float, float], faces: Sequence[Face]):
        cw, ch = self.cell = (float(cell[0]), float(cell[1]))
        shifts = []
        for f in faces:
            shifts.append(
                (math.floor(f.centre[0] / cw + _EPS), math.floor(f.centre[1] / ch + _EPS))
            )
        canon: dict[tuple[int, int], int] = {}
        self.faces: list[Face] = []  # canonical faces (centre in the basic cell)
        for f, (sx, sy) in zip(faces, shifts, strict=True):
            if sx == 0 and sy == 0:
                k = _key(f.centre)
                if k not in canon:
                    canon[k] = len(self.faces)
                    self.faces.append(f)
        ids = []
        for f, (sx, sy) in zip(faces, shifts, strict=True):
            ids.append(canon.get(_key(f.centre - np.array([sx * cw, sy * ch]))))
        copies, planes = [], []
        for n, f in enumerate(faces):
            if ids[n] is None:
                continue
            lo, hi = f.poly.min(axis=0), f.poly.max(axis=0)
            if hi[0] < -_EPS or hi[1] < -_EPS or lo[0] > cw + _EPS or lo[1] > ch + _EPS:
                continue
            pl = edge_planes(f.poly)
            if not _meets_rect(pl, f.poly, (0.0, 0.0, cw, ch)):
                continue
            copies.append((ids[n], shifts[n][0], shifts[n][1], f.poly))
            planes.append(pl)
        self.face_centres = np.array([f.centre for f in self.faces]).reshape(-1, 2)
        self.max_sides = emax = max(len(p) for p in planes)
        nc = len(copies)
        self.copy_face = np.array([c[0] for c in copies], np.int64)
        self.copy_shift = np.array([(c[1], c[2]) for c in copies], np.int64)
        self.copy_poly = [c[3] for c in copies]
        self.planes = np.empty((nc, emax, 3))
        for c in range(nc):
            k = len(planes[c])
            self.planes[c, :k] = planes[c]
            self.planes[c, k:] = planes[c][-1]
        self._bins()

    def _bins(self) -> None:
        cw, ch = self.cell
        inr = []
        for poly in self.copy_poly:
            pl = edge_planes(poly)
            cen = poly.mean(axis=0)
            inr.append(float(np.min(pl[:, 2] - pl[:, :2] @ cen)))
        h = max(min(inr), 1e-3 * cw) / 6.0
        self.bx = bx = int(np.clip(math.ceil(cw / h), 4, 256))
        self.by = by = int(np.clip(math.ceil(ch / h), 4, 256))
        xs = np.arange(bx + 1) * (cw / bx)
        ys = np.arange(by + 1) * (ch / by)
        nc = len(self.copy_poly)
        hit = np.zeros((nc, by, bx), bool)
        depth = np.full((nc, by, bx), np.inf)
        x0, x1 = xs[None, :-1], xs[None, 1:]
        y0, y1 = ys[:-1, None], ys[1:, None]
        for c, poly in enumerate(self.copy_poly):
            lo, hi = poly.min(axis=0), poly.max(axis=0)
            ok = (x1 >= lo[0] - _EPS) & (x0 <= hi[0] + _EPS) & (y1 >= lo[1] - _EPS)
            ok = ok & (y0 <= hi[1] + _EPS)
            for nx, ny, cc in self.planes[c]:
                corners = (
                    nx * x0 + ny * y0,
                    nx * x1 + ny * y0,
                    nx * x0 + ny * y1,
                    nx * x1 + ny * y1,
                )
                # Separated if every corner of the bin is outside this edge.
                ok &= (
                    np.minimum(
                        np.minimum(corners[0], corners[1]), np.minimum(corners[2], corners[3])
                    )
                    - cc
                    <= _EPS
                )
                # Depth: the distance to the boundary is concave inside a convex face,
                # so its least value over a bin is at a corner.
                most = np.maximum(
                    np.maximum(corners[0], corners[1]), np.maximum(corners[2], corners[3])
                )
                depth[c] = np.minimum(depth[c], cc - most)
            hit[c] = ok
        count = hit.sum(axis=0).reshape(-1)
        if count.min() < 1:
            raise ValueError("the faces do not cover the basic cell")
        self.bin_count = count
        m = int(count.max())
        order = np.argsort(~hit.reshape(nc, -1), axis=0, kind="stable")
        cand = order[:m].T  # (bins, m): the faces hit first, padded with misses
        first = cand[:, :1]
        pad = np.arange(m)[None, :] >= count[:, None]
        self.bin_cand = np.where(pad, first, cand)
        # How far every point of a bin lies inside its one face (0 where several meet).
        own = depth.reshape(nc, -1)[first[:, 0], np.arange(count.size)]
        self.bin_depth = np.where(count == 1, np.maximum(own, 0.0), 0.0)

    def bin_of(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        cw, ch = self.cell
        bi = np.minimum((u * (self.bx / cw)).astype(np.int64), self.bx - 1)
        bj = np.minimum((v * (self.by / ch)).astype(np.int64), self.by - 1)
        return bj * self.bx + bi

    def locate(self, u: np.ndarray, v: np.ndarray, b: np.ndarray | None = None) -> np.ndarray:
        """The face copy containing each point of the basic cell (lattice units)."""
        if b is None:
            b = self.bin_of(u, v)
        fc = self.bin_cand[b, 0]
        amb = np.flatnonzero(self.bin_count[b] > 1)
        if amb.size:
            cands = self.bin_cand[b[amb]]
            ua, va = u[amb, None], v[amb, None]
            best = np.full(amb.size, np.inf)
            pick = cands[:, 0].copy()
            for m in range(cands.shape[1]):
                pl = self.planes[cands[:, m]]  # (n, e, 3)
                sd = (pl[..., 0] * ua + pl[..., 1] * va - pl[..., 2]).max(axis=1)
                better = sd < best
                best[better] = sd[better]
                pick[better] = cands[better, m]
            fc[amb] = pick
        return fc

    def inset_polygons(self, offset: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each face copy shrunk by ``offset`` (lattice units), as padded edge segments.

        Returns starts ``(n, e, 2)``, directions ``(n, e, 2)`` and their inverse
        squared lengths ``(n, e)`` (0 for padding). A face thinner than twice the
        offset vanishes: its starts are far away (1e3), so nothing is near it.
        """
        shrunk = []
        for poly in self.copy_poly:
            q = poly
            for nx, ny, cc in edge_planes(poly):
                q = _clip(q, np.array([nx, ny, cc - offset]))
            shrunk.append(q)
        n, e = len(shrunk), max(*(len(q) for q in shrunk), 1)
        start = np.full((n, e, 2), 1e3)
        step = np.zeros((n, e, 2))
        inv = np.zeros((n, e))
        for c, q in enumerate(shrunk):
            if len(q):
                k = len(q)
                start[c, :k] = q
                start[c, k:] = q[-1]
                step[c, :k] = np.roll(q, -1, axis=0) - q
                ll = (step[c, :k] ** 2).sum(axis=1)
                inv[c, :k] = np.where(ll > 0, 1.0 / np.where(ll > 0, ll, 1.0), 0.0)
        return start, step, inv


def _meets_rect(planes: np.ndarray, poly: np.ndarray, rect) -> bool:
    x0, y0, x1, y1 = rect
    corners = np.array([[x0, y0], [x1, y0], [x0, y1], [x1, y1]])
    return all((corners @ np.array([nx, ny]) - c).min() <= _EPS for nx, ny, c in planes)
