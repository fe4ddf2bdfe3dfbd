"""Elementary cellular automata: Wolfram's 256 rules, one row per generation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.growth._cells import CellImage
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

STARTS = ("single", "random", "sparse")


@dataclass(frozen=True)
class ElementaryCAParams(Params):
    rule: int = param(90, range=(0, 255), doc="Wolfram rule number (90: Sierpinski, 30: chaos)")
    cells: int = param(
        96, range=(8, 512), doc="cells across the unit square (the row wraps around)"
    )
    start: str = param(
        "single",
        choices=STARTS,
        doc="first row: one live cell in the middle, random cells, or a few scattered ones",
    )
    density: float = param(0.5, range=(0.0, 1.0), doc="share of live cells in a random first row")
    warmup: int = param(
        0, range=(0, 500), doc="generations run before the first row shown (random starts)"
    )
    live_role: int = param(1, range=(0, 47), doc="palette role of live cells")
    dead_role: int = param(0, range=(0, 47), doc="palette role of dead cells")


def rule_table(rule: int) -> np.ndarray:
    """New state for each neighbourhood (left, centre, right) read as a 3-bit number."""
    return np.array([(rule >> k) & 1 for k in range(8)], np.uint8)


def evolve(row: np.ndarray, rule: int, generations: int) -> np.ndarray:
    """``generations`` rows after ``row`` (inclusive: the first row is ``row``), wrapping."""
    table = rule_table(rule)
    out = np.empty((generations, row.size), np.uint8)
    cur = row.astype(np.uint8)
    for g in range(generations):
        out[g] = cur
        cur = table[(np.roll(cur, 1) << 2) | (cur << 1) | np.roll(cur, -1)]
    return out


def first_row(p: ElementaryCAParams, rng: np.random.Generator) -> np.ndarray:
    row = np.zeros(p.cells, np.uint8)
    if p.start == "single":
        row[p.cells // 2] = 1
    elif p.start == "random":
        row[:] = rng.random(p.cells) < p.density
    else:
        row[rng.choice(p.cells, max(1, p.cells // 24), replace=False)] = 1
    if p.warmup:
        row = evolve(row, p.rule, p.warmup + 1)[-1]
    return row


def _prepare(p: ElementaryCAParams, rng: np.random.Generator) -> CellImage:
    # Rows down to a little past the bottom of the square (the hem of a master).
    rows = int(np.ceil(p.cells * 1.15))
    table = evolve(first_row(p, rng), p.rule, rows)
    return CellImage(table, (0.0, 0.0, 1.0, rows / p.cells), periodic=(True, False))


@operator(
    "growth.elementary_ca",
    kind="field",
    version=1,
    output="rgba",
    prepare=_prepare,
    periods=lambda p: [(1.0, 0.0)],
    tags=(
        "cellular automaton",
        "wolfram",
        "rule 30",
        "rule 90",
        "sierpinski",
        "woven band",
        "元胞自动机",
        "谢尔宾斯基",
        "织带纹",
    ),
)
def elementary_ca(p: ElementaryCAParams, call: Call) -> np.ndarray:
    """Elementary cellular automaton: a row of cells, each generation a new row below.

    Each cell's next state is looked up from its own state and its two
    neighbours' (eight cases, the bits of Wolfram's rule number: 90 draws the
    Sierpinski triangle, 30 chaos, 110 interacting structures, 150 an XOR
    lattice). The row wraps around (period 1 across the square) and generations
    run down from the top edge, ``cells`` across, square cells; above the top edge
    the field is dead. The first row is a single live cell, random cells (with an
    optional warm-up, hidden) or a few scattered ones. Cells are exact squares,
    box-filtered with the pixel footprint: crisp at any resolution. Colours are
    palette roles.

    References
    ----------
    Wolfram 1983, "Statistical mechanics of cellular automata", Reviews of Modern
    Physics 55(3).
    Wolfram 2002, *A New Kind of Science*, Wolfram Media, ch. 2-3.
    """
    live = np.array([*call.palette.role(p.live_role), 1.0], np.float32)
    dead = np.array([*call.palette.role(p.dead_role), 1.0], np.float32)
    share = call.state.sample(call.x, call.y, call.footprint).astype(np.float32)
    return dead + share * (live - dead)
