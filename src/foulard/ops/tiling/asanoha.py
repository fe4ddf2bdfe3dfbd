"""Asanoha 麻の葉 (hemp leaf): the edges of the triakis triangular tiling (dual of 3.12.12)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.params import param
from foulard.ops.registry import operator
from foulard.ops.tiling._facefield import Face
from foulard.ops.tiling._facetiling import Coloring, FaceTiling, FaceTilingParams
from foulard.ops.tiling._laves_marks import corner, direction
from foulard.ops.tiling._wythoff import GROUPS, dual_faces, wythoff_point
from foulard.ops.tiling.archimedean_hexagonal import points_down

if TYPE_CHECKING:
    from foulard.render.evaluate import Call


@dataclass(frozen=True)
class AsanohaParams(FaceTilingParams):
    repeats: int = param(
        6, range=(1, 96), doc="star centres across the unit square (sets the size)"
    )
    coloring: str = param(
        "lines",
        choices=("lines", "folded", "leaves", "triangles", "random"),
        doc="lines: one fill (the classic white lines on indigo); folded: the two halves of "
        "every leaf apart (a folded, 3-D star); leaves: leaves by direction (color_1..3); "
        "triangles: the big up and down triangles apart; random",
    )
    line_width: float = param(
        0.004, range=(0.0, 0.05), doc="width of the lines along the edges", unit="design units"
    )


# Light falls from one side, turned off every leaf axis (0, 60, 120 degrees).
_LIGHT = np.array([math.cos(math.radians(-105.0)), math.sin(math.radians(-105.0))])


def _leaf_side(f: Face) -> int:
    """1 for the half of a leaf facing the light, 0 for the half turned away."""
    a0, a1 = corner(f, "A")
    b = corner(f, "B")[0]
    return int(float((b - 0.5 * (a0 + a1)) @ _LIGHT) > 0.0)


def _leaf_turn(f: Face) -> int:
    a0, a1 = corner(f, "A")
    return direction(a0, a1, 60.0) % 3


ASANOHA = FaceTiling(
    GROUPS["p6m"].cell,
    lambda p: dual_faces("p6m", wythoff_point("p6m", "BC")),
    {
        "lines": Coloring(lambda f: 0),
        "folded": Coloring(_leaf_side, classes=2),
        "leaves": Coloring(_leaf_turn, classes=3),
        "triangles": Coloring(
            lambda f: points_down(Face(f.poly, corner(f, "B")[0], "B")), classes=2
        ),
        "random": Coloring(None, classes=3),
    },
)


@operator(
    "tiling.asanoha",
    kind="field",
    version=1,
    prepare=ASANOHA.prepare,
    periods=ASANOHA.periods,
    tags=(
        "tiling",
        "tessellation",
        "laves",
        "geometric",
        "镶嵌",
        "几何",
        "asanoha",
        "hemp leaf",
        "star",
        "wagara",
        "triakis triangular",
        "麻叶纹",
        "麻の葉",
        "麻叶",
        "和柄",
    ),
    example_params={
        "repeats": 6,
        "coloring": "folded",
        "color_1": 1,
        "color_2": 5,
        "line_color": 0,
        "line_width": 0.003,
    },
)
def asanoha(p: AsanohaParams, call: Call) -> np.ndarray:
    """Asanoha 麻の葉 (hemp leaf): the edge set of the triakis triangular tiling.

    The triakis triangular tiling (dual of 3.12.12) splits every triangle of the
    triangular lattice into three from its centre; its edges are the Japanese
    asanoha star, six diamond leaves radiating from every lattice point. Each leaf
    is two of the tiling's triangles back to back: ``folded`` colours the two
    halves apart, ``leaves`` colours leaves by direction; ``lines`` is the classic
    single-colour ground with lines.

    References
    ----------
    Grünbaum & Shephard 1987, *Tilings and Patterns*, §2.7 (Laves tilings).
    Dower 1992, *The Elements of Japanese Design*, Weatherhill (asanoha).
    """
    return ASANOHA.draw(p, call)
