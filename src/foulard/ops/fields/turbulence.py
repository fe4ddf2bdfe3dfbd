"""Turbulence: octaves of folded noise |2n - 1|, summed (creased, billowy)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.fields._octaves import (
    NORMALIZE_DOC,
    SIMPLEX_SOURCE,
    OctaveParams,
    contrast_gain,
    octaves,
    prepare_shifts,
    stretch_low,
)
from foulard.ops.params import param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call


@dataclass(frozen=True)
class TurbulenceParams(OctaveParams):
    gain: float = param(0.5, range=(0.05, 1.0), doc="weight ratio between octaves")
    normalize: str = param("contrast", choices=("contrast", "range"), doc=NORMALIZE_DOC)


@operator(
    "fields.turbulence",
    kind="field",
    version=1,
    inputs=(SIMPLEX_SOURCE,),
    output="value",
    prepare=prepare_shifts,
    tags=("noise", "turbulence", "billows", "marble", "fire", "湍流"),
)
def turbulence(p: TurbulenceParams, call: Call) -> np.ndarray:
    """Turbulence: a weighted sum of folded octaves |2n - 1| (billowy, creased).

    Folding each octave about its mid value puts a sharp crease where the source
    crosses 0.5, so the sum looks like billowing smoke with dark seams. Octaves,
    weights and ``normalize`` are as in ``fields.fbm``, except that the contrast
    curve steepens the sum at 0 (the seams stay black) and eases into 1. Over a
    lattice noise (Perlin, value) the creases also trace the lattice lines, so
    the example source is simplex noise.

    References
    ----------
    Perlin 1985, "An image synthesizer", SIGGRAPH (the turbulence function).
    Ebert, Musgrave, Peachey, Perlin & Worley 2003, *Texturing & Modeling*, ch. 2.
    """
    total = None
    weights = [p.gain**i for i in range(p.octaves)]
    for w, v in zip(weights, octaves(p, call), strict=True):
        term = np.abs(v * np.float32(2.0) - np.float32(1.0)) * np.float32(w)
        total = term if total is None else total + term
    mean = np.minimum(total * np.float32(1.0 / sum(weights)), np.float32(1.0))
    if p.normalize == "range":
        return mean
    return np.clip(stretch_low(mean, contrast_gain(weights)), 0.0, 1.0)
