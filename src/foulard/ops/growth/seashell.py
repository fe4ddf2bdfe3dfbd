"""Meinhardt's sea-shell patterns: a 1-D activator-inhibitor system written down in time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.growth._cells import SmoothImage
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

DECAY_A = 0.1  # activator decay (Meinhardt's ra); the autocatalysis rate fluctuates round it
INHIBITION = 0.1  # Michaelis-Menten constant of the inhibition (sb)
THRESHOLD = 0.2  # activator level above which the shell is pigmented


@dataclass(frozen=True)
class SeashellParams(Params):
    cells: int = param(
        320, range=(64, 480), doc="cells along the growing edge (across the unit square)"
    )
    iterations: int = param(
        12, range=(2, 30), doc="time steps per row of shell (steeper lines with fewer)"
    )
    diffusion: float = param(
        0.015, range=(0.002, 0.1), doc="activator diffusion: the slope of oblique lines"
    )
    inhibitor_decay: float = param(
        0.014, range=(0.004, 0.04), doc="decay of the inhibitor: spacing of the waves"
    )
    saturation: float = param(
        0.25, range=(0.05, 1.0), doc="saturation of the autocatalysis: width of the lines"
    )
    hormone: float = param(
        0.1,
        range=(0.01, 0.5),
        doc="decay rate of the global hormone that triggers new waves when few cells "
        "are active (low: slow to react, long empty stretches)",
    )
    fluctuation: float = param(
        0.04, range=(0.0, 0.2), doc="cell-to-cell variation of the autocatalysis"
    )
    seeds: int = param(12, range=(1, 100), doc="active cells in the first row")


def simulate(p: SeashellParams, rng: np.random.Generator, rows: int) -> np.ndarray:
    """The activator along the edge, one row every ``iterations`` steps: ``(rows, cells)``.

    Meinhardt & Klingler's Oliva model with explicit unit steps on a ring of cells:
    ``a' = s a^2 / ((1 + sa a^2)(sb + b)) - ra a + Da a''``,
    ``b' = s a^2 / (1 + sa a^2) - (rb / c) b``, and the hormone
    ``c' = rc (mean(a) - c)``: when few cells are active the hormone falls and
    the inhibitor lives longer, so active cells stay active until they trigger
    waves running backwards.
    """
    n = p.cells
    a = np.zeros(n)
    b = np.full(n, 0.1)
    s = DECAY_A * (1.0 - p.fluctuation + 2.0 * p.fluctuation * rng.random(n))
    a[rng.choice(n, min(p.seeds, n), replace=False)] = 1.0
    c = 0.1
    da, sa, rb, rc = p.diffusion, p.saturation, p.inhibitor_decay, p.hormone
    keep_a = 1.0 - DECAY_A - 2.0 * da
    out = np.empty((rows, n), np.float32)
    for row in range(rows):
        for _ in range(p.iterations):
            a2 = a * a
            auto = s * a2 / (1.0 + sa * a2)
            neighbours = np.roll(a, 1) + np.roll(a, -1)
            decay_b = rb / c
            a, b = (
                keep_a * a + da * neighbours + auto / (INHIBITION + b),
                (1.0 - decay_b) * b + auto,
            )
            c = max(c * (1.0 - rc) + rc * float(a.mean()), 1e-6)
        np.minimum(a, 1e3, out=a)  # (saturation bounds it far below; a guard for float)
        np.minimum(b, 1e6, out=b)
        out[row] = a
    return out


def _prepare(p: SeashellParams, rng: np.random.Generator) -> SmoothImage:
    rows = int(np.ceil(p.cells * 1.15))  # down past the bottom edge (hem of a master)
    a = simulate(p, rng, rows)
    # Pigment: a smooth step round Meinhardt's threshold.
    t = np.clip((a - 0.5 * THRESHOLD) / THRESHOLD, 0.0, 1.0)
    pigment = t * t * (3.0 - 2.0 * t)
    return SmoothImage(pigment, (0.0, 0.0, 1.0, rows / p.cells), periodic=(True, False))


@operator(
    "growth.seashell",
    kind="field",
    version=1,
    output="value",
    prepare=_prepare,
    periods=lambda p: [(1.0, 0.0)],
    tags=(
        "seashell",
        "shell pattern",
        "oliva",
        "cone shell",
        "triangles",
        "chevron",
        "贝壳纹",
        "芋螺",
        "三角纹",
    ),
)
def seashell(p: SeashellParams, call: Call) -> np.ndarray:
    """Sea-shell pattern: Meinhardt's activator-inhibitor model along a growing edge.

    The shell's edge is a ring of ``cells`` (it wraps, so the pattern tiles across);
    its state is written down as a new row every ``iterations`` time steps, from
    the top edge downwards, as a snail lays down pigment while its shell grows. An
    autocatalytic activator bursts and is shut off by a slowly decaying inhibitor,
    so activation travels as waves: oblique lines, which annihilate where they
    meet (chevrons); a global hormone that falls when few cells are active
    lengthens the inhibitor's life and triggers backward waves, giving the nested
    triangles of *Oliva porphyria* and cone shells. The output is pigment (a
    smooth step round the activator threshold 0.2), interpolated between cells;
    above the top edge it continues the first row.

    References
    ----------
    Meinhardt & Klingler 1987, "A model for pattern formation on the shells of
    molluscs", Journal of Theoretical Biology 126(1).
    Meinhardt 1995, *The Algorithmic Beauty of Sea Shells*, Springer.
    Fowler, Meinhardt & Prusinkiewicz 1992, "Modeling seashells", SIGGRAPH.
    """
    return call.state.sample(call.x, call.y)
