"""Duotone: an image's tones printed as two palette roles, dark to light."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.color.space import (
    linear_to_srgb,
    oklab_to_srgb,
    srgb_to_linear,
    srgb_to_oklab,
)
from foulard.ops.color._sampled import Lazy, over_ground, premultiplied, straight
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["duotone", "duotone_mix"]

_SAMPLES = 64
_FLOOR = 1e-4  # least linear reflectance in density mixing (an ink is never black hole)


def duotone_mix(t: np.ndarray, dark: np.ndarray, light: np.ndarray, mix: str) -> np.ndarray:
    """sRGB along the duotone path at tones ``t`` in [0, 1]: ``dark`` at 0, ``light`` at 1.

    ``oklab`` interpolates in OKLab (an even perceptual path); ``density``
    interpolates optical density per channel (linear light is ``light**t *
    dark**(1 - t)``): a layer of the dark ink whose thickness falls as the tone
    rises, seen over the light one, with the deeper, richer midtones of print. The
    ends are the two colours exactly.

    >>> d, l = np.array([0.125, 0.25, 0.5]), np.array([0.875, 0.75, 0.625])
    >>> duotone_mix(np.array([0.0, 1.0]), d, l, "density").tolist() == [d.tolist(), l.tolist()]
    True
    """
    t = np.clip(t, 0.0, 1.0)[..., None].astype(np.float32)
    dark = np.asarray(dark, np.float32)
    light = np.asarray(light, np.float32)
    if mix == "oklab":
        a, b = srgb_to_oklab(dark), srgb_to_oklab(light)
        out = np.clip(oklab_to_srgb(a + (b - a) * t), 0.0, 1.0)
    else:
        da = np.log(np.maximum(srgb_to_linear(dark), _FLOOR))
        db = np.log(np.maximum(srgb_to_linear(light), _FLOOR))
        out = np.clip(linear_to_srgb(np.exp(da + (db - da) * t)), 0.0, 1.0)
    out = np.where(t <= 0.0, dark, out)
    return np.where(t >= 1.0, light, out).astype(np.float32)


@dataclass(frozen=True)
class DuotoneParams(Params):
    dark: int = param(1, range=(0, 47), doc="palette role of the shadows (wraps past the end)")
    light: int = param(0, range=(0, 47), doc="palette role of the highlights (wraps)")
    mix: str = param(
        "density",
        choices=("density", "oklab"),
        doc="density: two inks, the dark one thinning with tone; oklab: an even perceptual blend",
    )
    midpoint: float = param(
        0.5, range=(0.1, 0.9), doc="tone that gets the half-way colour (below 0.5: lighter)"
    )
    stretch: bool = param(
        True, doc="stretch the source's tones (its 1st to 99th percentile) over the full path"
    )


def _prepare(p: DuotoneParams, rng: np.random.Generator) -> Lazy:
    return Lazy()


def _tone(call: Call, values: np.ndarray) -> np.ndarray:
    if values.shape[-1] == 1:
        return np.clip(values[..., 0], 0.0, 1.0)
    return srgb_to_oklab(over_ground(values, call.palette.ground))[..., 0]


def _levels(call: Call) -> tuple[float, float]:
    c = (np.arange(_SAMPLES) + 0.5) / _SAMPLES
    gx, gy = np.meshgrid(c, c)
    tone = _tone(call, call.input("source", gx, gy, 1.0 / _SAMPLES))
    lo, hi = (float(v) for v in np.percentile(tone, [1.0, 99.0]))
    return (lo, hi) if hi - lo > 0.02 else (0.0, 1.0)


@operator(
    "color.duotone",
    kind="image",
    version=1,
    inputs=(Input("source", "the image or value field to print in two colours", "fields.fbm"),),
    output="rgba",
    prepare=_prepare,
    tags=("duotone", "two colour", "monotone print", "双色调", "双色", "套色"),
)
def duotone(p: DuotoneParams, call: Call) -> np.ndarray:
    """Duotone: the image's tones printed in two palette roles, shadows to highlights.

    The tone of each point is its OKLab lightness (over the ground; a value field's
    value), by default stretched so that the source's 1st and 99th percentiles,
    read once on a fixed 64 x 64 grid of the unit square, reach the two ends; then
    bent so that ``midpoint`` gets the half-way colour. Tone 0 is the ``dark`` role
    and tone 1 the ``light`` role, exactly. Between them ``density`` mixes as two
    printed inks do (optical density interpolated per channel: the dark ink thins as
    the tone rises, over the light one), ``oklab`` as an even perceptual blend.
    Unlike ``color.gradient_map`` the image's own tonal range is found and used, and
    the path between the two colours is an ink or perceptual one, not sRGB. Alpha
    is kept.

    References
    ----------
    Adobe Photoshop "Duotone" mode (two inks with transfer curves); Yule & Nielsen
    1951 (optical density of halftone prints), TAGA Proc.; Ottosson 2020 (OKLab).
    """
    src = call.input("source")
    tone = _tone(call, src)
    if p.stretch:
        lo, hi = call.state.get(call.mm_per_unit, _levels, call)
        tone = (tone - np.float32(lo)) * np.float32(1.0 / (hi - lo))
    tone = np.clip(tone, 0.0, 1.0)
    if p.midpoint != 0.5:
        tone = tone ** np.float32(math.log(0.5) / math.log(p.midpoint))
    palette = call.palette
    rgb = duotone_mix(tone, np.array(palette.role(p.dark)), np.array(palette.role(p.light)), p.mix)
    alpha = np.ones((*tone.shape, 1), np.float32) if src.shape[-1] == 1 else straight(src)[1]
    return premultiplied(rgb, alpha)
