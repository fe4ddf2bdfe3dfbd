"""All-over print with a border: a repeat filling the field, framed by a frieze."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.geometry import to_motif
from foulard.ops.layout._bands import FrameLines, corner_block_coords, paint_band
from foulard.ops.layout._ground import GROUND, GroundParams, paint_ground, paint_scaled_field, part
from foulard.ops.layout._paint import edge_cover, optional_role, paint, role, sample_motif
from foulard.ops.layout._square import (
    BorderParams,
    border_frieze,
    fold_square,
    inner_edge,
)
from foulard.ops.layout._text import TextParams, TextState, set_text, stack_with_text
from foulard.ops.params import param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["AlloverParams", "allover_border"]


@dataclass(frozen=True)
class _Allover(BorderParams, GroundParams):
    field_style: str = param(
        "colour",
        choices=("tone", "shadow", "colour"),
        doc="tone: redrawn in field_color and ground by lightness; shadow: flat; colour: as drawn",
    )
    field_opacity: float = param(1.0, range=(0.0, 1.0), doc="opacity of the all-over field")
    field_scale: float = param(
        0.5, range=(0.05, 4.0), doc="scale of the repeat about the centre (below 1: smaller)"
    )
    fold_field: bool = param(
        False, doc="fold the field by the square's group (else the repeat keeps its own symmetry)"
    )
    field_margin: float = param(
        0.01,
        range=(0.0, 0.1),
        doc="ground left between the border and the field",
        unit="design units",
    )
    corner_blocks: bool = param(
        True, doc="square blocks where the bands cross, holding the corner motif"
    )
    corner_color: int = param(
        2, range=(-1, 47), doc="palette role of the corner blocks (-1: the band colour)"
    )
    corner_motif_size: float = param(
        0.8, range=(0.1, 2.0), doc="corner motif box width, in band widths"
    )


@dataclass(frozen=True)
class AlloverParams(TextParams, _Allover):
    """Parameters of the all-over print with a border."""


def _prepare(p: AlloverParams, rng: np.random.Generator) -> TextState:
    fi = inner_edge(p) + p.field_margin + 0.015
    return TextState(set_text(p, (fi, fi, 1.0 - fi, 1.0 - fi)))


@operator(
    "layout.allover_border",
    kind="field",
    version=1,
    inputs=(
        GROUND,
        part("field", "the all-over repeat (a wallpaper group node)", "symmetry.half_drop"),
        part("border", "motif repeated round the border", "ornament.xiangyun"),
        part("corner", "motif of the corner blocks", "motifs.plum_blossom"),
    ),
    output="rgba",
    prepare=_prepare,
    tags=("all-over", "allover", "repeat", "border", "满地", "四方连续"),
    example_params={
        "title": "Plum rain 梅雨",
        "border_width": 0.08,
        "border_motif_size": 1.5,
        "border_spacing": 1.4,
    },
)
def allover_border(p: AlloverParams, call: Call) -> np.ndarray:
    """All-over print with a border: a repeat fills the field, clipped inside a frieze.

    The repeat is registered to the centre of the scarf (``field_scale`` scales it
    about the centre, so a pattern with a mirror or centre there keeps it and the
    motifs are not cut at the centre lines) and clipped to the inside of the
    border. The border, its frame lines and the corner blocks obey the square's
    group exactly; the field keeps its own symmetry unless ``fold_field``.

    References
    ----------
    Phillips & Bunce 1993, *Repeat Patterns: A Manual for Designers, Artists and
    Architects*; Washburn & Crowe 1988, *Symmetries of Culture*.
    """
    x, y, stack = stack_with_text(call, p)
    fp = call.footprint
    pal = call.palette
    f = fold_square(x, y, p.symmetry)
    ink = role(pal, p.frame_color)
    band_rgb = optional_role(pal, p.border_color)

    if p.corner_blocks:
        # The block is the band's crossing square: |lx|, |ly| <= half.
        half = 0.5 * p.border_width
        lx, ly = corner_block_coords(f.tx, f.ty, p.border_inset + half)
        d = half - np.maximum(np.abs(lx), np.abs(ly))
        block = d > -fp
        if call.has_input("corner"):
            size = p.corner_motif_size * p.border_width

            def corner(idx):
                mu, mv, inv = to_motif(lx[idx], ly[idx], cx=0.0, cy=0.0, size=size, rotation=135.0)
                return (
                    sample_motif(call, "corner", mu, mv, fp * inv, ink)
                    * edge_cover(d[idx], fp)[:, None]
                )

            stack.add_where(block, corner)
        block_rgb = role(pal, p.corner_color) if p.corner_color >= 0 else band_rgb
        if block_rgb is not None:
            stack.add_where(block, lambda idx: paint(edge_cover(d[idx], fp), block_rgb))

    paint_band(
        stack,
        call,
        *f.band(p.border_inset, p.border_width),
        frieze=border_frieze(p),
        slot="border",
        lines=FrameLines.of(p),
        band_rgb=band_rgb,
        ink_rgb=ink,
    )
    gx, gy = (f.qx, f.qy) if p.fold_field else (x, y)
    inside = np.minimum(f.qx, f.qy) - (inner_edge(p) + p.field_margin)
    paint_scaled_field(stack, call, inside, gx, gy, p)
    paint_ground(stack, call, gx, gy, p)
    return stack.result(call.x.shape)
