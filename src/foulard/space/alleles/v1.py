"""Space version 1: fourteen genes, each one design decision of a silk carré.

The anatomy, bottom to top: a ground texture, an all-over repeat, scattered accents,
the medallion(s) of the layout, an inner frame, the border, the corners, line work
and a centre jewel; over it all a finish. Every gene draws in its own place, so no
gene can hide another: two designs that differ in a gene differ on the scarf.

=====  =================  ===========================================================
gene   decision           factors (sizes multiply to 256)
=====  =================  ===========================================================
0      palette            256 palettes: Chinese traditional themes, solar terms,
                          OKLCH harmonies, on light or dark grounds
1      layout             8 archetypes (where the medallions sit) x 32 medallion
                          symmetries (cyclic or dihedral, 16 orders)
2      medallion motif    16 motifs x 16 colourings
3      ground             16 textures x 16 ink treatments
4      repeat             16 lattice groups x 16 motifs
5      density            16 repeat counts x 4 motif sizes x 4 lattice turns
6      repeat inks        16 colourings x 16 coverages (opacity and blend)
7      border             8 frieze groups x 8 motifs x 4 widths (solid or open)
8      inner frame        8 ornaments x 8 forms (square frames, round rings) x 4
                          patterns (frieze groups, or motif counts round a ring)
9      corners            16 motifs x 2 placements x 2 symmetries x 2 sizes x
                          2 colourings
10     line work          32 curves x 8 inks and scales
11     accents            16 motifs x 16 scatterings
12     centre jewel       16 jewels x 16 colourings and sizes
13     finish             16 hue turns x 4 chroma x 4 lightness
=====  =================  ===========================================================
"""

from __future__ import annotations

from foulard.space.alleles.motifs import COLOURINGS, MOTIFS
from foulard.space.genes import Factor, Gene, Option

__all__ = ["GENES", "VERSION"]

VERSION = 1
# SHA-256 of the tables below (foulard.space.genes.tables_digest): pinned, so that a
# change to an allele without a new space version fails the tests.
DIGEST = "2b8517e8847becddfae2009b9cd97a5fc860a7e3790748059663ec3ee811334f"


def _opts(name: str, items) -> Factor:
    return Factor(name, tuple(Option(n, d) for n, d in items))


# -- 0 palette ---------------------------------------------------------------------------

_THEMES = (
    "earth_autumn", "blooming_blush", "mystic_lavender", "coral_warmth", "mystic_purple",
    "golden_harvest", "warm_glow", "amber_earth", "forest_mist", "amber_glow", "soft_sand",
    "misty_teal", "jade_garden", "vibrant_spring", "terra_cotta", "amber_sun", "sky_waves",
    "ocean_sky", "neutral_earth", "warm_neutral", "twilight_gold", "red_blue", "bloom_aqua",
    "flame_gold", "ember_forest", "smoke_green", "cherry_dream", "fire_forest", "field_green",
    "desert_ocean", "golden_abyss", "forest_flame", "earth_renewal", "fire_ice",
    "magic_garden", "sunrise_meadow", "sea_sand", "ocean_rose", "sky_flare",
    "orange_purple_duet", "vivid_move", "deep_classic", "bright_summer", "bold_mix",
    "soft_summer", "cool_warm", "soft_pastel", "garden_song", "gold_night", "spring_blossom",
    "dew_garden", "early_summer", "fire_bloom", "morning_breeze", "garden_dawn",
    "autumn_deep", "calm_journey", "cloud_haze", "bright_sky", "night_gold",
)  # fmt: skip
_TERMS = (
    "lichun", "yushui", "jingzhe", "chunfen", "qingming", "guyu", "lixia", "xiaoman",
    "mangzhong", "xiazhi", "xiaoshu", "dashu", "liqiu", "chushu", "bailu", "qiufen",
    "hanlu", "shuangjiang", "lidong", "xiaoxue", "daxue", "dongzhi", "xiaohan", "dahan",
)  # fmt: skip
_SCHEMES = ("split_complementary", "complementary", "triadic", "tetradic")


