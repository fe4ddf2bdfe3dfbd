"""Archimedean tilings of hexagonal symmetry: 3.6.3.6, 3.4.6.4, 3.12.12, 4.6.12, 3.3.3.3.6.

All five come from Wythoff's kaleidoscope ``p6m`` (the snub from its rotation
half ``p6``): a generator point in the 30-60-90 chamber, copied by the mirrors,
gives the vertices; the faces are the polygons of copies around the chamber's
corners (:mod:`foulard.ops.tiling._wythoff`). Lattice units: neighbouring
hexagon centres are 1 apart; ``repeats`` of them span the unit square across.
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
    lattice_hex,
    tiling_tags,
)
from foulard.ops.tiling._wythoff import GROUPS, snub_faces, snub_point, uniform_faces, wythoff_point

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

_tags = functools.partial(tiling_tags, "archimedean")

CELL = GROUPS["p6m"].cell


def points_down(face: Face) -> int:
    """1 for a face on the lattice's second 3-fold centre (a down triangle), else 0."""
    a, _ = lattice_hex(face.centre)
    return 1 if a - math.floor(a) > 0.5 else 0


def _kind_or_turn(kind: str, turned: int, other: int) -> Coloring:
    return Coloring(lambda f: (turned + points_down(f)) if f.kind == kind else other, classes=3)


# -- trihexagonal 3.6.3.6 -------------------------------------------------------------


@dataclass(frozen=True)
class TrihexagonalParams(FaceTilingParams):
    coloring: str = param(
        "three",
        choices=("two", "three", "single", "random"),
        doc="two: hexagons color_1, triangles color_2; three: up and down triangles apart "
        "(color_2, color_3); single: all color_1; random: each face one of three roles",
    )


TRIHEXAGONAL = FaceTiling(
    CELL,
    lambda p: uniform_faces("p6m", wythoff_point("p6m", "AC,BC")),
    {
        "two": by_kind(A=0, B=1),
        "three": _kind_or_turn("B", 1, 0),
        "single": SINGLE,
        "random": RANDOM,
    },
)


@operator(
    "tiling.trihexagonal",
    kind="field",
    version=1,
    prepare=TRIHEXAGONAL.prepare,
    periods=TRIHEXAGONAL.periods,
    tags=_tags("trihexagonal", "kagome", "basket weave", "star", "笼目", "籠目", "竹编"),
    example_params={"repeats": 6, "line_width": 0.004, "color_1": 1, "color_2": 3, "color_3": 2},
)
def trihexagonal(p: TrihexagonalParams, call: Call) -> np.ndarray:
    """Trihexagonal tiling 3.6.3.6 (kagome 籠目): hexagons ringed by triangles.

    Every vertex meets triangle, hexagon, triangle, hexagon; the edges form the
    straight lines of the kagome basket weave. Hexagon centres lie on the
    triangular lattice, ``repeats`` across the unit square (edge ``1 / (2 repeats)``).
    ``three`` colours the up and down triangles apart.

    References
    ----------
    Grünbaum & Shephard 1987, *Tilings and Patterns*, §2.1 (Archimedean tilings)
    and §2.7 (Wythoff's construction).
    Mekata 2003, "Kagome: the story of the basketweave lattice", *Physics Today* 56(2).
    """
    return TRIHEXAGONAL.draw(p, call)


# -- rhombitrihexagonal 3.4.6.4 ---------------------------------------------------------


@dataclass(frozen=True)
class RhombitrihexagonalParams(FaceTilingParams):
    repeats: int = param(
        6, range=(1, 96), doc="hexagons across the unit square (sets the edge length)"
    )
    coloring: str = param(
        "three",
        choices=("three", "two", "single", "random"),
        doc="three: hexagons, squares, triangles (color_1..3); two: squares color_2, the "
        "rest color_1; single: all color_1; random: each face one of three roles",
    )


