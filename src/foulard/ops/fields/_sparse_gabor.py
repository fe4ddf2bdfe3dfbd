"""Sparse convolution of complex Gabor kernels on a lattice that wraps the unit square.

Shared by Gabor noise (the real part) and phasor noise (the phase). Impulses are
drawn per lattice cell in ``prepare``; a cell is at least one kernel radius wide,
so a point only meets impulses of its own cell and the eight around it. Each
kernel is

    w exp(-pi a^2 |d|^2) exp(i (k . d + phi)),      d = point - impulse,

with its Gaussian envelope multiplied by the window (1 - r^2 / R^2)^2, which
takes it to zero at the truncation radius R with zero slope: no step and no kink
where a kernel ends (a kink shows as a seam in phasor noise's phase).
Every distance is taken in the point's own cell frame (wrapped coordinates), so
``p`` and ``p + (1, 0)`` give the same bits: the sum tiles the unit square.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from foulard.ops._common.geometry import wrap01

__all__ = ["TRUNCATE", "SparseGabor", "build", "cells_for", "convolve", "radius"]

TRUNCATE = 0.05  # default envelope value at the kernel radius (Lagae et al. 2009)
_CHUNK = 2048


def radius(truncate: float) -> float:
    """Kernel radius in units of 1 / a where the envelope falls to ``truncate``."""
    return math.sqrt(-math.log(truncate) / math.pi)


class SparseGabor:
    """Impulses of a sparse Gabor convolution, laid out for vectorised lookups.

    ``table`` is ``6 x ((n + 2) ** 2 * K)`` float32: for each cell of the wrapped
    lattice (one ring of wrapped copies around it) its K impulses, as six rows
    (x, y, weight, kx, ky, phase): positions in cell units within the cell, wave
    vectors in radians per cell unit. Rows are contiguous, so each is gathered
    with one ``take``.
    """

    def __init__(
        self, n: int, k: int, a_cell: float, table: np.ndarray, variance: float, truncate: float
    ):
        self.n = n
        self.truncate = truncate
        self.inv_reach2 = (a_cell / radius(truncate)) ** 2  # 1 / R^2 in cell units
        self.k = k
        self.a_cell = a_cell
        self.table = table
        self.variance = variance
        stride = n + 2
        rel = [oy * stride + ox for oy in (-1, 0, 1) for ox in (-1, 0, 1)]
        # Index offsets of the 9 neighbour cells' K impulses, and their cell offsets.
        self.rel = (np.array(rel)[:, None] * k + np.arange(k)[None, :]).ravel()[None, :]
        self.ox = np.repeat(np.tile(np.float32([-1, 0, 1]), 3), k)[None, :]
        self.oy = np.repeat(np.repeat(np.float32([-1, 0, 1]), 3), k)[None, :]


def cells_for(a: float, truncate: float = TRUNCATE) -> int:
    """Cells across the unit square so that a cell is at least one kernel radius wide."""
    return max(1, math.floor(a / radius(truncate)))


def build(
    rng: np.random.Generator,
    *,
    a: float,
    frequency: float,
    density: float,
    orientation: Callable[..., np.ndarray],
    truncate: float = TRUNCATE,
) -> SparseGabor:
    """Draw the impulses.

    Parameters
    ----------
    a : float
        Envelope bandwidth (1 / design units); the kernel radius is about 0.98 / a.
    frequency : float
        Cycles per design unit of every kernel.
    density : float
        Mean impulses per kernel-radius square.
    orientation : callable
        ``orientation(x, y, rng)`` -> angle in radians of each impulse's wave vector,
        given impulse positions in design units within [0, 1).
    truncate : float
        Envelope value at the kernel radius (lower: smoother, more kernels per point).
    """
    n = cells_for(a, truncate)
    cell = 1.0 / n
    reach = radius(truncate) / a
    k = max(1, min(24, round(density * (cell / reach) ** 2)))
    pos = rng.random((n, n, k, 2))
    weight = rng.choice(np.array([-1.0, 1.0]), size=(n, n, k))
    phase = rng.uniform(0.0, 2.0 * math.pi, (n, n, k))
    iy, ix = np.mgrid[0:n, 0:n]
    gx = (ix[..., None] + pos[..., 0]) * cell
    gy = (iy[..., None] + pos[..., 1]) * cell
    angle = np.broadcast_to(orientation(gx, gy, rng), (n, n, k))
    w = 2.0 * math.pi * frequency * cell  # radians per cell unit
    table = np.stack(
        [pos[..., 0], pos[..., 1], weight, w * np.cos(angle), w * np.sin(angle), phase], axis=-1
    )
    table = np.pad(table, ((1, 1), (1, 1), (0, 0), (0, 0)), mode="wrap")
    table = np.ascontiguousarray(np.moveaxis(table, -1, 0).reshape(6, -1), dtype=np.float32)
    a_cell = a * cell
    # E|G|^2 = impulses per unit area x integral of the envelope squared (weights +-1).
    reach_cell = radius(truncate) / a_cell
    r = np.linspace(0.0, reach_cell, 2001)
    env = np.exp(-math.pi * a_cell**2 * r * r) * (1.0 - (r / reach_cell) ** 2) ** 2
    integral = float(np.trapezoid(env * env * 2.0 * math.pi * r, r))
    return SparseGabor(n, k, a_cell, table, k * integral, truncate)


def convolve(
    state: SparseGabor, x: np.ndarray, y: np.ndarray, *, imag: bool = True
) -> tuple[np.ndarray, np.ndarray | None]:
    """Real and imaginary parts of the sum at points (float32, x's shape).

    With ``imag=False`` only the real part is computed (the second item is None).
    """
    shape = np.shape(x)
    xf = np.ravel(x)
    yf = np.ravel(y)
    re = np.empty(xf.size, np.float32)
    im = np.empty(xf.size, np.float32) if imag else None
    for s in range(0, xf.size, _CHUNK):
        a, b = _chunk(state, xf[s : s + _CHUNK], yf[s : s + _CHUNK], imag)
        re[s : s + _CHUNK] = a
        if imag:
            im[s : s + _CHUNK] = b
    return re.reshape(shape), None if im is None else im.reshape(shape)


def _chunk(state: SparseGabor, x: np.ndarray, y: np.ndarray, imag: bool):
    n = state.n
    u = wrap01(x) * n
    v = wrap01(y) * n
    ix = np.floor(u)
    iy = np.floor(v)
    fx = (u - ix).astype(np.float32)[:, None]
    fy = (v - iy).astype(np.float32)[:, None]
    base = ((iy.astype(np.intp) + 1) * (n + 2) + (ix.astype(np.intp) + 1)) * state.k
    idx = base[:, None] + state.rel  # (m, 9K): every impulse that can reach each point
    t = state.table
    dx = (fx - state.ox) - t[0].take(idx)
    dy = (fy - state.oy) - t[1].take(idx)
    r2 = dx * dx
    r2 += dy * dy
    window = np.float32(1.0) - r2 * np.float32(state.inv_reach2)
    np.maximum(window, np.float32(0.0), out=window)
    window *= window
    env = np.exp(r2 * np.float32(-math.pi * state.a_cell**2))
    env *= window
    env *= t[2].take(idx)
    theta = t[3].take(idx) * dx
    theta += t[4].take(idx) * dy
    theta += t[5].take(idx)
    re = np.cos(theta)
    re *= env
    if not imag:
        return re.sum(axis=1), None
    im = np.sin(theta, out=theta)
    im *= env
    return re.sum(axis=1), im.sum(axis=1)