def _palettes():
    for ground in ("light", "dark"):
        for theme in _THEMES:
            yield (
                f"{theme.replace('_', ' ')} ({ground})",
                {"op": "color.chinese_traditional", "params": {"theme": theme, "ground": ground}},
            )
        for term in _TERMS:
            yield (
                f"solar term {term} ({ground})",
                {"op": "color.solar_term", "params": {"term": term, "ground": ground}},
            )
        for scheme in _SCHEMES:
            for h in range(11):
                hue = round(h * 360 / 11, 2)
                yield (
                    f"{scheme} harmony at {hue:g} degrees ({ground})",
                    {
                        "op": "color.harmony",
                        "params": {"scheme": scheme, "hue": hue, "ground": ground},
                    },
                )


PALETTE = Gene("palette", "the inks: a named palette family", (_opts("palette", _palettes()),))

# -- 1 layout ----------------------------------------------------------------------------

# Each archetype: the medallion boxes (centre x, centre y, width) on the unit square.
_ARCHETYPES = (
    ("one medallion", ((0.5, 0.5, 0.62),)),
    ("grand medallion", ((0.5, 0.5, 0.8),)),
    ("small medallion", ((0.5, 0.5, 0.44),)),
    ("four medallions", ((0.3, 0.3, 0.34), (0.7, 0.3, 0.34), (0.3, 0.7, 0.34), (0.7, 0.7, 0.34))),
    (
        "quincunx",
        ((0.5, 0.5, 0.36), (0.27, 0.27, 0.24), (0.73, 0.27, 0.24), (0.27, 0.73, 0.24),
         (0.73, 0.73, 0.24)),
    ),
    ("pair", ((0.5, 0.31, 0.38), (0.5, 0.69, 0.38))),
    ("diagonal", ((0.3, 0.3, 0.3), (0.5, 0.5, 0.38), (0.7, 0.7, 0.3))),
    ("off-centre", ((0.42, 0.42, 0.6),)),
)  # fmt: skip
_ORDERS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 18, 20, 24)
LAYOUT = Gene(
    "layout",
    "where the medallions sit, and their rotational symmetry",
    (
        _opts("archetype", ((n, {"boxes": [list(b) for b in boxes]}) for n, boxes in _ARCHETYPES)),
        _opts(
            "symmetry",
            (
                (f"{'D' if kind == 'dihedral' else 'C'}{n}", {"kind": kind, "n": n})
                for kind in ("cyclic", "dihedral")
                for n in _ORDERS
            ),
        ),
    ),
)

# -- 2 medallion motif ---------------------------------------------------------------------

MEDALLION = Gene("medallion_motif", "what the medallion is made of", (MOTIFS, COLOURINGS))

# -- 3 ground ------------------------------------------------------------------------------

_TEXTURES = (
    ("soft clouds", "fields.value_noise", {"frequency": 4}),
    ("mottled", "fields.value_noise", {"frequency": 14}),
    ("gradient noise", "fields.perlin_noise", {"frequency": 6}),
    ("fine gradient noise", "fields.perlin_noise", {"frequency": 16}),
    ("cells", "fields.worley_noise", {"cells": 8, "feature": "f1"}),
    ("crackle", "fields.worley_noise", {"cells": 12, "feature": "f2_minus_f1"}),
    ("crystals", "fields.worley_noise", {"cells": 10, "feature": "f1", "metric": "chebyshev"}),
    ("tiles", "fields.worley_noise", {"cells": 10, "feature": "f2", "metric": "manhattan"}),
    ("stripes", "fields.sine_grating", {"pattern": "linear", "frequency": 18, "angle": 45}),
    ("bold stripes", "fields.sine_grating",
     {"pattern": "linear", "profile": "square", "frequency": 10, "angle": 0}),
    ("rings", "fields.sine_grating", {"pattern": "concentric", "frequency": 14}),
    ("rays", "fields.sine_grating", {"pattern": "radial", "arms": 24}),
    ("spiral", "fields.sine_grating", {"pattern": "spiral", "arms": 8, "frequency": 10}),
    ("chevrons", "fields.sine_grating",
     {"pattern": "linear", "profile": "triangle", "frequency": 12, "angle": 90}),
    ("checks", "fields.sine_grating",
     {"pattern": "linear", "profile": "square", "frequency": 24, "angle": 30, "duty": 0.3}),
    ("simplex", "fields.simplex_noise", {"scale": 0.2}),
)  # fmt: skip
_TREATMENTS = tuple(
    (
        f"{mode} {'dark' if rev else 'light'} {first}-{count}",
        {"mode": mode, "first": first, "count": count, "reverse": rev},
    )
    for mode in ("smooth", "steps")
    for rev in (False, True)
    for first, count in ((0, 2), (0, 3), (1, 2), (2, 2))
)
GROUND = Gene(
    "ground",
    "the ground texture under everything, and how it takes the inks",
    (
        _opts("texture", ((n, {"op": op, "params": p}) for n, op, p in _TEXTURES)),
        _opts("treatment", _TREATMENTS),
    ),
)

