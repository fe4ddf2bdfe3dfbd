"""Small pieces the periodic tilings share: turning about the design's centre, chunks.

A periodic tiling is laid out in its own frame and turned by ``rotation`` degrees
about the centre of the design; its periods turn with it. Pointwise kernels run
over cache-sized chunks of the points (every value depends on its point alone, so
chunking changes no value).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np

from foulard.ops._common.geometry import rotate

__all__ = ["chunked", "opaque", "turned_vectors", "unturned"]

_CHUNK = 16384


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


def chunked(
    fn: Callable[[np.ndarray, np.ndarray], np.ndarray], x: np.ndarray, y: np.ndarray, channels: int
) -> np.ndarray:
    """``fn(x, y) -> (n, channels)`` over 1-D chunks of the points, shaped like ``x``."""
    shape = np.shape(x)
    xf, yf = np.ravel(x), np.ravel(y)
    out = np.empty((xf.size, channels), np.float32)
    for s in range(0, xf.size, _CHUNK):
        out[s : s + _CHUNK] = fn(xf[s : s + _CHUNK], yf[s : s + _CHUNK])
    return out.reshape(*shape, channels)


def opaque(rgb: np.ndarray) -> np.ndarray:
    """Opaque RGBA ``(n, 4)`` (float64) from RGB ``(n, 3)``."""
    out = np.empty((rgb.shape[0], 4))
    out[:, :3] = rgb
    out[:, 3] = 1.0
    return out
