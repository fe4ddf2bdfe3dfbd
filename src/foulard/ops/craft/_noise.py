"""Periodic value noise for the craft operators' irregularities (wicking, crinkles, fibres).

Tables are drawn once in ``prepare`` from the node's generator; evaluation is
pointwise, so the noise is the same at every resolution. A table of ``n x n``
values wraps: evaluated at ``u, v`` in lattice units it repeats every ``n`` cells, and
octave k (2**k times finer) repeats with it, so noise laid over the unit square with
``n`` cells across tiles the square exactly (coordinates go through ``wrap01``).
"""

from __future__ import annotations

import numpy as np

from foulard.ops._common.geometry import wrap01

__all__ = ["Noise", "noise_table"]


def noise_table(rng: np.random.Generator, n: int, octaves: int = 1) -> np.ndarray:
    """``(octaves, n, n)`` uniform values in [0, 1] (float64)."""
    return rng.random((octaves, n, n))


def _lerp_lookup(table: np.ndarray, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    n = table.shape[0]
    iu = np.floor(u)
    iv = np.floor(v)
    fu = u - iu
    fv = v - iv
    fu = fu * fu * (3.0 - 2.0 * fu)
    fv = fv * fv * (3.0 - 2.0 * fv)
    x0 = iu.astype(np.intp)
    y0 = iv.astype(np.intp)
    if n & (n - 1) == 0:  # a power of two: wrap with a mask (exact for negatives too)
        m = n - 1
        x0 &= m
        y0 &= m
        x1 = (x0 + 1) & m
        y1 = (y0 + 1) & m
    else:
        x0 %= n
        y0 %= n
        x1 = (x0 + 1) % n
        y1 = (y0 + 1) % n
    flat = table.ravel()
    y0 *= n
    y1 *= n
    a = flat.take(y0 + x0)
    b = flat.take(y0 + x1)
    top = a + (b - a) * fu
    a = flat.take(y1 + x0)
    b = flat.take(y1 + x1)
    bottom = a + (b - a) * fu
    return top + (bottom - top) * fv


class Noise:
    """Octaves of smooth value noise over tables of ``cells x cells`` values that wrap.

    ``noise(x, y)`` evaluates at design coordinates with ``cells`` lattice cells
    across the unit square, and tiles the square exactly; ``noise.lattice(u, v)``
    at raw lattice coordinates (period ``cells`` in both). Octave k is ``2**k``
    times finer and repeats ``2**k`` times per period. Values lie in [0, 1], mean 1/2.
    """

    def __init__(
        self, rng: np.random.Generator, cells: int = 16, octaves: int = 4, gain: float = 0.5
    ):
        self.tables = noise_table(rng, cells, octaves)
        self.cells = cells
        self.gain = gain

    def lattice(self, u: np.ndarray, v: np.ndarray, octaves: int | None = None) -> np.ndarray:
        """Noise at lattice coordinates ``u, v`` (period ``cells`` in both)."""
        count = len(self.tables) if octaves is None else min(octaves, len(self.tables))
        total = _lerp_lookup(self.tables[0], u, v)
        weight = 1.0
        w = 1.0
        for k in range(1, count):
            w *= self.gain
            f = float(1 << k)
            total += w * _lerp_lookup(self.tables[k], u * f, v * f)
            weight += w
        if count == 1:
            return total
        # Restore one octave's contrast about 1/2 (a sum of octaves is flatter).
        spread = weight / sum(self.gain ** (2 * k) for k in range(count)) ** 0.5
        out = 0.5 + (total * (1.0 / weight) - 0.5) * spread
        return np.clip(out, 0.0, 1.0, out=out)

    def __call__(self, x: np.ndarray, y: np.ndarray, octaves: int | None = None) -> np.ndarray:
        """Noise over the unit square, ``cells`` cells across; tiles the square exactly."""
        return self.lattice(wrap01(x) * self.cells, wrap01(y) * self.cells, octaves)
