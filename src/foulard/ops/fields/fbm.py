"""Fractional Brownian motion: octaves of any noise, summed with falling weights."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.fields._octaves import (
    NORMALIZE_DOC,
    SOURCE,
    OctaveParams,
    contrast_gain,
    octaves,
    prepare_shifts,
    stretch_mid,
)
from foulard.ops.params import param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call


@dataclass(frozen=True)
class FbmParams(OctaveParams):
    gain: float = param(
        0.5,
        range=(0.05, 1.0),
        doc="weight ratio between octaves (0.5: classic 1/f; higher: rougher)",
    )
    normalize: str = param("contrast", choices=("contrast", "range"), doc=NORMALIZE_DOC)


@operator(
    "fields.fbm",
    kind="field",
    version=1,
    inputs=(SOURCE,),
    output="value",
    prepare=prepare_shifts,
    tags=("noise", "fractal", "fbm", "clouds", "smoke", "分形噪声", "云纹"),
)
def fbm(p: FbmParams, call: Call) -> np.ndarray:
    """Fractional Brownian motion: a weighted sum of octaves of any source field.

    Octave i samples the source at ``lacunarity**i`` times the frequency, turned by
    a quarter turn or mirror and shifted (both drawn in ``prepare``), with weight
    ``gain**i``. The weighted mean of the octaves stays in [0, 1] but flattens as
    octaves add (``normalize="range"``); by default an S-curve steepens it about
    0.5 by sum(w) / sqrt(sum(w^2)), which gives it the contrast of one octave, and
    eases into 0 and 1 without clipping. One octave is the source itself. The
    lacunarity is a whole number, so over a source that tiles the unit square the
    sum tiles too (octave i then repeats lacunarity**i times across the square);
    no period is declared because it depends on the source.

    References
    ----------
    Mandelbrot & Van Ness 1968, "Fractional Brownian motions, fractional noises and
    applications", SIAM Review 10(4).
    Musgrave, in Ebert, Musgrave, Peachey, Perlin & Worley 2003, *Texturing &
    Modeling*, 3rd ed., ch. 16.
    """
    total = None
    weights = [p.gain**i for i in range(p.octaves)]
    for w, v in zip(weights, octaves(p, call), strict=True):
        term = v if w == 1.0 else v * np.float32(w)
        total = term if total is None else total + term
    if p.octaves == 1:
        return total
    mean = total * np.float32(1.0 / sum(weights))
    if p.normalize == "range":
        return mean
    return np.clip(stretch_mid(mean, contrast_gain(weights)), 0.0, 1.0)
