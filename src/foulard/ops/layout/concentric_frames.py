"""Concentric frames: nested bands round a centre, each band its own frieze."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from foulard.ops.layout._bands import GROUPS, FrameLines, Frieze, paint_band
from foulard.ops.layout._ground import GROUND, GroundParams, paint_ground, paint_scaled_field, part
from foulard.ops.layout._paint import edge_cover, optional_role, paint, role
from foulard.ops.layout._pieces import MEDALLION_GROUPS, Medallion
from foulard.ops.layout._square import fold_square
from foulard.ops.layout._text import TextParams, TextState, set_text, stack_with_text
from foulard.ops.params import param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["ConcentricParams", "concentric_frames"]

_DU = "design units"
_DEG = "degrees"
MAX_FRAMES = 5


@dataclass(frozen=True)
class _Concentric(GroundParams):
    symmetry: str = param(
        "d4", choices=("d4", "c4"), doc="group of the square: d4 (turns and mirrors) or c4"
    )
    frames: int = param(3, range=(2, MAX_FRAMES), doc="nested bands, outside in")
    outer_inset: float = param(
        0.03, range=(0.0, 0.2), doc="outermost band's distance from the finished edge", unit=_DU
    )
    band_width: float = param(0.075, range=(0.01, 0.2), doc="outermost band width", unit=_DU)
    width_ratio: float = param(
        0.8, range=(0.3, 1.5), doc="each band's width over the width of the band outside it"
    )
    band_gap: float = param(0.035, range=(0.0, 0.2), doc="ground between bands", unit=_DU)
    group_1: str = param("p1", choices=GROUPS, doc="frieze group of band 1 (outermost)")
    group_2: str = param("p1", choices=GROUPS, doc="frieze group of band 2")
    group_3: str = param("p1m1", choices=GROUPS, doc="frieze group of band 3")
    group_4: str = param("p2mm", choices=GROUPS, doc="frieze group of band 4")
    group_5: str = param("p11g", choices=GROUPS, doc="frieze group of band 5")
    band_spacing: float = param(1.0, range=(0.2, 8.0), doc="frieze period, in band widths")
    band_motif_size: float = param(1.0, range=(0.05, 4.0), doc="motif box width, in band widths")
    band_color_a: int = param(
        -1, range=(-1, 47), doc="palette role of bands 1, 3, 5 (-1: the ground shows)"
    )
    band_color_b: int = param(
        3, range=(-1, 47), doc="palette role of bands 2 and 4 (-1: the ground shows)"
    )
    frame_lines: int = param(1, range=(0, 4), doc="frame lines on each side of every band")
    frame_width: float = param(0.002, range=(0.0003, 0.02), doc="frame line width", unit=_DU)
    frame_gap: float = param(0.003, range=(0.0, 0.03), doc="band-to-line space", unit=_DU)
    frame_color: int = param(
        1, range=(0, 47), doc="palette role of frame lines and one-channel motifs"
    )
    field_opacity: float = param(0.35, range=(0.0, 1.0), doc="opacity of the innermost field")
    field_fill: int = param(
        -1,
        range=(-1, 47),
        doc="palette role filling the innermost field (-1: the ground shows)",
        added_later=True,
    )
    field_scale: float = param(
        0.4, range=(0.05, 4.0), doc="scale of the field pattern about the centre"
    )
    centre_group: str = param(
        "dihedral", choices=MEDALLION_GROUPS, doc="centre: rosette D_n or C_n, or one motif"
    )
    centre_n: int = param(12, range=(2, 32), doc="copies round the centre")
    centre_radius: float = param(0.125, range=(0.01, 0.4), doc="centre medallion radius", unit=_DU)
    centre_motif_r: float = param(
        0.0, range=(0.0, 1.0), doc="motif centre's distance from the middle, in radii"
    )
    centre_motif_size: float = param(
        2.0, range=(0.05, 4.0), doc="motif box width, in radii (single: in diameters)"
    )
    centre_rotation: float = param(
        0.0, range=(-180.0, 180.0), doc="turn of the rosette's first wedge", unit=_DEG
    )


@dataclass(frozen=True)
class ConcentricParams(TextParams, _Concentric):
    """Parameters of the concentric frames."""


@dataclass(frozen=True)
class Band:
    """One nested band: its outer inset, width and frieze."""

    inset: float
    width: float
    frieze: Frieze
    slot: str
    color: int


def bands(p: Any) -> list[Band]:
    """The nested bands, outside in (bands that would not fit are left out)."""
    lines = FrameLines.of(p)
    out = []
    inset = p.outer_inset + lines.reach
    width = p.band_width
    for k in range(p.frames):
        centre = inset + 0.5 * width
        if centre > 0.5 - 0.5 * width:
            break
        group = getattr(p, f"group_{k + 1}")
        frieze = Frieze(
            group,
            width,
            1.0 - 2.0 * centre,
            spacing=p.band_spacing,
            motif_size=p.band_motif_size,
            halves=p.symmetry == "d4",
        )
        slot = "band_a" if k % 2 == 0 else "band_b"
        color = p.band_color_a if k % 2 == 0 else p.band_color_b
        out.append(Band(inset, width, frieze, slot, color))
        inset += width + 2.0 * lines.reach + p.band_gap
        width *= p.width_ratio
    return out


def field_inset(p: Any) -> float:
    """Where the innermost field starts."""
    lines = FrameLines.of(p)
    last = bands(p)[-1]
    return last.inset + last.width + lines.reach


def _prepare(p: ConcentricParams, rng: np.random.Generator) -> TextState:
    fi = field_inset(p) + 0.012
    return TextState(set_text(p, (fi, fi, 1.0 - fi, 1.0 - fi)))


@operator(
    "layout.concentric_frames",
    kind="field",
    version=1,
    inputs=(
        GROUND,
        part("band_a", "motif of bands 1, 3 and 5 (outermost first)", "ornament.huiwen"),
        part("band_b", "motif of bands 2 and 4", "motifs.plum_blossom"),
        part("field", "pattern inside the innermost band", "symmetry.cmm"),
        part("centre", "motif of the centre medallion", "motifs.chrysanthemum"),
    ),
    output="rgba",
    prepare=_prepare,
    tags=("frames", "nested", "concentric", "bands", "回纹", "框"),
    example_params={"title": "回 · Frames"},
)
def concentric_frames(p: ConcentricParams, call: Call) -> np.ndarray:
    """Concentric frames: 2 to 5 nested square bands, each its own frieze, round a centre.

    Band widths shrink (or grow) by ``width_ratio`` inwards and each band has its own
    frieze group; motifs alternate between the ``band_a`` and ``band_b`` slots. The
    field inside the innermost band shows the ground or an ink of its own
    (``field_fill``), under the field pattern and the centre medallion. Each
    side of each band holds a whole number of periods, so all corners meet cleanly,
    and the whole square obeys D4 (or C4) exactly, the centre included when its
    rosette contains the square's group.

    References
    ----------
    Phillips & Bunce 1993, *Repeat Patterns*; Washburn & Crowe 1988, *Symmetries of
    Culture* (frieze groups); border-band conventions of CATALOG.md (border_band).
    """
    x, y, stack = stack_with_text(call, p)
    fp = call.footprint
    pal = call.palette
    f = fold_square(x, y, p.symmetry)
    ink = role(pal, p.frame_color)
    lines = FrameLines.of(p)
    for band in bands(p):
        paint_band(
            stack,
            call,
            *f.band(band.inset, band.width),
            frieze=band.frieze,
            slot=band.slot,
            lines=lines,
            band_rgb=optional_role(pal, band.color),
            ink_rgb=ink,
        )
    med = Medallion(
        p.centre_group,
        p.centre_n,
        p.centre_radius,
        p.centre_motif_r,
        p.centre_motif_size,
        p.centre_rotation,
    )
    mu, mv = f.centred(med.obeys(p.symmetry))
    med.add(stack, call, "centre", mu, mv, ink)
    inside = np.minimum(f.qx, f.qy) - field_inset(p)
    paint_scaled_field(stack, call, inside, f.qx, f.qy, p)
    if p.field_fill >= 0:
        fill = role(pal, p.field_fill)
        stack.add_where(inside > -fp, lambda idx: paint(edge_cover(inside[idx], fp), fill))
    paint_ground(stack, call, f.qx, f.qy, p)
    return stack.result(call.x.shape)
