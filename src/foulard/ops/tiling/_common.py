"""Turning about the design's centre, as the periodic tilings share it.

A periodic tiling is laid out in its own frame and turned by ``rotation`` degrees
about the centre of the design; its periods turn with it.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from foulard.ops._common.geometry import rotate

__all__ = ["turned_vectors", "unturned"]


def unturned(x: np.ndarray, y: np.ndarray, rotation: float) -> tuple[np.ndarray, np.ndarray]:
    """Design points turned back by ``rotation`` degrees about the design's centre."""
    if rotation:
        x, y = rotate(x - 0.5, y - 0.5, -rotation)
        x, y = x + 0.5, y + 0.5
    return x, y


def turned_vectors(
    vectors: Iterable[tuple[float, float]], rotation: float
) -> list[tuple[float, float]]:
    """Vectors (periods) turned by ``rotation`` degrees, as pairs of floats."""
    out = []
    for vx, vy in vectors:
        rx, ry = rotate(np.array([vx], np.float64), np.array([vy], np.float64), rotation)
        out.append((float(rx[0]), float(ry[0])))
    return out
