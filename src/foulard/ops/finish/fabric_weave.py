"""Fabric weave overlay: the print seen on silk twill, habotai, satin or crêpe de chine."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.finish._optics import (
    Waves,
    finish_output,
    flat_source,
    from_linear,
    to_linear,
)
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["WEAVES", "fabric_weave", "weave_relief"]

# Relief of each weave as cosines: (cycles per thread across x, along y, amplitude).
# Warp ends run down the design (y), weft picks across (x); thread centres sit on
# whole numbers of threads, so cos(2 pi u) is a warp crown and its trough a gap.
WEAVES: dict[str, tuple[tuple[float, float, float], ...]] = {
    # Plain weave: an even grain of crowns; the half-frequency diagonals are the
    # checkerboard of over and under.
    "habotai": ((1.0, 0.0, 0.5), (0.0, 1.0, 0.45), (0.5, 0.5, 0.28), (0.5, -0.5, 0.28)),
    # 2/2 twill: wales rising to the right every four threads, the silk carré cloth.
    "twill": (
        (0.25, -0.25, 0.85),
        (0.5, -0.5, 0.3),
        (1.0, 0.0, 0.3),
        (0.0, 1.0, 0.18),
        # Warp crowns modulated by the wale: floats stepping one pick per end.
        (1.25, -0.25, 0.22),
        (0.75, 0.25, 0.22),
    ),
    # Five-end satin (step 2): long smooth warp floats, dimples at the tie points
    # (the reciprocal lattice of {(i, 2i + 5n)}).
    "satin": (
        (1.0, 0.0, 0.42),
        (0.0, 1.0, 0.06),
        (0.2, 0.4, -0.16),
        (0.4, -0.2, -0.16),
        (0.6, 0.2, -0.1),
    ),
    # Crêpe de chine: plain weave of hard-twisted yarns, its pebble added in prepare.
    "crepe_de_chine": ((1.0, 0.0, 0.22), (0.0, 1.0, 0.22), (0.5, 0.5, 0.1), (0.5, -0.5, 0.1)),
}
_PEBBLE = {"crepe_de_chine": 1.4}  # extra irregularity of a weave
_ALBEDO = 0.3  # brightness swing of the relief at full strength
_SHADE = 0.45  # swing of the light across thread slopes at full strength


@dataclass(frozen=True)
class FabricWeaveParams(Params):
    weave: str = param("twill", choices=tuple(WEAVES), doc="the silk cloth")
    threads: float = param(
        160.0,
        range=(20.0, 20000.0),
        unit="threads per design unit",
        doc="thread count across the design (a 90 cm carré of real twill has about 10000)",
    )
    strength: float = param(0.7, range=(0.0, 1.0), doc="how strongly the cloth shows")
    irregularity: float = param(
        0.25, range=(0.0, 1.0), doc="uneven yarn: pebbly relief over a few threads"
    )
    light: float = param(
        -135.0,
        range=(-180.0, 180.0),
        unit="degree",
        doc="direction the light comes from (0: right, 90: below, -90: above)",
    )


def weave_relief(p: FabricWeaveParams, rng: np.random.Generator) -> Waves:
    """The cloth's relief as cosines in design units (pebble terms drawn from ``rng``)."""
    base = Waves.of(WEAVES[p.weave], scale=p.threads)
    rough = p.irregularity + _PEBBLE.get(p.weave, 0.0)
    n = 8
    angle = rng.uniform(0.0, np.pi, n)
    freq = rng.uniform(0.12, 0.3, n) * p.threads  # pebbles a few threads across
    phase = rng.uniform(0.0, 2.0 * np.pi, n)
    amp = rng.uniform(0.5, 1.0, n) * (0.55 * rough / math.sqrt(n))
    pebble = Waves(freq * np.cos(angle), freq * np.sin(angle), amp, phase)
    return base + pebble


@operator(
    "finish.fabric_weave",
    kind="image",
    version=1,
    inputs=(Input("source", "the design to preview on cloth", "motifs.peony"),),
    output="same",
    prepare=weave_relief,
    tags=(
        "fabric",
        "weave",
        "silk twill",
        "habotai",
        "satin",
        "crepe de chine",
        "cloth preview",
        "texture",
        "真丝",
        "斜纹绸",
        "电力纺",
        "缎",
        "双绉",
        "面料",
    ),
)
def fabric_weave(p: FabricWeaveParams, call: Call) -> np.ndarray:
    """Fabric weave overlay: the print seen on woven silk, thread by thread.

    The cloth is a relief of cosines in design units (``threads`` across the
    unit square): twill's diagonal wales, habotai's even plain-weave grain, satin's
    long warp floats with dimples at the tie points, crêpe de chine's pebble, plus
    an uneven-yarn pebble of random cosines a few threads wide. The relief both
    modulates the print's brightness (crowns lighter, gaps between threads darker)
    and shades it as a height field lit from ``light``, in linear light. Each
    cosine is averaged exactly over the pixel (a sinc per axis), so the texture is
    the same at every resolution and fades to the flat print when a pixel spans
    many threads (a whole 90 cm scarf on screen). The design is laid over its ground
    first; ``strength`` 0 returns the source unchanged.

    References
    ----------
    Irawan & Marschner 2012, "Specular reflection from woven cloth", ACM TOG 31(1);
    Irawan 2008, *Appearance of Woven Cloth*, PhD thesis, Cornell; Emery 1966,
    *The Primary Structures of Fabrics* (plain, twill and satin interlacements).
    """
    src = call.input("source")
    if p.strength == 0.0:
        return src
    waves: Waves = call.state
    a = math.radians(p.light)
    value, slope = waves.value_and_slope(call.x, call.y, call.footprint, (math.cos(a), math.sin(a)))
    # The slope towards the light is positive where the surface faces it.
    factor = 1.0 + np.float32(p.strength) * (
        np.float32(_ALBEDO / waves.peak) * value + np.float32(_SHADE / waves.peak_slope) * slope
    )
    rgb = flat_source(src, call.palette.ground)
    cloth = from_linear(to_linear(rgb) * np.maximum(factor, 0.0)[..., None])
    return finish_output(src.shape[-1], cloth)
