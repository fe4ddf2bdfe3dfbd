"""Endless knot (盘长结): an interlaced cord on a square grid with ears, over and under."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import BLACK, WHITE, Sketch, mix, stroke_outline
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]
Point = tuple[float, float]


@dataclass(frozen=True)
class EndlessKnotParams(Params):
    grid: int = param(5, range=(2, 7), doc="cords each way across the knot's square")
    ears: str = param(
        "corners",
        choices=("corners", "sides"),
        doc="how the cord's ends join outside the square: loops round the corners "
        "(the classic 盘长) or ears along the sides only",
    )
    cord: float = param(0.5, range=(0.25, 0.8), doc="cord width as a share of the grid pitch")
    ear: float = param(1.0, range=(0.5, 2.0), doc="reach of the ears, in grid pitches")
    double_line: bool = param(True, doc="a fine line down the middle of the cord (双线)")
    tassel: bool = param(True, doc="a hanging loop on top and a tassel below")
    rotation: float = param(45.0, range=(-180.0, 180.0), doc="turn of the knot", unit="degrees")
    line_width: float = param(0.006, range=(0.001, 0.02), doc="edge lines", unit="motif units")
    cord_color: int = param(2, range=(0, 47), doc="palette role of the cord")
    line_color: int = param(3, range=(0, 47), doc="palette role of the cord's edges")


def tones(p: EndlessKnotParams, palette: Palette) -> dict[str, RGB]:
    """The knot's colours: cord and line roles; the cord's middle line is the cord role
    mixed with white by 0.45, the tassel's shade the cord role mixed with black by 0.25.
    """
    cord = palette.role(p.cord_color)
    return {
        "cord": cord,
        "middle": mix(cord, WHITE, 0.45),
        "shade": mix(cord, BLACK, 0.25),
        "line": palette.role(p.line_color),
    }


def _ends(n: int) -> list[tuple[str, int]]:
    """Cord ends round the square, clockwise from the top-left: (side, index)."""
    out = [("top", k) for k in range(n)]
    out += [("right", k) for k in range(n)]
    out += [("bottom", k) for k in reversed(range(n))]
    out += [("left", k) for k in reversed(range(n))]
    return out


@functools.lru_cache(maxsize=32)
def _pairs(n: int, ears: str) -> tuple[tuple[int, int], ...]:
    """Which ends the loops join (indices into :func:`_ends`).

    Loops outside the square must not cross one another, so they form a
    non-crossing matching of the ``4 n`` ends round the perimeter; the matching is
    taken invariant under the square's quarter turn. Of all such matchings the one
    that makes the whole knot a single cord is chosen, with loops round the corners
    (``corners``) or kept to the sides where possible, and the shallowest nesting.
    """
    m = 4 * n
    best = None
    # Neighbours paired all round (two ways) are the simple candidates; when
    # neither closes into one cord, search the quarter-turn symmetric matchings
    # (they exist for even grids), then the half-turn ones.
    candidates = [
        tuple(
            sorted(tuple(sorted(((off + 2 * i) % m, (off + 2 * i + 1) % m))) for i in range(2 * n))
        )
        for off in (0, 1)
    ]
    if all(_components(n, c) > 1 for c in candidates):
        candidates = _symmetric_matchings(n, n) or _symmetric_matchings(n, 2 * n)
    for pairs in candidates:
        comps = _components(n, pairs)
        corner = any(_ends(n)[a][0] != _ends(n)[b][0] for a, b in pairs)
        depth = sum(_span(m, a, b) for a, b in pairs)
        key = (comps, corner != (ears == "corners"), depth, pairs)
        if best is None or key < best:
            best = key
    return best[3]


def _span(m: int, a: int, b: int) -> int:
    """Ends passed by a loop going the short way round from ``a`` to ``b``."""
    return min((b - a) % m, (a - b) % m)


def _symmetric_matchings(n: int, turn: int) -> list[tuple[tuple[int, int], ...]]:
    """Non-crossing perfect matchings of 4n points on a circle, invariant under +turn."""
    m = 4 * n
    out: list[tuple[tuple[int, int], ...]] = []

    def crosses(a: int, b: int, c: int, d: int) -> bool:
        def inside(x: int) -> bool:
            return 0 < (x - a) % m < (b - a) % m

        return inside(c) != inside(d)

    def rec(match: list[int], pairs: list[tuple[int, int]]) -> None:
        i = next((k for k in range(m) if match[k] < 0), None)
        if i is None:
            out.append(tuple(sorted((min(a, b), max(a, b)) for a, b in pairs)))
            return
        for step in range(1, m, 2):  # an even number of ends between a pair
            j = (i + step) % m
            new = {((i + r * turn) % m, (j + r * turn) % m) for r in range(m // turn)}
            points = [q for pr in new for q in pr]
            if len(set(points)) != len(points) or any(match[q] >= 0 for q in points):
                continue
            if any(crosses(a, b, c, d) for a, b in new for c, d in pairs):
                continue
            if any(crosses(a, b, c, d) for a, b in new for c, d in new if (a, b) != (c, d)):
                continue
            for a, b in new:
                match[a], match[b] = b, a
            rec(match, pairs + sorted(new))
            for a, b in new:
                match[a] = match[b] = -1

    rec([-1] * m, [])
    return out


def _partner(n: int, e: int) -> int:
    """The end at the other side of the straight cord through end ``e``."""
    side, k = _ends(n)[e]
    other = {"top": "bottom", "bottom": "top", "left": "right", "right": "left"}[side]
    return _ends(n).index((other, k))


def _components(n: int, pairs) -> int:
    loop = {}
    for a, b in pairs:
        loop[a], loop[b] = b, a
    seen = set()
    count = 0
    for start in range(4 * n):
        if start in seen:
            continue
        count += 1
        e = start
        while e not in seen:
            seen.add(e)
            f = _partner(n, e)
            seen.add(f)
            e = loop[f]
    return count


def _trace(n: int, pairs) -> list[list[tuple[int, int]]]:
    """Each closed cord as a list of (end entered, end left) straight passes."""
    loop = {}
    for a, b in pairs:
        loop[a], loop[b] = b, a
    seen = set()
    cords = []
    for start in range(4 * n):
        if start in seen:
            continue
        passes = []
        e = start
        while e not in seen:
            f = _partner(n, e)
            seen.update((e, f))
            passes.append((e, f))
            e = loop[f]
        cords.append(passes)
    return cords


@operator(
    "ornament.endless_knot",
    kind="vector",
    version=1,
    tags=(
        "endless knot",
        "knot",
        "interlace",
        "eternal knot",
        "pan chang",
        "盘长",
        "盘长结",
        "中国结",
        "吉祥结",
        "八宝",
    ),
)
def endless_knot(p: EndlessKnotParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Endless knot (盘长): one cord woven over and under on a square grid, with ears.

    ``grid`` straight cords run each way across a square (turned 45 degrees by
    default); outside it, loops join their ends in pairs round the perimeter,
    rounding the corners (``corners``) or kept to ears along the sides where
    possible. The loops never cross, so they form a non-crossing matching of the
    ends; neighbours paired all round close odd grids into one cord, and for even
    grids the matching is found among the quarter-turn symmetric ones (a pinwheel
    with nested ears, drawn further out the more loops they enclose): the knot is
    always a single closed cord (checked by tracing it). Crossings alternate over
    and under along every cord (a cord is over at crossing (i, j) of the grid when
    i + j is even for one direction, odd for the other), which a non-crossing
    matching keeps alternating through the loops; the over strand is redrawn across
    each crossing,
    so the under strand's edges break there as in a real knot. A hanging loop and
    a tassel may be added; the generator sways the tassel's threads.

    Meaning: the 盘长 has no beginning and no end: endless life, love and
    continuity (长长久久), one of the Eight Buddhist Treasures (八吉祥) and the
    root of the Chinese knot (中国结). Pair with bats and coins (福, 钱), with the
    卍 fret, and red cord for weddings and the new year.

    References
    ----------
    Cromwell 1993, "Celtic knotwork: mathematical art", *Mathematical Intelligencer*
    15(1) (knots from grids, alternation); Kaplan & Cohen 2003, "Computer generated
    Celtic design", *EGSR*; Chen 2003, *Chinese Knotting* (盘长结 construction).
    """
    t = tones(p, palette)
    n = p.grid
    g = 1.0  # grid pitch in the knot's own units
    half = 0.5 * (n - 1) * g
    reach = half + 0.6 * g  # where the straight cords end, just outside the grid
    ear = p.ear * g
    w = p.cord * g
    ends = _ends(n)

    def end_point(e: int) -> Point:
        side, k = ends[e]
        c = -half + k * g
        return {"top": (c, -reach), "bottom": (c, reach), "left": (-reach, c), "right": (reach, c)}[
            side
        ]

    def outward(e: int) -> Point:
        return {"top": (0, -1), "bottom": (0, 1), "left": (-1, 0), "right": (1, 0)}[ends[e][0]]

    corners = {  # the square's corner after each side, going round clockwise
        "top": (1, -1),
        "right": (1, 1),
        "bottom": (-1, 1),
        "left": (-1, -1),
    }
    order = ("top", "right", "bottom", "left")
    m = len(ends)

    def loop_points(a: int, b: int, depth: int) -> list[Point]:
        """Points of the loop from end ``a`` to end ``b`` (outside the square).

        The loop goes the short way round, ``depth`` ears out (nested loops stand
        clear of the ones they enclose), turning round every corner it passes.
        """
        r = ear * (0.4 + 0.6 * depth)
        pa, pb = end_point(a), end_point(b)
        oa, ob = outward(a), outward(b)
        pts = [pa, (pa[0] + oa[0] * r, pa[1] + oa[1] * r)]
        side = order.index(ends[a][0])
        while order[side] != ends[b][0]:
            cx, cy = corners[order[side]]
            pts.append((cx * (reach + r), cy * (reach + r)))
            side = (side + 1) % 4
        pts += [(pb[0] + ob[0] * r, pb[1] + ob[1] * r), pb]
        return pts

    pairs = _pairs(n, p.ears)
    # Each loop runs forward (clockwise) over its shorter arc; its depth is one more
    # than the deepest loop inside that arc.
    arcs = []
    for a, b in pairs:
        s, e = (a, b) if (b - a) % m <= m // 2 else (b, a)
        arcs.append((s, e))
    depth = {}
    for s, e in sorted(arcs, key=lambda q: (q[1] - q[0]) % m):
        inner = [
            depth[q]
            for q in depth
            if 0 < (q[0] - s) % m < (e - s) % m and 0 < (q[1] - s) % m < (e - s) % m
        ]
        depth[(s, e)] = 1 + max(inner, default=0)
    loops = {}
    for (s, e), dep in depth.items():
        pts = loop_points(s, e, dep)
        loops[(s, e)] = pts
        loops[(e, s)] = pts[::-1]
    path = skia.Path()
    for passes in _trace(n, pairs):
        pts: list[Point] = []
        for k, (e_in, e_out) in enumerate(passes):
            nxt = passes[(k + 1) % len(passes)][0]
            pts.append(end_point(e_in))
            pts.extend(loops[(e_out, nxt)][:-1])
        _rounded(path, pts, 0.5 * g)

    # Crossings: (i, j) on the grid; the horizontal cord is over when i + j is even.
    over = skia.Path()
    for i in range(n):
        for j in range(n):
            x, y = -half + i * g, -half + j * g
            span = 0.5 * w + 0.18 * g
            if (i + j) % 2 == 0:
                over.moveTo(x - span, y)
                over.lineTo(x + span, y)
            else:
                over.moveTo(x, y - span)
                over.lineTo(x, y + span)

    # Laid out in the knot's own units (turned), then fitted into the motif box.
    m = skia.Matrix()
    m.setRotate(p.rotation)
    for target in (path, over):
        target.transform(m)
    box = path.computeTightBounds()
    top, bottom = box.top() - 0.5 * w, box.bottom() + 0.5 * w
    above, below = (4.2 * w, 14.0 * w) if p.tassel else (0.0, 0.0)
    height = bottom - top + above + below
    width = box.width() + w
    scale = 0.96 / max(height, width)
    lw = p.line_width / scale
    inner_w = max(w - 2.0 * lw, 0.3 * w)
    mid_w = 0.16 * w
    d = Sketch()
    if p.tassel:
        hang = skia.Path()
        y0 = box.top() + 0.3 * w
        hang.moveTo(0.0, y0)
        hang.cubicTo(-3.0 * w, y0 - 4.5 * w, 3.0 * w, y0 - 4.5 * w, 0.0, y0)
        d.stroke(hang, t["line"], w)
        d.stroke(hang, t["cord"], inner_w)
        _tassel(d, t, 0.0, box.bottom() - 0.3 * w, w, lw, rng)
    d.stroke(path, t["line"], w)
    d.stroke(path, t["cord"], inner_w)
    if p.double_line:
        d.stroke(path, t["middle"], mid_w)
    # The over strand redrawn across each crossing, with butt ends, so its edges run
    # on unbroken while the under strand's edges stop at them.
    d.fill(stroke_outline(over, w, cap="butt"), t["line"])
    d.fill(stroke_outline(over, inner_w, cap="butt"), t["cord"])
    if p.double_line:
        d.fill(stroke_outline(over, mid_w, cap="butt"), t["middle"])
    fit = skia.Matrix()
    fit.setTranslate(-0.5 * (box.left() + box.right()), -0.5 * (top - above + bottom + below))
    fit.postScale(scale, scale)
    fit.postTranslate(0.5, 0.5)
    d.transform(fit)
    return d.finish(margin=0.01)


