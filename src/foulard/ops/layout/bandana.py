"""The bandana: a paisley field inside a scalloped, dotted border."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.frieze import fit_repeats
from foulard.ops.layout._bands import GROUPS, Frieze, paint_band
from foulard.ops.layout._ground import GROUND, GroundParams, paint_ground, part
from foulard.ops.layout._paint import edge_cover, line_cover, paint, role
from foulard.ops.layout._pieces import MEDALLION_GROUPS, Medallion
from foulard.ops.layout._square import fold_square
from foulard.ops.layout._text import TextParams, TextState, set_text, stack_with_text
from foulard.ops.params import param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["BandanaParams", "bandana"]

_DU = "design units"
_DEG = "degrees"


@dataclass(frozen=True)
class _Bandana(GroundParams):
    ground_color: int = param(2, range=(0, 47), doc="palette role of the ground")
    ground_contrast: float = param(
        0.1, range=(0.0, 1.0), doc="how far a one-channel ground shades, at its brightest"
    )
    symmetry: str = param(
        "c4", choices=("d4", "c4"), doc="group of the square: c4 (turns) or d4 (and mirrors)"
    )
    border_inset: float = param(
        0.02, range=(0.0, 0.2), doc="border band's outer edge, in from the finished edge", unit=_DU
    )
    border_width: float = param(0.075, range=(0.01, 0.25), doc="border band width", unit=_DU)
    border_color: int = param(1, range=(0, 47), doc="palette role of the border and scallops")
    scallop_radius: float = param(
        0.022, range=(0.005, 0.1), doc="radius of the scallops on the border's inner edge", unit=_DU
    )
    dot_color: int = param(0, range=(0, 47), doc="palette role of dots and lines")
    dot_size: float = param(0.0065, range=(0.001, 0.03), doc="radius of the border dots", unit=_DU)
    pin_spacing: float = param(
        0.03, range=(0.0, 0.2), doc="spacing of the pin dots in the field (0: none)", unit=_DU
    )
    pin_size: float = param(0.0032, range=(0.0005, 0.02), doc="pin dot radius", unit=_DU)
    chain_inset: float = param(
        0.165,
        range=(0.05, 0.4),
        doc="inner frame of motifs: outer edge, in from the edge",
        unit=_DU,
    )
    chain_width: float = param(
        0.085, range=(0.0, 0.25), doc="width of the frame of motifs (0: none)", unit=_DU
    )
    chain_group: str = param("p2", choices=GROUPS, doc="frieze group of the frame of motifs")
    chain_spacing: float = param(
        1.1, range=(0.3, 6.0), doc="period of the frame of motifs, in its widths"
    )
    chain_rotation: float = param(
        90.0, range=(-180.0, 180.0), doc="turn of the motif in the frame", unit=_DEG
    )
    medallion_group: str = param(
        "cyclic", choices=MEDALLION_GROUPS, doc="centre: rosette C_n or D_n, or one motif"
    )
    medallion_n: int = param(8, range=(2, 32), doc="motifs round the centre")
    medallion_radius: float = param(0.16, range=(0.02, 0.45), doc="centre radius", unit=_DU)
    medallion_motif_r: float = param(
        0.56, range=(0.0, 1.0), doc="motif centre's distance from the middle, in radii"
    )
    medallion_motif_size: float = param(0.7, range=(0.05, 2.0), doc="motif box width, in radii")
    medallion_motif_rotation: float = param(
        20.0, range=(-180.0, 180.0), doc="turn of the motif in its wedge", unit=_DEG
    )
    ring_dots: bool = param(True, doc="a ring of dots round the centre")


@dataclass(frozen=True)
class BandanaParams(TextParams, _Bandana):
    """Parameters of the bandana."""

    text_color: int = param(0, range=(0, 47), doc="palette role of title and signature")
    title_cartouche: bool = param(False, doc="a framed panel of ground colour behind the title")


def _scallop_edge(p: BandanaParams) -> float:
    return p.border_inset + p.border_width


def _prepare(p: BandanaParams, rng: np.random.Generator) -> TextState:
    e = _scallop_edge(p) + 2.0 * p.scallop_radius + 0.01
    return TextState(set_text(p, (e, e, 1.0 - e, 1.0 - e)))


def _nearest_on_grid(t: np.ndarray, period: float) -> np.ndarray:
    """Offset of ``t`` from the nearest centre ``(j + 1/2) * period``."""
    return t - (np.floor(t * (1.0 / period)) + 0.5) * period


@operator(
    "layout.bandana",
    kind="field",
    version=1,
    inputs=(
        GROUND,
        part("paisley", "motif of the centre and the frame of motifs", "motifs.paisley"),
    ),
    output="rgba",
    prepare=_prepare,
    tags=("bandana", "paisley", "scallop", "dots", "handkerchief", "头巾"),
    example_params={"signature": "foulard"},
)
def bandana(p: BandanaParams, call: Call) -> np.ndarray:
    """The classic bandana: paisley centre and frame on a pin-dotted ground, scalloped border.

    A dark border band runs round the edge with a line and a row of dots; its inner
    edge is scalloped, each scallop with a dot of its own, and the corners are
    rounded off with a larger disc. Inside, a frame of paisleys runs round under a
    frieze group (half-turns by default, so they chase each other round) and a
    rosette of paisleys whirls in the centre, all on a grid of pin dots. The whole
    square obeys C4 (or D4) exactly.

    References
    ----------
    Reilly 1987, *The Paisley Pattern: The Official Illustrated History* (the boteh
    and its arrangements); Meller & Elffers 1991, *Textile Designs* (printed
    handkerchiefs and bandanas).
    """
    x, y, stack = stack_with_text(call, p)
    fp = call.footprint
    pal = call.palette
    f = fold_square(x, y, p.symmetry)
    dark = role(pal, p.border_color)
    light = role(pal, p.dot_color)
    tx, ty = f.tx, f.ty

    # Border: band, line and dots, scallops with dots, corner discs.
    half = 0.5 * p.border_width
    centre = p.border_inset + half
    e = _scallop_edge(p)
    rs = p.scallop_radius
    inner = 1.0 - 2.0 * e
    period = inner / fit_repeats(inner, 2.0 * rs)
    s = tx - e
    sx = _nearest_on_grid(s, period)
    scallop = np.hypot(sx, ty - e)
    corner = np.minimum(np.hypot(tx - e, ty - e), np.hypot(tx - (1.0 - e), ty - e))
    zone = ty < e + 1.6 * rs + fp
    line_at = p.border_inset + 0.18 * p.border_width
    dot_period = (1.0 - 2.0 * centre) / fit_repeats(1.0 - 2.0 * centre, 2.0 * rs)
    dx = _nearest_on_grid(tx - centre, dot_period)

    def border_light(idx):
        t = ty[idx]
        cover = line_cover(t - line_at, 0.12 * p.dot_size, fp)
        dots = edge_cover(p.dot_size - np.hypot(dx[idx], t - centre - 0.12 * half), fp)
        in_scallop = edge_cover(0.42 * p.dot_size - np.hypot(sx[idx], t - e - 0.45 * rs), fp)
        in_scallop *= t > e
        return paint(np.maximum(np.maximum(cover, dots), in_scallop), light)

    def border_dark(idx):
        t = ty[idx]
        band = edge_cover(e - t, fp) * edge_cover(t - p.border_inset, fp)
        shell = edge_cover(rs - scallop[idx], fp) * (t > e - fp)
        disc = edge_cover(1.6 * rs - corner[idx], fp)
        return paint(np.maximum(np.maximum(band, shell), disc), dark)

    stack.add_where(zone & (ty > p.border_inset - fp), border_light)
    stack.add_where(zone & (ty > p.border_inset - fp), border_dark)

    # The frame of paisleys.
    if p.chain_width > 0:
        cc = p.chain_inset + 0.5 * p.chain_width
        chain = Frieze(
            p.chain_group,
            p.chain_width,
            1.0 - 2.0 * cc,
            spacing=p.chain_spacing,
            motif_rotation=p.chain_rotation,
            halves=p.symmetry == "d4",
        )
        paint_band(
            stack,
            call,
            *f.band(p.chain_inset, p.chain_width),
            frieze=chain,
            slot="paisley",
            lines=None,
            band_rgb=None,
            ink_rgb=dark,
        )

    # The centre: a whirl of paisleys and a ring of dots.
    med = Medallion(
        p.medallion_group,
        p.medallion_n,
        p.medallion_radius,
        p.medallion_motif_r,
        p.medallion_motif_size,
        0.0,
        p.medallion_motif_rotation,
    )
    mu, mv = f.centred(med.obeys(p.symmetry))
    r = np.hypot(mu, mv)
    med.add(stack, call, "paisley", mu, mv, dark, r)
    if p.ring_dots:
        ring = med.radius + 2.0 * p.dot_size
        count = 4 * max(1, round(2.0 * math.pi * ring / (4.0 * 2.5 * p.dot_size)))
        # Dots at angles k * 2 pi / count from "up", in the folded quadrant (exact).
        angle = np.arctan2(f.qx - 0.5, -(f.qy - 0.5))
        step = 2.0 * math.pi / count
        near = np.abs(r - ring) < p.dot_size + fp
        ring_r = r if med.obeys(p.symmetry) else np.hypot(f.qx - 0.5, f.qy - 0.5)

        def ring_dots(idx):
            a = angle[idx]
            off = (a - (np.round(a / step)) * step) * ring
            return paint(edge_cover(p.dot_size - np.hypot(off, ring_r[idx] - ring), fp), light)

        stack.add_where(near, ring_dots)

    # Pin dots on the field.
    if p.pin_spacing > 0:
        gx = _nearest_on_grid(f.qx - 0.5 + 0.5 * p.pin_spacing, p.pin_spacing)
        gy = _nearest_on_grid(f.qy - 0.5 + 0.5 * p.pin_spacing, p.pin_spacing)
        inside = np.minimum(f.qx, f.qy) > e + rs

        def pins(idx):
            return paint(edge_cover(p.pin_size - np.hypot(gx[idx], gy[idx]), fp), light)

        stack.add_where(inside, pins)
    paint_ground(stack, call, f.qx, f.qy, p)
    return stack.result(call.x.shape)
