"""Space version 2: fourteen genes; the composition comes from the scarf layout operators.

Version 1 drew every design on one composition (border, corners, centre) and told
designs apart by what filled it; its audit found near-duplicates where two designs
shared that composition and one dominant hue. Version 2 changes both:

- gene 1 picks the *layout operator* itself (``layout.carre_classic``,
  ``layout.allover_border``, ``layout.concentric_frames``, ``layout.medallion_scatter``,
  ``layout.placement``), in 8 archetypes x 32 geometries, so the composition changes;
- the palettes are explicit colour lists where every tonal palette carries a
  contrasting accent ink (:mod:`foulard.space.alleles.accents`).

The motif genes (medallion, border, second motif, corners) fill the layout's slots;
where an archetype has no slot for one of them, that gene is drawn over the layout
in a place of its own (see :mod:`foulard.space.anatomy_v2`), so no gene is ever
hidden.

=====  =================  ===========================================================
gene   decision           factors (sizes multiply to 256)
=====  =================  ===========================================================
0      palette            256 palettes (52 tonal ones with an accent ink)
1      layout             8 archetypes (layout operators) x 32 geometries
2      medallion motif    16 motifs x 16 colourings (the centre, or the placed motif)
3      ground             16 textures x 16 ink treatments (contrast 1.5)
4      repeat             16 lattice groups x 16 motifs
5      density            16 repeat counts x 4 motif sizes x 4 lattice turns
6      repeat inks        16 colourings x 16 coverages (opacity and blend)
7      border motif       16 motifs x 16 colourings (the border frieze, outer bands)
8      second motif       16 motifs x 16 colourings (crossing, inner bands, counterweight)
9      corners            16 motifs x 16 colourings (corner pieces, tossed motifs)
10     line work          32 curves x 8 inks and scales (in a box of their own)
11     accents            16 motifs x 16 scatterings (the field inside the border)
12     centre jewel       16 jewels x 16 colourings and sizes
13     finish             16 hue turns x 4 chroma x 4 lightness, of the palette
=====  =================  ===========================================================
"""

from __future__ import annotations

from foulard.space.alleles import v1
from foulard.space.alleles.motifs import COLOURINGS, MOTIFS
from foulard.space.alleles.v2_palettes import PALETTES
from foulard.space.genes import Factor, Gene, Option

__all__ = ["ARCHETYPES", "GENES", "VERSION", "layout_gene"]

VERSION = 2
# SHA-256 of the tables below (foulard.space.genes.tables_digest): pinned.
DIGEST = "d021ac1b0b234f6ce8744cae629d9b4144993eb5be77b8f36790c61e10df258b"

