"""Rosette geometry: folding points into one wedge of a C_n or D_n medallion.

The disc about a centre is cut into ``n`` wedges; the first wedge's axis points up
(-y), turned clockwise by ``rotation`` degrees. :class:`RosetteFold` turns each
point into the first wedge (and, for D_n, mirrors it into the wedge's clockwise
half), then into the box of a motif that sits on the wedge's axis at distance ``r``
from the centre, upright when the axis points up, so every copy faces outwards.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from foulard.ops._common.geometry import rotate

__all__ = ["RosetteFold"]


@dataclass(frozen=True)
class RosetteFold:
    """A rosette's fold, fixed by its parameters (all lengths in design units).

    Parameters
    ----------
    n : int
        Copies round the centre.
    mirror : bool
        D_n (mirrors through the centre) when true, C_n when false.
    rotation : float
        Clockwise turn of the first wedge from "up", degrees.
    r : float
        Distance of the motif centre from the rosette centre.
    size : float
        Width of the motif box.
    motif_rotation : float
        Clockwise turn of the motif in its wedge, degrees.
    offset : float
        For D_n, the motif's turn off the wedge axis as a fraction of the half wedge.
    """

    n: int
    mirror: bool
    rotation: float
    r: float
    size: float
    motif_rotation: float = 0.0
    offset: float = 0.0

    @property
    def scale(self) -> float:
        """Motif units per design unit (multiplies footprints)."""
        return 1.0 / self.size

    def motif_coords(self, dx: np.ndarray, dy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Motif-box coordinates of points given relative to the centre."""
        wedge = 2.0 * math.pi / self.n
        turns = -wedge * np.arange(self.n)
        cos_k, sin_k = np.cos(turns), np.sin(turns)
        offset = self.offset * 0.5 * wedge if self.mirror else 0.0
        # The motif's own frame: centred on its spot, "up" pointing away from the centre.
        mx, my = self.r * math.sin(offset), -self.r * math.cos(offset)
        inv = 1.0 / self.size
        # Local frame: the first wedge's axis points up (-y).
        lx, ly = rotate(dx, dy, -self.rotation)
        theta = np.arctan2(lx, -ly)  # clockwise angle from the axis
        k = np.rint(theta * (1.0 / wedge)).astype(np.intp) % self.n
        c, s = cos_k[k], sin_k[k]
        fx = c * lx - s * ly
        fy = s * lx + c * ly
        if self.mirror:
            fx = np.abs(fx)  # the clockwise half of the wedge
        u, v = rotate(fx - mx, fy - my, -(math.degrees(offset) + self.motif_rotation))
        return u * inv + 0.5, v * inv + 0.5
