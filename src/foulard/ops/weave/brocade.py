"""Brocade: supplementary-weft floats weaving a motif over a ground weave."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator
from foulard.ops.weave._cloth import UP, look_of, tone_tables
from foulard.ops.weave._jacquard import FIGURE, READS, figured_render, motif_coverage
from foulard.ops.weave._params import (
    color_role_param,
    relief_param,
    sheen_param,
    thread_width_param,
    threads_param,
)
from foulard.ops.weave._repeat import PeriodicCloth
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


class _Brocade:
    def __init__(self, p: BrocadeParams):
        self.ground_up = GROUNDS[p.ground]()
        self.bind_up = binding_matrix(p.float_limit, p.binding)
        self.look = look_of(p)
        self.ground = PeriodicCloth(
            self.ground_up, [p.warp_color], [p.weft_color], p.threads, self.look
        )
        self.figure = PeriodicCloth(
            self.bind_up, [p.warp_color], [p.brocade_color], p.threads, self.look
        )


def _states(p: BrocadeParams, call: Call, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    st = call.state
    cell = 1.0 / p.threads
    cover = motif_coverage(call, "motif", (i + 0.5) * cell, (j + 0.5) * cell, cell, p.motif_read)
    fig = cover >= p.threshold
    gy, gx = st.ground_up.shape
    by, bx = st.bind_up.shape
    ground = st.ground_up.ravel().take((j % gy) * gx + (i % gx))
    bind = st.bind_up.ravel().take((j % by) * bx + (i % bx))
    up = np.where(fig, bind, ground)
    return up.astype(np.uint8) * UP | fig.astype(np.uint8) * FIGURE


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
    prepare=lambda p, rng: _Brocade(p),
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
    st = call.state
    pal = call.palette
    warp = tone_tables(np.array(pal.role(p.warp_color)), st.look, warp=True)
    weft = tone_tables(np.array(pal.role(p.weft_color)), st.look, warp=False)
    gold = tone_tables(np.array(pal.role(p.brocade_color)), st.look, warp=False)
    return figured_render(
        call,
        threads=p.threads,
        look=st.look,
        state_fn=lambda c, i, j: _states(p, c, i, j),
        warp_rgb=warp,
        weft_rgb=weft,
        figure_weft_rgb=gold,
        ground=st.ground,
        figure=st.figure,
        threshold=p.threshold,
        read=p.motif_read,
    )
