"""Gabor noise: a sparse convolution of Gabor kernels (band-limited, oriented grain)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy.special import erf

from foulard.ops.fields._sparse_gabor import build, convolve
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["gabor_noise"]


@dataclass(frozen=True)
class GaborNoiseParams(Params):
    frequency: float = param(
        40.0,
        range=(8.0, 256.0),
        doc="frequency of the kernels' waves (the spectrum's peak)",
        unit="cycles per design unit",
    )
    bandwidth: float = param(
        0.3,
        range=(0.125, 1.0),
        doc="envelope width a over frequency: small gives long coherent waves, large short blobs",
    )
    orientation: float = param(
        30.0, range=(-180.0, 180.0), doc="direction of the waves' crests", unit="degrees"
    )
    spread: float = param(
        0.0,
        range=(0.0, 180.0),
        doc="random turn of each kernel about the orientation (180: isotropic)",
        unit="degrees",
    )
    density: float = param(
        3.0, range=(0.5, 8.0), doc="impulses per square the size of a kernel's radius"
    )
    contrast: float = param(
        1.0, range=(0.25, 4.0), doc="steepness of the map from noise to [0, 1] (1: even spread)"
    )


def _prepare(p: GaborNoiseParams, rng: np.random.Generator):
    # Crests run along `orientation`, so the wave vector is perpendicular to it.
    base = math.radians(p.orientation + 90.0)
    half = math.radians(p.spread) / 2.0

    def orientation(gx, gy, rng):
        return base + rng.uniform(-half, half, gx.shape)

    return build(
        rng,
        a=p.bandwidth * p.frequency,
        frequency=p.frequency,
        density=p.density,
        orientation=orientation,
    )


@operator(
    "fields.gabor_noise",
    kind="field",
    version=1,
    output="value",
    prepare=_prepare,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)],
    tags=(
        "gabor noise",
        "silk grain",
        "brushed",
        "fibrous",
        "grain",
        "wood grain",
        "丝纹",
        "拉丝",
        "纤维",
        "木纹",
    ),
)
def gabor_noise(p: GaborNoiseParams, call: Call) -> np.ndarray:
    """Gabor noise: random Gabor kernels summed, a band-limited oriented grain.

    Kernels ``exp(-pi a^2 |d|^2) cos(2 pi F0 . d + phi)`` with random signs and
    phases are placed at random impulses (a fixed number per lattice cell, the
    cells at least one kernel radius wide), each envelope windowed to end
    smoothly at that radius. The power spectrum is a pair of blobs
    at +-F0 across ``orientation``: with ``spread`` 0 the grain is brushed silk or
    wood, at 180 it is isotropic. ``bandwidth`` is a / F0: small values give long
    coherent crests. The lattice wraps, so the noise tiles the unit square.

    The sum is divided by its standard deviation (from the kernels' energy and
    the impulse density, computed once) and mapped through the normal CDF, so
    values spread evenly over [0, 1]. Anti-aliasing: a pixel of size ``h``
    damps the waves by exp(-2 pi^2 (h / 2)^2 F0^2) (a Gaussian pixel filter on
    a band-limited spectrum), so grain finer than a pixel fades to 0.5 instead
    of aliasing.

    References
    ----------
    Lagae, Lefebvre, Drettakis & Dutré 2009, "Procedural noise using sparse Gabor
    convolution", SIGGRAPH (ACM TOG 28(3)).
    """
    re, _ = convolve(call.state, call.x, call.y, imag=False)
    # Random phases: the real part carries half of E|G|^2.
    sigma = math.sqrt(0.5 * call.state.variance)
    damp = math.exp(-2.0 * (math.pi * 0.5 * call.footprint * p.frequency) ** 2)
    z = re * np.float32(damp * p.contrast / (sigma * math.sqrt(2.0)))
    return 0.5 + 0.5 * erf(z)
