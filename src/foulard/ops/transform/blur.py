"""Gaussian blur, computed on its own grid."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy import ndimage

from foulard.ops._common.grid import GridSpec
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator

if TYPE_CHECKING:
    from foulard.render.evaluate import GridCall


@dataclass(frozen=True)
class BlurParams(Params):
    radius: float = param(
        0.01, range=(0.0005, 0.25), doc="standard deviation of the blur", unit="design units"
    )
    wrap: bool = param(True, doc="treat the source as tiling the unit square (seamless blur)")


def _grid(p: BlurParams) -> GridSpec:
    # Three cells per sigma resolve a Gaussian; the cap keeps memory bounded.
    cells = min(2048, max(16, math.ceil(3.0 / p.radius)))
    return GridSpec.unit(cells, periodic=p.wrap)


@operator(
    "transform.gaussian_blur",
    kind="grid",
    version=1,
    inputs=(Input("source", "what to blur", "fields.value_noise"),),
    output="same",
    grid=_grid,
    tags=("soften", "blur", "模糊"),
)
def gaussian_blur(p: BlurParams, call: GridCall) -> np.ndarray:
    """Gaussian blur of the unit square of its source.

    Computed on a grid of about three cells per standard deviation (never the
    output's pixels), so a preview and a master blur alike.

    References
    ----------
    Gonzalez & Woods 2018, *Digital Image Processing*, 4th ed., section 3.5.
    """
    src = call.input("source")
    sigma = p.radius / call.grid.cell
    mode = "wrap" if p.wrap else "nearest"
    return ndimage.gaussian_filter(src, sigma=(sigma, sigma, 0), mode=mode)
