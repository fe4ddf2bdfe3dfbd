"""Emboss: the source's tones read as a relief and lit from one side, on its own grid."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.grid import GridSpec
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator
from foulard.ops.transform._screen import darkness, gaussian

if TYPE_CHECKING:
    from foulard.render.evaluate import GridCall

__all__ = ["emboss", "relief_shading"]


@dataclass(frozen=True)
class EmbossParams(Params):
    mode: str = param(
        "lit",
        choices=("lit", "relief"),
        doc="lit: the source shaded by its own relief; relief: a grey plate of the relief "
        "alone (a value)",
    )
    depth: float = param(
        0.004,
        range=(0.0, 0.05),
        doc="height of the relief for a full tone step (0: flat)",
        unit="design units",
    )
    softness: float = param(
        0.0015, range=(0.0, 0.02), doc="blur of the relief before lighting", unit="design units"
    )
    light: float = param(
        135.0, range=(-180.0, 180.0), doc="direction the light comes from", unit="degrees"
    )
    elevation: float = param(
        45.0, range=(5.0, 85.0), doc="height of the light above the cloth", unit="degrees"
    )
    cells: int = param(768, range=(64, 2048), doc="grid cells across the unit square")
    wrap: bool = param(True, doc="treat the source as tiling the unit square (seamless)")


def relief_shading(height: np.ndarray, cell: float, p: EmbossParams) -> np.ndarray:
    """Lambert shading of a height map (design units) under the light, relative to flat
    ground (flat is 0, facing the light is positive), periodic or edge-padded."""
    height = gaussian(height, p.softness / cell, wrap=p.wrap)
    gy = (np.roll(height, -1, 0) - np.roll(height, 1, 0)) / (2.0 * cell)
    gx = (np.roll(height, -1, 1) - np.roll(height, 1, 1)) / (2.0 * cell)
    if not p.wrap:
        gy[0], gy[-1], gx[:, 0], gx[:, -1] = 0.0, 0.0, 0.0, 0.0
    az, el = math.radians(p.light), math.radians(p.elevation)
    lx, ly, lz = math.cos(el) * math.cos(az), -math.cos(el) * math.sin(az), math.sin(el)
    # Normal (-gx, -gy, 1) / |.|; y runs down the design, the light's angle counts up.
    lit = (-gx * lx - gy * ly + lz) / np.sqrt(1.0 + gx * gx + gy * gy)
    return lit / lz - 1.0


@operator(
    "transform.emboss",
    kind="grid",
    version=1,
    inputs=(Input("source", "the image to emboss", "ornament.seigaiha"),),
    output="same",
    grid=lambda p: GridSpec.unit(p.cells, periodic=p.wrap),
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)] if p.wrap else None,
    tags=("emboss", "relief", "deboss", "bas-relief", "jacquard", "浮雕", "压纹", "凹凸"),
)
def emboss(p: EmbossParams, call: GridCall) -> np.ndarray:
    """Emboss: dark parts of the source raised into a relief and lit at an angle.

    The source's ink (a value as it is, a colour's darkness) is a height field
    ``depth`` high for a full step, softened by a Gaussian, and shaded by Lambert's
    law under a light from ``light`` at ``elevation`` (relative to flat cloth, so
    flat areas keep their colour). ``lit`` multiplies the source by that shading (a
    pressed or jacquard-like surface); ``relief`` gives the grey plate alone. On its
    own grid of ``cells`` across the unit square; ``depth`` 0 gives the source as
    sampled on that grid.

    References
    ----------
    Blinn 1978, "Simulation of wrinkled surfaces", SIGGRAPH; Horn 1981, "Hill
    shading and the reflectance map", Proc. IEEE 69(1).
    """
    src = call.input("source")
    if p.depth == 0.0 and p.mode == "lit":
        return src
    height = p.depth * darkness(src, call.palette.ground)
    shade = relief_shading(height, call.grid.cell, p).astype(np.float32)
    if p.mode == "relief":
        v = np.clip(0.5 + 0.5 * shade, 0.0, 1.0)
        return v[..., None] if src.shape[-1] == 1 else np.stack([v, v, v, np.ones_like(v)], -1)
    k = np.clip(1.0 + shade, 0.0, None)[..., None]
    if src.shape[-1] == 1:
        return np.clip(src * k, 0.0, 1.0)
    out = src.copy()
    out[..., :3] = np.minimum(src[..., :3] * k, src[..., 3:])  # premultiplied: rgb <= alpha
    return out
