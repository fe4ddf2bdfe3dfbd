"""Substitution (rep-tile) tilings: chair, table, sphinx, half-hex, P-pentomino."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops.params import Params, param
from foulard.ops.registry import operator
from foulard.ops.tiling._aperiodic_patch import Patch, patch_drawing
from foulard.ops.tiling._rep_tiles import Rule, Tiles, lattice_map, random_window, supertile_classes

__all__ = ["RULES", "SubstitutionParams", "chair_substitution", "substitution_patch"]

_H = math.sqrt(3.0) / 2.0


def _rule(name, polygon, order, children, chiral):
    """A rep-4 rule: children ``(turn k of order, mirrored, t)`` in the doubled frame."""
    maps = tuple(lattice_map(order, k, m, t, 0.5) for k, m, t in children)
    return Rule(name, np.asarray(polygon, np.float64), maps, 2.0), chiral


# Each rule: the prototile and where its four children lie in the tile doubled in size
# (found by exact cover of the doubled tile's lattice cells, then checked by the tests).
RULES: dict[str, tuple[Rule, bool]] = dict(
    (
        (
            "chair",
            _rule(
                "chair",
                [(0, 0), (2, 0), (2, 1), (1, 1), (1, 2), (0, 2)],
                4,
                [(1, True, (0, 0)), (3, False, (0, 4)), (1, True, (1, 1)), (2, True, (4, 0))],
                chiral=False,
            ),
        ),
        (
            "table",
            _rule(
                "table",
                [(0, 0), (2, 0), (2, 1), (0, 1)],
                4,
                [(1, False, (1, 0)), (1, False, (4, 0)), (0, False, (1, 0)), (0, False, (1, 1))],
                chiral=False,
            ),
        ),
        (
            "sphinx",
            _rule(
                "sphinx",
                [(0, 0), (3, 0), (2.5, _H), (1.5, _H), (1, 2 * _H)],
                6,
                [
                    (3, True, (3, 0)),
                    (4, False, (2, 4 * _H)),
                    (0, True, (2, 2 * _H)),
                    (3, True, (6, 0)),
                ],
                chiral=True,
            ),
        ),
        (
            "half_hex",
            _rule(
                "half_hex",
                [(0, 0), (2, 0), (1.5, _H), (0.5, _H)],
                6,
                [
                    (4, False, (1, 2 * _H)),
                    (3, True, (3, 0)),
                    (3, False, (3, 2 * _H)),
                    (5, True, (3, 2 * _H)),
                ],
                chiral=False,
            ),
        ),
        (
            "p_pentomino",
            _rule(
                "p_pentomino",
                [(0, 0), (2, 0), (2, 2), (1, 2), (1, 3), (0, 3)],
                4,
                [(0, False, (0, 0)), (0, True, (0, 6)), (3, False, (1, 4)), (2, True, (4, 0))],
                chiral=True,
            ),
        ),
    )
)


@dataclass(frozen=True)
class SubstitutionParams(Params):
    rule: str = param(
        "chair",
        choices=tuple(RULES),
        doc="the rep-tile: chair (L-tromino), table (domino), sphinx, half-hex, P-pentomino",
    )
    tile_size: float = param(
        0.05, range=(0.012, 0.25), doc="unit of the prototile (a cell or edge)", unit="design units"
    )
    rotation: float = param(
        0.0, range=(-180.0, 180.0), doc="clockwise turn of the tiling", unit="degrees"
    )
    coloring: str = param(
        "orientation",
        choices=("orientation", "child", "parent", "random"),
        doc="by the tile's direction; by its place in its supertile (or the supertile's); random",
    )
    colors: int = param(4, range=(1, 8), doc="palette roles used, from first_color on")
    first_color: int = param(1, range=(0, 47), doc="palette role of the first colour class")
    line_width: float = param(
        0.003, range=(0.0, 0.012), doc="width of the grout lines", unit="design units"
    )
    line_color: int = param(0, range=(0, 47), doc="palette role of the grout lines")


def orientation_classes(polys: np.ndarray, dets: np.ndarray, chiral: bool) -> np.ndarray:
    """Tiles of one direction (and, for chiral tiles, one hand) share a class.

    The direction is that from the mean of the corners to the centre of area,
    which follows the tile and ignores its own symmetries; for a centrally
    symmetric tile (the domino) it is the long edge's direction instead.
    """
    x, y = polys[..., 0], polys[..., 1]
    xn, yn = np.roll(x, -1, axis=1), np.roll(y, -1, axis=1)
    cross = x * yn - xn * y
    area = cross.sum(axis=1) / 2.0
    cx = ((x + xn) * cross).sum(axis=1) / (6.0 * area)
    cy = ((y + yn) * cross).sum(axis=1) / (6.0 * area)
    vx, vy = cx - x.mean(axis=1), cy - y.mean(axis=1)
    ang = np.degrees(np.arctan2(vy, vx))
    flat = np.hypot(vx, vy) < 1e-6 * np.sqrt(np.abs(area))
    if flat.any():
        ex, ey = xn - x, yn - y
        longest = np.argmax(np.hypot(ex, ey), axis=1)
        rows = np.arange(len(polys))
        ang = np.where(
            flat, np.degrees(np.arctan2(ey[rows, longest], ex[rows, longest])) % 180.0, ang
        )
    key = np.rint(ang / 15.0).astype(np.int64) % 24
    if chiral:
        key = key * 2 + (dets < 0)
    _, classes = np.unique(key, return_inverse=True)
    return classes.ravel()


def substitution_patch(p: SubstitutionParams, rng: np.random.Generator) -> tuple[Patch, Tiles]:
    """The tiles (design units) covering the design, with their colour classes."""
    rule, chiral = RULES[p.rule]
    polys, tiles = random_window(
        rule, rng, tile_size=p.tile_size, line_width=p.line_width, rotation=p.rotation, wander=3.0
    )
    if p.coloring == "orientation":
        classes = orientation_classes(polys, np.linalg.det(tiles.a), chiral)
    else:
        classes = supertile_classes(p.coloring, tiles, p.colors, rng)
    kinds = np.zeros(len(polys), np.int64)
    return Patch(polys, kinds, classes), tiles


@operator(
    "tiling.chair_substitution",
    kind="vector",
    version=1,
    tags=(
        "substitution",
        "rep-tile",
        "chair",
        "sphinx",
        "L-tromino",
        "aperiodic",
        "自相似",
        "椅子镶嵌",
    ),
)
def chair_substitution(
    p: SubstitutionParams, rng: np.random.Generator, palette: Palette
) -> Drawing:
    """Substitution tilings of one rep-tile: chair, table, sphinx, half-hex, P-pentomino.

    A rep-4 tile splits into four copies of itself at half the size; applying the
    split over and over to one huge tile gives a tiling of the plane whose order
    is hierarchical, not periodic (for the chair, sphinx and P-pentomino). The
    rules are data (``rule``): chair = L-tromino; table = domino (two upright, two
    flat); sphinx hexiamond; half-hex trapezoid; P-pentomino. The seed picks the
    window. Colourings: by tile direction (chair: four), by the tile's place in its
    supertile (``child``) or the supertile's place in its own (``parent``), or at
    random; class ``k`` takes palette role ``first_color + k mod colors``.

    References
    ----------
    Golomb 1964, "Replicating figures in the plane", *Math. Gazette* 48; Robinson
    1999, "The dynamical theory of tilings and quasicrystallography" (the chair);
    Frettlöh, Harriss & Gähler, *Tilings Encyclopedia*,
    tilings.math.uni-bielefeld.de (chair, table, sphinx, half-hex); Grünbaum &
    Shephard 1987, *Tilings and Patterns*, §10.1.
    """
    patch, _ = substitution_patch(p, rng)
    roles = p.first_color + (patch.classes % p.colors)
    return patch_drawing(patch, roles, palette, line_role=p.line_color, line_width=p.line_width)
