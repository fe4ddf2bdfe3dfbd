"""Outline: echo lines drawn round the source's shapes at set offsets, on its own grid."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy import ndimage

from foulard.ops._common.channels import as_rgba
from foulard.ops._common.grid import GridSpec
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator

if TYPE_CHECKING:
    from foulard.render.evaluate import GridCall

__all__ = ["outline", "signed_distance"]


@dataclass(frozen=True)
class OutlineParams(Params):
    offset: float = param(
        0.006, range=(0.0, 0.1), doc="gap from the shape to the first line", unit="design units"
    )
    width: float = param(
        0.0025, range=(0.0005, 0.02), doc="width of each line", unit="design units"
    )
    count: int = param(2, range=(1, 8), doc="echo lines round each shape")
    spacing: float = param(
        0.008, range=(0.002, 0.1), doc="distance between echo lines", unit="design units"
    )
    color: int = param(1, range=(0, 47), doc="palette role of the lines")
    cells: int = param(768, range=(128, 2048), doc="grid cells across the unit square")
    wrap: bool = param(True, doc="treat the source as tiling the unit square (seamless)")


def signed_distance(mask: np.ndarray, cell: float, wrap: bool, reach: float = 0.0) -> np.ndarray:
    """Distance (design units) to the edge of ``mask`` (True inside), negative inside.

    With ``wrap`` the mask repeats: it is padded by ``reach`` (design units) of its
    own far side, so distances up to ``reach`` run across the edges.
    """
    if wrap:
        h, w = mask.shape
        pad = min(max(h, w), math.ceil(reach / cell) + 2)
        big = np.pad(mask, pad, mode="wrap")
        return signed_distance(big, cell, False)[pad : pad + h, pad : pad + w]
    outside = ndimage.distance_transform_edt(~mask) if mask.any() else np.full(mask.shape, 1e9)
    inside = ndimage.distance_transform_edt(mask) if (~mask).any() else np.full(mask.shape, 1e9)
    return (np.where(mask, 0.5 - inside, outside - 0.5)) * cell


@operator(
    "transform.outline",
    kind="grid",
    version=1,
    inputs=(Input("source", "shapes on a transparent ground", "motifs.peony"),),
    output="rgba",
    grid=lambda p: GridSpec.unit(p.cells, periodic=p.wrap),
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)] if p.wrap else None,
    tags=("outline", "echo lines", "contour", "offset", "halo", "勾边", "描边", "轮廓线"),
)
def outline(p: OutlineParams, call: GridCall) -> np.ndarray:
    """Outline: ``count`` lines round every shape, ``offset`` out and ``spacing`` apart.

    The source's coverage (alpha, or a value) is cut at one half into shapes; the
    exact Euclidean distance to their edges (Maurer et al.'s transform, in design
    units) places echo lines at ``offset``, ``offset + spacing``, ... outside them,
    each ``width`` wide and anti-aliased over a cell, drawn under the source, as the
    contour lines round motifs on printed scarves (and the echo quilting of
    Hawaiian quilts). On its own grid of ``cells`` across the unit square.

    References
    ----------
    Maurer, Qi & Raghavan 2003, "A linear time algorithm for computing exact
    Euclidean distance transforms", IEEE PAMI 25(2); Frisken et al. 2000, "Adaptively
    sampled distance fields", SIGGRAPH (offset curves from distance fields).
    """
    src = as_rgba(call.input("source"))
    cell = call.grid.cell
    reach = p.offset + (p.count - 1) * p.spacing + p.width
    sd = signed_distance(src[..., 3] >= 0.5, cell, p.wrap, reach)
    ink = np.zeros(sd.shape)
    for k in range(p.count):
        centre = p.offset + k * p.spacing + 0.5 * p.width
        c = np.clip(0.5 + (0.5 * p.width - np.abs(sd - centre)) / cell, 0.0, 1.0)
        ink = np.maximum(ink, c)
    a = ink.astype(np.float32)[..., None]
    under = np.empty(src.shape, np.float32)
    under[..., :3] = np.asarray(call.palette.role(p.color), np.float32) * a
    under[..., 3:] = a
    return src + under * (1.0 - src[..., 3:])
