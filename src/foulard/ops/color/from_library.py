"""The dominant palette of a library pattern."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from foulard.library.store import SAMPLE_BROCADE, check_pattern_param
from foulard.ops.params import Params, param, text_param
from foulard.ops.registry import operator

__all__ = ["from_library"]

MIN_SHARE = 0.015


@dataclass(frozen=True)
class FromLibraryParams(Params):
    pattern: str = text_param(
        SAMPLE_BROCADE,
        doc="library id (SHA-256) of the pattern to take colours from",
        max_length=64,
    )
    count: int = param(
        6, range=(2, 12), doc="colours wanted; a pattern with fewer distinct colours gives fewer"
    )
    ground: str = param(
        "dominant",
        choices=("dominant", "light", "dark"),
        doc="ground (first colour): the largest area, the lightest or the darkest colour",
    )

    def __post_init__(self) -> None:
        super().__post_init__()
        check_pattern_param(self.pattern)


@operator(
    "color.from_library",
    kind="palette",
    version=1,
    tags=("library", "archive", "extract", "dominant", "取色", "色卡", "图库"),
)
def from_library(p: FromLibraryParams, rng: np.random.Generator) -> tuple[str, ...]:
    """Palette from a library pattern: its dominant colours, by area.

    The pattern (by id, from the library of the data home) is read at 256 px and
    its pixels clustered in CIELAB (k-means with twice ``count`` centres, fixed
    seeding: the same pattern always gives the same palette); colours a viewer
    would not tell apart (ΔE00 < 4) are merged and slivers under 1.5 % of the
    area (the blends along edges) dropped. Of those, ``count`` are kept that
    are both large and distinct (the largest first, then each time the colour with
    the most ``sqrt(area) x ΔE00 to those kept``), so a small accent survives next
    to a large ground. The ground comes first (the largest area by default, as on
    a cloth, or the lightest or darkest kept colour), then the others as kept.
    The generator is not used: the palette is the pattern's.

    References
    ----------
    Lloyd 1982, "Least squares quantization in PCM", IEEE Trans. IT 28(2); Sharma,
    Wu & Dalal 2005, "The CIEDE2000 color-difference formula", Color Res. Appl. 30(1).
    """
    return _palette(p.pattern, p.count, p.ground)


@functools.lru_cache(maxsize=64)
def _palette(pattern: str, count: int, ground: str) -> tuple[str, ...]:
    """The palette of a pattern (cached: the id fixes the content)."""
    from foulard.library.colours import DominantPalette, distinct_colours, dominant_palette
    from foulard.library.patterns import pattern_picture, pattern_size, require_id

    pattern = require_id(pattern, "color.from_library")
    w, h = pattern_size(pattern)
    picture = pattern_picture(pattern, min(256, max(w, h)))  # never blown up
    pal = dominant_palette(picture, k=min(16, 2 * count), side=min(128, *picture.shape[:2]))
    keep = pal.shares >= MIN_SHARE  # not the blends along edges
    if keep.any():
        pal = DominantPalette(pal.lab[keep], pal.shares[keep] / pal.shares[keep].sum())
    order = distinct_colours(pal, count)
    if ground != "dominant":
        lightness = pal.lab[:, 0]
        kept = np.array(order)
        pick = np.argmax(lightness[kept]) if ground == "light" else np.argmin(lightness[kept])
        first = int(kept[pick])
        order = [first, *[i for i in order if i != first]]
    hexes = pal.hexes
    return tuple(hexes[i] for i in order)
