"""Frieze groups and the border path: the geometry of bands that run round a square.

A frieze lives on a band. Its coordinates are ``a`` along the band (in periods) and
``b`` across it (in band heights, 0 on the centre line). The seven frieze groups are
given here as coset representatives of their translations (see
:mod:`foulard.ops._common.isometry`), under their crystallographic names; groups with
mirrors across the band have one at ``a = 0`` and one at ``a = 1/2``.

The *border path* runs a band round the unit square, reading clockwise and mitred
along the diagonals: :func:`to_top_side` turns every point onto the top side, where
the band runs left to right.
"""

from __future__ import annotations

import math

import numpy as np

from foulard.ops._common.isometry import Op, group, op

__all__ = [
    "ACROSS",
    "ALONG",
    "CONWAY_NAMES",
    "FRIEZE_GROUPS",
    "GLIDE",
    "HALF_TURN",
    "fit_repeats",
    "to_top_side",
]

ACROSS = op(-1, 0, 0, 1)  # mirror across the band (at a = 0 and a = 1/2)
ALONG = op(1, 0, 0, -1)  # mirror along the centre line
HALF_TURN = op(-1, 0, 0, -1)
GLIDE = op(1, 0, 0, -1, 0.5, 0.0)

FRIEZE_GROUPS: dict[str, tuple[Op, ...]] = {
    "p1": group(),
    "p11g": group(GLIDE),
    "p1m1": group(ACROSS),
    "p2": group(HALF_TURN),
    "p2mg": group(ACROSS, GLIDE),
    "p11m": group(ALONG),
    "p2mm": group(ACROSS, ALONG),
}
CONWAY_NAMES = {
    "p1": "hop",
    "p11g": "step",
    "p1m1": "sidle",
    "p2": "spinning hop",
    "p2mg": "spinning sidle",
    "p11m": "jump",
    "p2mm": "spinning jump",
}


def to_top_side(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Turn each point of the unit square's right, bottom or left quarter onto the top one.

    The quarters are cut by the diagonals (the mitres). A point of the right quarter
    turns a quarter anticlockwise, so the border reads clockwise with the same
    frieze on every side.
    """
    d_top, d_right, d_bottom, d_left = y, 1.0 - x, 1.0 - y, x
    right = (d_right < d_top) & (d_right <= d_bottom) & (d_right <= d_left)
    bottom = ~right & (d_bottom < d_top) & (d_bottom < d_left)
    left = ~right & ~bottom & (d_left < d_top)
    tx = np.where(right, y, np.where(bottom, 1.0 - x, np.where(left, 1.0 - y, x)))
    ty = np.where(right, 1.0 - x, np.where(bottom, 1.0 - y, np.where(left, x, y)))
    return tx, ty


def fit_repeats(length: float, period: float, *, multiple: int = 1) -> int:
    """Whole periods that fill ``length`` with a period nearest to ``period``.

    The count is a multiple of ``multiple`` (at least one multiple), so that a side
    folded in half at its middle still meets a period boundary.

    >>> fit_repeats(0.8, 0.1)
    8
    >>> fit_repeats(0.8, 0.13, multiple=2)
    6
    """
    if not (length > 0 and period > 0):
        raise ValueError(f"length and period must be positive, got {length}, {period}")
    k = max(1, math.floor(length / (period * multiple) + 0.5))
    return k * multiple