# -- 4 repeat, 5 density, 6 repeat inks -------------------------------------------------------

_LATTICES = (
    "symmetry.p1", "symmetry.p2", "symmetry.pm", "symmetry.pg", "symmetry.cm",
    "symmetry.pmm", "symmetry.pmg", "symmetry.pgg", "symmetry.cmm", "symmetry.p4",
    "symmetry.p4m", "symmetry.p4g", "symmetry.p3", "symmetry.p6", "symmetry.half_drop",
    "symmetry.brick",
)  # fmt: skip
REPEAT = Gene(
    "repeat",
    "the all-over pattern of the field: a symmetry group and the motif it repeats",
    (_opts("lattice", ((op.split(".")[1], {"op": op}) for op in _LATTICES)), MOTIFS),
)
_COUNTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 18, 20, 24)
DENSITY = Gene(
    "density",
    "how many repeats across the square, how big the motif, how the lattice is turned",
    (
        _opts("repeats", ((f"{c} across", {"repeats": c}) for c in _COUNTS)),
        _opts("size", ((f"size {s}", {"motif_size": s}) for s in (0.3, 0.45, 0.6, 0.8))),
        _opts("turn", ((f"turned {t}", {"rotation": t}) for t in (0.0, 15.0, 30.0, 45.0))),
    ),
)
REPEAT_INKS = Gene(
    "repeat_inks",
    "the repeat's colouring and how strongly it is printed",
    (
        COLOURINGS,
        _opts(
            "coverage",
            (
                (f"{blend} at {op:g}", {"blend": blend, "opacity": op})
                for blend in ("over", "multiply")
                for op in (0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 1.0)
            ),
        ),
    ),
)

# -- 7 border, 8 inner frame ----------------------------------------------------------------

_FRIEZES = ("p1", "p11g", "p11m", "p1m1", "p2", "p2mg", "p2mm")
_BORDER_MOTIFS = (0, 3, 4, 6, 8, 10, 12, 14)  # indices into MOTIFS
BORDER = Gene(
    "border",
    "the band round the edge: frieze group, motif, width",
    (
        _opts(
            "frieze",
            [(f"frieze {g}", {"op": f"symmetry.frieze_{g}", "repeats": 10}) for g in _FRIEZES]
            + [("fine frieze p2mm", {"op": "symmetry.frieze_p2mm", "repeats": 18})],
        ),
        _opts("motif", ((MOTIFS.options[i].name, {"motif": i}) for i in _BORDER_MOTIFS)),
        _opts(
            "width",
            (
                (
                    f"{'solid' if solid else 'open'} band {h} wide",
                    {"height": h, "inset": i, "solid": solid},
                )
                for h, i in ((0.07, 0.02), (0.12, 0.0))
                for solid in (True, False)
            ),
        ),
    ),
)
_FRAME_MOTIFS = (2, 5, 7, 9, 11, 13, 15, 1)
FRAME = Gene(
    "inner_frame",
    "a second, narrower band inside the border: a square frame or a round ring",
    (
        _opts("motif", ((MOTIFS.options[i].name, {"motif": i}) for i in _FRAME_MOTIFS)),
        _opts(
            "form",
            [
                (f"square frame at {i} by {h}", {"shape": "square", "inset": i, "height": h})
                for i in (0.14, 0.2)
                for h in (0.035, 0.055)
            ]
            + [
                (f"ring of radius {r} by {h}", {"shape": "ring", "radius": r, "height": h})
                for r in (0.27, 0.36)
                for h in (0.04, 0.06)
            ],
        ),
        _opts(
            "pattern",
            (
                (f"frieze {g} or {n} round", {"frieze": f"symmetry.frieze_{g}", "count": n})
                for g, n in (("p1", 16), ("p11m", 20), ("p2", 24), ("p2mm", 30))
            ),
        ),
    ),
)

# -- 9 corners ---------------------------------------------------------------------------

