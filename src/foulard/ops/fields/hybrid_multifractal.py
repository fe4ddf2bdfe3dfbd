"""Hybrid multifractal: octaves added with weights set by the octaves below (Musgrave)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.fields._octaves import (
    OctaveParams,
    octaves,
    prepare_shifts,
    stretch_mid,
)
from foulard.ops.params import param
from foulard.ops.registry import Input, operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["hybrid_bounds", "hybrid_multifractal"]

# Simplex noise has no lattice creases; a broad first octave shows the contrast
# between smooth lowlands and rough peaks.
_SOURCE = Input(
    "source",
    "the noise summed at every octave (values in [0, 1])",
    "fields.simplex_noise",
    example_params={"scale": 0.4},
)


@dataclass(frozen=True)
class HybridMultifractalParams(OctaveParams):
    roughness: float = param(
        0.25,
        range=(0.0, 1.5),
        doc="fractal increment H: octave i is weighted lacunarity**(-H i) (0: rough, 1: smooth)",
    )
    offset: float = param(
        0.7,
        range=(0.0, 1.5),
        doc="added to each octave (noise in [-1, 1]): higher lifts the rough parts",
    )
    contrast: float = param(
        2.0, range=(1.0, 8.0), doc="steepening about the middle value after normalising"
    )


def _recurrence(p: HybridMultifractalParams, noise: list[float]) -> float:
    """The hybrid sum for given octave values in [-1, 1] (scalars)."""
    result = weight = noise[0] + p.offset
    for i in range(1, p.octaves):
        weight = min(weight, 1.0)
        signal = (noise[i] + p.offset) * p.lacunarity ** (-p.roughness * i)
        result += weight * signal
        weight *= signal
    return result


def hybrid_bounds(p: HybridMultifractalParams) -> tuple[float, float, float]:
    """Lower bound, value with every octave at its mean (0), upper bound of the sum.

    Interval arithmetic through the recurrence: each step is bilinear in
    (weight, signal), so the extremes of a product lie at the corners.
    """
    r_lo = r_hi = None
    w_lo = w_hi = None
    for i in range(p.octaves):
        f = p.lacunarity ** (-p.roughness * i)
        s_lo, s_hi = (p.offset - 1.0) * f, (p.offset + 1.0) * f
        if i == 0:
            r_lo, r_hi, w_lo, w_hi = s_lo, s_hi, s_lo, s_hi
            continue
        w_lo, w_hi = min(w_lo, 1.0), min(w_hi, 1.0)
        corners = [w * s for w in (w_lo, w_hi) for s in (s_lo, s_hi)]
        r_lo += min(corners)
        r_hi += max(corners)
        w_lo, w_hi = min(corners), max(corners)
    mid = _recurrence(p, [0.0] * p.octaves)
    return r_lo, mid, r_hi


@operator(
    "fields.hybrid_multifractal",
    kind="field",
    version=1,
    inputs=(_SOURCE,),
    output="value",
    prepare=prepare_shifts,
    tags=(
        "multifractal",
        "terrain",
        "mountains",
        "fractal",
        "clouds",
        "rock",
        "分形",
        "山峦",
        "地形",
        "岩纹",
    ),
)
def hybrid_multifractal(p: HybridMultifractalParams, call: Call) -> np.ndarray:
    """Hybrid multifractal: octaves weighted by the octaves below, smooth lows and rough highs.

    With n_i the source's octave i in [-1, 1] (value * 2 - 1): ``result = n_0 +
    offset``, ``weight = result``; then for each further octave ``weight =
    min(weight, 1)``, ``signal = (n_i + offset) lacunarity^(-H i)``, ``result +=
    weight signal``, ``weight *= signal``. Where the low octaves are low, the
    weight is small and the high octaves barely add: valleys stay smooth while
    peaks grow rough, unlike fBm's even roughness. Octaves are taken as in fBm
    (turned, shifted, whole-number lacunarity, so a tiling source still tiles).

    The sum has no fixed range: it is mapped linearly from its exact interval
    bounds (interval arithmetic through the recurrence) so that the value of an
    all-average point lands on 0.5, then steepened about 0.5 by ``contrast``
    with an S-curve that eases into 0 and 1.

    References
    ----------
    Musgrave, in Ebert, Musgrave, Peachey, Perlin & Worley 2003, *Texturing &
    Modeling*, 3rd ed., ch. 16 ("Hybrid multifractal").
    """
    result = weight = None
    for i, v in enumerate(octaves(p, call)):
        n = v.astype(np.float32) * np.float32(2.0) - np.float32(1.0)
        if i == 0:
            result = n + np.float32(p.offset)
            weight = result.copy()
            continue
        np.minimum(weight, np.float32(1.0), out=weight)
        signal = (n + np.float32(p.offset)) * np.float32(p.lacunarity ** (-p.roughness * i))
        result += weight * signal
        weight *= signal
    lo, mid, hi = hybrid_bounds(p)
    below = (result - np.float32(lo)) * np.float32(0.5 / max(mid - lo, 1e-12))
    above = np.float32(0.5) + (result - np.float32(mid)) * np.float32(0.5 / max(hi - mid, 1e-12))
    v = np.where(result < mid, below, above)
    return np.clip(stretch_mid(np.clip(v, 0.0, 1.0), p.contrast), 0.0, 1.0)
