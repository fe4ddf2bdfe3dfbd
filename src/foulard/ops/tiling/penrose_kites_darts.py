"""Penrose kites and darts (P2) by Robinson-triangle deflation."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops.params import Params, param
from foulard.ops.registry import operator
from foulard.ops.tiling._aperiodic_patch import Patch
from foulard.ops.tiling._robinson import INV, robinson_drawing, robinson_patch

__all__ = ["KitesDartsParams", "kites_darts_patch", "penrose_kites_darts"]

KITE, DART = 0, 1


@dataclass(frozen=True)
class KitesDartsParams(Params):
    tile_size: float = param(
        0.1, range=(0.02, 0.4), doc="long edge of a kite or dart", unit="design units"
    )
    rotation: float = param(
        -90.0, range=(-180.0, 180.0), doc="clockwise turn of the tiling", unit="degrees"
    )
    centred: bool = param(True, doc="put the tiling's five-fold 'sun' on the middle of the design")
    coloring: str = param(
        "type",
        choices=("type", "orientation", "random"),
        doc="kites and darts apart; by direction (five colours); or at random",
    )
    decoration: str = param(
        "arcs", choices=("none", "arcs"), doc="Conway's arcs, which join into closed curves"
    )
    line_width: float = param(
        0.004, range=(0.0, 0.02), doc="width of the grout lines", unit="design units"
    )
    arc_width: float = param(
        0.006, range=(0.0005, 0.03), doc="width of the arcs", unit="design units"
    )
    kite_color: int = param(5, range=(0, 47), doc="palette role of kites (first colour)")
    dart_color: int = param(3, range=(0, 47), doc="palette role of darts")
    line_color: int = param(1, range=(0, 47), doc="palette role of the grout lines")
    arc_color: int = param(0, range=(0, 47), doc="palette role of the first family of arcs")
    arc_color_2: int = param(2, range=(0, 47), doc="palette role of the second family of arcs")


def _arcs(kind, a, b, c):
    """Conway's arcs of each half-tile, about ``B`` and about ``C``.

    Kites: radius 1/phi of the edge they cross about both corners (tip and hub);
    darts: 1/phi^2 (reflex corner and tip). Every edge is then met at its golden
    section from both sides, so the arcs run on. Arcs about a kite's ``B`` join arcs
    about a dart's ``C`` (class 0), the other two join each other (class 1).
    """
    kite = kind == KITE
    frac = np.where(kite, INV, INV * INV)
    out = []
    for centre, start, toward, cls in (
        (b, a, c, np.where(kite, 0, 1)),
        (c, a, b, np.where(kite, 1, 0)),
    ):
        r = np.abs(start - centre) * frac
        p = centre + (start - centre) * frac
        d = toward - centre
        q = centre + d / np.abs(d) * r
        out.append((cls, centre, p, q))
    return out


def kites_darts_patch(p: KitesDartsParams, rng: np.random.Generator) -> Patch:
    """The kites and darts (design units) covering the design, with classes and arcs.

    By orientation, the class is the direction of the axis, tip to hub.
    """
    return robinson_patch("kites", p, rng, first_kind=KITE, axis_period=360.0, arcs=_arcs)


@operator(
    "tiling.penrose_kites_darts",
    kind="vector",
    version=1,
    tags=("penrose", "kites", "darts", "aperiodic", "quasicrystal", "彭罗斯", "风筝与飞镖", "准晶"),
)
def penrose_kites_darts(p: KitesDartsParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Penrose kites and darts (P2): two quadrilaterals that tile only non-periodically.

    Built by deflating a sun of half-kites (Robinson triangles) until the long edge is
    ``tile_size``; mirror halves are joined into kites (72, 72, 72, 144 degrees)
    and darts (72, 36, 216, 36). Kites outnumber darts by the golden ratio.
    ``centred`` puts the five-kite "sun" vertex on the middle of the design;
    otherwise the seed picks a window elsewhere. ``arcs`` draws Conway's decoration:
    arcs about each tile's corners that meet every edge at its golden section and
    so join into long closed curves ("Conway worms" and rings), in two colours.

    References
    ----------
    Penrose 1974, *Bull. Inst. Math. Appl.* 10; Gardner 1977, "Extraordinary
    nonperiodic tiling that enriches the theory of tiles", *Scientific American*
    236(1); Grünbaum & Shephard 1987, *Tilings and Patterns*, §10.3.
    """
    return robinson_drawing(kites_darts_patch(p, rng), p, palette, p.kite_color, p.dart_color)
