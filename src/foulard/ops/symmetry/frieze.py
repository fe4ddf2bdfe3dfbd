"""The seven frieze groups: a motif repeated along a band, straight or round the border.

See :mod:`foulard.ops.symmetry._band` for the band's coordinates and paths. Groups
with mirrors across the band put one on each mitre of a border, so their corners
join seamlessly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from foulard.ops._common.frieze import FRIEZE_GROUPS
from foulard.ops.registry import operator
from foulard.ops.symmetry._band import Frieze, frieze_params
from foulard.ops.symmetry._motif import MOTIF

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = [
    "frieze_p1",
    "frieze_p1m1",
    "frieze_p2",
    "frieze_p2mg",
    "frieze_p2mm",
    "frieze_p11g",
    "frieze_p11m",
]

HOP = Frieze(FRIEZE_GROUPS["p1"])
STEP = Frieze(FRIEZE_GROUPS["p11g"])
SIDLE = Frieze(FRIEZE_GROUPS["p1m1"])
SPINNING_HOP = Frieze(FRIEZE_GROUPS["p2"])
SPINNING_SIDLE = Frieze(FRIEZE_GROUPS["p2mg"])
JUMP = Frieze(FRIEZE_GROUPS["p11m"])
SPINNING_JUMP = Frieze(FRIEZE_GROUPS["p2mm"])

_M = {"module": __name__}
HopParams = frieze_params("HopParams", 8, (0.5, 0.0, 1.15, 0.0), **_M)
StepParams = frieze_params("StepParams", 6, (0.25, -0.2, 0.8, 30.0), **_M)
SidleParams = frieze_params("SidleParams", 5, (0.2, 0.0, 1.0, 30.0), **_M)
SpinningHopParams = frieze_params("SpinningHopParams", 6, (0.25, -0.2, 0.8, 30.0), **_M)
SpinningSidleParams = frieze_params("SpinningSidleParams", 4, (0.15, -0.2, 0.8, 30.0), **_M)
JumpParams = frieze_params("JumpParams", 8, (0.5, -0.22, 0.85, 30.0), **_M)
SpinningJumpParams = frieze_params("SpinningJumpParams", 4, (0.15, -0.22, 0.85, 30.0), **_M)

_KW: dict[str, Any] = {"kind": "field", "inputs": (MOTIF,), "output": "same"}


@operator(
    "symmetry.frieze_p1",
    prepare=HOP.prepare,
    periods=HOP.periods,
    tags=("hop", "border", "band", "∞∞", "花边"),
    **_KW,
)
def frieze_p1(p: HopParams, call: Call) -> np.ndarray:
    """Frieze group p1, Conway's *hop* (∞∞): translations along the band only.

    References
    ----------
    Conway, Burgiel & Goodman-Strauss 2008, *The Symmetries of Things*, ch. 5;
    Washburn & Crowe 1988, *Symmetries of Culture*, ch. 3.
    """
    return HOP.sample(p, call)


@operator(
    "symmetry.frieze_p11g",
    prepare=STEP.prepare,
    periods=STEP.periods,
    tags=("step", "glide", "footprints", "border", "∞x"),
    **_KW,
)
def frieze_p11g(p: StepParams, call: Call) -> np.ndarray:
    """Frieze group p11g, Conway's *step* (∞x): a glide reflection along the band.

    Each motif is mirrored across the centre line and moved half a period, like
    footprints.

    References
    ----------
    Conway, Burgiel & Goodman-Strauss 2008, *The Symmetries of Things*, ch. 5;
    Washburn & Crowe 1988, *Symmetries of Culture*, ch. 3.
    """
    return STEP.sample(p, call)


@operator(
    "symmetry.frieze_p1m1",
    prepare=SIDLE.prepare,
    periods=SIDLE.periods,
    tags=("sidle", "mirror", "border", "*∞∞"),
    **_KW,
)
def frieze_p1m1(p: SidleParams, call: Call) -> np.ndarray:
    """Frieze group p1m1, Conway's *sidle* (*∞∞): mirrors across the band.

    Mirrors stand at every half period (one of them on each border mitre).

    References
    ----------
    Conway, Burgiel & Goodman-Strauss 2008, *The Symmetries of Things*, ch. 5;
    Washburn & Crowe 1988, *Symmetries of Culture*, ch. 3.
    """
    return SIDLE.sample(p, call)


@operator(
    "symmetry.frieze_p2",
    prepare=SPINNING_HOP.prepare,
    periods=SPINNING_HOP.periods,
    tags=("spinning hop", "half-turn", "scroll", "border", "22∞"),
    **_KW,
)
def frieze_p2(p: SpinningHopParams, call: Call) -> np.ndarray:
    """Frieze group p2, Conway's *spinning hop* (22∞): half-turns on the centre line.

    Half-turn centres at every half period: S-scroll borders.

    References
    ----------
    Conway, Burgiel & Goodman-Strauss 2008, *The Symmetries of Things*, ch. 5;
    Washburn & Crowe 1988, *Symmetries of Culture*, ch. 3.
    """
    return SPINNING_HOP.sample(p, call)


@operator(
    "symmetry.frieze_p2mg",
    prepare=SPINNING_SIDLE.prepare,
    periods=SPINNING_SIDLE.periods,
    tags=("spinning sidle", "mirror", "glide", "border", "2*∞"),
    **_KW,
)
def frieze_p2mg(p: SpinningSidleParams, call: Call) -> np.ndarray:
    """Frieze group p2mg, Conway's *spinning sidle* (2*∞): mirrors across, glide along.

    Mirrors across the band at every half period, half-turns halfway between them.

    References
    ----------
    Conway, Burgiel & Goodman-Strauss 2008, *The Symmetries of Things*, ch. 5;
    Washburn & Crowe 1988, *Symmetries of Culture*, ch. 3.
    """
    return SPINNING_SIDLE.sample(p, call)


@operator(
    "symmetry.frieze_p11m",
    prepare=JUMP.prepare,
    periods=JUMP.periods,
    tags=("jump", "mirror", "border", "∞*"),
    **_KW,
)
def frieze_p11m(p: JumpParams, call: Call) -> np.ndarray:
    """Frieze group p11m, Conway's *jump* (∞*): a mirror along the centre line.

    References
    ----------
    Conway, Burgiel & Goodman-Strauss 2008, *The Symmetries of Things*, ch. 5;
    Washburn & Crowe 1988, *Symmetries of Culture*, ch. 3.
    """
    return JUMP.sample(p, call)


@operator(
    "symmetry.frieze_p2mm",
    prepare=SPINNING_JUMP.prepare,
    periods=SPINNING_JUMP.periods,
    tags=("spinning jump", "mirror", "border", "*22∞"),
    **_KW,
)
def frieze_p2mm(p: SpinningJumpParams, call: Call) -> np.ndarray:
    """Frieze group p2mm, Conway's *spinning jump* (*22∞): mirrors along and across.

    References
    ----------
    Conway, Burgiel & Goodman-Strauss 2008, *The Symmetries of Things*, ch. 5;
    Washburn & Crowe 1988, *Symmetries of Culture*, ch. 3.
    """
    return SPINNING_JUMP.sample(p, call)
