"""Islamic star patterns by Hankin's polygons-in-contact method."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.params import Params, param
from foulard.ops.registry import operator
from foulard.ops.tiling._cell_pattern import CellPattern, band, chunked
from foulard.ops.tiling._islamic import BASE_TILINGS, base_tiling, hankin, regular_vertices

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = [
    "HankinParams",
    "build_cell",
    "edge_length",
    "islamic_hankin",
    "line_reach",
    "strapwork_colors",
]


@dataclass(frozen=True)
class HankinParams(Params):
    base: str = param(
        "4.8.8",
        choices=BASE_TILINGS,
        doc="the underlying tiling of regular polygons (vertex configuration)",
    )
    contact_angle: float = param(
        67.5, range=(20.0, 80.0), doc="angle of the rays to the edges they leave", unit="degrees"
    )
    repeats: int = param(3, range=(1, 24), doc="cells of the base tiling across the design")
    rotation: float = param(
        0.0, range=(-180.0, 180.0), doc="clockwise turn of the pattern", unit="degrees"
    )
    band_width: float = param(
        0.09, range=(0.015, 0.35), doc="width of the strapwork bands", unit="tile edges"
    )
    outline: float = param(
        0.02, range=(0.0, 0.08), doc="width of the dark edge of each band", unit="tile edges"
    )
    ground_color: int = param(1, range=(0, 47), doc="palette role of the ground (corner stars)")
    star_color: int = param(2, range=(0, 47), doc="palette role of the stars in the large polygons")
    small_star_color: int = param(
        4, range=(0, 47), doc="palette role of the stars in the smaller polygons"
    )
    band_color: int = param(3, range=(0, 47), doc="palette role of the bands")
    outline_color: int = param(0, range=(0, 47), doc="palette role of the band edges")


def edge_length(base: str, repeats: int) -> float:
    """Length in design units of an edge of the base tiling (``repeats`` cells across)."""
    e1, _, _ = base_tiling(base)
    return 1.0 / (repeats * math.hypot(*e1))


def line_reach(half: float, edge: float) -> float:
    """How far from a line bins list it: the band and room for anti-aliasing."""
    return half + min(0.006, 0.3 * edge)


def build_cell(p: HankinParams) -> CellPattern:
    """The repeat cell: star regions (class 0 large polygons, 1 the others) and rays."""
    e1, e2, polys = base_tiling(p.base)
    scale = edge_length(p.base, p.repeats)
    biggest = max(q.n for q in polys)
    regions, classes, lines = [], [], []
    for q in polys:
        m = hankin(regular_vertices(q) * scale, p.contact_angle, 0 if q.n == biggest else 1)
        regions += m.regions
        classes += m.classes
        lines += m.lines
    # The design centre sits on a large polygon's centre.
    return CellPattern(
        np.multiply(e1, scale),
        np.multiply(e2, scale),
        regions,
        classes,
        np.array(lines),
        reach=line_reach(0.5 * p.band_width * scale, scale),
        origin=(0.5, 0.5),
        rotation=p.rotation,
    )


def _prepare(p: HankinParams, rng: np.random.Generator) -> CellPattern:
    return build_cell(p)


def strapwork_colors(call: Call, fill, d, width, outline, band_role, edge_role):
    """``fill`` (``(n, 3)``) under bands ``width`` wide with edges ``outline`` wide."""
    fp = call.footprint
    half = 0.5 * width
    outer = band(d, half, fp)[:, None]
    inner = band(d, half - outline, fp)[:, None] if outline > 0 else outer
    edge = np.asarray(call.palette.role(edge_role), np.float64)
    bandc = np.asarray(call.palette.role(band_role), np.float64)
    out = fill + (edge - fill) * outer
    return out + (bandc - out) * inner


@operator(
    "tiling.islamic_hankin",
    kind="field",
    version=1,
    prepare=_prepare,
    periods=lambda p: build_cell(p).periods(),
    tags=(
        "islamic", "star pattern", "girih", "hankin", "polygons in contact", "arabesque",
        "伊斯兰几何", "星形图案", "几何纹样",
    ),
)  # fmt: skip
def islamic_hankin(p: HankinParams, call: Call) -> np.ndarray:
    """Islamic star patterns by Hankin's polygons in contact, over a choice of base tilings.

    The design is first tiled by regular polygons (``base``: 4.8.8 octagons and
    squares, 3.12.12, 4.6.12, 6.6.6 ...). From the midpoint of every edge two rays
    leave at ``contact_angle`` to the edge and run until they meet the rays from the
    neighbouring edges (band and edge widths are in tile edges, so the pattern
    keeps its proportions at any scale); across each edge the rays of the two polygons continue each
    other, so the pattern is woven of straight strands. 67.5 degrees on 4.8.8 gives
    the classic eight-pointed stars; small angles give open rosettes, large ones
    spiky stars. The rays are drawn as bands (``band_color`` with darker edges);
    the stars in the largest polygons take ``star_color``, those in the others
    ``small_star_color``, and the stars round the tiling's corners the ground.
    The pattern repeats exactly every cell (square lattices: ``repeats`` cells
    across the design both ways).

    References
    ----------
    Hankin 1925, "The drawing of geometric patterns in Saracenic art", *Memoirs
    of the Archaeological Survey of India* 15; Kaplan 2005, "Islamic star patterns
    from polygons in contact", *Proc. Graphics Interface*.
    """
    cell: CellPattern = call.state
    edge = edge_length(p.base, p.repeats)
    width, outline = p.band_width * edge, p.outline * edge
    roles = np.array(
        [p.star_color, p.small_star_color, p.ground_color], np.int64
    )  # classes 0, 1 and -1 (none)
    lut = np.array([call.palette.role(int(r)) for r in roles], np.float64)

    def kernel(x, y):
        f = cell.fold(x, y)
        cls = cell.region_class[cell.region(f)]
        fill = lut[np.where(cls < 0, 2, cls)]
        d, _ = cell.nearest_line(f)
        rgb = strapwork_colors(call, fill, d, width, outline, p.band_color, p.outline_color)
        return np.concatenate([rgb, np.ones((len(x), 1))], axis=1)

    return chunked(kernel, call.x, call.y, 4)
