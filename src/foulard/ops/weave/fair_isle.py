"""Fair Isle: a knitting chart of peerie, OXO and star bands, drawn stitch by stitch."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.channels import opaque
from foulard.ops._common.chunks import chunked
from foulard.ops._common.geometry import wrap01
from foulard.ops.params import Params, param
from foulard.ops.registry import operator
from foulard.ops.weave._params import color_role_param
from foulard.ops.weave._repeat import SummedArea
from foulard.ops.weave.argyle import band_cover

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["MOTIFS", "fair_isle", "fair_isle_chart"]

CHART_WIDTH = 24  # every motif's width divides it


def _grid(rows: list[str]) -> np.ndarray:
    return np.array([[c == "#" for c in r] for r in rows], bool)


def _diamond(r: int, width: int) -> np.ndarray:
    """A filled diamond of radius r at the left of a band ``width`` wide."""
    y, x = np.mgrid[-r : r + 1, 0:width]
    return np.abs(x - r) + np.abs(y) <= r


_O = [
    "....###.....",
    "...##.##....",
    "..##...##...",
    ".##..#..##..",
    "##..###..##.",
    "#..##.##..#.",
    "##..###..##.",
    ".##..#..##..",
    "..##...##...",
    "...##.##....",
    "....###.....",
]
_X = [
    "#.........#.",
    "##.......##.",
    ".##.....##..",
    "..##...##...",
    "...##.##....",
    "....###.....",
    "...##.##....",
    "..##...##...",
    ".##.....##..",
    "##.......##.",
    "#.........#.",
]


def _star(r: int, width: int) -> np.ndarray:
    """An eight-pointed star of radius r (petals on the axes and the diagonals)."""
    y, x = np.mgrid[-r : r + 1, -r : width - r]
    ax, ay = np.abs(x), np.abs(y)
    p, q = np.maximum(ax, ay), np.minimum(ax, ay)
    axis = ((q == 0) & (p >= 2)) | ((q == 1) & (p >= 3) & (p <= r - 2))
    diag = ((p == q) & (p >= 2) & (p <= r - 2)) | ((p - q == 1) & (p >= 3) & (p <= r - 2))
    star = (axis | diag) & (p <= r)
    star[r, r] = True
    return star


# Chart motifs (data): True = pattern colour. Widths divide CHART_WIDTH.
MOTIFS = {
    "peerie_cross": _grid(["#.#.", ".#..", "#.#."]),
    "peerie_wave": _grid(["#.....", ".#...#", "..#.#.", "...#.."]),
    "peerie_diamond": _diamond(2, 6),
    "lice": _grid(["#...", "....", "..#.", "...."]),
    "oxo": np.concatenate([_grid(_O), _grid(_X)], axis=1),
    "star": _star(7, 24),
    "border": _grid(["##..", "..##"]),
}

ARRANGEMENTS = {
    "classic": ("peerie_wave", "oxo", "peerie_diamond", "star", "peerie_cross"),
    "peerie": ("peerie_cross", "peerie_wave", "peerie_diamond", "border", "lice"),
    "oxo": ("border", "oxo", "lice", "oxo"),
}


@dataclass(frozen=True)
class FairIsleParams(Params):
    arrangement: str = param(
        "classic",
        choices=(*ARRANGEMENTS, "random"),
        doc="the sequence of bands; random: drawn from the motifs by the seed",
    )
    stitches: float = param(
        48.0,
        range=(8.0, 1200.0),
        unit="stitches per design unit",
        doc="stitches across one design unit (the knitting gauge)",
    )
    row_ratio: float = param(
        0.8, range=(0.5, 1.2), doc="height of a stitch over its width (knit rows are shorter)"
    )
    background_a: int = color_role_param(0, "light background")
    background_b: int = color_role_param(1, "dark background")
    first_pattern: int = color_role_param(2, "first pattern colour (the next roles follow)")
    pattern_colors: int = param(4, range=(1, 8), doc="pattern colours used, from first_pattern on")
    relief: float = param(0.5, range=(0.0, 1.0), doc="depth of the yarn shading")


def fair_isle_chart(p: FairIsleParams, rng: np.random.Generator | None = None) -> np.ndarray:
    """The chart: palette role of every stitch of one repeat, ``(rows, CHART_WIDTH)``.

    Bands are separated by a plain row. ``rng`` draws the bands of the random
    arrangement. Each band sits on one background (light and
    dark alternate) and its pattern colour shifts row by row, symmetrically about
    the band's middle row; a row therefore never holds more than two colours.
    """
    if p.arrangement == "random":
        names = sorted(MOTIFS)
        bands = [names[k] for k in rng.choice(len(names), size=5)]
    else:
        bands = list(ARRANGEMENTS[p.arrangement])
    rows = []
    pattern = [p.first_pattern + k for k in range(p.pattern_colors)]
    for b, name in enumerate(bands):
        motif = MOTIFS[name]
        h, w = motif.shape
        tile = np.tile(motif, (1, CHART_WIDTH // w))
        bg = p.background_a if b % 2 == 0 else p.background_b
        for r in range(h):
            step = min(r, h - 1 - r) // 2  # colour shifts every two rows to the middle
            fg = pattern[(b + step) % len(pattern)]
            rows.append(np.where(tile[r], fg, bg))
        rows.append(np.full(CHART_WIDTH, bg))
    return np.array(rows, np.int64)


# Stitch geometry in a cell of 1 x 1 (x across, y down): the two legs of a V, their
# tops reaching up behind the stitch above (so the rows interlock), kept inside
# their column.
_LEG_TOP, _LEG_BOTTOM, _LEG_RADIUS = (0.21, -0.3), (0.47, 0.8), 0.205


def _stitch(fu, fv, aspect: float, fp: float, relief: float):
    """Coverage and yarn shading of a V stitch at points local to its cell.

    Distances are measured in stitch widths with the cell's aspect, so the legs
    keep their shape; ``fp`` is the footprint in stitch widths. Coverage is the exact
    box filter of a straight band as wide as the leg, which keeps each leg's area
    (and so the stitch's mean colour) at every footprint.
    """
    ax, ay = _LEG_TOP
    bx, by = _LEG_BOTTOM
    px = np.where(fu < 0.5, fu, 1.0 - fu)  # the right leg mirrors the left one
    py = fv * aspect
    ay, by = ay * aspect, by * aspect
    dx, dy = bx - ax, by - ay
    t = np.clip(((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy), 0.0, 1.0)
    qx = px - (ax + t * dx)
    qy = py - (ay + t * dy)
    d = np.sqrt(qx * qx + qy * qy)
    cover = band_cover(d, _LEG_RADIUS, max(fp, 1e-9))
    across = np.minimum(d / _LEG_RADIUS, 1.0)
    # Round across the yarn; the top, tucked behind the stitch above, in its shadow.
    shade = 1.0 - relief * (0.4 * across * across + 0.45 * np.maximum(0.25 - t, 0.0) * 2.0)
    return cover, shade


def _knit(fu, fv, own, below, aspect: float, fp: float, relief: float, dark: float):
    """Colour of the knitted surface in a cell: its stitch over the tops of the one below."""
    c1, s1 = _stitch(fu, fv, aspect, fp, relief)
    c2, s2 = _stitch(fu, fv - 1.0, aspect, fp, relief)
    under = below * (c2 * s2)[:, None] + own * ((1.0 - c2) * dark)[:, None]
    return own * (c1 * s1)[:, None] + under * (1.0 - c1)[:, None]


def _cell_mean(aspect: float, relief: float, dark: float) -> float:
    """Mean brightness of one stitch cell (legs and the shadow between them)."""
    n = 96
    s = (np.arange(n) + 0.5) / n
    fu, fv = (a.ravel() for a in np.meshgrid(s, s))
    one = np.ones((fu.size, 1))
    return float(_knit(fu, fv, one, one, aspect, 1e-9, relief, dark).mean())


class _Chart:
    def __init__(self, p: FairIsleParams, rng: np.random.Generator | None):
        self.roles = fair_isle_chart(p, rng)
        self.rows, self.cols = self.roles.shape
        self.dark = 0.3 - 0.2 * p.relief
        self.mean = _cell_mean(p.row_ratio, p.relief, self.dark)
        self._sat: dict = {}

    def summed_area(self, palette) -> SummedArea:
        sat = self._sat.get(palette.colors)
        if sat is None:
            rgb = palette.rgb[self.roles % len(palette)].astype(np.float64) * self.mean
            sat = self._sat[palette.colors] = SummedArea(rgb)
        return sat


def _periods(p: FairIsleParams) -> list[tuple[float, float]] | None:
    if p.arrangement == "random":  # the chart's height depends on the bands drawn
        return None
    rows = fair_isle_chart(p, None).shape[0]
    sw = 1.0 / p.stitches
    return [(CHART_WIDTH * sw, 0.0), (0.0, rows * sw * p.row_ratio)]


@operator(
    "weave.fair_isle",
    kind="field",
    version=1,
    prepare=_Chart,
    periods=_periods,
    tags=(
        "fair isle",
        "knit",
        "knitting chart",
        "stranded colourwork",
        "oxo",
        "peerie",
        "nordic",
        "费尔岛",
        "费尔岛针织",
        "提花针织",
        "毛衣图案",
    ),
)
def fair_isle(p: FairIsleParams, call: Call) -> np.ndarray:
    """Fair Isle knitting: bands of chart motifs knitted in V stitches.

    The chart stacks bands of small motifs (peerie bands, OXO, stars, lice),
    each on a light or dark background with a pattern colour that shifts row by row
    towards the band's middle: never more than two colours in a row, as stranded
    knitting requires. Each stitch is drawn as the two legs of a knit V, shaded as
    yarn and anti-aliased over the pixel (over sub-pixels when a stitch spans only
    a few pixels); when stitches shrink below a pixel they fade to the chart's
    colours box-filtered exactly.

    References
    ----------
    Starmore 1988, *Alice Starmore's Book of Fair Isle Knitting*, Taunton Press,
    ch. 3 (peerie, border and OXO patterns) and ch. 4 (colour shifts).
    """
    st = call.state
    sw = 1.0 / p.stitches
    sh = sw * p.row_ratio
    w_units, h_units = st.cols * sw, st.rows * sh
    fc = call.footprint / sw  # footprint in stitch widths
    blend = min(max((fc - 0.5) / 0.5, 0.0), 1.0)
    rgb = call.palette.rgb.astype(np.float64)
    flat_roles = st.roles.ravel() % len(call.palette)
    sat = st.summed_area(call.palette) if blend > 0.0 else None
    hx = 0.5 * call.footprint / sw
    hy = 0.5 * call.footprint / sh

    k = min(4, max(1, math.ceil(fc / 0.125 - 1e-9)))
    sub = ((np.arange(k) + 0.5) / k - 0.5) * fc
    offsets = [(a, b / p.row_ratio) for b in sub for a in sub]

    def kernel(x, y):
        u = wrap01(x / w_units) * st.cols
        v = wrap01(y / h_units) * st.rows
        out = np.zeros((x.size, 3))
        if blend < 1.0:
            # Stitches of a few pixels: k x k sub-pixels, each anti-aliased over its
            # own footprint (one sub-pixel while a stitch spans 8 pixels or more).
            for ou, ov in offsets:
                uu = u + ou
                vv = v + ov
                i = np.floor(uu).astype(np.int64)
                j = np.floor(vv).astype(np.int64)
                fu, fv = uu - i, vv - j
                i %= st.cols
                j %= st.rows
                own = rgb[flat_roles.take(j * st.cols + i)]
                below = rgb[flat_roles.take((j + 1) % st.rows * st.cols + i)]
                near = _knit(fu, fv, own, below, p.row_ratio, fc / k, p.relief, st.dark)
                out += ((1.0 - blend) / len(offsets)) * near
        if blend > 0.0:
            out += blend * sat.box(u, v, hx, hy)
        return opaque(out)

    return chunked(kernel, call.x, call.y)
