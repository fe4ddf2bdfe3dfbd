"""Spiral tie-dye: cloth twisted into a disc, bound into wedges, each wedge its own dye."""

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

TWO_PI = 2.0 * math.pi


@dataclass(frozen=True)
class SpiralParams(Params):
    x: float = param(0.5, range=(-0.5, 1.5), doc="centre of the twist, across", unit="design units")
    y: float = param(0.5, range=(-0.5, 1.5), doc="centre of the twist, down", unit="design units")
    arms: int = param(6, range=(1, 16), doc="wedges the bands cut the twisted disc into")
    twist: float = param(
        1.6, range=(-6.0, 6.0), doc="turns of the spiral per unit of radius (sign: sense)"
    )
    gap: float = param(
        0.2, range=(0.0, 0.6), doc="width of the pale lines the bands left, as a share of a wedge"
    )
    bleed: float = param(
        0.08, range=(0.005, 0.4), doc="how far neighbouring dyes run into each other (wedge share)"
    )
    crinkle: float = param(
        0.6, range=(0.0, 1.0), doc="strength of the pale veins of the crumpled folds"
    )
    first_color: int = role_param(2, "the first wedge's dye")
    colors: int = param(3, range=(1, 8), doc="dyes, from first_color on, wedge after wedge")
    depth: float = param(1.0, range=(0.3, 1.6), doc="dye concentration")
    ground_color: int = role_param(0, "the undyed cloth")


def prepare(p: SpiralParams, rng: np.random.Generator) -> dict:
    return {"veins": Noise(rng, 64, 3), "edge": Noise(rng, 32, 3), "drift": Noise(rng, 8, 3)}


@operator(
    "craft.tie_dye_spiral",
    kind="field",
    version=1,
    output="rgba",
    prepare=prepare,
    tags=(
        "tie-dye",
        "spiral",
        "swirl",
        "hippie",
        "psychedelic",
        "rainbow",
        "扎染",
        "螺旋扎染",
        "旋涡",
    ),
)
def tie_dye_spiral(p: SpiralParams, call: Call) -> np.ndarray:
    """Spiral tie-dye: the cloth is twisted flat into a disc, banded into wedges and dyed.

    Pinched at the centre and twisted, the cloth lies in a flat spiral of folds;
    bands across the disc cut it into ``arms`` wedges, each squirted with its own
    dye. Unfolded, the wedges are spiral arms ``theta / 2pi + twist * r`` (in turns)
    that cycle through the dye roles; the bands leave pale lines between them
    (``gap``), neighbouring dyes run into each other and mix as dyes do (yellow
    over red makes orange), the crumpled folds leave pale veins along the arms
    (``crinkle``) and the tightly twisted centre stays pale. Concentrations come
    from the spiral coordinate and smooth noise drawn in ``prepare``, pointwise.

    References
    ----------
    Morimoto, Tanaka, Tsuruno & Tomimatsu 2007, "Visualization of dyeing based on
    diffusion and adsorption theories", Pacific Graphics (dyeing framework).
    Wada, Rice & Barton 1983, *Shibori: The Inventive Art of Japanese Shaped
    Resist Dyeing*, Kodansha (twisting and binding).
    """
    st = call.state
    x = np.ravel(call.x)
    y = np.ravel(call.y)
    dx = x - p.x
    dy = y - p.y
    r = np.sqrt(dx * dx + dy * dy)
    theta = np.arctan2(dy, dx)
    psi = theta / TWO_PI + p.twist * r
    # The folds wander: the arms' edges are not clean spirals.
    drift = st["drift"].lattice(np.cos(theta) * 2.0 + 4.0, r * 6.0 + np.sin(theta) * 2.0) - 0.5
    w = p.arms * psi + 0.5 * drift
    # Noise along w repeats once round the circle (w grows by ``arms`` per turn): no seam.
    edge_noise = st["edge"].lattice(w * (32.0 / p.arms), r * 24.0) - 0.5
    w_edge = w + 0.25 * edge_noise
    base = np.floor(w_edge)
    # The footprint in wedge units: the arms narrow towards the centre.
    foot = (
        call.footprint * p.arms * np.sqrt(1.0 / np.maximum(r, 1e-6) ** 2 / TWO_PI**2 + p.twist**2)
    )
    dyes = []
    for shift in (-1, 0, 1):
        j = base + shift
        inside = 0.5 - np.abs(w_edge - (j + 0.5))  # > 0 inside wedge j (wedge units)
        soft = p.bleed + foot
        conc = smoothstep(-soft, soft, inside - 0.5 * p.gap)
        role_idx = (j % p.arms) % p.colors
        for c in range(p.colors):
            part = np.where(role_idx == c, conc, 0.0)
            dyes.append((p.first_color + c, part))
    # Merge the parts of each role.
    merged: dict[int, np.ndarray] = {}
    for role, part in dyes:
        merged[role] = merged.get(role, 0.0) + part
    # Pale veins along the arms where the crumpled folds were pressed tight.
    veins = st["veins"].lattice(w * (64.0 / p.arms), r * 10.0)
    vein = smoothstep(0.58, 0.72, veins) * p.crinkle
    centre = smoothstep(0.0, 0.05, r)  # the pinched centre stays pale
    keep = p.depth * (1.0 - 0.8 * vein) * (0.35 + 0.65 * centre)
    out = dye_rgba(
        call.palette, p.ground_color, [(role, keep * conc) for role, conc in merged.items()]
    )
    return out.reshape(*np.shape(call.x), 4)
