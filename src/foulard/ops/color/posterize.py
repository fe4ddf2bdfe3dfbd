"""Posterize: tones cut into a few flat levels, per channel or on OKLab lightness."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.color.gamut import gamut_map_oklch, in_srgb_gamut
from foulard.color.space import (
    linear_to_srgb,
    oklab_to_linear_srgb,
    oklab_to_oklch,
    srgb_to_oklab,
)
from foulard.ops.color._sampled import premultiplied, straight
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["posterize", "posterize_levels"]


def posterize_levels(t: np.ndarray, levels: int, smooth: float = 0.0) -> np.ndarray:
    """Values in [0, 1] cut into ``levels`` equal bins, bin ``k`` shown as ``k / (levels - 1)``.

    With ``smooth`` > 0 each step is a smoothstep ``smooth`` of a bin wide, centred
    on the bin edge, instead of a jump (the output is then no longer only the levels).

    >>> posterize_levels(np.array([0.0, 0.3, 0.5, 0.99, 1.0]), 3).tolist()
    [0.0, 0.0, 0.5, 1.0, 1.0]
    """
    n = levels
    s = np.clip(t, 0.0, 1.0) * n
    k = np.minimum(np.floor(s), n - 1)
    if smooth > 1e-6:  # narrower steps are jumps
        # Distance past the nearest inner edge, in bins; a smoothstep across it.
        edge = np.clip(np.rint(s), 1, n - 1)
        r = np.clip((s - edge) / smooth + 0.5, 0.0, 1.0)
        ramp = r * r * (3.0 - 2.0 * r)
        k = edge - 1 + ramp
    return (k / (n - 1)).astype(np.float32)


@dataclass(frozen=True)
class PosterizeParams(Params):
    levels: int = param(4, range=(2, 32), doc="tone levels per channel (or of lightness)")
    space: str = param(
        "lightness",
        choices=("lightness", "rgb"),
        doc="lightness: OKLab L only (hues kept); rgb: each sRGB channel on its own",
    )
    smooth: float = param(
        0.0, range=(0.0, 1.0), doc="softness of each step, in bins (0: hard, flat levels)"
    )


@operator(
    "color.posterize",
    kind="image",
    version=1,
    inputs=(Input("source", "the image or value field to posterize", "color.duotone"),),
    output="same",
    tags=("posterize", "tone bands", "poster", "levels", "色调分离", "色阶", "海报"),
)
def posterize(p: PosterizeParams, call: Call) -> np.ndarray:
    """Posterize: continuous tones cut into a few flat bands, like a screen-printed poster.

    ``lightness`` cuts OKLab lightness into ``levels`` equal bands shown at evenly
    spaced lightness, keeping each point's hue and chroma (chroma is reduced where
    the result would leave sRGB); ``rgb`` cuts each sRGB channel, which gives up to
    ``levels**3`` colours and the hue jumps of classic posterisation. A value field
    is posterized as a value. The levels are ``k / (levels - 1)`` (of the channel, or
    of lightness); ``smooth`` rounds each step over a part of a band. Unlike
    ``color.quantize`` the levels are fixed, not learned from the image. Alpha is kept.

    References
    ----------
    Gonzalez & Woods 2018, *Digital Image Processing*, 4th ed., section 2.4
    (intensity quantisation); Ottosson 2020 (OKLab).
    """
    src = call.input("source")
    if src.shape[-1] == 1:
        return posterize_levels(src[..., 0], p.levels, p.smooth)[..., None]
    rgb, alpha = straight(src)
    if p.space == "rgb":
        return premultiplied(posterize_levels(rgb, p.levels, p.smooth), alpha)
    lab = srgb_to_oklab(rgb)
    lab[..., 0] = posterize_levels(lab[..., 0], p.levels, p.smooth)
    # The top and bottom levels hold one colour each: white and black.
    lab[..., 1:] *= ((lab[..., 0] > 0.0) & (lab[..., 0] < 1.0))[..., None]
    lin = oklab_to_linear_srgb(lab)
    inside = in_srgb_gamut(lin, 1e-6)
    out = linear_to_srgb(np.clip(lin, 0.0, 1.0))
    if not inside.all():
        out[~inside] = gamut_map_oklch(oklab_to_oklch(lab[~inside]), jnd=0.0)
    return premultiplied(out, alpha)
