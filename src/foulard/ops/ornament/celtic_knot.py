"""Celtic knotwork: over-under interlace built on a square grid with breaks."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import WHITE, mix
from foulard.ops.ornament._west import poly_path
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]
Vertex = tuple[int, int]
Edge = tuple[Vertex, Vertex]


@dataclass(frozen=True)
class CelticKnotParams(Params):
    layout: str = param(
        "panel",
        choices=("panel", "border"),
        doc="a closed panel, or a border unit whose columns wrap so copies join along x",
    )
    columns: int = param(6, range=(1, 16), doc="grid cells across")
    rows: int = param(6, range=(1, 16), doc="grid cells down")
    breaks: float = param(
        0.35, range=(0.0, 1.0), doc="share of inner grid edges that break the plait"
    )
    symmetric: bool = param(True, doc="breaks mirrored left-right and top-bottom")
    band: float = param(0.32, range=(0.1, 0.5), doc="band width as a share of a cell")
    coloring: str = param(
        "single",
        choices=("single", "loops"),
        doc="one colour, or each closed strand its own colour",
    )
    colors: int = param(3, range=(1, 5), doc="palette roles used by 'loops', from band_color on")
    outline: float = param(0.08, range=(0.0, 0.3), doc="outline width as a share of the band")
    band_color: int = param(3, range=(0, 47), doc="palette role of the band")
    line_color: int = param(1, range=(0, 47), doc="palette role of the outlines")


def tones(p: CelticKnotParams, palette: Palette) -> dict[str, RGB]:
    """Every colour a knot paints: the band roles used, their centre lines, the line role.

    Each band colour ``b{i}`` has a centre line ``b{i}_light``: the role mixed with white
    by 0.5.
    """
    out = {"line": palette.role(p.line_color)}
    count = p.colors if p.coloring == "loops" else 1
    for i in range(count):
        c = palette.role(p.band_color + i)
        out[f"b{i}"] = c
        out[f"b{i}_light"] = mix(c, WHITE, 0.5)
    return out


class KnotGrid:
    """The grid, its broken edges and the corner segments that make the strands.

    Faces are the grid cells ``(i, j)``; the strand crosses every unbroken inner edge
    at its midpoint and turns round each corner of each face. With ``wrap`` the
    columns are periodic (a border unit).
    """

    def __init__(self, cols: int, rows: int, broken: set[Edge], wrap: bool):
        self.cols, self.rows, self.wrap = cols, rows, wrap
        self.broken = broken

    def norm(self, v: Vertex) -> Vertex:
        return (v[0] % self.cols, v[1]) if self.wrap else v

    def edge(self, a: Vertex, b: Vertex) -> Edge:
        a, b = self.norm(a), self.norm(b)
        return (a, b) if a <= b else (b, a)

    def faces_of(self, a: Vertex, b: Vertex) -> list[tuple[int, int]]:
        """The faces on either side of the edge a-b (one at the grid's border)."""
        (x0, y0), (x1, y1) = a, b
        if y0 == y1:  # horizontal
            i = min(x0, x1)
            faces = [(i, y0 - 1), (i, y0)]
        else:
            j = min(y0, y1)
            faces = [(x0 - 1, j), (x0, j)]
        return [f for f in faces if self.has_face(f)]

    def has_face(self, f: tuple[int, int]) -> bool:
        i, j = f
        if not 0 <= j < self.rows:
            return False
        return True if self.wrap else 0 <= i < self.cols

    def is_broken(self, a: Vertex, b: Vertex) -> bool:
        return len(self.faces_of(a, b)) < 2 or self.edge(a, b) in self.broken


def inner_edges(cols: int, rows: int, wrap: bool) -> list[Edge]:
    """Edges with a face on both sides (candidates for breaks)."""
    out = []
    for j in range(1, rows):
        for i in range(cols):
            out.append(((i, j), (i + 1, j)))
    for i in range(0 if wrap else 1, cols):
        for j in range(rows):
            out.append(((i, j), (i, j + 1)))
    return out


def choose_breaks(p: CelticKnotParams, rng: np.random.Generator) -> set[Edge]:
    """Inner edges to break, drawn with probability ``breaks`` (and mirrored).

    A break is kept only if no cell ends up with more than two broken sides (the
    grid's border counts): a cell closed on three or four sides would hold a loose
    ring or a hairpin instead of a knot.
    """
    cols, rows, wrap = p.columns, p.rows, p.layout == "border"
    grid = KnotGrid(cols, rows, set(), wrap)
    chosen: set[Edge] = set()

    def broken_sides(f) -> int:
        i, j = f
        sides = (
            ((i, j), (i + 1, j)),
            ((i + 1, j), (i + 1, j + 1)),
            ((i, j + 1), (i + 1, j + 1)),
            ((i, j), (i, j + 1)),
        )
        return sum(1 for a, b in sides if len(grid.faces_of(a, b)) < 2 or grid.edge(a, b) in chosen)

    edges = inner_edges(cols, rows, wrap)
    if wrap:  # a border stays one continuous band: breaks only along it
        edges = [(a, b) for a, b in edges if a[1] == b[1]]
    for k in rng.permutation(len(edges)):
        a, b = edges[k]
        e = grid.edge(a, b)
        draw = rng.random()
        if e in chosen or draw >= p.breaks:
            continue
        group = {e: (a, b)}
        if p.symmetric:
            for mx, my in ((True, False), (False, True), (True, True)):
                if wrap and mx:
                    continue
                ma = (cols - a[0] if mx else a[0], rows - a[1] if my else a[1])
                mb = (cols - b[0] if mx else b[0], rows - b[1] if my else b[1])
                group[grid.edge(ma, mb)] = (ma, mb)
        before = set(chosen)
        chosen |= set(group)
        faces = {f for ga, gb in group.values() for f in grid.faces_of(ga, gb)}
        if any(broken_sides((f[0] % cols if wrap else f[0], f[1])) > 2 for f in faces):
            chosen = before
    return chosen


def segments(p: CelticKnotParams, broken: set[Edge]):
    """Corner segments as ``(points, layer at start, layer at end, loop id)``.

    Layers: 1 where the segment passes over at that end's crossing, -1 under, 0 at
    a break. Coordinates are in cells.
    """
    wrap = p.layout == "border"
    g = KnotGrid(p.columns, p.rows, broken, wrap)
    delta = 0.25
    segs = []
    ports: dict = {}
    for i in range(p.columns):
        for j in range(p.rows):
            c = np.array([i + 0.5, j + 0.5])
            corners = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)]
            for k, v in enumerate(corners):
                # The two edges of this face at corner v: to the previous and next corner.
                prev_v, next_v = corners[k - 1], corners[(k + 1) % 4]
                ends = []
                for other, is_start in ((prev_v, True), (next_v, False)):
                    m = 0.5 * (np.array(v, float) + np.array(other, float))
                    across = c + 2.0 * (m - c)  # centre of the face across the edge
                    along = np.array(v, float) - np.array(other, float)
                    if g.is_broken(v, other):
                        pos = m + 2.0 * delta * (c - m)
                        direction = along if is_start else -along
                        layer = 0
                    else:
                        pos = m
                        direction = (along + (c - across)) if is_start else (-along + (across - c))
                        # Over where (v2 - v1) x (c2 - c1) > 0 for the strand v1/f1 -> v2/f2.
                        v1, f1 = (
                            (np.array(other, float), across)
                            if is_start
                            else (np.array(v, float), c)
                        )
                        v2, f2 = (
                            (np.array(v, float), c)
                            if is_start
                            else (np.array(other, float), across)
                        )
                        dv, df = v2 - v1, f2 - f1
                        layer = 1 if dv[0] * df[1] - dv[1] * df[0] > 0 else -1
                    direction = direction / np.hypot(*direction)
                    ends.append((pos, direction, layer, g.edge(v, other)))
                (p0, t0, l0, e0), (p3, t3, l3, e3) = ends
                length = 0.42 * np.hypot(*(p3 - p0))
                u = np.linspace(0.0, 1.0, 24)[:, None]
                p1, p2 = p0 + t0 * length, p3 - t3 * length
                pts = (
                    (1 - u) ** 3 * p0
                    + 3 * (1 - u) ** 2 * u * p1
                    + 3 * (1 - u) * u**2 * p2
                    + u**3 * p3
                )
                index = len(segs)
                segs.append([pts, l0, l3, index])
                for pos, _d, layer, e in ((p0, t0, l0, e0), (p3, t3, l3, e3)):
                    key = (e, (i, j)) if layer == 0 else (e, tuple(np.round(pos, 6)), layer)
                    ports.setdefault(key, []).append(index)
    # Loops: segments meeting at a break port, or continuing straight through a
    # crossing (same edge, same layer on both sides), belong to one strand.
    parent = list(range(len(segs)))

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for members in ports.values():
        for other in members[1:]:
            parent[find(other)] = find(members[0])
    roots = {}
    for s in segs:
        s[3] = roots.setdefault(find(s[3]), len(roots))
    return segs


