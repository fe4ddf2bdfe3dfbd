"""Carlson's multi-scale Truchet patterns: winged tiles at scales 1/2^n, colours swapped."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.channels import opaque
from foulard.ops._common.chunks import chunked
from foulard.ops.params import Params, param
from foulard.ops.registry import operator
from foulard.ops.tiling._facetiling import role_param
from foulard.ops.tiling._truchet_grid import SquareGrid

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

_THIRD = 1.0 / 3.0
_SIXTH = 1.0 / 6.0

# Motifs: 0, 1 Smith's arcs (two turns); 2 a cross; 3, 4 a bar with capped ends
# (two turns); 5 four capped ends. All meet each edge in its middle third.
MOTIF_SETS = {"arcs": (0, 1), "mixed": (0, 1, 0, 1, 2, 3, 4), "all": (0, 1, 2, 3, 4, 5)}


@dataclass(frozen=True)
class TruchetMultiscaleParams(Params):
    repeats: int = param(4, range=(1, 32), doc="largest tiles across the unit square")
    rotation: float = param(
        0.0, range=(-180.0, 180.0), doc="turn of the grid about the design's centre", unit="degrees"
    )
    depth: int = param(3, range=(0, 4), doc="most times a tile is split into four halves")
    split: float = param(0.3, range=(0.0, 1.0), doc="chance that a tile is split (at every level)")
    motifs: str = param(
        "arcs",
        choices=("arcs", "mixed", "all"),
        doc="arcs: Smith's quarter arcs; mixed: also crosses and capped bars; all: also "
        "tiles of four capped ends",
    )
    color_1: int = role_param(1, "the bands of the largest tiles (swapped at each level)")
    color_2: int = role_param(0, "the ground of the largest tiles (swapped at each level)")


def _prepare(p: TruchetMultiscaleParams, rng: np.random.Generator) -> tuple[np.ndarray, ...]:
    """Leaf level and motif of every finest cell of a random quadtree over the design.

    Level by level, every cell of the level's grid draws whether it splits and
    which motif it takes; a cell is a leaf at the first level where it is still
    whole and does not split. The tree is then balanced (:func:`_balance`).
    """
    fine = 1 << p.depth
    n = p.repeats * fine
    level = np.zeros((n, n), np.int64)
    motif = np.zeros((n, n), np.int64)
    choices = np.array(MOTIF_SETS[p.motifs])
    whole = np.ones((p.repeats, p.repeats), bool)
    for lev in range(p.depth + 1):
        cells = p.repeats << lev
        split = rng.random((cells, cells)) < p.split
        if lev == p.depth:
            split[:] = False
        pick = choices[rng.integers(0, choices.size, (cells, cells))]
        leaf = whole & ~split
        size = fine >> lev
        up = np.ones((size, size), bool)
        mask = np.kron(leaf, up)
        level[mask] = lev
        motif[mask] = np.kron(pick, np.ones((size, size), np.int64))[mask]
        whole = np.kron(whole & split, np.ones((2, 2), bool))
    _balance(level, motif, p.depth, choices, rng)
    return level, motif


def _balance(level, motif, depth: int, choices: np.ndarray, rng: np.random.Generator) -> None:
    """Split leaves until neighbours differ by one level at most (in place).

    Winged tiles join bands across a halving of scale; across two halvings a small
    tile's band would end against a large tile's ground, so such leaves are split.
    """
    fine = 1 << depth
    n = level.shape[0]
    for _ in range(depth + 1):
        deeper = np.zeros(level.shape, bool)
        for axis in (0, 1):
            for shift in (1, -1):
                deeper |= np.roll(level, shift, axis=axis) >= level + 2
        if not deeper.any():
            return
        for lev in range(depth):
            size = fine >> lev
            m = n // size
            blocks = (deeper & (level == lev)).reshape(m, size, m, size).any(axis=(1, 3))
            if not blocks.any():
                continue
            mask = np.kron(blocks, np.ones((size, size), bool))
            half = size // 2
            pick = choices[rng.integers(0, choices.size, (2 * m, 2 * m))]
            level[mask] = lev + 1
            motif[mask] = np.kron(pick, np.ones((half, half), np.int64))[mask]


def motif_sd(m: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Signed distance (tile units, negative inside) to the bands of motif ``m``."""
    ring = np.where(m == 0, 0.0, 1.0)
    arcs = np.minimum(
        np.abs(np.hypot(x - ring, y) - 0.5), np.abs(np.hypot(x - (1.0 - ring), y - 1.0) - 0.5)
    )
    cross = np.minimum(np.abs(x - 0.5), np.abs(y - 0.5))
    u, v = np.where(m == 4, y, x), np.where(m == 4, x, y)  # turn 4 is bar 3 on its side
    caps_uv = np.minimum(np.hypot(u - 0.5, v), np.hypot(u - 0.5, v - 1.0)) - _SIXTH
    bar = np.minimum(np.abs(v - 0.5) - _SIXTH, caps_uv)
    caps_xy = np.minimum(np.hypot(x - 0.5, y), np.hypot(x - 0.5, y - 1.0))
    dots = np.minimum(caps_xy, np.minimum(np.hypot(x, y - 0.5), np.hypot(x - 1.0, y - 0.5)))
    out = np.where(m <= 1, arcs - _SIXTH, cross - _SIXTH)
    out = np.where((m == 3) | (m == 4), bar, out)
    return np.where(m == 5, dots - _SIXTH, out)


