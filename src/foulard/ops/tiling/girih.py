"""Girih: the five Persian girih tiles with their strapwork, in periodic layouts."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.chunks import chunked
from foulard.ops.params import Params, param
from foulard.ops.registry import operator
from foulard.ops.tiling._cell_pattern import CellPattern, band

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["GIRIH_TILES", "GirihParams", "girih", "girih_layout", "straps"]

STRAP_ANGLE = 54.0  # every strap crosses every edge midpoint at 54 degrees

# The five tiles, edge 1, as the turns (degrees) at each corner: interior angles.
GIRIH_TILES = {
    "decagon": (144,) * 10,
    "pentagon": (108,) * 5,
    "hexagon": (72, 144, 144, 72, 144, 144),
    "bowtie": (72, 72, 216, 72, 72, 216),
    "rhombus": (72, 108, 72, 108),
}
KINDS = tuple(GIRIH_TILES)


def tile(kind: str, start: float = 0.0) -> np.ndarray:
    """A girih tile's corners (counter-clockwise), first edge at ``start`` degrees."""
    pts = [np.zeros(2)]
    heading = math.radians(start)
    for angle in GIRIH_TILES[kind][1:]:
        pts.append(pts[-1] + [math.cos(heading), math.sin(heading)])
        heading += math.pi - math.radians(angle)
    poly = np.array(pts)
    return poly - poly.mean(axis=0)


def straps(poly: np.ndarray, theta: float = STRAP_ANGLE) -> list[np.ndarray]:
    """The strapwork of one tile: rays from every edge midpoint at ``theta``, paired.

    Each midpoint sends one ray towards each end of its edge, turned inwards by
    ``theta``. At a convex corner the two rays towards it meet; at the bowtie's
    reflex corners they part, and those rays are paired greedily by the shortest
    total length to where they meet inside the tile.
    """
    n = len(poly)
    t = math.radians(theta)
    rays = []
    for k in range(n):
        a, b = poly[k], poly[(k + 1) % n]
        u = (b - a) / np.linalg.norm(b - a)
        nin = np.array([-u[1], u[0]])
        m = 0.5 * (a + b)
        rays.append((m, -math.cos(t) * u + math.sin(t) * nin))  # towards corner k
        rays.append((m, math.cos(t) * u + math.sin(t) * nin))  # towards corner k + 1

    def meet(i, j):
        (p, d), (q, e) = rays[i], rays[j]
        m = np.array([[d[0], -e[0]], [d[1], -e[1]]])
        if abs(np.linalg.det(m)) < 1e-9:
            # Rays along one line, towards each other (a 72-degree corner at 54 degrees).
            w = q - p
            if abs(d[0] * w[1] - d[1] * w[0]) < 1e-9 and d @ w > 0 and e @ w < 0:
                return float(np.linalg.norm(w)), 0.5 * (p + q)
            return None
        s, r = np.linalg.solve(m, q - p)
        x = p + s * d
        return (s + r, x) if s > 1e-9 and r > 1e-9 and _inside(x, poly) else None

    segs, used = [], set()
    for k in range(n):  # corner k + 1: ray 2k + 1 (edge k) and ray 2k + 2 (edge k + 1)
        i, j = 2 * k + 1, (2 * k + 2) % (2 * n)
        got = meet(i, j)
        if got is not None:
            used |= {i, j}
            segs += [np.concatenate([rays[i][0], got[1]]), np.concatenate([rays[j][0], got[1]])]
    rest = [i for i in range(2 * n) if i not in used]
    options = []
    for a_, i in enumerate(rest):
        for j in rest[a_ + 1 :]:
            got = meet(i, j)
            if got is not None and not np.allclose(rays[i][0], rays[j][0]):
                options.append((got[0], i, j, got[1]))
    for _, i, j, x in sorted(options, key=lambda o: o[0]):
        if i in used or j in used:
            continue
        used |= {i, j}
        segs += [np.concatenate([rays[i][0], x]), np.concatenate([rays[j][0], x])]
    return segs


