"""Wallpaper groups of the oblique lattice: p1 (block repeat) and p2 (half-turns)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.isometry import group, op
from foulard.ops.registry import operator
from foulard.ops.symmetry._lattice import Wallpaper, wallpaper_params
from foulard.ops.symmetry._motif import MOTIF

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["p1", "p2"]

P1 = Wallpaper("oblique", group())

_KW = {"module": __name__}
P1Params = wallpaper_params("P1Params", "oblique", 5, (0.5, 0.5, 0.8, 0.0), **_KW)
P2Params = wallpaper_params("P2Params", "oblique", 4, (0.25, 0.3, 0.5, 30.0), **_KW)
P2 = Wallpaper("oblique", group(op(-1, 0, 0, -1)))


@operator(
    "symmetry.p1",
    kind="field",
    inputs=(MOTIF,),
    output="same",
    prepare=P1.prepare,
    periods=P1.periods,
    tags=("block repeat", "straight repeat", "wallpaper", "o", "平接"),
)
def p1(p: P1Params, call: Call) -> np.ndarray:
    """Wallpaper group p1 (o): translations only, the textile block repeat.

    The motif is repeated on an oblique lattice (``angle`` between the lattice
    vectors, ``aspect`` their length ratio); each copy owns the points nearer to it
    than to any other copy, so a motif is never cut unless it overlaps its
    neighbour.

    References
    ----------
    Schattschneider 1978, "The plane symmetry groups: their recognition and notation",
    *Amer. Math. Monthly* 85(6); Conway, Burgiel & Goodman-Strauss 2008,
    *The Symmetries of Things*, ch. 6.
    """
    return P1.sample(p, call)


@operator(
    "symmetry.p2",
    kind="field",
    inputs=(MOTIF,),
    output="same",
    prepare=P2.prepare,
    periods=P2.periods,
    tags=("half-turn", "wallpaper", "2222", "旋转"),
)
def p2(p: P2Params, call: Call) -> np.ndarray:
    """Wallpaper group p2 (2222): half-turns on an oblique lattice.

    Centres of 2-fold rotation sit at the lattice points, the edge midpoints and
    the cell centres. A motif centred on one of them becomes a half-turn pinwheel.

    References
    ----------
    Schattschneider 1978, *Amer. Math. Monthly* 85(6); Conway, Burgiel &
    Goodman-Strauss 2008, *The Symmetries of Things*, ch. 6.
    """
    return P2.sample(p, call)
