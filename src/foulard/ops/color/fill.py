"""Flat colour and ink: a palette role as a ground, or painted through a value field."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.channels import as_value, solid
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call


@dataclass(frozen=True)
class FillParams(Params):
    color: int = param(0, range=(0, 47), doc="palette role (0 is the ground; wraps past the end)")
    opacity: float = param(1.0, range=(0.0, 1.0), doc="coverage of the colour")


@operator("color.fill", kind="field", version=1, tags=("ground", "solid", "flat", "底色"))
def fill(p: FillParams, call: Call) -> np.ndarray:
    """Flat fill: one palette role everywhere (a plain ground, or a tinted veil).

    References
    ----------
    The ground colour of printed textiles ("the ground", PRINT.md anatomy of a scarf).
    """
    return solid(call.x.shape, call.palette.role(p.color), p.opacity)


@dataclass(frozen=True)
class InkParams(Params):
    color: int = param(1, range=(0, 47), doc="palette role of the ink (wraps past the end)")
    opacity: float = param(1.0, range=(0.0, 1.0), doc="coverage where the source is 1")
    invert: bool = param(False, doc="ink where the source is 0 instead of 1")


@operator(
    "color.ink",
    kind="image",
    version=1,
    inputs=(Input("source", "a value field: 1 = full ink, 0 = none", "curves.guilloche"),),
    output="rgba",
    bounds_from="source",
    tags=("line", "mask", "tint", "colour lines", "着色"),
)
def ink(p: InkParams, call: Call) -> np.ndarray:
    """Ink through a value field: a palette role whose coverage is the field's value.

    Turns line fields (guilloche, rose curves, gratings) and masks into coloured
    layers over whatever lies below, like one screen of a screen print.

    References
    ----------
    Screen printing: one ink per screen, its coverage the screen's open area
    (Kosloff 1981, *Photographic Screen Printing*).
    """
    v = np.clip(as_value(call.input("source"))[..., 0], 0.0, 1.0)
    if p.invert:
        v = 1.0 - v
    alpha = (v * np.float32(p.opacity)).astype(np.float32)
    out = np.empty((*alpha.shape, 4), np.float32)
    out[..., :3] = np.asarray(call.palette.role(p.color), np.float32) * alpha[..., None]
    out[..., 3] = alpha
    return out