def _inside(p: np.ndarray, poly: np.ndarray) -> bool:
    inside = False
    for a, b in zip(poly, np.roll(poly, -1, axis=0), strict=True):
        crosses = (a[1] > p[1]) != (b[1] > p[1])
        if crosses and a[0] + (p[1] - a[1]) * (b[0] - a[0]) / (b[1] - a[1]) > p[0]:
            inside = not inside
    return inside


def _translation_layout(kind: str):
    """A centrally symmetric tile repeated by the translations across its edges."""
    v = tile(kind, 0.0)
    if kind == "rhombus":
        return v[1] - v[0], v[3] - v[0], [(kind, v)]
    # Hexagons (even reflex ones) with opposite sides parallel tile by t_i = v_i + v_{i+1}.
    return v[0] + v[1], v[1] + v[2], [(kind, v)]


def girih_layout(name: str):
    """Lattice vectors and the tiles ``(kind, corners)`` of one cell (edge 1)."""
    if name == "decagon_bowtie":
        r = 0.5 / math.tan(math.pi / 10)
        e1 = np.array([2 * r, 0.0])
        e2 = 2 * r * np.array([math.cos(math.radians(72)), math.sin(math.radians(72))])
        # Corners at 18 + 36 k degrees: edges face the lattice directions (0 and 72).
        a = np.radians(18.0) + 2 * np.pi * np.arange(10) / 10
        R = 0.5 / math.sin(math.pi / 10)
        dec = np.stack([R * np.cos(a), R * np.sin(a)], axis=1)
        centre = 0.5 * (e1 + e2)
        corners = np.concatenate([dec + c for c in (np.zeros(2), e1, e2, e1 + e2)])
        near = corners[np.linalg.norm(corners - centre, axis=1) < 1.2]
        near = np.unique(np.round(near, 9), axis=0)
        order = np.argsort(np.arctan2(near[:, 1] - centre[1], near[:, 0] - centre[0]))
        bow = near[order]
        return e1, e2, [("decagon", dec), ("bowtie", bow)]
    if name in ("hexagons", "bowties", "rhombs"):
        return _translation_layout(
            {"hexagons": "hexagon", "bowties": "bowtie", "rhombs": "rhombus"}[name]
        )
    raise ValueError(f"unknown girih layout {name!r}; valid: {', '.join(LAYOUTS)}")


LAYOUTS = ("decagon_bowtie", "hexagons", "bowties", "rhombs")


@dataclass(frozen=True)
class GirihParams(Params):
    layout: str = param(
        "decagon_bowtie",
        choices=LAYOUTS,
        doc="decagons with bowties; or one tile (hexagon, bowtie, rhombus) repeated",
    )
    tile_size: float = param(0.1, range=(0.015, 0.25), doc="edge of the tiles", unit="design units")
    rotation: float = param(
        0.0, range=(-180.0, 180.0), doc="clockwise turn of the pattern", unit="degrees"
    )
    strap_width: float = param(
        0.16, range=(0.04, 0.35), doc="width of the strapwork bands", unit="tile edges"
    )
    tile_line: float = param(
        0.025, range=(0.01, 0.08), doc="width of the tile outlines", unit="tile edges"
    )
    show_tiles: bool = param(True, doc="colour the tiles by kind (else one ground colour)")
    ground_color: int = param(1, range=(0, 47), doc="palette role of the ground (first tile kind)")
    tile_colors: int = param(
        5,
        range=(1, 8),
        doc="palette roles for the five tile kinds, from ground_color on (skipping the straps')",
    )
    strap_color: int = param(3, range=(0, 47), doc="palette role of the straps")
    line_color: int = param(0, range=(0, 47), doc="palette role of the tile outlines")


