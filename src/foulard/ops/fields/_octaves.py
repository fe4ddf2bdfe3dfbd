"""Shared machinery of the fractal sums (fBm, turbulence, ridged multifractal).

Each octave samples the ``source`` input at the design point scaled by
``lacunarity ** i``, turned by one of the eight symmetries of the square (quarter
turns and mirrors) and shifted, both drawn per octave in ``prepare``; the
footprint scales with the points, so anti-aliased sources stay anti-aliased.
The symmetries keep the octaves' lattices from lining up into axis-aligned
streaks; they and the whole-number lacunarity map the integer lattice onto
itself, so a source that tiles the unit square still tiles it at every octave.
Octave 0 is left in place, so a one-octave sum is its source.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.channels import as_value
from foulard.ops.params import Params, param
from foulard.ops.registry import Input

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

SOURCE = Input(
    "source", "the noise summed at every octave (values in [0, 1])", "fields.perlin_noise"
)
# Folded sums (turbulence, ridges) show a lattice's grid lines as creases; simplex
# noise has none, so it is their example source.
SIMPLEX_SOURCE = Input(
    "source", "the noise summed at every octave (values in [0, 1])", "fields.simplex_noise"
)


@dataclass(frozen=True)
class OctaveParams(Params):
    octaves: int = param(5, range=(1, 12), doc="number of octaves summed")
    lacunarity: int = param(
        2, range=(2, 8), doc="frequency ratio between octaves (whole, so tiling sources still tile)"
    )


NORMALIZE_DOC = (
    "'contrast': give the sum one octave's contrast, easing smoothly into 0 and 1; "
    "'range': the plain weighted mean (flatter as octaves add)"
)


def contrast_gain(weights: list[float]) -> float:
    """Factor that restores one octave's spread to a weighted mean of independent octaves.

    The mean of octaves with weights w has sqrt(sum w^2) / sum w times the spread
    of one octave; this is the inverse.
    """
    return sum(weights) / sum(w * w for w in weights) ** 0.5


def _solve(slope: Callable[[float], float], target: float) -> float:
    """The c > 0 with slope(c) = target, for an increasing slope with slope(0+) = 1."""
    lo, hi = 0.0, 1.0
    while slope(hi) < target:
        hi *= 2.0
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        if slope(mid) < target:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def stretch_mid(values: np.ndarray, gain: float) -> np.ndarray:
    """Steepen [0, 1] about 0.5 by ``gain`` and still reach exactly 0 and 1.

    ``0.5 + 0.5 tanh(c (2v - 1)) / tanh(c)``, c chosen so the slope at 0.5 is
    ``gain``: an S-curve that eases into both ends instead of clipping.
    """
    if gain <= 1.0:
        return values
    c = _solve(lambda c: c / math.tanh(c), gain)
    z = np.tanh((values * np.float32(2.0) - np.float32(1.0)) * np.float32(c))
    return np.float32(0.5) + z * np.float32(0.5 / math.tanh(c))


def stretch_low(values: np.ndarray, gain: float) -> np.ndarray:
    """Steepen [0, 1] at 0 by ``gain`` and still reach exactly 1.

    ``(1 - exp(-c v)) / (1 - exp(-c))``, c chosen so the slope at 0 is ``gain``: a
    shoulder that eases into 1 instead of clipping.
    """
    if gain <= 1.0:
        return values
    c = _solve(lambda c: c / -math.expm1(-c), gain)
    return -np.expm1(values * np.float32(-c)) * np.float32(1.0 / -math.expm1(-c))


def prepare_shifts(p: OctaveParams, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Per-octave shifts (design units) and symmetries (0-7); octave 0 stays in place."""
    shifts = rng.random((p.octaves, 2))
    shifts[0] = 0.0
    turns = rng.integers(0, 8, size=p.octaves)
    turns[0] = 0
    return shifts, turns


def _turn(x: np.ndarray, y: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Symmetry k of the square: bit 0 mirrors x, bit 1 mirrors y, bit 2 swaps axes."""
    if k & 1:
        x = -x
    if k & 2:
        y = -y
    return (y, x) if k & 4 else (x, y)


def octaves(p: OctaveParams, call: Call) -> Iterator[np.ndarray]:
    """The source's values (float32, no channel axis) at each octave, finest last."""
    shifts, turns = call.state
    scale = 1.0
    for i in range(p.octaves):
        if i == 0:
            x, y = call.x, call.y
        else:
            sx, sy = shifts[i]
            x, y = _turn(call.x * scale, call.y * scale, int(turns[i]))
            x, y = x + sx, y + sy
        yield as_value(call.input("source", x, y, call.footprint * scale))[..., 0]
        scale *= p.lacunarity
