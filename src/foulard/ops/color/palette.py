"""A palette given as explicit colours."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from foulard.ops.params import Params, colors_param
from foulard.ops.registry import operator


@dataclass(frozen=True)
class PaletteParams(Params):
    colors: tuple[str, ...] = colors_param(
        ("#f4ecd8", "#1f3a5f", "#c8102e", "#d4a017", "#2e6b4f"),
        doc="colours, ground first, then accents by emphasis",
    )


@operator("color.palette", kind="palette", version=1, tags=("colours", "swatches", "配色"))
def palette(p: PaletteParams, rng: np.random.Generator) -> tuple[str, ...]:
    """Explicit palette: the colours as given, ground first.

    The simplest palette source; a colourway is a genome whose palette node is a
    new ``color.palette``.

    References
    ----------
    Convention of textile colourways (ground first, accents by area).
    """
    return p.colors
