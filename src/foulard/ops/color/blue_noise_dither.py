"""Blue-noise dither: a void-and-cluster threshold mask between palette roles."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.color._dither import SOURCE, DitherParams, choose, threshold_mix
from foulard.ops.params import param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["blue_noise_dither", "void_and_cluster"]

_SIGMA = 1.5  # Ulichney's energy filter width, in mask cells
_START = 0.1  # share of ones in the initial random pattern


def _energy_kernel(size: int) -> np.ndarray:
    d = np.minimum(np.arange(size), size - np.arange(size)).astype(np.float64)
    g = np.exp(-(d * d) / (2.0 * _SIGMA * _SIGMA))
    return g[:, None] * g[None, :]


@functools.lru_cache(maxsize=16)
def void_and_cluster(size: int, seed: int) -> np.ndarray:
    """A ``size x size`` blue-noise rank mask: every rank ``0 .. size**2 - 1`` once.

    Ulichney's void-and-cluster method on a torus: a random start pattern is
    relaxed by moving its tightest cluster into its largest void until they meet;
    then its ones are ranked by removing tightest clusters, and the rest by filling
    largest voids. Energy is a wrapped Gaussian of the pattern, updated per pixel.

    >>> m = void_and_cluster(8, 1)
    >>> sorted(m.ravel().tolist()) == list(range(64))
    True
    """
    rng = np.random.default_rng(seed)
    n = size * size
    kernel = _energy_kernel(size)
    spectrum = np.fft.rfft2(kernel)

    def energy_of(pattern: np.ndarray) -> np.ndarray:
        return np.fft.irfft2(np.fft.rfft2(pattern) * spectrum, s=pattern.shape)

    tiled = np.tile(kernel, (2, 2))

    def add(energy: np.ndarray, index: int, sign: float) -> None:
        # The kernel centred on (y, x), wrapped: a window of the twice-tiled kernel.
        y, x = divmod(index, size)
        window = tiled[size - y : 2 * size - y, size - x : 2 * size - x]
        if sign > 0:
            energy += window
        else:
            energy -= window

    ones = rng.random((size, size)) < _START
    if not ones.any():
        ones[0, 0] = True
    energy = energy_of(ones.astype(np.float64))
    # Relax: tightest cluster to largest void, until the same pixel comes back.
    for _ in range(4 * n):
        cluster = int(np.argmax(np.where(ones, energy, -np.inf)))
        ones.flat[cluster] = False
        add(energy, cluster, -1.0)
        void = int(np.argmin(np.where(ones, np.inf, energy)))
        ones.flat[void] = True
        add(energy, void, 1.0)
        if void == cluster:
            break
    rank = np.empty(n, np.int64)
    start = ones.copy()
    start_energy = energy.copy()
    count = int(ones.sum())
    # Phase 1: rank the start pattern's ones by removing tightest clusters.
    for r in range(count - 1, -1, -1):
        cluster = int(np.argmax(np.where(ones, energy, -np.inf)))
        ones.flat[cluster] = False
        add(energy, cluster, -1.0)
        rank[cluster] = r
    # Phases 2 and 3: fill largest voids (the tightest clusters of zeros) until full.
    ones, energy = start, start_energy
    for r in range(count, n):
        void = int(np.argmin(np.where(ones, np.inf, energy)))
        ones.flat[void] = True
        add(energy, void, 1.0)
        rank[void] = r
    out = rank.reshape(size, size)
    out.setflags(write=False)
    return out


@dataclass(frozen=True)
class BlueNoiseDitherParams(DitherParams):
    dot: float = param(
        0.004, range=(0.0015, 0.05), unit="design unit", doc="size of one dot (a mask cell)"
    )
    mask_size: int = param(
        64, range=(16, 128), doc="mask cells per side (the mask repeats after this many dots)"
    )


def _prepare(p: BlueNoiseDitherParams, rng: np.random.Generator) -> np.ndarray:
    # One mask per size and process (building it is the slow part); each node takes
    # its own wrapped shift and one of the square's eight symmetries of it.
    size = p.mask_size
    ranks = void_and_cluster(size, 0)
    sym = int(rng.integers(8))
    shift = (int(rng.integers(size)), int(rng.integers(size)))
    ranks = np.rot90(ranks, sym % 4)
    if sym >= 4:
        ranks = ranks.T
    ranks = np.roll(ranks, shift, axis=(0, 1))
    return ((ranks + 0.5) / (size * size)).astype(np.float32)


@operator(
    "color.blue_noise_dither",
    kind="image",
    version=1,
    inputs=(SOURCE,),
    output="rgba",
    prepare=_prepare,
    tags=(
        "dither",
        "blue noise",
        "stochastic screen",
        "fm screen",
        "stipple",
        "grain",
        "蓝噪声",
        "调频网点",
        "抖动",
    ),
    example_params={"count": 4},
)
def blue_noise_dither(p: BlueNoiseDitherParams, call: Call) -> np.ndarray:
    """Blue-noise dither: FM (stochastic) screening between palette roles.

    A void-and-cluster mask (a rank for every cell, with no low-frequency structure;
    each node shifts and turns it by its generator) thresholds each point between two
    palette roles, exactly as ``color.ordered_dither`` does with a Bayer matrix:
    ``tone`` mode climbs a lightness ladder of the roles, ``colour`` mode mixes the
    nearest role with its best partner. The result is an even, grain-like scatter of
    single dots, with none of the Bayer cross-hatch: the frequency-modulated screen
    of fine-art and textile inkjet proofs. Dots are ``dot`` design units wide, the
    mask repeats every ``mask_size`` dots, and a pixel takes the exact mean of the
    dots it covers.

    References
    ----------
    Ulichney 1993, "The void-and-cluster method for dither array generation",
    Proc. SPIE 1913; Ulichney 1988, "Dithering with blue noise", Proc. IEEE 76(1).
    """
    return threshold_mix(call, call.state, p.dot, 0.0, choose(call, p.mode, p.first, p.count))
