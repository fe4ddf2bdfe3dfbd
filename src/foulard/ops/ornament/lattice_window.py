"""Window lattice (窗棂): orthogonal bars grown by a stick grammar, as a periodic field."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import BLACK, WHITE, mix
from foulard.ops.ornament._cn import GridBars, cover, grid_coords, over, paint
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class LatticeWindowParams(Params):
    style: str = param(
        "grammar",
        choices=("grammar", "bubujin", "lantern", "taofang", "square"),
        doc="grown by the stick grammar, or a named lattice: 步步锦 step-by-step, "
        "灯笼锦 lantern, 套方 interlocked squares, 方格 plain squares",
    )
    symmetry: str = param(
        "p4m",
        choices=("p4m", "p4", "pmm"),
        doc="symmetry of the grown unit: mirrors and quarter turns, quarter turns only "
        "(pinwheel), or two mirrors",
    )
    unit: int = param(10, range=(4, 14), doc="pitches across one repeat unit")
    openness: float = param(
        0.4, range=(0.15, 1.0), doc="largest opening the grammar leaves, as a share of a unit side"
    )
    repeats: int = param(3, range=(1, 12), doc="repeat units across the unit square")
    orientation: str = param(
        "straight", choices=("straight", "diagonal"), doc="bars along the edges or at 45 degrees"
    )
    bar_width: float = param(0.36, range=(0.1, 0.7), doc="bar width as a share of the pitch")
    groove: float = param(
        0.35, range=(0.0, 0.7), doc="carved centre line as a share of the bar (0: flat bars)"
    )
    knots: bool = param(True, doc="carved flower knots (卡子花) where bars meet in a cross")
    bar_color: int = param(2, range=(0, 47), doc="palette role of the bars")
    knot_color: int = param(3, range=(0, 47), doc="palette role of the knots")
    pane_color: int = param(
        0, range=(-1, 47), doc="palette role of the paper panes (-1: transparent)"
    )


def tones(p: LatticeWindowParams, palette: Palette) -> dict[str, RGB]:
    """The colours of a window: bar, knot and pane roles and fixed mixes.

    The carved groove is the bar role mixed with black by 0.3; the knot's heart the
    knot role mixed with white by 0.4.
    """
    bar = palette.role(p.bar_color)
    knot = palette.role(p.knot_color)
    out = {
        "bar": bar,
        "groove": mix(bar, BLACK, 0.3),
        "knot": knot,
        "knot_heart": mix(knot, WHITE, 0.4),
    }
    if p.pane_color >= 0:
        out["pane"] = palette.role(p.pane_color)
    return out


class _Lattice:
    """The bars of one unit (a torus of ``n`` x ``n`` pitches) and where knots sit."""

    def __init__(self, n: int):
        self.n = n
        self.h = np.full((n, n), -1, np.int64)
        self.v = np.full((n, n), -1, np.int64)

    def has(self, kind: str, i: int, j: int) -> bool:
        arr = self.h if kind == "h" else self.v
        return bool(arr[j % self.n, i % self.n] >= 0)

    def add(self, kind: str, i: int, j: int) -> None:
        arr = self.h if kind == "h" else self.v
        arr[j % self.n, i % self.n] = 0

    def line(self, x0: int, y0: int, x1: int, y1: int) -> None:
        if y0 == y1:
            for x in range(min(x0, x1), max(x0, x1)):
                self.add("h", x, y0)
        else:
            for y in range(min(y0, y1), max(y0, y1)):
                self.add("v", x0, y)

    def degree(self, i: int, j: int) -> int:
        return (
            self.has("h", i, j)
            + self.has("h", i - 1, j)
            + self.has("v", i, j)
            + self.has("v", i, j - 1)
        )

    def knots(self) -> np.ndarray:
        """Vertices where four bars cross (a cross joint carries a knot)."""
        h, v = self.h >= 0, self.v >= 0
        return h & np.roll(h, 1, axis=1) & v & np.roll(v, 1, axis=0)

    def regions(self) -> tuple[np.ndarray, int]:
        """Label of each cell's opening (cells joined where no bar parts them)."""
        n = self.n
        parent = list(range(n * n))

        def find(a: int) -> int:
            while parent[a] != a:
                parent[a] = parent[parent[a]]
                a = parent[a]
            return a

        for j in range(n):
            for i in range(n):
                if not self.has("v", i + 1, j):  # wall between cell (i, j) and (i+1, j)
                    parent[find(j * n + i)] = find(j * n + (i + 1) % n)
                if not self.has("h", i, j + 1):
                    parent[find(j * n + i)] = find(((j + 1) % n) * n + i)
        roots = np.array([find(a) for a in range(n * n)]).reshape(n, n)
        return roots, n * n


