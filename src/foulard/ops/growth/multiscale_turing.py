"""McCabe's multi-scale Turing patterns: nested activator-inhibitor scales compete."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy import fft

from foulard.ops._common.grid import GridSpec
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import GridCall


@dataclass(frozen=True)
class MultiscaleTuringParams(Params):
    scales: int = param(4, range=(1, 6), doc="activator-inhibitor pairs, each twice the last")
    radius: float = param(
        0.006,
        range=(0.003, 0.05),
        doc="activator radius of the smallest scale",
        unit="design units",
    )
    growth: float = param(2.2, range=(1.3, 3.5), doc="radius of each scale over the one below it")
    ratio: float = param(
        2.0, range=(1.3, 4.0), doc="inhibitor radius over activator radius, at every scale"
    )
    step: float = param(
        0.04, range=(0.005, 0.1), doc="change per step at the largest scale (smaller below)"
    )
    steps: int = param(50, range=(1, 150), doc="update steps")


def _cells(p: MultiscaleTuringParams) -> int:
    # At least about one and a half cells per smallest activator radius.
    return int(np.clip(math.ceil(1.5 / p.radius), 64, 256))


def _grid(p: MultiscaleTuringParams) -> GridSpec:
    return GridSpec.unit(_cells(p), periodic=True)


def _gaussians(n: int, sigmas: list[float]) -> list[np.ndarray]:
    """Fourier symbols of periodic Gaussian blurs (sigma in cells)."""
    k = fft.fftfreq(n) * (2.0 * math.pi)
    k2 = (k[None, :] ** 2 + k[:, None] ** 2)[:, : n // 2 + 1]
    return [np.exp(-0.5 * s * s * k2).astype(np.float32) for s in sigmas]


def simulate(p: MultiscaleTuringParams, rng: np.random.Generator, n: int) -> np.ndarray:
    """The pattern in [-1, 1] after ``steps`` of McCabe's update.

    At every step and every scale the pattern is blurred at the activator radius
    and at the inhibitor radius; each cell picks the scale where the two differ
    least and moves by that scale's step towards the activator's side of it (up if
    the activator wins, down if not); the whole pattern is then rescaled to [-1, 1].
    """
    cell = 1.0 / n
    act_r = [p.radius * p.growth**i / cell for i in range(p.scales)]
    inh_r = [r * p.ratio for r in act_r]
    kernels = _gaussians(n, act_r + inh_r)
    ka, ki = kernels[: p.scales], kernels[p.scales :]
    amounts = np.array(
        [p.step * (0.4 + 0.6 * i / max(1, p.scales - 1)) for i in range(p.scales)], np.float32
    )
    pat = rng.uniform(-1.0, 1.0, (n, n)).astype(np.float32)
    diff = np.empty((p.scales, n, n), np.float32)
    for _ in range(p.steps):
        spec = fft.rfft2(pat)
        for i in range(p.scales):
            a = fft.irfft2(spec * ka[i], s=(n, n))
            h = fft.irfft2(spec * ki[i], s=(n, n))
            diff[i] = a - h
        best = np.argmin(np.abs(diff), axis=0)
        chosen = np.take_along_axis(diff, best[None], axis=0)[0]
        pat += np.where(chosen > 0, amounts[best], -amounts[best])
        lo, hi = float(pat.min()), float(pat.max())
        if hi > lo:
            pat = ((pat - lo) * (2.0 / (hi - lo)) - 1.0).astype(np.float32)
    return pat


@operator(
    "growth.multiscale_turing",
    kind="grid",
    version=1,
    output="value",
    grid=_grid,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)],
    tags=(
        "multi-scale turing",
        "nested pattern",
        "organic",
        "coral",
        "fractal",
        "多尺度图灵",
        "嵌套纹",
        "有机纹理",
    ),
)
def multiscale_turing(p: MultiscaleTuringParams, call: GridCall) -> np.ndarray:
    """Multi-scale Turing patterns: several activator-inhibitor scales compete per cell.

    Jonathan McCabe's algorithm: the pattern is blurred at pairs of radii
    (activator r, inhibitor ``ratio`` r) at ``scales`` sizes, each ``growth`` times
    the last; in each cell the scale whose activator and inhibitor agree best wins
    and nudges the cell up or down by its step (larger scales take larger steps);
    the pattern is renormalised to [-1, 1] after each step. Large scales lay out
    the big shapes and small ones engrave nested detail inside them: organic,
    coral-like, self-similar patterns. Blurs are Gaussian, applied in Fourier space
    on a grid that wraps (seamless), sized to resolve the smallest radius. The
    output is the pattern mapped to [0, 1].

    References
    ----------
    McCabe 2010, "Cyclic symmetric multi-scale Turing patterns", Proceedings of
    Bridges 2010: Mathematics, Music, Art, Architecture, Culture.
    Turing 1952, "The chemical basis of morphogenesis", Philosophical Transactions
    of the Royal Society B 237(641).
    """
    pat = simulate(p, call.rng, call.grid.width)
    return np.clip(0.5 * (pat + 1.0), 0.0, 1.0)
