"""Blend modes: a source layer composited onto a backdrop with a blend function."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.channels import as_rgba
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["MODES", "blend", "blend_colors"]

SEPARABLE = (
    "normal",
    "multiply",
    "screen",
    "overlay",
    "darken",
    "lighten",
    "color_dodge",
    "color_burn",
    "hard_light",
    "soft_light",
    "difference",
    "exclusion",
)
NON_SEPARABLE = ("hue", "saturation", "color", "luminosity")
MODES = SEPARABLE + NON_SEPARABLE
_LUM = np.array([0.3, 0.59, 0.11], np.float32)  # the W3C spec's luminosity weights


@dataclass(frozen=True)
class BlendParams(Params):
    mode: str = param(
        "multiply",
        choices=MODES,
        doc="the W3C blend function: how the source's colour meets the backdrop's",
    )
    opacity: float = param(1.0, range=(0.0, 1.0), doc="opacity of the source layer")


def _hard_light(b: np.ndarray, s: np.ndarray) -> np.ndarray:
    return np.where(s <= 0.5, b * (2.0 * s), 1.0 - (1.0 - b) * (1.0 - (2.0 * s - 1.0)))


def _lum(c: np.ndarray) -> np.ndarray:
    return (c @ _LUM)[..., None]


def _clip_color(c: np.ndarray) -> np.ndarray:
    lum = _lum(c)
    n = c.min(axis=-1, keepdims=True)
    x = c.max(axis=-1, keepdims=True)
    low = n < 0.0
    c = np.where(low, lum + (c - lum) * lum / np.where(low, lum - n, 1.0), c)
    high = x > 1.0
    c = np.where(high, lum + (c - lum) * (1.0 - lum) / np.where(high, x - lum, 1.0), c)
    return c


def _set_lum(c: np.ndarray, lum: np.ndarray) -> np.ndarray:
    return _clip_color(c + (lum - _lum(c)))


def _sat(c: np.ndarray) -> np.ndarray:
    return c.max(axis=-1, keepdims=True) - c.min(axis=-1, keepdims=True)


def _set_sat(c: np.ndarray, sat: np.ndarray) -> np.ndarray:
    n = c.min(axis=-1, keepdims=True)
    x = c.max(axis=-1, keepdims=True)
    span = x - n
    scaled = (c - n) * sat / np.where(span > 0.0, span, 1.0)
    return np.where(span > 0.0, scaled, 0.0)


def blend_colors(mode: str, b: np.ndarray, s: np.ndarray) -> np.ndarray:
    """``B(Cb, Cs)``: the blend function of straight sRGB backdrop ``b`` and source ``s``.

    >>> blend_colors("screen", np.array([0.2, 0.5, 1.0]), np.zeros(3)).tolist()
    [0.2, 0.5, 1.0]
    """
    if mode == "normal":
        return s
    if mode == "multiply":
        return b * s
    if mode == "screen":
        return b + s - b * s
    if mode == "overlay":
        return _hard_light(s, b)
    if mode == "darken":
        return np.minimum(b, s)
    if mode == "lighten":
        return np.maximum(b, s)
    if mode == "color_dodge":
        q = b / np.maximum(1.0 - s, 1e-12)
        return np.where(b <= 0.0, 0.0, np.where(s >= 1.0, 1.0, np.minimum(1.0, q)))
    if mode == "color_burn":
        q = (1.0 - b) / np.maximum(s, 1e-12)
        return np.where(b >= 1.0, 1.0, np.where(s <= 0.0, 0.0, 1.0 - np.minimum(1.0, q)))
    if mode == "hard_light":
        return _hard_light(b, s)
    if mode == "soft_light":
        d = np.where(b <= 0.25, ((16.0 * b - 12.0) * b + 4.0) * b, np.sqrt(b))
        return np.where(
            s <= 0.5, b - (1.0 - 2.0 * s) * b * (1.0 - b), b + (2.0 * s - 1.0) * (d - b)
        )
    if mode == "difference":
        return np.abs(b - s)
    if mode == "exclusion":
        return b + s - 2.0 * b * s
    if mode == "hue":
        return _set_lum(_set_sat(s, _sat(b)), _lum(b))
    if mode == "saturation":
        return _set_lum(_set_sat(b, _sat(s)), _lum(b))
    if mode == "color":
        return _set_lum(s, _lum(b))
    if mode == "luminosity":
        return _set_lum(b, _lum(s))
    raise ValueError(f"unknown blend mode {mode!r}; valid: {', '.join(MODES)}")


def _straight(rgba: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    a = rgba[..., 3:4]
    rgb = np.divide(rgba[..., :3], a, out=np.zeros_like(rgba[..., :3]), where=a > 0.0)
    return np.clip(rgb, 0.0, 1.0), a


@operator(
    "transform.blend",
    kind="field",
    version=1,
    inputs=(
        Input("backdrop", "the layer below", "color.gradient_map"),
        Input("source", "the layer blended onto it", "symmetry.half_drop"),
    ),
    output="rgba",
    tags=(
        "blend",
        "blend mode",
        "multiply",
        "screen",
        "overlay",
        "soft light",
        "composite",
        "混合模式",
        "正片叠底",
        "滤色",
        "叠加",
        "柔光",
    ),
)
def blend(p: BlendParams, call: Call) -> np.ndarray:
    """Blend modes: the source composited onto the backdrop through a W3C blend function.

    Separable modes (multiply, screen, overlay, darken, lighten, colour dodge and
    burn, hard and soft light, difference, exclusion) act per channel; hue,
    saturation, colour and luminosity mix the backdrop's and the source's hue,
    chroma and luminosity (the spec's ``SetLum``/``SetSat``). Where the backdrop is
    transparent the source shows as itself; compositing is source-over with the
    blended colour, ``co = cs (1 - ab) + cb (1 - as) + as ab B(Cb, Cs)``, on
    premultiplied sRGB. So multiply with white, and screen with black, leave the
    backdrop unchanged. A value input is an opaque grey.

    References
    ----------
    W3C 2015, *Compositing and Blending Level 1* (Candidate Recommendation),
    sections 5.3 and 10; Porter & Duff 1984, "Compositing digital images", SIGGRAPH.
    """
    back = as_rgba(call.input("backdrop"))
    top = as_rgba(call.input("source"))
    if p.opacity != 1.0:
        top = top * np.float32(p.opacity)
    cb, ab = _straight(back)
    cs, as_ = _straight(top)
    mixed = np.clip(blend_colors(p.mode, cb, cs), 0.0, 1.0)
    out = np.empty(back.shape, np.float32)
    out[..., :3] = top[..., :3] * (1.0 - ab) + back[..., :3] * (1.0 - as_) + as_ * ab * mixed
    out[..., 3:4] = as_ + ab * (1.0 - as_)
    return out
