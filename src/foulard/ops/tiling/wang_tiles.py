"""Wang tiles: edge- and corner-coloured squares that match their neighbours."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.chunks import chunked
from foulard.ops._common.geometry import wrap01
from foulard.ops.params import Params, param
from foulard.ops.registry import operator
from foulard.ops.tiling._cell_pattern import band

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["WangParams", "WangState", "wang_state", "wang_tiles"]

# Path elements inside a tile (bit numbers): arcs about the corners top-left, top-right,
# bottom-right, bottom-left; the two straights; stubs from the top, right, bottom, left.
ARC_TL, ARC_TR, ARC_BR, ARC_BL, STRAIGHT_V, STRAIGHT_H = range(6)
STUB = (6, 7, 8, 9)  # top, right, bottom, left


@dataclass(frozen=True)
class WangParams(Params):
    cells: int = param(
        8, range=(2, 32), doc="tiles across the design (the fill repeats every design)"
    )
    content: str = param(
        "paths",
        choices=("paths", "triangles", "corners"),
        doc="what the edge colours draw: ribbons joining matching edges; four edge triangles; "
        "corner discs",
    )
    colors: int = param(3, range=(2, 5), doc="colours per edge (paths: the first means no ribbon)")
    density: float = param(0.75, range=(0.0, 1.0), doc="paths: share of edges a ribbon crosses")
    width: float = param(0.3, range=(0.05, 0.6), doc="ribbon width or disc size, in tile widths")
    line_width: float = param(
        0.003, range=(0.0, 0.01), doc="width of the dark edge lines", unit="design units"
    )
    ground_color: int = param(0, range=(0, 47), doc="palette role of the ground")
    first_color: int = param(1, range=(0, 47), doc="palette role of the first edge colour")
    line_color: int = param(1, range=(0, 47), doc="palette role of the edge lines")


@dataclass(frozen=True)
class WangState:
    top: np.ndarray  # (n, n) colour of each tile's top edge (the edge above row j)
    left: np.ndarray  # (n, n) colour of each tile's left edge
    corner: np.ndarray  # (n, n) colour of each tile's top-left corner
    elements: np.ndarray  # (n, n) bit mask of the path elements drawn in each tile


def _edges(top, left, i, j):
    n = top.shape[0]
    return top[j, i], left[j, (i + 1) % n], top[(j + 1) % n, i], left[j, i]  # t r b l


def wang_state(p: WangParams, rng: np.random.Generator) -> WangState:
    """Random edge colours on a torus of ``cells`` x ``cells`` tiles, and the tiles' paths.

    Every tile of the complete set (all colour combinations) exists, so any edge
    colouring is a valid tiling (Cohen et al.'s stochastic fill); on a torus the
    fill repeats seamlessly every design width.
    """
    n = p.cells
    if p.content == "paths":
        on = rng.random((2, n, n)) < p.density
        shade = rng.integers(1, p.colors, size=(2, n, n))
        top, left = np.where(on[0], shade[0], 0), np.where(on[1], shade[1], 0)
    else:
        top = rng.integers(0, p.colors, size=(n, n))
        left = rng.integers(0, p.colors, size=(n, n))
    corner = rng.integers(0, p.colors, size=(n, n))
    flips = rng.random((n, n)) < 0.5
    elements = np.zeros((n, n), np.int64)
    for j in range(n):
        for i in range(n):
            t, r, b, l_ = (c > 0 for c in _edges(top, left, i, j))
            elements[j, i] = _paths(t, r, b, l_, bool(flips[j, i]))
    return WangState(top, left, corner, elements)


def _paths(t: bool, r: bool, b: bool, l_: bool, flip: bool) -> int:
    """Which path elements join the tile's active edges (a bit mask)."""
    act = [t, r, b, l_]
    count = sum(act)
    arcs = {(0, 1): ARC_TR, (1, 2): ARC_BR, (2, 3): ARC_BL, (0, 3): ARC_TL}
    bits = 0
    if count == 4:
        pair = (ARC_TR, ARC_BL) if flip else (ARC_TL, ARC_BR)
        return (1 << pair[0]) | (1 << pair[1])
    if count == 2:
        a, b_ = (k for k in range(4) if act[k])
        if (a, b_) in arcs:
            return 1 << arcs[(a, b_)]
        return 1 << (STRAIGHT_V if a == 0 else STRAIGHT_H)
    if count == 3:
        lone = next(k for k in range(4) if not act[k])
        opposite = (lone + 2) % 4
        # Join the edge facing the gap to one neighbour by an arc; the other is a stub.
        side = (opposite + (1 if flip else 3)) % 4
        pair = tuple(sorted((opposite, side)))
        other = next(k for k in range(4) if act[k] and k not in pair)
        return (1 << arcs[pair]) | (1 << STUB[other])
    if count == 1:
        return 1 << STUB[act.index(True)]
    return bits


def _prepare(p: WangParams, rng: np.random.Generator) -> WangState:
    return wang_state(p, rng)


def _tile_coords(x, y, n):
    u = wrap01(x) * n
    v = wrap01(y) * n
    i = np.minimum(u.astype(np.intp), n - 1)
    j = np.minimum(v.astype(np.intp), n - 1)
    return i, j, u - i, v - j


@operator(
    "tiling.wang_tiles",
    kind="field",
    version=1,
    prepare=_prepare,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)],
    tags=("wang tiles", "edge matching", "non-periodic", "ribbons", "王氏砖", "边匹配", "拼接"),
)
def wang_tiles(p: WangParams, call: Call) -> np.ndarray:
    """Wang tiles: squares with coloured edges, laid so that touching edges match.

    Edge colours are drawn at random for a ``cells`` x ``cells`` torus; each place
    takes the tile of the complete set with those edges, so the fill never shows a
    regular repeat inside the design and still tiles the design seamlessly (period
    1). Content follows the colours, so it joins across every edge: ``paths``:
    ribbons enter at the midpoints of coloured edges and are joined inside the
    tile by quarter arcs, straights or end stubs (a ribbon takes the colour of the
    edge it crosses); ``triangles``: each edge colours the triangle it bounds, so
    diamonds form across edges; ``corners``: corner-coloured tiles, quarter discs
    that close into discs at the corners.

    References
    ----------
    Wang 1961, "Proving theorems by pattern recognition II", *Bell System Tech. J.*
    40; Cohen, Shade, Hiller & Deussen 2003, "Wang tiles for image and texture
    generation", *ACM Trans. Graph.* 22(3) (SIGGRAPH); Lagae & Dutré 2006, "An
    alternative for Wang tiles: colored edges versus colored corners", *ACM Trans.
    Graph.* 25(4).
    """
    st: WangState = call.state
    n = p.cells
    fp = call.footprint
    lut = np.array([call.palette.role(p.first_color + k) for k in range(p.colors)], np.float64)
    ground = np.asarray(call.palette.role(p.ground_color), np.float64)
    line = np.asarray(call.palette.role(p.line_color), np.float64)
    cell = 1.0 / n

    def triangles(i, j, fu, fv):
        d = np.stack([fv, 1.0 - fu, 1.0 - fv, fu], axis=1)  # to top, right, bottom, left
        order = np.argsort(d, axis=1)
        first, second = order[:, 0], order[:, 1]
        edges = np.stack(_edges(st.top, st.left, i, j), axis=1)
        rows = np.arange(len(i))
        c1 = lut[edges[rows, first]]
        c2 = lut[edges[rows, second]]
        gap = (d[rows, second] - d[rows, first]) * cell / math.sqrt(2.0)  # to the diagonal
        w = band(gap, 0.0, fp)[:, None]  # share of the neighbour triangle
        rgb = c1 + (c2 - c1) * w
        if p.line_width > 0:
            rgb = rgb + (line - rgb) * band(gap, 0.5 * p.line_width, fp)[:, None]
        return rgb

    def corners(i, j, fu, fv):
        cu = np.rint(fu).astype(np.intp)
        cv = np.rint(fv).astype(np.intp)
        col = st.corner[(j + cv) % n, (i + cu) % n]
        r = (0.2 + p.width * (0.5 + col) / p.colors) * cell
        dist = np.hypot(fu - cu, fv - cv) * cell
        rgb = ground + (lut[col] - ground) * band(dist, r, fp)[:, None]
        if p.line_width > 0:
            rgb = rgb + (line - rgb) * band(np.abs(dist - r), 0.5 * p.line_width, fp)[:, None]
        return rgb

    def paths(i, j, fu, fv):
        mask = st.elements[j, i]
        edges = np.stack(_edges(st.top, st.left, i, j), axis=1)
        rows = np.arange(len(i))
        best = np.full(len(i), np.inf)
        which = np.zeros(len(i), np.intp)  # the edge whose colour paints the point
        corner_xy = ((0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0))
        corner_edges = ((3, 0), (0, 1), (1, 2), (2, 3))  # edges met by each corner's arc
        for k, (cx, cy) in enumerate(corner_xy):
            on = (mask >> k) & 1 == 1
            d = np.abs(np.hypot(fu - cx, fv - cy) - 0.5)
            a, b = corner_edges[k]
            # Nearer the vertical edge (left/right) or the horizontal one (top/bottom)?
            near_b = np.abs(fv - cy) > np.abs(fu - cx)
            e = np.where(near_b, b if b in (1, 3) else a, a if a in (0, 2) else b)
            take = on & (d < best)
            best = np.where(take, d, best)
            which = np.where(take, e, which)
        for bit, horizontal in ((STRAIGHT_V, False), (STRAIGHT_H, True)):
            on = (mask >> bit) & 1 == 1
            d = np.abs(fv - 0.5) if horizontal else np.abs(fu - 0.5)
            e = np.where(fu < 0.5, 3, 1) if horizontal else np.where(fv < 0.5, 0, 2)
            take = on & (d < best)
            best = np.where(take, d, best)
            which = np.where(take, e, which)
        ends = ((0.5, 0.0), (1.0, 0.5), (0.5, 1.0), (0.0, 0.5))
        for k, bit in enumerate(STUB):
            on = (mask >> bit) & 1 == 1
            ex, ey = ends[k]
            t = np.clip((fu - ex) * (0.5 - ex) / 0.25 + (fv - ey) * (0.5 - ey) / 0.25, 0, 1)
            d = np.hypot(fu - ex - t * (0.5 - ex), fv - ey - t * (0.5 - ey))
            d = np.minimum(d, np.maximum(np.hypot(fu - 0.5, fv - 0.5) - 0.5 * p.width, 0.0))
            take = on & (d < best)
            best = np.where(take, d, best)
            which = np.where(take, k, which)
        colour = lut[np.maximum(edges[rows, which], 1) % p.colors]
        dist = best * cell
        half = 0.5 * p.width * cell
        rgb = np.broadcast_to(ground, (len(i), 3)).copy()
        if p.line_width > 0:
            rgb = rgb + (line - rgb) * band(dist, half, fp)[:, None]
            colour_w = band(dist, half - p.line_width, fp)[:, None]
        else:
            colour_w = band(dist, half, fp)[:, None]
        return rgb + (colour - rgb) * colour_w

    draw = {"triangles": triangles, "corners": corners, "paths": paths}[p.content]

    def kernel(x, y):
        i, j, fu, fv = _tile_coords(x, y, n)
        rgb = draw(i, j, fu, fv)
        return np.concatenate([rgb, np.ones((len(x), 1))], axis=1)

    return chunked(kernel, call.x, call.y, 4)
