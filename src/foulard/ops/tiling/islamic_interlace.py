"""Interlaced strapwork: Hankin star patterns woven over and under as bands."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.chunks import chunked
from foulard.ops.params import Params, param
from foulard.ops.registry import operator
from foulard.ops.tiling._cell_pattern import CellPattern
from foulard.ops.tiling._islamic import BASE_TILINGS
from foulard.ops.tiling._strapwork import (
    banded,
    edge_length,
    hankin_stars,
    line_reach,
    star_motifs,
)

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["InterlaceParams", "Weave", "islamic_interlace", "weave"]


@dataclass(frozen=True)
class InterlaceParams(Params):
    base: str = param(
        "4.8.8", choices=BASE_TILINGS, doc="the underlying tiling of regular polygons"
    )
    contact_angle: float = param(
        67.5, range=(30.0, 80.0), doc="angle of the strands to the polygon edges", unit="degrees"
    )
    repeats: int = param(3, range=(1, 16), doc="cells of the base tiling across the design")
    rotation: float = param(
        0.0, range=(-180.0, 180.0), doc="clockwise turn of the pattern", unit="degrees"
    )
    band_width: float = param(
        0.16, range=(0.04, 0.35), doc="width of the woven bands", unit="tile edges"
    )
    outline: float = param(
        0.025, range=(0.006, 0.08), doc="width of the edge lines of the bands", unit="tile edges"
    )
    ground_color: int = param(1, range=(0, 47), doc="palette role of the ground")
    star_color: int = param(2, range=(0, 47), doc="palette role of the stars in the large polygons")
    small_star_color: int = param(4, range=(0, 47), doc="palette role of the other stars")
    band_color: int = param(0, range=(0, 47), doc="palette role of the bands")
    outline_color: int = param(1, range=(0, 47), doc="palette role of the band edges")


def _key(p: np.ndarray) -> tuple[int, int]:
    return (round(float(p[0]) * 1e7), round(float(p[1]) * 1e7))


def _merge_straight(segs: np.ndarray) -> np.ndarray:
    """Join segments that meet end to end in a straight line (strands through contacts)."""
    parent = list(range(len(segs)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    ends: dict[tuple[int, int], list[int]] = {}
    for i, s in enumerate(segs):
        ends.setdefault(_key(s[:2]), []).append(i)
        ends.setdefault(_key(s[2:]), []).append(i)
    for members in ends.values():
        # At a contact point four rays meet: two straight pairs.
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                a = segs[i, 2:] - segs[i, :2]
                b = segs[j, 2:] - segs[j, :2]
                if abs(a[0] * b[1] - a[1] * b[0]) <= 1e-7 * np.hypot(*a) * np.hypot(*b):
                    parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(segs)):
        groups.setdefault(find(i), []).append(i)
    out = []
    for members in groups.values():
        pts = np.concatenate([segs[members, :2], segs[members, 2:]])
        d = segs[members[0], 2:] - segs[members[0], :2]
        t = pts @ d
        out.append(np.concatenate([pts[np.argmin(t)], pts[np.argmax(t)]]))
    return np.array(out)


def _parity(segs: np.ndarray, a: np.ndarray, b: np.ndarray) -> int:
    """How many segments the path from ``a`` to ``b`` crosses, modulo 2."""
    p, q = segs[:, :2], segs[:, 2:]
    d = b - a
    e = q - p
    den = d[0] * e[:, 1] - d[1] * e[:, 0]
    ok = np.abs(den) > 1e-15
    w = p - a
    t = np.where(ok, (w[:, 0] * e[:, 1] - w[:, 1] * e[:, 0]) / np.where(ok, den, 1), -1)
    u = np.where(ok, (w[:, 0] * d[1] - w[:, 1] * d[0]) / np.where(ok, den, 1), -1)
    return int(np.count_nonzero(ok & (t > 0) & (t < 1) & (u > 0) & (u < 1)) % 2)


@dataclass
class Weave:
    """A cell pattern with, per line, its joined neighbours and the over relation."""

    cell: CellPattern
    joined: np.ndarray  # (L + 1, 2): lines sharing an end, padded with the far line
    over: np.ndarray  # (L + 1, L + 1): over[i, j]: line i passes over line j


def weave(p: InterlaceParams) -> Weave:
    st = star_motifs(p.base, p.repeats, hankin_stars(p.contact_angle))
    e1, e2, scale, regions, classes = st.e1, st.e2, st.scale, st.regions, st.classes
    base = np.array(st.lines)
    # A neighbourhood of copies, with strands merged straight through the contacts.
    k = 3
    copies = np.concatenate(
        [base + np.tile(i * e1 + j * e2, 2) for i in range(-k, k + 1) for j in range(-k, k + 1)]
    )
    strands = _merge_straight(copies)
    # The faces of the line pattern two-colour (every corner meets an even number of
    # lines); if the colouring flips across a period, repeat a doubled cell instead.
    ref = np.array([1e-4 * math.pi, 1e-4 * math.e])
    options = [(e1, e2), (2 * e1, e2), (e1, 2 * e2), (e1 + e2, e1 - e2), (2 * e1, 2 * e2)]
    u, v = next(
        (a, b)
        for a, b in options
        if _parity(strands, ref, ref + a) == 0 and _parity(strands, ref, ref + b) == 0
    )
    # One copy of every strand and region per (possibly doubled) cell.
    inv = np.linalg.inv(np.stack([u, v], axis=1))
    mid = (strands[:, :2] + strands[:, 2:]) / 2 @ inv.T
    one = np.all((mid >= -1e-9) & (mid < 1 - 1e-9), axis=1)
    reps = []
    for i in (0, 1):
        for j in (0, 1):
            c = i * e1 + j * e2
            if not any(np.allclose(np.round((c - r) @ inv.T), (c - r) @ inv.T) for r in reps):
                reps.append(c)
    cell = CellPattern(
        u,
        v,
        [r + c for c in reps for r in regions],
        [k for _ in reps for k in classes],
        strands[one],
        reach=line_reach(0.5 * p.band_width * scale, scale),
        origin=(0.5, 0.5),
        rotation=p.rotation,
    )
    ln = cell.lines  # copies near the cell, and a far line last
    n = len(ln)
    joined = np.full((n, 2), n - 1, np.int64)
    ends: dict[tuple[int, int], list[int]] = {}
    for i in range(n - 1):
        for e in (ln[i, :2], ln[i, 2:]):
            ends.setdefault(_key(e), []).append(i)
    for i in range(n - 1):
        for slot, e in enumerate((ln[i, :2], ln[i, 2:])):
            others = [j for j in ends[_key(e)] if j != i]
            if others:
                joined[i, slot] = others[0]
    over = np.zeros((n, n), bool)
    pa, pb = ln[:-1, :2], ln[:-1, 2:]
    d = pb - pa
    for i in range(n - 1):
        e = d[i]
        den = d[:, 0] * e[1] - d[:, 1] * e[0]
        ok = np.abs(den) > 1e-15
        w = pa[i] - pa
        t = np.where(ok, (w[:, 0] * e[1] - w[:, 1] * e[0]) / np.where(ok, den, 1), -1)
        s = np.where(ok, (w[:, 0] * d[:, 1] - w[:, 1] * d[:, 0]) / np.where(ok, den, 1), -1)
        eps = 1e-7
        hit = ok & (t > eps) & (t < 1 - eps) & (s > eps) & (s < 1 - eps)
        for j in np.flatnonzero(hit):
            if j <= i:
                continue
            x = pa[j] + t[j] * d[j]
            di = e / np.hypot(*e)
            dj = d[j] / np.hypot(*d[j])
            if di[0] * dj[1] - di[1] * dj[0] < 0:
                dj = -dj
            probe = x + 1e-6 * math.hypot(*u) * (di + dj) / np.hypot(*(di + dj))
            dark = _parity(strands, ref, probe)
            if dark == 0:
                over[i, j] = True
            else:
                over[j, i] = True
    return Weave(cell, joined, over)


def _prepare(p: InterlaceParams, rng: np.random.Generator) -> Weave:
    return weave(p)


@operator(
    "tiling.islamic_interlace",
    kind="field",
    version=1,
    prepare=_prepare,
    periods=lambda p: weave(p).cell.periods(),
    tags=(
        "interlace", "strapwork", "over-under", "islamic", "knot", "woven bands",
        "交织", "编织带", "伊斯兰交织纹",
    ),
)  # fmt: skip
def islamic_interlace(p: InterlaceParams, call: Call) -> np.ndarray:
    """Interlaced strapwork: the strands of a star pattern woven alternately over and under.

    The star pattern is Hankin's (``base`` tiling, ``contact_angle``); its rays are
    joined straight through the contact points into strands, and every crossing is
    given an over and an under so that each strand alternates: the faces of the
    line pattern are two-coloured (every corner meets an even number of lines), and
    at each crossing the strand that sweeps the dark face turning anticlockwise goes
    over, the rule that makes any such diagram alternating. Strands are drawn as
    bands ``band_width`` tile edges wide with edge lines; the over band's edges cut the under
    band. If the colouring flips from one cell to the next, the pattern repeats
    every two cells. The stars keep their fills as in the plain pattern.

    References
    ----------
    Kaplan & Salesin 2004, "Islamic star patterns in absolute geometry", *ACM
    Trans. Graph.* 23(2) (interlacing); Hankin 1925, *Mem. Archaeol. Survey India*
    15; Grünbaum & Shephard 1986, "Interlace patterns in Islamic and Moorish art",
    *Leonardo* 25.
    """
    wv: Weave = call.state
    cell = wv.cell
    fp = call.footprint
    edge_len = edge_length(p.base, p.repeats)
    half = 0.5 * p.band_width * edge_len
    rim = p.outline * edge_len
    lut = np.array(
        [call.palette.role(int(r)) for r in (p.star_color, p.small_star_color, p.ground_color)]
    )
    bandc = np.asarray(call.palette.role(p.band_color), np.float64)
    edge = np.asarray(call.palette.role(p.outline_color), np.float64)

    def paint(rgb, dist):
        return banded(rgb, dist, half, rim, fp, edge, bandc)

    def kernel(x, y):
        f = cell.fold(x, y)
        cls = cell.region_class[cell.region(f)]
        rgb = lut[np.where(cls < 0, 2, cls)].astype(np.float64)
        d, cand = cell.line_distances(f)
        near = np.flatnonzero(d.min(axis=1) < half + fp)
        if not near.size:
            return np.concatenate([rgb, np.ones((len(x), 1))], axis=1)
        d, cand = d[near], cand[near]
        sub = type(f)(f.x[near], f.y[near], f.bins[near])
        # A strand's band is the union of its piece and the pieces joined at corners.
        for slot in (0, 1):
            dn, _ = cell.line_distances_to(sub, wv.joined[cand, slot])
            d = np.minimum(d, dn)
        cover = d < half + fp
        k = cand.shape[1]
        beaten = np.zeros_like(cover)
        for a in range(k):
            live = np.flatnonzero(cover[:, a])
            if not live.size:
                continue
            for b in range(k):
                if a != b:
                    beaten[live, b] |= wv.over[cand[live, a], cand[live, b]]
        beaten &= cover
        score = np.where(cover & ~beaten, d, d + 1e3)
        top = np.argmin(score, axis=1)
        rows = np.arange(len(near))
        top_line = cand[rows, top]
        d_top = d[rows, top]
        # The band beneath: the nearest other covering piece not joined to the top one.
        other = cover.copy()
        other[rows, top] = False
        other &= cand != wv.joined[top_line, 0][:, None]
        other &= cand != wv.joined[top_line, 1][:, None]
        other &= cand != top_line[:, None]
        d_under = np.where(other, d, np.inf).min(axis=1)
        rgb[near] = paint(paint(rgb[near], d_under), d_top)
        return np.concatenate([rgb, np.ones((len(x), 1))], axis=1)

    return chunked(kernel, call.x, call.y, 4)
