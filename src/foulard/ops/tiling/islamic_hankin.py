"""Islamic star patterns by Hankin's polygons-in-contact method."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.params import Params, param
from foulard.ops.registry import operator
from foulard.ops.tiling._cell_pattern import CellPattern
from foulard.ops.tiling._islamic import BASE_TILINGS
from foulard.ops.tiling._strapwork import hankin_stars, strapwork, strapwork_cell

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["HankinParams", "build_cell", "islamic_hankin"]


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


def build_cell(p: HankinParams) -> CellPattern:
    """The repeat cell: star regions (class 0 large polygons, 1 the others) and rays."""
    return strapwork_cell(p, hankin_stars(p.contact_angle))


def _prepare(p: HankinParams, rng: np.random.Generator) -> CellPattern:
    return build_cell(p)


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
    return strapwork(p, call, (p.star_color, p.small_star_color, p.ground_color))
