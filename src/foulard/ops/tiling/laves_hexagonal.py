"""Laves tilings of hexagonal symmetry: rhombille, deltoidal, kisrhombille, floret.

The dual of a uniform tiling has a face around every vertex, with corners at the
centres of the faces that meet there; for Wythoff's ``p6m`` tilings those
centres are the corners of the kaleidoscope's chambers
(:mod:`foulard.ops.tiling._wythoff`). Lattice units: neighbouring 6-fold centres
are 1 apart; ``repeats`` of them span the unit square across.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.shapes import BLACK, WHITE, mix
from foulard.ops.params import param
from foulard.ops.registry import operator
from foulard.ops.tiling._facefield import Face
from foulard.ops.tiling._facetiling import (
    RANDOM,
    SINGLE,
    Coloring,
    FaceTiling,
    FaceTilingParams,
    lattice_hex,
    tiling_tags,
)
from foulard.ops.tiling._laves_marks import corner, direction
from foulard.ops.tiling._wythoff import (
    GROUPS,
    dual_faces,
    snub_dual_faces,
    snub_point,
    wythoff_point,
)
from foulard.ops.tiling.archimedean_hexagonal import points_down

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

_tags = functools.partial(tiling_tags, "laves")

CELL = GROUPS["p6m"].cell


def _hex3(p: np.ndarray) -> int:
    a, b = lattice_hex(p)
    return (round(a) - round(b)) % 3


# -- rhombille (dual of 3.6.3.6): tumbling blocks ---------------------------------------------


@dataclass(frozen=True)
class RhombilleParams(FaceTilingParams):
    repeats: int = param(
        8, range=(1, 96), doc="cubes across the unit square (sets the edge length)"
    )
    coloring: str = param(
        "shaded",
        choices=("shaded", "three", "single", "random"),
        doc="shaded: tumbling blocks in three tones of color_1 (light top, dark side); "
        "three: the three rhombus directions in color_1..3; single; random",
    )
    line_width: float = param(
        0.0, range=(0.0, 0.05), doc="width of the lines along the edges", unit="design units"
    )


def _rhomb_turn(f: Face) -> int:
    a = corner(f, "A")
    return direction(a[0], a[1], 60.0) % 3


def _shades(p, palette) -> list:
    base = palette.role(p.color_1)
    return [mix(base, WHITE, 0.55), base, mix(base, BLACK, 0.45)]


RHOMBILLE = FaceTiling(
    CELL,
    lambda p: dual_faces("p6m", wythoff_point("p6m", "AC,BC")),
    {
        "shaded": Coloring(_rhomb_turn, classes=3, tones=_shades),
        "three": Coloring(_rhomb_turn, classes=3),
        "single": SINGLE,
        "random": RANDOM,
    },
)


@operator(
    "tiling.laves_rhombille",
    kind="field",
    version=1,
    prepare=RHOMBILLE.prepare,
    periods=RHOMBILLE.periods,
    tags=_tags(
        "rhombille",
        "tumbling blocks",
        "baby blocks",
        "cubes",
        "isometric",
        "diamond",
        "菱形",
        "立体方块",
        "翻滚方块",
        "立方体",
    ),
    example_params={"repeats": 8, "coloring": "shaded", "color_1": 1},
)
def laves_rhombille(p: RhombilleParams, call: Call) -> np.ndarray:
    """Rhombille tiling (dual of 3.6.3.6): 60-degree rhombi, the tumbling-blocks cubes.

    Each rhombus joins two 6-fold and two 3-fold centres; three of them around a
    3-fold centre read as a cube. ``shaded`` paints the three directions in three
    tones of ``color_1`` (the top face lightest), the classic tumbling blocks /
    baby blocks illusion; ``three`` uses three roles.

    References
    ----------
    Grünbaum & Shephard 1987, *Tilings and Patterns*, §2.7 (Laves tilings).
    Brackman 1993, *Encyclopedia of Pieced Quilt Patterns* (tumbling blocks).
    """
    return RHOMBILLE.draw(p, call)


# -- deltoidal trihexagonal (dual of 3.4.6.4): kites -------------------------------------------


@dataclass(frozen=True)
class DeltoidalParams(FaceTilingParams):
    repeats: int = param(
        6, range=(1, 96), doc="6-fold centres across the unit square (sets the size)"
    )
    coloring: str = param(
        "hexagons",
        choices=("hexagons", "triangles", "three", "single", "random"),
        doc="hexagons: the six kites around each 6-fold centre share one of three roles; "
        "triangles: kites by the triangle they point into (up/down); three: by direction; "
        "single; random",
    )


def _kite_turn(f: Face) -> int:
    a, b = corner(f, "A")[0], corner(f, "B")[0]
    return direction(a, b, 60.0, 30.0) % 3


DELTOIDAL = FaceTiling(
    CELL,
    lambda p: dual_faces("p6m", wythoff_point("p6m", "AB")),
    {
        "hexagons": Coloring(lambda f: _hex3(corner(f, "A")[0]), classes=3, repeat=(3, 1)),
        "triangles": Coloring(
            lambda f: points_down(Face(f.poly, corner(f, "B")[0], "B")), classes=2
        ),
        "three": Coloring(_kite_turn, classes=3),
        "single": SINGLE,
        "random": RANDOM,
    },
)


@operator(
    "tiling.laves_deltoidal",
    kind="field",
    version=1,
    prepare=DELTOIDAL.prepare,
    periods=DELTOIDAL.periods,
    tags=_tags("deltoidal trihexagonal", "kite", "kites", "风筝形", "筝形"),
    example_params={"repeats": 6, "line_width": 0.003, "color_1": 1, "color_2": 4, "color_3": 3},
)
def laves_deltoidal(p: DeltoidalParams, call: Call) -> np.ndarray:
    """Deltoidal trihexagonal tiling (dual of 3.4.6.4): kites, six to a hexagon.

    Each kite joins a 6-fold centre, two 2-fold centres and a 3-fold centre; six
    kites make a hexagon and three make a triangle, so colouring by 6-fold centre
    (``hexagons``) or by 3-fold centre (``triangles``) shows either reading.

    References
    ----------
    Grünbaum & Shephard 1987, *Tilings and Patterns*, §2.7 (Laves tilings).
    """
    return DELTOIDAL.draw(p, call)


# -- kisrhombille (dual of 4.6.12): the p6m chambers ------------------------------------------


@dataclass(frozen=True)
class KisrhombilleParams(FaceTilingParams):
    repeats: int = param(
        5, range=(1, 96), doc="6-fold centres across the unit square (sets the size)"
    )
    coloring: str = param(
        "two",
        choices=("two", "radial", "single", "random"),
        doc="two: mirror images apart (the kaleidoscope); radial: the twelve triangles "
        "round each 6-fold centre cycle color_1..3; single; random",
    )
    line_width: float = param(
        0.0, range=(0.0, 0.05), doc="width of the lines along the edges", unit="design units"
    )


def _sector(f: Face) -> int:
    a = corner(f, "A")[0]
    c = f.poly.mean(axis=0)
    ang = math.degrees(math.atan2(c[1] - a[1], c[0] - a[0]))
    return math.floor(ang / 30.0) % 12


KISRHOMBILLE = FaceTiling(
    CELL,
    lambda p: dual_faces("p6m", wythoff_point("p6m", "")),
    {
        "two": Coloring(lambda f: _sector(f) % 2, classes=2),
        "radial": Coloring(lambda f: _sector(f) % 3, classes=3),
        "single": SINGLE,
        "random": RANDOM,
    },
)


@operator(
    "tiling.laves_kisrhombille",
    kind="field",
    version=1,
    prepare=KISRHOMBILLE.prepare,
    periods=KISRHOMBILLE.periods,
    tags=_tags("kisrhombille", "kaleidoscope", "30-60-90", "triangles", "万花筒", "三角形"),
    example_params={"repeats": 5, "color_1": 1, "color_2": 3},
)
def laves_kisrhombille(p: KisrhombilleParams, call: Call) -> np.ndarray:
    """Kisrhombille tiling (dual of 4.6.12): 30-60-90 triangles, the p6m kaleidoscope.

    The faces are the chambers of the p6m mirror group themselves: twelve meet at
    each 6-fold centre, six at each 3-fold one, four at each 2-fold one. ``two``
    colours mirror images apart, so every edge separates two colours (the
    colour-field kaleidoscope); ``radial`` cycles three roles round each centre.

    References
    ----------
    Grünbaum & Shephard 1987, *Tilings and Patterns*, §2.7 (Laves tilings).
    Coxeter 1973, *Regular Polytopes*, §4.3 (kaleidoscopes).
    """
    return KISRHOMBILLE.draw(p, call)


# -- floret pentagonal (dual of 3.3.3.3.6) ------------------------------------------------------


@dataclass(frozen=True)
class FloretParams(FaceTilingParams):
    repeats: int = param(5, range=(1, 96), doc="florets across the unit square (sets the size)")
    coloring: str = param(
        "florets",
        choices=("florets", "petals", "three", "single", "random"),
        doc="florets: the six pentagons of a floret share one of three roles; petals: "
        "alternate petals (color_1, color_2); three: petals cycle color_1..3; single; random",
    )
    hand: str = param(
        "right", choices=("right", "left"), doc="chirality: the tiling or its mirror image"
    )


def _petal(f: Face, p) -> int:
    bary = snub_point("p6m")
    a0, b0, c0 = (np.array(v) for v in GROUPS["p6m"].base)
    g = bary[0] * a0 + bary[1] * b0 + bary[2] * c0
    theta = math.degrees(math.atan2(g[1], g[0])) * (1 if p.hand == "right" else -1)
    return direction(corner(f, "A")[0], f.centre, 60.0, theta)


FLORET = FaceTiling(
    CELL,
    lambda p: snub_dual_faces("p6m", snub_point("p6m"), hand=0 if p.hand == "right" else 1),
    {
        "florets": Coloring(lambda f: _hex3(corner(f, "A")[0]), classes=3, repeat=(3, 1)),
        "petals": Coloring(lambda f, p: _petal(f, p) % 2, classes=2, uses_params=True),
        "three": Coloring(lambda f, p: _petal(f, p) % 3, classes=3, uses_params=True),
        "single": SINGLE,
        "random": RANDOM,
    },
    shape_key=lambda p: p.hand,
)


@operator(
    "tiling.laves_floret",
    kind="field",
    version=1,
    prepare=FLORET.prepare,
    periods=FLORET.periods,
    tags=_tags("floret", "pentagon", "flower", "petals", "花形五边形", "五边形", "花朵"),
    example_params={"repeats": 5, "line_width": 0.003, "color_1": 2, "color_2": 3, "color_3": 4},
)
def laves_floret(p: FloretParams, call: Call) -> np.ndarray:
    """Floret pentagonal tiling (dual of 3.3.3.3.6): six-petal flowers of pentagons.

    Six congruent pentagons meet at each 6-fold centre as the petals of a floret;
    their other corners are the 3-fold centres and the centres of the snub
    tiling's triangles. Chiral: ``hand`` picks the mirror image. ``florets``
    colours whole flowers (no two neighbouring flowers alike).

    References
    ----------
    Grünbaum & Shephard 1987, *Tilings and Patterns*, §2.7 (Laves tilings).
    """
    return FLORET.draw(p, call)
