"""Tone curve: levels and a monotone curve, on sRGB channels or OKLab lightness."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy.interpolate import PchipInterpolator

from foulard.color.gamut import gamut_map_oklch, in_srgb_gamut
from foulard.color.space import (
    linear_to_srgb,
    oklab_to_linear_srgb,
    oklab_to_oklch,
    srgb_to_oklab,
)
from foulard.errors import ParameterError
from foulard.ops.color._sampled import premultiplied, straight
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["PRESETS", "curve_table", "tone_curve"]

# Outputs of the curve at inputs 1/4, 1/2 and 3/4 (the ends stay at 0 and 1).
PRESETS = {
    "linear": (0.25, 0.5, 0.75),
    "contrast": (0.16, 0.5, 0.84),
    "strong_contrast": (0.09, 0.5, 0.91),
    "soft": (0.32, 0.5, 0.68),
    "brighten": (0.37, 0.63, 0.85),
    "darken": (0.15, 0.37, 0.63),
    "lift_shadows": (0.36, 0.56, 0.77),
}
_CHANNELS = {"rgb": None, "lightness": None, "red": 0, "green": 1, "blue": 2}
_TABLE = 1025


@dataclass(frozen=True)
class ToneCurveParams(Params):
    preset: str = param(
        "contrast",
        choices=(*PRESETS, "custom"),
        doc="curve shape; 'custom' uses shadows, midtones and highlights",
    )
    shadows: float = param(0.25, range=(0.0, 1.0), doc="custom curve output at input 0.25")
    midtones: float = param(0.5, range=(0.0, 1.0), doc="custom curve output at input 0.5")
    highlights: float = param(0.75, range=(0.0, 1.0), doc="custom curve output at input 0.75")
    black_in: float = param(0.0, range=(0.0, 0.45), doc="levels: input mapped to black")
    white_in: float = param(1.0, range=(0.55, 1.0), doc="levels: input mapped to white")
    gamma: float = param(1.0, range=(0.2, 5.0), doc="levels: midtone gamma (above 1 lightens)")
    black_out: float = param(0.0, range=(0.0, 0.45), doc="levels: output of black")
    white_out: float = param(1.0, range=(0.55, 1.0), doc="levels: output of white")
    channel: str = param(
        "lightness",
        choices=tuple(_CHANNELS),
        doc="what the curve acts on: OKLab lightness (hues kept), all sRGB channels, or one",
    )

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.preset == "custom" and not (self.shadows <= self.midtones <= self.highlights):
            raise ParameterError(
                "a tone curve must not fall: need shadows <= midtones <= highlights, got "
                f"{self.shadows}, {self.midtones}, {self.highlights}",
                "params.shadows",
            )


def curve_table(p: ToneCurveParams) -> np.ndarray:
    """The whole transfer function sampled at 1025 evenly spaced inputs (non-decreasing).

    Levels in (black and white points, gamma), then the curve through (0, 0), the
    three points and (1, 1) as a monotone cubic (Fritsch-Carlson / PCHIP, which
    never overshoots, so a non-decreasing set of points gives a non-decreasing
    curve), then levels out.

    >>> t = curve_table(ToneCurveParams(preset="linear"))
    >>> bool(np.allclose(t, np.linspace(0, 1, 1025)))
    True
    """
    mid = (p.shadows, p.midtones, p.highlights) if p.preset == "custom" else PRESETS[p.preset]
    x = np.linspace(0.0, 1.0, _TABLE)
    t = np.clip((x - p.black_in) / (p.white_in - p.black_in), 0.0, 1.0)
    t = t ** (1.0 / p.gamma)
    curve = PchipInterpolator([0.0, 0.25, 0.5, 0.75, 1.0], [0.0, *mid, 1.0])
    t = np.clip(curve(t), 0.0, 1.0)
    t = np.maximum.accumulate(t)  # rounding never makes it fall
    out = p.black_out + t * (p.white_out - p.black_out)
    return out.astype(np.float32)


def _prepare(p: ToneCurveParams, rng: np.random.Generator) -> np.ndarray:
    table = curve_table(p)
    table.setflags(write=False)
    return table


def _apply(table: np.ndarray, v: np.ndarray) -> np.ndarray:
    s = np.clip(v, 0.0, 1.0) * np.float32(_TABLE - 1)
    i = np.minimum(s.astype(np.int32), _TABLE - 2)
    f = s - i
    return table[i] + (table[i + 1] - table[i]) * f


@operator(
    "color.tone_curve",
    kind="image",
    version=1,
    inputs=(Input("source", "the image or value field to adjust", "color.duotone"),),
    output="same",
    prepare=_prepare,
    tags=("curves", "levels", "contrast", "gamma", "brightness", "曲线", "色阶", "对比度"),
)
def tone_curve(p: ToneCurveParams, call: Call) -> np.ndarray:
    """Tone curve: levels and curves, as in a photo editor, always non-decreasing.

    Input levels (black and white points, then a gamma), a curve through three
    points (from a preset: contrast, strong contrast, soft, brighten, darken, lift
    shadows; or custom, which must not fall) drawn as a monotone cubic, then output
    levels. It acts on OKLab lightness by default (hue and chroma kept; chroma is
    reduced where a colour would leave sRGB), on every sRGB channel, or on one of
    them (colour casts). A value field is adjusted as a value. Alpha is kept.

    References
    ----------
    Fritsch & Carlson 1980, "Monotone piecewise cubic interpolation", SIAM J. Numer.
    Anal. 17(2); Gonzalez & Woods 2018, *Digital Image Processing*, section 3.2;
    Ottosson 2020 (OKLab).
    """
    table = call.state
    src = call.input("source")
    if src.shape[-1] == 1:
        return _apply(table, src[..., 0])[..., None]
    rgb, alpha = straight(src)
    if p.channel == "rgb":
        return premultiplied(_apply(table, rgb), alpha)
    if p.channel != "lightness":
        c = _CHANNELS[p.channel]
        rgb[..., c] = _apply(table, rgb[..., c])
        return premultiplied(rgb, alpha)
    lab = srgb_to_oklab(rgb)
    lab[..., 0] = _apply(table, lab[..., 0])
    lin = oklab_to_linear_srgb(lab)
    inside = in_srgb_gamut(lin, 1e-6)
    out = linear_to_srgb(np.clip(lin, 0.0, 1.0))
    if not inside.all():
        out[~inside] = gamut_map_oklch(oklab_to_oklch(lab[~inside]), jnd=0.0)
    return premultiplied(out, alpha)
