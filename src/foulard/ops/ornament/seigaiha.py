"""Seigaiha (青海波): overlapping fans of concentric arcs, a tile that repeats seamlessly."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import WHITE, mix
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class SeigaihaParams(Params):
    columns: int = param(3, range=(1, 12), doc="scales across the tile in one row")
    rings: int = param(5, range=(2, 10), doc="concentric rings in each scale")
    style: str = param(
        "lines",
        choices=("lines", "bands", "alternate"),
        doc="arcs drawn as lines on the fill; rings of two colours; or fill alternating by row",
    )
    line_width: float = param(
        0.3, range=(0.05, 0.8), doc="line width as a share of the ring spacing"
    )
    fill_color: int = param(1, range=(0, 47), doc="palette role of the scales")
    accent_color: int = param(4, range=(0, 47), doc="palette role of the second colour")
    line_color: int = param(0, range=(0, 47), doc="palette role of the arcs")


def tones(p: SeigaihaParams, palette: Palette) -> dict[str, RGB]:
    """The colours of the wave scales: the fill, accent and line roles.

    ``bands`` also paints the accent role mixed with white by 0.35 (the innermost
    disc), so three tones alternate in the rings.
    """
    accent = palette.role(p.accent_color)
    return {
        "fill": palette.role(p.fill_color),
        "accent": accent,
        "line": palette.role(p.line_color),
        "light": mix(accent, WHITE, 0.35),
    }


def waves(p: SeigaihaParams, palette: Palette, bounds=(0.0, 0.0, 1.0, 1.0)) -> Drawing:
    """The wave pattern over any window of the plane (the operator draws the unit box).

    Scales of radius ``R = 1 / (2 * columns)`` sit on the half-drop lattice
    ``(2R i + R (j mod 2), R j / 2)`` and are painted row by row from the top, so each
    row covers the lower half of the row above. The lattice has periods ``(2R, 0)``
    and ``(0, R)``, whole fractions of 1: the pattern repeats with period 1 in x and y.
    """
    t = tones(p, palette)
    r = 0.5 / p.columns
    h = 0.5 * r
    x0, y0, x1, y1 = bounds
    d = Drawing(bounds)
    step = r / p.rings
    lw = p.line_width * step
    j0 = math.floor((y0 - r) / h) - 1
    j1 = math.ceil((y1 + r) / h) + 1
    for j in range(j0, j1 + 1):
        # One path per row and ring: scales in a row only touch, so order within it is free.
        y = j * h
        shift = r if j % 2 else 0.0
        i0 = math.floor((x0 - r - shift) / (2 * r)) - 1
        i1 = math.ceil((x1 + r - shift) / (2 * r)) + 1
        centres = [(2 * r * i + shift, y) for i in range(i0, i1 + 1)]
        row_fill = t["fill"]
        if p.style == "alternate" and j % 2:
            row_fill = t["accent"]
        for k in range(p.rings, 0, -1):
            rk = step * k
            discs = skia.Path()
            for cx, cy in centres:
                discs.addCircle(cx, cy, rk)
            if p.style == "bands":
                color = (t["fill"], t["accent"], t["light"])[(p.rings - k) % 3]
                d.fill(discs, color)
                d.stroke(discs, t["line"], lw)
            else:
                if k == p.rings:
                    d.fill(discs, row_fill)
                d.stroke(discs, t["line"], lw)
        if p.style != "bands":
            dots = skia.Path()
            for cx, cy in centres:
                dots.addCircle(cx, cy, 0.5 * lw)
            d.fill(dots, t["line"])
    return d


@operator(
    "ornament.seigaiha",
    kind="vector",
    version=1,
    tags=("waves", "scales", "seigaiha", "wagara", "青海波", "海水纹", "鱼鳞纹"),
)
def seigaiha(p: SeigaihaParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Seigaiha (青海波) wave scales: a tile of overlapping fans of concentric arcs.

    Lattice: the tile is the unit box and it is meant to be repeated by a plain p1
    lattice of that box (translations by whole units in x and y). Inside it,
    ``columns`` scales of radius ``R = 1 / (2 * columns)`` fill each row, and rows
    ``R / 2`` apart alternate by half a scale (a half-drop/brick lattice with basis
    ``(2R, 0)`` and ``(R, R / 2)``), so ``4 * columns`` rows fit the tile exactly. The
    rows are painted from the top, each covering the lower half of the row above, and
    scales that cross the tile's edges are drawn from the neighbouring rows and
    columns and clipped: the copies join into one continuous wave field. Each scale
    is ``rings`` concentric circles (``lines``: arcs on the fill colour; ``bands``:
    rings of three tones; ``alternate``: rows alternate fill and accent). No
    randomness.

    References
    ----------
    Traditional Japanese *wagara* 青海波 (after the Gagaku dance *Seigaiha*) and
    the Chinese 海水纹/鱼鳞纹 scale patterns; Dover, *Japanese Design Motifs* (1972);
    Grünbaum & Shephard 1987, *Tilings and Patterns*, §1.4 (lattices and p1).
    """
    return waves(p, palette)
