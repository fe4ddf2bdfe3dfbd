"""Dip dyeing (ombré): the cloth lowered into the dye bath in steps, dye wicking above it."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.craft._dye import dye_rgba, role_param, smoothstep
from foulard.ops.craft._noise import Noise
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call


@dataclass(frozen=True)
class DipDyeParams(Params):
    angle: float = param(
        -90.0,
        range=(-180.0, 180.0),
        doc="direction the dye climbs from the dipped edge (-90: up from the bottom)",
        unit="degrees",
    )
    reach: float = param(
        0.85, range=(0.05, 1.5), doc="highest dip line, from the dipped edge", unit="design units"
    )
    dips: int = param(5, range=(1, 10), doc="dips, each lower and longer: steps of the ombré")
    softness: float = param(
        0.06, range=(0.002, 0.5), doc="width of each dip's gradient", unit="design units"
    )
    wicking: float = param(
        0.02,
        range=(0.0, 0.1),
        doc="how unevenly dye climbs above each dip line (capillary fingers)",
        unit="design units",
    )
    tide: float = param(
        0.35,
        range=(0.0, 1.0),
        doc="dark tide line where each dye front dried (0: none, a pure monotone ombré)",
    )
    depth: float = param(1.2, range=(0.1, 2.5), doc="dye concentration at the dipped edge")
    dye_color: int = role_param(1, "the dye")
    second_color: int = role_param(
        0, "a second dye dipped from the opposite edge (the ground: none)"
    )
    second_reach: float = param(
        0.3, range=(0.0, 1.5), doc="highest dip line of the second dye", unit="design units"
    )
    ground_color: int = role_param(0, "the undyed cloth")


def prepare(p: DipDyeParams, rng: np.random.Generator) -> dict:
    return {"front": Noise(rng, 32, 4), "grain": Noise(rng, 64, 3)}


def concentration(
    p: DipDyeParams, st: dict, s: np.ndarray, t: np.ndarray, reach: float, depth: float, key: float
) -> np.ndarray:
    """Dye taken up at height ``s`` above the dipped edge (``t`` along it).

    Dip i (of n) immerses the cloth to ``reach * (n - i) / n``; every dip adds
    ``depth / n`` below its own front, eased over ``softness``; fronts wander with
    ``t`` only, so for tide 0 the dye never increases away from the edge.
    """
    n = p.dips
    total = np.zeros_like(s)
    for i in range(n):
        level = reach * (n - i) / n
        lane = st["front"].lattice(t * 10.0 + 7.0 * i + key, 3.0 * i + key)
        finger = st["front"].lattice(t * 32.0 + 3.0 * i + key, 17.0 + i)
        front = level + p.wicking * (1.6 * (lane - 0.5) + 0.6 * (finger - 0.5) + 0.6)
        below = front - s
        total += (depth / n) * smoothstep(-p.softness, p.softness, below)
        if p.tide > 0:
            # Dye carried up with the water is left where the front dried.
            w = 0.12 * p.softness + 0.002
            total += (depth / n) * p.tide * np.exp(-(((below + p.softness) / w) ** 2))
    return total


@operator(
    "craft.dip_dye",
    kind="field",
    version=1,
    output="rgba",
    prepare=prepare,
    tags=(
        "dip dye",
        "ombre",
        "ombré",
        "gradient",
        "dégradé",
        "tide line",
        "浸染",
        "渐变",
        "晕染",
    ),
)
def dip_dye(p: DipDyeParams, call: Call) -> np.ndarray:
    """Dip dyeing: the cloth is dipped deeper and deeper, dye climbing above each dip line.

    Each of ``dips`` immersions reaches a lower line and adds its share of the dye
    below it, so the cloth grades from deep at the dipped edge to pale in steps
    softened over ``softness``. Dye wicks up the threads above each line unevenly
    (``wicking``: a wandering front with fine capillary fingers) and, where a front
    dried, leaves a darker tide line (``tide``). With ``tide`` 0 the concentration
    never increases away from the dipped edge (a monotone ombré). A second dye can
    be dipped from the opposite edge (``second_color``); where the two meet they mix
    as dyes do. Faint streaks along the climb show the threads.

    References
    ----------
    Morimoto, Tanaka, Tsuruno & Tomimatsu 2007, "Visualization of dyeing based on
    diffusion and adsorption theories", Pacific Graphics (capillary wicking).
    Washburn 1921, "The dynamics of capillary flow", Physical Review 17(3).
    """
    st = call.state
    x = np.ravel(call.x)
    y = np.ravel(call.y)
    a = math.radians(p.angle)
    ux, uy = math.cos(a), math.sin(a)
    extent = abs(ux) + abs(uy)  # the square's width along the climb
    s = (x - 0.5) * ux + (y - 0.5) * uy + 0.5 * extent
    t = (y - 0.5) * ux - (x - 0.5) * uy
    grain = st["grain"].lattice(t * 80.0, 0.0) - 0.5  # along the climb only: threads
    conc = concentration(p, st, s, t, p.reach, p.depth, 0.0)
    conc = conc * (1.0 + 0.06 * grain)
    dyes = [(p.dye_color, conc)]
    if p.second_color != p.ground_color and p.second_reach > 0:
        s2 = extent - s
        second = concentration(p, st, s2, -t, p.second_reach, p.depth, 31.0)
        dyes.append((p.second_color, second * (1.0 + 0.06 * grain)))
    out = dye_rgba(call.palette, p.ground_color, dyes)
    return out.reshape(*np.shape(call.x), 4)
