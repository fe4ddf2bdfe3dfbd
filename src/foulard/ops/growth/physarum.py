"""Physarum transport networks: agents follow and lay a diffusing trail (slime mould)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.grid import GridSpec
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import GridCall

SENSOR_CELLS = 5.0  # sensor offset in cells (Jones: 9): fixes the grid for a given scale


@dataclass(frozen=True)
class PhysarumParams(Params):
    scale: float = param(
        0.022,
        range=(0.02, 0.08),
        doc="how far ahead agents sense the trail (sets the mesh size of the network)",
        unit="design units",
    )
    population: float = param(0.15, range=(0.02, 0.5), doc="share of grid cells holding an agent")
    sensor_angle: float = param(
        22.5,
        range=(5.0, 90.0),
        doc="angle between the forward and side sensors",
        unit="degrees",
    )
    turn_angle: float = param(
        45.0, range=(5.0, 90.0), doc="how far an agent turns per step", unit="degrees"
    )
    decay: float = param(0.1, range=(0.01, 0.5), doc="share of the trail that fades each step")
    steps: int = param(250, range=(10, 500), doc="simulation steps")
    start: str = param(
        "scatter",
        choices=("scatter", "disc"),
        doc="agents spread over the square, or packed in a central disc facing outwards",
    )


def _cells(p: PhysarumParams) -> int:
    return int(np.clip(round(SENSOR_CELLS / p.scale), 64, 256))


def _grid(p: PhysarumParams) -> GridSpec:
    return GridSpec.unit(_cells(p), periodic=True)


def _diffuse(trail: np.ndarray) -> np.ndarray:
    """Mean over each cell's 3 x 3 neighbourhood, wrapping (separable box filter)."""
    rows = trail + np.roll(trail, 1, 0) + np.roll(trail, -1, 0)
    return (rows + np.roll(rows, 1, 1) + np.roll(rows, -1, 1)) * np.float32(1.0 / 9.0)


_TURN = 4096  # headings are whole steps of 1/4096 turn: trigonometry by table look-up
_COS = np.cos(np.arange(_TURN) * (2.0 * math.pi / _TURN)).astype(np.float32)
_SIN = np.sin(np.arange(_TURN) * (2.0 * math.pi / _TURN)).astype(np.float32)


def _wrap(v: np.ndarray, n: float) -> np.ndarray:
    """Positions moved less than one period back into [0, n)."""
    v = np.where(v >= n, v - n, v)
    v = np.where(v < 0, v + n, v)
    return np.where(v >= n, np.float32(0.0), v)  # (v + n could round up to n)


