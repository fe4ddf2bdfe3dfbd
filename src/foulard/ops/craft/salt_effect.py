"""Salt on wet silk dye: crystals draw the dye-laden water, leaving pale starbursts."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.craft._discs import DiscGrid
from foulard.ops.craft._dye import role_param, smoothstep
from foulard.ops.craft._noise import Noise
from foulard.ops.craft._wash import Wash
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

TWO_PI = 2.0 * math.pi


@dataclass(frozen=True)
class SaltParams(Params):
    crystals: int = param(320, range=(1, 800), doc="salt crystals over the unit square")
    draw: float = param(
        0.022,
        range=(0.004, 0.08),
        doc="mean radius a crystal draws the dye from",
        unit="design units",
    )
    size_spread: float = param(0.5, range=(0.0, 1.0), doc="spread of crystal sizes (log scale)")
    rays: float = param(
        0.7, range=(0.0, 1.0), doc="how feathery the pale marks are (0: round blots)"
    )
    strength: float = param(0.75, range=(0.1, 1.0), doc="how pale the centre of a mark gets")
    rim: float = param(0.35, range=(0.0, 1.0), doc="dye pushed into a darker rim round each mark")
    dye_color: int = role_param(1, "the wash's main dye")
    second_color: int = role_param(5, "a second dye run into the wash (the ground: none)")
    depth: float = param(1.0, range=(0.3, 1.6), doc="dye concentration of the wash")
    ground_color: int = role_param(0, "the undyed silk")


def prepare(p: SaltParams, rng: np.random.Generator) -> dict:
    xy = rng.random((p.crystals, 2))
    r = p.draw * np.exp(p.size_spread * rng.standard_normal(p.crystals) - 0.5 * p.size_spread**2)
    r = np.clip(r, 0.25 * p.draw, min(0.45, 4.0 * p.draw))
    seeds = rng.uniform(0.0, 64.0, p.crystals)  # where each crystal reads the ray noise
    return {
        "grid": DiscGrid(xy, r),
        "seeds": seeds,
        "rays": Noise(rng, 64, 2),
        "wash": Wash(rng, 2),
        "fibres": Noise(rng, 64, 2),
    }


def bleach(p: SaltParams, st: dict, x: np.ndarray, y: np.ndarray, fp: float):
    """How much dye the salt drew away (0..1), and the rim it left, at 1-D points."""
    grid: DiscGrid = st["grid"]
    mark = np.zeros(x.shape)
    ring = np.zeros(x.shape)
    for idx, dx, dy in grid.blocks(x, y):
        safe = np.maximum(idx, 0)
        r = np.sqrt(dx * dx + dy * dy)
        big_r = grid.r[safe]
        rows, cols = np.nonzero(r < 1.4 * big_r)
        if not rows.size:
            continue
        rn = r[rows, cols]
        bn = big_r[rows, cols]
        theta = np.arctan2(dy[rows, cols], dx[rows, cols])
        # Fine feathery rays: noise round the angle (64 cells a turn, so no seam),
        # broken along the radius; each crystal reads its own stretch of the noise.
        u = theta * (64.0 / TWO_PI)
        v = st["seeds"][safe[rows, cols]] + 2.0 * rn / bn
        star = st["rays"].lattice(u, v)
        reach = bn * (1.0 - 0.7 * p.rays * star)
        q = rn / reach
        soft = 0.15 + fp / bn
        m = (1.0 - smoothstep(1.0 - soft, 1.0 + soft, q)) * (1.0 - 0.55 * smoothstep(0.0, 1.0, q))
        g = np.exp(-(((q - 1.05) / (0.12 + fp / bn)) ** 2))
        np.maximum.at(mark, rows, m)
        np.maximum.at(ring, rows, g)
    return mark, ring


@operator(
    "craft.salt_effect",
    kind="field",
    version=1,
    output="rgba",
    prepare=prepare,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)],
    tags=(
        "salt",
        "silk painting",
        "starburst",
        "crystal",
        "speckle",
        "watercolour",
        "撒盐",
        "盐渍",
        "真丝手绘",
        "晕染",
    ),
)
def salt_effect(p: SaltParams, call: Call) -> np.ndarray:
    """Salt effect: crystals sprinkled on a wet dye wash draw the water, dye and all.

    Each crystal pulls the dye-laden water towards itself, so the silk round it
    dries pale in a starburst (rays along the paths the water took, ``rays``) and
    the dye pushed ahead of the drying front gathers in a darker rim (``rim``).
    Crystals of log-normally spread sizes (``draw``, ``size_spread``) are scattered
    over the unit square; the wash beneath is a wet-in-wet blend of ``colors``
    dyes. Marks are evaluated per crystal from a cell grid (the nearest copy on the
    torus), so the result tiles the square.

    References
    ----------
    Silk-painting practice (salt technique): Kennedy & Varrall 1998, *Silk
    Painting: New Ideas and Textures*.
    Curtis, Anderson, Seims, Fleischer & Salesin 1997, "Computer-generated
    watercolor", SIGGRAPH (water and pigment transport, local sinks).
    """
    st = call.state
    x = np.ravel(call.x)
    y = np.ravel(call.y)
    mark, ring = bleach(p, st, x, y, call.footprint)
    fibre = st["fibres"](x, y) - 0.5
    keep = (1.0 - p.strength * mark) * (1.0 + p.rim * 0.8 * ring) * (1.0 + 0.1 * fibre)
    out = st["wash"].rgba(call.palette, p, x, y, keep)
    return out.reshape(*np.shape(call.x), 4)
