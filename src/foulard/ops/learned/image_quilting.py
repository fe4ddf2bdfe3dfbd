"""A seamless ground grown from a library sample by image quilting."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.library.store import SAMPLE_BROCADE, check_pattern_param
from foulard.ops._common.grid import GridSpec
from foulard.ops.learned._quilt import quilt
from foulard.ops.params import Params, param, text_param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import GridCall

MAX_CELLS = 1024


@dataclass(frozen=True)
class ImageQuiltingParams(Params):
    pattern: str = text_param(
        SAMPLE_BROCADE,
        doc="library id (SHA-256) of the sample: a scanned fabric or any library picture",
        max_length=64,
    )
    tile: float = param(
        0.5, range=(0.05, 1.0), doc="side of the seamless tile (it repeats)", unit="design units"
    )
    sample_size: float = param(
        0.5,
        range=(0.05, 2.0),
        doc="width the whole sample would have on the design (sets the texture's scale)",
        unit="design units",
    )
    detail: int = param(
        256, range=(48, 512), doc="cells across the sample's longer side (texture resolution)"
    )
    block: float = param(
        0.5, range=(0.08, 0.9), doc="patch side as a share of the sample's shorter side"
    )
    overlap: float = param(0.3, range=(0.1, 0.5), doc="overlap of patches, as a share of a patch")
    tolerance: float = param(
        0.05, range=(0.0, 1.0), doc="patches within this share of the best match may be chosen"
    )

    def __post_init__(self) -> None:
        super().__post_init__()
        check_pattern_param(self.pattern)


def _cells(p: ImageQuiltingParams) -> int:
    return min(MAX_CELLS, max(16, round(p.tile * p.detail / p.sample_size)))


def _grid(p: ImageQuiltingParams) -> GridSpec:
    n = _cells(p)
    return GridSpec(0.0, 0.0, p.tile, p.tile, n, n, periodic=True)


@operator(
    "learned.image_quilting",
    kind="grid",
    version=1,
    grid=_grid,
    periods=lambda p: [(p.tile, 0.0), (0.0, p.tile)],
    tags=(
        "texture synthesis",
        "quilting",
        "seamless",
        "ground",
        "scan",
        "无缝",
        "纹理合成",
        "地纹",
    ),
)
def image_quilting(p: ImageQuiltingParams, call: GridCall) -> np.ndarray:
    """Seamless ground from a sample: image quilting of a library picture on a torus.

    The sample (a scanned fabric, a photo, any library pattern, by id) is read from
    the library of the data home at ``detail`` cells across, square patches of it
    are laid in overlapping rows, each chosen among the windows that best match
    what is already laid and cut along the minimum-error path of each overlap. The
    patches are laid on a torus, so the tile's own edges are overlaps like the
    others: the tile repeats with no seam, exactly (its grid wraps). The texture
    keeps the sample's scale: ``sample_size`` design units for the sample's width.

    References
    ----------
    Efros & Freeman 2001, "Image quilting for texture synthesis and transfer",
    SIGGRAPH 2001, pp. 341-346.
    """
    from foulard.library.patterns import pattern_picture, pattern_size, require_id

    pattern_id = require_id(p.pattern, "learned.image_quilting")
    w, h = pattern_size(pattern_id)
    sample = pattern_picture(pattern_id, p.detail)
    n = call.grid.width
    block = max(8, round(p.block * min(sample.shape[:2])))
    overlap = max(2, round(p.overlap * block))
    if block >= n:  # a tile smaller than a patch: patches shrink with it
        block = max(6, n // 2)
        overlap = max(2, math.floor(p.overlap * block))
    rgb = quilt(sample, n, block, overlap, call.rng, tolerance=p.tolerance)
    del w, h
    out = np.ones((n, n, 4), np.float32)
    out[..., :3] = np.clip(rgb, 0.0, 1.0)
    return out