CORNERS = Gene(
    "corners",
    "the four pieces at the corners, or at the middle of the sides",
    (
        MOTIFS,
        _opts("placement", (("at the corners", {"turn": 45.0}), ("mid-sides", {"turn": 0.0}))),
        _opts(
            "symmetry",
            (
                ("turned", {"op": "symmetry.rosette_cyclic"}),
                ("mirrored", {"op": "symmetry.rosette_dihedral"}),
            ),
        ),
        _opts("size", (("small", {"size": 0.13}), ("large", {"size": 0.19}))),
        _opts("inks", ((o.name, o.data) for o in COLOURINGS.options[:2])),
    ),
)

# -- 10 line work ------------------------------------------------------------------------

_CURVES = (
    *((f"rose {n}/{d}", {"op": "curves.rose_curve", "params": {"n": n, "d": d}})
      for n, d in ((3, 1), (5, 1), (7, 1), (4, 1), (5, 2), (7, 3), (6, 1), (9, 4))),
    *((f"guilloche {lobes}x{copies}",
       {"op": "curves.guilloche", "params": {"lobes": lobes, "copies": copies}})
      for lobes, copies in ((3, 6), (5, 8), (6, 9), (7, 7), (8, 10), (9, 12), (12, 12),
                            (16, 14))),
    *((f"spirograph {r}:{f} {mode}",
       {"op": "curves.trochoid",
        "params": {"fixed_teeth": f, "rolling_teeth": r, "rolling": mode}})
      for f, r, mode in ((105, 40, "inside"), (96, 36, "inside"), (120, 45, "inside"),
                         (90, 50, "inside"), (84, 30, "outside"), (100, 24, "outside"),
                         (72, 40, "inside"), (110, 70, "inside"))),
    *((f"guilloche {lobes}/{lobes2} double",
       {"op": "curves.guilloche",
        "params": {"lobes": lobes, "lobes2": lobes2, "amplitude2": 0.05, "copies": 8}})
      for lobes, lobes2 in ((4, 9), (5, 11), (6, 13), (7, 15), (3, 10), (8, 17), (9, 19),
                            (10, 21))),
)  # fmt: skip
LINEWORK = Gene(
    "line_work",
    "a fine engraved curve over the centre",
    (
        _opts("curve", _CURVES),
        _opts(
            "ink",
            (
                (f"ink {role} radius {r}", {"color": role, "radius": r})
                for r in (0.3, 0.44)
                for role in (1, 2, 3, 4)
            ),
        ),
    ),
)

# -- 11 accents ----------------------------------------------------------------------------

ACCENTS = Gene(
    "accents",
    "small motifs scattered over the field",
    (
        MOTIFS,
        _opts(
            "scatter",
            (
                (
                    f"{op.split('.')[1]} {drop} every {r}",
                    {"op": op, "drop": drop, "repeats": r, "color": c},
                )
                for op in ("symmetry.half_drop", "symmetry.brick")
                for drop in ("1/2", "1/3")
                for r, c in ((5, 3), (7, 4), (9, 5), (12, 2))
            ),
        ),
    ),
)

# -- 12 centre jewel -----------------------------------------------------------------------

JEWEL = Gene(
    "centre_jewel",
    "the small piece at the heart of the medallion",
    (
        MOTIFS,
        _opts(
            "setting",
            (
                (f"{c.name} size {s}", {**c.data, "size": s})
                for s in (0.12, 0.18, 0.24, 0.3)
                for c in COLOURINGS.options[4:8]
            ),
        ),
    ),
)

# -- 13 finish -----------------------------------------------------------------------------

FINISH = Gene(
    "finish",
    "a last colour finish over the whole scarf (as a dyer's overdye)",
    (
        _opts(
            "hue",
            (
                (f"hue {s:+g}", {"shift": s})
                for s in ((i * 22.5 + 180) % 360 - 180 for i in range(16))
            ),
        ),
        _opts("chroma", ((f"chroma x{c}", {"chroma": c}) for c in (0.9, 1.05, 1.2, 1.35))),
        _opts(
            "lightness",
            ((f"lightness {v:+g}", {"lightness": v}) for v in (-0.08, -0.03, 0.02, 0.07)),
        ),
    ),
)

GENES = (
    PALETTE, LAYOUT, MEDALLION, GROUND, REPEAT, DENSITY, REPEAT_INKS, BORDER, FRAME, CORNERS,
    LINEWORK, ACCENTS, JEWEL, FINISH,
)  # fmt: skip