def _images(n: int, symmetry: str):
    """Maps of grid vertices under the unit's symmetry (about the unit's centre)."""
    maps = [lambda x, y: (x, y), lambda x, y: (n - y, x), lambda x, y: (n - x, n - y)]
    maps.append(lambda x, y: (y, n - x))
    if symmetry == "pmm":
        return [
            lambda x, y: (x, y),
            lambda x, y: (n - x, y),
            lambda x, y: (x, n - y),
            lambda x, y: (n - x, n - y),
        ]
    if symmetry == "p4m":
        maps += [lambda x, y, f=f: f(y, x) for f in list(maps)]
    return maps


def _stick(lat: _Lattice, x: int, y: int, dx: int, dy: int) -> list[tuple[int, int]]:
    """Vertices of a stick from ``(x, y)`` until it meets a bar (at most one unit long)."""
    pts = [(x, y)]
    for _ in range(lat.n):
        x, y = x + dx, y + dy
        pts.append((x, y))
        if lat.degree(x, y) > 0:
            return pts
    return []


def _grow(p: LatticeWindowParams, rng: np.random.Generator) -> _Lattice:
    """The stick grammar: split the largest opening, with the unit's symmetry.

    Two rules, drawn at random: a rectangular opening may take an inset frame tied
    to its wall by short sticks from the middles of the frame's sides (the lantern
    and step motifs of Chinese lattice); any opening may be split by a stick that
    starts on a bar of its wall and runs straight until it meets a bar. Every bar
    thus ends on a bar, as in joinery: no loose ends, one rigid piece. Each addition
    comes with its images under the symmetry group.
    """
    n = p.unit
    lat = _Lattice(n)
    maps = _images(n, p.symmetry)

    def add(x0: int, y0: int, x1: int, y1: int) -> None:
        for f in maps:
            a, b = f(x0, y0), f(x1, y1)
            lat.line(a[0], a[1], b[0], b[1])

    # The frame of the unit: lines along its edges (the unit repeats, so one of each).
    lat.line(0, 0, n, 0)
    lat.line(0, 0, 0, n)
    limit = max(1.0, (p.openness * n) ** 2)
    for _ in range(4 * n * n):
        roots, _ = lat.regions()
        labels, counts = np.unique(roots, return_counts=True)
        if counts.max() <= limit:
            break
        big = labels[np.argmax(counts)]
        cells = np.argwhere(roots == big)  # (j, i)
        j0, i0 = cells.min(axis=0)
        j1, i1 = cells.max(axis=0) + 1
        w, h = i1 - i0, j1 - j0
        rect = len(cells) == w * h
        if rect and min(w, h) >= 4 and rng.random() < 0.75:
            # Inset frame, one or two pitches in, tied to the wall at its middles.
            m = int(rng.integers(1, 3)) if min(w, h) >= 6 else 1
            x0, y0, x1, y1 = i0 + m, j0 + m, i1 - m, j1 - m
            add(x0, y0, x1, y0)
            add(x0, y1, x1, y1)
            add(x0, y0, x0, y1)
            add(x1, y0, x1, y1)
            if p.symmetry == "p4":
                # A pinwheel: each side runs on past a corner until it meets a bar.
                ties = ((x0, y0, -1, 0), (x1, y0, 0, -1), (x1, y1, 1, 0), (x0, y1, 0, 1))
                chosen = range(4)
            else:
                cx, cy = (x0 + x1) // 2, (y0 + y1) // 2
                ties = ((cx, y0, 0, -1), (cx, y1, 0, 1), (x0, cy, -1, 0), (x1, cy, 1, 0))
                chosen = rng.permutation(4)[: int(rng.integers(2, 5))]
            for k in chosen:
                tx, ty, dx, dy = ties[k]
                pts = _stick(lat, tx, ty, dx, dy)
                if len(pts) >= 2:
                    add(*pts[0], *pts[-1])
            continue
        # Candidate sticks: from a corner of one of the opening's cells that lies on
        # a bar, along that cell's side where there is no bar yet.
        cands = []
        for j, i in cells:
            for (vx, vy), dirs in (
                ((i, j), ((1, 0), (0, 1))),
                ((i + 1, j), ((-1, 0), (0, 1))),
                ((i, j + 1), ((1, 0), (0, -1))),
                ((i + 1, j + 1), ((-1, 0), (0, -1))),
            ):
                if lat.degree(vx, vy) == 0:
                    continue
                for dx, dy in dirs:
                    if dy == 0:
                        free = not lat.has("h", min(vx, vx + dx), vy)
                    else:
                        free = not lat.has("v", vx, min(vy, vy + dy))
                    if free:
                        cands.append((int(vx), int(vy), dx, dy))
        added = False
        # Prefer short sticks: they split an opening without ruling the unit into a grid.
        sticks = []
        for c in rng.permutation(len(cands))[:48]:
            pts = _stick(lat, *cands[c])
            if len(pts) >= 2:
                sticks.append(pts)
        if sticks:
            sticks.sort(key=len)
            pts = sticks[int(rng.integers(0, max(1, len(sticks) // 3)))]
            add(*pts[0], *pts[-1])
            added = True
        if not added:
            break
    return lat


def _preset(p: LatticeWindowParams) -> _Lattice:
    n = p.unit
    lat = _Lattice(n)
    q = n // 4
    if p.style == "square":
        lat.line(0, 0, n, 0)
        lat.line(0, 0, 0, n)
        lat.line(0, n // 2, n, n // 2)
        lat.line(n // 2, 0, n // 2, n)
    elif p.style == "lantern":
        # A large open "lantern" framed by short bars to the unit's edges.
        lat.line(0, 0, n, 0)
        lat.line(0, 0, 0, n)
        a, b = q, n - q
        for x0, y0, x1, y1 in ((a, a, b, a), (a, b, b, b), (a, a, a, b), (b, a, b, b)):
            lat.line(x0, y0, x1, y1)
        m = n // 2
        lat.line(m, 0, m, a)
        lat.line(m, b, m, n)
        lat.line(0, m, a, m)
        lat.line(b, m, n, m)
    elif p.style == "taofang":
        # Squares of side 2/3 of the unit at the corners and the centre, interlocked.
        s = max(2, (2 * n) // 3)
        for ox, oy in ((0, 0), (n // 2, n // 2)):
            lat.line(ox, oy, ox + s, oy)
            lat.line(ox, oy + s, ox + s, oy + s)
            lat.line(ox, oy, ox, oy + s)
            lat.line(ox + s, oy, ox + s, oy + s)
    else:  # bubujin: nested pinwheels, each bar starting on a bar and ending on the next
        lat.line(0, 0, n, 0)
        lat.line(0, 0, 0, n)
        a, b = 0, n
        step = max(2, n // 5)
        turn = 0
        while b - a >= 2 * step + 2:
            c, d = a + step, b - step
            if turn % 2 == 0:
                lat.line(a, c, d, c)  # top, from the left wall
                lat.line(d, a, d, d)  # right, from the top wall
                lat.line(c, d, b, d)  # bottom, from the right wall
                lat.line(c, c, c, b)  # left, from the bottom wall
            else:
                lat.line(c, c, b, c)
                lat.line(d, c, d, b)
                lat.line(a, d, d, d)
                lat.line(c, a, c, d)
            a, b = c, d
            turn += 1
    return lat


def _prepare(p: LatticeWindowParams, rng: np.random.Generator):
    lat = _grow(p, rng) if p.style == "grammar" else _preset(p)
    knots = lat.knots() if p.knots else np.zeros((p.unit, p.unit), bool)
    return GridBars(lat.h, lat.v), knots


@operator(
    "ornament.lattice_window",
    kind="field",
    version=1,
    output="rgba",
    prepare=_prepare,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)],
    tags=(
        "window lattice",
        "lattice",
        "fretwork",
        "screen",
        "trellis",
        "窗棂",
        "花窗",
        "窗格",
        "步步锦",
        "灯笼锦",
        "格子窗",
    ),
)
def lattice_window(p: LatticeWindowParams, call: Call) -> np.ndarray:
    """Window lattice (窗棂): wooden bars on a square grid, grown by a stick grammar.

    The ``grammar`` style grows one repeat unit on a torus of ``unit`` x ``unit``
    pitches: starting from the unit's frame, it finds the largest opening and splits
    it with a straight stick that starts on a bar of that opening's wall and runs
    until it meets another bar, adding the stick's images under the unit's symmetry
    (p4m, p4 pinwheel, pmm); it stops when no opening is larger than ``openness``.
    Every bar thus ends on a bar, as in joinery: no loose ends, one rigid piece. The
    named lattices (步步锦 *bubujin*, 灯笼锦 lantern, 套方 interlocked squares, 方格
    squares) are fixed units. Bars are measured pointwise with square distances
    (square ends, anti-aliased over the pixel footprint), carry an optional carved
    centre line, and cross joints may carry round flower knots (卡子花). Repeats with
    period 1, straight or on the diagonal.

    Meaning: lattice windows frame the garden view (借景); 步步锦 wishes "brocade at
    every step", steady advancement; 灯笼锦 the lantern of festivity and a bright
    future. Pair with plum blossoms and bamboo seen through the panes, or with 卍
    frets in a border.

    References
    ----------
    Dye 1937, *A Grammar of Chinese Lattice*, Harvard-Yenching Monograph Series;
    Stiny 1977, "Ice-ray: a note on the generation of Chinese lattice designs",
    *Environment and Planning B* 4 (the stick grammar, here on a square grid);
    Ji Cheng 1631, *Yuan Ye* (园冶), ch. on windows and lattices (栏杆、门窗).
    """
    t = tones(p, call.palette)
    bars, knots = call.state
    n = p.unit
    u, v, scale = grid_coords(call.x, call.y, p.repeats * n, p.orientation == "diagonal")
    fp = call.footprint * scale
    dist, _ = bars.nearest(u, v)
    half = 0.5 * p.bar_width
    far = min(max(2.0 * fp - 1.0, 0.0), 1.0)
    bar = cover(half - dist, fp)
    groove = cover(p.groove * half - dist, fp) if p.groove > 0 else None
    out = paint(bar, t["bar"])
    if groove is not None:
        out = over(paint(groove * (1.0 - far), t["groove"]), out) * bar[..., None].astype(
            np.float32
        )
        out[..., 3] = bar
    if p.knots and knots.any():
        # Nearest grid vertex: knots sit on cross joints.
        ki = np.rint(u).astype(np.int64)
        kj = np.rint(v).astype(np.int64)
        has = knots[kj % n, ki % n]
        r = np.hypot(u - ki, v - kj)
        radius = min(0.42, half + 0.22)
        # A four-lobed flower: a disc with its radius waved four times.
        ang = np.arctan2(v - kj, u - ki)
        lobe = radius * (0.82 + 0.18 * np.abs(np.cos(2.0 * ang)))
        k = cover(lobe - r, fp) * has * (1.0 - far)
        heart = cover(0.38 * radius - r, fp) * has * (1.0 - far)
        out = over(paint(heart, t["knot_heart"]), over(paint(k * (1 - heart), t["knot"]), out))
    if far > 0:
        out = out * (1.0 - far) + paint(np.full(np.shape(u), _mean(bars, p)), t["bar"]) * far
    if p.pane_color >= 0:
        out = over(out, paint(np.ones(np.shape(u)), t["pane"]))
    return out


def _mean(bars: GridBars, p: LatticeWindowParams) -> float:
    """Share of the unit under bars (the tone the lattice blurs to far away)."""
    edges = int((bars.h >= 0).sum() + (bars.v >= 0).sum())
    return min(1.0, edges * p.bar_width / (p.unit * p.unit))
