"""Placement print: one large motif, balanced on the ground, bleeding off if it likes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.layout._ground import GROUND, GroundParams, paint_ground, part
from foulard.ops.layout._paint import place_motif, role
from foulard.ops.layout._square import edge_lines_reach, paint_edge_lines
from foulard.ops.layout._text import TextParams, TextState, set_text, stack_with_text
from foulard.ops.params import param
from foulard.ops.registry import Input, operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["PlacementParams", "placement"]

_DU = "design units"
_DEG = "degrees"


@dataclass(frozen=True)
class _Placement(GroundParams):
    x: float = param(0.58, range=(-0.5, 1.5), doc="motif centre, across", unit=_DU)
    y: float = param(0.56, range=(-0.5, 1.5), doc="motif centre, down", unit=_DU)
    size: float = param(
        0.95, range=(0.05, 3.0), doc="motif box width (past the edge: it bleeds off)", unit=_DU
    )
    rotation: float = param(-12.0, range=(-180.0, 180.0), doc="clockwise turn", unit=_DEG)
    mirror: bool = param(False, doc="flip the motif left to right")
    counter_x: float = param(0.23, range=(-0.5, 1.5), doc="counterweight centre, across", unit=_DU)
    counter_y: float = param(0.21, range=(-0.5, 1.5), doc="counterweight centre, down", unit=_DU)
    counter_size: float = param(
        0.34, range=(0.02, 2.0), doc="counterweight motif box width", unit=_DU
    )
    counter_rotation: float = param(
        0.0, range=(-180.0, 180.0), doc="clockwise turn of the counterweight", unit=_DEG
    )
    frame_lines: int = param(1, range=(0, 4), doc="thin frame lines inside the edge (0: none)")
    frame_inset: float = param(
        0.03, range=(0.0, 0.2), doc="outermost frame line, in from the finished edge", unit=_DU
    )
    frame_width: float = param(0.002, range=(0.0003, 0.02), doc="frame line width", unit=_DU)
    frame_gap: float = param(0.004, range=(0.0, 0.03), doc="space between frame lines", unit=_DU)
    frame_color: int = param(
        1, range=(0, 47), doc="palette role of frame lines and one-channel motifs"
    )
    over_frame: bool = param(True, doc="the motif lies over the frame lines (else they cross it)")


@dataclass(frozen=True)
class PlacementParams(TextParams, _Placement):
    """Parameters of the placement print."""


def _prepare(p: PlacementParams, rng: np.random.Generator) -> TextState:
    m = edge_lines_reach(p) + 0.015
    return TextState(set_text(p, (m, m, 1.0 - m, 1.0 - m)))


@operator(
    "layout.placement",
    kind="field",
    version=1,
    inputs=(
        GROUND,
        Input("motif", "the placement motif (its unit box)", "motifs.peony"),
        part("counter", "a smaller motif that balances the large one", "ornament.xiangyun"),
    ),
    output="rgba",
    prepare=_prepare,
    tags=("placement", "engineered", "hero motif", "bleed", "定位花"),
    example_params={
        "title": "国色 · Peony",
        "signature": "foulard",
        "signature_place": "top_right",
    },
)
def placement(p: PlacementParams, call: Call) -> np.ndarray:
    """Placement print: one large motif set off-centre on the ground, bleed-off allowed.

    The motif is placed by its centre, size and turn in design units; past the
    finished edge it simply bleeds off (the ground runs on into the hem). A smaller
    counterweight motif balances the composition across the diagonal, and thin
    frame lines may run under or across the motif.

    References
    ----------
    Meller & Elffers 1991, *Textile Designs* (engineered and placement prints);
    Arnheim 1954, *Art and Visual Perception*, ch. 1 (balance).
    """
    x, y, stack = stack_with_text(call, p)
    fp = call.footprint
    ink = role(call.palette, p.frame_color)

    if not p.over_frame:  # the frame lines cross the motif
        paint_edge_lines(stack, x, y, p, fp, ink)
    place_motif(stack, call, "motif", x, y, (p.x, p.y, p.size, p.rotation), ink, mirror=p.mirror)
    if p.over_frame:
        paint_edge_lines(stack, x, y, p, fp, ink)
    if call.has_input("counter"):
        box = (p.counter_x, p.counter_y, p.counter_size, p.counter_rotation)
        place_motif(stack, call, "counter", x, y, box, ink)
    paint_ground(stack, call, x, y, p)
    return stack.result(call.x.shape)
