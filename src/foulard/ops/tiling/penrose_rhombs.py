"""Penrose rhomb tiling (P3): thick and thin rhombs by Robinson-triangle deflation."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops.params import Params, param
from foulard.ops.registry import operator
from foulard.ops.tiling._aperiodic_patch import Patch
from foulard.ops.tiling._robinson import INV, robinson_drawing, robinson_patch

__all__ = ["PenroseRhombsParams", "penrose_patch", "penrose_rhombs"]

THICK, THIN = 1, 0


@dataclass(frozen=True)
class PenroseRhombsParams(Params):
    tile_size: float = param(
        0.07, range=(0.015, 0.3), doc="edge length of a rhomb", unit="design units"
    )
    rotation: float = param(
        -90.0, range=(-180.0, 180.0), doc="clockwise turn of the tiling", unit="degrees"
    )
    centred: bool = param(
        True, doc="put the five-fold centre of the tiling on the middle of the design"
    )
    coloring: str = param(
        "type",
        choices=("type", "orientation", "random"),
        doc="thick and thin rhombs apart; by direction (five colours); or at random",
    )
    decoration: str = param(
        "arcs", choices=("none", "arcs"), doc="Penrose's matching arcs, which join into curves"
    )
    line_width: float = param(
        0.004, range=(0.0, 0.02), doc="width of the grout lines", unit="design units"
    )
    arc_width: float = param(
        0.005, range=(0.0005, 0.03), doc="width of the matching arcs", unit="design units"
    )
    thick_color: int = param(1, range=(0, 47), doc="palette role of thick rhombs (first colour)")
    thin_color: int = param(2, range=(0, 47), doc="palette role of thin rhombs")
    line_color: int = param(0, range=(0, 47), doc="palette role of the grout lines")
    arc_color: int = param(3, range=(0, 47), doc="palette role of the first family of arcs")
    arc_color_2: int = param(0, range=(0, 47), doc="palette role of the second family of arcs")


def _arcs(kind, a, b, c) -> list[tuple[int, np.ndarray, np.ndarray, np.ndarray]]:
    """Matching arcs of each triangle, about its base corners ``B`` and ``C``.

    Thin rhombs carry small arcs (radius edge/phi^2) about both obtuse corners;
    thick rhombs a large arc (edge/phi) about one acute corner and a small one
    about the other. The arcs meet every edge at its golden section, so they run on
    across tiles: arcs about ``B`` (class 0) join only arcs about ``B``, and those
    about ``C`` (class 1) only those about ``C``, so each curve keeps one colour.
    """
    out = []
    edge = np.abs(b - a)
    for corner, other, start_dir, big in (("b", "c", "a", True), ("c", "b", "a", False)):
        centre = {"a": a, "b": b, "c": c}[corner]
        frac = np.where((kind == THICK) & big, INV, INV * INV)
        r = edge * frac
        p = centre + ({"a": a, "b": b, "c": c}[start_dir] - centre) / edge * r
        toward = {"a": a, "b": b, "c": c}[other] - centre
        q = centre + toward / np.abs(toward) * r
        out.append((np.full(len(kind), 0 if big else 1), centre, p, q))
    return out


def penrose_patch(p: PenroseRhombsParams, rng: np.random.Generator) -> Patch:
    """The rhombs (design units) covering the design, with colour classes and arcs.

    By orientation, the class is the direction of the diagonal ``BC``, in steps of
    36 degrees.
    """
    return robinson_patch("rhombs", p, rng, first_kind=THICK, axis_period=180.0, arcs=_arcs)


@operator(
    "tiling.penrose_rhombs",
    kind="vector",
    version=1,
    tags=(
        "penrose",
        "quasicrystal",
        "aperiodic",
        "rhombs",
        "five-fold",
        "彭罗斯",
        "准晶",
        "菱形镶嵌",
    ),
)
def penrose_rhombs(p: PenroseRhombsParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Penrose rhomb tiling (P3): thick and thin rhombs that never repeat.

    Built by deflating a "sun" of Robinson triangles: each half-rhomb is cut into
    smaller half-rhombs ``1/phi`` as large until the edge is ``tile_size``; the
    mirror halves are then joined into rhombs (angles 72/108 and 36/144 degrees).
    Thick rhombs outnumber thin ones by the golden ratio. ``centred`` puts the
    tiling's five-fold centre on the middle of the design (a medallion); otherwise
    the seed picks a window elsewhere. ``arcs`` draws Penrose's matching arcs, which
    join across tiles into the tiling's endless curves. Colourings: by type, by
    direction (five classes from ``thick_color`` on) or random (three classes).

    References
    ----------
    Penrose 1974, "The role of aesthetics in pure and applied mathematical
    research", *Bull. Inst. Math. Appl.* 10; de Bruijn 1981, "Algebraic theory of
    Penrose's non-periodic tilings of the plane", *Indag. Math.* 43; Grünbaum &
    Shephard 1987, *Tilings and Patterns*, §10.3.
    """
    return robinson_drawing(penrose_patch(p, rng), p, palette, p.thick_color, p.thin_color)
