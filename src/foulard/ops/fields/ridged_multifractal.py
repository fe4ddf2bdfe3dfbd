"""Musgrave's ridged multifractal: sharp ridges that grow rougher where they are high."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.fields._octaves import SIMPLEX_SOURCE, OctaveParams, octaves, prepare_shifts
from foulard.ops.params import param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call


@dataclass(frozen=True)
class RidgedParams(OctaveParams):
    h: float = param(
        1.0, range=(0.0, 2.0), doc="fractal increment H: octave i weighs lacunarity**(-H i)"
    )
    offset: float = param(
        1.0, range=(0.5, 2.0), doc="ridge height: (offset - |2n - 1|) is squared per octave"
    )
    gain: float = param(
        2.0, range=(0.0, 8.0), doc="how strongly an octave's ridges gate the next octave"
    )


@operator(
    "fields.ridged_multifractal",
    kind="field",
    version=1,
    inputs=(SIMPLEX_SOURCE,),
    output="value",
    prepare=prepare_shifts,
    tags=("noise", "ridges", "veins", "mountains", "marble veins", "脊状分形"),
)
def ridged_multifractal(p: RidgedParams, call: Call) -> np.ndarray:
    """Ridged multifractal (Musgrave): squared inverted folds, gated octave by octave.

    Each octave gives ``(offset - |2n - 1|)**2``, bright on the source's 0.5
    crossings (thin ridges); from the second octave on it is multiplied by the
    previous octave's signal times ``gain`` (clipped to [0, 1]), so detail gathers
    on the ridges and the valleys stay smooth. Octave i weighs
    ``lacunarity**(-H i)``; the sum is divided by its largest possible value
    (``offset**2`` times the sum of weights), so it lies in [0, 1].

    References
    ----------
    Musgrave, Kolb & Mace 1989, "The synthesis and rendering of eroded fractal
    terrains", SIGGRAPH.
    Musgrave, in Ebert, Musgrave, Peachey, Perlin & Worley 2003, *Texturing &
    Modeling*, 3rd ed., ch. 16 (RidgedMultifractal).
    """
    offset = np.float32(p.offset)
    gain = np.float32(p.gain)
    total = None
    signal = None
    norm = 0.0
    for i, v in enumerate(octaves(p, call)):
        s = offset - np.abs(v * np.float32(2.0) - np.float32(1.0))
        s *= s
        if signal is not None:
            s *= np.clip(signal * gain, 0.0, 1.0)
        signal = s
        w = float(p.lacunarity) ** (-p.h * i)
        total = s * np.float32(w) if total is None else total + s * np.float32(w)
        norm += w
    return np.minimum(total * np.float32(1.0 / (norm * p.offset**2)), np.float32(1.0))
