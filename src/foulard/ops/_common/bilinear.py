"""Bilinear interpolation of gathered rows, worked in place (no temporary arrays).

Shared by the renderer's tile sampling and the model's torus tables: both gather the
four corners of every point from a flat table and blend them, and both are read at
every pixel of a master, so the arithmetic is done in place on the gathered rows.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

__all__ = ["blend_corners"]


def blend_corners(
    corner: Callable[[np.ndarray], np.ndarray],
    i00: np.ndarray,
    i01: np.ndarray,
    i10: np.ndarray,
    i11: np.ndarray,
    fx: np.ndarray,
    fy: np.ndarray,
) -> np.ndarray:
    """``(1 - fy) ((1 - fx) c00 + fx c01) + fy ((1 - fx) c10 + fx c11)`` as
    ``a + (b - a) f`` steps, where ``corner(i)`` returns the rows at flat indices ``i``
    as a new float32 array ``(P, C)`` and ``fx``, ``fy`` are ``(P, 1)`` float32."""
    top = corner(i01)
    a = corner(i00)
    top -= a
    top *= fx
    top += a
    out = corner(i11)
    a = corner(i10)
    out -= a
    out *= fx
    out += a
    out -= top
    out *= fy
    out += top
    return out
