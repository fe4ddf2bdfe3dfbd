"""Huiwen (回纹): Chinese key-fret units that tile seamlessly, as friezes and all over."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import stroke_outline
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]
Polyline = list[tuple[float, float]]


@dataclass(frozen=True)
class HuiwenParams(Params):
    style: str = param(
        "single",
        choices=("single", "double", "t_fret", "linked"),
        doc="single spiral keys, S-pairs of keys, interlocking T's, or linked 回 squares",
    )
    turns: int = param(2, range=(1, 3), doc="turns of each key (single, double, linked)")
    line_width: float = param(
        0.5, range=(0.2, 0.8), doc="line width as a share of the fret's pitch (0.5: line = gap)"
    )
    line_color: int = param(2, range=(0, 47), doc="palette role of the fret")
    fill_ground: bool = param(False, doc="paint the unit's ground (else it stays transparent)")
    ground_color: int = param(0, range=(0, 47), doc="palette role of the ground when painted")


def tones(p: HuiwenParams, palette: Palette) -> dict[str, RGB]:
    """The colours a fret paints: its line role, and the ground role when painted."""
    out = {"line": palette.role(p.line_color)}
    if p.fill_ground:
        out["ground"] = palette.role(p.ground_color)
    return out


def _unit(p: HuiwenParams) -> tuple[int, list[Polyline]]:
    """The unit's size in pitches and its polylines (line centres, y down)."""
    t = p.turns
    if p.style == "single":
        n = 3 + 2 * t
        rails = [[(-1.0, 0.5), (n + 1.0, 0.5)], [(-1.0, n - 0.5), (n + 1.0, n - 0.5)]]
        return n, [*rails, _key(0.5, 1.5, n - 0.5, n - 0.5)]
    if p.style == "double":
        n = 6 + 2 * t
        rails = [[(-1.0, 0.5), (n + 1.0, 0.5)], [(-1.0, n - 0.5), (n + 1.0, n - 0.5)]]
        left = _key(0.5, 1.5, n / 2 - 0.5, n - 0.5)
        right = [(n - x, n - y) for x, y in left]  # the same key turned half round
        return n, [*rails, left, right]
    if p.style == "t_fret":
        n = 6
        rails = [[(-1.0, 0.5), (n + 1.0, 0.5)], [(-1.0, n - 0.5), (n + 1.0, n - 0.5)]]
        down = [[(1.5, 0.5), (1.5, 4.5)], [(0.5, 4.5), (2.5, 4.5)]]
        up = [[(4.5, 5.5), (4.5, 1.5)], [(3.5, 1.5), (5.5, 1.5)]]
        return n, [*rails, *down, *up]
    # linked: nested 回 squares joined to their neighbours at mid height.
    n = 5 + 2 * t
    rails = [[(-1.0, 0.5), (n + 1.0, 0.5)], [(-1.0, n - 0.5), (n + 1.0, n - 0.5)]]
    lines = [*rails]
    for k in range(t + 1):
        a, b = 1.5 + k, n - 1.5 - k
        lines.append([(a, a), (b, a), (b, b), (a, b), (a, a)])
    mid = n / 2
    lines.append([(-0.5, mid), (1.5, mid)])
    lines.append([(n - 1.5, mid), (n + 0.5, mid)])
    return n, lines


def _key(x0: float, y0: float, x1: float, y1: float) -> Polyline:
    """A key: a square spiral rising from the rail at ``(x0, y1)``, turning clockwise.

    Legs alternate up, right, down, left; each leg is one pitch shorter than the
    last parallel one, so neighbouring parallel legs always sit one pitch apart.
    """
    pts = [(x0, y1)]
    x, y = x0, y1
    h, w = y1 - y0, x1 - x0
    legs = [h, w]
    while legs[-2] > 1:
        legs.append(legs[-2] - 1)
    dirs = ((0, -1), (1, 0), (0, 1), (-1, 0))
    for i, leg in enumerate(legs):
        dx, dy = dirs[i % 4]
        x, y = x + dx * leg, y + dy * leg
        pts.append((x, y))
    return pts


def fret(p: HuiwenParams, palette: Palette, bounds=(0.0, 0.0, 1.0, 1.0)) -> Drawing:
    """The fret over any window of the plane (the operator draws the unit square).

    The pattern repeats with period 1 in x and y; ``bounds`` other than the unit box
    serve the seamlessness tests.
    """
    t = tones(p, palette)
    n, lines = _unit(p)
    s = 1.0 / n
    width = p.line_width * s
    d = Drawing(bounds)
    x0, y0, x1, y1 = bounds
    if p.fill_ground:
        ground = skia.Path()
        ground.addRect(x0 - 1.0, y0 - 1.0, x1 + 1.0, y1 + 1.0)
        d.fill(ground, t["ground"])
    unit = skia.Path()
    for line in lines:
        poly = skia.Path()
        poly.moveTo(line[0][0] * s, line[0][1] * s)
        for x, y in line[1:]:
            poly.lineTo(x * s, y * s)
        closed = line[0] == line[-1] and len(line) > 2
        if closed:
            poly.close()
        unit.addPath(stroke_outline(poly, width, join="miter", cap="butt" if closed else "square"))
    # Copies of the unit over every period the window touches (plus one around it).
    ink = skia.Path()
    for j in range(math.floor(y0) - 1, math.ceil(y1) + 1):
        for i in range(math.floor(x0) - 1, math.ceil(x1) + 1):
            copy = skia.Path(unit)
            copy.offset(float(i), float(j))
            ink.addPath(copy)
    d.fill(ink, t["line"])
    return d


@operator(
    "ornament.huiwen",
    kind="vector",
    version=1,
    tags=("fret", "key fret", "meander", "border", "回纹", "回字纹", "雷纹"),
)
def huiwen(p: HuiwenParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Huiwen (回纹) key fret: a square unit that repeats seamlessly in x and in y.

    The unit is drawn on a grid of ``n`` pitches (line centres at half pitches): two
    rails run along its top and bottom, and between them ``single`` keys (a square
    spiral rising from the lower rail), ``double`` S-pairs (a key from each rail, one
    turned half round), ``t_fret`` interlocking T's, or ``linked`` nested 回 squares
    joined at mid height. Legs of a spiral step in by one pitch, so line and gap keep
    one rhythm, and that rhythm carries across the unit's edges: the rails leave the
    right edge at the heights where they enter the left one, and a copy stacked
    below sits one pitch from the one above. Lines that cross an edge are drawn
    from the neighbouring copies and clipped, so repeating the unit square on a
    plain (p1) lattice, or along a frieze, joins it without a seam. No randomness.

    References
    ----------
    Owen Jones 1856, *The Grammar of Ornament*, pl. LIX-LXI (Chinese frets);
    Dye 1937, *A Grammar of Chinese Lattice*; pgfornament-han (Zhang Chennan, LIM
    LianTze), the 回纹 border units, consulted for proportions.
    """
    return fret(p, palette)
