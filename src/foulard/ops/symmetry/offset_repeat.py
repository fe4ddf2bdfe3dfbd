"""Textile offset repeats: half-drop (columns shifted down) and brick (rows shifted across).

In group terms both are p1 on an oblique lattice; they are separate operators
because they do a different CAD job, hiding the banding of a block repeat and
fitting a printer's repeat. The repeat tile is ``1 / repeats`` wide and ``aspect``
times as high; each column (half-drop) or row (brick) is shifted by ``drop`` of the
tile's height (width) against the one before.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.isometry import group
from foulard.ops._common.orbit import build_plan, fold_sample
from foulard.ops.params import Params, param
from foulard.ops.registry import operator
from foulard.ops.symmetry._lattice import Lattice
from foulard.ops.symmetry._motif import MOTIF

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["brick", "half_drop"]

_P1 = group()
DROPS = ("1/2", "1/3", "1/4")


@dataclass(frozen=True)
class OffsetParams(Params):
    repeats: int = param(4, range=(1, 64), doc="repeat tiles across the unit square")
    aspect: float = param(1.0, range=(0.25, 4.0), doc="tile height over tile width")
    drop: str = param(
        "1/2", choices=DROPS, doc="shift of each column (row), as a fraction of the tile"
    )
    rotation: float = param(
        0.0, range=(-180.0, 180.0), doc="clockwise turn of the whole pattern", unit="degrees"
    )
    motif_x: float = param(
        0.5, range=(0.0, 1.0), doc="motif centre across the tile, as a fraction of it"
    )
    motif_y: float = param(
        0.5, range=(0.0, 1.0), doc="motif centre down the tile, as a fraction of it"
    )
    motif_size: float = param(
        0.8, range=(0.01, 4.0), doc="motif box width, as a fraction of the tile width"
    )
    motif_rotation: float = param(
        0.0, range=(-180.0, 180.0), doc="clockwise turn of the motif", unit="degrees"
    )


def _lattice(p: OffsetParams, *, columns: bool) -> Lattice:
    w = 1.0 / p.repeats
    h = p.aspect * w
    f = float(Fraction(p.drop))
    if columns:  # the next column is shifted down by f of a tile
        return Lattice(
            (w, f * h), (0.0, h), (float(p.repeats), 0.0, -f * p.repeats, 1.0 / h), p.rotation
        )
    return Lattice((w, 0.0), (f * w, h), (float(p.repeats), -f / h, 0.0, 1.0 / h), p.rotation)


def _centre(p: OffsetParams, *, columns: bool) -> tuple[float, float]:
    """The motif centre (a fraction of the tile each way) in lattice coordinates."""
    f = float(Fraction(p.drop))
    if columns:
        return p.motif_x, p.motif_y - f * p.motif_x
    return p.motif_x - f * p.motif_y, p.motif_y


def _plan(p: OffsetParams, *, columns: bool):
    lat = _lattice(p, columns=columns)
    return build_plan(
        _P1,
        lat.basis,
        _centre(p, columns=columns),
        size=p.motif_size / p.repeats,
        rotation=p.motif_rotation,
    )


def _periods(p: OffsetParams, *, columns: bool) -> list[tuple[float, float]]:
    lat = _lattice(p, columns=columns)
    return [lat.vector(1.0, 0.0), lat.vector(0.0, 1.0)]


def _sample(p: OffsetParams, call: Call, *, columns: bool) -> np.ndarray:
    a, b = _lattice(p, columns=columns).coords(call.x, call.y)
    return fold_sample(call.state, call, a, b)


@operator(
    "symmetry.half_drop",
    kind="field",
    inputs=(MOTIF,),
    output="same",
    prepare=lambda p, rng: _plan(p, columns=True),
    periods=lambda p: _periods(p, columns=True),
    tags=("half-drop", "repeat", "textile", "offset", "跳接"),
)
def half_drop(p: OffsetParams, call: Call) -> np.ndarray:
    """Half-drop repeat: each column of tiles shifted down by a fraction of the tile.

    References
    ----------
    Phillips & Bunce 1993, *Repeat Patterns: A Manual for Designers, Artists and
    Architects*, Thames & Hudson.
    """
    return _sample(p, call, columns=True)


@operator(
    "symmetry.brick",
    kind="field",
    inputs=(MOTIF,),
    output="same",
    prepare=lambda p, rng: _plan(p, columns=False),
    periods=lambda p: _periods(p, columns=False),
    tags=("brick", "repeat", "textile", "offset", "错位"),
)
def brick(p: OffsetParams, call: Call) -> np.ndarray:
    """Brick repeat: each row of tiles shifted across by a fraction of the tile.

    References
    ----------
    Phillips & Bunce 1993, *Repeat Patterns: A Manual for Designers, Artists and
    Architects*, Thames & Hudson.
    """
    return _sample(p, call, columns=False)
