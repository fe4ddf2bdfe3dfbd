"""Wallpaper groups of the centred rectangular (rhombic) lattice: cm and cmm.

Lattice coordinates run over the conventional centred cell (``aspect`` = height over
width); the translation to the cell centre ``(1/2, 1/2)`` is part of the group.
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

__all__ = ["cm", "cmm"]

CENTRING = op(1, 0, 0, 1, 0.5, 0.5)
CM = Wallpaper("centred", group(op(-1, 0, 0, 1), CENTRING))

_KW = {"module": __name__}
CmParams = wallpaper_params("CmParams", "centred", 4, (0.15, 0.2, 0.55, 30.0), **_KW)
CmmParams = wallpaper_params("CmmParams", "centred", 4, (0.0, 0.0, 0.75, 18.0), **_KW)
CMM = Wallpaper("centred", group(op(-1, 0, 0, 1), op(1, 0, 0, -1), CENTRING))


@operator(
    "symmetry.cm",
    kind="field",
    inputs=(MOTIF,),
    output="same",
    prepare=CM.prepare,
    periods=CM.periods,
    tags=("mirror", "glide", "diamond", "wallpaper", "*x"),
)
def cm(p: CmParams, call: Call) -> np.ndarray:
    """Wallpaper group cm (*x): mirrors alternating with glides, on a rhombic lattice.

    Mirrors run down the cell edges and middle; halfway between them run glide
    axes, so mirrored pairs sit in a diamond arrangement.

    References
    ----------
    Schattschneider 1978, "The plane symmetry groups: their recognition and notation",
    *Amer. Math. Monthly* 85(6); Conway, Burgiel & Goodman-Strauss 2008,
    *The Symmetries of Things*, ch. 6.
    """
    return CM.sample(p, call)


@operator(
    "symmetry.cmm",
    kind="field",
    inputs=(MOTIF,),
    output="same",
    prepare=CMM.prepare,
    periods=CMM.periods,
    tags=("mirror", "diamond", "argyle", "wallpaper", "2*22"),
)
def cmm(p: CmmParams, call: Call) -> np.ndarray:
    """Wallpaper group cmm (2*22): perpendicular mirrors and extra half-turns; argyle.

    Mirrors run both ways through the lattice points and cell centres; half-turn
    centres off the mirrors sit a quarter cell from them.

    References
    ----------
    Schattschneider 1978, *Amer. Math. Monthly* 85(6); Conway, Burgiel &
    Goodman-Strauss 2008, *The Symmetries of Things*, ch. 6.
    """
    return CMM.sample(p, call)
