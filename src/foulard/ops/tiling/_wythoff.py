"""Wythoff's kaleidoscope for the plane: uniform tilings and their duals from chambers.

The mirror groups ``p6m`` and ``p4m`` cut the plane into triangular *chambers*
(fundamental triangles). Every chamber has one corner of each kind: ``A`` (the
6- or 4-fold centre of the lattice), ``B`` (the 3-fold centre of ``p6m``, the
square corner of ``p4m``) and ``C`` (a 2-fold centre). A *generator* point ``G``
placed in one chamber and copied into all of them by the mirrors gives the
vertices of a uniform tiling; the faces are the polygons of copies around each
corner, and the dual (Laves) tiling has a face around every vertex whose corners
are the centres of the faces there.

Alternating the chambers (keeping ``G`` only in chambers of one handedness) gives
the snub tilings: the corner polygons halve and every dropped chamber leaves a
triangle. Coordinates are in *lattice units*: neighbouring ``A`` centres are 1
apart; the basic periodic cell is a rectangle (``cell``) holding whole lattice cells.

References: Coxeter 1973, *Regular Polytopes*, §5.7 (Wythoff's construction);
Grünbaum & Shephard 1987, *Tilings and Patterns*, §2.1, §2.7.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from foulard.ops.tiling._facefield import Face

__all__ = [
    "GROUPS",
    "Chamber",
    "Mirrors",
    "dual_faces",
    "snub_dual_faces",
    "snub_faces",
    "snub_point",
    "uniform_faces",
    "wythoff_point",
]

_SQ3 = math.sqrt(3.0)
_KEY = 1e-7


def key(p) -> tuple[int, int]:
    """A hashable key of a point (rounded to 1e-7 lattice units)."""
    return (round(float(p[0]) / _KEY), round(float(p[1]) / _KEY))


@dataclass(frozen=True)
class Mirrors:
    """A planar kaleidoscope: its lattice of ``A`` centres and its base chamber."""

    name: str
    order: int  # rotations about A: 6 or 4
    cell: tuple[float, float]  # the rectangular basic cell
    a_points: tuple[tuple[float, float], ...]  # A centres in the basic cell
    base: tuple[tuple[float, float], tuple[float, float], tuple[float, float]]  # A0, B0, C0
    angles: tuple[float, float, float]  # chamber angles at A, B, C (radians)


GROUPS = {
    "p6m": Mirrors(
        "p6m",
        6,
        (1.0, _SQ3),
        ((0.0, 0.0), (0.5, 0.5 * _SQ3)),
        ((0.0, 0.0), (0.5, 0.5 / _SQ3), (0.5, 0.0)),
        (math.pi / 6, math.pi / 3, math.pi / 2),
    ),
    "p4m": Mirrors(
        "p4m",
        4,
        (1.0, 1.0),
        ((0.0, 0.0),),
        ((0.0, 0.0), (0.5, 0.5), (0.5, 0.0)),
        (math.pi / 4, math.pi / 4, math.pi / 2),
    ),
}


@dataclass(frozen=True)
class Chamber:
    """One fundamental triangle: its corners A, B, C and its handedness (0 or 1)."""

    a: tuple[float, float]
    b: tuple[float, float]
    c: tuple[float, float]
    parity: int

    def point(self, bary: tuple[float, float, float]) -> np.ndarray:
        wa, wb, wc = bary
        return wa * np.array(self.a) + wb * np.array(self.b) + wc * np.array(self.c)

    def corners(self) -> dict[str, tuple[float, float]]:
        return {"A": self.a, "B": self.b, "C": self.c}


@functools.cache
def chambers(group: str, reach: int = 2) -> tuple[Chamber, ...]:
    """The chambers around every A centre of the cells ``-reach..reach`` (both ways)."""
    g = GROUPS[group]
    cw, ch = g.cell
    a0, b0, c0 = (np.array(v) for v in g.base)
    out = []
    for j in range(-reach, reach + 1):
        for i in range(-reach, reach + 1):
            for ax, ay in g.a_points:
                a = np.array([ax + i * cw, ay + j * ch])
                for k in range(g.order):
                    t = 2.0 * math.pi * k / g.order
                    rot = np.array([[math.cos(t), -math.sin(t)], [math.sin(t), math.cos(t)]])
                    for r in (0, 1):
                        m = rot @ np.diag([1.0, -1.0]) if r else rot
                        pa, pb, pc = a + m @ a0, a + m @ b0, a + m @ c0
                        out.append(Chamber(tuple(pa), tuple(pb), tuple(pc), r))
    return tuple(out)


def _ring(points: list[np.ndarray], centre: np.ndarray) -> np.ndarray | None:
    """Distinct points sorted by angle about ``centre``; None if fewer than three."""
    seen: dict[tuple[int, int], np.ndarray] = {}
    for p in points:
        seen.setdefault(key(p), np.asarray(p, np.float64))
    if len(seen) < 3:
        return None
    pts = np.array(list(seen.values()))
    ang = np.arctan2(pts[:, 1] - centre[1], pts[:, 0] - centre[0])
    return pts[np.argsort(ang)]


def _corner_groups(group: str, reach: int) -> dict[tuple[str, tuple[int, int]], list[int]]:
    """Chamber indices around each corner point, keyed by (kind, point key)."""
    out: dict[tuple[str, tuple[int, int]], list[int]] = {}
    for n, ch in enumerate(chambers(group, reach)):
        for kind, p in ch.corners().items():
            out.setdefault((kind, key(p)), []).append(n)
    return out


def uniform_faces(group: str, bary: tuple[float, float, float], reach: int = 2) -> list[Face]:
    """Faces of the uniform tiling whose vertices are the copies of ``G`` (barycentric)."""
    chs = chambers(group, reach)
    verts = [ch.point(bary) for ch in chs]
    faces = []
    for (kind, _), members in _corner_groups(group, reach).items():
        centre = np.array(chs[members[0]].corners()[kind])
        ring = _ring([verts[m] for m in members], centre)
        if ring is not None:
            faces.append(Face(ring, centre, kind))
    return faces


def face_kinds(group: str, bary: tuple[float, float, float]) -> set[str]:
    """Corner kinds that carry a face (more than two distinct vertices around them)."""
    return {f.kind for f in uniform_faces(group, bary, reach=1)}


def dual_faces(group: str, bary: tuple[float, float, float], reach: int = 2) -> list[Face]:
    """Faces of the Laves tiling dual to :func:`uniform_faces` (one per vertex)."""
    chs = chambers(group, reach)
    kinds = face_kinds(group, bary)
    around: dict[tuple[int, int], list[int]] = {}
    for n, ch in enumerate(chs):
        around.setdefault(key(ch.point(bary)), []).append(n)
    faces = []
    for members in around.values():
        v = chs[members[0]].point(bary)
        pts = [np.array(chs[m].corners()[k]) for m in members for k in sorted(kinds)]
        ring = _ring(pts, v)
        if ring is not None:
            faces.append(Face(ring, v, "V"))
    return faces


def _neighbours(group: str, reach: int) -> list[list[int]]:
    """For each chamber, the chambers across its three sides (where present)."""
    chs = chambers(group, reach)
    sides: dict[tuple, list[int]] = {}
    for n, ch in enumerate(chs):
        pts = (key(ch.a), key(ch.b), key(ch.c))
        for s in ((0, 1), (1, 2), (0, 2)):
            sides.setdefault(tuple(sorted((pts[s[0]], pts[s[1]]))), []).append(n)
    out: list[list[int]] = [[] for _ in chs]
    for members in sides.values():
        if len(members) == 2:
            a, b = members
            out[a].append(b)
            out[b].append(a)
    return out


def snub_faces(
    group: str, bary: tuple[float, float, float], hand: int = 0, reach: int = 2
) -> list[Face]:
    """Faces of the snub tiling: ``G`` kept only in chambers of parity ``hand``.

    Corner polygons keep every other vertex; each chamber of the other parity
    becomes a triangle (kind ``"S"``) of the three kept vertices across its sides.
    """
    chs = chambers(group, reach)
    verts = [ch.point(bary) for ch in chs]
    faces = []
    for (kind, _), members in _corner_groups(group, reach).items():
        kept = [m for m in members if chs[m].parity == hand]
        centre = np.array(chs[members[0]].corners()[kind])
        ring = _ring([verts[m] for m in kept], centre)
        if ring is not None and len(kept) == len(members) // 2:
            faces.append(Face(ring, centre, kind))
    for n, nbrs in enumerate(_neighbours(group, reach)):
        if chs[n].parity != hand and len(nbrs) == 3:
            pts = [verts[m] for m in nbrs]
            centre = np.mean(pts, axis=0)
            ring = _ring(pts, centre)
            if ring is not None:
                faces.append(Face(ring, centre, "S"))
    return faces


def snub_dual_faces(
    group: str, bary: tuple[float, float, float], hand: int = 0, reach: int = 2
) -> list[Face]:
    """Faces of the Laves tiling dual to :func:`snub_faces` (pentagons: Cairo, floret)."""
    chs = chambers(group, reach)
    nbrs = _neighbours(group, reach)
    groups = _corner_groups(group, reach)
    faces = []
    for n, ch in enumerate(chs):
        if ch.parity != hand or len(nbrs[n]) != 3:
            continue
        v = ch.point(bary)
        pts = []
        for kind, p in ch.corners().items():
            if len(groups[(kind, key(p))]) // 2 >= 3:  # the corner keeps a polygon
                pts.append(np.array(p))
        for m in nbrs[n]:
            if len(nbrs[m]) == 3:
                pts.append(np.mean([chs[q].point(bary) for q in nbrs[m]], axis=0))
        ring = _ring(pts, v)
        if ring is not None:
            faces.append(Face(ring, v, "V"))
    return faces


def _inward_lines(group: str) -> dict[str, tuple[np.ndarray, float]]:
    """The chamber's sides as ``(n, c)`` with ``n . p - c`` the distance inside."""
    a, b, c = (np.array(v) for v in GROUPS[group].base)
    out = {}
    for name, (p0, p1, opp) in {"BC": (b, c, a), "AC": (a, c, b), "AB": (a, b, c)}.items():
        d = p1 - p0
        n = np.array([-d[1], d[0]]) / math.hypot(*d)
        if n @ (opp - p0) < 0:
            n = -n
        out[name] = (n, float(n @ p0))
    return out


