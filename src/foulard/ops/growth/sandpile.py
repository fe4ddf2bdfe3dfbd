"""Abelian sandpile: a pile of grains topples into a fractal mandala."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.geometry import disc_bounds
from foulard.ops.growth._cells import CellImage
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

#: Mean height of a stable pile, per neighbourhood (sizes the grid with a margin).
_DENSITY = {"von_neumann": 2.1, "moore": 3.4}


@dataclass(frozen=True)
class SandpileParams(Params):
    grains: int = param(
        20000, range=(100, 40000), doc="grains dropped on the centre cell (more: more detail)"
    )
    neighbourhood: str = param(
        "von_neumann",
        choices=("von_neumann", "moore"),
        doc="a cell topples to 4 neighbours (4-fold mandala) or to 8 (8-fold)",
    )
    size: float = param(
        0.9, range=(0.1, 1.2), doc="diameter of the finished pile", unit="design units"
    )
    first_role: int = param(1, range=(0, 47), doc="palette role of height 0")
    roles: int = param(
        4, range=(1, 48), doc="palette roles for heights 0, 1, 2, ... (cycling when fewer)"
    )


def topple(h: np.ndarray, k: int) -> np.ndarray:
    """Stabilise ``h`` in place: a cell with at least ``k`` grains gives one to each of its
    ``k`` neighbours (k = 4: von Neumann, 8: Moore), as many times as it can at once.

    Sweeps work on the box round the cells still unstable; the result does not
    depend on the order of topplings (the sandpile is abelian).
    """
    n0, n1 = h.shape
    y0, y1, x0, x1 = 1, n0 - 1, 1, n1 - 1
    sweep = 0
    while True:
        if sweep % 32 == 0:
            big = h >= k
            if not big.any():
                return h
            ys = np.flatnonzero(big.any(axis=1))
            xs = np.flatnonzero(big.any(axis=0))
            y0, y1 = max(int(ys[0]), 1), min(int(ys[-1]) + 1, n0 - 1)
            x0, x1 = max(int(xs[0]), 1), min(int(xs[-1]) + 1, n1 - 1)
        sweep += 1
        sub = h[y0 - 1 : y1 + 1, x0 - 1 : x1 + 1]
        q = sub[1:-1, 1:-1] // k
        sub[1:-1, 1:-1] -= k * q
        sub[:-2, 1:-1] += q
        sub[2:, 1:-1] += q
        sub[1:-1, :-2] += q
        sub[1:-1, 2:] += q
        if k == 8:
            sub[:-2, :-2] += q
            sub[2:, 2:] += q
            sub[:-2, 2:] += q
            sub[2:, :-2] += q


def pile(p: SandpileParams) -> np.ndarray:
    """The stable pile (heights, -1 where no grain ever came), cropped to its extent."""
    k = 4 if p.neighbourhood == "von_neumann" else 8
    r = int(math.sqrt(p.grains / math.pi / _DENSITY[p.neighbourhood]) * 1.15) + 6
    while True:
        n = 2 * r + 1
        h = np.zeros((n, n), np.int32)
        h[r, r] = p.grains
        topple(h, k)
        edge = h[0].any() or h[-1].any() or h[:, 0].any() or h[:, -1].any()
        if not edge:
            break
        r = int(r * 1.3) + 4
    # Cells the sand reached: those with grains, or toppled (all interior cells of
    # the pile's disc). A cell of height 0 inside is one that gave all its grains.
    reached = h > 0
    ys = np.flatnonzero(reached.any(axis=1))
    xs = np.flatnonzero(reached.any(axis=0))
    h = h[ys[0] : ys[-1] + 1, xs[0] : xs[-1] + 1]
    inside = _filled(h > 0)
    return np.where(inside, h, -1)


def _filled(mask: np.ndarray) -> np.ndarray:
    """``mask`` with holes not connected to the border filled in."""
    from scipy import ndimage

    return ndimage.binary_fill_holes(mask)


def _prepare(p: SandpileParams, rng: np.random.Generator) -> CellImage:
    h = pile(p)
    k = 4 if p.neighbourhood == "von_neumann" else 8
    onehot = (h[..., None] == np.arange(k)).astype(np.float64)
    side = max(h.shape)
    cell = p.size / side
    hh, ww = h.shape
    box = (
        0.5 - 0.5 * ww * cell,
        0.5 - 0.5 * hh * cell,
        0.5 + 0.5 * ww * cell,
        0.5 + 0.5 * hh * cell,
    )
    return CellImage(onehot, box)


@operator(
    "growth.sandpile",
    kind="field",
    version=1,
    output="rgba",
    prepare=_prepare,
    bounds=lambda p: disc_bounds(0.5, 0.5, 0.5 * p.size),
    tags=(
        "sandpile",
        "abelian sandpile",
        "mandala",
        "fractal",
        "self-organised criticality",
        "沙堆模型",
        "曼陀罗",
        "分形",
        "团花",
    ),
)
def sandpile(p: SandpileParams, call: Call) -> np.ndarray:
    """Abelian sandpile: grains on one cell topple outward into a fractal mandala.

    Bak, Tang and Wiesenfeld's model: ``grains`` are dropped on the centre cell; a
    cell holding at least 4 grains (8 with the Moore neighbourhood) gives one to
    each neighbour, and toppling goes on until every cell is stable. The final
    heights (0-3, or 0-7) form a square (or octagonal) mandala of nested,
    self-similar patches, the same whatever order the topplings take (Dhar's
    abelian property). Heights take palette roles ``first_role``,
    ``first_role + 1``, ...; cells never reached stay clear. The pile is scaled to
    ``size`` across, centred; cells are exact squares, box-filtered with the pixel
    footprint, so the mandala is crisp at any resolution. The simulation is
    deterministic (no randomness).

    References
    ----------
    Bak, Tang & Wiesenfeld 1987, "Self-organized criticality: an explanation of the
    1/f noise", Physical Review Letters 59(4).
    Dhar 1990, "Self-organized critical state of sandpile automaton models",
    Physical Review Letters 64(14).
    """
    k = 4 if p.neighbourhood == "von_neumann" else 8
    colors = np.ones((k, 4), np.float32)
    for i in range(k):
        colors[i, :3] = call.palette.role(p.first_role + i % p.roles)
    share = call.state.sample(call.x, call.y, call.footprint).astype(np.float32)
    return share @ colors
