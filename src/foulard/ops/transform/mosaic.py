"""Mosaic: the source rebuilt from flat square or hexagonal tesserae set in grout."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator
from foulard.ops.transform._screen import cell_hash, on_ground

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["hex_cells", "mosaic"]

_SQRT3 = math.sqrt(3.0)


@dataclass(frozen=True)
class MosaicParams(Params):
    tile: float = param(
        0.025,
        range=(0.004, 0.2),
        doc="tessera size (side, or flat-to-flat width)",
        unit="design units",
    )
    shape: str = param("square", choices=("square", "hex"), doc="tessera shape")
    grout: float = param(0.12, range=(0.0, 0.6), doc="grout joint as a share of the tile size")
    rounding: float = param(
        0.15, range=(0.0, 0.5), doc="square: corner rounding as a share of the tile size"
    )
    grout_color: int = param(0, range=(0, 47), doc="palette role of the grout")
    variation: float = param(
        0.06,
        range=(0.0, 0.3),
        doc="random lightness change per tessera (glazes never quite match)",
    )
    angle: float = param(0.0, range=(-90.0, 90.0), doc="turn of the tile grid", unit="degrees")


def _prepare(p: MosaicParams, rng: np.random.Generator) -> int:
    return int(rng.integers(0, 2**31))


def hex_cells(a: np.ndarray, b: np.ndarray):
    """Nearest centre of a pointy-top hexagonal lattice of unit flat-to-flat width:
    axial indices ``(q, r)``, the centre and the hexagonal distance (0 centre, 0.5 edge)."""
    # Axial coordinates (size: circumradius 1/sqrt(3)).
    qf = a - b / _SQRT3
    rf = 2.0 * b / _SQRT3
    sf = -qf - rf
    q, r, s = np.rint(qf), np.rint(rf), np.rint(sf)
    dq, dr, ds = np.abs(q - qf), np.abs(r - rf), np.abs(s - sf)
    fix_q = (dq > dr) & (dq > ds)
    fix_r = ~fix_q & (dr > ds)
    q = np.where(fix_q, -r - s, q)
    r = np.where(fix_r, -q - s, r)
    cx = q + 0.5 * r
    cy = r * (_SQRT3 / 2.0)
    ox, oy = a - cx, b - cy
    # Distance to the centre in the hexagon's own metric: max over its three normals.
    h = np.maximum(np.abs(ox), np.abs(0.5 * ox + (_SQRT3 / 2.0) * oy))
    h = np.maximum(h, np.abs(0.5 * ox - (_SQRT3 / 2.0) * oy))
    return q, r, cx, cy, h


@operator(
    "transform.mosaic",
    kind="field",
    version=1,
    inputs=(Input("source", "the image to set in tesserae", "motifs.peony"),),
    output="rgba",
    prepare=_prepare,
    example_params={"tile": 0.02},
    tags=(
        "mosaic",
        "tesserae",
        "tiles",
        "pixelate",
        "byzantine",
        "roman mosaic",
        "马赛克",
        "镶嵌",
        "像素化",
    ),
)
def mosaic(p: MosaicParams, call: Call) -> np.ndarray:
    """Mosaic: square or hexagonal tesserae, each one flat colour of the source, in grout.

    The plane is cut into tiles of size ``tile`` (turned by ``angle``); each tile
    takes the source's colour at its centre, averaged over the tile, shifted in
    lightness by a small random amount of its own (``variation``), and is set in
    grout joints ``grout`` of the tile wide, with rounded corners for square tiles.
    Every tessera is one flat colour, edges anti-aliased from the footprint.

    References
    ----------
    Hausner 2001, "Simulating decorative mosaics", SIGGRAPH (tile placement and
    grout); Haeberli 1990, "Paint by numbers", SIGGRAPH (cells coloured from an image).
    """
    t = math.radians(p.angle)
    c, s = math.cos(t), math.sin(t)
    a = (c * call.x + s * call.y) / p.tile
    b = (-s * call.x + c * call.y) / p.tile
    if p.shape == "square":
        i, j = np.floor(a), np.floor(b)
        ca, cb = i + 0.5, j + 0.5
        half = 0.5 - 0.5 * p.grout
        rad = min(p.rounding, half)
        qx = np.abs(a - ca) - (half - rad)
        qy = np.abs(b - cb) - (half - rad)
        sd = np.hypot(np.maximum(qx, 0.0), np.maximum(qy, 0.0)) + np.minimum(
            np.maximum(qx, qy), 0.0
        )
        sd = sd - rad
    else:
        i, j, ca, cb, h = hex_cells(a, b)
        sd = h - (0.5 - 0.5 * p.grout)
    cx = (c * ca - s * cb) * p.tile
    cy = (s * ca + c * cb) * p.tile
    ground = np.asarray(call.palette.role(p.grout_color), np.float32)
    col = on_ground(call.input("source", cx, cy, 0.5 * p.tile), ground)
    if p.variation > 0.0:
        shade = 1.0 + p.variation * (2.0 * cell_hash(i, j, call.state) - 1.0)
        col = np.clip(col * shade[..., None].astype(np.float32), 0.0, 1.0)
    cov = np.clip(0.5 - sd * p.tile / max(call.footprint, 1e-12), 0.0, 1.0)
    cov = cov.astype(np.float32)[..., None]
    out = np.empty((*call.x.shape, 4), np.float32)
    out[..., :3] = col * cov + ground * (1.0 - cov)
    out[..., 3] = 1.0
    return out