def _cells(p: GirihParams) -> tuple[CellPattern, CellPattern]:
    e1, e2, tiles = girih_layout(p.layout)
    s = p.tile_size
    regions = [poly * s for _, poly in tiles]
    classes = [KINDS.index(kind) for kind, _ in tiles]
    edges = [
        np.concatenate([a, b])
        for _, poly in tiles
        for a, b in zip(poly * s, np.roll(poly, -1, axis=0) * s, strict=True)
    ]
    strap = [seg * s for _, poly in tiles for seg in straps(poly)]
    kw = {"origin": (0.5, 0.5), "rotation": p.rotation}
    room = min(0.006, 0.3 * s)  # anti-aliasing room beyond a band
    tiles_cell = CellPattern(
        e1 * s, e2 * s, regions, classes, np.array(edges), reach=0.5 * p.tile_line * s + room, **kw
    )
    strap_cell = CellPattern(
        e1 * s, e2 * s, [], [], np.array(strap), reach=0.5 * p.strap_width * s + room, **kw
    )
    return tiles_cell, strap_cell


def _prepare(p: GirihParams, rng: np.random.Generator):
    return _cells(p)


@operator(
    "tiling.girih",
    kind="field",
    version=1,
    prepare=_prepare,
    periods=lambda p: _cells(p)[0].periods(),
    tags=("girih", "islamic", "persian", "strapwork", "decagon", "bowtie", "吉里赫", "波斯几何"),
)
def girih(p: GirihParams, call: Call) -> np.ndarray:
    """Girih: the five equilateral Persian tiles, each carrying its strapwork.

    The tiles (decagon, pentagon, elongated hexagon, bowtie, rhombus; edge
    ``tile_size``, every angle a multiple of 36 degrees) carry straps that cross
    every edge at its midpoint at 54 degrees, so the straps run on unbroken from
    tile to tile whatever the arrangement; inside a tile the rays pair up where
    they first meet. Layouts (periodic; the pattern repeats exactly): decagons on
    a 72-degree lattice with bowties between them, or one of the hexagon, bowtie
    or rhombus alone by translation. Strap and outline widths are in tile edges.
    Tiles are coloured by kind (``tile_colors`` roles from ``ground_color``) with
    thin outlines, or left as ground.

    References
    ----------
    Lu & Steinhardt 2007, "Decagonal and quasi-crystalline tilings in medieval
    Islamic architecture", *Science* 315(5815); Bonner 2017, *Islamic Geometric
    Patterns*, ch. 3 (the girih tiles).
    """
    tiles_cell, strap_cell = call.state
    fp = call.footprint
    line = p.tile_line * p.tile_size
    half = 0.5 * p.strap_width * p.tile_size
    # Tile kinds take successive roles from ground_color, passing over the straps' role.
    pool = [
        r for r in range(p.ground_color, p.ground_color + p.tile_colors + 1) if r != p.strap_color
    ]
    roles = [pool[k % p.tile_colors] if p.show_tiles else p.ground_color for k in range(5)]
    lut = np.array([call.palette.role(int(r)) for r in [*roles, p.ground_color]], np.float64)
    linec = np.asarray(call.palette.role(p.line_color), np.float64)
    strapc = np.asarray(call.palette.role(p.strap_color), np.float64)

    def kernel(x, y):
        f = tiles_cell.fold(x, y)
        cls = tiles_cell.region_class[tiles_cell.region(f)]
        rgb = lut[np.where(cls < 0, 5, cls)]
        d, _ = tiles_cell.nearest_line(f)
        rgb = rgb + (linec - rgb) * band(d, 0.5 * line, fp)[:, None]
        ds, _ = strap_cell.nearest_line(strap_cell.fold(x, y))
        rgb = rgb + (linec - rgb) * band(ds, half, fp)[:, None]
        rgb = rgb + (strapc - rgb) * band(ds, half - min(line, 0.3 * half), fp)[:, None]
        return np.concatenate([rgb, np.ones((len(x), 1))], axis=1)

    return chunked(kernel, call.x, call.y, 4)
