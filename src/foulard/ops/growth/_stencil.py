"""The finite-difference stencil of the reaction-diffusion simulations on a torus."""

from __future__ import annotations

import numpy as np

__all__ = ["periodic_laplacian"]


def periodic_laplacian(a: np.ndarray, out: np.ndarray) -> np.ndarray:
    """5-point Laplacian of ``a`` (unit spacing) on a grid that wraps, into ``out``.

    The neighbours are summed in the same order in every cell, edges included, so
    shifting ``a`` round the torus shifts the result by exactly the same cells.
    """
    np.multiply(a, np.float32(-4.0), out=out)
    out[1:] += a[:-1]
    out[0] += a[-1]
    out[:-1] += a[1:]
    out[-1] += a[0]
    out[:, 1:] += a[:, :-1]
    out[:, 0] += a[:, -1]
    out[:, :-1] += a[:, 1:]
    out[:, -1] += a[:, 0]
    return out
