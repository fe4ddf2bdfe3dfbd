"""Cyclic cellular automata: n states eat each other in turn and organise into spirals."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.grid import GridSpec
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import GridCall

#: Griffeath's named rules: (range, threshold, states, neighbourhood).
PRESETS: dict[str, tuple[int, int, int, str]] = {
    "313": (1, 3, 3, "moore"),
    "cyclic_spirals": (3, 5, 8, "moore"),
    "squarish_spirals": (2, 2, 6, "von_neumann"),
    "amoeba": (3, 10, 2, "von_neumann"),
    "lava_lamp": (2, 10, 3, "moore"),
    "perfect_spirals": (1, 3, 4, "moore"),
    "cca": (1, 1, 14, "von_neumann"),
}


@dataclass(frozen=True)
class CyclicCAParams(Params):
    states: int = param(8, range=(2, 24), doc="number of states in the cycle")
    threshold: int = param(
        5, range=(1, 24), doc="neighbours in the next state needed for a cell to advance"
    )
    reach: int = param(3, range=(1, 3), doc="neighbourhood range, in cells")
    neighbourhood: str = param(
        "moore", choices=("moore", "von_neumann"), doc="square or diamond neighbourhood"
    )
    cells: int = param(200, range=(48, 256), doc="cells across the unit square (it wraps)")
    steps: int = param(250, range=(1, 400), doc="generations")
    first_role: int = param(1, range=(0, 47), doc="palette role of state 0")
    roles: int = param(
        5, range=(1, 48), doc="palette roles the states cycle through (blended between)"
    )


def _grid(p: CyclicCAParams) -> GridSpec:
    return GridSpec.unit(p.cells, periodic=True)


def offsets(reach: int, neighbourhood: str) -> list[tuple[int, int]]:
    out = []
    for dy in range(-reach, reach + 1):
        for dx in range(-reach, reach + 1):
            if (dx, dy) == (0, 0):
                continue
            if neighbourhood == "von_neumann" and abs(dx) + abs(dy) > reach:
                continue
            out.append((dy, dx))
    return out


def step(state: np.ndarray, n: int, threshold: int, offs: list[tuple[int, int]]) -> np.ndarray:
    """One synchronous generation on the torus.

    A cell in state s moves to s + 1 (mod n) when at least ``threshold`` of its
    neighbours are already in state s + 1.
    """
    nxt = state + 1
    nxt[nxt == n] = 0
    r = max(max(abs(dy), abs(dx)) for dy, dx in offs)
    h, w = state.shape
    padded = np.pad(state, r, mode="wrap")
    count = np.zeros(state.shape, np.uint8)
    for dy, dx in offs:
        count += padded[r + dy : r + dy + h, r + dx : r + dx + w] == nxt
    return np.where(count >= threshold, nxt, state)


def simulate(p: CyclicCAParams, rng: np.random.Generator) -> np.ndarray:
    offs = offsets(p.reach, p.neighbourhood)
    state = rng.integers(0, p.states, (p.cells, p.cells)).astype(np.int8)
    for _ in range(p.steps):
        new = step(state, p.states, p.threshold, offs)
        if np.array_equal(new, state):
            break  # fixed: nothing more will change
        state = new
    return state


@operator(
    "growth.cyclic_ca",
    kind="grid",
    version=1,
    output="rgba",
    grid=_grid,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)],
    tags=(
        "cyclic cellular automaton",
        "spirals",
        "griffeath",
        "demon",
        "循环元胞自动机",
        "螺旋",
        "漩涡",
    ),
)
def cyclic_ca(p: CyclicCAParams, call: GridCall) -> np.ndarray:
    """Cyclic cellular automaton: each state is eaten by the next, and spirals self-organise.

    Fisch, Gravner and Griffeath's model: ``states`` colours in a cycle; a cell
    advances to the next state when at least ``threshold`` of its neighbours
    (within ``reach``, square Moore or diamond von Neumann neighbourhood) already
    have it. From random noise (the node's generator) the torus passes through
    debris and droplets and, for suitable rules, ends in interlocking spiral
    "demons". Named rules (``PRESETS``, Griffeath's names): 313, cyclic spirals
    (the default: range 3, threshold 5, 8 states, Moore), squarish spirals, amoeba,
    lava lamp, perfect spirals, and the original CCA. State k takes a colour
    blended along the cycle of ``roles`` palette roles from ``first_role``, so the
    spiral arms run smoothly through the palette. The grid wraps (seamless).

    References
    ----------
    Fisch, Gravner & Griffeath 1991, "Threshold-range scaling of excitable cellular
    automata", Statistics and Computing 1(1).
    Griffeath, "Primordial Soup Kitchen" (psoup.math.wisc.edu), cyclic CA rule
    gallery.
    """
    state = simulate(p, call.rng)
    roles = np.array([call.palette.role(p.first_role + i) for i in range(p.roles)], np.float32)
    # State k sits at k / states of the way round a closed loop through the roles.
    t = np.arange(p.states) / p.states * p.roles
    i0 = np.floor(t).astype(np.int64) % p.roles
    i1 = (i0 + 1) % p.roles
    f = (t - np.floor(t))[:, None].astype(np.float32)
    lut = np.ones((p.states, 4), np.float32)
    lut[:, :3] = roles[i0] * (1.0 - f) + roles[i1] * f
    return lut[state]
