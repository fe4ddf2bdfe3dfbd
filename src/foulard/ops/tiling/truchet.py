"""Truchet tiles on the square grid: Truchet's split squares and Smith's quarter arcs."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.channels import opaque
from foulard.ops._common.chunks import chunked
from foulard.ops.params import Params, param
from foulard.ops.registry import operator
from foulard.ops.tiling._facetiling import role_param
from foulard.ops.tiling._truchet_grid import SquareGrid, across_edges

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

_SQRT_HALF = math.sqrt(0.5)

# Fixed arrangements: the dark corner of each cell of a 2 x 2 block, indexed [j % 2][i % 2];
# corners are numbered 0 top left, 1 top right, 2 bottom right, 3 bottom left.
_BLOCKS = {
    "pinwheel": ((2, 3), (1, 0)),
    "diamonds": ((3, 0), (2, 1)),
    "zigzag": ((0, 1), (0, 1)),
    "stripes": ((0, 0), (0, 0)),
}


def _tags(*words: str) -> tuple[str, ...]:
    return ("truchet", "tiles", "geometric", "特鲁谢", "瓷砖", "几何", *words)


# -- Truchet's triangles ------------------------------------------------------------------


@dataclass(frozen=True)
class TruchetTrianglesParams(Params):
    repeats: int = param(12, range=(1, 128), doc="tiles across the unit square")
    rotation: float = param(
        0.0, range=(-180.0, 180.0), doc="turn of the grid about the design's centre", unit="degrees"
    )
    arrangement: str = param(
        "random",
        choices=("random", "diamonds", "pinwheel", "zigzag", "stripes"),
        doc="random tiles, or one of Truchet's regular 2 x 2 arrangements",
    )
    bias: float = param(
        0.5, range=(0.0, 1.0), doc="share of random tiles cut along / (the rest along \\)"
    )
    mode: str = param(
        "triangles",
        choices=("triangles", "maze"),
        doc="triangles: each square split into two colours; maze: only the diagonals, "
        "drawn as lines (the '10 PRINT' maze)",
    )
    line_width: float = param(
        0.004, range=(0.0005, 0.05), doc="width of the maze lines", unit="design units"
    )
    color_1: int = role_param(1, "the dark halves, or the maze lines")
    color_2: int = role_param(0, "the light halves, or the maze ground")


def _triangles_prepare(p: TruchetTrianglesParams, rng: np.random.Generator) -> np.ndarray:
    if p.arrangement != "random":
        return np.array(_BLOCKS[p.arrangement], np.int64).T  # [i % 2, j % 2]
    n = p.repeats
    slash = rng.random((n, n)) < p.bias
    side = rng.integers(0, 2, (n, n))
    return np.where(slash, 2 * side, 2 * side + 1)


def _triangle_grid(p: TruchetTrianglesParams) -> SquareGrid:
    return SquareGrid(p.repeats, p.rotation, 1 if p.arrangement in ("random", "stripes") else 2)


def _corner_side(o: np.ndarray, fx: np.ndarray, fy: np.ndarray) -> np.ndarray:
    """Signed distance (cell units) to the diagonal, positive on the dark corner's side."""
    back = o % 2 == 1  # corners 1 and 3: the diagonal runs top left to bottom right
    sd = np.where(back, fy - fx, 1.0 - fx - fy) * _SQRT_HALF
    return np.where((o == 1) | (o == 2), -sd, sd) * np.where(back, -1.0, 1.0)


@operator(
    "tiling.truchet_triangles",
    kind="field",
    version=1,
    prepare=_triangles_prepare,
    periods=lambda p: _triangle_grid(p).periods(),
    tags=_tags("truchet triangles", "split square", "10 print", "maze", "迷宫", "三角"),
    example_params={"repeats": 12, "arrangement": "random", "color_1": 1, "color_2": 3},
)
def truchet_triangles(p: TruchetTrianglesParams, call: Call) -> np.ndarray:
    """Truchet's tiles: squares split on a diagonal into a dark and a light half.

    Each cell takes one of the four turns of the split square (its dark corner):
    at random (``bias`` weighs the two diagonals) or in one of Truchet's regular
    2 x 2 arrangements (diamonds, pinwheel, zigzag, stripes). ``maze`` draws only
    the diagonals as lines, the '10 PRINT' maze. Every edge, within and between
    cells, is box-filtered over the pixel. A random grid repeats over the unit square.

    References
    ----------
    Truchet 1704, "Mémoire sur les combinaisons", *Mémoires de l'Académie Royale
    des Sciences*, pp. 363-372.
    Smith & Boucher 1987, "The tiling patterns of Sebastien Truchet and the topology
    of structural hierarchy", *Leonardo* 20(4), 373-385.
    Montfort et al. 2012, *10 PRINT CHR$(205.5+RND(1)); : GOTO 10*, MIT Press.
    """
    grid = _triangle_grid(p)
    table = call.state
    tn = table.shape[0]
    fp = max(call.footprint, 1e-12) * grid.repeats
    dark = np.array(call.palette.role(p.color_1))
    light = np.array(call.palette.role(p.color_2))
    half = 0.5 * p.line_width * grid.repeats

    def cell(i, j, fx, fy):
        o = table[i % tn, j % tn]
        sd = _corner_side(o, fx, fy)
        if p.mode == "maze":
            cov = np.clip(0.5 - (np.abs(sd) - half) / fp, 0.0, 1.0)
        else:
            cov = np.clip(0.5 + sd / fp, 0.0, 1.0)
        return opaque(cov[:, None] * dark + (1.0 - cov[:, None]) * light)

    def kernel(x, y):
        return across_edges(cell, *grid.local(x, y), fp, grid.cells)

    return chunked(kernel, call.x, call.y, 4)


