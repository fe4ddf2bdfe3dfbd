"""Twilly: a narrow ribbon scarf with diagonal ends, end borders and motifs flowing along it."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.geometry import to_motif
from foulard.ops.layout._bands import GROUPS, Frieze, paint_band
from foulard.ops.layout._ground import GROUND, GroundParams, paint_ground, part
from foulard.ops.layout._paint import (
    edge_cover,
    line_cover,
    optional_role,
    paint,
    rimmed,
    role,
    sample_motif,
)
from foulard.ops.layout._strip import fold_strip
from foulard.ops.layout._text import TextParams, TextState, set_text, stack_with_text
from foulard.ops.params import param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["TwillyParams", "twilly"]

_W = "widths"
_DEG = "degrees"


@dataclass(frozen=True)
class _Twilly(GroundParams):
    aspect: float = param(
        86.0 / 5.0, range=(2.0, 60.0), doc="length over width (86 x 5 cm by default)"
    )
    end_length: float = param(
        0.9, range=(0.0, 10.0), doc="from the tip to the end border, on the centre line", unit=_W
    )
    end_angle: float = param(
        35.0, range=(-60.0, 60.0), doc="slant of the end border (0: straight across)", unit=_DEG
    )
    end_color: int = param(1, range=(0, 47), doc="palette role of the ends")
    band_width: float = param(0.2, range=(0.0, 1.0), doc="end border width (0: none)", unit=_W)
    band_color: int = param(0, range=(-1, 47), doc="palette role of the end border (-1: none)")
    band_group: str = param("p1", choices=GROUPS, doc="frieze group of the end border")
    edge_width: float = param(
        0.06, range=(0.0, 0.3), doc="coloured edge along both long sides", unit=_W
    )
    edge_color: int = param(1, range=(0, 47), doc="palette role of the long edges")
    line_color: int = param(3, range=(0, 47), doc="palette role of fine lines and 1-channel motifs")
    line_width: float = param(0.012, range=(0.001, 0.1), doc="fine line width", unit=_W)
    flow_group: str = param(
        "p2", choices=GROUPS, doc="frieze group of the flowing motifs (p2 reads both ways)"
    )
    flow_spacing: float = param(
        2.4, range=(0.3, 20.0), doc="period of the flowing motifs (two motifs under p2)", unit=_W
    )
    flow_size: float = param(0.9, range=(0.05, 3.0), doc="flowing motif box width", unit=_W)
    flow_position: float = param(
        0.25, range=(0.0, 1.0), doc="motif centre along the period, as a fraction of it"
    )
    flow_rotation: float = param(
        0.0, range=(-180.0, 180.0), doc="turn of the flowing motif", unit=_DEG
    )
    end_motif_size: float = param(0.55, range=(0.0, 2.0), doc="motif in each end", unit=_W)


@dataclass(frozen=True)
class TwillyParams(TextParams, _Twilly):
    """Parameters of the twilly (design units are the ribbon's width)."""

    title_size: float = param(0.16, range=(0.02, 0.6), doc="title height (em)", unit=_W)
    signature_size: float = param(0.11, range=(0.02, 0.4), doc="signature height (em)", unit=_W)
    title_cartouche: bool = param(False, doc="a framed panel of ground colour behind the title")
    text_inset: float = param(
        0.3,
        range=(0.017, 0.45),
        doc="safe zone: text stays this far inside the finished edge (0.3: 15 mm of 5 cm)",
        unit=_W,
    )


def _end_reach(p: TwillyParams) -> float:
    """How far the end (with its border) reaches along the ribbon, at the far side."""
    t = math.tan(math.radians(abs(p.end_angle)))
    return p.end_length + 0.5 * t + p.band_width / math.cos(math.radians(p.end_angle))


def _prepare(p: TwillyParams, rng: np.random.Generator) -> TextState:
    a = p.aspect
    reach = _end_reach(p) + 0.05
    frame = (0.0, a - reach - 3.0 * p.title_size, 1.0, a - reach)
    return TextState(set_text(p, frame, height=a))


@operator(
    "layout.twilly",
    kind="field",
    version=1,
    inputs=(
        GROUND,
        part("motif", "motif flowing along the ribbon", "motifs.lotus"),
        part("border", "motif of the end borders", "ornament.huiwen"),
        part("end", "motif in each end", "motifs.plum_blossom"),
    ),
    output="rgba",
    prepare=_prepare,
    tags=("twilly", "ribbon", "strip", "narrow scarf", "丝带"),
    example_params={"signature": "foulard"},
)
def twilly(p: TwillyParams, call: Call) -> np.ndarray:
    """Twilly: a ribbon scarf with slanted end borders and motifs flowing along its length.

    The design space is ``[0, 1] x [0, aspect]`` (design units are the ribbon's
    width). The lower half is the upper half turned half round the middle, so the
    ribbon reads the same from both ends, as it does when tied; the flowing motifs
    use a frieze group (half-turns by default) whose repeat is fitted to the
    length, so the turn at the middle falls on one of its centres. Each end is
    cut off by a slanted border holding a frieze, beyond which the tip is coloured
    and carries its own motif.

    References
    ----------
    Twilly and ribbon-scarf conventions (CATALOG.md, twilly_strip); Washburn &
    Crowe 1988, *Symmetries of Culture* (frieze groups).
    """
    x0, y0, stack = stack_with_text(call, p)
    fp = call.footprint
    pal = call.palette
    x, y = fold_strip(x0, y0, p.aspect)
    fine = role(pal, p.line_color)
    lw = p.line_width

    # The slanted end: signed distance from the end line (positive towards the body).
    ang = math.radians(p.end_angle)
    c, s = math.cos(ang), math.sin(ang)
    d = (y - p.end_length) * c - (x - 0.5) * s
    along = (x - 0.5) * c + (y - p.end_length) * s
    bw = p.band_width
    if call.has_input("end") and p.end_motif_size > 0:
        ex, ey = 0.5, 0.45 * p.end_length
        size = p.end_motif_size

        def end_motif(idx):
            u, v, inv = to_motif(x[idx], y[idx], cx=ex, cy=ey, size=size, rotation=180.0)
            return (
                sample_motif(call, "end", u, v, fp * inv, fine) * edge_cover(-d[idx], fp)[:, None]
            )

        stack.add_where((np.abs(x - ex) < size) & (np.abs(y - ey) < size), end_motif)
    stack.add_where(
        d < fp,
        lambda idx: rimmed(-d[idx], lw, fp, fine, role(pal, p.end_color)),
    )
    if bw > 0:
        length = 1.0 / max(c, 1e-6)
        frieze = Frieze(p.band_group, bw, length, spacing=1.0)
        paint_band(
            stack,
            call,
            along + 0.5 * length,
            d - 0.5 * bw,
            0.5 * bw,
            frieze=frieze,
            slot="border",
            lines=None,
            band_rgb=optional_role(pal, p.band_color),
            ink_rgb=fine,
        )
        stack.add_where(
            np.abs(d - bw - 1.5 * lw) < lw + fp,
            lambda idx: paint(line_cover(d[idx] - bw - 1.5 * lw, 0.5 * lw, fp), fine),
        )

    # Long edges, with a fine line inside each.
    side = np.minimum(x, 1.0 - x)
    if p.edge_width > 0:
        e = p.edge_width
        stack.add_where(
            side < e + 2.0 * lw + fp,
            lambda idx: (
                paint(line_cover(side[idx] - e - 1.5 * lw, 0.5 * lw, fp), fine)
                + paint(edge_cover(e - side[idx], fp), role(pal, p.edge_color))
            ),
        )

    # Motifs flowing along the length; a = 0 at the middle of the ribbon.
    if call.has_input("motif"):
        half_len = 0.5 * p.aspect
        flow = Frieze(
            p.flow_group,
            1.0,
            half_len,
            spacing=p.flow_spacing,
            motif_size=p.flow_size,
            motif_x=p.flow_position,
            motif_rotation=p.flow_rotation,
        )
        stack.add_where(
            d > bw - fp,
            lambda idx: flow.sample(call, "motif", half_len - y[idx], x[idx] - 0.5, fp, fine),
        )
    paint_ground(stack, call, x, y, p)
    return stack.result(call.x.shape)
