"""Colour words and palettes: is this palette red? name this colour in Chinese or English.

Basic colour categories (red, navy, gold, ...) are regions of OKLCH (lightness L,
chroma C, hue h in degrees); a named colour (胭脂, "Hermosa Pink") is its hex value,
matched within a small OKLab distance. A palette *has* a colour when one of its inks
matches it, and is *free of* a colour when none does.
"""

from __future__ import annotations

import functools

import numpy as np

from foulard.color.names import chinese_colors
from foulard.color.space import hex_to_srgb, srgb_to_oklab

__all__ = [
    "CATEGORIES",
    "NAMED_MATCH",
    "category_of",
    "has_colour",
    "in_category",
    "lch",
    "name_colour",
    "palette_features",
]

NAMED_MATCH = 0.09  # OKLab distance within which a palette ink "is" a named colour

# category: (hue ranges in degrees, chroma range, lightness range)
CATEGORIES: dict[
    str, tuple[tuple[tuple[float, float], ...], tuple[float, float], tuple[float, float]]
] = {
    "red": (((0.0, 42.0), (348.0, 360.0)), (0.09, 1.0), (0.35, 0.75)),
    "burgundy": (((0.0, 40.0), (340.0, 360.0)), (0.06, 1.0), (0.15, 0.45)),
    "pink": (((345.0, 360.0), (0.0, 40.0), (300.0, 345.0)), (0.04, 1.0), (0.68, 0.95)),
    "orange": (((40.0, 72.0),), (0.09, 1.0), (0.55, 0.85)),
    "yellow": (((85.0, 115.0),), (0.08, 1.0), (0.78, 1.0)),
    "gold": (((68.0, 105.0),), (0.06, 1.0), (0.55, 0.86)),
    "brown": (((25.0, 95.0),), (0.03, 0.16), (0.2, 0.6)),
    "beige": (((40.0, 110.0),), (0.015, 0.09), (0.72, 0.94)),
    "green": (((110.0, 178.0),), (0.04, 1.0), (0.2, 0.92)),
    "teal": (((178.0, 232.0),), (0.04, 1.0), (0.25, 0.9)),
    "blue": (((225.0, 290.0),), (0.04, 1.0), (0.3, 0.92)),
    "navy": (((220.0, 300.0),), (0.03, 1.0), (0.12, 0.46)),
    "purple": (((288.0, 340.0),), (0.04, 1.0), (0.2, 0.85)),
    "white": (((0.0, 360.0),), (0.0, 0.035), (0.9, 1.01)),
    "black": (((0.0, 360.0),), (0.0, 1.0), (0.0, 0.26)),
    "grey": (((0.0, 360.0),), (0.0, 0.03), (0.26, 0.9)),
    "silver": (((0.0, 360.0),), (0.0, 0.03), (0.65, 0.9)),
}
WARM_HUES = ((0.0, 110.0), (330.0, 360.0))
COOL_HUES = ((150.0, 300.0),)


def lch(hexes) -> np.ndarray:
    """OKLCH ``(n, 3)`` (L, C, h degrees) of hex colours."""
    lab = srgb_to_oklab(hex_to_srgb(list(hexes))).astype(np.float64)
    c = np.hypot(lab[:, 1], lab[:, 2])
    h = np.degrees(np.arctan2(lab[:, 2], lab[:, 1])) % 360.0
    return np.stack([lab[:, 0], c, h], axis=1)


def _in_hues(h: np.ndarray, ranges) -> np.ndarray:
    out = np.zeros(h.shape, bool)
    for lo, hi in ranges:
        out |= (h >= lo) & (h < hi)
    return out


def in_category(values: np.ndarray, category: str, shade: str | None = None) -> np.ndarray:
    """Which OKLCH colours fall in a basic category (optionally light or dark)."""
    if category not in CATEGORIES:
        raise KeyError(f"unknown colour category {category!r}; known: {', '.join(CATEGORIES)}")
    hues, (c0, c1), (l0, l1) = CATEGORIES[category]
    L, C, H = values[:, 0], values[:, 1], values[:, 2]
    ok = (l0 <= L) & (l1 >= L) & (c0 <= C) & (c1 >= C)
    if category not in ("white", "black", "grey", "silver"):
        ok &= _in_hues(H, hues)
    if shade == "light":
        ok &= L >= 0.62
    elif shade == "dark":
        ok &= L <= 0.5
    return ok


def category_of(hex_: str) -> str | None:
    """The first basic category a colour falls in (None: between categories)."""
    v = lch([hex_])
    for name in CATEGORIES:
        if in_category(v, name)[0]:
            return name
    return None


def has_colour(
    palette, *, hex_: str | None = None, category: str | None = None, shade: str | None = None
) -> bool:
    """Whether a palette (hex colours) holds a colour of a category or near a hex."""
    colors = list(palette)
    if not colors:
        return False
    if category is not None:
        return bool(in_category(lch(colors), category, shade).any())
    lab = srgb_to_oklab(hex_to_srgb(colors)).astype(np.float64)
    ref = srgb_to_oklab(hex_to_srgb([hex_])).astype(np.float64)[0]
    return bool((np.linalg.norm(lab - ref, axis=1) <= NAMED_MATCH).any())


@functools.cache
def _names_zh():
    cc = chinese_colors()
    names = list(cc.zhongguose.names)
    lab = np.asarray(cc.zhongguose.lab, np.float64)
    return names, lab


@functools.cache
def _names_en():
    from foulard.prompt.vocabulary import vocabulary

    names, hexes = [], []
    for e in vocabulary().of_kind("colour"):
        if e.en and e.data.get("source") in (None, "sanzo wada"):
            names.append(e.en[0].split(" - ")[0])
            hexes.append(e.data["hex"])
    lab = srgb_to_oklab(hex_to_srgb(hexes)).astype(np.float64)
    return names, lab


def name_colour(hex_: str, lang: str) -> str:
    """The nearest named colour: a 中国色 name in Chinese, an English name otherwise."""
    names, lab = _names_zh() if lang == "zh" else _names_en()
    ref = srgb_to_oklab(hex_to_srgb([hex_])).astype(np.float64)[0]
    return names[int(np.argmin(np.linalg.norm(lab - ref, axis=1)))]


def palette_features(colors) -> np.ndarray:
    """A small description of a palette for the taste model: ground L, mean L, mean and
    max chroma, and a chroma-weighted histogram of 8 hue sectors (normalised)."""
    v = lch(colors)
    hist = np.zeros(8)
    np.add.at(hist, (v[:, 2] // 45.0).astype(int) % 8, v[:, 1])
    total = hist.sum()
    if total > 0:
        hist /= total
    return np.concatenate([[v[0, 0], v[:, 0].mean(), v[:, 1].mean() * 5, v[:, 1].max() * 5], hist])
