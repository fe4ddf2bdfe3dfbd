"""Space version 3: version 2's decisions, drawn in larger areas of more distinct colour.

The version 2 audit's closest pairs were different compositions that shared one
dominant hue and lightness over a busy field: at a glance (the signature's 8 x 8
colour layout) their fine grounds averaged to one even colour everywhere, and the
designs that found a look-alike were the ones whose colour hardly changed from the
border to the centre. Version 3 changes four tables and nothing else:

- gene 0, the palettes: version 2's inks with the ink farthest in hue from the
  ground in role 3 (:mod:`foulard.space.alleles.v3_palettes`), the second hue family;
- gene 1, the layouts: the same 8 archetypes x 32 geometries, whose large areas are
  solid inks where version 2 let the ground show through: the carré's and the
  all-over's border band in role 1 (the palette's contrasting ink), the frames'
  bands in roles 1 and 3, the tossed medallion's disc in role 3;
- gene 3, the ground: the same 16 textures at two to three times the scale (a few
  large shapes across the square instead of a fine grain that averages away);
- gene 13, the finish: lightness turns of -0.14 to +0.12 (version 2: -0.08 to
  +0.07), so designs spread further between light and dark.

Every other gene is version 2's (see :mod:`foulard.space.alleles.v2`), and so is
the anatomy that assembles them (:mod:`foulard.space.anatomy_v3`).
"""

from __future__ import annotations

from foulard.space.alleles import v2
from foulard.space.alleles.v3_palettes import PALETTES, SECOND_ROLE
from foulard.space.genes import Factor, Gene, Option

__all__ = ["ARCHETYPES", "GENES", "LARGE_AREAS", "VERSION"]

VERSION = 3
# SHA-256 of the tables below (foulard.space.genes.tables_digest): pinned.
DIGEST = "8f483cf8948849f04a562dde9053b4ce267138f6df6d009db18e32f844a2ef4e"

PALETTE = Gene(
    "palette",
    "the inks: 256 palettes, the ink farthest in hue from the ground in role 3",
    (
        Factor(
            "palette",
            tuple(
                Option(name, {"op": "color.palette", "params": {"colors": list(colors)}})
                for name, colors in PALETTES
            ),
        ),
    ),
)

# -- 1 layout: version 2's geometries with solid large areas ------------------------------

# The layout parameters that paint each operator's large areas (role 1: the palette's
# contrasting ink; SECOND_ROLE: the ink farthest in hue from the ground).
LARGE_AREAS = {
    "layout.carre_classic": {"border_color": 1},
    "layout.allover_border": {"border_color": 1},
    "layout.concentric_frames": {"band_color_a": 1, "band_color_b": SECOND_ROLE},
    "layout.medallion_scatter": {"medallion_color": SECOND_ROLE},
    "layout.placement": {},
}

ARCHETYPES = tuple(
    (name, op, tuple((label, {**params, **LARGE_AREAS[op]}) for label, params in variants))
    for name, op, variants in v2.ARCHETYPES
)
LAYOUT = v2.layout_gene(ARCHETYPES)

# -- 3 ground: version 2's textures, larger ----------------------------------------------

# Fine textures (14 to 24 periods across) average to one colour at a glance; these
# draw 3 to 8 large shapes across the square, each design's own (noise from its seed).
_TEXTURES = (
    ("soft clouds", "fields.value_noise", {"frequency": 3}),
    ("mottled", "fields.value_noise", {"frequency": 6}),
    ("gradient noise", "fields.perlin_noise", {"frequency": 3}),
    ("fine gradient noise", "fields.perlin_noise", {"frequency": 7}),
    ("cells", "fields.worley_noise", {"cells": 5, "feature": "f1"}),
    ("crackle", "fields.worley_noise", {"cells": 6, "feature": "f2_minus_f1"}),
    ("crystals", "fields.worley_noise", {"cells": 5, "feature": "f1", "metric": "chebyshev"}),
    ("tiles", "fields.worley_noise", {"cells": 5, "feature": "f2", "metric": "manhattan"}),
    ("stripes", "fields.sine_grating", {"pattern": "linear", "frequency": 7, "angle": 45}),
    ("bold stripes", "fields.sine_grating",
     {"pattern": "linear", "profile": "square", "frequency": 4, "angle": 0}),
    ("rings", "fields.sine_grating", {"pattern": "concentric", "frequency": 5}),
    ("rays", "fields.sine_grating", {"pattern": "radial", "arms": 12}),
    ("spiral", "fields.sine_grating", {"pattern": "spiral", "arms": 4, "frequency": 4}),
    ("chevrons", "fields.sine_grating",
     {"pattern": "linear", "profile": "triangle", "frequency": 5, "angle": 90}),
    ("checks", "fields.sine_grating",
     {"pattern": "linear", "profile": "square", "frequency": 8, "angle": 30, "duty": 0.3}),
    ("simplex", "fields.simplex_noise", {"scale": 0.4}),
)  # fmt: skip
GROUND = Gene(
    "ground",
    "the ground texture under everything, in large shapes, and how it takes the inks",
    (
        Factor("texture", tuple(Option(n, {"op": op, "params": p}) for n, op, p in _TEXTURES)),
        v2.GROUND.factors[1],
    ),
)

# -- 13 finish: a wider lightness turn -----------------------------------------------------

FINISH = Gene(
    "finish",
    "a last overdye of the inks: hue turn, chroma and lightness of the palette",
    (
        *v2.FINISH.factors[:2],
        Factor(
            "lightness",
            tuple(
                Option(f"lightness {v:+g}", {"lightness": v}) for v in (-0.14, -0.05, 0.04, 0.12)
            ),
        ),
    ),
)

GENES = (PALETTE, LAYOUT, v2.MEDALLION, GROUND, *v2.GENES[4:13], FINISH)