def simulate(p: PhysarumParams, rng: np.random.Generator, n: int) -> np.ndarray:
    """The trail map after ``steps`` rounds of move, deposit, sense, turn, diffuse, decay.

    At most one agent per cell: an agent whose next cell is taken (or claimed by
    another agent in the same step; the winner is drawn at random) stays put and
    turns to a random heading, as in Jones's model. This crowding is what opens
    the trail into a network of veins round empty lacunae.
    """
    count = max(1, min(round(p.population * n * n), n * n))
    if p.start == "disc":
        r = 0.3 * n * np.sqrt(rng.random(4 * count))
        a = rng.random(4 * count) * 2.0 * math.pi
        spots = (np.floor(0.5 * n + r * np.sin(a)).astype(np.int64) % n) * n + np.floor(
            0.5 * n + r * np.cos(a)
        ).astype(np.int64) % n
        cells = rng.permutation(np.unique(spots))[:count]
        count = len(cells)
        ang = np.arctan2((cells // n) + 0.5 - 0.5 * n, (cells % n) + 0.5 - 0.5 * n)
        heading = np.mod(np.round(ang * (_TURN / (2.0 * math.pi))), _TURN).astype(np.int64)
    else:
        cells = rng.choice(n * n, count, replace=False)
        heading = rng.integers(0, _TURN, count)
    x = ((cells % n) + 0.5).astype(np.float32)
    y = ((cells // n) + 0.5).astype(np.float32)
    occupied = np.zeros(n * n, bool)
    occupied[cells] = True
    claim = np.full(n * n, np.inf)
    m = math.ceil(SENSOR_CELLS) + 2  # wrapped margin around the trail for sensing
    padded = np.zeros((n + 2 * m, n + 2 * m), np.float32)
    trail = np.zeros((n, n), np.float32)
    sa = round(p.sensor_angle / 360.0 * _TURN)
    ra = round(p.turn_angle / 360.0 * _TURN)
    so = np.float32(SENSOR_CELLS)
    keep = np.float32(1.0 - p.decay)
    deposit = np.float32(5.0)
    nf = np.float32(n)
    width = n + 2 * m

    def sense(turn: int) -> np.ndarray:
        h = (heading + turn) % _TURN
        ix = (x + so * _COS[h]).astype(np.int64) + m
        iy = (y + so * _SIN[h]).astype(np.int64) + m
        return padded.ravel()[iy * width + ix]

    for _ in range(p.steps):
        # Move: one cell ahead, if the cell is free and this agent wins it.
        nx = _wrap(x + _COS[heading], nf)
        ny = _wrap(y + _SIN[heading], nf)
        here = y.astype(np.int64) * n + x.astype(np.int64)
        there = ny.astype(np.int64) * n + nx.astype(np.int64)
        free = ~occupied[there] | (there == here)
        cand = np.flatnonzero(free)
        priority = rng.random(cand.size)
        np.minimum.at(claim, there[cand], priority)
        win = np.zeros(count, bool)
        win[cand[claim[there[cand]] == priority]] = True
        claim[there[cand]] = np.inf
        occupied[here[win]] = False
        occupied[there[win]] = True
        x = np.where(win, nx, x)
        y = np.where(win, ny, y)
        heading = np.where(win, heading, rng.integers(0, _TURN, count))
        trail.ravel()[:] += np.bincount(there[win], minlength=n * n).astype(np.float32) * deposit
        # Sense ahead and to either side (trail padded by wrapping, so no modulo).
        padded[m:-m, m:-m] = trail
        padded[:m, m:-m] = trail[-m:]
        padded[-m:, m:-m] = trail[:m]
        padded[:, :m] = padded[:, n : n + m]
        padded[:, -m:] = padded[:, m : 2 * m]
        f = sense(0)
        left = sense(-sa)
        right = sense(sa)
        # Keep on if ahead is strongest, turn towards the stronger side, or turn at
        # random when ahead is the weakest.
        coin = rng.random(count) < 0.5
        turn = np.where(left > right, -ra, ra)
        turn = np.where((f < left) & (f < right), np.where(coin, -ra, ra), turn)
        turn = np.where((f >= left) & (f >= right), 0, turn)
        heading = (heading + turn) % _TURN
        trail = _diffuse(trail) * keep
    return trail


@operator(
    "growth.physarum",
    kind="grid",
    version=1,
    output="value",
    grid=_grid,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)],
    tags=(
        "physarum",
        "slime mould",
        "network",
        "veins",
        "lace",
        "黏菌",
        "网络纹",
        "脉络",
        "蕾丝",
    ),
)
def physarum(p: PhysarumParams, call: GridCall) -> np.ndarray:
    """Physarum transport network: agents sense, follow and lay a diffusing trail.

    Jeff Jones's model of *Physarum polycephalum*: agents (at most one per cell)
    step one cell ahead and deposit trail; an agent whose next cell is taken stays
    and picks a random heading. Each then senses the trail ahead and
    ``sensor_angle`` to either side, five cells away: it goes on if ahead is
    strongest, turns by ``turn_angle`` towards the stronger side, or turns at
    random if ahead is weakest. The trail diffuses (3 x 3 mean) and fades by
    ``decay`` every step. The agents' crowding and trail-following condense the
    trail into a network of veins round empty lacunae, coarse or fine with
    ``scale`` (the sensing distance in design units, which sets the grid). The
    torus wraps, so the network tiles. The output is the trail, its top 0.5 %
    clipped.

    References
    ----------
    Jones 2010, "Characteristics of pattern formation and evolution in
    approximations of Physarum transport networks", Artificial Life 16(2).
    """
    trail = simulate(p, call.rng, call.grid.width)
    top = float(np.percentile(trail, 99.5))
    if not top > 0:
        return np.zeros_like(trail)
    return np.clip(trail / np.float32(top), 0.0, 1.0).astype(np.float32)
