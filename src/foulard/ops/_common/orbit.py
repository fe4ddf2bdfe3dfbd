"""Motif-centred folding: the engine shared by the wallpaper, frieze and offset samplers.

A symmetry sampler shows one motif, placed at a centre ``c`` of the repeat cell, and
all its images under a group ``G``. At a point ``p`` it must answer: which image of
the motif covers ``p``? We answer with the image whose centre is nearest: among all
``g in G`` we take the one that brings ``p`` closest to ``c`` (``|g(p) - c|``
smallest) and sample the motif at ``g(p)``. So each image of the motif owns its
Voronoi cell in the orbit of ``c``, and a motif is never cut except where it would
overlap a neighbour. When ``c`` lies on a mirror or a rotation centre, the images
that keep ``c`` fixed (its stabiliser) all tie; a second fold picks the one whose
offset from ``c`` points most nearly along a fixed direction, which turns the motif
into a kaleidoscope about ``c``, cut along the mirrors through it.

Exactness. Points are expressed in *lattice coordinates* (``p = a e1 + b e2``),
wrapped with :func:`~foulard.ops._common.geometry.wrap01`, and every group element
is an integer matrix plus a dyadic translation in those coordinates. So ``g(q)`` is
computed without rounding, and ``p`` and any image of ``p`` under the group land on
bit-identical motif coordinates (up to ties between equally near images, which form
the cut lines themselves).

Speed. The orbit of ``c`` is fixed per node, so the cell is cut into bins. Most bins
lie inside one Voronoi cell and one sector (their four corners agree, and both are
convex), and store the one op that serves every point in them. The others list the
few orbit points that can be nearest somewhere in the bin (within the nearest
distance plus the bin's diameter), and only their points compare those candidates.
Either way the cost does not grow with the order of the group.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.geometry import wrap01
from foulard.ops._common.isometry import Op

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["Plan", "build_plan", "fold", "fold_sample"]

# Direction (motif frame, y down) that picks the kaleidoscope sector about ``c``: just
# clockwise of the motif's "up", off every mirror a lattice can carry.
_SECTOR_TURN = 0.23
_TOL = 1e-9


@dataclass(frozen=True)
class Plan:
    """Everything a sampler needs per node, computed once from the parameters."""

    basis: np.ndarray  # (2, 2): lattice coordinates -> design units (columns e1, e2)
    periodic_b: bool
    b_range: tuple[float, float]
    bins: tuple[int, int]
    k: int
    all_sure: bool
    centre: tuple[float, float]
    scale: float  # motif units per design unit (footprint factor)
    cand: np.ndarray  # (bins * k,): each bin's candidate orbit points, nearest first
    orbit_x: np.ndarray  # (n,): orbit points of the centre, design units
    orbit_y: np.ndarray
    moves: np.ndarray  # (6, n): for each orbit point, an op taking it to the centre
    bin_ops: np.ndarray  # (6, bins): the op at the bin's middle (orbit point, sector)
    bin_sure: np.ndarray  # (bins,): that op holds for every point of the bin
    stab_dir: np.ndarray  # (m, 2): sector directions pulled back by each stabiliser op
    stab_ops: np.ndarray  # (6, m)
    place: np.ndarray  # (2, 2): lattice offset from the centre -> motif units


def _orbit(group, B, centre, reach, periodic_b, tol, keep):
    """Orbit points of ``centre`` (design units) with an op taking each to the centre,
    and the stabiliser of the centre; ops as rows ``(a00, a01, a10, a11, ta, tb)``.

    Orbit points are enumerated within ``reach`` of the centre and kept where
    ``keep(lattice_coords, design_coords)`` is true. Orbit points closer than ``tol``
    are merged, with the same tolerance that decides the stabiliser, so the two
    always agree.
    """
    area = abs(np.linalg.det(B))
    ra = math.ceil(reach * np.linalg.norm(B[:, 1]) / area) + 2
    rb = math.ceil(reach * np.linalg.norm(B[:, 0]) / area) + 2 if periodic_b else 0
    ta, tb = np.meshgrid(np.arange(-ra, ra + 1.0), np.arange(-rb, rb + 1.0), indexing="ij")
    shifts = np.stack([ta.ravel(), tb.ravel()], axis=1)
    shifts = shifts[np.argsort(np.abs(shifts).sum(axis=1), kind="stable")]  # (0, 0) first
    c = np.array(centre, np.float64)
    all_lat, all_pts, all_ops, stab = [], [], [], []
    for op in group:
        A = op.matrix
        t = np.array([op.ta, op.tb]) + shifts  # translation part of each element
        # g(q) = A q + t; its orbit point o = g^-1(c) satisfies g(o) = c.
        o = (c - t) @ np.rint(np.linalg.inv(A)).T  # A is unimodular
        all_lat.append(o)
        all_pts.append(o @ B.T)
        rows = np.empty((len(t), 6))
        rows[:, :4] = A.ravel()
        rows[:, 4:] = t
        all_ops.append(rows)
        moved = (c @ A.T + t - c) @ B.T
        stab.append(rows[np.hypot(moved[:, 0], moved[:, 1]) < tol])
    pts = np.concatenate(all_pts)
    ops_ = np.concatenate(all_ops)
    near = keep(np.concatenate(all_lat), pts)
    pts, ops_ = pts[near], ops_[near]
    d = np.hypot(pts[:, None, 0] - pts[None, :, 0], pts[:, None, 1] - pts[None, :, 1])
    first = ~np.any(np.tril(d < tol, k=-1), axis=1)
    return pts[first], ops_[first], np.concatenate(stab)


@functools.lru_cache(maxsize=64)
def build_plan(
    group: tuple[Op, ...],
    basis: tuple[float, float, float, float],
    centre: tuple[float, float],
    *,
    size: float,
    rotation: float,
    periodic_b: bool = True,
) -> Plan:
    """Orbit, stabiliser and bin tables of ``group`` about ``centre`` (lattice coords).

    Parameters
    ----------
    group : tuple of Op
        Coset representatives of the group modulo its translations (identity first).
    basis : tuple of float
        ``(e1x, e2x, e1y, e2y)``: the lattice vectors in design units.
    centre : tuple of float
        The motif centre in lattice coordinates.
    size : float
        Width of the motif box in design units.
    rotation : float
        Clockwise turn of the motif, degrees.
    periodic_b : bool
        False for friezes: only ``a`` repeats, ``b`` is clipped to [-1, 1].
    """
    B = np.array(basis, np.float64).reshape(2, 2)
    ca, cb = centre
    b0, b1 = (0.0, 1.0) if periodic_b else (-1.0, 1.0)
    corners = B @ np.array([[0, 1, 0, 1], [b0, b0, b1, b1]], np.float64)
    diam = float(np.max(np.linalg.norm(corners[:, :, None] - corners[:, None, :], axis=0)))
    cell_scale = float(np.sqrt(abs(np.linalg.det(B)) * (b1 - b0)))
    tol = _TOL * cell_scale
    # Keep orbit points that can be nearest somewhere in the binned region. On a
    # lattice every point there is within ``diam / 2`` of the region's middle and of
    # a translate of c. Along a frieze, each class of orbit points is nearest in its
    # translate less than half a period away.
    mid = B @ np.array([0.5, (b0 + b1) / 2])

    def keep(lat: np.ndarray, xy: np.ndarray) -> np.ndarray:
        if periodic_b:
            return np.hypot(*(xy - mid).T) <= diam + tol
        return (lat[:, 0] >= -0.5 - _TOL) & (lat[:, 0] <= 1.5 + _TOL)

    pts, movers, stab = _orbit(group, B, (ca, cb), 3 * diam, periodic_b, tol, keep)

    # Stabiliser of c: the kaleidoscope sector is the one facing ``direction``.
    rad = math.radians(rotation)
    cr, sr = math.cos(rad), math.sin(rad)
    up = (math.sin(_SECTOR_TURN), -math.cos(_SECTOR_TURN))
    direction = np.array([cr * up[0] - sr * up[1], sr * up[0] + cr * up[1]])
    Binv = np.linalg.inv(B)
    stab_dir = np.array([(B @ row[:4].reshape(2, 2) @ Binv).T @ direction for row in stab])

    # Bins over the cell, about 64 across. A bin is sure when its four corners agree
    # on the orbit point and the sector, each by a margin: the Voronoi cell and the
    # sector are convex, so then every point of the bin does, and the bin stores that
    # one op.
    step = cell_scale / 64
    ga = max(2, min(256, math.ceil(np.linalg.norm(B[:, 0]) / step)))
    gb = max(2, min(512, math.ceil(np.linalg.norm(B[:, 1]) * (b1 - b0) / step)))
    ia, ib = np.meshgrid(
        np.arange(ga + 1) / ga, b0 + np.arange(gb + 1) * ((b1 - b0) / gb), indexing="ij"
    )
    corners = np.stack([ia.ravel(), ib.ravel()], axis=1)
    key, ok, near, pick = _region(corners, B, pts, movers, stab_dir, (ca, cb), tol)
    key = key.reshape(ga + 1, gb + 1)
    ok = ok.reshape(ga + 1, gb + 1)
    quad = [key[:-1, :-1], key[1:, :-1], key[:-1, 1:], key[1:, 1:]]
    sure = ok[:-1, :-1] & ok[1:, :-1] & ok[:-1, 1:] & ok[1:, 1:]
    sure &= (quad[0] == quad[1]) & (quad[0] == quad[2]) & (quad[0] == quad[3])
    sure = sure.ravel()
    first = near.reshape(ga + 1, gb + 1)[:-1, :-1].ravel()
    sector = pick.reshape(ga + 1, gb + 1)[:-1, :-1].ravel()
    bin_ops = _compose(movers[first], stab[sector])

    # The other bins list the orbit points that can be nearest somewhere in them:
    # within the bin's nearest distance (from its middle) plus its diameter.
    unsure = np.flatnonzero(~sure)
    half = B @ np.array([[0.5 / ga, 0.5 / ga], [0.5 * (b1 - b0) / gb, -0.5 * (b1 - b0) / gb]])
    radius = float(np.max(np.linalg.norm(half, axis=0)))
    mids = np.stack([(unsure // gb + 0.5) / ga, b0 + (unsure % gb + 0.5) * ((b1 - b0) / gb)], 1)
    mids_xy = mids @ B.T
    dist = np.hypot(mids_xy[:, None, 0] - pts[None, :, 0], mids_xy[:, None, 1] - pts[None, :, 1])
    dist[dist > dist.min(axis=1, keepdims=True, initial=np.inf) + 2 * radius + tol] = np.inf
    counts = np.isfinite(dist).sum(axis=1)
    k = max(1, int(counts.max(initial=1)))
    order = np.argpartition(dist, k - 1, axis=1)[:, :k] if k < len(pts) else np.argsort(dist)
    order = np.take_along_axis(order, np.argsort(np.take_along_axis(dist, order, 1), 1), 1)
    for j in range(1, k):  # pad with the nearest (never wins a strict comparison)
        order[counts <= j, j] = order[counts <= j, 0]
    chosen = np.zeros((ga * gb, k), np.int32)
    chosen[unsure] = order[:, :k]

    c, s = math.cos(-rad), math.sin(-rad)
    place = np.array([[c, -s], [s, c]]) @ B / size
    tables = {
        "cand": chosen.ravel().astype(np.int32),
        "orbit_x": pts[:, 0],
        "orbit_y": pts[:, 1],
        "moves": movers.T,
        "bin_ops": bin_ops.T,
        "bin_sure": sure,
        "stab_dir": stab_dir,
        "stab_ops": stab.T,
        "place": place,
    }
    tables = {name: np.ascontiguousarray(arr) for name, arr in tables.items()}
    for arr in tables.values():
        arr.setflags(write=False)
    return Plan(
        basis=B,
        periodic_b=periodic_b,
        b_range=(b0, b1),
        bins=(ga, gb),
        k=k,
        all_sure=bool(sure.all()),
        centre=(ca, cb),
        scale=1.0 / size,
        **tables,
    )


def _region(q, B, pts, movers, stab_dir, centre, tol):
    """Nearest orbit point and sector at lattice points ``q``, and whether both are clear."""
    xy = q @ B.T
    d = np.hypot(xy[:, None, 0] - pts[None, :, 0], xy[:, None, 1] - pts[None, :, 1])
    two = np.partition(d, 1, axis=1)[:, :2] if d.shape[1] > 1 else np.hstack([d, d + 1.0])
    near = np.argmin(d, axis=1)
    ok = two[:, 1] - two[:, 0] > tol
    mv = movers[near]
    z = np.stack(
        [
            mv[:, 0] * q[:, 0] + mv[:, 1] * q[:, 1] + mv[:, 4],
            mv[:, 2] * q[:, 0] + mv[:, 3] * q[:, 1] + mv[:, 5],
        ],
        axis=1,
    )
    score = ((z - np.asarray(centre)) @ B.T) @ stab_dir.T
    pick = np.argmax(score, axis=1)
    if score.shape[1] > 1:
        top = np.partition(score, -2, axis=1)[:, -2:]
        ok &= top[:, 1] - top[:, 0] > tol
    return near * score.shape[1] + pick, ok, near, pick


def _compose(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Op rows of ``second`` after ``first``, row by row (exact: small integers, dyadic shifts)."""
    a1 = first[:, :4].reshape(-1, 2, 2)
    a2 = second[:, :4].reshape(-1, 2, 2)
    out = np.empty_like(first)
    out[:, :4] = (a2 @ a1).reshape(-1, 4)
    out[:, 4:] = (a2 @ first[:, 4:, None])[:, :, 0] + second[:, 4:]
    return out


