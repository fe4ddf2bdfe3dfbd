"""The classic carré: ground, field, frieze border with frame lines, corners, medallion."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.layout._bands import FrameLines, paint_band
from foulard.ops.layout._ground import GROUND, GroundParams, paint_ground, paint_scaled_field, part
from foulard.ops.layout._paint import optional_role, place_motif, role
from foulard.ops.layout._pieces import (
    CROSSINGS,
    MEDALLION_GROUPS,
    Corners,
    Medallion,
    crossing_point,
    paint_medallion,
)
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

__all__ = ["CarreParams", "carre_classic"]

_DEG = "degrees"
_DU = "design units"


@dataclass(frozen=True)
class _Carre(BorderParams, GroundParams):
    fold_field: bool = param(
        True, doc="fold ground and field by the group too, so the whole square obeys it"
    )
    field_opacity: float = param(
        0.3, range=(0.0, 1.0), doc="opacity of the field pattern (below 1: tone on tone)"
    )
    field_scale: float = param(
        0.5, range=(0.05, 4.0), doc="scale of the field pattern about the centre (below 1: smaller)"
    )
    corner_distance: float = param(
        0.215, range=(0.0, 0.5), doc="corner piece centre, in from both finished edges", unit=_DU
    )
    corner_size: float = param(0.16, range=(0.01, 0.5), doc="corner piece box width", unit=_DU)
    corner_rotation: float = param(
        0.0, range=(-180.0, 180.0), doc="turn of the corner piece from facing the centre", unit=_DEG
    )
    medallion_group: str = param(
        "dihedral", choices=MEDALLION_GROUPS, doc="medallion: rosette D_n or C_n, or one motif"
    )
    medallion_n: int = param(8, range=(2, 32), doc="copies of the motif round the medallion")
    medallion_radius: float = param(0.19, range=(0.02, 0.5), doc="medallion radius", unit=_DU)
    medallion_motif_r: float = param(
        0.5, range=(0.0, 1.0), doc="motif centre's distance from the middle, in radii"
    )
    medallion_motif_size: float = param(
        0.62, range=(0.05, 2.0), doc="motif box width, in radii (single: in diameters)"
    )
    medallion_rotation: float = param(
        0.0, range=(-180.0, 180.0), doc="turn of the rosette's first wedge", unit=_DEG
    )
    medallion_motif_rotation: float = param(
        0.0, range=(-180.0, 180.0), doc="turn of the motif in its wedge", unit=_DEG
    )
    medallion_color: int = param(
        0, range=(-1, 47), doc="palette role of a disc behind the medallion (-1: none)"
    )
    medallion_rings: int = param(
        2, range=(0, 4), doc="ring lines round the medallion (frame width and colour)"
    )
    crossing_at: str = param(
        "bottom_left", choices=CROSSINGS, doc="where the crossing motif sits on the border"
    )
    crossing_size: float = param(0.2, range=(0.02, 0.6), doc="crossing motif box width", unit=_DU)
    crossing_rotation: float = param(
        0.0, range=(-180.0, 180.0), doc="turn of the crossing motif", unit=_DEG
    )


@dataclass(frozen=True)
class CarreParams(TextParams, _Carre):
    """Parameters of the classic carré."""


def _medallion(p: CarreParams) -> Medallion:
    return Medallion(
        p.medallion_group,
        p.medallion_n,
        p.medallion_radius,
        p.medallion_motif_r,
        p.medallion_motif_size,
        p.medallion_rotation,
        p.medallion_motif_rotation,
    )


def _prepare(p: CarreParams, rng: np.random.Generator) -> TextState:
    fi = inner_edge(p) + 0.015
    # Keep the text clear of the corner pieces along the bottom and top edges.
    side = p.corner_distance + 0.5 * p.corner_size * 1.2 + 0.01
    frame = (max(fi, side), fi, 1.0 - max(fi, side), 1.0 - fi)
    return TextState(set_text(p, frame))


@operator(
    "layout.carre_classic",
    kind="field",
    version=1,
    inputs=(
        GROUND,
        part("field", "pattern inside the border", "symmetry.p4m"),
        part("border", "motif repeated round the border", "ornament.huiwen"),
        part("corner", "corner piece (top-left; turned for the others)", "motifs.lotus"),
        part("medallion", "motif of the centre medallion", "motifs.peony"),
        part("crossing", "a motif that crosses the frame", "ornament.xiangyun"),
    ),
    output="rgba",
    prepare=_prepare,
    tags=("carré", "carre", "square scarf", "border", "medallion", "方巾", "丝巾"),
    example_params={"title": "牡丹 · Pivoines", "signature": "foulard"},
)
def carre_classic(p: CarreParams, call: Call) -> np.ndarray:
    """Classic carré: ground, field, frieze border with frame lines, corners, medallion.

    Everything but the text and the crossing motif is computed on one fundamental
    domain of the square's group (D4 or C4) and so obeys it exactly; the medallion
    joins in when its own group contains the square's (n a multiple of 4, and for
    D4 a dihedral rosette with a mirror on the axes). The border's repeat count is
    whole per side, so the mitred corners meet cleanly. The title, the signature
    and the crossing motif then break the symmetry where the parameters say.

    References
    ----------
    Washburn & Crowe 1988, *Symmetries of Culture* (frieze and finite groups);
    Conway, Burgiel & Goodman-Strauss 2008, *The Symmetries of Things*;
    square-scarf anatomy after PRINT.md ("Anatomy of a square scarf").
    """
    x, y, stack = stack_with_text(call, p)
    fp = call.footprint
    pal = call.palette
    f = fold_square(x, y, p.symmetry)
    ink = role(pal, p.frame_color)

    if call.has_input("crossing"):
        # Centred on the band's inner edge: half on the border, half on the field.
        cx, cy, turn = crossing_point(p.crossing_at, p.border_inset + p.border_width)
        box = (cx, cy, p.crossing_size, turn + p.crossing_rotation)
        place_motif(stack, call, "crossing", x, y, box, ink)

    # Border band and frame lines, on the top side of the folded square.
    paint_band(
        stack,
        call,
        *f.band(p.border_inset, p.border_width),
        frieze=border_frieze(p),
        slot="border",
        lines=FrameLines.of(p),
        band_rgb=optional_role(pal, p.border_color),
        ink_rgb=ink,
    )

    # Medallion: folded when its group contains the square's.
    med = _medallion(p)
    mu, mv = f.centred(med.obeys(p.symmetry))
    paint_medallion(stack, call, med, mu, mv, p, ink)

    # Corner pieces, in the folded top-left quadrant.
    qx, qy = f.qx, f.qy
    if call.has_input("corner"):
        corners = Corners(p.corner_distance, p.corner_size, p.corner_rotation)
        reach = 0.75 * p.corner_size
        near = (np.abs(qx - p.corner_distance) < reach) & (np.abs(qy - p.corner_distance) < reach)
        stack.add_where(near, lambda idx: corners.sample(call, "corner", qx[idx], qy[idx], fp, ink))

    # Field and ground: folded too unless the designer keeps their own symmetry.
    gx, gy = (qx, qy) if p.fold_field else (x, y)
    paint_scaled_field(stack, call, np.minimum(qx, qy) - inner_edge(p), gx, gy, p)
    paint_ground(stack, call, gx, gy, p)
    return stack.result(call.x.shape)
