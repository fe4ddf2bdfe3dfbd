"""Wallpaper groups of the rectangular lattice: pm, pg, pmm, pmg and pgg.

Lattice coordinates run along the cell's width (``a``) and height (``b``). Mirrors
and glide axes lie along the cell edges and halfway between them.
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

__all__ = ["pg", "pgg", "pm", "pmg", "pmm"]

HALF_TURN = op(-1, 0, 0, -1)
PM = Wallpaper("rectangular", group(op(-1, 0, 0, 1)))
PG = Wallpaper("rectangular", group(op(-1, 0, 0, 1, 0.0, 0.5)))
PMM = Wallpaper("rectangular", group(op(-1, 0, 0, 1), op(1, 0, 0, -1)))
PMG = Wallpaper("rectangular", group(HALF_TURN, op(-1, 0, 0, 1, 0.5, 0.0)))
PGG = Wallpaper("rectangular", group(HALF_TURN, op(-1, 0, 0, 1, 0.5, 0.5)))

_KW = {"module": __name__}
PmParams = wallpaper_params("PmParams", "rectangular", 5, (0.2, 0.5, 0.75, 30.0), **_KW)
PgParams = wallpaper_params("PgParams", "rectangular", 4, (0.22, 0.25, 0.6, 30.0), **_KW)
PmmParams = wallpaper_params("PmmParams", "rectangular", 3, (0.17, 0.17, 0.45, 30.0), **_KW)
PmgParams = wallpaper_params("PmgParams", "rectangular", 4, (0.05, 0.25, 0.55, 30.0), **_KW)
PggParams = wallpaper_params("PggParams", "rectangular", 4, (0.2, 0.1, 0.5, 30.0), **_KW)


@operator(
    "symmetry.pm",
    kind="field",
    inputs=(MOTIF,),
    output="same",
    prepare=PM.prepare,
    periods=PM.periods,
    tags=("mirror repeat", "wallpaper", "**", "镜像"),
)
def pm(p: PmParams, call: Call) -> np.ndarray:
    """Wallpaper group pm (**): parallel mirrors, the one-way mirror repeat.

    Mirrors run down the cell edges and the cell's middle (``motif_x`` 0 or 0.5 puts
    the motif on one and makes it symmetric; in between, it is paired with its
    mirror image).

    References
    ----------
    Schattschneider 1978, *Amer. Math. Monthly* 85(6); Conway, Burgiel &
    Goodman-Strauss 2008, *The Symmetries of Things*, ch. 6.
    """
    return PM.sample(p, call)


@operator(
    "symmetry.pg",
    kind="field",
    inputs=(MOTIF,),
    output="same",
    prepare=PG.prepare,
    periods=PG.periods,
    tags=("glide", "turnover", "footprints", "wallpaper", "xx"),
)
def pg(p: PgParams, call: Call) -> np.ndarray:
    """Wallpaper group pg (xx): parallel glide reflections, the turnover repeat.

    Glide axes run down the cell edges and its middle: a motif is mirrored and
    moved half a cell down, like footprints. There are no mirrors.

    References
    ----------
    Schattschneider 1978, *Amer. Math. Monthly* 85(6); Conway, Burgiel &
    Goodman-Strauss 2008, *The Symmetries of Things*, ch. 6.
    """
    return PG.sample(p, call)


@operator(
    "symmetry.pmm",
    kind="field",
    inputs=(MOTIF,),
    output="same",
    prepare=PMM.prepare,
    periods=PMM.periods,
    tags=("mirror repeat", "four-way mirror", "wallpaper", "*2222", "镜像"),
)
def pmm(p: PmmParams, call: Call) -> np.ndarray:
    """Wallpaper group pmm (*2222): two perpendicular families of mirrors.

    The full mirror repeat: a quarter cell reflected about its edges. A motif at a
    mirror crossing (cell corner, edge midpoint or centre) becomes a four-way
    kaleidoscope.

    References
    ----------
    Schattschneider 1978, *Amer. Math. Monthly* 85(6); Conway, Burgiel &
    Goodman-Strauss 2008, *The Symmetries of Things*, ch. 6.
    """
    return PMM.sample(p, call)


@operator(
    "symmetry.pmg",
    kind="field",
    inputs=(MOTIF,),
    output="same",
    prepare=PMG.prepare,
    periods=PMG.periods,
    tags=("mirror", "glide", "wallpaper", "22*"),
)
def pmg(p: PmgParams, call: Call) -> np.ndarray:
    """Wallpaper group pmg (22*): mirrors one way, glides the other, half-turns off the mirrors.

    Mirrors run down the cell at a quarter and three quarters of its width; glide
    axes run across at its top and middle; half-turn centres sit on the glide axes
    between the mirrors.

    References
    ----------
    Schattschneider 1978, *Amer. Math. Monthly* 85(6); Conway, Burgiel &
    Goodman-Strauss 2008, *The Symmetries of Things*, ch. 6.
    """
    return PMG.sample(p, call)


@operator(
    "symmetry.pgg",
    kind="field",
    inputs=(MOTIF,),
    output="same",
    prepare=PGG.prepare,
    periods=PGG.periods,
    tags=("glide", "wallpaper", "22x"),
)
def pgg(p: PggParams, call: Call) -> np.ndarray:
    """Wallpaper group pgg (22x): perpendicular glides and half-turns, no mirrors.

    Half-turn centres sit at the lattice points, edge midpoints and cell centres;
    glide axes run both ways a quarter cell off them.

    References
    ----------
    Schattschneider 1978, *Amer. Math. Monthly* 85(6); Conway, Burgiel &
    Goodman-Strauss 2008, *The Symmetries of Things*, ch. 6.
    """
    return PGG.sample(p, call)
