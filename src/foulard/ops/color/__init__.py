"""Colour operators: palettes and colour maps."""

from foulard.ops.color import gradient_map, palette

__all__ = ["gradient_map", "palette"]
