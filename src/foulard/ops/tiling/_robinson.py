"""Robinson triangles: the half-tiles both Penrose tilings are built from.

Every Penrose tile splits along an axis into two mirror-image isosceles triangles,
golden (36-72-72) or gnomon (36-36-108). Each is stored as ``(kind, A, B, C)``
with complex vertices and *deflated* (cut into triangles ``1/phi`` as large) by
the rules of its tiling:

``rhombs`` (P3)
    Apex ``A``; the base ``BC`` is the rhomb's diagonal. Golden (thin rhomb,
    kind 0): ``P = A + (B - A)/phi`` gives golden ``(C, P, B)`` and gnomon
    ``(P, C, A)``. Gnomon (thick, kind 1): ``Q = B + (A - B)/phi``,
    ``R = B + (C - B)/phi`` give gnomons ``(R, C, A)``, ``(Q, R, B)`` and golden
    ``(R, Q, A)``.
``kites`` (P2)
    Apex ``B``; the side ``BC`` is the tile's axis. Half-kite (kind 0):
    ``Q = A + (B - A)/phi``, ``R = B + (C - B)/phi`` give half-dart ``(R, Q, B)``
    and half-kites ``(Q, A, R)``, ``(C, A, R)``. Half-dart (kind 1):
    ``P = C + (A - C)/phi`` gives half-dart ``(B, P, A)`` and half-kite ``(P, C, B)``.

Both start from a "sun" of ten golden triangles about the origin. Triangles that
cannot reach the region of interest (a disc) are dropped after every step, which
is exact since children lie inside their parent, so the work follows the visible
area, not the whole sun.
"""

from __future__ import annotations

import math

import numpy as np

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops.tiling._aperiodic_patch import (
    Arcs,
    Patch,
    cover_radius,
    cull,
    inflation_steps,
    patch_drawing,
    place_complex,
    window_origin,
)

__all__ = [
    "PHI",
    "Triangles",
    "deflate",
    "pair_tiles",
    "robinson_arcs",
    "robinson_drawing",
    "robinson_patch",
    "robinson_tiles",
    "sun",
]

PHI = (1.0 + math.sqrt(5.0)) / 2.0
INV = 1.0 / PHI

Triangles = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def sun(radius: float, tiling: str) -> Triangles:
    """Ten golden triangles round the origin, alternately mirrored (a decagon)."""
    i = np.arange(10)
    b = radius * np.exp(1j * (2 * i - 1) * math.pi / 10)
    c = radius * np.exp(1j * (2 * i + 1) * math.pi / 10)
    swap = i % 2 == 0
    b, c = np.where(swap, c, b), np.where(swap, b, c)
    kind = np.zeros(10, np.int64)
    zero = np.zeros(10, np.complex128)
    if tiling == "rhombs":
        return kind, zero, b, c
    return kind, b, zero, c  # kites: the apex is B


def _keep(tris: Triangles, centre: complex, reach: float) -> Triangles:
    kind, a, b, c = tris
    mid = (a + b + c) / 3.0
    size = np.maximum(np.maximum(np.abs(a - mid), np.abs(b - mid)), np.abs(c - mid))
    ok = np.abs(mid - centre) - size <= reach
    return kind[ok], a[ok], b[ok], c[ok]


def _deflate_rhombs(kind, a, b, c):
    g = kind == 0
    ga, gb, gc = a[g], b[g], c[g]
    p = ga + (gb - ga) * INV
    na, nb, nc = a[~g], b[~g], c[~g]
    q = nb + (na - nb) * INV
    r = nb + (nc - nb) * INV
    parts = [
        (0, gc, p, gb),
        (1, p, gc, ga),
        (1, r, nc, na),
        (1, q, r, nb),
        (0, r, q, na),
    ]
    return _join(parts)


def _deflate_kites(kind, a, b, c):
    k = kind == 0
    ka, kb, kc = a[k], b[k], c[k]
    q = ka + (kb - ka) * INV
    r = kb + (kc - kb) * INV
    da, db, dc = a[~k], b[~k], c[~k]
    p = dc + (da - dc) * INV
    parts = [
        (1, r, q, kb),
        (0, q, ka, r),
        (0, kc, ka, r),
        (1, db, p, da),
        (0, p, dc, db),
    ]
    return _join(parts)


def _join(parts):
    kind = np.concatenate([np.full(len(p[1]), p[0], np.int64) for p in parts])
    a = np.concatenate([p[1] for p in parts])
    b = np.concatenate([p[2] for p in parts])
    c = np.concatenate([p[3] for p in parts])
    return kind, a, b, c


def deflate(tris: Triangles, tiling: str, steps: int, centre: complex, reach: float) -> Triangles:
    """``steps`` deflations, keeping only triangles within ``reach`` of ``centre``."""
    step = _deflate_rhombs if tiling == "rhombs" else _deflate_kites
    tris = _keep(tris, centre, reach)
    for _ in range(steps):
        tris = _keep(step(*tris), centre, reach * 1.0)
    return tris


def _side_key(p: np.ndarray, q: np.ndarray, unit: float) -> np.ndarray:
    """A key naming the (unordered) segment ``pq``, robust to rounding."""
    k = 1e6 / unit
    px, py = np.rint(p.real * k).astype(np.int64), np.rint(p.imag * k).astype(np.int64)
    qx, qy = np.rint(q.real * k).astype(np.int64), np.rint(q.imag * k).astype(np.int64)
    first = (px < qx) | ((px == qx) & (py <= qy))
    x0, y0 = np.where(first, px, qx), np.where(first, py, qy)
    x1, y1 = np.where(first, qx, px), np.where(first, qy, py)
    return np.stack([x0, y0, x1, y1], axis=1)


