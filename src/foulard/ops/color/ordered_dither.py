"""Ordered dither: a Bayer threshold matrix between palette roles, in design units."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.color._dither import SOURCE, DitherParams, choose, threshold_mix
from foulard.ops.color.palette_map import bayer_matrix
from foulard.ops.params import param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["ordered_dither"]

_SIZES = {"bayer2": 2, "bayer4": 4, "bayer8": 8, "bayer16": 16}


@functools.lru_cache(maxsize=8)
def _thresholds(n: int) -> np.ndarray:
    out = ((bayer_matrix(n) + 0.5) / (n * n)).astype(np.float32)
    out.setflags(write=False)
    return out


@dataclass(frozen=True)
class OrderedDitherParams(DitherParams):
    matrix: str = param("bayer4", choices=tuple(_SIZES), doc="Bayer threshold matrix size")
    cell: float = param(
        0.006, range=(0.002, 0.1), unit="design unit", doc="size of one dot (a matrix element)"
    )
    angle: float = param(0.0, range=(-90.0, 90.0), unit="degree", doc="rotation of the dot grid")


@operator(
    "color.ordered_dither",
    kind="image",
    version=1,
    inputs=(SOURCE,),
    output="rgba",
    tags=(
        "dither",
        "bayer",
        "ordered dither",
        "retro",
        "pixel",
        "8-bit",
        "抖动",
        "有序抖动",
        "像素风",
    ),
    example_params={"count": 4},
)
def ordered_dither(p: OrderedDitherParams, call: Call) -> np.ndarray:
    """Ordered dither: in-between tones as a regular pattern of two palette roles.

    Each point lies between two palette roles: in ``tone`` mode the roles are
    sorted by OKLab lightness into a ladder (a value field spans it from the darkest
    role at 0 to the lightest at 1; a colour image is matched by its lightness), in
    ``colour`` mode the nearest role and the partner whose segment passes closest to
    the point's colour (Yliluoma's two-colour plan). The upper role wins where the
    Bayer threshold of the point's cell is below its share, so a gradient becomes
    the cross-hatched dot patterns of 8-bit graphics and retro prints. Dots are
    ``cell`` design units wide (the same pattern at every resolution), the grid may
    be turned by ``angle``, and a pixel takes the exact mean of the dots it covers.
    Output holds only palette colours wherever a pixel lies inside one dot.

    References
    ----------
    Bayer 1973, "An optimum method for two-level rendition of continuous-tone
    pictures", IEEE ICC; Ulichney 1987, *Digital Halftoning*, MIT Press, ch. 6;
    Yliluoma, "Arbitrary-palette positional dithering algorithm" (web article).
    """
    return threshold_mix(
        call, _thresholds(_SIZES[p.matrix]), p.cell, p.angle, choose(call, p.mode, p.first, p.count)
    )
