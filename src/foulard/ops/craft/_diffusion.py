"""Explicit diffusion on a grid with a conductivity per cell (flux form).

Dye in wet cloth spreads from cell to cell; how easily it passes between two
cells depends on both (a resist, a fibre that wicks better): the flux between
neighbours uses the mean of their conductivities, so whatever leaves one cell
enters the other and dye is conserved (except where a sink or source says).
"""

from __future__ import annotations

import numpy as np

__all__ = ["diffuse_step", "edge_conductivity"]


def edge_conductivity(k: np.ndarray, periodic: bool) -> tuple[np.ndarray, np.ndarray]:
    """Conductivities of the edges between cells: (to the right, downward).

    With ``periodic`` the last column connects to the first (and the last row to
    the first row); otherwise the outer edges are closed (zero).
    """
    kx = np.zeros_like(k)
    ky = np.zeros_like(k)
    kx[:, :-1] = 0.5 * (k[:, :-1] + k[:, 1:])
    ky[:-1] = 0.5 * (k[:-1] + k[1:])
    if periodic:
        kx[:, -1] = 0.5 * (k[:, -1] + k[:, 0])
        ky[-1] = 0.5 * (k[-1] + k[0])
    return kx, ky


def diffuse_step(c: np.ndarray, kx: np.ndarray, ky: np.ndarray, out: np.ndarray) -> np.ndarray:
    """One explicit step: ``out = c + div(k grad c)``; stable while k <= 1/4.

    ``kx[i, j]`` joins cell (i, j) to (i, j + 1), wrapping at the last column (its
    edge conductivity is zero when closed); ``ky`` likewise downward.
    """
    fx = (np.roll(c, -1, axis=1) - c) * kx  # flux into (i, j) from the right
    fy = (np.roll(c, -1, axis=0) - c) * ky
    np.copyto(out, c)
    out += fx
    out -= np.roll(fx, 1, axis=1)
    out += fy
    out -= np.roll(fy, 1, axis=0)
    return out
