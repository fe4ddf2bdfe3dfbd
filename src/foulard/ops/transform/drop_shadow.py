"""Drop shadow: a soft, offset shadow of the source's shapes laid under them."""

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
from foulard.ops.transform._screen import gaussian

if TYPE_CHECKING:
    from foulard.render.evaluate import GridCall

__all__ = ["drop_shadow"]


@dataclass(frozen=True)
class DropShadowParams(Params):
    distance: float = param(
        0.008, range=(0.0, 0.1), doc="how far the shadow falls", unit="design units"
    )
    angle: float = param(
        -45.0,
        range=(-180.0, 180.0),
        doc="direction it falls (-45: down and right)",
        unit="degrees",
    )
    softness: float = param(
        0.004, range=(0.0, 0.05), doc="blur of the shadow's edge", unit="design units"
    )
    opacity: float = param(0.45, range=(0.0, 1.0), doc="darkness of the shadow")
    color: int = param(1, range=(0, 47), doc="palette role of the shadow")
    cells: int = param(768, range=(64, 2048), doc="grid cells across the unit square")
    wrap: bool = param(True, doc="treat the source as tiling the unit square (seamless)")


@operator(
    "transform.drop_shadow",
    kind="grid",
    version=1,
    inputs=(Input("source", "shapes on a transparent ground", "motifs.peony"),),
    output="rgba",
    grid=lambda p: GridSpec.unit(p.cells, periodic=p.wrap),
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)] if p.wrap else None,
    tags=("drop shadow", "shadow", "depth", "appliqué", "投影", "阴影", "立体"),
)
def drop_shadow(p: DropShadowParams, call: GridCall) -> np.ndarray:
    """Drop shadow: the source's coverage, offset and blurred, under the source itself.

    The source's alpha (a value's own level) is moved ``distance`` towards ``angle``
    (with bilinear weights, so fractions of a cell count), blurred by a Gaussian of
    ``softness`` and laid beneath the source in a palette role at ``opacity``, as
    if the motifs were cut out and raised off the cloth (appliqué). On its own grid
    of ``cells`` across the unit square; opacity 0 gives the source on that grid.

    References
    ----------
    Porter & Duff 1984, "Compositing digital images", SIGGRAPH (over); the CSS
    ``drop-shadow()`` filter (W3C *Filter Effects Module Level 1*, 2018).
    """
    src = as_rgba(call.input("source"))
    if p.opacity == 0.0:
        return src
    cell = call.grid.cell
    alpha = src[..., 3].astype(np.float64)
    mode = "wrap" if p.wrap else "constant"
    t = math.radians(p.angle)
    shift = (-p.distance * math.sin(t) / cell, p.distance * math.cos(t) / cell)  # rows, cols
    shadow = ndimage.shift(alpha, shift, order=1, mode="grid-wrap" if p.wrap else mode)
    shadow = gaussian(shadow, p.softness / cell, wrap=p.wrap, pad_mode="constant")
    a = (np.clip(shadow, 0.0, 1.0) * p.opacity).astype(np.float32)[..., None]
    under = np.empty(src.shape, np.float32)
    under[..., :3] = np.asarray(call.palette.role(p.color), np.float32) * a
    under[..., 3:] = a
    return src + under * (1.0 - src[..., 3:])
