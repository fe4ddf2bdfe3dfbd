"""Medallion and scatter: a centre medallion with motifs tossed round it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.layout._ground import GROUND, GroundParams, paint_ground, part
from foulard.ops.layout._paint import role
from foulard.ops.layout._pieces import MEDALLION_GROUPS, Medallion, paint_medallion
from foulard.ops.layout._scatter import Scatter, toss
from foulard.ops.layout._square import edge_lines_reach, paint_edge_lines
from foulard.ops.layout._text import TextBlock, TextParams, set_text, stack_with_text
from foulard.ops.params import param
from foulard.ops.registry import Input, operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["ScatterParams", "medallion_scatter"]

_DU = "design units"
_DEG = "degrees"


@dataclass(frozen=True)
class _Scatter(GroundParams):
    medallion_group: str = param(
        "dihedral", choices=MEDALLION_GROUPS, doc="medallion: rosette D_n or C_n, or one motif"
    )
    medallion_n: int = param(16, range=(2, 32), doc="copies of the motif round the medallion")
    medallion_radius: float = param(0.2, range=(0.0, 0.5), doc="medallion radius", unit=_DU)
    medallion_motif_r: float = param(
        0.0, range=(0.0, 1.0), doc="motif centre's distance from the middle, in radii"
    )
    medallion_motif_size: float = param(
        2.0, range=(0.05, 4.0), doc="motif box width, in radii (single: in diameters)"
    )
    medallion_rings: int = param(2, range=(0, 4), doc="ring lines round the medallion")
    medallion_color: int = param(
        -1, range=(-1, 47), doc="palette role of a disc behind the medallion (-1: none)"
    )
    toss_size: float = param(0.07, range=(0.01, 0.4), doc="tossed motif box width", unit=_DU)
    toss_spacing: float = param(
        1.15, range=(0.75, 6.0), doc="least distance between tossed motifs, in motif widths"
    )
    toss_variance: float = param(
        0.35, range=(0.0, 0.9), doc="tossed motifs are up to this share smaller"
    )
    toss_turn: float = param(
        180.0, range=(0.0, 180.0), doc="tossed motifs turn up to this either way", unit=_DEG
    )
    clearance: float = param(
        0.03, range=(0.0, 0.3), doc="space kept free round the medallion", unit=_DU
    )
    margin: float = param(
        0.07, range=(-0.1, 0.4), doc="tossed motifs stay this far inside the edge", unit=_DU
    )
    frame_lines: int = param(2, range=(0, 4), doc="thin frame lines inside the edge (0: none)")
    frame_inset: float = param(
        0.03, range=(0.0, 0.2), doc="outermost frame line, in from the finished edge", unit=_DU
    )
    frame_width: float = param(0.002, range=(0.0003, 0.02), doc="frame line width", unit=_DU)
    frame_gap: float = param(0.004, range=(0.0, 0.03), doc="space between frame lines", unit=_DU)
    frame_color: int = param(
        1, range=(0, 47), doc="palette role of lines, rings and one-channel motifs"
    )


@dataclass(frozen=True)
class ScatterParams(TextParams, _Scatter):
    """Parameters of the medallion and scatter."""


@dataclass(frozen=True)
class _State:
    text: TextBlock
    scatter: Scatter


def _medallion(p: ScatterParams) -> Medallion:
    return Medallion(
        p.medallion_group,
        p.medallion_n,
        p.medallion_radius,
        p.medallion_motif_r,
        p.medallion_motif_size,
    )


def _prepare(p: ScatterParams, rng: np.random.Generator) -> _State:
    inner = edge_lines_reach(p)
    text = set_text(p, (inner + 0.015, inner + 0.015, 1.0 - inner - 0.015, 1.0 - inner - 0.015))
    boxes = text.boxes()
    med = _medallion(p)
    keep_out = med.reach() + p.medallion_rings * (p.frame_gap + p.frame_width) + p.clearance

    def keep(cx: np.ndarray, cy: np.ndarray, size: np.ndarray) -> np.ndarray:
        half = 0.5 * size
        ok = np.hypot(cx - 0.5, cy - 0.5) > keep_out + half
        lo, hi = p.margin + half, 1.0 - p.margin - half
        ok &= (cx > lo) & (cx < hi) & (cy > lo) & (cy < hi)
        for x0, y0, x1, y1 in boxes:  # leave the text readable
            ok &= ~((cx > x0 - half) & (cx < x1 + half) & (cy > y0 - half) & (cy < y1 + half))
        return ok

    m = min(p.margin, 0.0)
    scatter = toss(
        rng,
        (m, m, 1.0 - m, 1.0 - m),
        size=p.toss_size,
        spacing=p.toss_spacing,
        size_variance=p.toss_variance,
        turn_range=p.toss_turn,
        keep=keep,
    )
    return _State(text, scatter)


@operator(
    "layout.medallion_scatter",
    kind="field",
    version=1,
    inputs=(
        GROUND,
        part("medallion", "motif of the centre medallion", "motifs.chrysanthemum"),
        Input("toss", "the motif tossed round the medallion", "motifs.plum_blossom"),
    ),
    output="rgba",
    prepare=_prepare,
    tags=("scatter", "tossed", "medallion", "poisson", "散点", "团花"),
    example_params={"title": "菊 · Chrysanthème"},
)
def medallion_scatter(p: ScatterParams, call: Call) -> np.ndarray:
    """Medallion and scatter: a centre medallion with motifs tossed round it.

    Tossed motifs sit at Poisson-disk positions (no two closer than
    ``toss_spacing`` motif widths, so they never overlap), each turned and shrunk
    at random, all drawn once from the node's generator; none covers the medallion,
    the text or the margin.

    References
    ----------
    Bridson 2007, "Fast Poisson disk sampling in arbitrary dimensions", SIGGRAPH
    sketches; Lagae & Dutré 2008, *Computer Graphics Forum* 27(1).
    """
    x, y, stack = stack_with_text(call, p)
    fp = call.footprint
    ink = role(call.palette, p.frame_color)

    paint_edge_lines(stack, x, y, p, fp, ink)

    scatter = call.state.scatter
    if len(scatter):
        stack.add(lambda idx: scatter.sample(call, "toss", x[idx], y[idx], fp, ink))

    paint_medallion(stack, call, _medallion(p), x - 0.5, y - 0.5, p, ink)
    paint_ground(stack, call, x, y, p)
    return stack.result(call.x.shape)
