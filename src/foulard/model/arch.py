"""The model's shape, shared by the torch trainer and the NumPy inference.

Decoder: ``colour = f(x, y; z, c)``. The point ``(x, y)`` of the unit torus is
encoded by periodic Fourier features with *integer* frequencies ``k`` (``cos`` and
``sin`` of ``2 pi k . (x, y)``), so every sample is exactly periodic with period 1
and can be evaluated at any point. Each sample sets its own spectrum: a complex
gain per frequency (amplitude and phase, computed from ``(z, c)``) multiplies the
feature pair ``(cos, sin)`` of that frequency. Three ReLU layers follow, each
modulated by FiLM (a scale and a shift per unit) from ``(z, c)``, then a sigmoid
to sRGB. The model is trained on tiles of ``TRAIN_SIDE`` px (its native
footprint ``FP_REF``); a render whose pixels are coarser than that pre-filters
each frequency with the Gaussian ``exp(-2 pi^2 |k|^2 (fp^2 - FP_REF^2))``, so a
coarse preview is the band-limited version of the master, and a finer render
evaluates the very same function (nothing in it lies above ``RADIUS``).

Encoder: a small CNN with circular padding on 64 px periodic tiles, giving the
mean and log-variance of ``q(z | x)``. Prior: an MLP giving the mean and
log-variance of ``p(z | c)``, so words alone give samples. ``c`` is the
multi-hot vector of the model's concepts (see :mod:`foulard.model.concepts`),
divided by its count (an empty prompt is the zero vector: the unconditional prior).

References
----------
Tancik et al. 2020, "Fourier features let networks learn high frequency functions
in low dimensional domains", NeurIPS; Perez et al. 2018, "FiLM: visual reasoning
with a general conditioning layer", AAAI; Kingma & Welling 2014, "Auto-encoding
variational Bayes", ICLR; Sohn, Lee & Yan 2015, "Learning structured output
representation using deep conditional generative models" (conditional prior).
"""

from __future__ import annotations

import functools

import numpy as np

__all__ = [
    "CEMB",
    "ENC_CHANNELS",
    "FP_REF",
    "HIDDEN",
    "LAYERS",
    "MAP_HIDDEN",
    "RADIUS",
    "TRAIN_SIDE",
    "ZDIM",
    "attenuation",
    "frequencies",
]

ZDIM = 32
CEMB = 64
HIDDEN = 64
LAYERS = 3
MAP_HIDDEN = 192
RADIUS = 10
ENC_CHANNELS = (32, 64, 96, 128)
TRAIN_SIDE = 32
FP_REF = 1.0 / TRAIN_SIDE


@functools.cache
def frequencies(radius: int = RADIUS) -> np.ndarray:
    """Integer frequency vectors ``(F, 2)``: ``0 < |k| <= radius``, one of each ``+-k`` pair."""
    ks = []
    for ky in range(0, radius + 1):
        for kx in range(-radius, radius + 1):
            if ky == 0 and kx <= 0:
                continue
            if kx * kx + ky * ky <= radius * radius:
                ks.append((kx, ky))
    return np.array(ks, np.int64)


def attenuation(footprint: float, radius: int = RADIUS) -> np.ndarray:
    """Pre-filter factor of each frequency for a pixel ``footprint`` (torus units): 1 at
    the native footprint and finer, the Gaussian of the extra blur when coarser."""
    k = frequencies(radius).astype(np.float64)
    k2 = (k**2).sum(1)
    extra = max(float(footprint) ** 2 - FP_REF**2, 0.0)
    return np.exp(-2.0 * np.pi**2 * k2 * extra)
