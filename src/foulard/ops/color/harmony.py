"""Colour harmonies: hue-offset schemes on the OKLCH wheel."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from coloraide import Color

from foulard.color.space import srgb_to_hex
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

__all__ = ["SCHEMES", "harmony", "harmony_oklch", "scheme_offsets"]

SCHEMES = (
    "monochrome",
    "analogous",
    "complementary",
    "split_complementary",
    "triadic",
    "tetradic",
    "square",
)

# Accents beyond one per hue come in tiers: the same hues again, deeper or lighter
# and a little quieter, so that a 12-colour palette still has a clear hierarchy.
_TIER_STEP = 0.16  # OKLCH lightness between tiers, when the range allows
_ACCENT_RANGE = {"light": (0.2, 0.88), "dark": (0.36, 0.95)}  # clear of the ground
_LIGHT_GROUND = (0.955, 0.022)  # OKLCH lightness and most chroma of a light ground
_DARK_GROUND = (0.25, 0.05)


def scheme_offsets(scheme: str, spread: float = 30.0) -> tuple[float, ...]:
    """Hue offsets (degrees) of a scheme, base hue first, then by emphasis.

    ``spread`` is the half-angle of analogous and split-complementary schemes and
    half the narrow side of the tetradic rectangle.

    >>> scheme_offsets("split_complementary")
    (0.0, 150.0, 210.0)
    >>> scheme_offsets("tetradic", 30.0)
    (0.0, 180.0, 60.0, 240.0)
    """
    s = float(spread)
    table = {
        "monochrome": (0.0,),
        "analogous": (0.0, -s, s),
        "complementary": (0.0, 180.0),
        "split_complementary": (0.0, 180.0 - s, 180.0 + s),
        "triadic": (0.0, 120.0, 240.0),
        "tetradic": (0.0, 180.0, 2.0 * s, 180.0 + 2.0 * s),
        "square": (0.0, 180.0, 90.0, 270.0),
    }
    if scheme not in table:
        raise ValueError(f"unknown scheme {scheme!r}; valid: {', '.join(SCHEMES)}")
    return table[scheme]


def tier_lightness(lightness: float, tiers: int, ground: str) -> list[float]:
    """OKLCH lightness of each tier of accents: the main one, then away from the ground.

    Tier 0 is ``lightness`` (kept clear of the ground); further tiers alternate
    deeper and lighter (lighter first on a dark ground) in even steps, skipping
    levels outside the accent range, so that no two tiers share a lightness.

    >>> [round(v, 2) for v in tier_lightness(0.6, 4, "light")]
    [0.6, 0.44, 0.76, 0.28]
    >>> [round(v, 2) for v in tier_lightness(0.9, 3, "light")]
    [0.88, 0.72, 0.56]
    """
    lo, hi = _ACCENT_RANGE[ground]
    main = min(max(lightness, lo), hi)
    if tiers <= 1:
        return [main][:tiers]

    def fitting(step: float) -> int:
        return 1 + int((main - lo) / step + 1e-9) + int((hi - main) / step + 1e-9)

    # The widest even step (at most _TIER_STEP) that fits every tier in the range;
    # (hi - lo) / (tiers + 1) always does.
    step, floor = _TIER_STEP, min(_TIER_STEP, (hi - lo) / (tiers + 1))
    while step > floor and fitting(step) < tiers:
        step *= 0.97
    step = max(step, floor)
    away = -1.0 if ground == "light" else 1.0
    levels = [main]
    for k in range(1, tiers + 1):
        for side in (away, -away):
            v = main + side * k * step
            if lo - 1e-9 <= v <= hi + 1e-9 and len(levels) < tiers:
                levels.append(v)
    return levels


def harmony_oklch(
    scheme: str,
    hue: float,
    *,
    lightness: float,
    chroma: float,
    count: int,
    ground: str,
    spread: float = 30.0,
) -> np.ndarray:
    """Target OKLCH colours of a harmony, ``(count, 3)``: ground first, then accents.

    Accent ``i`` takes hue offset ``i mod n`` of the scheme (n offsets) and lightness
    and chroma from tier ``i // n``. Colours may lie outside sRGB (gamut-map them).

    >>> harmony_oklch("complementary", 30.0, lightness=0.6, chroma=0.12, count=3,
    ...               ground="light").round(3).tolist()
    [[0.955, 0.022, 30.0], [0.6, 0.12, 30.0], [0.6, 0.12, 210.0]]
    """
    offsets = scheme_offsets(scheme, spread)
    g_light, g_chroma = _LIGHT_GROUND if ground == "light" else _DARK_GROUND
    levels = tier_lightness(lightness, -(-(count - 1) // len(offsets)), ground)
    out = [(g_light, min(g_chroma, 0.3 * chroma), hue % 360.0)]
    for i in range(count - 1):
        light = levels[i // len(offsets)]
        quiet = max(0.4, 1.0 - 1.2 * abs(light - levels[0]))
        out.append((light, chroma * quiet, (hue + offsets[i % len(offsets)]) % 360.0))
    return np.array(out, np.float64)


def to_srgb_hex(lch: np.ndarray) -> tuple[str, ...]:
    """OKLCH colours brought into sRGB by chroma reduction alone, as hex.

    The CSS Color 4 search with no just-noticeable-difference shortcut (``jnd=0``):
    lightness and hue stay exact, which is what keeps a harmony's hue relationships.
    """
    rgb = [
        Color("oklch", [float(v) for v in c])
        .convert("srgb")
        .fit(method="oklch-chroma", jnd=0.0)
        .coords()
        for c in lch
    ]
    return srgb_to_hex(np.array(rgb))


@dataclass(frozen=True)
class HarmonyParams(Params):
    scheme: str = param(
        "split_complementary", choices=SCHEMES, doc="hue relationship of the accents"
    )
    hue: float = param(25.0, range=(0.0, 360.0), unit="degree", doc="OKLCH hue of the main accent")
    random_hue: bool = param(False, doc="draw the main hue from the node's generator instead")
    chroma: float = param(0.13, range=(0.0, 0.37), doc="OKLCH chroma of the main accents")
    lightness: float = param(0.6, range=(0.3, 0.9), doc="OKLCH lightness of the main accents")
    spread: float = param(
        30.0, range=(5.0, 60.0), unit="degree", doc="half-angle of analogous and split schemes"
    )
    count: int = param(6, range=(2, 12), doc="colours in the palette, ground included")
    ground: str = param("light", choices=("light", "dark"), doc="a pale or a deep quiet ground")


@operator(
    "color.harmony",
    kind="palette",
    version=1,
    tags=("harmony", "complementary", "triadic", "analogous", "配色", "色彩和谐"),
)
def harmony(p: HarmonyParams, rng: np.random.Generator) -> tuple[str, ...]:
    """Colour harmony: accents at hue offsets on the OKLCH wheel, over a quiet ground.

    The scheme is a list of hue offsets from the main hue (monochrome 0; analogous
    0, ±spread; complementary 0, 180; split-complementary 0, 180 ± spread; triadic
    0, 120, 240; tetradic 0, 180, 2·spread, 180 + 2·spread; square 0, 90, 180, 270).
    ``palette[0]`` is a pale (or deep) ground tinted with the main hue; the accents
    follow the offsets in order, then come again in tiers, deeper or lighter and
    quieter, so every role keeps a clear place in the hierarchy. Colours outside
    sRGB lose chroma at constant lightness and hue (CSS Color 4 binary search), so
    the hue relationships hold exactly up to 8-bit rounding.

    References
    ----------
    Itten 1961, *The Art of Color*; Ottosson 2020, "A perceptual color space for image
    processing" (OKLab); CSS Color Module Level 4, section 13 (gamut mapping).
    """
    hue = float(rng.uniform(0.0, 360.0)) if p.random_hue else p.hue
    lch = harmony_oklch(
        p.scheme,
        hue,
        lightness=p.lightness,
        chroma=p.chroma,
        count=p.count,
        ground=p.ground,
        spread=p.spread,
    )
    return to_srgb_hex(lch)