def knot(
    p: CelticKnotParams, rng: np.random.Generator, palette: Palette, bounds=(0.0, 0.0, 1.0, 1.0)
):
    """The knot over any window (the operator draws the unit box).

    A panel is centred in the unit box; a border fills its width with the grid's
    columns (period 1 in x) and is centred in height.
    """
    t = tones(p, palette)
    broken = choose_breaks(p, rng)
    segs = segments(p, broken)
    d = Drawing(bounds)
    if p.layout == "border":
        cell = 1.0 / p.columns
        ox, oy = 0.0, 0.5 - 0.5 * p.rows * cell
        x0, _y0, x1, _y1 = bounds
        shifts = range(math.floor(x0) - 1, math.ceil(x1) + 1)
    else:
        cell = 0.92 / max(p.columns, p.rows)
        ox, oy = 0.5 - 0.5 * p.columns * cell, 0.5 - 0.5 * p.rows * cell
        shifts = range(0, 1)
    w = p.band * cell
    lw = p.outline * w
    count = p.colors if p.coloring == "loops" else 1
    layers: dict[int, list[tuple[skia.Path, int]]] = {-1: [], 0: [], 1: []}
    for pts, l0, l3, loop in segs:
        half = len(pts) // 2
        for piece, layer in ((pts[: half + 1], l0), (pts[half:], l3)):
            # Overlap the pieces a little along their ends, so joins show no seam.
            part = piece.copy()
            for end, nxt in ((0, 1), (-1, -2)):
                step = part[end] - part[nxt]
                part[end] = part[end] + 0.03 * step / max(np.hypot(*step), 1e-12)
            for s in shifts:
                xy = part * cell + np.array([ox + s, oy])
                layers[layer].append((poly_path(xy, closed=False), loop % count))
    # One path per layer and colour: pieces of one layer never cross each other.
    for layer in (-1, 0, 1):
        merged: dict[int, skia.Path] = {}
        for path, colour in layers[layer]:
            merged.setdefault(colour, skia.Path()).addPath(path)
        if lw > 0:
            outline = skia.Path()
            for path in merged.values():
                outline.addPath(path)
            d.stroke(outline, t["line"], w + 2 * lw, cap="butt")
        for colour, path in merged.items():
            d.stroke(path, t[f"b{colour}"], w, cap="butt")
            d.stroke(path, t[f"b{colour}_light"], 0.18 * w, cap="butt")
    return d


