"""Wallpaper groups of the hexagonal lattice: p3, p3m1, p31m, p6 and p6m.

Lattice vectors ``e1`` (across) and ``e2`` (60 degrees clockwise from it) have equal
length; in their coordinates a turn by 60 degrees is the integer map
``(a, b) -> (-b, a + b)``, so folding stays exact. 3-fold centres sit at the lattice
points and at ``(1/3, 1/3)`` and ``(2/3, 2/3)`` of the cell; 2-fold centres of p6 at
the edge midpoints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.isometry import group, op
from foulard.ops.registry import operator
from foulard.ops.symmetry._lattice import Wallpaper, wallpaper_params
from foulard.ops.symmetry._motif import MOTIF

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["p3", "p3m1", "p6", "p6m", "p31m"]

TURN_60 = op(0, -1, 1, 1)
TURN_120 = op(-1, -1, 1, 0)
LONG_MIRROR = op(0, 1, 1, 0)  # along e1 + e2: through every 3-fold centre
SHORT_MIRROR = op(0, -1, -1, 0)  # along e1 - e2: through the lattice points only
P3 = Wallpaper("hexagonal", group(TURN_120))
P3M1 = Wallpaper("hexagonal", group(TURN_120, LONG_MIRROR))
P31M = Wallpaper("hexagonal", group(TURN_120, SHORT_MIRROR))
P6 = Wallpaper("hexagonal", group(TURN_60))
P6M = Wallpaper("hexagonal", group(TURN_60, LONG_MIRROR))

_KW = {"module": __name__}
P3Params = wallpaper_params("P3Params", "hexagonal", 3, (0.45, 0.12, 0.42, 30.0), **_KW)
P3m1Params = wallpaper_params("P3m1Params", "hexagonal", 3, (0.5, 0.2, 0.36, 18.0), **_KW)
P31mParams = wallpaper_params("P31mParams", "hexagonal", 3, (0.45, 0.3, 0.36, 30.0), **_KW)
P6Params = wallpaper_params("P6Params", "hexagonal", 3, (0.5, 0.15, 0.36, 30.0), **_KW)
P6mParams = wallpaper_params("P6mParams", "hexagonal", 4, (0.0, 0.0, 1.0, 18.0), **_KW)


@operator(
    "symmetry.p3",
    kind="field",
    inputs=(MOTIF,),
    output="same",
    prepare=P3.prepare,
    periods=P3.periods,
    tags=("three-fold", "triskelion", "wallpaper", "333"),
)
def p3(p: P3Params, call: Call) -> np.ndarray:
    """Wallpaper group p3 (333): turns by 120 degrees only, on a hexagonal lattice.

    Three classes of 3-fold centres and no mirrors: motifs whirl in threes.

    References
    ----------
    Schattschneider 1978, "The plane symmetry groups: their recognition and notation",
    *Amer. Math. Monthly* 85(6); Conway, Burgiel & Goodman-Strauss 2008,
    *The Symmetries of Things*, ch. 6.
    """
    return P3.sample(p, call)


@operator(
    "symmetry.p3m1",
    kind="field",
    inputs=(MOTIF,),
    output="same",
    prepare=P3M1.prepare,
    periods=P3M1.periods,
    tags=("triangle kaleidoscope", "wallpaper", "*333", "万花筒"),
)
def p3m1(p: P3m1Params, call: Call) -> np.ndarray:
    """Wallpaper group p3m1 (*333): mirrors through every 3-fold centre.

    The equilateral-triangle kaleidoscope: mirrors along the long diagonals of the
    cell and their turns by 120 degrees bound equilateral triangles.

    References
    ----------
    Schattschneider 1978, *Amer. Math. Monthly* 85(6); Conway, Burgiel &
    Goodman-Strauss 2008, *The Symmetries of Things*, ch. 6.
    """
    return P3M1.sample(p, call)


@operator(
    "symmetry.p31m",
    kind="field",
    inputs=(MOTIF,),
    output="same",
    prepare=P31M.prepare,
    periods=P31M.periods,
    tags=("three-fold", "mirror", "wallpaper", "3*3"),
)
def p31m(p: P31mParams, call: Call) -> np.ndarray:
    """Wallpaper group p31m (3*3): 3-fold centres both on and off the mirrors.

    Mirrors run along the lattice directions, through the lattice points (where
    three meet) but not through the 3-fold centres at ``(1/3, 1/3)`` and
    ``(2/3, 2/3)``: a motif near one of those whirls in threes, mirrored.

    References
    ----------
    Schattschneider 1978, *Amer. Math. Monthly* 85(6); Conway, Burgiel &
    Goodman-Strauss 2008, *The Symmetries of Things*, ch. 6.
    """
    return P31M.sample(p, call)


@operator(
    "symmetry.p6",
    kind="field",
    inputs=(MOTIF,),
    output="same",
    prepare=P6.prepare,
    periods=P6.periods,
    tags=("six-fold", "whirl", "wallpaper", "632"),
)
def p6(p: P6Params, call: Call) -> np.ndarray:
    """Wallpaper group p6 (632): turns by 60 degrees, no mirrors.

    6-fold centres at the lattice points, 3-fold at the triangle centres, 2-fold at
    the edge midpoints: motifs whirl in sixes.

    References
    ----------
    Schattschneider 1978, *Amer. Math. Monthly* 85(6); Conway, Burgiel &
    Goodman-Strauss 2008, *The Symmetries of Things*, ch. 6.
    """
    return P6.sample(p, call)


@operator(
    "symmetry.p6m",
    kind="field",
    inputs=(MOTIF,),
    output="same",
    prepare=P6M.prepare,
    periods=P6M.periods,
    tags=("hexagonal kaleidoscope", "wallpaper", "*632", "万花筒"),
)
def p6m(p: P6mParams, call: Call) -> np.ndarray:
    """Wallpaper group p6m (*632): the full hexagonal kaleidoscope.

    Mirrors bound 30-60-90 triangles. The default motif sits on a 6-fold centre
    and becomes a twelve-way kaleidoscope.

    References
    ----------
    Schattschneider 1978, *Amer. Math. Monthly* 85(6); Conway, Burgiel &
    Goodman-Strauss 2008, *The Symmetries of Things*, ch. 6.
    """
    return P6M.sample(p, call)
