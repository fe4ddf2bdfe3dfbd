"""Arashi shibori (嵐絞り): cloth wrapped on a pole, bound and pushed down: storm lines."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.craft._dye import box_pulse, dye_rgba, role_param
from foulard.ops.craft._noise import Noise
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call


@dataclass(frozen=True)
class ArashiParams(Params):
    angle: float = param(
        35.0, range=(-90.0, 90.0), doc="direction of the storm lines (0: across)", unit="degrees"
    )
    spacing: float = param(
        0.009, range=(0.003, 0.06), doc="mean distance between pleats", unit="design units"
    )
    irregularity: float = param(
        0.6, range=(0.0, 1.0), doc="how unevenly the pleats are spaced and dyed"
    )
    wave: float = param(
        0.8, range=(0.0, 2.0), doc="how much the lines wander along their length, in spacings"
    )
    thread: float = param(
        0.25, range=(0.0, 1.0), doc="strength of the faint cross lines left by the bound thread"
    )
    pole: float = param(
        0.22,
        range=(0.02, 1.0),
        doc="pole circumference: the bands of each turn repeat this far apart",
        unit="design units",
    )
    bands: float = param(0.5, range=(0.0, 1.0), doc="strength of those bands (0: none)")
    depth: float = param(1.1, range=(0.3, 1.6), doc="dye concentration of the dyed pleats")
    dye_color: int = role_param(1, "the dye")
    ground_color: int = role_param(0, "the undyed cloth")


def prepare(p: ArashiParams, rng: np.random.Generator) -> dict:
    return {
        "wander": Noise(rng, 32, 3),
        "duty": Noise(rng, 64, 2),
        "streak": Noise(rng, 64, 3),
        "band": Noise(rng, 16, 2),
    }


@operator(
    "craft.shibori_arashi",
    kind="field",
    version=1,
    output="rgba",
    prepare=prepare,
    tags=(
        "shibori",
        "arashi",
        "storm",
        "pole wrap",
        "rain",
        "diagonal lines",
        "indigo",
        "岚绞",
        "扎染",
        "雨纹",
        "蓝染",
    ),
)
def shibori_arashi(p: ArashiParams, call: Call) -> np.ndarray:
    """Arashi shibori: cloth wrapped diagonally on a pole, bound and compressed, then dyed.

    Pushed down the pole, the wrapped cloth gathers into tight pleats: dye reaches
    the outer crest of each pleat and not the cloth folded inside, so the unwrapped
    cloth is covered with fine parallel "storm" lines at the wrapping angle. The
    pleats are unevenly spaced and dyed (``irregularity``), wander along their
    length (``wave``) and carry fibrous streaks; the bound thread leaves faint cross
    lines (``thread``), and each turn round the pole (``pole``, its circumference)
    repeats a band of lighter and darker dyeing across the lines (``bands``). Pleat lines are
    evaluated pointwise and filtered to the pixel: where they are finer than a
    pixel they average to their mean tone.

    References
    ----------
    Wada, Rice & Barton 1983, *Shibori: The Inventive Art of Japanese Shaped
    Resist Dyeing*, Kodansha (arashi, pole-wrap resist).
    Morimoto, Tanaka, Tsuruno & Tomimatsu 2007, "Visualization of dyeing based on
    diffusion and adsorption theories", Pacific Graphics.
    """
    st = call.state
    x = np.ravel(call.x)
    y = np.ravel(call.y)
    a = math.radians(p.angle)
    t = x * math.cos(a) + y * math.sin(a)  # along the lines
    s = y * math.cos(a) - x * math.sin(a)  # across them
    sp = p.spacing
    # Pleat coordinate: one unit per pleat, wandering along the line and unevenly spaced.
    wander = st["wander"].lattice(t * 6.0, s / sp / 8.0) - 0.5
    uneven = st["wander"].lattice(s / sp / 3.0 + 11.0, t * 0.5) - 0.5
    phi = s / sp + p.wave * 2.0 * wander + p.irregularity * 1.2 * uneven
    # Each pleat: a dyed crest over a share of its width that varies pleat to pleat,
    # box-filtered over the pixel (pleats finer than a pixel fade to their mean tone).
    pleat = np.floor(phi)
    duty = 0.58 + p.irregularity * 0.3 * (st["duty"].lattice(pleat * 0.37, t * 3.0) - 0.5)
    crest = box_pulse(phi, duty, 0.12, call.footprint / sp)
    # Fibrous streaks along the lines, and the strength of dye on each pleat.
    streak = st["streak"].lattice(t * 40.0, s / sp * 0.9)
    strength = 1.0 - p.irregularity * 0.7 * np.abs(streak - 0.5) * 2.0
    conc = p.depth * (0.18 + 0.82 * crest * strength)
    if p.thread > 0:
        # The thread wound round the pole: faint pale lines across the pleats.
        tc = t / (2.5 * sp) + 0.5 * wander
        line = box_pulse(tc + 0.1, 0.2, 0.08, call.footprint / (2.5 * sp))
        conc *= 1.0 - 0.5 * p.thread * line
    if p.bands > 0:
        # Turns round the pole: a band across the lines, lighter where the wraps overlapped.
        c = (t * math.cos(a) + s * math.sin(a)) / p.pole
        band = st["band"].lattice(c * 2.0, t * 1.5)
        turn = 0.5 + 0.5 * np.cos(2.0 * math.pi * (c + 0.4 * (band - 0.5)))
        conc *= 1.0 - p.bands + p.bands * turn
    out = dye_rgba(call.palette, p.ground_color, [(p.dye_color, conc)])
    return out.reshape(*np.shape(call.x), 4)
