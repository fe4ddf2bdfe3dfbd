"""Evaluating pointwise kernels in cache-sized chunks.

A kernel that makes a dozen temporaries over a whole band (a megabyte or more
each) spends most of its time waiting on memory; over chunks of about 16k points
the temporaries stay in cache and the same kernel runs two to three times faster.
Every point's value depends on that point alone, so chunking changes no value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

__all__ = ["CHUNK", "chunked", "in_chunks"]

CHUNK = 16384


def in_chunks(
    kernel: Callable[..., np.ndarray], x: np.ndarray, y: np.ndarray, *args: Any
) -> np.ndarray:
    """``kernel(x, y, *args)`` over 1-D chunks of the points, as float32 of x's shape."""
    shape = np.shape(x)
    xf = np.ravel(x)
    yf = np.ravel(y)
    if xf.size <= CHUNK:
        return np.asarray(kernel(xf, yf, *args), np.float32).reshape(shape)
    out = np.empty(xf.size, np.float32)
    for s in range(0, xf.size, CHUNK):
        out[s : s + CHUNK] = kernel(xf[s : s + CHUNK], yf[s : s + CHUNK], *args)
    return out.reshape(shape)


def chunked(
    kernel: Callable[[np.ndarray, np.ndarray], np.ndarray], x: np.ndarray, y: np.ndarray,
    channels: int = 4,
) -> np.ndarray:  # fmt: skip
    """``kernel(x, y) -> (n, channels)`` over 1-D chunks of the points, as float32 of
    shape ``x.shape + (channels,)``."""
    shape = np.shape(x)
    xf, yf = np.ravel(x), np.ravel(y)
    out = np.empty((xf.size, channels), np.float32)
    for s in range(0, xf.size, CHUNK):
        out[s : s + CHUNK] = kernel(xf[s : s + CHUNK], yf[s : s + CHUNK])
    return out.reshape(*shape, channels)
