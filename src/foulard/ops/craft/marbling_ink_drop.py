"""Marbling ink drops: stone patterns and suminagashi rings, exact at any resolution."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.craft._dye import role_param
from foulard.ops.craft._marbling import Bursts, Jac, inverse_bursts, wave_shear_inverse
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

PRESETS: dict[str, dict] = {
    "stone": {"preset": "stone", "drops": 120, "radius": 0.11, "wobble": 0.006},
    "suminagashi": {
        "preset": "suminagashi",
        "drops": 20,
        "centres": 4,
        "radius": 0.06,
        "colors": 1,
        "wobble": 0.06,
        "wobble_scale": 0.8,
    },
}

MARGIN = 0.15  # drops land over the design and this far beyond it (the hem band)
_CHUNK = 1 << 16  # points per pass: few Python steps per drop, arrays still cache-friendly


@dataclass(frozen=True)
class InkDropParams(Params):
    preset: str = param(
        "stone",
        choices=("stone", "suminagashi"),
        doc="stone: drops thrown all over, colour after colour; "
        "suminagashi: rings of ink and clear water dropped in turn at a few centres",
    )
    drops: int = param(
        120, range=(1, 150), doc="stone: drops thrown; suminagashi: ink rings per centre"
    )
    centres: int = param(4, range=(1, 6), doc="suminagashi: centres the rings are dropped at")
    radius: float = param(
        0.11, range=(0.005, 0.25), doc="mean radius of one drop", unit="design units"
    )
    size_jitter: float = param(0.25, range=(0.0, 0.6), doc="spread of drop sizes (log scale)")
    wobble: float = param(
        0.006,
        range=(0.0, 0.06),
        doc="amplitude of the final breath over the bath (wavy shears)",
        unit="design units",
    )
    wobble_scale: float = param(
        0.35, range=(0.05, 1.5), doc="wavelength of that breath", unit="design units"
    )
    first_color: int = role_param(1, "the first ink")
    colors: int = param(5, range=(1, 8), doc="inks used, from first_color on (roles wrap)")
    ground_color: int = role_param(0, "the bath (clear size between inks)")


def _drop_radii(p: InkDropParams, rng: np.random.Generator, n: int) -> np.ndarray:
    return p.radius * np.exp(p.size_jitter * rng.standard_normal(n) - 0.5 * p.size_jitter**2)


def _spread(rng: np.random.Generator, count: int) -> np.ndarray:
    """``count`` points over the bath, evenly spread: random cells of a jittered grid."""
    if count == 0:
        return np.zeros((0, 2))
    side = math.ceil(math.sqrt(count))
    cell = (1.0 + 2.0 * MARGIN) / side
    cells = rng.permutation(side * side)[:count]
    i, j = cells % side, cells // side
    jitter = rng.uniform(0.1, 0.9, (count, 2))
    return np.stack([i + jitter[:, 0], j + jitter[:, 1]], axis=1) * cell - MARGIN


def prepare(p: InkDropParams, rng: np.random.Generator) -> dict:
    """The drop sequence (centres, radii, ink indices) and the breath's shears."""
    if p.preset == "stone":
        # Colour after colour, as a marbler throws them: each ink spread evenly over
        # the bath (a jittered grid), and every later drop pushes the earlier inks
        # into the veins between its stones.
        centres, inks = [], []
        for c in range(p.colors):
            count = (p.drops * (c + 1)) // p.colors - (p.drops * c) // p.colors
            centres.append(_spread(rng, count))
            inks += [c] * count
        centres = np.concatenate(centres)
        # Later inks spread less on a crowded bath: smaller stones set in the veins.
        shrink = 1.0 - 0.4 * np.asarray(inks) / max(p.colors - 1, 1)
        radii = _drop_radii(p, rng, len(inks)) * shrink
        plan = [([r], [i]) for r, i in zip(radii, inks, strict=True)]
    else:
        # Each visit to a centre drops ink, then clear water (-1 = the bath), so the
        # rings alternate; visiting the centres in turn lets the rings push each other.
        spots = rng.uniform(0.08, 0.92, (p.centres, 2))
        centres = []
        plan = []
        for ring in range(p.drops):
            for j in rng.permutation(p.centres):
                r_ink, r_clear = _drop_radii(p, rng, 2)
                centres.append(spots[j] + rng.normal(0.0, 0.1 * p.radius, 2))
                plan.append(([r_ink, 0.8 * r_clear], [(ring + j) % p.colors, -1]))
        centres = np.asarray(centres)
    shears = []
    if p.wobble > 0:
        for _ in range(3):
            shears.append(
                (
                    rng.uniform(0.0, math.pi),
                    p.wobble * rng.uniform(0.6, 1.0),
                    p.wobble_scale * rng.uniform(0.7, 1.4),
                    rng.uniform(0.0, 2.0 * math.pi),
                )
            )
    return {"centres": centres, "plan": plan, "shears": shears, "bursts": {}}


