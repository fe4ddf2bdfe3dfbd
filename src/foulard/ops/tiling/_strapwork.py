"""Strapwork star patterns: the repeat cell built on a base tiling, and its painting.

Shared by the Hankin, rosette and interlace operators. Every regular polygon of
one cell of the base tiling (:func:`~foulard.ops.tiling._islamic.base_tiling`)
carries a star motif: regions with colour classes and the rays between edge
midpoints. Scaled to design units (``repeats`` cells across the design), they make
a :class:`CellPattern`; the rays are painted as bands with darker edges over the
region fills. Widths are in tile edges, so a pattern keeps its proportions at any
scale.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from foulard.ops._common.chunks import chunked
from foulard.ops.tiling._cell_pattern import CellPattern, band
from foulard.ops.tiling._islamic import Motif, RegularPolygon, base_tiling, hankin, regular_vertices

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = [
    "StarMotifs",
    "banded",
    "edge_length",
    "hankin_stars",
    "line_reach",
    "star_motifs",
    "strapwork",
    "strapwork_cell",
]

# motif(polygon, scale, sides of the largest polygons) -> its Motif in design units
MotifRule = Callable[[RegularPolygon, float, int], Motif]


def edge_length(base: str, repeats: int) -> float:
    """Length in design units of an edge of the base tiling (``repeats`` cells across)."""
    e1, _, _ = base_tiling(base)
    return 1.0 / (repeats * math.hypot(*e1))


def line_reach(half: float, edge: float) -> float:
    """How far from a line bins list it: the band and room for anti-aliasing."""
    return half + min(0.006, 0.3 * edge)


@dataclass
class StarMotifs:
    """The motifs of one cell of a base tiling, in design units."""

    e1: np.ndarray  # lattice vectors
    e2: np.ndarray
    scale: float  # the tiling's edge length
    regions: list[np.ndarray]
    classes: list[int]
    lines: list[np.ndarray]


def star_motifs(base: str, repeats: int, motif: MotifRule) -> StarMotifs:
    """The motif ``motif(polygon, scale, largest)`` of every polygon of one cell."""
    e1, e2, polys = base_tiling(base)
    scale = edge_length(base, repeats)
    biggest = max(q.n for q in polys)
    regions, classes, lines = [], [], []
    for q in polys:
        m = motif(q, scale, biggest)
        regions += m.regions
        classes += m.classes
        lines += m.lines
    return StarMotifs(
        np.multiply(e1, scale), np.multiply(e2, scale), scale, regions, classes, lines
    )


def hankin_stars(contact_angle: float) -> MotifRule:
    """Hankin's star in every polygon: class 0 in the largest polygons, 1 in the others."""

    def motif(q: RegularPolygon, scale: float, biggest: int) -> Motif:
        return hankin(regular_vertices(q) * scale, contact_angle, 0 if q.n == biggest else 1)

    return motif


def strapwork_cell(p: Any, motif: MotifRule) -> CellPattern:
    """The repeat cell of ``p`` (``base``, ``repeats``, ``band_width``, ``rotation``).

    The design centre sits on a large polygon's centre.
    """
    st = star_motifs(p.base, p.repeats, motif)
    return CellPattern(
        st.e1,
        st.e2,
        st.regions,
        st.classes,
        np.array(st.lines),
        reach=line_reach(0.5 * p.band_width * st.scale, st.scale),
        origin=(0.5, 0.5),
        rotation=p.rotation,
    )


def banded(rgb, d, half: float, rim: float, fp: float, edge_rgb, band_rgb) -> np.ndarray:
    """``rgb`` (``(n, 3)``) under a band ``2 half`` wide at distance ``d``, its edges
    ``rim`` wide in ``edge_rgb`` and its middle ``band_rgb`` (box-filtered over ``fp``)."""
    outer = band(d, half, fp)[:, None]
    inner = band(d, half - rim, fp)[:, None] if rim > 0 else outer
    out = rgb + (edge_rgb - rgb) * outer
    return out + (band_rgb - out) * inner


def strapwork(p: Any, call: Call, fills: Sequence[int]) -> np.ndarray:
    """Opaque RGBA of a strapwork cell (``call.state``) at the call's points.

    Regions of class ``k`` take palette role ``fills[k]``, points in no region the
    last role of ``fills``; the rays are bands ``p.band_width`` tile edges wide
    in ``p.band_color`` with edges ``p.outline`` wide in ``p.outline_color``.
    """
    cell: CellPattern = call.state
    edge = edge_length(p.base, p.repeats)
    half, rim = 0.5 * (p.band_width * edge), p.outline * edge
    lut = np.array([call.palette.role(int(r)) for r in fills], np.float64)
    ground = len(fills) - 1
    edge_rgb = np.asarray(call.palette.role(p.outline_color), np.float64)
    band_rgb = np.asarray(call.palette.role(p.band_color), np.float64)

    def kernel(x, y):
        f = cell.fold(x, y)
        cls = cell.region_class[cell.region(f)]
        fill = lut[np.where(cls < 0, ground, cls)]
        d, _ = cell.nearest_line(f)
        rgb = banded(fill, d, half, rim, call.footprint, edge_rgb, band_rgb)
        return np.concatenate([rgb, np.ones((len(x), 1))], axis=1)

    return chunked(kernel, call.x, call.y, 4)
