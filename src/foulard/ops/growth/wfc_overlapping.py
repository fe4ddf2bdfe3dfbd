"""Wave function collapse (overlapping model): new pattern grown from a small sample."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.growth._cells import CellImage
from foulard.ops.growth._wfc import Patterns, collapse
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

#: Small periodic samples; a digit k is palette role ``k`` (0 = ground) after the
#: shift by ``first_role`` of every non-zero digit.
SAMPLES: dict[str, tuple[str, ...]] = {
    "maze": (
        "11111111",
        "10000010",
        "10111010",
        "10100010",
        "10101110",
        "10001000",
        "11101011",
        "00001000",
    ),
    "blossoms": (
        "0000000000",
        "0002000000",
        "0023200000",
        "0002000020",
        "0000400232",
        "0000400020",
        "0004400040",
        "0000400440",
        "0000400040",
        "0000000000",
    ),
    "fret": (
        "1111111000",
        "1000001000",
        "1011101000",
        "1010101000",
        "1010111111",
        "1010000001",
        "1011111101",
        "1000000101",
        "1111110101",
        "0000010101",
    ),
    "kilim": (
        "00010000000100",
        "00121000001210",
        "01232100012321",
        "12343210123432",
        "01232100012321",
        "00121000001210",
        "00010000000100",
        "10000000100000",
        "21000001210000",
        "32100012321000",
        "43210123432100",
        "32100012321000",
        "21000001210000",
        "10000000100000",
    ),
}


@dataclass(frozen=True)
class WFCParams(Params):
    sample: str = param("kilim", choices=tuple(SAMPLES), doc="the built-in sample to learn from")
    window: int = param(3, range=(2, 3), doc="pattern size N (3: closer to the sample)")
    symmetry: int = param(
        8, range=(1, 8), doc="sample images used: 1, 2 (mirror), 4 (turns) or 8 (both)"
    )
    cells: int = param(36, range=(12, 48), doc="output cells across the unit square (it wraps)")
    first_role: int = param(1, range=(0, 47), doc="palette role of sample colour 1")


def _symmetry(k: int) -> int:
    return 8 if k >= 8 else 4 if k >= 4 else 2 if k >= 2 else 1


def _prepare(p: WFCParams, rng: np.random.Generator) -> tuple[CellImage, int]:
    sample = np.array([[int(c) for c in row] for row in SAMPLES[p.sample]], np.int64)
    pats = Patterns(sample, p.window, _symmetry(p.symmetry))
    grid = collapse(pats, p.cells, p.cells, rng)
    colour = pats.patterns[grid, 0, 0]  # each cell shows its pattern's corner
    k = int(sample.max()) + 1
    onehot = (colour[..., None] == np.arange(k)).astype(np.float64)
    return CellImage(onehot, periodic=(True, True)), k


@operator(
    "growth.wfc_overlapping",
    kind="field",
    version=1,
    output="rgba",
    prepare=_prepare,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)],
    tags=(
        "wave function collapse",
        "wfc",
        "texture synthesis",
        "kilim",
        "maze",
        "pixel pattern",
        "波函数坍缩",
        "纹样生成",
        "迷宫",
        "挑花",
    ),
)
def wfc_overlapping(p: WFCParams, call: Call) -> np.ndarray:
    """Wave function collapse (overlapping model): a new pattern, locally like a sample.

    Gumin's algorithm: every N x N window of a small built-in sample (and its
    turned and mirrored images, per ``symmetry``) is a pattern, weighted by how
    often it occurs; two patterns may be neighbours when they agree on their
    overlap. The output grid (a torus, so it tiles) starts with every pattern
    possible in every cell; repeatedly, the cells of least entropy are collapsed to
    a single pattern drawn by weight and the constraint is propagated to their
    neighbours (arc consistency), until every cell is decided. Locally every N x N
    window of the result occurs in the sample, globally it is new. Samples:
    kilim diamonds, maze, a meander fret, scattered blossoms. Cells
    are exact squares (box-filtered, crisp at any size) in palette roles: sample
    colour 0 is the ground, colour k is role ``first_role + k - 1``. If the
    constraints contradict themselves the run restarts (a few times), then keeps
    the best it has.

    References
    ----------
    Gumin 2016, "WaveFunctionCollapse", github.com/mxgmn/WaveFunctionCollapse
    (bitmap and tilemap generation from a single example).
    Karth & Smith 2017, "WaveFunctionCollapse is constraint solving in the wild",
    Foundations of Digital Games.
    """
    image, k = call.state
    colors = np.zeros((k, 4), np.float32)
    colors[:, 3] = 1.0
    colors[0, :3] = call.palette.role(0)
    for i in range(1, k):
        colors[i, :3] = call.palette.role(p.first_role + i - 1)
    share = image.sample(call.x, call.y, call.footprint).astype(np.float32)
    return share @ colors