RHOMBITRIHEXAGONAL = FaceTiling(
    CELL,
    lambda p: uniform_faces("p6m", wythoff_point("p6m", "AB")),
    {
        "three": by_kind(A=0, C=1, B=2),
        "two": by_kind(A=0, C=1, B=0),
        "single": SINGLE,
        "random": RANDOM,
    },
)


@operator(
    "tiling.rhombitrihexagonal",
    kind="field",
    version=1,
    prepare=RHOMBITRIHEXAGONAL.prepare,
    periods=RHOMBITRIHEXAGONAL.periods,
    tags=_tags("rhombitrihexagonal", "moorish", "hexagon and square", "摩尔", "六边形与方形"),
    example_params={"repeats": 6, "line_width": 0.003, "color_1": 2, "color_2": 0, "color_3": 1},
)
def rhombitrihexagonal(p: RhombitrihexagonalParams, call: Call) -> np.ndarray:
    """Rhombitrihexagonal tiling 3.4.6.4: hexagons, squares and triangles ("Moorish").

    Each hexagon is ringed by six squares, with a triangle in every gap; every
    vertex meets triangle, square, hexagon, square. All edges are equal
    (``1 / ((1 + sqrt 3) repeats)`` for ``repeats`` hexagons across).

    References
    ----------
    Grünbaum & Shephard 1987, *Tilings and Patterns*, §2.1 (Archimedean tilings)
    and §2.7 (Wythoff's construction).
    """
    return RHOMBITRIHEXAGONAL.draw(p, call)


# -- truncated hexagonal 3.12.12 ----------------------------------------------------------


@dataclass(frozen=True)
class TruncatedHexagonalParams(FaceTilingParams):
    repeats: int = param(
        7, range=(1, 96), doc="dodecagons across the unit square (sets the edge length)"
    )
    coloring: str = param(
        "two",
        choices=("two", "three", "single", "random"),
        doc="two: dodecagons color_1, triangles color_2; three: up and down triangles apart "
        "(color_2, color_3); single: all color_1; random: each face one of three roles",
    )


TRUNCATED_HEXAGONAL = FaceTiling(
    CELL,
    lambda p: uniform_faces("p6m", wythoff_point("p6m", "BC")),
    {
        "two": by_kind(A=0, B=1),
        "three": _kind_or_turn("B", 1, 0),
        "single": SINGLE,
        "random": RANDOM,
    },
)


@operator(
    "tiling.truncated_hexagonal",
    kind="field",
    version=1,
    prepare=TRUNCATED_HEXAGONAL.prepare,
    periods=TRUNCATED_HEXAGONAL.periods,
    tags=_tags("truncated hexagonal", "dodecagon", "十二边形", "截角六边形"),
    example_params={
        "repeats": 7,
        "line_width": 0.004,
        "corner_radius": 0.004,
        "color_1": 1,
        "color_2": 3,
        "line_color": 0,
    },
)
def truncated_hexagonal(p: TruncatedHexagonalParams, call: Call) -> np.ndarray:
    """Truncated hexagonal tiling 3.12.12: dodecagons with triangles between them.

    The hexagonal tiling with every corner cut off: each vertex meets a triangle
    and two regular dodecagons. Dodecagon centres form the triangular lattice,
    ``repeats`` across the unit square.

    References
    ----------
    Grünbaum & Shephard 1987, *Tilings and Patterns*, §2.1 (Archimedean tilings)
    and §2.7 (Wythoff's construction).
    """
    return TRUNCATED_HEXAGONAL.draw(p, call)


# -- truncated trihexagonal 4.6.12 ------------------------------------------------------


@dataclass(frozen=True)
class TruncatedTrihexagonalParams(FaceTilingParams):
    repeats: int = param(
        5, range=(1, 96), doc="dodecagons across the unit square (sets the edge length)"
    )
    coloring: str = param(
        "three",
        choices=("three", "two", "single", "random"),
        doc="three: dodecagons, hexagons, squares (color_1..3); two: squares color_2, the "
        "rest color_1; single: all color_1; random: each face one of three roles",
    )


