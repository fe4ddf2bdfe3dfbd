"""Space version 4: version 3's decisions, in larger areas of more distinct colour.

24 of the version 3 audit's 52 near-duplicate pairs were two scarves of nested
frames: 2 to 5 narrow bands, their frieze motifs and the ground between them
averaged at a glance (the signature's 8 x 8 colour layout) to one even colour from
the edge to the centre; and the 32 geometries of an archetype (frieze groups,
rosette orders) differed only in details too fine to see at that scale. A design's
distance to its nearest neighbour follows how much its colour changes across the
square (correlation 0.73-0.77 with the spread of its 8 x 8 cells). Version 4 changes
five tables, each measured by the smaller audits of ``docs/space.md``:

- gene 1, the layouts: the frames redrawn as two or three wide bands of solid ink
  (small frieze motifs, so the band's ink shows) round a centre field of its own
  ink (``layout.concentric_frames``' ``field_fill``), in four band rhythms, two
  centre sizes and two pairs of band inks per archetype; the carrés' centre disc in
  one of four sizes (its ink stays the ground's: a disc in another ink made the
  carrés *closer* to their neighbours) and their border motifs smaller; the
  all-over's border wide with its larger field; the tossed medallion grand when
  framed; the placements at four places no turn or mirror of the square maps onto
  each other, at two sizes;
- gene 0, the palettes: the ink farthest in lightness from the ground in role 1
  (:mod:`foulard.space.alleles.v4_palettes`);
- gene 3, the ground: every ramp holds the ground's ink and one far from it,
  listed allele by allele in :data:`GROUNDS` (the one place to change or add one);
- gene 6, the repeat's inks: printed at 0.2 to 0.65 (version 3: up to 1.0);
- gene 13, the finish: chroma x1.0 to x1.45 (version 3: x0.9 to x1.35).

Every other gene is version 3's (:mod:`foulard.space.alleles.v3`); the anatomy is
version 2's with one ground per allele (:mod:`foulard.space.anatomy_v4`).
"""

from __future__ import annotations

from foulard.space.alleles import v2, v3
from foulard.space.alleles.v4_palettes import PALETTES
from foulard.space.genes import Factor, Gene, Option

__all__ = ["ARCHETYPES", "GENES", "GROUNDS", "VERSION"]

VERSION = 4
# SHA-256 of the tables below (foulard.space.genes.tables_digest): pinned.
DIGEST = "e2c4185bd9479662e7f0dab6815fff0dd4fa35c2ef187bd2fef36dcb49792908"

