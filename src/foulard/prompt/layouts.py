"""The scarf layouts as a composer fills them: one builder per layout operator.

Each builder turns a :class:`~foulard.prompt.recipe.Recipe` into the layout's node: the
recipe's motifs in the layout's slots (hero, small, border, corner, pattern), its
lattice, symmetry, density and frieze in the layout's parameters, and the continuous
details (sizes, counts, opacities) drawn from the generator, in the ranges that read
well on silk.
"""

from __future__ import annotations

import numpy as np

from foulard.genome.schema import Node
from foulard.prompt.parts import ground_node, lattice_node, motif_node, pattern_node
from foulard.prompt.recipe import FIGURATIVE, Recipe
from foulard.scarf.formats import get_format
from foulard.scarf.parts import FRIEZE_GROUPS, only_params, pick, uniform

__all__ = ["BUILDERS"]


def _field(r: Recipe, rng, motif_op: str | None) -> Node:
    if r.pattern:
        return pattern_node(r.pattern, rng)
    motif = motif_node(motif_op or r.hero, rng, small=True)
    return lattice_node(r.lattice, motif, rng, r.density)


def _frieze(r: Recipe) -> str:
    return r.frieze if r.frieze in FRIEZE_GROUPS else "p1"


def _field_look(r: Recipe, rng) -> dict:
    if r.pattern and r.pattern_style == "colour":
        return {"field_style": "colour", "field_opacity": uniform(rng, 0.75, 1.0)}
    if r.pattern:
        return {"field_style": "tone", "field_opacity": uniform(rng, 0.3, 0.5)}
    if "small" in r.emphasis:  # a motif the prompt named is not a whisper in the ground
        return {"field_style": "colour", "field_opacity": uniform(rng, 0.7, 0.95)}
    style = pick(rng, ["tone", "tone", "shadow", "colour"])
    return {"field_style": style, "field_opacity": uniform(rng, 0.25, 0.5)}


def _scale(r: Recipe, lo: float, hi: float, rng) -> float:
    f = {"large": 1.25, "small": 0.8, "dense": 0.85, "sparse": 1.1}.get(r.density, 1.0)
    return round(float(rng.uniform(lo, hi)) * f, 3)


def _carre(r: Recipe, rng) -> Node:
    parts: dict[str, Node] = {"medallion": motif_node(r.hero, rng)}
    if g := ground_node(r.ground, rng, r.neural):
        parts["ground"] = g
    if r.border:
        parts["border"] = motif_node(r.border, rng, small=True)
    if r.corner:
        parts["corner"] = motif_node(r.corner, rng, small=True)
    if r.small or r.pattern:
        parts["field"] = _field(r, rng, r.small)
    if r.pattern and r.small:
        # The pattern fills the field: the small motif crosses the frame instead.
        parts["crossing"] = motif_node(r.small, rng)
    params = {
        "symmetry": r.symmetry,
        "border_group": _frieze(r),
        "border_inset": uniform(rng, 0.025, 0.045),
        "border_width": uniform(rng, 0.06, 0.09),
        "frame_lines": int(rng.integers(1, 4)),
        "medallion_group": r.medallion,
        "medallion_n": int(rng.integers(6, 13)),
        "medallion_radius": min(0.32, _scale(r, 0.17, 0.24, rng)),
        "medallion_rings": int(rng.integers(0, 4)),
        "corner_size": _scale(r, 0.12, 0.18, rng),
        "ground_contrast": uniform(rng, 0.08, 0.25),
        **_field_look(r, rng),
    }
    if r.pattern:
        params["fold_field"] = False
    return Node.make(
        "layout.carre_classic", inputs=parts, **only_params("layout.carre_classic", params)
    )


def _frames(r: Recipe, rng) -> Node:
    parts: dict[str, Node] = {"centre": motif_node(r.hero, rng)}
    if g := ground_node(r.ground, rng, r.neural):
        parts["ground"] = g
    if r.border:
        parts["band_a"] = motif_node(r.border, rng, small=True)
    if r.small:
        parts["band_b"] = motif_node(r.small, rng, small=True)
    if r.pattern or r.small:
        parts["field"] = _field(r, rng, r.small)
    single = r.medallion == "single" or r.hero in FIGURATIVE
    params = {
        "symmetry": r.symmetry,
        "frames": int(rng.integers(2, 4)),
        "band_width": uniform(rng, 0.05, 0.075),
        "band_gap": uniform(rng, 0.02, 0.04),
        "group_1": _frieze(r),
        **{f"group_{i}": pick(rng, FRIEZE_GROUPS) for i in range(2, 6)},
        "centre_group": "single" if single else r.medallion,
        "centre_n": int(rng.integers(6, 13)),
        "centre_motif_r": 0.0 if single else uniform(rng, 0.45, 0.55),
        "centre_motif_size": uniform(rng, 1.6, 1.9) if single else uniform(rng, 0.5, 0.7),
        "centre_radius": min(0.3, _scale(r, 0.14, 0.19, rng)),
        "ground_contrast": uniform(rng, 0.08, 0.25),
        **_field_look(r, rng),
    }
    return Node.make(
        "layout.concentric_frames", inputs=parts, **only_params("layout.concentric_frames", params)
    )


