"""Oblong stole: a main field, distinct end panels, and a border round the whole piece."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.geometry import to_motif
from foulard.ops.layout._bands import GROUPS, FrameLines, Frieze, paint_band, rect_sides
from foulard.ops.layout._ground import GROUND, GroundParams, paint_ground, paint_scaled_field, part
from foulard.ops.layout._paint import edge_cover, optional_role, paint, role, sample_motif
from foulard.ops.layout._strip import fold_strip
from foulard.ops.layout._text import TextParams, TextState, set_text, stack_with_text
from foulard.ops.params import param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["OblongParams", "oblong"]

_W = "widths"
_DEG = "degrees"


@dataclass(frozen=True)
class _Oblong(GroundParams):
    aspect: float = param(
        180.0 / 50.0, range=(1.2, 12.0), doc="length over width (180 x 50 cm by default)"
    )
    field_style: str = param(
        "colour",
        choices=("tone", "shadow", "colour"),
        doc="tone: redrawn in field_color and ground by lightness; shadow: flat; colour: as drawn",
    )
    field_opacity: float = param(0.85, range=(0.0, 1.0), doc="opacity of the main field")
    field_scale: float = param(0.45, range=(0.05, 4.0), doc="scale of the field's repeat")
    border_inset: float = param(
        0.03, range=(0.0, 0.3), doc="border band's outer edge, in from the edge", unit=_W
    )
    border_width: float = param(0.06, range=(0.0, 0.4), doc="border band width (0: none)", unit=_W)
    border_group: str = param("p1", choices=GROUPS, doc="frieze group of the border")
    border_color: int = param(
        -1, range=(-1, 47), doc="palette role of the band's own ground (-1: the ground shows)"
    )
    frame_lines: int = param(1, range=(0, 4), doc="frame lines on each side of every band")
    frame_width: float = param(0.003, range=(0.0005, 0.03), doc="frame line width", unit=_W)
    frame_gap: float = param(0.005, range=(0.0, 0.05), doc="band-to-line space", unit=_W)
    frame_color: int = param(1, range=(0, 47), doc="palette role of lines and 1-channel motifs")
    panel_length: float = param(
        0.55, range=(0.0, 3.0), doc="length of each end panel (0: none)", unit=_W
    )
    panel_color: int = param(1, range=(-1, 47), doc="palette role of the end panels (-1: none)")
    panel_count: int = param(3, range=(1, 12), doc="motifs across each end panel")
    panel_motif_size: float = param(
        0.3, range=(0.02, 1.0), doc="end panel motif box width", unit=_W
    )
    divider_width: float = param(
        0.05, range=(0.0, 0.3), doc="band between each panel and the field", unit=_W
    )
    divider_color: int = param(0, range=(-1, 47), doc="palette role of the dividers (-1: none)")


@dataclass(frozen=True)
class OblongParams(TextParams, _Oblong):
    """Parameters of the oblong stole (design units are its width)."""

    text_color: int = param(0, range=(0, 47), doc="palette role of title and signature")
    title_cartouche: bool = param(False, doc="a framed panel of ground colour behind the title")


def _inner(p: OblongParams) -> float:
    lines = FrameLines.of(p)
    return p.border_inset + p.border_width + lines.reach if p.border_width > 0 else 0.0


def _prepare(p: OblongParams, rng: np.random.Generator) -> TextState:
    a = p.aspect
    e = _inner(p)
    # In the lower end panel, below its motifs.
    frame = (e + 0.02, a - e - 0.35 * p.panel_length, 1.0 - e - 0.02, a - e - 0.02)
    return TextState(set_text(p, frame, height=a))


@operator(
    "layout.oblong",
    kind="field",
    version=1,
    inputs=(
        GROUND,
        part("field", "the main field's repeat", "symmetry.half_drop"),
        part("panel", "motif set in a row across each end panel", "motifs.lotus"),
        part("border", "motif repeated round the border and along the dividers", "ornament.huiwen"),
    ),
    output="rgba",
    prepare=_prepare,
    tags=("oblong", "stole", "long scarf", "end panel", "长巾", "披肩"),
    example_params={"signature": "foulard"},
)
def oblong(p: OblongParams, call: Call) -> np.ndarray:
    """Oblong stole: main field, distinct end panels with a row of motifs, and borders.

    The design space is ``[0, 1] x [0, aspect]`` (design units are the stole's
    width). A frieze border runs round the whole piece (each side fitted to whole
    periods, mitred at the corners); at each end a panel of its own colour holds a
    row of motifs and is divided from the field by a band. The lower end is the
    upper one turned half round, so both ends read upright as they hang.

    References
    ----------
    Stole and long-scarf conventions (CATALOG.md, stole_end_panels); Phillips &
    Bunce 1993, *Repeat Patterns*.
    """
    x0, y0, stack = stack_with_text(call, p)
    fp = call.footprint
    pal = call.palette
    a = p.aspect
    x, y = fold_strip(x0, y0, a)
    ink = role(pal, p.frame_color)
    lines = FrameLines.of(p)
    e = _inner(p)

    # The border round the rectangle: each side its own whole number of periods.
    if p.border_width > 0:
        half = 0.5 * p.border_width
        c = p.border_inset + half
        side, t, depth = rect_sides(x0, y0, 1.0, a)
        across = depth - c
        near = np.abs(across) < half + lines.reach + fp
        if near.any():
            lengths = (1.0 - 2.0 * c, a - 2.0 * c)
            friezes = [Frieze(p.border_group, p.border_width, n) for n in lengths]
            along = t - c
            vertical = (side % 2) == 1
            for k, fr in enumerate(friezes):
                sel = near & (vertical == bool(k))
                paint_band(
                    stack,
                    call,
                    np.where(sel, along, 0.0),
                    np.where(sel, across, 10.0),
                    half,
                    frieze=fr,
                    slot="border",
                    lines=lines,
                    band_rgb=optional_role(pal, p.border_color),
                    ink_rgb=ink,
                )

    # End panels (upper end; the lower one by the half turn) and their dividers.
    top = e + p.panel_length
    if p.panel_length > 0:
        if call.has_input("panel"):
            n = p.panel_count
            step = (1.0 - 2.0 * e) / n
            cy = e + 0.5 * p.panel_length
            size = p.panel_motif_size
            k = np.clip(np.floor((x - e) / step), 0, n - 1)
            cx = e + (k + 0.5) * step

            def motifs(idx):
                # Each point to the motif of its own column, turned to read from the end.
                u, v, inv = to_motif(
                    x[idx] - cx[idx], y[idx], cx=0.0, cy=cy, size=size, rotation=180.0
                )
                return sample_motif(call, "panel", u, v, fp * inv, ink)

            stack.add_where((y > e - fp) & (y < top + fp) & (np.abs(y - cy) < size), motifs)
        if p.panel_color >= 0:
            prgb = role(pal, p.panel_color)
            # Inside the border only: beyond it the ground runs on into the hem.
            box = np.minimum(np.minimum(x - e, 1.0 - e - x), y - e)
            stack.add_where(
                (y < top + fp) & (box > -fp),
                lambda idx: paint(edge_cover(top - y[idx], fp) * edge_cover(box[idx], fp), prgb),
            )
    if p.divider_width > 0 and p.panel_length > 0:
        dh = 0.5 * p.divider_width
        dc = top + dh
        length = 1.0 - 2.0 * e
        divider = Frieze(p.border_group, p.divider_width, length)
        within = (x > e) & (x < 1.0 - e)  # the divider ends at the border
        paint_band(
            stack,
            call,
            x - e,
            np.where(within, y - dc, 10.0),
            dh,
            frieze=divider,
            slot="border",
            lines=lines,
            band_rgb=optional_role(pal, p.divider_color),
            ink_rgb=ink,
        )

    # The main field between the panels (not folded: the repeat keeps its own order).
    start = top + p.divider_width + lines.reach if p.panel_length > 0 else e
    inside = np.minimum(np.minimum(x0, 1.0 - x0) - e, y - start)
    paint_scaled_field(stack, call, inside, x0, y0, p, centre=(0.5, 0.5 * a))
    paint_ground(stack, call, x0, y0, p)
    return stack.result(call.x.shape)
