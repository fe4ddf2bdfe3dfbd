"""Satin and sateen: n-end weaves whose binding points never touch (long, smooth floats)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.errors import ParameterError
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

__all__ = ["satin", "satin_binding", "satin_matrix", "satin_move"]

# 6 ends have no regular move (2, 3 and 4 share factors with 6): the usual
# irregular order of binding points.
_IRREGULAR = {6: (0, 2, 4, 1, 5, 3)}


@dataclass(frozen=True)
class SatinParams(Params):
    ends: int = param(8, range=(5, 16), doc="ends (and picks) in one repeat: 5, 8, 12 ...")
    move: int = param(
        0, range=(0, 15), doc="counter: picks the binding point moves per end (0: the usual one)"
    )
    face: str = param("warp", choices=("warp", "weft"), doc="warp-faced satin or weft-faced sateen")
    threads: float = threads_param(160.0)
    warp_color: int = color_role_param(2, "warp")
    weft_color: int = color_role_param(2, "weft")
    thread_width: float = thread_width_param(0.92)
    relief: float = relief_param()
    sheen: float = sheen_param(0.3)

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.move and self.ends not in _IRREGULAR:
            n, m = self.ends, self.move
            if not (1 < m < n - 1 and math.gcd(m, n) == 1):
                valid = [k for k in range(2, n - 1) if math.gcd(k, n) == 1]
                raise ParameterError(
                    f"a {n}-end satin needs a move coprime with {n} other than 1 and {n - 1} "
                    f"(valid: {', '.join(map(str, valid))}, or 0 for the usual one)",
                    "params.move",
                )
        elif self.move and self.ends in _IRREGULAR:
            raise ParameterError(
                f"a {self.ends}-end satin has no regular move; use 0 (irregular satin)",
                "params.move",
            )


def satin_move(ends: int) -> int:
    """The usual counter of an ``ends``-end satin: the valid move nearest ``ends / 3``.

    >>> [satin_move(n) for n in (5, 7, 8, 12)]
    [2, 2, 3, 5]
    """
    valid = [k for k in range(2, ends - 1) if math.gcd(k, ends) == 1]
    return min(valid, key=lambda k: (abs(k - ends / 3.0), k))


def satin_binding(ends: int, move: int = 0) -> tuple[int, ...]:
    """The pick on which each end of the repeat is bound (one per end and per pick)."""
    if ends in _IRREGULAR:
        return _IRREGULAR[ends]
    m = move or satin_move(ends)
    return tuple((i * m) % ends for i in range(ends))


def satin_matrix(ends: int, move: int = 0, face: str = "warp") -> np.ndarray:
    """Interlacement ``up[j, i]`` of a satin: one binding point per end and per pick.

    A weft-faced sateen has the warp up only at the binding points; a warp-faced
    satin is its complement.

    >>> satin_matrix(5, face="weft").astype(int).tolist()[:2]
    [[1, 0, 0, 0, 0], [0, 0, 0, 1, 0]]
    """
    bind = satin_binding(ends, move)
    up = np.zeros((ends, ends), bool)
    up[list(bind), list(range(ends))] = True
    return ~up if face == "warp" else up


def _matrix(p: SatinParams) -> np.ndarray:
    return satin_matrix(p.ends, p.move, p.face)


@operator(
    "weave.satin",
    kind="field",
    version=1,
    **plain_cloth_hooks(_matrix),
    tags=(
        "satin",
        "sateen",
        "charmeuse",
        "duchesse",
        "silk satin",
        "缎纹",
        "素缎",
        "真丝缎",
        "色丁",
    ),
    example_params={"threads": 128.0},
)
def satin(p: SatinParams, call: Call) -> np.ndarray:
    """Satin (sateen) weave: one binding point per end and per pick, none touching.

    In an n-end satin end ``i`` is bound on pick ``i * move mod n``; the move (the
    counter) is coprime with n and neither 1 nor n - 1, so no two binding points
    are neighbours and the floats (n - 1 long) hide them: the smooth, lustrous face
    of charmeuse and duchesse. 6 ends have no such move and use the usual
    irregular order. Warp-faced satin shows the warp, weft-faced sateen the weft;
    ``sheen`` lights the floats of the face.

    References
    ----------
    Oelsner 1915, *A Handbook of Weaves*, ch. 4 (satins: regular and irregular,
    counters).
    """
    return call.state.render(call)
