"""Batik: wax resist in two stages, two dye baths, and the crackle of dye in the wax."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.channels import as_value
from foulard.ops.craft._cracks import Segments, crack_network
from foulard.ops.craft._dye import box_coverage, dye_rgba, role_param, smoothstep
from foulard.ops.craft._noise import Noise
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

BOX = (-0.12, -0.12, 1.12, 1.12)  # cracks cover the design and its hem band


@dataclass(frozen=True)
class BatikParams(Params):
    cracks: int = param(
        800, range=(0, 2000), doc="cracks in the wax (the first few run right across)"
    )
    generations: int = param(3, range=(1, 5), doc="generations of cracks, each finer than the last")
    crack_width: float = param(
        0.0017,
        range=(0.0005, 0.01),
        doc="width of the oldest cracks (later ones are narrower)",
        unit="design units",
    )
    wander: float = param(0.35, range=(0.0, 0.6), doc="how much a crack wanders from straight")
    crack_dye: float = param(
        0.85, range=(0.0, 1.5), doc="dye the cracks take, as a share of the last bath"
    )
    threshold: float = param(
        0.55,
        range=(0.05, 0.95),
        doc="lightness above which the motif is waxed first (stays the cloth's colour)",
    )
    wax_edge: float = param(
        0.002, range=(0.0, 0.02), doc="wobble of the waxed outlines", unit="design units"
    )
    first_color: int = role_param(3, "the dye brushed on the motif's darker parts first")
    first_depth: float = param(0.85, range=(0.0, 1.5), doc="concentration of that first dye")
    dye_color: int = role_param(1, "the last bath (ground and cracks)")
    depth: float = param(1.15, range=(0.3, 1.8), doc="concentration of the last bath")
    ground_color: int = role_param(0, "the undyed cloth")


def prepare(p: BatikParams, rng: np.random.Generator) -> dict:
    first = max(1, p.cracks // 20) if p.cracks else 0
    branches = (p.cracks - first) // max(1, p.generations - 1) if p.generations > 1 else 0
    widths = tuple(p.crack_width * 0.6**g for g in range(p.generations))
    cracks = crack_network(
        rng,
        BOX,
        first=first,
        branches=branches,
        generations=p.generations if p.cracks else 0,
        step=0.006,
        wander=0.4 * p.wander,
        widths=widths,
    )
    return {
        "segments": Segments(cracks, BOX) if cracks else None,
        "wax": Noise(rng, 32, 3),
        "mottle": Noise(rng, 8, 4),
        "bleed": Noise(rng, 64, 2),
    }


def _wax(call: Call, p: BatikParams, x: np.ndarray, y: np.ndarray):
    """First and second wax (0..1) from the motif: its light parts, then the rest of it."""
    if not call.has_input("motif"):
        ones = np.ones(x.shape, np.float32)
        return ones, ones
    if p.wax_edge > 0:
        st = call.state
        x = x + p.wax_edge * (st["wax"](x, y) - 0.5) * 2.0
        y = y + p.wax_edge * (st["wax"](y, x) - 0.5) * 2.0
    m = call.input("motif", x, y)
    if m.shape[-1] == 4:
        cover = m[..., 3]
        light = as_value(m)[..., 0] / np.maximum(cover, 1e-6)
    else:
        cover = m[..., 0]
        light = cover
    # Soft threshold, about a pixel wide in tone.
    first = cover * smoothstep(p.threshold - 0.04, p.threshold + 0.04, light)
    return first, cover


@operator(
    "craft.batik_crackle",
    kind="field",
    version=1,
    inputs=(
        Input(
            "motif",
            "what is waxed: its light parts first, the rest of it once coloured",
            "motifs.peony",
            optional=True,
        ),
    ),
    output="rgba",
    prepare=prepare,
    tags=(
        "batik",
        "crackle",
        "wax resist",
        "indonesian",
        "miao",
        "蜡染",
        "冰纹",
        "蜡缬",
        "苗族蜡染",
    ),
)
def batik_crackle(p: BatikParams, call: Call) -> np.ndarray:
    """Batik: a motif waxed in two stages, coloured, dyed, the wax crackled by the bath.

    The light parts of the motif (lightness over ``threshold``) are waxed first and
    keep the cloth's colour; its darker parts are brushed with the first dye
    (*colet*) and waxed over in turn; then the bath dyes everything still bare.
    Handled and flexed in the cold bath, the wax cracks: dye runs into a network of cracks
    (T-junctions, older cracks wider, generation by generation) and leaves the
    fine veins of batik crackle over every waxed part. Without a motif the whole
    cloth is waxed (an all-over crackle). Cracks are polylines grown once in
    ``prepare``; each pixel measures its distance to the nearest and box-filters
    the crack's width, so veins stay fine and unbroken at any resolution.

    References
    ----------
    Wyvill, van Overveld & Carpendale 2004, "Rendering cracks in batik", NPAR.
    Larsen 1976, *The Dyer's Art: Ikat, Batik, Plangi*, Van Nostrand Reinhold.
    """
    st = call.state
    x = np.ravel(call.x)
    y = np.ravel(call.y)
    wax1, wax = _wax(call, p, x, y)
    mottle = st["mottle"](x, y) - 0.5
    c1 = p.first_depth * (wax - wax1) * (1.0 + 0.2 * mottle)
    c2 = p.depth * (1.0 - wax) * (1.0 + 0.25 * mottle)
    seg: Segments | None = st["segments"]
    if seg is not None and p.crack_dye > 0:
        d, hw = seg.distance(x, y)
        # Dye spreads a little from a crack into the cloth beside it.
        bleed = 0.5 + st["bleed"](x, y)
        line = box_coverage(d, hw * bleed, call.footprint)
        halo = box_coverage(d, hw * (1.8 + 1.5 * bleed), call.footprint) * 0.3
        crack = np.clip(line + halo, 0.0, 1.0)
        c2 = c2 + p.depth * p.crack_dye * wax * crack
    out = dye_rgba(call.palette, p.ground_color, [(p.first_color, c1), (p.dye_color, c2)])
    return out.reshape(*np.shape(call.x), 4)