# -- Smith's arcs ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TruchetArcsParams(Params):
    repeats: int = param(10, range=(1, 128), doc="tiles across the unit square")
    rotation: float = param(
        0.0, range=(-180.0, 180.0), doc="turn of the grid about the design's centre", unit="degrees"
    )
    arrangement: str = param(
        "random",
        choices=("random", "alternate", "same"),
        doc="random turns; alternate: turns on a checkerboard (rings of circles); "
        "same: every tile alike (waves)",
    )
    bias: float = param(0.5, range=(0.0, 1.0), doc="share of random tiles in the first turn")
    style: str = param(
        "both",
        choices=("both", "fill", "lines"),
        doc="fill: the two-colourable domains; lines: the arcs alone on color_2; both",
    )
    line_width: float = param(
        0.004, range=(0.0, 0.05), doc="width of the arcs", unit="design units"
    )
    line_color: int = role_param(0, "colour of the arcs")
    color_1: int = role_param(1, "fill of the domains of one colour")
    color_2: int = role_param(2, "fill of the other domains (the ground of lines)")


def _arcs_prepare(p: TruchetArcsParams, rng: np.random.Generator) -> np.ndarray:
    n = p.repeats
    if p.arrangement == "alternate":
        i, j = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
        return (i + j) % 2
    if p.arrangement == "same":
        return np.zeros((n, n), np.int64)
    return (rng.random((n, n)) >= p.bias).astype(np.int64)


def _arc_grid(p: TruchetArcsParams) -> SquareGrid:
    # The domain colours follow the parity of the grid corners: blocks of 2 cells.
    return SquareGrid(p.repeats, p.rotation, 2)


def arc_regions(o, i, j, fx, fy):
    """Distance to the nearest arc (cell units) and the colour class of the domain.

    Turn 0 has quarter arcs of radius 1/2 about the corners (0, 0) and (1, 1), turn
    1 about (1, 0) and (0, 1). A domain holds grid corners of one parity only (the
    arcs separate each corner from its neighbours), so its class is that parity.
    """
    c1x = np.where(o == 0, 0.0, 1.0)
    c2x = 1.0 - c1x
    d1 = np.hypot(fx - c1x, fy) - 0.5
    d2 = np.hypot(fx - c2x, fy - 1.0) - 0.5
    # The corner in the point's domain: an arc's centre, or a corner of the middle band.
    vx = np.where(d1 < 0, c1x, np.where(d2 < 0, c2x, 1.0 - c1x))
    vy = np.where(d1 < 0, 0.0, np.where(d2 < 0, 1.0, 0.0))
    cls = (i + j + vx.astype(np.int64) + vy.astype(np.int64)) % 2
    return np.minimum(np.abs(d1), np.abs(d2)), cls


@operator(
    "tiling.truchet_arcs",
    kind="field",
    version=1,
    prepare=_arcs_prepare,
    periods=lambda p: _arc_grid(p).periods(),
    tags=_tags("truchet arcs", "smith tiles", "curves", "loops", "labyrinth", "圆弧", "曲线"),
    example_params={"repeats": 10, "color_1": 1, "color_2": 4, "line_color": 0},
)
def truchet_arcs(p: TruchetArcsParams, call: Call) -> np.ndarray:
    """Smith's Truchet tiles: quarter arcs joining edge midpoints into continuous curves.

    Each square holds two quarter circles of radius 1/2 about opposite corners, in
    one of two turns (random with ``bias``, alternating, or all alike). The arcs
    meet the edges at their midpoints, at right angles, so they join across cells
    into closed loops and endless curves, and the domains between them are
    two-coloured by the parity of the grid corners they hold. Distances to the arcs
    are exact, so lines and domain edges are box-filtered at any resolution.

    References
    ----------
    Smith & Boucher 1987, "The tiling patterns of Sebastien Truchet and the topology
    of structural hierarchy", *Leonardo* 20(4), 373-385.
    """
    grid = _arc_grid(p)
    table = call.state
    tn = table.shape[0]
    fp = max(call.footprint, 1e-12) * grid.repeats
    fills = np.array([call.palette.role(p.color_1), call.palette.role(p.color_2)])
    ink = np.array(call.palette.role(p.line_color))
    half = 0.5 * p.line_width * grid.repeats

    def kernel(x, y):
        i, j, fx, fy = grid.local(x, y)
        t, cls = arc_regions(table[i % tn, j % tn], i, j, fx, fy)
        if p.style == "lines":
            rgb = np.broadcast_to(fills[1], (i.size, 3))
        else:
            own = np.clip(0.5 + t / fp, 0.0, 1.0)[:, None]
            rgb = own * fills[cls] + (1.0 - own) * fills[1 - cls]
        if p.style != "fill" and p.line_width > 0.0:
            line = np.clip(0.5 - (t - half) / fp, 0.0, 1.0)[:, None]
            rgb = (1.0 - line) * rgb + line * ink
        return opaque(rgb)

    return chunked(kernel, call.x, call.y, 4)
