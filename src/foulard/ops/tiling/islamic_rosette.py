"""Islamic rosette patterns: Lee's rosettes in the large polygons of a base tiling."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.params import Params, param
from foulard.ops.registry import operator
from foulard.ops.tiling._cell_pattern import CellPattern
from foulard.ops.tiling._islamic import (
    Motif,
    RegularPolygon,
    hankin,
    lee_rosette,
    regular_vertices,
    rosette_ok,
)
from foulard.ops.tiling._strapwork import strapwork, strapwork_cell

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["RosetteParams", "islamic_rosette", "rosette_cell"]

ROSETTE_BASES = ("4.8.8", "3.12.12", "4.6.12", "6.6.6", "3.4.6.4", "3.6.3.6")


@dataclass(frozen=True)
class RosetteParams(Params):
    base: str = param(
        "4.8.8",
        choices=ROSETTE_BASES,
        doc="base tiling; its largest polygons (8, 12 or 6 sides) carry the rosettes",
    )
    contact_angle: float = param(
        67.5, range=(58.0, 80.0), doc="angle of the lines to the polygon edges", unit="degrees"
    )
    petal: float = param(
        0.6, range=(0.45, 0.85), doc="size of the central star against its polygon (petal depth)"
    )
    repeats: int = param(3, range=(1, 24), doc="cells of the base tiling across the design")
    rotation: float = param(
        0.0, range=(-180.0, 180.0), doc="clockwise turn of the pattern", unit="degrees"
    )
    band_width: float = param(
        0.06, range=(0.015, 0.25), doc="width of the strapwork bands", unit="tile edges"
    )
    outline: float = param(
        0.015, range=(0.0, 0.06), doc="width of the dark edge of each band", unit="tile edges"
    )
    ground_color: int = param(0, range=(0, 47), doc="palette role of the ground")
    star_color: int = param(2, range=(0, 47), doc="palette role of the central stars")
    petal_color: int = param(4, range=(0, 47), doc="palette role of the petals")
    kite_color: int = param(3, range=(0, 47), doc="palette role of the kites between petals")
    small_star_color: int = param(
        5, range=(0, 47), doc="palette role of the stars in the smaller polygons"
    )
    band_color: int = param(1, range=(0, 47), doc="palette role of the bands")
    outline_color: int = param(1, range=(0, 47), doc="palette role of the band edges")


def rosette_cell(p: RosetteParams) -> CellPattern:
    """The repeat cell: rosettes (classes 0 star, 1 petal, 2 kite), Hankin stars (3)."""

    def motif(q: RegularPolygon, scale: float, biggest: int) -> Motif:
        if q.n == biggest and rosette_ok(q.n, p.contact_angle, p.petal):
            m = lee_rosette(q, p.contact_angle, p.petal, 0)
            m.regions = [r * scale for r in m.regions]
            m.lines = [s * scale for s in m.lines]
            return m
        return hankin(regular_vertices(q) * scale, p.contact_angle, 3)

    return strapwork_cell(p, motif)


def _prepare(p: RosetteParams, rng: np.random.Generator) -> CellPattern:
    return rosette_cell(p)


@operator(
    "tiling.islamic_rosette",
    kind="field",
    version=1,
    prepare=_prepare,
    periods=lambda p: rosette_cell(p).periods(),
    tags=(
        "islamic", "rosette", "khatam", "star", "petals", "strapwork", "伊斯兰玫瑰花饰",
        "八角星", "花瓣星纹",
    ),
)  # fmt: skip
def islamic_rosette(p: RosetteParams, call: Call) -> np.ndarray:
    """Lee's rosettes: a central star ringed by hexagonal petals, in a star pattern.

    Over a base tiling, every largest polygon (octagons of 4.8.8, dodecagons of
    3.12.12 and 4.6.12, hexagons of 6.6.6 ...) holds a rosette: the Hankin star of
    the polygon shrunk by ``petal`` forms the middle; its strands, carried on
    through the star points, meet the polygon's own contact lines (at
    ``contact_angle`` to the edges) and so close a ring of petals, with kites
    between them pointing at the edge midpoints. The smaller polygons get plain
    Hankin stars with the same angle, so every strand runs on across the edges. A
    polygon whose rosette would not close (a small ``petal`` with a flat angle)
    keeps its plain star. Regions take their own palette roles; the lines are
    bands with darker edges. The pattern repeats exactly every cell.

    References
    ----------
    Lee 1987, "Islamic star patterns", *Muqarnas* 4; Kaplan 2000, "Computer
    generated Islamic star patterns", *Bridges* (the Taprats rosettes); Bonner
    2017, *Islamic Geometric Patterns*, ch. 2.
    """
    roles = (p.star_color, p.petal_color, p.kite_color, p.small_star_color, p.ground_color)
    return strapwork(p, call, roles)
