"""Periodic flow fields shared by curl noise, trails, streamlines and LIC.

The potential is a random Fourier series with whole-number wave vectors,
``psi(p) = sum_j a_j cos(2 pi k_j . p + phi_j)``, so it tiles the unit square; it
is evaluated on wrapped coordinates, so ``p`` and ``p + (1, 0)`` give the same bits.
Two flows come from it:

``curl``
    ``v = (d psi / dy, -d psi / dx)``: divergence-free, swirls with no sinks
    (Bridson, Hourihan & Nordenstam 2007). Its streamlines are the level sets of psi.
``angle``
    ``v = (cos theta, sin theta)`` with ``theta = 2 pi turns psi / max|psi|``: the
    noise-angle field of Hobbs's flow-field essays; lines bunch and part.

Both are scaled so the typical speed is 1 design unit per unit of time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from foulard.ops._common.geometry import wrap01
from foulard.ops.params import Params, param

__all__ = ["FlowParams", "FourierFlow", "make_flow"]

_TWO_PI = 2.0 * math.pi


@dataclass(frozen=True)
class FlowParams(Params):
    flow: str = param(
        "curl",
        choices=("curl", "angle"),
        doc="'curl': divergence-free swirls; 'angle': a noise value turned into a direction",
    )
    scale: float = param(
        0.3,
        range=(0.08, 1.0),
        doc="size of the flow's features (one swirl or bend)",
        unit="design units",
    )
    turns: float = param(
        0.6, range=(0.1, 3.0), doc="'angle' flow: turns of direction over the noise's range"
    )
    modes: int = param(24, range=(4, 64), doc="Fourier modes in the noise (more: less regular)")


class FourierFlow:
    """A random periodic potential and the flows made from it (see the module doc)."""

    def __init__(self, k: np.ndarray, amp: np.ndarray, phase: np.ndarray, flow: str, turns: float):
        self.kx = k[:, 0].astype(np.float64)
        self.ky = k[:, 1].astype(np.float64)
        self.amp = amp.astype(np.float64)
        self.phase = phase.astype(np.float64)
        self.cycles = self.phase / _TWO_PI
        self.flow = flow
        self.turns = float(turns)
        # Bound of |psi|, and the RMS speed of the curl flow (modes are independent).
        self.psi_max = float(np.abs(self.amp).sum())
        self.psi_rms = math.sqrt(0.5 * float((self.amp**2).sum()))
        grad2 = (self.amp * _TWO_PI) ** 2 * (self.kx**2 + self.ky**2)
        self.speed_rms = math.sqrt(0.5 * float(grad2.sum()))

    def stream(self, x: np.ndarray, y: np.ndarray, *, gradient: bool = True):
        """psi at points and (when asked) its gradient, float32.

        Each mode's phase is reduced to one cycle in float64 before the float32
        sine and cosine (which are vectorised and far faster than float64 ones).
        """
        u = wrap01(np.asarray(x, np.float64))
        v = wrap01(np.asarray(y, np.float64))
        psi = np.zeros(u.shape, np.float32)
        gx = np.zeros(u.shape, np.float32) if gradient else None
        gy = np.zeros(u.shape, np.float32) if gradient else None
        two_pi = np.float32(_TWO_PI)
        for kx, ky, a, ph in zip(self.kx, self.ky, self.amp, self.cycles, strict=True):
            c = kx * u + ky * v + ph
            t = (c - np.floor(c)).astype(np.float32) * two_pi
            psi += np.float32(a) * np.cos(t)
            if gradient:
                s = np.sin(t)
                gx -= np.float32(a * _TWO_PI * kx) * s
                gy -= np.float32(a * _TWO_PI * ky) * s
        return psi, gx, gy

    def velocity(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The flow's velocity at points (exact, from the series)."""
        psi, gx, gy = self.stream(x, y)
        if self.flow == "curl":
            inv = 1.0 / self.speed_rms
            return gy * inv, -gx * inv
        theta = psi * (_TWO_PI * self.turns / self.psi_max)
        return np.cos(theta), np.sin(theta)

    def table(self, n: int = 256) -> np.ndarray:
        """Velocity at the centres of an ``n x n`` periodic grid, ``(n, n, 2)``."""
        c = (np.arange(n) + 0.5) / n
        gx, gy = np.meshgrid(c, c)
        vx, vy = self.velocity(gx, gy)
        return np.stack([vx, vy], axis=-1).astype(np.float64)


def make_flow(p: FlowParams, rng: np.random.Generator) -> FourierFlow:
    """Draw a flow: ``p.modes`` whole-number wave vectors around 1 / ``p.scale`` cycles.

    Wave lengths spread over an octave each side of ``scale``; amplitudes fall as
    1 / |k|^1.5 (a smooth, cloud-like potential). Vectors are drawn in the upper
    half plane (k and -k are the same wave) and repeats are merged.
    """
    f = 1.0 / p.scale
    radius = f * np.exp2(rng.uniform(-1.0, 1.0, p.modes))
    angle = rng.uniform(0.0, math.pi, p.modes)
    k = np.rint(np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=-1))
    k[np.all(k == 0, axis=1)] = (1.0, 0.0)
    # Canonical half plane: ky > 0, or ky == 0 and kx > 0.
    flip = (k[:, 1] < 0) | ((k[:, 1] == 0) & (k[:, 0] < 0))
    k[flip] *= -1
    k, inverse = np.unique(k, axis=0, return_inverse=True)
    norm = np.hypot(k[:, 0], k[:, 1])
    amp = norm**-1.5 * np.bincount(inverse.ravel(), minlength=len(k))  # merged repeats add up
    phase = rng.uniform(0.0, 2.0 * math.pi, len(k))
    return FourierFlow(k, amp, phase, p.flow, p.turns)
