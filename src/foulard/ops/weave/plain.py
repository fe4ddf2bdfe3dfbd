"""Plain weave and its groupings: tabby, hopsack (basket) and warp or weft ribs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.params import Params, param
from foulard.ops.registry import operator
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

__all__ = ["plain", "plain_matrix"]


@dataclass(frozen=True)
class PlainParams(Params):
    ends_per_group: int = param(
        1, range=(1, 8), doc="warp ends that work as one (2 or more: hopsack, weft rib)"
    )
    picks_per_group: int = param(
        1, range=(1, 8), doc="weft picks that work as one (2 or more: hopsack, warp rib)"
    )
    threads: float = threads_param(128.0)
    warp_color: int = color_role_param(1, "warp")
    weft_color: int = color_role_param(0, "weft")
    thread_width: float = thread_width_param()
    relief: float = relief_param()
    sheen: float = sheen_param()


def plain_matrix(ends: int = 1, picks: int = 1) -> np.ndarray:
    """Interlacement ``up[j, i]`` of plain weave with ends and picks in groups.

    >>> plain_matrix().astype(int).tolist()
    [[1, 0], [0, 1]]
    """
    i = np.arange(2 * ends) // ends
    j = np.arange(2 * picks) // picks
    return (i[None, :] + j[:, None]) % 2 == 0


@operator(
    "weave.plain",
    kind="field",
    version=1,
    **plain_cloth_hooks(lambda p: plain_matrix(p.ends_per_group, p.picks_per_group)),
    tags=(
        "plain weave",
        "tabby",
        "habotai",
        "basket weave",
        "hopsack",
        "rib",
        "grosgrain",
        "shot silk",
        "平纹",
        "电力纺",
        "方平",
        "罗纹",
        "闪光绸",
    ),
    example_params={"threads": 64.0},
)
def plain(p: PlainParams, call: Call) -> np.ndarray:
    """Plain weave: each end over one pick and under the next (tabby, habotai).

    Grouping ends and picks gives the family's other members: hopsack (basket)
    2/2 or 3/3 with both in groups, a warp rib (grosgrain) with picks in groups and
    a weft rib with ends in groups. A warp and a weft of different colours give
    shot silk. Threads are drawn as shaded yarns and box-filtered exactly over
    each pixel, so a master shows the yarns and a preview their blend.

    References
    ----------
    Oelsner 1915, *A Handbook of Weaves*, ch. 1 (plain weave) and ch. 2 (ribs,
    basket weaves).
    """
    return call.state.render(call)
