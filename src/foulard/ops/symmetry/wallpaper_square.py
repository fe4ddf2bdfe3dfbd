"""Wallpaper groups of the square lattice: p4, p4m and p4g."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.isometry import group, op
from foulard.ops.registry import operator
from foulard.ops.symmetry._lattice import Wallpaper, wallpaper_params
from foulard.ops.symmetry._motif import MOTIF

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["p4", "p4g", "p4m"]

QUARTER_TURN = op(0, -1, 1, 0)
P4 = Wallpaper("square", group(QUARTER_TURN))
P4M = Wallpaper("square", group(QUARTER_TURN, op(-1, 0, 0, 1)))
P4G = Wallpaper("square", group(QUARTER_TURN, op(-1, 0, 0, 1, 0.5, 0.5)))

_KW = {"module": __name__}
P4Params = wallpaper_params("P4Params", "square", 3, (0.2, 0.08, 0.4, 30.0), **_KW)
P4mParams = wallpaper_params("P4mParams", "square", 3, (0.5, 0.32, 0.55, 0.0), **_KW)
P4gParams = wallpaper_params("P4gParams", "square", 3, (0.25, 0.1, 0.4, 0.0), **_KW)


@operator(
    "symmetry.p4",
    kind="field",
    inputs=(MOTIF,),
    output="same",
    prepare=P4.prepare,
    periods=P4.periods,
    tags=("pinwheel", "quarter-turn", "wallpaper", "442", "风车"),
)
def p4(p: P4Params, call: Call) -> np.ndarray:
    """Wallpaper group p4 (442): quarter-turns only, the pinwheel.

    4-fold centres at the lattice points and cell centres, half-turns at the edge
    midpoints; no mirrors, so the pattern has a handedness.

    References
    ----------
    Schattschneider 1978, "The plane symmetry groups: their recognition and notation",
    *Amer. Math. Monthly* 85(6); Conway, Burgiel & Goodman-Strauss 2008,
    *The Symmetries of Things*, ch. 6.
    """
    return P4.sample(p, call)


@operator(
    "symmetry.p4m",
    kind="field",
    inputs=(MOTIF,),
    output="same",
    prepare=P4M.prepare,
    periods=P4M.periods,
    tags=("kaleidoscope", "square", "wallpaper", "*442", "万花筒"),
)
def p4m(p: P4mParams, call: Call) -> np.ndarray:
    """Wallpaper group p4m (*442): the square kaleidoscope.

    Mirrors on the cell edges, the mid-lines and both diagonals. A motif on the cell
    centre (a mirror crossing) becomes an eight-fold kaleidoscope; on one mirror
    (the default, a mid-line) it is made symmetric and set four round the centre;
    off the mirrors it is repeated whole, eight ways.

    References
    ----------
    Schattschneider 1978, *Amer. Math. Monthly* 85(6); Conway, Burgiel &
    Goodman-Strauss 2008, *The Symmetries of Things*, ch. 6.
    """
    return P4M.sample(p, call)


@operator(
    "symmetry.p4g",
    kind="field",
    inputs=(MOTIF,),
    output="same",
    prepare=P4G.prepare,
    periods=P4G.periods,
    tags=("basket weave", "pinwheel", "wallpaper", "4*2"),
)
def p4g(p: P4gParams, call: Call) -> np.ndarray:
    """Wallpaper group p4g (4*2): quarter-turns off the mirrors, mirrors at 45 degrees.

    4-fold centres at the lattice points and cell centres; diagonal mirrors pass
    between them, through the 2-fold centres (basket-weave look).

    References
    ----------
    Schattschneider 1978, *Amer. Math. Monthly* 85(6); Conway, Burgiel &
    Goodman-Strauss 2008, *The Symmetries of Things*, ch. 6.
    """
    return P4G.sample(p, call)
