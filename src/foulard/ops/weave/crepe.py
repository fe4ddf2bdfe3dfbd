"""Crepe weave: a random-looking interlacement with no long floats (moss, granite)."""

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
from foulard.ops.weave._repeat import plain_cloth

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["crepe", "crepe_matrix", "longest_float"]


@dataclass(frozen=True)
class CrepeParams(Params):
    size: int = param(16, range=(4, 48), doc="ends (and picks) in the repeat; made even")
    float_limit: int = param(
        3, range=(2, 5), doc="longest float allowed, warp or weft (2: moss crepe, 3-4: granite)"
    )
    balance: float = param(0.5, range=(0.2, 0.8), doc="share of crossings where the warp is up")
    threads: float = threads_param(96.0)
    warp_color: int = color_role_param(5, "warp")
    weft_color: int = color_role_param(0, "weft")
    thread_width: float = thread_width_param(0.9)
    relief: float = relief_param(0.7)
    sheen: float = sheen_param(0.2)


def longest_float(up: np.ndarray) -> int:
    """Longest run of equal crossings along any end or pick, the repeat wrapping."""
    up = np.asarray(up, bool)
    best = 0
    for m in (up, up.T):  # rows are picks (weft floats), then ends (warp floats)
        for line in m:
            if line.all() or not line.any():
                return line.size
            k = int(np.argmax(line != line[0]))  # start at a change so runs do not wrap
            r = np.roll(line, -k)
            edges = np.flatnonzero(np.diff(r.astype(np.int8)) != 0)
            bounds = np.concatenate([[-1], edges, [r.size - 1]])
            best = max(best, int(np.diff(bounds).max()))
    return best


def _run(grid: list[list[int]], j: int, i: int, dj: int, di: int, n: int, limit: int) -> int:
    """Length of the run of equal crossings through (j, i) along (dj, di), up to limit + 1."""
    v = grid[j][i]
    count = 1
    for sign in (1, -1):
        jj, ii = j, i
        for _ in range(limit):
            jj, ii = (jj + sign * dj) % n, (ii + sign * di) % n
            if grid[jj][ii] != v or count > limit:
                break
            count += 1
    return count


# Blocks of crossings changed together: single crossings cannot leave plain weave
# under a limit of 2, pairs and squares can.
_BLOCKS = ((1, 1), (1, 2), (2, 1), (2, 2))


def crepe_matrix(size: int, limit: int, balance: float, rng: np.random.Generator) -> np.ndarray:
    """A ``size x size`` interlacement (size made even) with floats of at most ``limit``.

    Starts from plain weave (floats of 1) and, many times over, changes a random
    crossing or block of 2 (flipped, or re-drawn warp-up with probability
    ``balance``), keeping the change only when no end or pick through it gets a float
    longer than ``limit`` (the repeat wrapping, so the limit also holds across its
    edges): a random walk through the valid crepes. ``limit`` is at most
    ``size - 1``, so every thread interlaces.
    """
    n = size + size % 2
    limit = min(limit, n - 1)
    grid = [[(i + j + 1) % 2 for i in range(n)] for j in range(n)]
    steps = 8 * n * n
    cells = rng.integers(0, n, size=(steps, 2)).tolist()
    blocks = rng.integers(0, len(_BLOCKS), size=steps).tolist()
    flips = (rng.random(steps) < 0.5).tolist()
    draws = (rng.random((steps, 4)) < balance).astype(int).tolist()
    for (j, i), b, flip, d in zip(cells, blocks, flips, draws, strict=True):
        h, w = _BLOCKS[b]
        where = [((j + a) % n, (i + c) % n) for a in range(h) for c in range(w)]
        old = [grid[y][x] for y, x in where]
        new = [1 - v for v in old] if flip else d[: len(where)]
        if new == old:
            continue
        for (y, x), v in zip(where, new, strict=True):
            grid[y][x] = v
        if any(
            _run(grid, y, x, 0, 1, n, limit) > limit or _run(grid, y, x, 1, 0, n, limit) > limit
            for y, x in where
        ):
            for (y, x), v in zip(where, old, strict=True):
                grid[y][x] = v
    return np.array(grid, bool)


def _periods(p: CrepeParams) -> list[tuple[float, float]]:
    n = (p.size + p.size % 2) / p.threads
    return [(n, 0.0), (0.0, n)]


@operator(
    "weave.crepe",
    kind="field",
    version=1,
    prepare=lambda p, rng: plain_cloth(crepe_matrix(p.size, p.float_limit, p.balance, rng), p),
    periods=_periods,
    tags=(
        "crepe",
        "crepe de chine",
        "moss crepe",
        "granite",
        "pebble",
        "绉",
        "双绉",
        "乔其",
        "碎石纹",
        "绉组织",
    ),
)
def crepe(p: CrepeParams, call: Call) -> np.ndarray:
    """Crepe weave: a random-looking interlacement without long floats.

    Starting from plain weave, random crossings and blocks of crossings are flipped
    or re-drawn (``balance`` of them warp-up; the node's generator draws them, so a
    seed gives one crepe), each change kept only if no warp or weft float grows longer than
    ``float_limit``, the repeat wrapping so that the limit holds across its edges
    too. The scattered
    short floats break up the light into the grainy, matt surface of moss crepe
    (limit 2) and granite weaves (3-4): the crepe-de-chine look.

    References
    ----------
    Oelsner 1915, *A Handbook of Weaves*, ch. 14 (crepe weaves).
    """
    return call.state.render(call)
