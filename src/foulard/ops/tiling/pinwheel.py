"""Conway-Radin pinwheel tiling: 1:2 right triangles in infinitely many directions."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops.params import Params, param
from foulard.ops.registry import operator
from foulard.ops.tiling._aperiodic_patch import Patch, patch_drawing
from foulard.ops.tiling._rep_tiles import Rule, Tiles, random_window, similarity, supertile_classes

__all__ = ["PINWHEEL", "PinwheelParams", "pinwheel", "pinwheel_patch"]


def _pinwheel_rule() -> Rule:
    """The triangle (right angle R, short leg to S, long leg to L) and its five children.

    With R = (0, 0), S = (0, 1), L = (2, 0): the altitude from R meets the hypotenuse
    at F = (0.4, 0.8), cutting off the child at S; the rest is cut at the long leg's
    midpoint M = (1, 0), the point G = (0.2, 0.4) on RF and H = (1.2, 0.4) on FL
    into four more, two of them turned by ``arctan(1/2)`` against the others (the
    other four-way cut, at edge midpoints, would give only four directions).
    Children are given as (right angle, short-leg end, long-leg end).
    """
    r, s, l_ = np.array([0.0, 0.0]), np.array([0.0, 1.0]), np.array([2.0, 0.0])
    f, m = np.array([0.4, 0.8]), np.array([1.0, 0.0])
    g, h = np.array([0.2, 0.4]), np.array([1.2, 0.4])
    children = [(f, s, r), (g, r, m), (g, f, m), (h, m, f), (h, m, l_)]
    maps = tuple(similarity((r, s, l_), c) for c in children)
    return Rule("pinwheel", np.array([r, s, l_]), maps, math.sqrt(5.0))


PINWHEEL = _pinwheel_rule()


@dataclass(frozen=True)
class PinwheelParams(Params):
    tile_size: float = param(
        0.06, range=(0.015, 0.3), doc="short leg of a triangle", unit="design units"
    )
    rotation: float = param(
        0.0, range=(-180.0, 180.0), doc="clockwise turn of the tiling", unit="degrees"
    )
    coloring: str = param(
        "orientation",
        choices=("orientation", "child", "parent", "random"),
        doc="by the triangle's direction; by its place in its supertile (or the supertile's); "
        "random",
    )
    colors: int = param(5, range=(1, 8), doc="palette roles used, from first_color on")
    first_color: int = param(1, range=(0, 47), doc="palette role of the first colour class")
    line_width: float = param(
        0.003, range=(0.0, 0.012), doc="width of the grout lines", unit="design units"
    )
    line_color: int = param(0, range=(0, 47), doc="palette role of the grout lines")


def pinwheel_patch(p: PinwheelParams, rng: np.random.Generator) -> tuple[Patch, Tiles]:
    """The triangles (design units) covering the design, with colour classes."""
    polys, tiles = random_window(
        PINWHEEL,
        rng,
        tile_size=p.tile_size,
        line_width=p.line_width,
        rotation=p.rotation,
        wander=2.0,
    )
    if p.coloring == "orientation":
        # Direction of the hypotenuse modulo a half turn, cut into ``colors`` sectors.
        d = polys[:, 2] - polys[:, 1]
        ang = np.degrees(np.arctan2(d[:, 1], d[:, 0])) % 180.0
        classes = np.floor(ang / 180.0 * p.colors).astype(np.int64) % p.colors
    else:
        classes = supertile_classes(p.coloring, tiles, p.colors, rng)
    return Patch(polys, np.zeros(len(polys), np.int64), classes), tiles


@operator(
    "tiling.pinwheel",
    kind="vector",
    version=1,
    tags=("pinwheel", "triangles", "aperiodic", "conway", "radin", "风车镶嵌", "直角三角形"),
)
def pinwheel(p: PinwheelParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Conway-Radin pinwheel tiling: 1:2 right triangles turned every which way.

    Each triangle (legs 1 and 2) is cut into five copies ``1/sqrt 5`` as large,
    two of them turned by ``arctan(1/2)`` against the others (Radin's rule).
    Because ``arctan(1/2)`` is not a rational
    multiple of a turn, the triangles point in infinitely many directions and the
    tiling is statistically round. The seed picks the window. Colourings: by
    direction (``colors`` sectors of a half turn), by place in the supertile, or
    random; class ``k`` takes palette role ``first_color + k mod colors``.

    References
    ----------
    Radin 1994, "The pinwheel tilings of the plane", *Annals of Mathematics* 139(3);
    Conway & Radin 1998, "Quaquaversal tilings and rotations", *Inventiones Math.*
    132.
    """
    patch, _ = pinwheel_patch(p, rng)
    roles = p.first_color + (patch.classes % p.colors)
    return patch_drawing(patch, roles, palette, line_role=p.line_color, line_width=p.line_width)
