"""Gradient map: a scalar field coloured by a palette."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.channels import as_value
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call


@dataclass(frozen=True)
class GradientMapParams(Params):
    mode: str = param(
        "smooth", choices=("smooth", "steps"), doc="blend between colours, or flat bands of ink"
    )
    first: int = param(0, range=(0, 47), doc="palette role at value 0 (wraps past the end)")
    count: int = param(0, range=(0, 48), doc="palette roles used from 'first' (0: all)")
    reverse: bool = param(False, doc="run the palette from light end to dark end")
    contrast: float = param(1.0, range=(0.1, 8.0), doc="steepness around the middle value")


def _stops(p: GradientMapParams, palette) -> np.ndarray:
    n = len(palette) if p.count == 0 else p.count
    idx = [(p.first + i) % len(palette) for i in range(n)]
    stops = palette.rgb[idx]
    return stops[::-1] if p.reverse else stops


@operator(
    "color.gradient_map",
    kind="image",
    version=1,
    inputs=(Input("source", "the field to colour (values in [0, 1])", "fields.value_noise"),),
    output="rgba",
    tags=("recolour", "colour map", "渐变映射"),
)
def gradient_map(p: GradientMapParams, call: Call) -> np.ndarray:
    """Gradient map: values in [0, 1] become palette colours.

    ``smooth`` interpolates between the palette roles evenly spread over [0, 1];
    ``steps`` cuts [0, 1] into equal bands, one flat palette colour each, so the
    output holds only palette colours (ready for screens).

    References
    ----------
    Photoshop "Gradient Map" adjustment; colour look-up tables (Ware 2004,
    *Information Visualization*, ch. 4).
    """
    v = as_value(call.input("source"))[..., 0].astype(np.float32)
    if p.contrast != 1.0:
        v = np.clip((v - 0.5) * np.float32(p.contrast) + 0.5, 0.0, 1.0)
    else:
        v = np.clip(v, 0.0, 1.0)
    stops = _stops(p, call.palette)
    n = len(stops)
    out = np.empty((*v.shape, 4), np.float32)
    out[..., 3] = 1.0
    if n == 1:
        out[..., :3] = stops[0]
        return out
    if p.mode == "steps":
        idx = np.minimum((v * n).astype(np.int64), n - 1)
        out[..., :3] = stops[idx]
        return out
    t = v * np.float32(n - 1)
    i0 = np.minimum(t.astype(np.int64), n - 2)
    f = (t - i0)[..., None]
    out[..., :3] = stops[i0] * (1.0 - f) + stops[i0 + 1] * f
    return out
