"""Symmetry samplers: wallpaper groups, friezes, rosettes and textile offset repeats.

Each operator takes every point to the copy of its ``motif`` nearest to it (folding
it into the group's fundamental domain) and samples the motif there.
"""

from foulard.ops.symmetry import (
    counterchange,
    frieze,
    hyperbolic,
    offset_repeat,
    rosette,
    wallpaper_hexagonal,
    wallpaper_oblique,
    wallpaper_rectangular,
    wallpaper_rhombic,
    wallpaper_square,
)

__all__ = [
    "counterchange",
    "frieze",
    "hyperbolic",
    "offset_repeat",
    "rosette",
    "wallpaper_hexagonal",
    "wallpaper_oblique",
    "wallpaper_rectangular",
    "wallpaper_rhombic",
    "wallpaper_square",
]
