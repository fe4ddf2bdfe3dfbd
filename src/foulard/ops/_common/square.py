"""Folding the plane by the symmetries of a square: D4 and C4 about a centre.

A scarf that obeys D4 (or C4) *exactly* is computed on one fundamental domain and
copied: every point is first folded into that domain, and everything the layout
draws is a function of the folded point only. The folds use nothing but negation,
``abs``, ``min``/``max`` and swaps of the coordinates relative to the centre, so
a point and each of its images under the group fold to the *same* floating-point
numbers, and the picture commutes with the group bit for bit (on a pixel grid
symmetric about the centre).

Domains, in coordinates ``(u, v)`` relative to the centre (``v`` down):

``octant`` (D4)
    ``v <= u <= 0``: the left half of the top quarter.
``sector`` (C4)
    ``v < 0, v <= u < -v``: the top quarter between the diagonals, half open so
    that the four quarter-turns of it tile the plane (less the centre) once.
``quadrant`` (C4)
    ``u <= 0, v < 0``: the top-left quarter, half open likewise.
"""

from __future__ import annotations

import numpy as np

__all__ = ["fold_octant", "fold_quadrant", "fold_sector"]


def fold_octant(u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """D4: the image of ``(u, v)`` in the octant ``v <= u <= 0``.

    >>> [float(t[0]) for t in fold_octant(np.array([0.3]), np.array([-0.1]))]
    [-0.1, -0.3]
    """
    a = np.abs(u)
    b = np.abs(v)
    return -np.minimum(a, b), -np.maximum(a, b)


def _quarter_turns(u: np.ndarray, v: np.ndarray, k: np.ndarray):
    """Turn each point back by ``k`` quarter turns (exact: swaps and negations)."""
    # A quarter turn (clockwise on screen, y down) takes (u, v) to (-v, u); undoing
    # k of them: k=1 -> (v, -u), k=2 -> (-u, -v), k=3 -> (-v, u).
    fu = np.where(k == 0, u, np.where(k == 1, v, np.where(k == 2, -u, -v)))
    fv = np.where(k == 0, v, np.where(k == 1, -u, np.where(k == 2, -v, u)))
    return fu, fv


def fold_sector(u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """C4: the image of ``(u, v)`` in the top sector ``v < 0, v <= u < -v``.

    The centre stays where it is.

    >>> [float(t[0]) for t in fold_sector(np.array([0.4]), np.array([0.1]))]
    [0.1, -0.4]
    """
    right = (u > 0) & (-u <= v) & (v < u)
    bottom = (v > 0) & (-v < u) & (u <= v)
    left = (u < 0) & (u < v) & (v <= -u)
    k = np.where(right, 1, np.where(bottom, 2, np.where(left, 3, 0)))
    return _quarter_turns(u, v, k)


def fold_quadrant(u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """C4: the image of ``(u, v)`` in the top-left quadrant ``u <= 0, v < 0``.

    >>> [float(t[0]) for t in fold_quadrant(np.array([0.4]), np.array([0.1]))]
    [-0.4, -0.1]
    """
    k = np.where(
        (u > 0) & (v <= 0), 1, np.where((u >= 0) & (v > 0), 2, np.where((u < 0) & (v >= 0), 3, 0))
    )
    return _quarter_turns(u, v, k)
