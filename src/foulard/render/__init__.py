"""Rendering: design units to pixels, bands on threads, streaming writers."""

from foulard.render.bands import iter_bands, render, render_float
from foulard.render.cache import TileCache
from foulard.render.context import Limits, RenderContext
from foulard.render.evaluate import Evaluator, GridSpec
from foulard.render.writers import read_embedded, srgb_profile, write_bands, write_image

__all__ = [
    "Evaluator",
    "GridSpec",
    "Limits",
    "RenderContext",
    "TileCache",
    "iter_bands",
    "read_embedded",
    "render",
    "render_float",
    "srgb_profile",
    "write_bands",
    "write_image",
]
