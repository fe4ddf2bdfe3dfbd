"""Quartered square: four colour-blocked parts (triangles or quadrants) with dividing bands."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.square import fold_octant
from foulard.ops.layout._bands import GROUPS, Frieze
from foulard.ops.layout._ground import GROUND, GroundParams, part
from foulard.ops.layout._paint import edge_cover, paint, rimmed, role
from foulard.ops.layout._pieces import MEDALLION_GROUPS, Medallion
from foulard.ops.layout._text import TextParams, TextState, set_text, stack_with_text
from foulard.ops.params import param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["QuarteredParams", "quartered"]

_DU = "design units"
_SQRT2 = math.sqrt(2.0)


@dataclass(frozen=True)
class _Quartered(GroundParams):
    ground_contrast: float = param(
        0.08, range=(0.0, 1.0), doc="how far a one-channel ground shades, at its brightest"
    )
    split: str = param(
        "diagonal",
        choices=("diagonal", "quadrants"),
        doc="four triangles (cut along the diagonals) or four quadrants",
    )
    part_1: int = param(1, range=(0, 47), doc="palette role of the top triangle (or top-left)")
    part_2: int = param(4, range=(0, 47), doc="palette role of the right (or top-right) part")
    part_3: int = param(1, range=(0, 47), doc="palette role of the bottom (or bottom-right) part")
    part_4: int = param(4, range=(0, 47), doc="palette role of the left (or bottom-left) part")
    pattern_opacity: float = param(
        0.22, range=(0.0, 1.0), doc="opacity of the pattern laid over every part"
    )
    pattern_color: int = param(0, range=(0, 47), doc="palette role of the pattern's shapes")
    pattern_scale: float = param(
        0.35, range=(0.05, 4.0), doc="scale of the pattern about the centre"
    )
    divider_width: float = param(0.05, range=(0.0, 0.2), doc="dividing band width", unit=_DU)
    divider_color: int = param(0, range=(0, 47), doc="palette role of bands, frame and lines")
    divider_group: str = param("p1", choices=GROUPS, doc="frieze group of the dividing bands")
    divider_spacing: float = param(
        1.2, range=(0.2, 8.0), doc="frieze period along a divider, in band widths"
    )
    ink_color: int = param(1, range=(0, 47), doc="palette role of lines and one-channel motifs")
    edge_width: float = param(
        0.035, range=(0.0, 0.2), doc="band round the edge, in the divider colour", unit=_DU
    )
    line_width: float = param(0.002, range=(0.0003, 0.02), doc="edge lines of every band", unit=_DU)
    centre_group: str = param(
        "dihedral", choices=MEDALLION_GROUPS, doc="centre: rosette D_n or C_n, or one motif"
    )
    centre_n: int = param(8, range=(2, 32), doc="copies round the centre")
    centre_radius: float = param(0.12, range=(0.0, 0.4), doc="centre medallion radius", unit=_DU)
    centre_motif_r: float = param(0.48, range=(0.0, 1.0), doc="motif centre's distance, in radii")
    centre_motif_size: float = param(0.75, range=(0.05, 4.0), doc="motif box width, in radii")


@dataclass(frozen=True)
class QuarteredParams(TextParams, _Quartered):
    """Parameters of the quartered square."""

    text_color: int = param(0, range=(0, 47), doc="palette role of title and signature")


def _prepare(p: QuarteredParams, rng: np.random.Generator) -> TextState:
    m = p.edge_width + 0.02
    return TextState(set_text(p, (m, m, 1.0 - m, 1.0 - m)))


def _parts(x: np.ndarray, y: np.ndarray, split: str) -> np.ndarray:
    """Part index 0..3 of each point, clockwise from the top (or the top-left)."""
    u, v = x - 0.5, y - 0.5
    if split == "quadrants":
        return np.where(v < 0, np.where(u < 0, 0, 1), np.where(u < 0, 3, 2))
    top = (v < 0) & (v <= u) & (u < -v)
    right = ~top & (u > 0) & (-u <= v) & (v <= u)
    bottom = ~top & ~right & (v > 0) & (np.abs(u) <= v)
    return np.where(top, 0, np.where(right, 1, np.where(bottom, 2, 3)))


@operator(
    "layout.quartered",
    kind="field",
    version=1,
    inputs=(
        GROUND,
        part("pattern", "pattern laid over every part (drawn in pattern_color)", "symmetry.p4m"),
        part("divider", "motif repeated along the dividing bands", "motifs.plum_blossom"),
        part("centre", "motif of the medallion where the bands cross", "motifs.plum_blossom"),
    ),
    output="rgba",
    prepare=_prepare,
    tags=("quartered", "colour block", "diagonal", "patchwork", "拼色"),
    example_params={"signature": "foulard"},
)
def quartered(p: QuarteredParams, call: Call) -> np.ndarray:
    """Quartered square: four colour-blocked parts, each its own ground tone, with dividing bands.

    The square is cut along its diagonals (four triangles) or its centre lines
    (four quadrants); each part takes its own palette role, shaded by a one-channel
    ground input, and a pattern may be laid over all of them in one colour. Bands
    cover the cuts and the edge, a frieze runs along the dividers from the centre
    outwards, and a medallion sits where they cross. The geometry is folded by D4;
    the colours decide how much of that symmetry the scarf keeps.

    References
    ----------
    Albers 1963, *Interaction of Color*; patchwork and colour-block conventions of
    CATALOG.md (panel_colorblock).
    """
    x, y, stack = stack_with_text(call, p)
    fp = call.footprint
    pal = call.palette
    ink = role(pal, p.ink_color)
    band_rgb = role(pal, p.divider_color)
    ou, ov = fold_octant(x - 0.5, y - 0.5)  # v <= u <= 0
    lw = p.line_width

    # Centre medallion over the crossing.
    med = Medallion(
        p.centre_group, p.centre_n, p.centre_radius, p.centre_motif_r, p.centre_motif_size
    )
    r = np.hypot(ou, ov)
    mu, mv = (ou, ov) if med.obeys("d4") else (x - 0.5, y - 0.5)
    med.add(stack, call, "centre", mu, mv, ink, r)
    if med.radius > 0:
        stack.add_where(
            r < med.radius + fp,
            lambda idx: rimmed(med.radius - r[idx], lw, fp, ink, band_rgb),
        )

    # Dividers: along the diagonal (octant edge u = v) or the centre line (u = 0).
    half = 0.5 * p.divider_width
    if p.split == "diagonal":
        along = -(ou + ov) / _SQRT2
        across = (ou - ov) / _SQRT2  # >= 0 in the octant
        length = _SQRT2 * 0.5
    else:
        along = -ov
        across = -ou
        length = 0.5
    if half > 0:
        frieze = Frieze(
            p.divider_group, p.divider_width, length, spacing=p.divider_spacing, halves=False
        )
        band = across < half + fp
        if call.has_input("divider"):
            stack.add_where(
                band & (along > med.radius) & (ov + 0.5 > p.edge_width),
                lambda idx: (
                    frieze.sample(call, "divider", along[idx], across[idx], fp, ink)
                    * edge_cover(half - across[idx], fp)[:, None]
                ),
            )
        stack.add_where(
            band,
            lambda idx: rimmed(half - across[idx], lw, fp, ink, band_rgb),
        )
    # The edge band (its inner line), in the octant: the top edge.
    depth = ov + 0.5
    if p.edge_width > 0:
        e = p.edge_width
        stack.add_where(
            depth < e + fp,
            lambda idx: rimmed(e - depth[idx], lw, fp, ink, band_rgb),
        )

    # The pattern, then each part's ground (shaded by a one-channel ground input).
    if call.has_input("pattern") and p.pattern_opacity > 0:
        k = 1.0 / p.pattern_scale
        px, py = ou * k + 0.5, ov * k + 0.5
        pat_rgb = role(pal, p.pattern_color)

        def pattern(idx):
            values = call.input("pattern", px[idx], py[idx], fp * k)
            alpha = values[:, 3] if values.shape[-1] == 4 else values[:, 0]
            return paint(alpha * np.float32(p.pattern_opacity), pat_rgb)

        stack.add(pattern)
    part = _parts(x, y, p.split)
    colours = np.stack([role(pal, getattr(p, f"part_{k + 1}")) for k in range(4)])
    shade = role(pal, p.ground_shade)

    def grounds(idx):
        rgb = colours[part[idx]]
        if call.has_input("ground"):
            values = call.input("ground", ou[idx] + 0.5, ov[idx] + 0.5, fp)
            t = values[:, 0] if values.shape[-1] == 1 else values[:, 3]
            rgb = rgb + (np.clip(t, 0.0, 1.0) * np.float32(p.ground_contrast))[:, None] * (
                shade - rgb
            )
        out = np.ones((idx.size, 4), np.float32)
        out[:, :3] = rgb
        return out

    stack.add(grounds)
    return stack.result(call.x.shape)
