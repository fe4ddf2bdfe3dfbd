"""Hue shift: rotate hues on the OKLCH wheel, at constant lightness and chroma."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.color.gamut import gamut_map_oklch, in_srgb_gamut
from foulard.color.space import (
    linear_to_srgb,
    oklab_to_linear_srgb,
    srgb_to_oklab,
)
from foulard.ops._common.channels import as_rgba
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["hue_shift"]


@dataclass(frozen=True)
class HueShiftParams(Params):
    shift: float = param(
        -40.0, range=(-180.0, 180.0), unit="degree", doc="rotation of every hue on the OKLCH wheel"
    )
    chroma: float = param(1.0, range=(0.0, 2.0), doc="chroma factor (0: greys, 1: unchanged)")
    lightness: float = param(0.0, range=(-0.5, 0.5), doc="added to OKLCH lightness (0: unchanged)")


@operator(
    "color.hue_shift",
    kind="image",
    version=1,
    inputs=(Input("source", "the image to recolour", "color.gradient_map"),),
    output="rgba",
    tags=("hue", "recolour", "colourway", "saturation", "色相", "调色"),
)
def hue_shift(p: HueShiftParams, call: Call) -> np.ndarray:
    """Hue shift: hues rotated in OKLCH, lightness and chroma kept (or scaled).

    A rotation in OKLab's a-b plane keeps perceived lightness and colourfulness, so
    the design's value structure survives a recolouring (unlike an HSV hue shift,
    which makes yellows dark and blues light). Colours that leave sRGB are brought
    back by chroma reduction alone, at exact lightness and hue (the CSS Color 4
    search without its JND shortcut). Alpha is kept; colour is processed
    un-premultiplied.

    References
    ----------
    Ottosson 2020, "A perceptual color space for image processing" (OKLab); CSS Color
    Module Level 4, section 13 (gamut mapping).
    """
    src = as_rgba(call.input("source"))
    alpha = src[..., 3:4]
    rgb = np.where(alpha > 0.0, src[..., :3] / np.maximum(alpha, np.float32(1e-12)), 0.0)
    lab = srgb_to_oklab(np.clip(rgb, 0.0, 1.0).astype(np.float32))
    a, b = lab[..., 1], lab[..., 2]
    angle = np.radians(p.shift)
    c, s = np.float32(np.cos(angle) * p.chroma), np.float32(np.sin(angle) * p.chroma)
    out_lab = np.empty_like(lab)
    out_lab[..., 0] = np.clip(lab[..., 0] + np.float32(p.lightness), 0.0, 1.0)
    out_lab[..., 1] = c * a - s * b
    out_lab[..., 2] = s * a + c * b
    lin = oklab_to_linear_srgb(out_lab)
    inside = in_srgb_gamut(lin, 1e-6)
    out = np.empty_like(src)
    out[..., :3] = linear_to_srgb(np.clip(lin, 0.0, 1.0))
    if not inside.all():
        # Few points leave the gamut at chroma factors up to 1; map just those.
        bad = out_lab[~inside]
        lch = np.stack(
            [
                bad[:, 0],
                np.hypot(bad[:, 1], bad[:, 2]),
                np.degrees(np.arctan2(bad[:, 2], bad[:, 1])),
            ],
            axis=-1,
        )
        out[..., :3][~inside] = gamut_map_oklch(lch, jnd=0.0)
    out[..., :3] *= alpha
    out[..., 3:4] = alpha
    return out