def _bursts(p: InkDropParams, state: dict, palette) -> Bursts:
    cached = state["bursts"].get(palette.colors)
    if cached is not None:
        return cached
    ground = palette.role(p.ground_color)
    inks = [palette.role(p.first_color + i) for i in range(p.colors)]
    colours = [[ground if i < 0 else inks[i] for i in idx] for _, idx in state["plan"]]
    bursts = Bursts.make(state["centres"], [r for r, _ in state["plan"]], colours)
    state["bursts"][palette.colors] = bursts  # one per colourway, shared by the bands
    return bursts


@operator(
    "craft.marbling_ink_drop",
    kind="field",
    version=1,
    output="rgba",
    prepare=prepare,
    tags=(
        "marbling",
        "marbled paper",
        "ebru",
        "stone",
        "suminagashi",
        "ink drop",
        "流水纹",
        "大理石纹",
        "墨流",
        "浮水印染",
    ),
)
def marbling_ink_drop(p: InkDropParams, call: Call) -> np.ndarray:
    """Marbling ink drops: each drop pushes the floating ink outward, keeping its area.

    A drop of radius r at c moves every point of the bath by the exact
    area-preserving map ``p' = c + (p - c) sqrt(1 + r^2 / |p - c|^2)``, so earlier
    ink is squeezed into ever thinner rings and veins but never mixed. The pattern
    is evaluated pointwise by following each point back through the drops, last to
    first, until it lands in the drop that inked it (``|p - c| < r``) or reaches the
    bath; a drop's rings are box-filtered over the pixel's footprint carried back
    through the maps, so it is anti-aliased and exact at any resolution.

    Presets (``PRESETS``): ``stone`` throws the inks one after another all over the
    bath (the classic stone / ebru ground: the first colours become veins between the
    last); ``suminagashi`` (墨流し) drops ink and clear water in turn at a few
    centres, visiting them one after another, so concentric rings push each other
    into the flowing contour lines of Japanese floating-ink paper. A final breath
    over the bath (three wavy area-preserving shears, ``wobble``) makes the lines
    flow. Combine with ``craft.marbling_tine_comb`` and ``craft.marbling_vortex`` for
    gel-git, nonpareil, bouquet and swirled patterns.

    References
    ----------
    Lu, Jaffer, Jin, Zhao & Mao 2012, "Mathematical Marbling", IEEE Computer
    Graphics and Applications 32(6).
    Jaffer, "The Mathematics of Marbling" (people.csail.mit.edu/jaffer/Marbling).
    Chambers 1991, *Suminagashi: The Japanese Art of Marbling*.
    """
    bursts = _bursts(p, call.state, call.palette)
    ground = np.asarray(call.palette.role(p.ground_color))
    shears = call.state["shears"]
    shape = np.shape(call.x)
    xf = np.ravel(call.x)
    yf = np.ravel(call.y)
    out = np.empty((xf.size, 4), np.float32)
    out[:, 3] = 1.0
    for s in range(0, xf.size, _CHUNK):
        x = xf[s : s + _CHUNK]
        y = yf[s : s + _CHUNK]
        jac = Jac(x.size)
        for angle, amp, wavelength, phase in reversed(shears):
            x, y = wave_shear_inverse(x, y, jac, angle, amp, wavelength, phase)
        out[s : s + _CHUNK, :3] = inverse_bursts(x, y, call.footprint, bursts, ground, jac)
    return out.reshape(*shape, 4)
