"""Point and diamond twills: a twill tie-up on point threading (bird's-eye, goose-eye)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.errors import ParameterError
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

__all__ = ["diamond_matrix", "diamond_twill", "point_sequence"]


@dataclass(frozen=True)
class DiamondTwillParams(Params):
    shafts: int = param(
        6, range=(3, 16), doc="shafts of the point threading (4: bird's-eye, 8: goose-eye)"
    )
    over: int = param(3, range=(1, 15), doc="shafts each treadle raises (the twill's float)")
    treadling: str = param(
        "point",
        choices=("point", "straight"),
        doc="point treadling gives diamonds, straight treadling zigzag chevrons",
    )
    threads: float = threads_param(128.0)
    warp_color: int = color_role_param(2, "warp")
    weft_color: int = color_role_param(0, "weft")
    thread_width: float = thread_width_param()
    relief: float = relief_param()
    sheen: float = sheen_param()

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.over >= self.shafts:
            raise ParameterError(
                f"must be below the shafts ({self.shafts}), or nothing would interlace",
                "params.over",
            )
        check_interlaces(diamond_matrix(self.shafts, self.over, self.treadling), "diamond twill")


def point_sequence(shafts: int) -> np.ndarray:
    """Point threading on ``shafts`` shafts (from 0): up to the top and back, 2 s - 2 ends.

    >>> point_sequence(4).tolist()
    [0, 1, 2, 3, 2, 1]
    """
    up = np.arange(shafts)
    return np.concatenate([up, up[-2:0:-1]])


def diamond_matrix(shafts: int, over: int, treadling: str = "point") -> np.ndarray:
    """Interlacement ``up[j, i]`` of a twill tie-up on point threading.

    End i on shaft ``t_i`` rises on pick j when ``(t_i + s_j) mod shafts < over``,
    where ``s_j`` is the treadle of pick j (point or straight treadling).
    """
    t = point_sequence(shafts)
    s = t if treadling == "point" else np.arange(shafts)
    return (t[None, :] + s[:, None]) % shafts < over


def _matrix(p: DiamondTwillParams) -> np.ndarray:
    return diamond_matrix(p.shafts, p.over, p.treadling)


@operator(
    "weave.diamond_twill",
    kind="field",
    version=1,
    **plain_cloth_hooks(_matrix),
    tags=(
        "diamond twill",
        "point twill",
        "bird's eye",
        "goose eye",
        "diaper",
        "菱形斜纹",
        "鸟眼纹",
        "钻石纹",
        "山形斜纹",
    ),
)
def diamond_twill(p: DiamondTwillParams, call: Call) -> np.ndarray:
    """Point and diamond twills: a twill tie-up woven on point threading.

    The ends are threaded up the shafts and back (1 2 3 4 3 2 ...), so the twill
    wales reflect at every point. Treadled the same way (tromp as writ) the wales
    close into concentric diamonds: bird's-eye on 4 shafts, goose-eye on 8 and
    more. Treadled straight, they zigzag into chevrons (a point twill).

    References
    ----------
    Oelsner 1915, *A Handbook of Weaves*, ch. 6 (pointed twills, diamonds).
    """
    return call.state.render(call)
