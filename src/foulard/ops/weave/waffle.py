"""Waffle (honeycomb) weave: square cells ridged by long floats, sunk at their centres."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.params import Params, param
from foulard.ops.registry import operator
from foulard.ops.weave._cloth import look_of
from foulard.ops.weave._params import (
    color_role_param,
    relief_param,
    sheen_param,
    thread_width_param,
    threads_param,
)
from foulard.ops.weave._repeat import PeriodicCloth, matrix_periods

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["waffle", "waffle_depth", "waffle_matrix"]


@dataclass(frozen=True)
class WaffleParams(Params):
    cell: int = param(
        5, range=(2, 16), doc="rings from a cell's centre to its ridge (cell: 2x ends)"
    )
    depth: float = param(
        0.35, range=(0.0, 0.9), doc="how much darker a cell's sunken centre is than its ridge"
    )
    threads: float = threads_param(128.0)
    warp_color: int = color_role_param(0, "warp")
    weft_color: int = color_role_param(0, "weft")
    thread_width: float = thread_width_param()
    relief: float = relief_param(0.7)
    sheen: float = sheen_param(0.1)


def _rings(k: int) -> np.ndarray:
    """Chebyshev distance of each cell of a ``2k`` repeat from the centre (k, k)."""
    d = np.abs(np.arange(2 * k) - k)
    return np.maximum(d[None, :], d[:, None])


def waffle_matrix(k: int) -> np.ndarray:
    """Interlacement ``up[j, i]`` of a waffle cell ``2k`` threads square.

    Around the centre (k, k), cells nearer a vertical side of their square ring
    (``|dx| > |dy|``) are warp-up when the ring is an even number of rings in from
    the ridge; cells nearer a horizontal side likewise, and cells on the diagonals
    are weft-up. Whole rings thus alternate warp-up and weft-up: the float of an end
    or pick grows from plain interlacing at the centre to the whole cell at the
    ridge, which is what raises the ridges and sinks the centres.

    >>> waffle_matrix(2).astype(int).tolist()
    [[0, 1, 1, 1], [1, 0, 0, 0], [1, 0, 0, 0], [1, 0, 0, 0]]
    """
    d = np.abs(np.arange(2 * k) - k)
    dx, dy = d[None, :], d[:, None]
    ring = np.maximum(dx, dy)
    return ((k - ring) % 2 == 0) & (dx != dy)


def waffle_depth(k: int, depth: float) -> np.ndarray:
    """Brightness of each cell: 1 on the ridge, ``1 - depth`` at the centre."""
    return 1.0 - depth * (1.0 - _rings(k) / k) ** 1.5


@operator(
    "weave.waffle",
    kind="field",
    version=1,
    prepare=lambda p, rng: PeriodicCloth(
        waffle_matrix(p.cell),
        [p.warp_color],
        [p.weft_color],
        p.threads,
        look_of(p),
        gain=waffle_depth(p.cell, p.depth),
    ),
    periods=lambda p: matrix_periods(waffle_matrix(p.cell), p.threads),
    tags=("waffle", "honeycomb", "cellular", "towel", "华夫格", "蜂巢纹", "蜂窝组织"),
)
def waffle(p: WaffleParams, call: Call) -> np.ndarray:
    """Waffle (honeycomb) weave: cells ridged by long floats around a sunken centre.

    A repeat of ``2 * cell`` ends and picks holds one square cell built from
    concentric rings that alternate warp-up and weft-up sides. Floats grow from
    plain interlacing at the centre to ``2 * cell - 1`` at the ridge; the long floats
    stand up and the short ones sink, which ``depth`` shades (the cells read as
    three-dimensional, as on honeycomb towelling).

    References
    ----------
    Oelsner 1915, *A Handbook of Weaves*, ch. 12 (honeycomb weaves).
    """
    return call.state.render(call)
