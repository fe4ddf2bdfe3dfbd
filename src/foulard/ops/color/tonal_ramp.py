"""Tonal ramp: tints, tones and shades of one hue, in even OKLCH lightness steps."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from foulard.color.gamut import gamut_map_oklch
from foulard.color.space import srgb_to_hex
from foulard.errors import ParameterError
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

__all__ = ["ramp_oklch", "tonal_ramp"]


def ramp_oklch(
    count: int,
    *,
    hue: float,
    chroma: float,
    lightest: float,
    darkest: float,
    peak: float,
    ends: float,
    drift: float,
) -> np.ndarray:
    """OKLCH of a ramp from the lightest to the darkest step, ``(count, 3)``.

    Lightness falls in even steps. Chroma follows an arc along the ramp: ``ends``
    of the full ``chroma`` at both ends, all of it at position ``peak`` (0 the light
    end, 1 the dark end). The hue turns by ``drift`` degrees from the light end to
    the dark end (light warm and dark cool, say).

    >>> lch = ramp_oklch(3, hue=250, chroma=0.1, lightest=0.9, darkest=0.3,
    ...                  peak=0.5, ends=0.2, drift=20)
    >>> np.round(lch, 3).tolist()
    [[0.9, 0.02, 240.0], [0.6, 0.1, 250.0], [0.3, 0.02, 260.0]]
    """
    s = np.linspace(0.0, 1.0, count)
    light = lightest + (darkest - lightest) * s
    # A quarter sine up to the peak and down after it: smooth, one maximum.
    up = np.sin(0.5 * math.pi * np.clip(s / max(peak, 1e-9), 0.0, 1.0))
    down = np.sin(0.5 * math.pi * np.clip((1.0 - s) / max(1.0 - peak, 1e-9), 0.0, 1.0))
    bump = np.where(s <= peak, up, down)
    c = chroma * (ends + (1.0 - ends) * bump)
    h = (hue + drift * (s - 0.5)) % 360.0
    return np.stack([light, c, h], axis=-1)


@dataclass(frozen=True)
class TonalRampParams(Params):
    hue: float = param(245.0, range=(0.0, 360.0), unit="degree", doc="OKLCH hue of the ramp")
    random_hue: bool = param(False, doc="draw the hue from the node's generator instead")
    chroma: float = param(0.12, range=(0.0, 0.37), doc="OKLCH chroma at the ramp's most vivid")
    lightest: float = param(0.95, range=(0.5, 1.0), doc="OKLCH lightness of the light end")
    darkest: float = param(0.28, range=(0.05, 0.6), doc="OKLCH lightness of the dark end")
    count: int = param(6, range=(2, 16), doc="colours in the ramp")
    peak: float = param(
        0.6, range=(0.0, 1.0), doc="where chroma is strongest (0: light end, 1: dark end)"
    )
    ends: float = param(0.3, range=(0.0, 1.0), doc="share of the chroma kept at both ends")
    drift: float = param(
        -25.0, range=(-90.0, 90.0), unit="degree", doc="hue turn from the light end to the dark"
    )
    ground: str = param(
        "light", choices=("light", "dark"), doc="the ramp's first colour: its light or dark end"
    )

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.lightest - self.darkest < 0.02 * (self.count - 1):
            raise ParameterError(
                f"lightest - darkest must be at least 0.02 per step ({0.02 * (self.count - 1):g} "
                f"for {self.count} colours), got {self.lightest - self.darkest:g}",
                "params.darkest",
            )


@operator(
    "color.tonal_ramp",
    kind="palette",
    version=1,
    tags=("tint", "shade", "tone", "ramp", "monochrome", "tonal", "色阶", "深浅", "同色系"),
)
def tonal_ramp(p: TonalRampParams, rng: np.random.Generator) -> tuple[str, ...]:
    """Tonal ramp: one hue from a pale tint to a deep shade, in even lightness steps.

    OKLCH lightness falls in equal steps from ``lightest`` to ``darkest``, so the
    steps look evenly spaced; chroma rises along a smooth arc to its strongest at
    ``peak`` and fades towards both ends (pale tints and deep shades are quiet, as
    in dyed silk); the hue may drift along the ramp. Colours outside sRGB lose
    chroma alone (lightness and hue stay exact), so the ramp is monotone in
    lightness. The first colour (the ground) is the light end, or the dark end with
    ``ground="dark"``; a ramp is what a monochrome scarf, a shaded motif or a tonal
    gradient map needs.

    References
    ----------
    Ottosson 2020, "A perceptual color space for image processing" (OKLab, OKLCH);
    CSS Color Module Level 4, section 13 (gamut mapping); Albers 1963,
    *Interaction of Color* (tints, tones and shades).
    """
    hue = float(rng.uniform(0.0, 360.0)) if p.random_hue else p.hue
    lch = ramp_oklch(
        p.count,
        hue=hue,
        chroma=p.chroma,
        lightest=p.lightest,
        darkest=p.darkest,
        peak=p.peak,
        ends=p.ends,
        drift=p.drift,
    )
    if p.ground == "dark":
        lch = lch[::-1]
    return srgb_to_hex(gamut_map_oklch(lch, jnd=0.0))