def _gather_apply(table: np.ndarray, idx: np.ndarray, qa: np.ndarray, qb: np.ndarray):
    """Apply, pointwise, the op in column ``idx`` of a ``(6, n)`` op table. Exact."""
    a00, a01, a10, a11, ta, tb = (row[idx] for row in table)
    return a00 * qa + a01 * qb + ta, a10 * qa + a11 * qb + tb


def _select(plan: Plan, qa, qb, bins) -> tuple[np.ndarray, np.ndarray]:
    """The image nearest the centre, folded into the sector (points of unsure bins)."""
    B = plan.basis
    base = bins * plan.k
    best = plan.cand[base]
    if plan.k > 1:
        x = B[0, 0] * qa + B[0, 1] * qb
        y = B[1, 0] * qa + B[1, 1] * qb
        dx = x - plan.orbit_x[best]
        dy = y - plan.orbit_y[best]
        best_d = dx * dx + dy * dy
        for j in range(1, plan.k):
            idx = plan.cand[base + j]
            dx = x - plan.orbit_x[idx]
            dy = y - plan.orbit_y[idx]
            d = dx * dx + dy * dy
            best = np.where(d < best_d, idx, best)
            best_d = np.minimum(d, best_d)
    za, zb = _gather_apply(plan.moves, best, qa, qb)
    m = plan.stab_ops.shape[1]
    if m > 1:
        ca, cb = plan.centre
        da, db = za - ca, zb - cb
        wx = B[0, 0] * da + B[0, 1] * db
        wy = B[1, 0] * da + B[1, 1] * db
        score = wx * plan.stab_dir[0, 0] + wy * plan.stab_dir[0, 1]
        pick = np.zeros(score.shape, np.intp)
        for j in range(1, m):
            sj = wx * plan.stab_dir[j, 0] + wy * plan.stab_dir[j, 1]
            pick[sj > score] = j
            score = np.maximum(sj, score)
        za, zb = _gather_apply(plan.stab_ops, pick, za, zb)
    return za, zb