TRUNCATED_TRIHEXAGONAL = FaceTiling(
    CELL,
    lambda p: uniform_faces("p6m", wythoff_point("p6m", "")),
    {
        "three": by_kind(A=0, B=1, C=2),
        "two": by_kind(A=0, B=0, C=1),
        "single": SINGLE,
        "random": RANDOM,
    },
)


@operator(
    "tiling.truncated_trihexagonal",
    kind="field",
    version=1,
    prepare=TRUNCATED_TRIHEXAGONAL.prepare,
    periods=TRUNCATED_TRIHEXAGONAL.periods,
    tags=_tags("truncated trihexagonal", "dodecagon", "hexagon", "十二边形", "六边形"),
    example_params={"repeats": 5, "line_width": 0.003, "color_1": 1, "color_2": 3, "color_3": 0},
)
def truncated_trihexagonal(p: TruncatedTrihexagonalParams, call: Call) -> np.ndarray:
    """Truncated trihexagonal tiling 4.6.12: dodecagons, hexagons and squares.

    The omnitruncation of the hexagonal tiling: every vertex meets a square, a
    hexagon and a dodecagon, one of each kind of corner of the p6m kaleidoscope.

    References
    ----------
    Grünbaum & Shephard 1987, *Tilings and Patterns*, §2.1 (Archimedean tilings)
    and §2.7 (Wythoff's construction).
    """
    return TRUNCATED_TRIHEXAGONAL.draw(p, call)


# -- snub trihexagonal 3.3.3.3.6 -----------------------------------------------------------


@dataclass(frozen=True)
class SnubTrihexagonalParams(FaceTilingParams):
    repeats: int = param(
        5, range=(1, 96), doc="hexagons across the unit square (sets the edge length)"
    )
    coloring: str = param(
        "three",
        choices=("three", "two", "single", "random"),
        doc="three: hexagons, triangles around 3-fold centres, the other triangles "
        "(color_1..3); two: hexagons and triangles; single; random: one of three roles",
    )
    hand: str = param(
        "right", choices=("right", "left"), doc="chirality: the tiling or its mirror image"
    )


SNUB_TRIHEXAGONAL = FaceTiling(
    CELL,
    lambda p: snub_faces("p6m", snub_point("p6m"), hand=0 if p.hand == "right" else 1),
    {
        "three": by_kind(A=0, B=1, S=2),
        "two": by_kind(A=0, B=1, S=1),
        "single": SINGLE,
        "random": RANDOM,
    },
    shape_key=lambda p: p.hand,
)


@operator(
    "tiling.snub_trihexagonal",
    kind="field",
    version=1,
    prepare=SNUB_TRIHEXAGONAL.prepare,
    periods=SNUB_TRIHEXAGONAL.periods,
    tags=_tags("snub trihexagonal", "chiral", "pinwheel", "扭棱", "风车", "手性"),
    example_params={"repeats": 5, "line_width": 0.003, "color_1": 2, "color_2": 3, "color_3": 0},
)
def snub_trihexagonal(p: SnubTrihexagonalParams, call: Call) -> np.ndarray:
    """Snub trihexagonal tiling 3.3.3.3.6: hexagons in a chiral swirl of triangles.

    The alternation of the truncated trihexagonal tiling: keeping the vertices of
    one handedness of p6m chambers halves the dodecagons into hexagons and turns
    every dropped chamber into a triangle. The generator is placed so that all
    edges are equal (edge = lattice spacing / sqrt 7). ``hand`` picks the tiling or
    its mirror image (it has rotations only, group p6).

    References
    ----------
    Grünbaum & Shephard 1987, *Tilings and Patterns*, §2.1 (Archimedean tilings)
    and §2.7 (Wythoff's construction).
    Coxeter 1973, *Regular Polytopes*, §8.1 (snub polyhedra by alternation).
    """
    return SNUB_TRIHEXAGONAL.draw(p, call)
