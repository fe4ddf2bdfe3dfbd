"""Layout operators: stacking and placing, and the anatomy of whole scarves.

``layers`` and ``place`` compose any nodes. The scarf layouts are compositors
whose input slots are the parts of a scarf (ground, field, border, corners,
medallion, ...) and whose parameters are its geometry in design units of the
finished piece, so "make the border wider" is one parameter edit in the genome.
"""

from foulard.ops.layout import (
    allover_border,
    bandana,
    carre_classic,
    concentric_frames,
    layers,
    medallion_scatter,
    oblong,
    placement,
    quartered,
    twilly,
)

__all__ = [
    "allover_border",
    "bandana",
    "carre_classic",
    "concentric_frames",
    "layers",
    "medallion_scatter",
    "oblong",
    "placement",
    "quartered",
    "twilly",
]