def fold(plan: Plan, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Motif coordinates ``(u, v)`` of points given in lattice coordinates ``(a, b)``."""
    ga, gb = plan.bins
    qa = wrap01(a)
    if plan.periodic_b:
        qb = wrap01(b)
        ib = (qb * gb).astype(np.intp)  # qb < 1 - 2^-24, so ib < gb
    else:
        b0, b1 = plan.b_range
        qb = np.clip(b, b0, b1)
        ib = np.minimum(((qb - b0) * (gb / (b1 - b0))).astype(np.intp), gb - 1)
    bins = (qa * ga).astype(np.intp)
    bins *= gb
    bins += ib
    za, zb = _gather_apply(plan.bin_ops, bins, qa, qb)
    if not plan.all_sure:
        unsure = np.flatnonzero(~plan.bin_sure[bins])
        if unsure.size:
            sa, sb = _select(plan, qa.flat[unsure], qb.flat[unsure], bins.flat[unsure])
            np.put(za, unsure, sa)
            np.put(zb, unsure, sb)
    ca, cb = plan.centre
    za -= ca
    zb -= cb
    P = plan.place
    return 0.5 + P[0, 0] * za + P[0, 1] * zb, 0.5 + P[1, 0] * za + P[1, 1] * zb


def fold_sample(plan: Plan, call: Call, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The motif input sampled at the folded images of lattice points ``(a, b)``."""
    u, v = fold(plan, a, b)
    return call.input("motif", u, v, call.footprint * plan.scale)
