"""Parameters and folding shared by the square layouts with a frieze border.

A square layout folds every point by its group (D4 or C4, see
:mod:`foulard.ops._common.square`) before drawing anything symmetric: ``top``
coordinates put the point on the top side of the border (the mitres are the
diagonals), ``quad`` coordinates in the top-left quadrant (corners, field).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from foulard.ops._common.square import fold_octant, fold_quadrant, fold_sector
from foulard.ops.layout._bands import GROUPS, FrameLines, Frieze
from foulard.ops.layout._paint import Stack, lines_cover, paint
from foulard.ops.params import Params, param

__all__ = [
    "BorderParams",
    "Folded",
    "border_frieze",
    "edge_lines_reach",
    "fold_square",
    "inner_edge",
    "paint_edge_lines",
]

_DEG = "degrees"
_DU = "design units"


@dataclass(frozen=True)
class Folded:
    """A point set folded by a square's group: raw, top-side and quadrant coordinates."""

    x: np.ndarray
    y: np.ndarray
    tx: np.ndarray  # on the top side of the border (design units)
    ty: np.ndarray
    qx: np.ndarray  # in the top-left quadrant (design units)
    qy: np.ndarray

    def centred(self, folded: bool) -> tuple[np.ndarray, np.ndarray]:
        """Coordinates from the centre: folded into the quadrant, or raw.

        A piece that obeys the square's group (see ``Medallion.obeys``) takes the
        folded ones, which make its symmetry exact.
        """
        return (self.qx - 0.5, self.qy - 0.5) if folded else (self.x - 0.5, self.y - 0.5)

    def band(self, inset: float, width: float) -> tuple[np.ndarray, np.ndarray, float]:
        """``along, across, half`` of ``paint_band`` for a band ``width`` wide round the
        square, its outer edge ``inset`` in from the finished edge (on the top side)."""
        half = 0.5 * width
        centre = inset + half
        return self.tx - centre, self.ty - centre, half


def fold_square(x: np.ndarray, y: np.ndarray, symmetry: str) -> Folded:
    """Fold points of the unit square by ``'d4'`` or ``'c4'`` about its centre."""
    u = x - 0.5
    v = y - 0.5
    if symmetry == "d4":
        su, sv = fold_octant(u, v)
        qu, qv = su, sv
    else:
        su, sv = fold_sector(u, v)
        qu, qv = fold_quadrant(u, v)
    return Folded(x, y, su + 0.5, sv + 0.5, qu + 0.5, qv + 0.5)


@dataclass(frozen=True)
class BorderParams(Params):
    """Border band fields (mixed into a layout's Params after its own ground fields)."""

    symmetry: str = param(
        "d4",
        choices=("d4", "c4"),
        doc="group of the square: d4 (turns and mirrors) or c4 (turns only)",
    )
    border_inset: float = param(
        0.035, range=(0.0, 0.2), doc="border band's outer edge, in from the finished edge", unit=_DU
    )
    border_width: float = param(0.07, range=(0.01, 0.25), doc="border band width", unit=_DU)
    border_group: str = param("p1", choices=GROUPS, doc="frieze group of the border")
    border_repeats: int = param(
        0, range=(0, 256), doc="frieze periods per side (0: fitted to border_spacing)"
    )
    border_spacing: float = param(
        1.0, range=(0.2, 8.0), doc="wanted period when fitted, in band widths"
    )
    border_motif_size: float = param(
        1.0, range=(0.05, 4.0), doc="border motif box width, in band widths"
    )
    border_motif_rotation: float = param(
        0.0, range=(-180.0, 180.0), doc="clockwise turn of the border motif", unit=_DEG
    )
    border_color: int = param(
        -1, range=(-1, 47), doc="palette role of the band's own ground (-1: the ground shows)"
    )
    frame_lines: int = param(2, range=(0, 4), doc="frame lines on each side of the band")
    frame_width: float = param(0.0022, range=(0.0003, 0.02), doc="frame line width", unit=_DU)
    frame_gap: float = param(
        0.004, range=(0.0, 0.03), doc="space between the band and the lines", unit=_DU
    )
    frame_color: int = param(
        1, range=(0, 47), doc="palette role of frame lines, rings and one-channel motifs"
    )


def border_frieze(p: Any) -> Frieze:
    """The border's frieze, fitted to the square's side (even per side under D4)."""
    centre = p.border_inset + 0.5 * p.border_width
    return Frieze(
        p.border_group,
        p.border_width,
        1.0 - 2.0 * centre,
        repeats=p.border_repeats,
        spacing=p.border_spacing,
        motif_size=p.border_motif_size,
        motif_rotation=p.border_motif_rotation,
        halves=p.symmetry == "d4",
    )


def inner_edge(p: Any) -> float:
    """Where the inside of the border starts: past the band and its inner frame lines."""
    return p.border_inset + p.border_width + FrameLines.of(p).reach


def edge_lines_reach(p: Any) -> float:
    """How far in from the finished edge the lines of :func:`paint_edge_lines` reach."""
    return p.frame_inset + p.frame_lines * (p.frame_width + p.frame_gap)


def paint_edge_lines(
    stack: Stack, x: np.ndarray, y: np.ndarray, p: Any, footprint: float, rgb: np.ndarray
) -> None:
    """Add ``p.frame_lines`` thin lines inside the edge of the unit square.

    The outermost runs ``p.frame_inset`` in from the finished edge; they are
    ``p.frame_width`` wide and ``p.frame_gap`` apart.
    """
    if not p.frame_lines:
        return
    fp = footprint
    depth = np.minimum(np.minimum(x, 1.0 - x), np.minimum(y, 1.0 - y))
    axes = p.frame_inset + np.arange(p.frame_lines) * (p.frame_gap + p.frame_width)
    axes += 0.5 * p.frame_width
    reach = edge_lines_reach(p) + fp
    stack.add_where(
        (depth < reach) & (depth > p.frame_inset - fp),
        lambda idx: paint(lines_cover(depth[idx], axes, p.frame_width, fp), rgb),
    )
