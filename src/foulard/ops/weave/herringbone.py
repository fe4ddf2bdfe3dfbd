"""Herringbone: a twill reversed every few ends, broken (cut) or pointed (chevron)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.params import Params, param
from foulard.ops.registry import operator
from foulard.ops.weave._cloth import check_interlaces
from foulard.ops.weave._params import (
    color_role_param,
    relief_param,
    sheen_param,
    thread_width_param,
    threads_param,
)
from foulard.ops.weave._repeat import plain_cloth_hooks

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["herringbone", "herringbone_matrix", "herringbone_phase"]


@dataclass(frozen=True)
class HerringboneParams(Params):
    over: int = param(2, range=(1, 6), doc="picks each end floats over in the base twill")
    under: int = param(2, range=(1, 6), doc="picks each end passes under in the base twill")
    ends: int = param(8, range=(2, 64), doc="ends in each panel before the twill reverses")
    break_type: str = param(
        "broken",
        choices=("broken", "pointed"),
        doc="cut at the reversal (floats meet opposite) or a continuous point (chevron)",
    )
    threads: float = threads_param(128.0)
    warp_color: int = color_role_param(1, "warp")
    weft_color: int = color_role_param(0, "weft")
    thread_width: float = thread_width_param()
    relief: float = relief_param()
    sheen: float = sheen_param()

    def __post_init__(self) -> None:
        super().__post_init__()
        check_interlaces(herringbone_matrix(self), "herringbone")


def herringbone_phase(ends: int, over: int, break_type: str) -> np.ndarray:
    """The twill phase of each end of one repeat (two panels, ``2 * ends`` ends).

    The first panel climbs 0, 1, ... ends - 1; the second runs back down. A broken
    herringbone offsets the reversed panel by ``over`` so that the floats on either
    side of the break are opposite; a pointed one turns on a single end.

    >>> herringbone_phase(4, 2, "pointed").tolist()
    [0, 1, 2, 3, 2, 1, 0, -1]
    """
    q = np.arange(2 * ends)
    back = (2 * ends - 1 - q) + (over if break_type == "broken" else -1)
    return np.where(q < ends, q, back)


def herringbone_matrix(p: HerringboneParams) -> np.ndarray:
    """Interlacement ``up[j, i]``: end i is up when ``(phase_i + j) mod (n + m) < n``."""
    r = p.over + p.under
    phase = herringbone_phase(p.ends, p.over, p.break_type)
    j = np.arange(r)[:, None]
    return (phase[None, :] + j) % r < p.over


@operator(
    "weave.herringbone",
    kind="field",
    version=1,
    **plain_cloth_hooks(herringbone_matrix),
    tags=(
        "herringbone",
        "chevron",
        "broken twill",
        "fishbone",
        "tweed",
        "人字纹",
        "人字呢",
        "鱼骨纹",
        "破斜纹",
    ),
)
def herringbone(p: HerringboneParams, call: Call) -> np.ndarray:
    """Herringbone: an n/m twill whose direction reverses every ``ends`` ends.

    Panels of Z and S twill alternate. ``broken``: the reversed panel is offset by
    n picks, so the floats either side of the reversal are opposite and the break
    is a clean cut (the herringbone of tweeds and suitings). ``pointed``: the twill
    turns on a single end and the wales join in a continuous chevron (a point
    twill on straight treadling).

    References
    ----------
    Oelsner 1915, *A Handbook of Weaves*, ch. 5 (broken twills, herringbone).
    """
    return call.state.render(call)
