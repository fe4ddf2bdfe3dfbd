"""Twill weave: n/m floats stepped one thread each pick, diagonal wales in S or Z."""

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

__all__ = ["TWILL_ANGLES", "twill", "twill_matrix"]

# (a, b) of the wale's phase a i + b j: steep wales climb two picks per end, reclining
# ones two ends per pick
TWILL_ANGLES = {"regular": (1, 1), "steep": (2, 1), "reclining": (1, 2)}


@dataclass(frozen=True)
class TwillParams(Params):
    over: int = param(2, range=(1, 8), doc="picks each warp end floats over (n of n/m)")
    under: int = param(2, range=(1, 8), doc="picks each warp end passes under (m of n/m)")
    direction: str = param(
        "Z", choices=("Z", "S"), doc="wales rising to the right (Z) or to the left (S)"
    )
    angle: str = param(
        "regular",
        choices=tuple(TWILL_ANGLES),
        doc="45 degree wales, steep (about 63 degrees) or reclining (about 27 degrees)",
    )
    threads: float = threads_param(128.0)
    warp_color: int = color_role_param(1, "warp")
    weft_color: int = color_role_param(0, "weft")
    thread_width: float = thread_width_param()
    relief: float = relief_param()
    sheen: float = sheen_param()

    def __post_init__(self) -> None:
        super().__post_init__()
        check_interlaces(twill_matrix(self.over, self.under, self.direction, self.angle), "twill")


def twill_matrix(over: int, under: int, direction: str = "Z", angle: str = "regular") -> np.ndarray:
    """Interlacement ``up[j, i]`` of an ``over/under`` twill.

    End ``i`` is up on pick ``j`` when ``(a i + b j) mod (over + under) < over`` (Z:
    picks run down the image, so the wales rise to the right) or ``(a i - b j)``
    (S), with ``a = 2`` for a steep twill and ``b = 2`` for a reclining one.

    >>> twill_matrix(2, 1).astype(int).tolist()
    [[1, 1, 0], [1, 0, 1], [0, 1, 1]]
    """
    a, b = TWILL_ANGLES[angle]
    r = over + under
    n = r // np.gcd(a, r) if a > 1 else r
    m = r // np.gcd(b, r) if b > 1 else r
    i = np.arange(n)[None, :]
    j = np.arange(m)[:, None]
    sign = 1 if direction == "Z" else -1
    return (a * i + sign * b * j) % r < over


def _matrix(p: TwillParams) -> np.ndarray:
    return twill_matrix(p.over, p.under, p.direction, p.angle)


@operator(
    "weave.twill",
    kind="field",
    version=1,
    **plain_cloth_hooks(_matrix),
    tags=(
        "twill",
        "silk twill",
        "serge",
        "denim",
        "gabardine",
        "diagonal",
        "斜纹",
        "斜纹绸",
        "真丝斜纹",
        "哔叽",
    ),
)
def twill(p: TwillParams, call: Call) -> np.ndarray:
    """Twill weave: each end floats over n picks and under m, one step on each pick.

    The floats line up in diagonal wales rising to the right (Z) or to the left
    (S); ``steep`` wales climb two picks per end (about 63 degrees), ``reclining``
    ones two ends per pick (about 27 degrees). 2/2 is the balanced twill of silk
    scarves (and serge), 3/1 a warp-faced twill (denim, gabardine), 1/3 its
    weft-faced back. Steep and reclining twills that would leave some threads
    unbound are refused.

    References
    ----------
    Oelsner 1915, *A Handbook of Weaves*, ch. 3 (regular, steep and reclining
    twills).
    """
    return call.state.render(call)