def _allover(r: Recipe, rng) -> Node:
    parts: dict[str, Node] = {"field": _field(r, rng, r.hero)}
    if g := ground_node(r.ground, rng, r.neural):
        parts["ground"] = g
    if r.border:
        parts["border"] = motif_node(r.border, rng, small=True)
    corner = r.corner or (r.hero if r.pattern else None)
    if corner:
        # With a pattern in the field, the hero motif holds the corner blocks.
        parts["corner"] = motif_node(corner, rng, small=True)
    style = pick(rng, ["colour", "colour", "shadow"])
    if r.pattern:
        style = "colour" if r.pattern_style == "colour" else "tone"
    params = {
        "symmetry": r.symmetry,
        "border_group": _frieze(r),
        "border_width": uniform(rng, 0.06, 0.09),
        "field_style": style,
        "field_scale": {"dense": 0.35, "small": 0.4, "large": 0.75, "sparse": 0.7}.get(
            r.density, uniform(rng, 0.45, 0.6)
        ),
        "corner_blocks": bool(r.pattern) or (bool(r.corner) and bool(rng.random() < 0.7)),
        "ground_contrast": uniform(rng, 0.08, 0.25),
    }
    return Node.make(
        "layout.allover_border", inputs=parts, **only_params("layout.allover_border", params)
    )


def _placement(r: Recipe, rng) -> Node:
    parts: dict[str, Node] = {"motif": motif_node(r.hero, rng)}
    if g := ground_node(r.ground, rng, r.neural):
        parts["ground"] = g
    if r.small:
        parts["counter"] = motif_node(r.small, rng, small=True)
    params = {
        "x": uniform(rng, 0.45, 0.62),
        "y": uniform(rng, 0.45, 0.62),
        "size": _scale(r, 0.75, 1.0, rng),
        "rotation": uniform(rng, -25, 25, 1),
        "mirror": bool(rng.random() < 0.5),
        "ground_contrast": uniform(rng, 0.08, 0.25),
    }
    return Node.make("layout.placement", inputs=parts, **only_params("layout.placement", params))


def _bandana(r: Recipe, rng) -> Node:
    parts: dict[str, Node] = {"paisley": motif_node(r.hero, rng, small=True)}
    if g := ground_node(r.ground, rng, r.neural):
        parts["ground"] = g
    single = r.hero in FIGURATIVE and r.hero != "motifs.paisley"
    ground, border, dots = int(rng.integers(1, 4)), int(rng.integers(1, 5)), 0
    if "ground" in r.emphasis:
        # The prompt named the ground colour ("a red bandana"): the palette's ground fills
        # the field, the accent farthest from it in lightness draws the pin dots.
        from foulard.prompt.colours import lch
        from foulard.prompt.palettes import resolve

        colours = resolve(r.palette, r.seed)
        light = lch(list(colours))[:, 0]
        if len(colours) > 1:
            dots = 1 + int(np.argmax(np.abs(light[1:] - light[0])))
            others = [k for k in range(1, len(colours)) if k != dots] or [dots]
            ground, border = 0, others[int(rng.integers(len(others)))]
    params = {
        "ground_color": ground,
        "border_color": border,
        "dot_color": dots,
        "medallion_n": int(rng.integers(5, 10)),
        **(
            {
                "medallion_group": "single",
                "medallion_motif_r": 0.0,
                "medallion_motif_size": 1.5,
                "medallion_radius": 0.2,
            }
            if single
            else {}
        ),
        "chain_group": _frieze(r),
        "symmetry": r.symmetry,
    }
    return Node.make("layout.bandana", inputs=parts, **only_params("layout.bandana", params))