def _rounded(path: skia.Path, pts: list[Point], radius: float) -> None:
    """A closed polyline through ``pts`` with its corners rounded by ``radius``."""
    n = len(pts)
    arr = np.asarray(pts, np.float64)
    starts = []
    for i in range(n):
        p0, p1, p2 = arr[i - 1], arr[i], arr[(i + 1) % n]
        a = p0 - p1
        b = p2 - p1
        la, lb = np.hypot(*a), np.hypot(*b)
        cross = abs(a[0] * b[1] - a[1] * b[0])
        if la < 1e-9 or lb < 1e-9 or cross < 1e-9:
            starts.append((p1, p1, p1))
            continue
        r = min(radius, 0.5 * la, 0.5 * lb)
        starts.append((p1 + a / la * r, p1, p1 + b / lb * r))
    first = starts[0][2]
    path.moveTo(*first)
    for i in range(1, n + 1):
        a, corner, b = starts[i % n]
        path.lineTo(*a)
        path.quadTo(*corner, *b)
    path.close()


def _tassel(d: Sketch, t, x: float, y: float, w: float, lw: float, rng) -> None:
    """A short cord, a bead knot and a fan of threads hanging from ``(x, y)``."""
    cord = skia.Path()
    cord.moveTo(x, y)
    cord.lineTo(x, y + 2.5 * w)
    d.stroke(cord, t["line"], w)
    d.stroke(cord, t["cord"], w - 2 * lw)
    bead = skia.Path()
    bead.addCircle(x, y + 3.0 * w, 1.1 * w)
    d.fill(bead, t["cord"])
    d.stroke(bead, t["line"], lw)
    head = skia.Path()
    top, length = y + 4.0 * w, 8.5 * w
    head.addRoundRect(
        skia.Rect.MakeLTRB(x - 1.0 * w, top, x + 1.0 * w, top + 1.4 * w), 0.4 * w, 0.4 * w
    )
    threads = skia.Path()
    for k in range(9):
        f = (k - 4) / 4.0
        sway = rng.normal(0.0, 0.25) * w
        threads.moveTo(x + 0.8 * w * f, top + w)
        threads.quadTo(
            x + 1.2 * w * f + sway, top + 0.5 * length, x + 1.8 * w * f + sway, top + length
        )
    d.stroke(threads, t["shade"], 0.42 * w)
    d.stroke(threads, t["cord"], 0.26 * w)
    d.fill(head, t["cord"])
    d.stroke(head, t["line"], lw)
