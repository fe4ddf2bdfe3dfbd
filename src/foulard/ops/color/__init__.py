"""Colour operators: palettes, harmonies, Chinese traditional colours and colour maps."""

from foulard.ops.color import (
    chinese_traditional,
    fill,
    from_library,
    gradient_map,
    harmony,
    hue_shift,
    palette,
    palette_map,
    solar_term,
)

__all__ = [
    "chinese_traditional",
    "fill",
    "from_library",
    "gradient_map",
    "harmony",
    "hue_shift",
    "palette",
    "palette_map",
    "solar_term",
]
