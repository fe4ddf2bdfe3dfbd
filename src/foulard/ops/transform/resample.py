"""Resample: a field baked onto its own grid and read back bilinearly."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.grid import GridSpec
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator

if TYPE_CHECKING:
    from foulard.render.evaluate import GridCall


@dataclass(frozen=True)
class ResampleParams(Params):
    cells: int = param(512, range=(16, 2048), doc="grid cells across the unit square (detail kept)")
    wrap: bool = param(
        True, doc="the source tiles the unit square (read the grid around the edges)"
    )


def _grid(p: ResampleParams) -> GridSpec:
    return GridSpec.unit(p.cells, periodic=p.wrap)


@operator(
    "transform.resample",
    kind="grid",
    version=1,
    inputs=(Input("source", "a smooth field to bake", "fields.fbm"),),
    output="same",
    grid=_grid,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)] if p.wrap else None,
    tags=("bake", "cache", "resample", "texture", "重采样"),
)
def resample(p: ResampleParams, call: GridCall) -> np.ndarray:
    """Resample: evaluate a field once on a fixed grid, then read it bilinearly.

    For smooth, costly fields (an fBm ground, a domain warp) that need no more detail
    than ``cells`` across the design: a 300 dpi master then costs one grid evaluation
    instead of one per pixel and octave. The grid is fixed in design units, so a
    preview and a master read the same values; detail finer than a cell is smoothed.

    References
    ----------
    Texture baking; bilinear reconstruction (Heckbert 1989, *Fundamentals of Texture
    Mapping and Image Warping*, ch. 3).
    """
    return call.input("source")