@operator(
    "tiling.truchet_multiscale",
    kind="field",
    version=1,
    prepare=_prepare,
    periods=lambda p: SquareGrid(p.repeats, p.rotation).periods(),
    tags=(
        "truchet",
        "multiscale",
        "multi-scale",
        "carlson",
        "winged tiles",
        "quadtree",
        "特鲁谢",
        "多尺度",
        "分形",
    ),
    example_params={
        "repeats": 4,
        "depth": 3,
        "split": 0.3,
        "motifs": "mixed",
        "color_1": 1,
        "color_2": 3,
    },
)
def truchet_multiscale(p: TruchetMultiscaleParams, call: Call) -> np.ndarray:
    """Multi-scale Truchet pattern: Carlson's winged tiles in a random quadtree.

    Every tile holds bands a third of its width that meet each edge in its middle
    third (Smith's arcs, crosses, capped bars). A tile may be split into four
    half-size tiles with the two colours swapped, down to ``depth`` levels; each
    tile also owns *wings*, discs of its ground colour and a third of its width
    about its corners, drawn over larger tiles. Half-size tiles then join the
    bands of their parent's neighbours without a break, and the two colours keep
    alternating across every boundary. The random quadtree is balanced (neighbours
    differ by one level at most, so no band ends against a tile four times larger)
    and repeats over the unit square.

    References
    ----------
    Carlson 2018, "Multi-scale Truchet patterns", *Bridges 2018 Conference
    Proceedings*, 39-44.
    """
    level, motif = call.state
    n = level.shape[0]
    fine = 1 << p.depth
    grid = SquareGrid(p.repeats, p.rotation)
    fp = max(call.footprint, 1e-12)
    tones = np.array([call.palette.role(p.color_1), call.palette.role(p.color_2)])

    def kernel(x, y):
        i, j, fx, fy = grid.local(x, y)
        gx, gy = i * fine + fx * fine, j * fine + fy * fine  # in finest cells
        ci = np.minimum(gx.astype(np.int64), n - 1)
        cj = np.minimum(gy.astype(np.int64), n - 1)
        lev = level[ci, cj]
        size = fine >> lev  # the leaf's size in finest cells
        lx = (gx - (ci // size) * size) / size
        ly = (gy - (cj // size) * size) / size
        sd = motif_sd(motif[ci, cj], lx, ly) * (size / (fine * p.repeats))
        band = np.clip(0.5 - sd / fp, 0.0, 1.0)[:, None]
        odd = lev % 2
        rgb = band * tones[odd] + (1.0 - band) * tones[1 - odd]
        # Wings of smaller tiles next to the leaf: discs of their ground at their corners.
        for lw in range(1, p.depth + 1):
            step = fine >> lw
            qx = np.rint(gx / step) * step
            qy = np.rint(gy / step) * step
            r = step * _THIRD / (fine * p.repeats)  # wing radius, design units
            dist = np.hypot(gx - qx, gy - qy) / (fine * p.repeats)
            near = np.flatnonzero((dist < r + fp) & (lev < lw))
            if near.size == 0:
                continue
            qi, qj = qx[near].astype(np.int64), qy[near].astype(np.int64)
            has = np.zeros(near.size, bool)
            for di in (-step, 0):
                for dj in (-step, 0):
                    has |= level[(qi + di) % n, (qj + dj) % n] == lw
            cov = np.clip(0.5 - (dist[near] - r) / fp, 0.0, 1.0)[:, None] * has[:, None]
            rgb[near] = (1.0 - cov) * rgb[near] + cov * tones[1 - lw % 2]
        return opaque(rgb)

    return chunked(kernel, call.x, call.y, 4)
