"""Coordinate helpers: exact wrapping, rotations, motif placement.

Periodic operators must give *exactly* the same value at ``p`` and ``p + period``.
Floating point alone does not: ``(x + P) / P`` and ``x / P + 1`` can differ in the
last bit. :func:`wrap01` therefore snaps the fractional part to a grid of 2^-24 of
a period (far below any pixel), which makes both land on the same number.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["SNAP", "disc_bounds", "rotate", "to_motif", "wrap01"]

SNAP = 2.0**-24


def wrap01(t: np.ndarray) -> np.ndarray:
    """Fractional part of ``t`` in [0, 1), snapped to multiples of :data:`SNAP`.

    >>> float(wrap01(np.array([0.25 + 3.0]))[0]) == float(wrap01(np.array([0.25]))[0])
    True
    """
    f = np.rint((t - np.floor(t)) * (1.0 / SNAP)) * SNAP
    f[f >= 1.0] -= 1.0
    return f


def rotate(x: np.ndarray, y: np.ndarray, degrees: float) -> tuple[np.ndarray, np.ndarray]:
    """Rotate points by ``degrees`` about the origin (clockwise on screen, y down)."""
    if degrees == 0.0:
        return x, y
    a = math.radians(degrees)
    c, s = math.cos(a), math.sin(a)
    return c * x - s * y, s * x + c * y


def to_motif(
    x: np.ndarray,
    y: np.ndarray,
    *,
    cx: float,
    cy: float,
    size: float,
    rotation: float = 0.0,
) -> tuple[np.ndarray, np.ndarray, float]:
    """Map points to the motif box of a motif centred at ``(cx, cy)``, ``size`` wide.

    The motif box is the unit square with its centre (0.5, 0.5) at ``(cx, cy)``.
    Returns the motif coordinates and the factor that converts footprints.
    """
    u, v = rotate(x - cx, y - cy, -rotation)
    inv = 1.0 / size
    return u * inv + 0.5, v * inv + 0.5, inv


def disc_bounds(cx: float, cy: float, r: float) -> tuple[float, float, float, float]:
    """The square around a disc: operator bounds of round things (rosettes, curves).

    >>> disc_bounds(0.5, 0.5, 0.25)
    (0.25, 0.25, 0.75, 0.75)
    """
    r = abs(r)
    return (cx - r, cy - r, cx + r, cy + r)
