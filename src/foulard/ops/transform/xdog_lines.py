"""XDoG lines: line art from an extended difference of Gaussians, on its own grid."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.grid import GridSpec
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator
from foulard.ops.transform._screen import darkness, gaussian

if TYPE_CHECKING:
    from foulard.render.evaluate import GridCall

__all__ = ["xdog", "xdog_lines"]


@dataclass(frozen=True)
class XDoGParams(Params):
    sigma: float = param(
        0.0012, range=(0.0003, 0.01), doc="scale of the edges found", unit="design units"
    )
    k: float = param(1.6, range=(1.1, 5.0), doc="ratio of the two Gaussians' widths")
    sharpen: float = param(
        20.0, range=(0.0, 100.0), doc="p: how strongly the edges are sharpened (0: plain DoG)"
    )
    threshold: float = param(0.3, range=(0.0, 1.0), doc="epsilon: the tone that turns to ink")
    hardness: float = param(
        40.0, range=(1.0, 500.0), doc="phi: softness of the ink's edge (large: hard lines)"
    )
    cells: int = param(768, range=(128, 2048), doc="grid cells across the unit square")
    wrap: bool = param(True, doc="treat the source as tiling the unit square (seamless)")


def xdog(lum: np.ndarray, s1: float, p: XDoGParams) -> np.ndarray:
    """Ink (0 to 1) of the XDoG of a luminance image ``lum`` (Gaussian ``s1`` cells)."""
    g1 = gaussian(lum, s1, wrap=p.wrap)
    g2 = gaussian(lum, s1 * p.k, wrap=p.wrap)
    u = (1.0 + p.sharpen) * g1 - p.sharpen * g2
    white = np.where(u >= p.threshold, 1.0, 1.0 + np.tanh(p.hardness * (u - p.threshold)))
    return np.clip(1.0 - white, 0.0, 1.0)


@operator(
    "transform.xdog_lines",
    kind="grid",
    version=1,
    inputs=(Input("source", "the image to draw", "motifs.peony"),),
    output="value",
    grid=lambda p: GridSpec.unit(p.cells, periodic=p.wrap),
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)] if p.wrap else None,
    tags=("line art", "xdog", "edges", "sketch", "ink drawing", "线稿", "描边", "白描"),
)
def xdog_lines(p: XDoGParams, call: GridCall) -> np.ndarray:
    """XDoG lines: ink where a sharpened difference of Gaussians falls below a threshold.

    The source's lightness (a value read as ink, a colour's luma) is blurred at
    ``sigma`` and ``k sigma``; ``(1 + p) G1 - p G2`` sharpens its edges, and a soft
    threshold ``1 + tanh(phi (u - epsilon))`` below ``epsilon`` turns it into ink:
    thin dark lines along edges and filled dark areas, like a brush-and-ink drawing.
    The output is a value (1 = ink), for ``color.ink`` or a layer. On its own grid of
    ``cells`` across the unit square.

    References
    ----------
    Winnemoeller, Kyprianidis & Olsen 2012, "XDoG: an eXtended
    difference-of-Gaussians compendium", *Computers & Graphics* 36(6); Marr &
    Hildreth 1980, "Theory of edge detection", Proc. R. Soc. B 207.
    """
    lum = 1.0 - darkness(call.input("source"), call.palette.ground)
    ink = xdog(lum, p.sigma / call.grid.cell, p)
    return ink.astype(np.float32)[..., None]