PALETTE = Gene(
    "palette",
    "the inks: 256 palettes, tonal ones paired with a contrasting accent",
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

_BORDER_GROUPS = ("p1", "p2mm", "p11g", "p1m1")


def _carre(symmetry: str):
    base = (
        {"symmetry": "d4", "field_style": "tone", "field_opacity": 0.5, "medallion_radius": 0.19}
        if symmetry == "d4"
        else {
            "symmetry": "c4",
            "field_style": "colour",
            "field_opacity": 0.85,
            "medallion_radius": 0.24,
            "crossing_at": "top_right",
            "border_width": 0.09,
        }
    )
    for group in ("dihedral", "cyclic"):
        for n in (4, 6, 8, 12):
            for bg in _BORDER_GROUPS:
                yield (
                    f"carré {symmetry}, medallion {group[0].upper()}{n}, border {bg}",
                    {**base, "medallion_group": group, "medallion_n": n, "border_group": bg},
                )


def _allover():
    styles = (
        ("tone", {"field_style": "tone", "field_opacity": 0.8}),
        ("shadow", {"field_style": "shadow", "field_opacity": 0.7}),
        ("colour", {"field_style": "colour", "field_opacity": 1.0}),
        ("faded colour", {"field_style": "colour", "field_opacity": 0.55}),
    )
    for bg in _BORDER_GROUPS:
        for scale in (0.6, 1.0):
            for sname, style in styles:
                yield (
                    f"all-over, border {bg}, field x{scale:g} in {sname}",
                    {"border_group": bg, "field_scale": scale, **style},
                )


def _concentric(frames):
    for k in frames:
        for g in _BORDER_GROUPS:
            for group in ("dihedral", "cyclic"):
                for n in (8, 12):
                    yield (
                        f"{k} frames, outer {g}, centre {group[0].upper()}{n}",
                        {"frames": k, "group_1": g, "centre_group": group, "centre_n": n},
                    )


def _scatter():
    for group in ("dihedral", "cyclic"):
        for n in (8, 12, 16, 24):
            for size in (0.05, 0.08):
                for lines in (0, 2):
                    yield (
                        f"medallion {group[0].upper()}{n} tossed at {size:g}, {lines} frame lines",
                        {
                            "medallion_group": group,
                            "medallion_n": n,
                            "toss_size": size,
                            "frame_lines": lines,
                        },
                    )


def _placement(grand: bool):
    spots = (
        ((0.5, 0.5, 0.2, 0.8), (0.52, 0.52, 0.85, 0.85), (0.48, 0.55, 0.82, 0.15),
         (0.55, 0.48, 0.15, 0.82))
        if grand
        else ((0.58, 0.56, 0.23, 0.21), (0.42, 0.56, 0.77, 0.21), (0.58, 0.44, 0.23, 0.79),
              (0.42, 0.44, 0.77, 0.79))
    )  # fmt: skip
    size = 1.25 if grand else 0.8
    for i, (x, y, cx, cy) in enumerate(spots):
        for turn in (-20.0, -5.0, 10.0, 25.0):
            for mirror in (False, True):
                yield (
                    f"{'grand ' if grand else ''}placement {i + 1} turned {turn:g}"
                    + (" mirrored" if mirror else ""),
                    {
                        "x": x,
                        "y": y,
                        "size": size,
                        "rotation": turn,
                        "mirror": mirror,
                        "counter_x": cx,
                        "counter_y": cy,
                    },
                )


# The archetypes: (name, layout operator, its 32 geometries). The slots each one fills
# are in :mod:`foulard.space.anatomy_v2`.
ARCHETYPES = (
    ("classic carré (D4)", "layout.carre_classic", tuple(_carre("d4"))),
    ("classic carré (C4)", "layout.carre_classic", tuple(_carre("c4"))),
    ("all-over with border", "layout.allover_border", tuple(_allover())),
    ("two or three frames", "layout.concentric_frames", tuple(_concentric((2, 3)))),
    ("four or five frames", "layout.concentric_frames", tuple(_concentric((4, 5)))),
    ("medallion and toss", "layout.medallion_scatter", tuple(_scatter())),
    ("placement", "layout.placement", tuple(_placement(False))),
    ("grand placement", "layout.placement", tuple(_placement(True))),
)


def layout_gene(archetypes) -> Gene:
    """The layout gene of a table of archetypes (name, operator, 32 geometries)."""
    return Gene(
        "layout",
        "the scarf layout operator (the composition) and its geometry",
        (
            Factor(
                "archetype",
                tuple(
                    Option(name, {"op": op, "archetype": i})
                    for i, (name, op, _) in enumerate(archetypes)
                ),
            ),
            Factor(
                "geometry",
                tuple(
                    Option(
                        f"geometry {i + 1}",
                        {name: dict(variants[i][1]) for name, _, variants in archetypes},
                    )
                    for i in range(32)
                ),
            ),
        ),
    )


LAYOUT = layout_gene(ARCHETYPES)

# -- motif genes ---------------------------------------------------------------------------

MEDALLION = Gene(
    "medallion_motif",
    "the centre: the medallion's motif, or the placed motif",
    (MOTIFS, COLOURINGS),
)
BORDER = Gene(
    "border_motif", "the motif of the border frieze (or of the outer bands)", (MOTIFS, COLOURINGS)
)
SECOND = Gene(
    "second_motif",
    "a second motif: crossing the frame, in the inner bands, or the counterweight",
    (MOTIFS, COLOURINGS),
)
CORNERS = Gene(
    "corners", "the corner pieces (or the motif tossed round the medallion)", (MOTIFS, COLOURINGS)
)

# -- 10 line work: version 1's 32 curves, drawn in a box that just holds them --------------

# Radii 0.24 and 0.34 (version 1: 0.3 and 0.44, which ran off the square): the curve is
# placed in its own box, so only the points in that box are evaluated (the curves are
# distance fields, the costliest layer of a preview).
LINEWORK = Gene(
    "line_work",
    "a fine engraved curve over the centre, in a box that just holds it",
    (
        v1.LINEWORK.factors[0],
        Factor(
            "ink",
            tuple(
                Option(f"ink {role} radius {r}", {"color": role, "radius": r, "boxed": True})
                for r in (0.24, 0.34)
                for role in (1, 2, 3, 4)
            ),
        ),
    ),
)

# -- 13 finish: an overdye of the palette ------------------------------------------------

# Version 1 recoloured every pixel (color.hue_shift over the whole scarf, a fifth of a
# preview's time); the same overdye applied to the palette's inks costs nothing to render.
FINISH = Gene(
    "finish",
    "a last overdye of the inks: hue turn, chroma and lightness of the palette",
    v1.FINISH.factors,
)

# -- 3 ground: bolder than version 1 -----------------------------------------------------

# The audit's closest pairs were scarves of one dominant hue whose fine, busy fields
# average to an even colour at a glance. A calmer ground (half contrast, tried in
# round 2) made that worse; a bolder one (the texture's ramp steepened 1.5 times)
# gives every ground large areas of its own inks, in its own shapes.
GROUND = Gene(
    "ground",
    "the ground texture under everything, and how it takes the inks (a bold ground)",
    (
        v1.GROUND.factors[0],
        Factor(
            "treatment",
            tuple(
                Option(o.name, {**o.data, "contrast": 1.5}) for o in v1.GROUND.factors[1].options
            ),
        ),
    ),
)

GENES = (
    PALETTE, LAYOUT, MEDALLION, GROUND, v1.REPEAT, v1.DENSITY, v1.REPEAT_INKS, BORDER, SECOND,
    CORNERS, LINEWORK, v1.ACCENTS, v1.JEWEL, FINISH,
)  # fmt: skip
