"""Brocade: supplementary-weft floats weaving a motif over a ground weave."""

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
from foulard.ops.weave.plain import plain_matrix
from foulard.ops.weave.satin import satin_matrix
from foulard.ops.weave.twill import twill_matrix

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["binding_matrix", "brocade"]

GROUNDS = {
    "plain": plain_matrix,
    "twill": lambda: twill_matrix(2, 2),
    "satin": lambda: satin_matrix(5, 0, "warp"),
}


@dataclass(frozen=True)
class BrocadeParams(Params):
    ground: str = param("satin", choices=tuple(GROUNDS), doc="weave of the ground cloth")
    float_limit: int = param(
        6,
        range=(2, 16),
        doc="longest float of the brocading weft: one binding point per this many ends",
    )
    binding: str = param(
        "scattered",
        choices=("twill", "scattered"),
        doc="binding points stepping in a twill line, or scattered like a satin's",
    )
    motif_read: str = param(
        "alpha", choices=READS, doc="figure where the motif is (alpha) or where it is light"
    )
    threshold: float = param(
        0.5, range=(0.05, 0.95), doc="motif coverage above which the brocading weft floats"
    )
    threads: float = threads_param(200.0)
    warp_color: int = color_role_param(1, "ground warp")
    weft_color: int = color_role_param(1, "ground weft")
    brocade_color: int = color_role_param(3, "brocading (supplementary) weft")
    thread_width: float = thread_width_param(0.9)
    relief: float = relief_param(0.5)
    sheen: float = sheen_param(0.2)


def binding_matrix(limit: int, binding: str) -> np.ndarray:
    """Where the ground warp binds the brocading weft: ``up[j, i]``, one point per
    ``limit`` ends on every pick, stepping one end per pick (twill) or placed as a
    satin's binding points (scattered; a twill line below 5 ends)."""
    if binding == "scattered" and limit >= 5:
        return satin_matrix(limit, 0, "weft")
    i = np.arange(limit)[None, :]
    j = np.arange(limit)[:, None]
    return (i - j) % limit == 0


def _loom(p: BrocadeParams) -> Loom:
    bind = binding_matrix(p.float_limit, p.binding)
    return Loom(p, GROUNDS[p.ground](), bind, p.brocade_color)


_states = figured_states  # the cell states (the tests drive them directly)


@operator(
    "weave.brocade",
    kind="field",
    version=1,
    inputs=(
        Input(
            "motif",
            "the figure: where its coverage (or lightness) passes the threshold",
            "symmetry.half_drop",
            example_params={"repeats": 3, "motif_size": 0.9},
        ),
    ),
    prepare=lambda p, rng: _loom(p),
    tags=(
        "brocade",
        "lampas",
        "supplementary weft",
        "gold thread",
        "figured",
        "织锦",
        "锦",
        "妆花",
        "宋锦",
        "云锦",
        "金线",
    ),
)
def brocade(p: BrocadeParams, call: Call) -> np.ndarray:
    """Brocade: a supplementary weft floats over the ground where the motif is.

    Outside the figure the ground weave (plain, twill or satin) shows in the ground
    colours; inside it an extra, brocading weft (gold, by custom) floats on the
    face, tied down by the ground warp at one binding point per ``float_limit`` ends
    (in a twill line or scattered like a satin), and passes to the back elsewhere.
    The motif input is sampled at every crossing and thresholded, so the figure is
    drawn in whole threads as on a drawloom or jacquard.

    References
    ----------
    Burnham 1980, *Warp and Weft: A Textile Terminology*, "brocade",
    "supplementary weft", "binding point".
    """
    return weave_figured(p, call, figure_weft=p.brocade_color)
