"""Laves tilings on square lattices: Cairo pentagons and tetrakis triangles.

Lattice units: the 4-fold centres form the unit square lattice; ``repeats`` cells
span the unit square across.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.params import param
from foulard.ops.registry import operator
from foulard.ops.tiling._facefield import Face
from foulard.ops.tiling._facetiling import (
    RANDOM,
    SINGLE,
    Coloring,
    FaceTiling,
    FaceTilingParams,
    role_param,
    tiling_tags,
)
from foulard.ops.tiling._laves_marks import corner, direction, square_kind
from foulard.ops.tiling._wythoff import dual_faces, wythoff_point

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

_tags = functools.partial(tiling_tags, "laves")


# -- Cairo pentagonal (dual of 3.3.4.3.4) ------------------------------------------------------


@dataclass(frozen=True)
class CairoParams(FaceTilingParams):
    repeats: int = param(
        6, range=(1, 96), doc="lattice cells across the unit square (sets the size)"
    )
    coloring: str = param(
        "two",
        choices=("two", "four", "single", "random"),
        doc="two: the pentagons pair into hexagons of two directions (color_1, color_2); "
        "four: the four turns of the pentagon (color_1..4); single; random",
    )
    proportion: float = param(
        0.732051,
        range=(0.35, 1.5),
        doc="short edge over long edge of the pentagon (0.732051 = sqrt 3 - 1: dual of "
        "the snub square; 1: equilateral)",
    )
    color_4: int = role_param(4, "fill of the fourth face class")


def _long_edge(q: float) -> float:
    return math.hypot(0.5 - q, q)


@functools.lru_cache(maxsize=64)
def cairo_offset(proportion: float) -> float:
    """Offset ``q`` of the 3-valent vertices from the 2-fold centres for a proportion.

    The short edge is ``2 sqrt(2) q`` and the long ones ``hypot(1/2 - q, q)``; their
    ratio grows with ``q`` over (0, 1/4), so bisection finds it.
    """
    lo, hi = 0.0, 0.25
    for _ in range(80):
        mid = 0.5 * (lo + hi)
        if 2.0 * math.sqrt(2.0) * mid / _long_edge(mid) < proportion:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def cairo_faces(p) -> list[Face]:
    """Four turns of one pentagon about each lattice point.

    The pentagon joins the 4-fold centres ``(0, 0)`` and ``(1/2, 1/2)`` and three
    3-valent vertices set ``q`` off the 2-fold centres ``(1/2, 0)`` and ``(0, 1/2)``
    along the diagonals (group p4g).
    """
    q = cairo_offset(p.proportion)
    base = np.array([[0.0, 0.0], [0.5 - q, -q], [0.5 + q, q], [0.5, 0.5], [q, 0.5 - q]])
    faces = []
    for k in range(4):
        c, s = round(math.cos(k * math.pi / 2)), round(math.sin(k * math.pi / 2))
        rot = base @ np.array([[c, s], [-s, c]])
        for j in range(-2, 3):
            for i in range(-2, 3):
                poly = rot + np.array([i, j])
                faces.append(Face(poly, poly.mean(axis=0), f"P{k}"))
    return faces


CAIRO = FaceTiling(
    (1.0, 1.0),
    cairo_faces,
    {
        "two": Coloring(lambda f: int(f.kind[1]) % 2, classes=2),
        "four": Coloring(lambda f: int(f.kind[1]), classes=4),
        "single": SINGLE,
        "random": RANDOM,
    },
    shape_key=lambda p: p.proportion,
)


@operator(
    "tiling.laves_cairo",
    kind="field",
    version=1,
    prepare=CAIRO.prepare,
    periods=CAIRO.periods,
    tags=_tags("cairo", "pentagon", "street tiles", "pavement", "开罗", "五边形", "地砖"),
    example_params={"repeats": 6, "line_width": 0.004, "color_1": 1, "color_2": 4},
)
def laves_cairo(p: CairoParams, call: Call) -> np.ndarray:
    """Cairo pentagonal tiling (dual of 3.3.4.3.4): the street-tile pentagons.

    Congruent pentagons with two right angles, four about every 4-fold centre,
    pairing into elongated hexagons that run in two perpendicular directions (group
    p4g). ``proportion`` is the short edge over the long one: 0.732 (sqrt 3 - 1)
    is the Laves dual of the snub square tiling, 1 the equilateral pentagon.

    References
    ----------
    Grünbaum & Shephard 1987, *Tilings and Patterns*, §2.7 (Laves tilings) and
    §9.3 (pentagonal tilings).
    """
    return CAIRO.draw(p, call)


# -- tetrakis square (dual of 4.8.8) --------------------------------------------------------


@dataclass(frozen=True)
class TetrakisParams(FaceTilingParams):
    coloring: str = param(
        "pinwheel",
        choices=("pinwheel", "two", "four", "single", "random"),
        doc="pinwheel: opposite triangles alike, swapped in alternate squares; two: by "
        "horizontal or vertical long edge; four: by direction (color_1..4); single; random",
    )
    color_4: int = role_param(4, "fill of the fourth face class")
    line_width: float = param(
        0.0, range=(0.0, 0.05), doc="width of the lines along the edges", unit="design units"
    )


def _tetrakis_turn(f: Face) -> int:
    a0, a1 = corner(f, "A", square_kind)
    b = corner(f, "B", square_kind)[0]
    return direction(0.5 * (a0 + a1), b, 90.0)


def _square_parity(f: Face) -> int:
    b = corner(f, "B", square_kind)[0]
    return (math.floor(b[0]) + math.floor(b[1])) % 2


TETRAKIS = FaceTiling(
    (1.0, 1.0),
    lambda p: dual_faces("p4m", wythoff_point("p4m", "BC")),
    {
        "pinwheel": Coloring(
            lambda f: (_tetrakis_turn(f) + _square_parity(f)) % 2, classes=2, repeat=(2, 2)
        ),
        "two": Coloring(lambda f: _tetrakis_turn(f) % 2, classes=2),
        "four": Coloring(_tetrakis_turn, classes=4),
        "single": SINGLE,
        "random": RANDOM,
    },
)


@operator(
    "tiling.laves_tetrakis",
    kind="field",
    version=1,
    prepare=TETRAKIS.prepare,
    periods=TETRAKIS.periods,
    tags=_tags(
        "tetrakis square", "pinwheel", "quilt", "triangles", "hourglass", "风车", "三角形", "拼布"
    ),
    example_params={"repeats": 6, "color_1": 1, "color_2": 3},
)
def laves_tetrakis(p: TetrakisParams, call: Call) -> np.ndarray:
    """Tetrakis square tiling (dual of 4.8.8): squares cut by both diagonals.

    Right isosceles triangles, eight about every lattice point and four about
    every cell centre. ``pinwheel`` colours the two triangles on one diagonal
    alike and swaps them in alternate squares (the quilt block look); ``four``
    colours the four directions.

    References
    ----------
    Grünbaum & Shephard 1987, *Tilings and Patterns*, §2.7 (Laves tilings).
    """
    return TETRAKIS.draw(p, call)