def pair_tiles(tris: Triangles, tiling: str, unit: float):
    """Join mirror halves into whole tiles.

    Returns ``(kind, polygons, halves)``: ``polygons`` is ``(n, 4)`` complex, the
    tile's corners in order (rhombs: ``A, B, A', C``; kites: ``B, A, C, A'``; darts:
    ``C, A, B, A'``), and ``halves`` the ``(n, 2)`` triangle indices. Halves without
    a partner (only at the patch's rim) are left out.
    """
    kind, a, b, c = tris
    key = _side_key(b, c, unit)  # both tilings pair along BC
    full = np.concatenate([kind[:, None], key], axis=1)
    order = np.lexsort(full.T[::-1])
    s = full[order]
    same = np.all(s[1:] == s[:-1], axis=1)
    first = order[:-1][same]
    second = order[1:][same]
    pk = kind[first]
    a1, b1, c1, a2 = a[first], b[first], c[first], a[second]
    if tiling == "rhombs":
        poly = np.stack([a1, b1, a2, c1], axis=1)
    else:
        kites = pk == 0
        poly = np.where(
            kites[:, None],
            np.stack([b1, a1, c1, a2], axis=1),
            np.stack([c1, a1, b1, a2], axis=1),
        )
    return pk, poly, np.stack([first, second], axis=1)


def robinson_tiles(tiling: str, p, rng: np.random.Generator):
    """The paired tiles of ``tiling`` covering the design, placed in design units.

    ``p`` holds ``tile_size``, ``line_width``, ``rotation`` and ``centred`` (the
    two Penrose operators' shared parameters). Not centred: a random window of a
    much larger patch, away from the five-fold centre. Returns ``(tris, kind, pts,
    halves, put)``: the deflated triangles, the kept tiles' kinds, polygons and
    triangle halves, and ``put``, which places tile-unit points (complex) like them.
    """
    scale = p.tile_size
    reach = cover_radius(p.line_width) / scale + 2.0
    origin = window_origin(rng, 6.0 * reach, p.centred)
    steps = inflation_steps((abs(origin) + reach) / math.cos(math.pi / 10), PHI)
    tris = deflate(sun(PHI**steps, tiling), tiling, steps, origin, reach)
    kind, poly, halves = pair_tiles(tris, tiling, 1.0)

    def put(z: np.ndarray) -> np.ndarray:
        return place_complex(z, scale=scale, rotation=p.rotation, origin=origin)

    pts = put(poly)
    keep = cull(pts, p.line_width)
    return tris, kind[keep], pts[keep], halves[keep], put


def robinson_arcs(tris: Triangles, halves: np.ndarray, arcs, put) -> Arcs:
    """Arcs drawn on every half of the kept tiles; ``arcs(kind, a, b, c)`` gives their parts."""
    tk, ta, tb, tc = tris
    idx = halves.ravel()
    parts = arcs(tk[idx], ta[idx], tb[idx], tc[idx])
    return Arcs.through(
        np.concatenate([q[0] for q in parts]),
        put(np.concatenate([q[1] for q in parts])),
        put(np.concatenate([q[2] for q in parts])),
        put(np.concatenate([q[3] for q in parts])),
    )


def robinson_patch(
    tiling: str, p, rng: np.random.Generator, *, first_kind: int, axis_period: float, arcs
) -> Patch:
    """The tiles of ``tiling`` covering the design, with colour classes and decoration.

    Colourings (``p.coloring``): ``type``, class 0 for tiles of ``first_kind`` and 1
    for the others; ``orientation``, five classes by the direction of the tile's
    ``BC`` side, taken modulo ``axis_period`` degrees; otherwise three at random.
    With ``p.decoration == "arcs"``, ``arcs(kind, a, b, c)`` gives each half's arcs.
    """
    tris, kind, pts, halves, put = robinson_tiles(tiling, p, rng)
    if p.coloring == "type":
        classes = np.where(kind == first_kind, 0, 1)
    elif p.coloring == "orientation":
        _, _, tb, tc = tris
        d = tc[halves[:, 0]] - tb[halves[:, 0]]
        ang = np.degrees(np.angle(d)) % axis_period
        classes = np.rint(ang / (axis_period / 5)).astype(np.int64) % 5
    else:
        classes = rng.integers(0, 3, size=len(kind))
    decoration = robinson_arcs(tris, halves, arcs, put) if p.decoration == "arcs" else None
    return Patch(pts, kind, classes, arcs=decoration)


def robinson_drawing(patch: Patch, p, palette: Palette, first: int, second: int) -> Drawing:
    """A Penrose patch painted: by type, class 0 takes role ``first`` and class 1
    ``second``; other colourings count their classes up from ``first``."""
    if p.coloring == "type":
        roles = np.where(patch.classes == 0, first, second)
    else:
        roles = patch.classes + first
    return patch_drawing(
        patch,
        roles,
        palette,
        line_role=p.line_color,
        line_width=p.line_width,
        decoration_roles=(p.arc_color, p.arc_color_2),
        decoration_width=p.arc_width,
    )
