"""Helpers for the stylising transforms: tones read per cell, rotated cells, cell hashes."""

from __future__ import annotations

import math

import numpy as np
from scipy import fft as sfft

from foulard.ops._common.channels import as_rgba

__all__ = ["cell_hash", "darkness", "gaussian", "ink_rgba", "on_ground", "rotated_cells"]

_LUMA = np.array([0.2126, 0.7152, 0.0722], np.float32)


def on_ground(values: np.ndarray, ground) -> np.ndarray:
    """Straight sRGB of a source laid on the ground colour (a value reads as grey).

    >>> on_ground(np.zeros((1, 4), np.float32), (1.0, 0.5, 0.0)).tolist()
    [[1.0, 0.5, 0.0]]
    """
    rgba = as_rgba(values)
    g = np.asarray(ground, np.float32)
    return np.clip(rgba[..., :3] + g * (1.0 - rgba[..., 3:4]), 0.0, 1.0)


def darkness(values: np.ndarray, ground, invert: bool = False, ink=None) -> np.ndarray:
    """Ink coverage asked for by a source: a value as it is (1 = full ink); a colour by
    its luma between the ground's (no ink) and the ink's (full ink; black when
    ``ink`` is None). ``invert`` swaps ink and paper.

    >>> darkness(np.array([[0.5, 0.5, 0.5, 1.0]], np.float32), (1.0, 1.0, 1.0)).round(3).tolist()
    [0.5]
    """
    if values.shape[-1] == 1:
        d = np.clip(values[..., 0].astype(np.float64), 0.0, 1.0)
    else:
        luma = on_ground(values, ground).astype(np.float64) @ _LUMA.astype(np.float64)
        lg = float(np.asarray(ground, np.float64) @ _LUMA)
        li = 0.0 if ink is None else float(np.asarray(ink, np.float64) @ _LUMA)
        span = lg - li
        if abs(span) < 0.05:  # ink as light as the ground: fall back to plain darkness
            lg, span = 1.0, 1.0
        d = np.clip((lg - luma) / span, 0.0, 1.0)
    return 1.0 - d if invert else d


def ink_rgba(cov: np.ndarray, ground, ink) -> np.ndarray:
    """Opaque RGBA of the colour ``ink`` over ``ground`` at coverage ``cov`` (0 to 1).

    >>> ink_rgba(np.array([0.25]), (1.0, 1.0, 1.0), (0.0, 0.0, 0.0)).tolist()
    [[0.75, 0.75, 0.75, 1.0]]
    """
    c = cov.astype(np.float32)[..., None]
    out = np.empty((*cov.shape, 4), np.float32)
    out[..., :3] = np.asarray(ground, np.float32) * (1.0 - c) + np.asarray(ink, np.float32) * c
    out[..., 3] = 1.0
    return out


def rotated_cells(x: np.ndarray, y: np.ndarray, size: float, degrees: float):
    """Square cells of side ``size`` turned by ``degrees``: per point its cell index
    ``(i, j)``, offset ``(fu, fv)`` from the cell centre in cell units (in [-0.5, 0.5)),
    and the centre ``(cx, cy)`` in design units."""
    t = math.radians(degrees)
    c, s = math.cos(t), math.sin(t)
    a = (c * x + s * y) / size
    b = (-s * x + c * y) / size
    i = np.floor(a)
    j = np.floor(b)
    fu = a - i - 0.5
    fv = b - j - 0.5
    ca = (i + 0.5) * size
    cb = (j + 0.5) * size
    return i, j, fu, fv, c * ca - s * cb, s * ca + c * cb


def cell_hash(i: np.ndarray, j: np.ndarray, seed: int) -> np.ndarray:
    """A uniform number in [0, 1) per integer cell ``(i, j)`` and seed (a mixing hash).

    >>> float(cell_hash(np.array([3.0]), np.array([-2.0]), 7)[0]) == float(
    ...     cell_hash(np.array([3.0]), np.array([-2.0]), 7)[0])
    True
    """
    a = np.asarray(i, np.float64).astype(np.int64).astype(np.uint64)
    b = np.asarray(j, np.float64).astype(np.int64).astype(np.uint64)
    with np.errstate(over="ignore"):
        h = a * np.uint64(0x9E3779B97F4A7C15) ^ (b + np.uint64(seed & 0xFFFFFFFF)) * np.uint64(
            0xC2B2AE3D27D4EB4F
        )
        h ^= h >> np.uint64(31)
        h *= np.uint64(0xBF58476D1CE4E5B9)
        h ^= h >> np.uint64(29)
    return (h >> np.uint64(11)).astype(np.float64) * (1.0 / 9007199254740992.0)


def gaussian(a: np.ndarray, sigma: float, *, wrap: bool, pad_mode: str = "edge") -> np.ndarray:
    """Gaussian blur of a 2-D array by ``sigma`` cells through the FFT (cost independent
    of ``sigma``): periodic when ``wrap``, else padded by three sigmas (``pad_mode``)."""
    if sigma <= 0.0:
        return a
    h, w = a.shape
    pad = 0 if wrap else min(math.ceil(3.0 * sigma), 2 * max(h, w))
    if pad:
        a = np.pad(a, pad, mode=pad_mode)
    fy = np.fft.fftfreq(a.shape[0])[:, None]
    fx = np.fft.rfftfreq(a.shape[1])[None, :]
    k = np.exp(-2.0 * (math.pi * sigma) ** 2 * (fx * fx + fy * fy))
    out = sfft.irfft2(sfft.rfft2(a) * k, s=a.shape)
    return out[pad : pad + h, pad : pad + w] if pad else out
