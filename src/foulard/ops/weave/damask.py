"""Jacquard damask: a motif woven in weft-faced satin on a warp-faced satin ground."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator
from foulard.ops.weave._jacquard import READS, Loom, figured_states, weave_figured
from foulard.ops.weave._params import (
    color_role_param,
    relief_param,
    sheen_param,
    thread_width_param,
    threads_param,
)
from foulard.ops.weave.satin import satin_matrix

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["damask", "damask_faces"]


@dataclass(frozen=True)
class DamaskParams(Params):
    ends: int = param(5, range=(5, 12), doc="ends of the satins (5 or 8 in most damasks)")
    figure_face: str = param(
        "weft",
        choices=("weft", "warp"),
        doc="the figure in weft-faced sateen on a warp satin ground, or the reverse",
    )
    motif_read: str = param(
        "alpha", choices=READS, doc="figure where the motif is (alpha) or where it is light"
    )
    threshold: float = param(
        0.5, range=(0.05, 0.95), doc="motif coverage above which a crossing is figure"
    )
    threads: float = threads_param(200.0)
    warp_color: int = color_role_param(2, "warp")
    weft_color: int = color_role_param(2, "weft")
    thread_width: float = thread_width_param(0.94)
    relief: float = relief_param(0.4)
    sheen: float = sheen_param(0.55)


def damask_faces(p: DamaskParams) -> tuple[np.ndarray, np.ndarray]:
    """Interlacements of the ground and of the figure (satins of opposite faces).

    The weft-faced sateen is the warp-faced satin's complement, so where the two
    meet every crossing flips: the figure is exactly the motif, in whole threads.
    """
    ground = "warp" if p.figure_face == "weft" else "weft"
    return satin_matrix(p.ends, 0, ground), satin_matrix(p.ends, 0, p.figure_face)


def _loom(p: DamaskParams) -> Loom:
    ground, figure = damask_faces(p)
    return Loom(p, ground, figure, p.weft_color)


_states = figured_states  # the cell states (the tests drive them directly)


@operator(
    "weave.damask",
    kind="field",
    version=1,
    inputs=(
        Input(
            "motif",
            "the figure: where its coverage (or lightness) passes the threshold",
            "ornament.wanzi",
        ),
    ),
    example_params={"motif_read": "lightness"},
    prepare=lambda p, rng: _loom(p),
    tags=(
        "damask",
        "jacquard",
        "brocade silk",
        "tone on tone",
        "figured silk",
        "花缎",
        "提花",
        "锦缎",
        "暗花",
        "织锦缎",
    ),
)
def damask(p: DamaskParams, call: Call) -> np.ndarray:
    """Jacquard damask: the motif in weft-faced sateen on a warp-faced satin ground.

    The motif input is sampled at every thread crossing and thresholded, and each
    crossing takes the structure of the figure or of the ground; the two satins are
    complements, so the faces swap exactly where the motif is. Woven in one colour
    the figure shows only by the direction of its floats (``sheen`` lights the warp
    floats and shades the weft ones): the tone-on-tone of silk damask. Sub-pixel
    threads average to the two faces' mean colours mixed by the motif's coverage.

    References
    ----------
    Oelsner 1915, *A Handbook of Weaves*, ch. 4 (satins) and jacquard practice:
    Watson 1912, *Textile Design and Colour*, ch. 11 (damask).
    """
    return weave_figured(p, call)
