"""Alcohol (or water) drops on wet dye: pale blooms ringed by dark, ragged halos."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.craft._discs import DiscGrid, scatter_discs
from foulard.ops.craft._dye import role_param, smoothstep
from foulard.ops.craft._noise import Noise
from foulard.ops.craft._wash import Wash
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

TWO_PI = 2.0 * math.pi


@dataclass(frozen=True)
class BloomParams(Params):
    drops: int = param(26, range=(1, 150), doc="drops over the unit square, in the order let fall")
    radius: float = param(
        0.09, range=(0.01, 0.15), doc="mean radius a drop spreads to", unit="design units"
    )
    size_spread: float = param(0.45, range=(0.0, 1.0), doc="spread of drop sizes (log scale)")
    ragged: float = param(
        0.6, range=(0.0, 1.0), doc="how cauliflower-like the bloom edges are (0: round)"
    )
    pale: float = param(0.7, range=(0.0, 1.0), doc="how much dye a drop pushes out of its centre")
    halo: float = param(0.9, range=(0.0, 2.0), doc="dye piled into the dark rim")
    halo_width: float = param(
        0.05, range=(0.01, 0.15), doc="width of the rim, as a share of the bloom's radius"
    )
    dye_color: int = role_param(4, "the wash's main dye")
    second_color: int = role_param(1, "a second dye run into the wash (the ground: none)")
    depth: float = param(0.9, range=(0.3, 1.6), doc="dye concentration of the wash")
    ground_color: int = role_param(0, "the undyed silk")


def prepare(p: BloomParams, rng: np.random.Generator) -> dict:
    xy = scatter_discs(rng, p.drops, min_gap=0.6 * p.radius)
    r = p.radius * np.exp(p.size_spread * rng.standard_normal(p.drops) - 0.5 * p.size_spread**2)
    reach = 1.0 + 0.3 * p.ragged + 2.0 * p.halo_width  # rim and halo beyond the radius
    r = np.clip(r, 0.3 * p.radius, min(0.45 / reach, 3.0 * p.radius))
    return {
        "grid": DiscGrid(xy, r * reach),
        "radius": r,
        "seeds": rng.uniform(0.0, 16.0, p.drops),
        "edge": Noise(rng, 16, 3, gain=0.6),
        "wash": Wash(rng, 2),
    }


def blooms(p: BloomParams, st: dict, x: np.ndarray, y: np.ndarray, fp: float) -> np.ndarray:
    """Factor on the wash's dye at 1-D points after every drop, in the order they fell."""
    grid: DiscGrid = st["grid"]
    factor = np.ones(x.shape)
    # A cell's drops are listed in the order they fell: apply them slot by slot.
    for idx, dx, dy in grid.blocks(x, y):
        for j in range(idx.shape[1]):
            live = np.flatnonzero(idx[:, j] >= 0)
            if live.size:
                _bloom(p, st, factor, live, idx[live, j], dx[live, j], dy[live, j], fp)
    return factor


def _bloom(p: BloomParams, st: dict, factor, live, kk, ddx, ddy, fp: float) -> None:
    """Apply drop ``kk`` (one per point) to the points ``live`` of ``factor``."""
    r = np.sqrt(ddx * ddx + ddy * ddy)
    big_r = st["radius"][kk]
    theta = np.arctan2(ddy, ddx)
    # Cauliflower edge: round lobes of several sizes (16 cells a turn: no seam).
    bumps = st["edge"].lattice(theta * (16.0 / TWO_PI), st["seeds"][kk]) - 0.5
    edge_r = big_r * (1.0 + 0.45 * p.ragged * bumps)
    q = r / edge_r
    w = p.halo_width + fp / big_r
    inside = 1.0 - smoothstep(1.0 - w, 1.0, q)
    # The drop pushes dye out of its middle (palest at the centre) into its rim.
    push = p.pale * inside * (1.0 - 0.35 * q * q)
    rim = np.exp(-(((q - 1.0 + 0.5 * w) / w) ** 2))
    f = factor[live]
    factor[live] = f * (1.0 - push) + p.halo * rim * f


@operator(
    "craft.alcohol_bloom",
    kind="field",
    version=1,
    output="rgba",
    prepare=prepare,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)],
    tags=(
        "alcohol ink",
        "bloom",
        "backrun",
        "cauliflower",
        "silk painting",
        "watercolour",
        "酒精晕染",
        "水渍",
        "晕染",
        "真丝手绘",
    ),
)
def alcohol_bloom(p: BloomParams, call: Call) -> np.ndarray:
    """Alcohol bloom: drops on a wet dye wash push the dye outward into dark, ragged rims.

    Each drop spreads to its radius and carries the dye with it: the middle dries
    pale (``pale``) and the dye piles up at the front into a dark halo (``halo``,
    ``halo_width``) whose edge is ragged like a cauliflower (``ragged``: bumps of
    several sizes round the rim). Drops fall one after another, so a later drop
    pales the halos of earlier ones it lands on and pushes them into its own rim:
    the overlapping blooms of alcohol ink and the backruns of watercolour. Drops are
    kept a little apart and found per point through a cell grid on the torus, so
    the result tiles the unit square; the wash is a wet-in-wet blend of two dyes.

    References
    ----------
    Curtis, Anderson, Seims, Fleischer & Salesin 1997, "Computer-generated
    watercolor", SIGGRAPH (backruns and edge darkening).
    Silk-painting practice (alcohol technique): Kennedy & Varrall 1998, *Silk
    Painting: New Ideas and Textures*.
    """
    st = call.state
    x = np.ravel(call.x)
    y = np.ravel(call.y)
    factor = blooms(p, st, x, y, call.footprint)
    out = st["wash"].rgba(call.palette, p, x, y, factor)
    return out.reshape(*np.shape(call.x), 4)
