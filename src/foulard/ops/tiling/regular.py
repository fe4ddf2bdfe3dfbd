"""The three regular tilings: squares (ichimatsu), hexagons (kikko) and triangles."""

from __future__ import annotations

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
    lattice_hex,
    role_param,
    rounded,
)
from foulard.ops.tiling._wythoff import GROUPS, uniform_faces, wythoff_point

if TYPE_CHECKING:
    from foulard.render.evaluate import Call


# -- square 4.4.4.4 ---------------------------------------------------------------


@dataclass(frozen=True)
class SquareParams(FaceTilingParams):
    repeats: int = param(
        8, range=(1, 96), doc="squares across the unit square (sets the edge length)"
    )
    coloring: str = param(
        "checker",
        choices=("checker", "knight", "rows", "single", "random"),
        doc="checker: (i + j) mod n (ichimatsu for n = 2); knight: (i + 2j) mod n; "
        "rows: j mod n; single: all color_1; random: each square one of n roles",
    )
    colors: int = param(2, range=(2, 4), doc="roles used by the colouring (n)")
    color_2: int = role_param(0, "fill of the second face class")
    color_4: int = role_param(4, "fill of the fourth face class")
    line_width: float = param(
        0.0, range=(0.0, 0.05), doc="width of the lines along the edges", unit="design units"
    )


def _square_faces(p) -> list[Face]:
    # Squares with their corners on the lattice: the design's edges run along edges.
    faces = uniform_faces("p4m", wythoff_point("p4m", "AB,BC"))
    return [f.moved(0.5, 0.5) for f in faces]


def _cell_index(face: Face) -> tuple[int, int]:
    return math.floor(face.centre[0]), math.floor(face.centre[1])


SQUARE = FaceTiling(
    (1.0, 1.0),
    _square_faces,
    {
        "checker": Coloring(
            lambda f, p: sum(_cell_index(f)) % p.colors,
            classes=lambda p: p.colors,
            repeat=lambda p: (p.colors, p.colors),
            uses_params=True,
        ),
        "knight": Coloring(
            lambda f, p: (_cell_index(f)[0] + 2 * _cell_index(f)[1]) % p.colors,
            classes=lambda p: p.colors,
            repeat=lambda p: (p.colors, p.colors),
            uses_params=True,
        ),
        "rows": Coloring(
            lambda f, p: _cell_index(f)[1] % p.colors,
            classes=lambda p: p.colors,
            repeat=lambda p: (1, p.colors),
            uses_params=True,
        ),
        "single": SINGLE,
        "random": Coloring(None, classes=lambda p: p.colors),
    },
)


@operator(
    "tiling.square",
    kind="field",
    version=1,
    prepare=SQUARE.prepare,
    periods=SQUARE.periods,
    tags=(
        "square",
        "checkerboard",
        "check",
        "ichimatsu",
        "grid",
        "tiles",
        "方格",
        "棋盘格",
        "市松",
        "格子",
    ),
    example_params={"repeats": 8, "color_1": 1, "color_2": 0, "line_width": 0.0},
)
def square(p: SquareParams, call: Call) -> np.ndarray:
    """Square tiling 4.4.4.4: the checkerboard (ichimatsu 市松) and its n-colourings.

    Squares of side ``1 / repeats`` with their edges along the design's edges. The
    colouring is a rule on the square's cell ``(i, j)``: ``checker`` ((i + j) mod n,
    no two squares sharing an edge alike; n = 2 is ichimatsu), ``knight``
    ((i + 2j) mod n, no two alike along a row or column for n >= 3), ``rows`` or
    ``random``. Lines along the edges, rounded corners and a second outline turn it
    into a tiled floor. ``rotation`` 45 gives the diagonal (diamond) check. Repeats
    exactly over ``n`` squares (the whole design for ``random``).

    References
    ----------
    Grünbaum & Shephard 1987, *Tilings and Patterns*, §2.1 (the regular tilings).
    """
    return SQUARE.draw(p, call)


# -- hexagonal 6.6.6 ----------------------------------------------------------------


@dataclass(frozen=True)
class HexagonalParams(FaceTilingParams):
    repeats: int = param(
        9, range=(1, 96), doc="hexagons across the unit square (sets the edge length)"
    )
    coloring: str = param(
        "three",
        choices=("three", "rows", "single", "random"),
        doc="three: the 3-colouring where no two neighbours match; rows: alternate rows; "
        "single: all color_1; random: each hexagon one of three roles",
    )


def _hex_index(face: Face) -> tuple[int, int]:
    a, b = lattice_hex(face.centre)
    return rounded(a), rounded(b)


