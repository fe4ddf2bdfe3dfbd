"""The model's shape, shared by the torch trainer and the NumPy inference.

Two decoders: the Fourier decoder below (models v1 and v2) and the grid decoder
(:class:`GRID`, model v3), in which ``z`` draws periodic feature grids that a small
network reads at each point.

Fourier decoder: ``colour = f(x, y; z, c)``. The point ``(x, y)`` of the unit torus is
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
from typing import ClassVar

import numpy as np

__all__ = [
    "CEMB",
    "ENC_CHANNELS",
    "FP_REF",
    "GRID",
    "HIDDEN",
    "LAYERS",
    "MAP_HIDDEN",
    "RADIUS",
    "SPATIAL",
    "TRAIN_SIDE",
    "ZDIM",
    "attenuation",
    "frequencies",
    "smooth_weights",
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


class GRID:
    """The grid decoder (model v3): a latent draws periodic feature grids that a
    per-point network reads, each repeated a whole number of times.

    ``z`` (``ZDIM`` numbers) goes through a linear layer to a 4 x 4 map of
    ``CHANNELS[0]`` channels, then doubling steps (nearest-neighbour upsampling and a
    3 x 3 convolution with circular padding, leaky ReLU) to ``SIDE`` x ``SIDE``, and a
    last convolution to ``FEAT`` features for each repeat count in ``SCALES``. A point
    ``(x, y)`` reads grid ``s`` at ``(s x, s y)`` by C1-smooth bilinear interpolation
    (smoothstep weights, wrapping), so grid ``s`` is a motif cell repeated ``s`` x ``s``
    times across the tile: a lattice of five flowers per side draws each flower on a
    whole grid. A small network (``HIDDEN`` units, two ReLU layers, sigmoid) turns the
    features of all the grids into sRGB. Every grid wraps, so every sample tiles
    exactly; the network makes edges where features cross a level, so they stay sharp
    at any resolution. Trained on full 64 px tiles (native footprint ``1 / TRAIN_SIDE``).
    """

    ZDIM = 64
    CHANNELS = (128, 96, 64, 48)  # after the linear layer (4 px), then at 8, 16, 32 px
    SIDE = 32
    SCALES = (1, 2, 3, 4, 5, 6)
    FEAT = 16  # features per scale
    HIDDEN = 64
    TRAIN_SIDE = 64
    FP_REF = 1.0 / 64


class SPATIAL(GRID):
    """The spatial-latent grid decoder: the latent is a periodic map, not a vector.

    ``z`` is a ``LATENT_SIDE`` x ``LATENT_SIDE`` map of ``LATENT_CH`` channels on the
    torus (stored flat in channel, row, column order: ``ZDIM`` numbers). The encoder's
    first three strided circular convolutions (64 -> 8 px) and one 3 x 3 convolution
    give its mean; the generator reads it with two 3 x 3 convolutions at 8 px, then
    the grid decoder's doubling steps to the feature grids of :class:`GRID`, read by
    the same point network. Each cell of the map shapes its own eighth of the tile,
    so a tile's motifs pass through the latent where a 64-number vector averaged them
    away (measured on 256 tiles of data v4 after 1,000 steps: mean squared error
    0.0093 on those tiles and 0.014 on 64 others, against 0.0177 and 0.027 for
    :class:`GRID`). Its prior is a diffusion model (:mod:`foulard.model.diffusion`):
    a mixture of full covariances in 512 dimensions would take a megabyte a component.
    """

    LATENT_SIDE = 8  # the default map; a run may choose another (LATENT_SIDES)
    LATENT_CH = 8
    ZDIM = LATENT_SIDE * LATENT_SIDE * LATENT_CH
    ENC_CHANNELS = ENC_CHANNELS[:3]  # 64 -> 32 -> 16 -> 8 px
    # The map's side and the encoder's strided convolutions that reach it: a 16 x 16
    # map (cells of 4 px) stops after two, and its generator doubles once to 32 px.
    LATENT_SIDES: ClassVar[dict[int, int]] = {8: 3, 16: 2}


def check_latent_side(side: int) -> int:
    """``side`` if a spatial latent map may have it (:attr:`SPATIAL.LATENT_SIDES`)."""
    from foulard.errors import FoulardError

    if side not in SPATIAL.LATENT_SIDES:
        sides = " or ".join(map(str, SPATIAL.LATENT_SIDES))
        raise FoulardError(f"a latent map of side {side}: {sides}")
    return side


def latent_shape(w) -> tuple[int, int]:
    """``(channels, side)`` of the spatial latent map of a network's arrays (a name ->
    array or tensor mapping): the channels the generator reads, the side the encoder's
    strided convolutions reach from the 64 px tile."""
    ch = int(w["gen_in.weight"].shape[1])
    depth = sum(1 for k in w if k.startswith("enc.") and k.endswith(".weight"))
    return ch, GRID.TRAIN_SIDE >> depth


def smooth_weights(t: np.ndarray) -> np.ndarray:
    """Smoothstep ``t^2 (3 - 2 t)``: bilinear weights with a continuous derivative."""
    return t * t * (3.0 - 2.0 * t)


def grid_interp_matrix(n: int, side: int = GRID.SIDE, scale: int = 1) -> np.ndarray:
    """``(n, side)`` matrix reading a periodic grid of ``side`` cells, repeated ``scale``
    times, at the ``n`` pixel centres of the unit interval (grid sample ``j`` sits at
    ``j / (side * scale)``)."""
    f = (np.arange(n) + 0.5) / n * side * scale
    i0 = np.floor(f).astype(np.int64)
    t = smooth_weights(f - i0)
    m = np.zeros((n, side), np.float64)
    np.add.at(m, (np.arange(n), i0 % side), 1.0 - t)
    np.add.at(m, (np.arange(n), (i0 + 1) % side), t)
    return m
