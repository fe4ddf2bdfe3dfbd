"""Rosettes: n-fold medallions about a centre, cyclic (C_n) or dihedral (D_n).

The disc of ``radius`` about (``cx``, ``cy``) is cut into ``n`` wedges; the first
wedge's axis points up, turned clockwise by ``rotation``. Each point is turned into
the first wedge (and, for D_n, mirrored into its clockwise half) and the motif is
sampled there. The motif sits on the wedge's axis at ``motif_r`` of the radius,
upright when the axis points up, so every copy faces outwards. Beyond the radius
the output is transparent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.rosette import RosetteFold
from foulard.ops.params import Params, param
from foulard.ops.registry import operator
from foulard.ops.symmetry._motif import MOTIF, within

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["rosette_cyclic", "rosette_dihedral"]


@dataclass(frozen=True)
class RosetteParams(Params):
    n: int = param(12, range=(2, 32), doc="copies round the centre (n-fold)")
    cx: float = param(0.5, range=(-1.0, 2.0), doc="centre, across", unit="design units")
    cy: float = param(0.5, range=(-1.0, 2.0), doc="centre, down", unit="design units")
    radius: float = param(
        0.45, range=(0.01, 2.0), doc="radius of the medallion", unit="design units"
    )
    rotation: float = param(
        0.0,
        range=(-180.0, 180.0),
        doc="clockwise turn of the first wedge from 'up'",
        unit="degrees",
    )
    motif_r: float = param(
        0.55, range=(0.0, 1.0), doc="motif centre's distance, as a fraction of the radius"
    )
    motif_size: float = param(
        0.38, range=(0.01, 4.0), doc="motif box width, as a fraction of the radius"
    )
    motif_rotation: float = param(
        35.0, range=(-180.0, 180.0), doc="clockwise turn of the motif", unit="degrees"
    )


@dataclass(frozen=True)
class DihedralParams(RosetteParams):
    """The cyclic rosette's parameters, other defaults, and the motif's turn off the axis."""

    n: int = param(8, range=(2, 32), doc="mirror lines through the centre (n-fold)")
    motif_r: float = param(
        0.35, range=(0.0, 1.0), doc="motif centre's distance, as a fraction of the radius"
    )
    motif_size: float = param(
        0.9, range=(0.01, 4.0), doc="motif box width, as a fraction of the radius"
    )
    motif_rotation: float = param(
        18.0, range=(-180.0, 180.0), doc="clockwise turn of the motif", unit="degrees"
    )
    motif_offset: float = param(
        0.0,
        range=(0.0, 1.0),
        doc="motif's turn off the wedge axis, as a fraction of the half wedge (0: on the mirror)",
    )


def _fold(p, call: Call, *, mirror: bool) -> np.ndarray:
    dx = call.x - p.cx
    dy = call.y - p.cy
    cover = (p.radius - np.hypot(dx, dy)) / call.footprint + 0.5
    cover = np.clip(cover, 0.0, 1.0).astype(np.float32)
    geometry = RosetteFold(
        n=p.n,
        mirror=mirror,
        rotation=p.rotation,
        r=p.motif_r * p.radius,
        size=p.motif_size * p.radius,
        motif_rotation=p.motif_rotation,
        offset=p.motif_offset if mirror else 0.0,
    )

    def sample(dx: np.ndarray, dy: np.ndarray) -> np.ndarray:
        u, v = geometry.motif_coords(dx, dy)
        return call.input("motif", u, v, call.footprint * geometry.scale)

    return within(call, cover, sample, dx, dy)


@operator(
    "symmetry.rosette_cyclic",
    kind="field",
    inputs=(MOTIF,),
    output="same",
    tags=("rosette", "medallion", "whirl", "pinwheel", "团花"),
)
def rosette_cyclic(p: RosetteParams, call: Call) -> np.ndarray:
    """Cyclic rosette C_n: a motif turned n times about a centre (whirl, medallion).

    Each copy owns its wedge; there are no mirrors, so the medallion has a
    handedness.

    References
    ----------
    Weyl 1952, *Symmetry*, Princeton University Press (Leonardo's theorem on
    finite plane symmetry groups).
    """
    return _fold(p, call, mirror=False)


@operator(
    "symmetry.rosette_dihedral",
    kind="field",
    inputs=(MOTIF,),
    output="same",
    tags=("rosette", "kaleidoscope", "mandala", "medallion", "万花筒", "团花"),
)
def rosette_dihedral(p: DihedralParams, call: Call) -> np.ndarray:
    """Dihedral rosette D_n: n mirror lines through a centre, the two-mirror kaleidoscope.

    The half wedge clockwise of each axis is mirrored into the other half. With
    ``motif_offset`` 0 the motif straddles the axis and is made symmetric; off the
    axis, it is repeated whole in mirrored pairs. D_4 is the classic quarter fold of
    a square scarf.

    References
    ----------
    Weyl 1952, *Symmetry*, Princeton University Press; Brewster 1817, *A Treatise
    on the Kaleidoscope*.
    """
    return _fold(p, call, mirror=True)