HEXAGONAL = FaceTiling(
    GROUPS["p6m"].cell,
    lambda p: uniform_faces("p6m", wythoff_point("p6m", "AB,BC")),
    {
        "three": Coloring(
            lambda f: (_hex_index(f)[0] - _hex_index(f)[1]) % 3, classes=3, repeat=(3, 1)
        ),
        "rows": Coloring(lambda f: _hex_index(f)[1] % 2, classes=2),
        "single": SINGLE,
        "random": RANDOM,
    },
)


@operator(
    "tiling.hexagonal",
    kind="field",
    version=1,
    prepare=HEXAGONAL.prepare,
    periods=HEXAGONAL.periods,
    tags=(
        "hexagon",
        "honeycomb",
        "kikko",
        "tortoise shell",
        "hex grid",
        "六边形",
        "蜂窝",
        "龟背纹",
        "龟甲",
        "亀甲",
    ),
    example_params={
        "repeats": 9,
        "coloring": "single",
        "line_width": 0.004,
        "double_line": 0.005,
        "line_color": 3,
        "color_1": 1,
    },
)
def hexagonal(p: HexagonalParams, call: Call) -> np.ndarray:
    """Hexagonal tiling 6.6.6 (honeycomb), including the kikko 龟背 double outline.

    Regular hexagons whose centres form the triangular lattice with ``repeats``
    centres across the unit square (hexagons point up and down; ``sideways`` lays
    them on their sides). ``three`` gives each hexagon the colour (a - b) mod 3 of
    its lattice coordinates, so no two neighbours match; ``double_line`` draws the
    kikko (tortoise-shell) second outline inside each hexagon. Repeats exactly
    across the design when ``repeats`` is a multiple of 3 (the colouring's period);
    down it, rows are sqrt(3)/2 apart and repeat every sqrt(3) lattice units.

    References
    ----------
    Grünbaum & Shephard 1987, *Tilings and Patterns*, §2.1.
    Dower 1992, *The Elements of Japanese Design*, Weatherhill (kikko, the
    tortoise-shell pattern).
    """
    return HEXAGONAL.draw(p, call)


# -- triangular 3.3.3.3.3.3 ------------------------------------------------------------


@dataclass(frozen=True)
class TriangularParams(FaceTilingParams):
    repeats: int = param(
        9, range=(1, 96), doc="triangle edges across the unit square (sets the edge length)"
    )
    coloring: str = param(
        "three",
        choices=("two", "three", "single", "random"),
        doc="two: up and down triangles; three: three colours, no two neighbours alike "
        "(harlequin); single: all color_1; random: each triangle one of three roles",
    )


def _tri_index(face: Face) -> tuple[int, int, int]:
    """Lattice cell ``(i, j)`` of a triangle and whether it points down (1) or up (0)."""
    a, b = lattice_hex(face.centre)
    t = 1 if (a - math.floor(a)) > 0.5 else 0
    return math.floor(a), math.floor(b), t


TRIANGULAR = FaceTiling(
    GROUPS["p6m"].cell,
    lambda p: uniform_faces("p6m", wythoff_point("p6m", "AB,AC")),
    {
        "two": Coloring(lambda f: _tri_index(f)[2], classes=2),
        # Neighbours of (i, j, 0) are (i, j, 1), (i - 1, j, 1) and (i, j - 1, 1): with
        # weights (2, 2, 1) every pair differs by 1 or 2 (mod 3).
        "three": Coloring(
            lambda f: (2 * _tri_index(f)[0] + 2 * _tri_index(f)[1] + _tri_index(f)[2]) % 3,
            classes=3,
            repeat=(3, 3),
        ),
        "single": SINGLE,
        "random": RANDOM,
    },
)


@operator(
    "tiling.triangular",
    kind="field",
    version=1,
    prepare=TRIANGULAR.prepare,
    periods=TRIANGULAR.periods,
    tags=(
        "triangle",
        "triangles",
        "harlequin",
        "uroko",
        "scales",
        "三角",
        "三角形",
        "鳞纹",
        "鱗",
    ),
    example_params={"repeats": 9, "line_width": 0.0, "color_1": 1, "color_2": 3, "color_3": 0},
)
def triangular(p: TriangularParams, call: Call) -> np.ndarray:
    """Triangular tiling 3.3.3.3.3.3: equilateral triangles, 2- or 3-coloured.

    Triangles with their vertices on the triangular lattice (``repeats`` edges across
    the unit square). ``two`` colours up and down triangles (the uroko 鱗 scale
    pattern with two roles); ``three`` is a harlequin 3-colouring with no two
    triangles alike across an edge (it repeats over 3 x 3 basic cells).

    References
    ----------
    Grünbaum & Shephard 1987, *Tilings and Patterns*, §2.1.
    """
    return TRIANGULAR.draw(p, call)
