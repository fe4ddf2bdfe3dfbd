"""Archimedean tilings on square lattices: 4.8.8, 3.3.4.3.4 and 3.3.3.4.4.

The truncated square and snub square tilings come from Wythoff's kaleidoscope
``p4m`` (the snub from its alternation, group ``p4g``); the elongated triangular
tiling is not Wythoffian and is built row by row. Lattice units: one square
lattice cell is 1 across; ``repeats`` cells span the unit square.
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
    by_kind,
    tiling_tags,
)
from foulard.ops.tiling._wythoff import snub_faces, snub_point, uniform_faces, wythoff_point

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

_tags = functools.partial(tiling_tags, "archimedean")

_SQ3 = math.sqrt(3.0)


# -- truncated square 4.8.8 --------------------------------------------------------------


@dataclass(frozen=True)
class TruncatedSquareParams(FaceTilingParams):
    coloring: str = param(
        "two",
        choices=("two", "checker", "single", "random"),
        doc="two: octagons color_1, squares color_2; checker: octagons alternate color_1 "
        "and color_3, squares color_2; single: all color_1; random: one of three roles",
    )


def _octagon_parity(face: Face) -> int:
    return (round(face.centre[0]) + round(face.centre[1])) % 2


TRUNCATED_SQUARE = FaceTiling(
    (1.0, 1.0),
    lambda p: uniform_faces("p4m", wythoff_point("p4m", "BC")),
    {
        "two": by_kind(A=0, B=1),
        "checker": Coloring(
            lambda f: 1 if f.kind == "B" else 2 * _octagon_parity(f), classes=3, repeat=(2, 2)
        ),
        "single": SINGLE,
        "random": RANDOM,
    },
)


@operator(
    "tiling.truncated_square",
    kind="field",
    version=1,
    prepare=TRUNCATED_SQUARE.prepare,
    periods=TRUNCATED_SQUARE.periods,
    tags=_tags("truncated square", "octagon", "octagon and dot", "floor", "八边形", "八角", "地砖"),
    example_params={"repeats": 8, "line_width": 0.003, "color_1": 0, "color_2": 1, "line_color": 1},
)
def truncated_square(p: TruncatedSquareParams, call: Call) -> np.ndarray:
    """Truncated square tiling 4.8.8: octagons with small squares ("octagon and dot").

    The square tiling with its corners cut off: every vertex meets a square and two
    regular octagons. Octagon centres form the square lattice, ``repeats`` across
    the unit square; the squares sit at the lattice cell corners, turned 45 degrees.

    References
    ----------
    Grünbaum & Shephard 1987, *Tilings and Patterns*, §2.1 (Archimedean tilings)
    and §2.7 (Wythoff's construction).
    """
    return TRUNCATED_SQUARE.draw(p, call)


# -- snub square 3.3.4.3.4 ---------------------------------------------------------------------


@dataclass(frozen=True)
class SnubSquareParams(FaceTilingParams):
    coloring: str = param(
        "three",
        choices=("three", "two", "single", "random"),
        doc="three: squares of the two turns (color_1, color_2) and triangles (color_3); "
        "two: squares and triangles; single: all color_1; random: one of three roles",
    )


SNUB_SQUARE = FaceTiling(
    (1.0, 1.0),
    lambda p: snub_faces("p4m", snub_point("p4m")),
    {
        "three": by_kind(A=0, B=1, S=2),
        "two": by_kind(A=0, B=0, S=1),
        "single": SINGLE,
        "random": RANDOM,
    },
)


@operator(
    "tiling.snub_square",
    kind="field",
    version=1,
    prepare=SNUB_SQUARE.prepare,
    periods=SNUB_SQUARE.periods,
    tags=_tags("snub square", "square and triangle", "扭棱正方形", "方形与三角形"),
    example_params={"repeats": 6, "line_width": 0.003, "color_1": 1, "color_2": 4, "color_3": 0},
)
def snub_square(p: SnubSquareParams, call: Call) -> np.ndarray:
    """Snub square tiling 3.3.4.3.4: squares turned both ways, with triangles between.

    The alternation of the truncated square tiling (group p4g): squares centred on
    the lattice points and on the cell corners, turned against each other, with
    pairs of equilateral triangles between them. The generator makes all edges
    equal (edge = lattice spacing x sqrt(2 - sqrt 3)).

    References
    ----------
    Grünbaum & Shephard 1987, *Tilings and Patterns*, §2.1 (Archimedean tilings)
    and §2.7 (Wythoff's construction).
    Coxeter 1973, *Regular Polytopes*, §8.1 (snubs by alternation).
    """
    return SNUB_SQUARE.draw(p, call)


# -- elongated triangular 3.3.3.4.4 -------------------------------------------------------------


@dataclass(frozen=True)
class ElongatedTriangularParams(FaceTilingParams):
    coloring: str = param(
        "three",
        choices=("three", "two", "single", "random"),
        doc="three: squares, up and down triangles (color_1..3); two: squares and "
        "triangles; single: all color_1; random: each face one of three roles",
    )


ELONGATED_CELL = (1.0, 2.0 + _SQ3)


def elongated_faces(p=None) -> list[Face]:
    """Rows of unit squares between strips of triangles, every other pair shifted by 1/2.

    One cell (1 x (2 + sqrt 3)) holds a square row, a triangle strip, a square row
    shifted by half an edge and a second strip.
    """
    h = 0.5 * _SQ3
    faces = []
    for rep in range(-2, 3):
        y0 = rep * ELONGATED_CELL[1]
        for half, (ys, yt) in enumerate(((y0, y0 + 1.0), (y0 + 1.0 + h, y0 + 2.0 + h))):
            shift = 0.5 * half
            for k in range(-3, 5):
                x = k + shift
                sq = np.array([[x, ys], [x + 1, ys], [x + 1, ys + 1], [x, ys + 1]])
                faces.append(Face(sq, sq.mean(axis=0), "Q"))
                # The strip below: bases on the square row's lower edge (y = yt), apexes
                # half an edge along on the next row's upper edge (y = yt + h).
                up = np.array([[x, yt], [x + 1, yt], [x + 0.5, yt + h]])
                dn = np.array([[x + 0.5, yt + h], [x + 1, yt], [x + 1.5, yt + h]])
                faces.append(Face(up, up.mean(axis=0), "U"))
                faces.append(Face(dn, dn.mean(axis=0), "D"))
    return faces


ELONGATED = FaceTiling(
    ELONGATED_CELL,
    elongated_faces,
    {
        "three": by_kind(Q=0, U=1, D=2),
        "two": by_kind(Q=0, U=1, D=1),
        "single": SINGLE,
        "random": RANDOM,
    },
)


@operator(
    "tiling.elongated_triangular",
    kind="field",
    version=1,
    prepare=ELONGATED.prepare,
    periods=ELONGATED.periods,
    tags=_tags("elongated triangular", "rows", "squares and triangles", "伸长三角形", "条纹"),
    example_params={"repeats": 10, "line_width": 0.003, "color_1": 1, "color_2": 3, "color_3": 2},
)
def elongated_triangular(p: ElongatedTriangularParams, call: Call) -> np.ndarray:
    """Elongated triangular tiling 3.3.3.4.4: rows of squares between triangle strips.

    Every vertex meets three triangles and two squares. Square rows alternate with
    strips of triangles, and each square row is shifted half an edge from the one
    before (group cmm). ``repeats`` unit edges span the unit square across; it
    repeats down every ``2 + sqrt 3`` edges.

    References
    ----------
    Grünbaum & Shephard 1987, *Tilings and Patterns*, §2.1 (Archimedean tilings).
    """
    return ELONGATED.draw(p, call)
