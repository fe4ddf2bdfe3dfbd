"""Trap (spread): each ink's plate reaches under the inks printed after it.

Screens never register perfectly; where two inks meet, a hairline of bare silk
would show. So each ink spreads by a trap radius (a disk; default 0.15 mm, 2 px at
300 ppi, 1 px at 150 ppi) under the inks printed after it, never under those printed
before: plate ``k`` covers ink ``k`` plus every pixel within the radius of ink ``k``
whose own ink prints later. Taking, at every pixel, the last-printed ink whose plate
covers it therefore gives back the indexed image exactly (:func:`recombine`).

The plates of all inks come from one pass: each pixel carries a bit mask of the inks
present in the disk around it (an OR over the disk, row runs then rows), masked by
the inks printed before its own.

>>> import numpy as np
>>> idx = np.array([[0, 0, 1, 1]] * 3, np.uint8)
>>> cover = cover_bits(np.pad(idx, 1, mode="edge"), 1, [0, 1], 1)
>>> plate_band(cover, 0)[0].tolist(), plate_band(cover, 1)[0].tolist()
([255, 255, 255, 0], [0, 0, 255, 255])
>>> bool((recombine([plate_band(cover, 0), plate_band(cover, 1)], [0, 1]) == idx).all())
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from foulard.errors import FoulardError
from foulard.production.morphology import window_op
from foulard.render.context import MM_PER_INCH

__all__ = [
    "DEFAULT_TRAP_MM",
    "bits_dtype",
    "cover_bits",
    "earlier_masks",
    "plate_band",
    "recombine",
    "trap_radius_px",
]

DEFAULT_TRAP_MM = 0.15  # 1.8 px at 300 ppi, rounded to 2; 1 px at 150 ppi


def trap_radius_px(trap_mm: float, ppi: float) -> int:
    """Trap radius in whole pixels at ``ppi`` (0 turns trapping off).

    >>> trap_radius_px(0.15, 300), trap_radius_px(0.15, 150), trap_radius_px(0.15, 600)
    (2, 1, 4)
    """
    if not (math.isfinite(trap_mm) and 0.0 <= trap_mm <= 2.0):
        raise FoulardError(f"trap must be between 0 and 2 mm, got {trap_mm!r}")
    px = trap_mm / MM_PER_INCH * ppi
    return 0 if trap_mm == 0 else max(1, round(px))


def bits_dtype(n: int) -> type:
    """The smallest unsigned integer type with a bit per ink."""
    return next(t for t in (np.uint8, np.uint16, np.uint32, np.uint64) if n <= 8 * t().itemsize)


def _disk(radius: int) -> list[tuple[int, int, int]]:
    return [
        (
            dy,
            -math.isqrt(radius * radius - dy * dy),
            math.isqrt(radius * radius - dy * dy),
        )
        for dy in range(-radius, radius + 1)
    ]


def earlier_masks(order: Sequence[int]) -> np.ndarray:
    """For each ink, the bit mask of the inks printed before it."""
    n = len(order)
    dtype = bits_dtype(n)
    out = np.zeros(n, dtype)
    acc = 0
    for ink in order:
        out[ink] = acc
        acc |= 1 << ink
    return out


def cover_bits(window: np.ndarray, pad: int, order: Sequence[int], radius: int) -> np.ndarray:
    """Which plates cover each pixel, as a bit mask per pixel (bit ``k``: plate ``k``).

    ``window`` is an index band padded by ``pad >= radius`` pixels on every side;
    the result has the band's own size. Plate ``k`` covers ink ``k`` and the pixels
    within ``radius`` of ink ``k`` whose ink prints after ``k``.
    """
    n = len(order)
    dtype = bits_dtype(n)
    bit = (np.ones(1, dtype) << np.arange(n, dtype=dtype)).astype(dtype)
    core = window[pad : window.shape[0] - pad, pad : window.shape[1] - pad]
    own = bit[core]
    if radius == 0:
        return own
    m = pad - radius
    inner = window[m : window.shape[0] - m, m : window.shape[1] - m] if m else window
    near = window_op(bit[inner], _disk(radius), np.bitwise_or, radius)
    near &= earlier_masks(order)[core]
    near |= own
    return near


def plate_band(cover: np.ndarray, ink: int) -> np.ndarray:
    """The 8-bit plate of ``ink`` (255 = ink) from a band of cover bits."""
    hit = (cover >> cover.dtype.type(ink)) & cover.dtype.type(1)
    return hit.astype(np.uint8) * np.uint8(255)


def recombine(plates: Sequence[np.ndarray], order: Sequence[int]) -> np.ndarray:
    """The index image the plates print: the last-printed ink covering each pixel.

    Pixels no plate covers get 255 (bare silk: never the case for a separation).
    """
    out = np.full(np.shape(plates[0]), 255, np.uint8)
    for ink in order:
        out[np.asarray(plates[ink]) > 127] = ink
    return out
