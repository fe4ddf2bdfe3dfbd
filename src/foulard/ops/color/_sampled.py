"""Helpers for colour operators that read their input as a whole or as cells.

``prepare(params, rng)`` cannot see inputs, yet some colour operators need
statistics of their input (k-means centres, colour moments, tone levels) or a
grid computed from it (error diffusion). Such an operator keeps a :class:`Lazy`
in its state; the first call samples the input on a *fixed* grid of the unit square
(never at the caller's points), so every band, thread and resolution sees the same
statistics, and later calls reuse them.

Cell images (a dither pattern: one palette colour per cell) are sampled with an
exact box filter over the pixel footprint (:func:`box_cells`), so they stay crisp
palette colours when magnified and average correctly when minified.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from foulard.ops._common.channels import as_rgba

__all__ = [
    "Lazy",
    "axis_overlaps",
    "box_cells",
    "over_ground",
    "premultiplied",
    "roles_rgb",
    "sample_grid_rgb",
    "straight",
    "summed_area",
]


class Lazy:
    """A value built once per evaluation context by ``build(*args)``, under a lock.

    Keyed by the call's ``mm_per_unit`` (the only thing outside the node and the
    palette that can change what an input looks like).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._values: dict[Any, Any] = {}

    def get(self, key: Any, build: Callable[..., Any], *args: Any) -> Any:
        value = self._values.get(key)
        if value is None:
            with self._lock:
                value = self._values.get(key)
                if value is None:
                    value = build(*args)
                    self._values[key] = value
        return value


def over_ground(values: np.ndarray, ground) -> np.ndarray:
    """Opaque sRGB ``(..., 3)`` float32: premultiplied RGBA (or values) over ``ground``."""
    rgba = as_rgba(values)
    g = np.asarray(ground, np.float32)
    return np.clip(rgba[..., :3] + (1.0 - rgba[..., 3:4]) * g, 0.0, 1.0).astype(np.float32)


def straight(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Un-premultiplied sRGB ``(..., 3)`` and alpha ``(..., 1)`` of RGBA (or values)."""
    rgba = as_rgba(values)
    alpha = rgba[..., 3:4]
    safe = np.maximum(alpha, np.float32(1e-12))
    rgb = np.where(alpha > 0.0, rgba[..., :3] / safe, np.float32(0.0))
    return np.clip(rgb, 0.0, 1.0).astype(np.float32), alpha


def premultiplied(rgb: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """Premultiplied RGBA from straight sRGB and alpha."""
    out = np.empty((*rgb.shape[:-1], 4), np.float32)
    out[..., :3] = np.clip(rgb, 0.0, 1.0) * alpha
    out[..., 3:4] = alpha
    return out


def sample_grid_rgb(call, name: str, m: int) -> np.ndarray:
    """Input ``name`` over the ground at the centres of an ``m x m`` grid, ``(m, m, 3)``."""
    c = (np.arange(m) + 0.5) / m
    gx, gy = np.meshgrid(c, c)
    return over_ground(call.input(name, gx, gy, 1.0 / m), call.palette.ground)


def roles_rgb(palette, first: int, count: int) -> np.ndarray:
    """sRGB of roles ``first .. first + count - 1`` (all roles when ``count`` is 0)."""
    n = len(palette) if count == 0 else count
    return palette.rgb[[(first + i) % len(palette) for i in range(n)]].astype(np.float32)


def axis_overlaps(t: np.ndarray, f: float, k: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Cells (integer index) a box ``[t - f/2, t + f/2]`` overlaps, with weights summing to 1.

    ``t`` and ``f`` are in cell units; ``k`` cells are returned (enough when
    ``k >= ceil(f) + 1``), those beyond the box with weight 0.
    """
    lo = t - 0.5 * f
    hi = t + 0.5 * f
    first = np.floor(lo)
    inv = 1.0 / f
    for i in range(k):
        c = first + i
        w = (np.minimum(hi, c + 1.0) - np.maximum(lo, c)) * inv
        yield c.astype(np.int64), np.maximum(w, 0.0)


def _bilinear_sat(sat: np.ndarray, tx: np.ndarray, ty: np.ndarray) -> np.ndarray:
    """Integral of a periodic cell image over ``[0, tx] x [0, ty]`` (cell units)."""
    h, w = sat.shape[0] - 1, sat.shape[1] - 1
    qx, rx = np.divmod(tx, w)
    qy, ry = np.divmod(ty, h)
    ix = np.minimum(np.floor(rx).astype(np.int64), w - 1)
    iy = np.minimum(np.floor(ry).astype(np.int64), h - 1)
    fx = (rx - ix)[..., None]
    fy = (ry - iy)[..., None]
    top = sat[iy, ix] * (1 - fx) + sat[iy, ix + 1] * fx
    bottom = sat[iy + 1, ix] * (1 - fx) + sat[iy + 1, ix + 1] * fx
    partial = top * (1 - fy) + bottom * fy
    # Whole periods: qx columns of full width and qy rows of full height.
    col = sat[iy, w] * (1 - fy) + sat[iy + 1, w] * fy
    row = sat[h, ix] * (1 - fx) + sat[h, ix + 1] * fx
    total = sat[h, w]
    return partial + qx[..., None] * col + qy[..., None] * row + (qx * qy)[..., None] * total


def box_cells(
    colors: np.ndarray, x: np.ndarray, y: np.ndarray, footprint: float, sat: np.ndarray | None
) -> np.ndarray:
    """Exact box-filtered samples of a periodic cell image.

    ``colors`` is ``(h, w, C)`` (one value per cell, repeating), ``x`` and ``y``
    are in cell units and ``footprint`` is the pixel size in cell units. Up to three
    cells per axis the overlapped cells are weighted by their overlap; beyond, the
    integral comes from the summed-area table ``sat`` (the integral of a piecewise
    constant image is bilinear between cell corners, so this is exact too).
    """
    h, w, c = colors.shape
    f = max(float(footprint), 1e-9)
    if f > 3.0 and sat is not None:
        x0, x1 = x - 0.5 * f, x + 0.5 * f
        y0, y1 = y - 0.5 * f, y + 0.5 * f
        area = (
            _bilinear_sat(sat, x1, y1)
            - _bilinear_sat(sat, x0, y1)
            - _bilinear_sat(sat, x1, y0)
            + _bilinear_sat(sat, x0, y0)
        )
        return (area / (f * f)).astype(np.float32)
    k = min(math.ceil(f) + 1, 4)
    flat = colors.reshape(h * w, c)
    out = np.zeros((*x.shape, c), np.float32)
    ys = list(axis_overlaps(y, f, k))
    for ix, wx in axis_overlaps(x, f, k):
        col = ix % w
        for iy, wy in ys:
            weight = (wx * wy).astype(np.float32)[..., None]
            out += weight * flat[(iy % h) * w + col]
    return out


def summed_area(colors: np.ndarray) -> np.ndarray:
    """The summed-area table of a cell image, ``(h + 1, w + 1, C)`` float64."""
    h, w, c = colors.shape
    sat = np.zeros((h + 1, w + 1, c), np.float64)
    sat[1:, 1:] = np.cumsum(np.cumsum(colors.astype(np.float64), axis=0), axis=1)
    return sat
