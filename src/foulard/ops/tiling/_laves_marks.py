"""Reading the corners of Laves faces: which are lattice centres, which way a face turns.

A Laves face's vertices are centres of the symmetry group (``A``: 6- or 4-fold
lattice points, ``B``: 3-fold or square-corner centres, ``C``: 2-fold centres);
colouring rules name faces by those corners and by the direction between them.
"""

from __future__ import annotations

import math

import numpy as np

from foulard.ops.tiling._facefield import Face
from foulard.ops.tiling._facetiling import lattice_hex

__all__ = ["corner", "direction", "hex_kind", "square_kind"]

_TOL = 1e-6


def _near(v: float, target: float) -> bool:
    return abs(v - target) < _TOL


def hex_kind(p: np.ndarray) -> str:
    """``A``, ``B``, ``C`` or ``?``: the kind of a point of the p6m kaleidoscope."""
    a, b = lattice_hex(p)
    fa, fb = a - math.floor(a + _TOL), b - math.floor(b + _TOL)
    if _near(fa, 0.0) and _near(fb, 0.0):
        return "A"
    if (_near(fa, 1 / 3) and _near(fb, 1 / 3)) or (_near(fa, 2 / 3) and _near(fb, 2 / 3)):
        return "B"
    if _near(fa % 0.5, 0.0) and _near(fb % 0.5, 0.0):
        return "C"
    return "?"


def square_kind(p: np.ndarray) -> str:
    """``A`` (integer point), ``B`` (cell centre), ``C`` (edge midpoint) or ``?`` on p4m."""
    fx, fy = (float(v) - math.floor(float(v) + _TOL) for v in p)
    halves = [_near(fx, 0.5), _near(fy, 0.5)]
    whole = [_near(fx, 0.0), _near(fy, 0.0)]
    if all(whole):
        return "A"
    if all(halves):
        return "B"
    if (halves[0] and whole[1]) or (halves[1] and whole[0]):
        return "C"
    return "?"


def corner(face: Face, kind: str, kinds=hex_kind) -> list[np.ndarray]:
    """The face's vertices of one kind."""
    return [v for v in face.poly if kinds(v) == kind]


def direction(frm: np.ndarray, to: np.ndarray, step: float, offset: float = 0.0) -> int:
    """The direction ``frm -> to`` as a whole number of ``step`` degrees after ``offset``."""
    ang = math.degrees(math.atan2(to[1] - frm[1], to[0] - frm[0])) - offset
    return math.floor(ang / step + 0.5) % round(360 / step)