def _scatter(r: Recipe, rng) -> Node:
    parts: dict[str, Node] = {
        "medallion": motif_node(r.hero, rng),
        "toss": motif_node(r.small or r.hero, rng, small=True),
    }
    if g := ground_node(r.ground, rng, r.neural):
        parts["ground"] = g
    toss = {
        "dense": (0.04, 0.06),
        "small": (0.04, 0.06),
        "large": (0.09, 0.12),
        "sparse": (0.07, 0.09),
    }.get(r.density, (0.05, 0.09))
    single = r.medallion == "single" or r.hero in FIGURATIVE
    params = {
        "medallion_group": "single" if single else r.medallion,
        "medallion_n": int(rng.integers(6, 13)),
        "medallion_motif_r": 0.0 if single else uniform(rng, 0.45, 0.55),
        "medallion_motif_size": uniform(rng, 1.6, 1.9) if single else uniform(rng, 0.5, 0.7),
        "medallion_radius": min(0.3, _scale(r, 0.16, 0.24, rng)),
        "toss_size": uniform(rng, *toss),
        "toss_spacing": uniform(rng, 1.0, 1.3) if r.density == "dense" else uniform(rng, 1.1, 1.7),
        "ground_contrast": uniform(rng, 0.08, 0.25),
    }
    return Node.make(
        "layout.medallion_scatter", inputs=parts, **only_params("layout.medallion_scatter", params)
    )


def _quartered(r: Recipe, rng) -> Node:
    parts: dict[str, Node] = {
        "pattern": _field(r, rng, r.small),
        "centre": motif_node(r.hero, rng, small=True),
    }
    if g := ground_node(r.ground, rng, r.neural):
        parts["ground"] = g
    if r.border:
        parts["divider"] = motif_node(r.border, rng, small=True)
    a, b = (int(v) for v in rng.choice([1, 2, 3, 4], size=2, replace=False))
    params = {
        "split": pick(rng, ["diagonal", "quadrants"]),
        "part_1": a,
        "part_2": b,
        "part_3": a,
        "part_4": b,
        "divider_group": _frieze(r),
        "centre_group": "single" if r.hero in FIGURATIVE else r.medallion,
        "centre_motif_r": 0.0 if r.hero in FIGURATIVE else 0.48,
        "centre_motif_size": 1.5 if r.hero in FIGURATIVE else 0.75,
        "centre_radius": 0.16 if r.hero in FIGURATIVE else 0.12,
        "centre_n": int(rng.integers(6, 12)),
        "text_color": 1,
        "pattern_opacity": uniform(rng, 0.6, 0.9) if r.pattern else uniform(rng, 0.18, 0.3),
    }
    return Node.make("layout.quartered", inputs=parts, **only_params("layout.quartered", params))


def _twilly(r: Recipe, rng) -> Node:
    parts: dict[str, Node] = {"motif": motif_node(r.hero, rng, small=True)}
    if g := ground_node(r.ground, rng, r.neural):
        parts["ground"] = g
    if r.border:
        parts["border"] = motif_node(r.border, rng, small=True)
    if r.small:
        parts["end"] = motif_node(r.small, rng, small=True)
    fmt = get_format(r.format)
    params = {
        "aspect": round(fmt.aspect, 4),
        "band_group": _frieze(r),
        "flow_group": pick(rng, FRIEZE_GROUPS),
    }
    return Node.make("layout.twilly", inputs=parts, **only_params("layout.twilly", params))


def _oblong(r: Recipe, rng) -> Node:
    parts: dict[str, Node] = {"panel": motif_node(r.hero, rng, small=True)}
    if g := ground_node(r.ground, rng, r.neural):
        parts["ground"] = g
    if r.border:
        parts["border"] = motif_node(r.border, rng, small=True)
    if r.small or r.pattern:
        parts["field"] = _field(r, rng, r.small)
    fmt = get_format(r.format)
    params = {
        "aspect": round(fmt.aspect, 4),
        "border_group": _frieze(r),
        "panel_count": int(rng.integers(2, 5)),
        "field_style": "colour" if r.pattern else pick(rng, ["colour", "tone"]),
    }
    return Node.make("layout.oblong", inputs=parts, **only_params("layout.oblong", params))


BUILDERS = {
    "layout.carre_classic": _carre,
    "layout.concentric_frames": _frames,
    "layout.allover_border": _allover,
    "layout.placement": _placement,
    "layout.bandana": _bandana,
    "layout.medallion_scatter": _scatter,
    "layout.quartered": _quartered,
    "layout.twilly": _twilly,
    "layout.oblong": _oblong,
}
