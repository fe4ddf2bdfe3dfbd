"""Kumo shibori (蜘蛛絞り): pleated, bound points that dye into spider webs."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.craft._discs import DiscGrid, scatter_discs
from foulard.ops.craft._dye import box_coverage, dye_rgba, role_param, smoothstep
from foulard.ops.craft._noise import Noise
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

TWO_PI = 2.0 * math.pi


@dataclass(frozen=True)
class KumoParams(Params):
    count: int = param(14, range=(1, 80), doc="bound points (webs) over the unit square")
    size: float = param(
        0.12, range=(0.02, 0.25), doc="radius of a web (the bound length)", unit="design units"
    )
    size_jitter: float = param(0.2, range=(0.0, 0.5), doc="spread of web sizes")
    pleats: int = param(18, range=(6, 48), doc="pleats gathered round each point: radial lines")
    bindings: int = param(7, range=(2, 24), doc="turns of thread along the bound length: rings")
    line_width: float = param(
        0.0022, range=(0.0005, 0.01), doc="width of the dyed lines", unit="design units"
    )
    edge: float = param(
        0.25, range=(0.02, 0.6), doc="softness of a web's rim, as a share of its radius"
    )
    depth: float = param(1.0, range=(0.3, 1.6), doc="dye concentration of the dyed cloth")
    dye_color: int = role_param(1, "the dye")
    ground_color: int = role_param(0, "the undyed cloth")


def prepare(p: KumoParams, rng: np.random.Generator) -> dict:
    """Web centres (kept apart), radii, per-web turns and the cloth's noise."""
    centres = scatter_discs(rng, p.count, min_gap=1.4 * p.size)
    radius = p.size * np.exp(p.size_jitter * rng.standard_normal(p.count))
    radius = np.minimum(radius, 0.45)
    return {
        "grid": DiscGrid(centres, radius),
        "spin": rng.uniform(0.0, 1.0, p.count),
        "twist": rng.uniform(-0.35, 0.35, p.count),
        "noise": Noise(rng, 16, 4),
        "rim": rng.random((p.count, 8)),
    }


def _web(
    p: KumoParams, st: dict, x: np.ndarray, y: np.ndarray, fp: float, wobble: np.ndarray
) -> np.ndarray:
    """Resist (0 dyed .. 1 undyed) of the webs at 1-D points; ``wobble`` bends the lines."""
    grid: DiscGrid = st["grid"]
    out = np.zeros(x.shape)
    wob_pt = wobble[:, None]
    for idx, dx, dy in grid.blocks(x, y):
        safe = np.maximum(idx, 0)
        r = np.sqrt(dx * dx + dy * dy)
        big_r = grid.r[safe]
        theta = np.arctan2(dy, dx)
        # A ragged rim: a few harmonics of the angle, different for every web.
        rim = st["rim"][safe]
        wob = 0.0
        for h in range(4):
            wob = wob + (rim[..., 2 * h] - 0.5) * np.cos(
                (h + 2) * theta + TWO_PI * rim[..., 2 * h + 1]
            )
        rr = big_r * (1.0 + 0.12 * wob)
        q = r / rr
        core = 1.0 - smoothstep(1.0 - p.edge, 1.0, q)
        # Pleats: radial lines where dye ran into the folds, thinning towards the centre.
        turn = st["twist"][safe] * q  # pleats lean a little as the cone was twisted
        phi = (theta / TWO_PI + st["spin"][safe] + turn) * p.pleats + 0.6 * wob_pt
        frac = np.abs(phi - np.rint(phi))
        arc = frac * (TWO_PI * r / p.pleats)
        radial = box_coverage(arc, 0.5 * p.line_width * np.clip(q * 1.6, 0.15, 1.0), fp)
        radial *= smoothstep(0.05, 0.25, q)
        # Thread: a spiral wound from the tip, dye creeping between the turns.
        s = q * p.bindings - theta / TWO_PI + 0.5 * wob_pt
        ring = np.abs(s - np.rint(s)) * (rr / p.bindings)
        rings = box_coverage(ring, 0.5 * p.line_width, fp) * smoothstep(0.12, 0.3, q)
        lines = np.maximum(radial, 0.85 * rings)
        # The bound cone is pale at its tip and takes a little dye towards the rim.
        pale = 1.0 - 0.3 * smoothstep(0.2, 1.0, q)
        resist = core * pale * (1.0 - 0.8 * lines)
        resist[idx < 0] = 0.0
        np.maximum(out, resist.max(axis=1), out=out)
    return out


@operator(
    "craft.shibori_kumo",
    kind="field",
    version=1,
    output="rgba",
    prepare=prepare,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)],
    tags=(
        "shibori",
        "kumo",
        "spider web",
        "tie-dye",
        "indigo",
        "resist dye",
        "蜘蛛绞",
        "扎染",
        "绞缬",
        "蓝染",
    ),
)
def shibori_kumo(p: KumoParams, call: Call) -> np.ndarray:
    """Kumo shibori: cloth pleated into cones at points and bound, dyed into spider webs.

    At each point the cloth is gathered into a cone of radial pleats and bound
    tightly with thread from the tip down the bound length (the web's radius).
    Dye reaches only the pleats' outer folds and the gaps between the thread's
    turns, so each web is pale cloth crossed by fine dyed radial lines (``pleats``,
    thinning to the centre, leaning where the cone was twisted) and a spiral of
    rings (``bindings``), its rim ragged and soft where dye crept under the thread.
    Webs are scattered over the unit square with gaps between them (dart throwing on
    the torus), so the cloth tiles seamlessly. Lines are box-filtered to the pixel.

    References
    ----------
    Wada, Rice & Barton 1983, *Shibori: The Inventive Art of Japanese Shaped
    Resist Dyeing*, Kodansha (kumo shibori).
    Morimoto, Tanaka, Tsuruno & Tomimatsu 2007, "Visualization of dyeing based on
    diffusion and adsorption theories", Pacific Graphics.
    """
    st = call.state
    x = np.ravel(call.x)
    y = np.ravel(call.y)
    mottle = st["noise"](x, y) - 0.5
    resist = _web(p, st, x, y, call.footprint, mottle)
    conc = p.depth * (1.0 + 0.25 * mottle) * (1.0 - resist)
    out = dye_rgba(call.palette, p.ground_color, [(p.dye_color, conc)])
    return out.reshape(*np.shape(call.x), 4)