PALETTE = Gene(
    "palette",
    "the inks: 256 palettes, the strongest contrast with the ground in role 1, "
    "the farthest hue in role 3",
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

# -- 1 layout ------------------------------------------------------------------------------

_BORDER_GROUPS = v2._BORDER_GROUPS

# Per carré: the four border groups, each with a medallion (and disc) radius of its own.
_CARRE_RADII = {"d4": (0.17, 0.21, 0.25, 0.29), "c4": (0.2, 0.24, 0.28, 0.32)}


def _carre(symmetry: str):
    for label, params in v3.ARCHETYPES[0 if symmetry == "d4" else 1][2]:
        radius = _CARRE_RADII[symmetry][_BORDER_GROUPS.index(params["border_group"])]
        yield (
            f"{label}, centre disc r{radius:g}",
            {**params, "medallion_radius": radius, "border_motif_size": 0.6},
        )


def _allover():
    """Version 3's all-over geometries, the border wide with the larger field."""
    for label, params in v3.ARCHETYPES[2][2]:
        width = 0.06 if params["field_scale"] < 1.0 else 0.11
        yield (
            f"{label}, border {width:g} wide",
            {**params, "border_width": width, "border_motif_size": 0.6},
        )


def _toss():
    """Version 3's medallion-and-toss geometries, the framed ones with a grand medallion."""
    for label, params in v3.ARCHETYPES[5][2]:
        radius = 0.3 if params["frame_lines"] else 0.2
        yield (f"{label}, medallion r{radius:g}", {**params, "medallion_radius": radius})


# The frames: (name, frames, outer band width, width ratio inwards, gap, frame lines).
_RHYTHMS = {
    "bold": (
        ("one wide band", 2, 0.16, 0.3, 0.06, 1),
        ("two wide bands", 2, 0.11, 1.0, 0.05, 1),
        ("growing bands", 3, 0.05, 1.5, 0.03, 1),
        ("double band", 2, 0.1, 0.8, 0.0, 0),
    ),
    "field": (
        ("narrow outer, wide inner band", 2, 0.05, 1.5, 0.08, 1),
        ("wide outer band", 2, 0.13, 0.5, 0.03, 1),
        ("three even bands", 3, 0.07, 1.0, 0.04, 1),
        ("two bands, a wide gap", 2, 0.06, 1.0, 0.1, 1),
    ),
}
# The centre: (name, palette role filling the field inside the bands, medallion radius).
_CENTRES = {
    "bold": (("small centre on ink 2", 2, 0.12), ("grand centre on ink 4", 4, 0.22)),
    "field": (("small centre on ink 5", 5, 0.12), ("grand centre on ink 1", 1, 0.22)),
}
# The bands' inks, outer and inner (role 1: the palette's contrasting ink).
_INKS = {"bold": ((1, 2), (1, 4)), "field": ((1, 5), (3, 1))}


def _frames(kind: str):
    for rhythm, frames, width, ratio, gap, lines in _RHYTHMS[kind]:
        for centre, fill, radius in _CENTRES[kind]:
            for a, b in _INKS[kind]:
                for group, n in (("dihedral", 8), ("cyclic", 12)):
                    yield (
                        f"{rhythm}, inks {a} and {b}, {centre}, {group[0].upper()}{n}",
                        {
                            "frames": frames,
                            "band_width": width,
                            "width_ratio": ratio,
                            "band_gap": gap,
                            "frame_lines": lines,
                            "band_color_a": a,
                            "band_color_b": b,
                            "band_motif_size": 0.45,
                            "group_1": _BORDER_GROUPS[(frames + a) % 4],
                            "field_fill": fill,
                            "centre_group": group,
                            "centre_n": n,
                            "centre_radius": radius,
                        },
                    )


# The placements: where the motif sits (x, y) and its counterweight (x, y), four
# places that no turn or mirror of the square maps onto each other, at two sizes.
_SPOTS = {
    False: (
        ("centred", (0.5, 0.5, 0.2, 0.8)),
        ("high", (0.5, 0.38, 0.5, 0.82)),
        ("towards a corner", (0.4, 0.4, 0.8, 0.8)),
        ("far towards a corner", (0.32, 0.32, 0.75, 0.78)),
    ),
    True: (
        ("centred", (0.5, 0.5, 0.18, 0.82)),
        ("low", (0.5, 0.6, 0.5, 0.15)),
        ("towards a corner", (0.58, 0.58, 0.16, 0.2)),
        ("far towards a corner", (0.66, 0.64, 0.2, 0.22)),
    ),
}
_SIZES = {False: (0.55, 0.8), True: (1.05, 1.35)}


def _placement(grand: bool):
    for spot, (x, y, cx, cy) in _SPOTS[grand]:
        for size in _SIZES[grand]:
            for turn in (-20.0, -5.0, 10.0, 25.0):
                yield (
                    f"{'grand ' if grand else ''}placement {spot} at {size:g} turned {turn:g}",
                    {
                        "x": x,
                        "y": y,
                        "size": size,
                        "rotation": turn,
                        "counter_x": cx,
                        "counter_y": cy,
                    },
                )


ARCHETYPES = (
    ("classic carré (D4)", "layout.carre_classic", tuple(_carre("d4"))),
    ("classic carré (C4)", "layout.carre_classic", tuple(_carre("c4"))),
    ("all-over with border", "layout.allover_border", tuple(_allover())),
    ("bold frames", "layout.concentric_frames", tuple(_frames("bold"))),
    ("frames round a field", "layout.concentric_frames", tuple(_frames("field"))),
    ("medallion and toss", "layout.medallion_scatter", tuple(_toss())),
    ("placement", "layout.placement", tuple(_placement(False))),
    ("grand placement", "layout.placement", tuple(_placement(True))),
)
LAYOUT = v2.layout_gene(ARCHETYPES)

# -- 3 ground: one list of 256 grounds ---------------------------------------------------

# The inks a ground's texture runs through: (first palette role, count; roles wrap
# past the last). Version 3 ran half its grounds through two middle inks (roles 1-2
# and 2-3, 0.19 and 0.11 apart in lightness on average), which averaged to one flat
# colour; version 4's four ramps all hold the ground's ink and one far from it.
_RAMPS = ((0, 2), (0, 3), (4, 3), (5, 3))
_TREATMENTS = tuple(
    (
        f"{mode} {'dark' if reverse else 'light'} {first}-{count}",
        {"mode": mode, "first": first, "count": count, "reverse": reverse, "contrast": 1.5},
    )
    for mode in ("smooth", "steps")
    for reverse in (False, True)
    for first, count in _RAMPS
)

# The 256 grounds, the one place to change or add one. Each: a source field ("op",
# "params") and how it takes the inks ("map", the parameters of color.gradient_map);
# a ground without "map" is used as it is (a field that draws its own colours).
# Version 3's 16 textures, each under the 16 treatments above.
# Version 3's 16 textures, each under the 16 treatments above, except "fine gradient
# noise" (a finer twin of "gradient noise"), whose row is foulard's own model: a
# sample of model v2 conditioned on one of 16 texture words, under one treatment each
# (the sample is each design's own: its generator draws it).
_MODEL_WORDS = (
    "checks", "stripes", "tartan", "dots", "tie dye", "noise", "tessellation", "lattice",
    "clouds", "flowers", "waves", "weave", "paisley", "scales", "herringbone", "houndstooth",
)  # fmt: skip
_MODEL_REPLACES = "fine gradient noise"


def _model_ground(words: str) -> dict:
    params = {"words": words, "repeats": 3, "colouring": "model", "model": "v2"}
    return {"op": "learned.neural_prompt", "params": params}


GROUNDS = tuple(
    (f"{texture.name} · {name}", {**texture.data, "map": treatment})
    if texture.name != _MODEL_REPLACES
    else (f"model: {words} · {name}", {**_model_ground(words), "map": treatment})
    for texture in v3.GROUND.factors[0].options
    for words, (name, treatment) in zip(_MODEL_WORDS, _TREATMENTS, strict=True)
)
GROUND = Gene(
    "ground",
    "the ground under everything: a texture in large shapes and how it takes the inks",
    (Factor("ground", tuple(Option(name, data) for name, data in GROUNDS)),),
)

# -- 6 repeat inks: a lighter repeat ------------------------------------------------------

# A repeat printed over the ground at up to full strength hid the ground's large shapes
# under an even, fine grain; version 4 prints it at most a little over half strength.
_COVERAGE = {
    "over": (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55),
    "multiply": (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65),
}
REPEAT_INKS = Gene(
    "repeat_inks",
    "the repeat's colouring and how strongly it is printed (a light print)",
    (
        v3.GENES[6].factors[0],
        Factor(
            "coverage",
            tuple(
                Option(f"{blend} at {opacity:g}", {"blend": blend, "opacity": opacity})
                for blend, row in _COVERAGE.items()
                for opacity in row
            ),
        ),
    ),
)

# -- 13 finish: more chroma --------------------------------------------------------------

# Version 3's dullest overdye (chroma x0.9) gave a fifth of its designs greyed inks
# that met at a glance; version 4 keeps the inks' chroma or raises it (then brings
# them back into sRGB by reducing chroma, as every finish does).
FINISH = Gene(
    "finish",
    "a last overdye of the inks: hue turn, chroma and lightness of the palette",
    (
        v3.FINISH.factors[0],
        Factor(
            "chroma",
            tuple(Option(f"chroma x{c:g}", {"chroma": c}) for c in (1.0, 1.15, 1.3, 1.45)),
        ),
        v3.FINISH.factors[2],
    ),
)

GENES = (
    PALETTE, LAYOUT, v3.GENES[2], GROUND, *v3.GENES[4:6], REPEAT_INKS, *v3.GENES[7:13], FINISH,
)  # fmt: skip