@operator(
    "ornament.celtic_knot",
    kind="vector",
    version=1,
    tags=(
        "celtic knot",
        "knotwork",
        "interlace",
        "plait",
        "braid",
        "凯尔特结",
        "绳结",
        "编织纹",
        "交织纹",
    ),
)
def celtic_knot(p: CelticKnotParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Celtic knotwork: an over-under interlace grown from a grid with breaks.

    On a ``columns`` by ``rows`` grid every unbroken inner edge is a crossing at its
    midpoint, where two strands cross diagonally; inside each cell a strand turns
    round each corner, a cubic from one edge's port to the next with the strand's
    tangents at both. A broken edge (the grid's border always, inner edges with
    probability ``breaks``, mirrored when ``symmetric``) has no crossing: the strands
    on either side turn back and run along it, which is how a plait becomes a
    knot. Over and under alternate along every strand: at the crossing on edge
    v1-v2 between faces f1, f2, the strand from (v1, f1) to (v2, f2) passes over
    when ``(v2 - v1) x (f2 - f1) > 0``, a local rule that is the alternating
    (checkerboard) assignment of the whole diagram. Each segment's half near a
    crossing is painted in that crossing's layer (under, at breaks, over), as an
    outlined band with a light centre line. ``loops`` colours each closed strand
    (found by joining segments at breaks and straight through crossings) with its
    own role; ``border`` wraps the columns so the unit repeats with period 1 in x.

    References
    ----------
    Cromwell 1993, "Celtic knotwork: mathematical art", *The Mathematical
    Intelligencer* 15(1); Kaplan & Cohen 2003, "Computer generated Celtic design",
    *Eurographics Symposium on Rendering*; Bain 1951, *Celtic Art: The Methods of
    Construction*.
    """
    return knot(p, rng, palette)