def _barycentric(group: str, p: np.ndarray) -> tuple[float, float, float]:
    a, b, c = (np.array(v) for v in GROUPS[group].base)
    m = np.array([[b[0] - a[0], c[0] - a[0]], [b[1] - a[1], c[1] - a[1]]])
    u, v = np.linalg.solve(m, p - a)
    return (float(1.0 - u - v), float(u), float(v))


@functools.cache
def wythoff_point(group: str, on: str) -> tuple[float, float, float]:
    """Barycentric ``G`` on the sides named in ``on`` (``"AB"``, ``"AB,BC"``, or ``""``)
    and equally far from the other sides: the uniform tiling's edges are then equal."""
    lines = _inward_lines(group)
    on_sides = {s for s in on.split(",") if s}
    rows, rhs = [], []
    for name, (n, c) in lines.items():
        rows.append([n[0], n[1], 0.0 if name in on_sides else -1.0])
        rhs.append(c)
    gx, gy, _ = np.linalg.solve(np.array(rows), np.array(rhs))
    return _barycentric(group, np.array([gx, gy]))


@functools.cache
def snub_point(group: str) -> tuple[float, float, float]:
    """Barycentric ``G`` whose alternated copies make all edges of the snub tiling equal.

    An edge joins two kept copies of ``G`` turned about a corner by twice the chamber
    angle there, so its length is ``2 |G - X| sin(angle at X)``: the three must agree.
    """
    g = GROUPS[group]
    a, b, c = (np.array(v) for v in g.base)
    sa, sb, sc = (math.sin(t) for t in g.angles)

    def eqs(p: np.ndarray) -> np.ndarray:
        la = math.hypot(*(p - a)) * sa
        return np.array([la - math.hypot(*(p - b)) * sb, la - math.hypot(*(p - c)) * sc])

    p = (a + b + c) / 3.0
    for _ in range(50):  # Newton's method with a numerical Jacobian
        f = eqs(p)
        if np.abs(f).max() < 1e-15:
            break
        h = 1e-7
        dx = (eqs(p + np.array([h, 0.0])) - f) / h
        dy = (eqs(p + np.array([0.0, h])) - f) / h
        p = p - np.linalg.solve(np.column_stack([dx, dy]), f)
    return _barycentric(group, np.asarray(p))
