"""Sashiko: a running-stitch overlay of a geometric grid, as Japanese quilted cotton."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.channels import as_rgba
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["PATTERNS", "sashiko", "stitch_distance"]

# Line families of each grid: directions of the lines (degrees) and spacing factors.
PATTERNS = {
    "jujizashi": ((0.0, 1.0), (90.0, 1.0)),  # crosses on a square grid
    "diagonal": ((45.0, 1.0), (135.0, 1.0)),  # a lattice of diamonds
    "kikko": ((0.0, 1.0), (60.0, 1.0), (120.0, 1.0)),  # triangles (tortoiseshell family)
    "yokogushi": ((0.0, 1.0),),  # parallel rows
}


@dataclass(frozen=True)
class SashikoParams(Params):
    pattern: str = param(
        "jujizashi",
        choices=tuple(PATTERNS),
        doc="grid: jujizashi (square crosses), diagonal (diamonds), kikko (triangles), "
        "yokogushi (parallel rows)",
    )
    spacing: float = param(
        0.05, range=(0.01, 0.3), doc="distance between parallel stitch lines", unit="design units"
    )
    stitch: float = param(
        0.012, range=(0.002, 0.05), doc="length of one stitch on the surface", unit="design units"
    )
    gap: float = param(
        0.006,
        range=(0.001, 0.03),
        doc="length hidden under the cloth between stitches",
        unit="design units",
    )
    width: float = param(0.0028, range=(0.0005, 0.01), doc="thread thickness", unit="design units")
    color: int = param(0, range=(0, 47), doc="palette role of the thread")
    opacity: float = param(1.0, range=(0.0, 1.0), doc="coverage of the thread")
    angle: float = param(0.0, range=(-90.0, 90.0), doc="turn of the grid", unit="degrees")


def stitch_distance(p: SashikoParams, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Distance (design units) from each point to the nearest stitch's centre line.

    Each line family runs at its angle; along each line the stitches repeat every
    ``stitch + gap``, shifted half a period on alternate lines (so crossings meet
    in gaps, as sashiko is worked), each a segment of length ``stitch``.
    """
    period = p.stitch + p.gap
    best = np.full(np.shape(x), np.inf)
    for deg, k in PATTERNS[p.pattern]:
        t = math.radians(deg + p.angle)
        ux, uy = math.cos(t), math.sin(t)  # along the line
        spacing = p.spacing * k
        s = (-uy * x + ux * y) / spacing
        line = np.rint(s)
        across = np.abs(s - line) * spacing
        shift = np.where(np.mod(line, 2.0) == 1.0, 0.5 * period, 0.0) + 0.5 * p.gap
        along = np.mod(ux * x + uy * y - shift, period)
        out = np.maximum(np.abs(along - 0.5 * p.stitch) - 0.5 * p.stitch, 0.0)
        best = np.minimum(best, np.hypot(out, across))
    return best


@operator(
    "transform.sashiko",
    kind="field",
    version=1,
    inputs=(
        Input("source", "the cloth to stitch over", "color.fill", example_params={"color": 1}),
    ),
    output="rgba",
    example_params={"pattern": "kikko", "spacing": 0.07, "width": 0.0035},
    tags=(
        "sashiko",
        "running stitch",
        "boro",
        "quilting",
        "stitch",
        "刺子绣",
        "刺し子",
        "绗缝",
        "针脚",
    ),
)
def sashiko(p: SashikoParams, call: Call) -> np.ndarray:
    """Sashiko: rows of running stitches along a geometric grid, laid over the source.

    Each line family of the pattern is a set of parallel lines ``spacing`` apart; along
    each line stitches of length ``stitch`` alternate with gaps, staggered by half a
    period on alternate lines. A stitch is a capsule ``width`` thick (exact distance,
    anti-aliased from the footprint), in a palette role over the source. With
    opacity 0 the output is the source unchanged.

    References
    ----------
    Briscoe 2005, *The Ultimate Sashiko Sourcebook*, David & Charles (the patterns,
    their names, and stitches staggered so that crossings meet in gaps).
    """
    src = as_rgba(call.input("source"))
    if p.opacity == 0.0:
        return src
    d = stitch_distance(p, call.x, call.y)
    cov = np.clip(0.5 - (d - 0.5 * p.width) / max(call.footprint, 1e-12), 0.0, 1.0)
    a = (cov * p.opacity).astype(np.float32)[..., None]
    out = src * (1.0 - a)
    out[..., :3] += np.asarray(call.palette.role(p.color), np.float32) * a
    out[..., 3:4] += a
    return out
