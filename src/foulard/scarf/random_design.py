"""Random but valid, pleasing genomes: what ``foulard random`` and the demo make.

A random design is composed the way a scarf designer works: a palette first, then
a layout archetype (the carré with its border, corners and medallion; concentric
frames; an all-over field in a border; a placement print; a bandana; a medallion
with tossed motifs; a quartered square), then the parts that fill it, drawn from
the registry with proportions that read well. Every choice comes from one
generator seeded by ``seed``, so a seed is a design.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from foulard.genome.schema import Genome, Node
from foulard.ops import registry
from foulard.scarf.parts import FRIEZE_GROUPS, LATTICES, only_params, pick, texture_ground, uniform

__all__ = ["ARCHETYPES", "random_genome"]

GENERATOR_VERSION = 3

# (operator id, zh, en) of the motifs designs feature.
FLOWERS = [
    ("motifs.peony", "牡丹", "Peony"),
    ("motifs.lotus", "莲", "Lotus"),
    ("motifs.chrysanthemum", "菊", "Chrysanthemum"),
    ("motifs.plum_blossom", "梅", "Plum blossom"),
]
SMALL = [
    ("motifs.plum_blossom", "梅花", "plum blossoms"),
    ("ornament.xiangyun", "祥云", "auspicious clouds"),
    ("motifs.chrysanthemum", "小菊", "small chrysanthemums"),
    ("motifs.paisley", "佩斯利", "paisley"),
    ("motifs.lotus", "莲花", "lotus"),
]
BORDERS = [
    ("ornament.huiwen", "回纹", "key fret"),
    ("ornament.xiangyun", "云纹", "cloud scrolls"),
    ("motifs.plum_blossom", "梅花边", "a blossom chain"),
    ("ornament.seigaiha", "海波", "waves"),
]


def _palette(rng: np.random.Generator) -> Node:
    kind = rng.random()
    count = int(rng.integers(5, 8))
    ground = "dark" if rng.random() < 0.25 else "light"
    if kind < 0.4:
        return Node.make("color.chinese_traditional", theme="random", count=count, ground=ground)
    if kind < 0.7:
        return Node.make("color.solar_term", term="random", count=count, ground=ground)
    scheme = pick(rng, ["analogous", "split_complementary", "triadic", "complementary"])
    return Node.make(
        "color.harmony", scheme=scheme, hue=uniform(rng, 0, 360, 1),
        chroma=uniform(rng, 0.08, 0.16), lightness=uniform(rng, 0.45, 0.65), count=count,
        ground=ground,
    )  # fmt: skip


def _ground(rng: np.random.Generator) -> Node:
    """A one-channel texture the layouts read as a mottled or woven silk ground."""
    return texture_ground(pick(rng, ["silk", "silk", "clouds", "crackle", "grain"]), rng)


def _motif(op: str, rng: np.random.Generator, *, small: bool = False) -> Node:
    """A motif with its colour roles spread over the palette's accents."""
    spec = registry.get(op)
    names = [p.name for p in spec.params.specs()]
    params: dict = {}
    roles = [1, 2, 3, 4]
    rng.shuffle(roles)
    for name in names:
        if not name.endswith("_color"):
            continue
        if name == "line_color":
            params[name] = 0  # a reserve line in the ground colour, as on silk
            continue
        if name == "ground_color":
            continue
        params[name] = roles.pop()
        if not roles:
            roles = [1, 2, 3, 4]
    if "rotation" in names:
        params["rotation"] = uniform(rng, -25, 25, 1)
    if op == "motifs.lotus":
        params["view"] = "top" if not small else pick(rng, ["top", "side"])
    if op == "motifs.chrysanthemum":
        # Fewer, broader rays read better (and draw faster) when the flower is small.
        params["petals"] = int(rng.integers(48, 96)) if small else int(rng.integers(140, 240))
    if op == "ornament.huiwen":
        params["style"] = pick(rng, ["single", "double", "t_fret", "linked"])
    if op == "ornament.xiangyun":
        params["clouds"] = int(rng.integers(1, 3)) if small else int(rng.integers(2, 4))
    return Node.make(op, **params)


def _field(rng: np.random.Generator) -> tuple[Node, tuple[str, str]]:
    op, zh, en = pick(rng, SMALL)
    lattice = pick(rng, LATTICES)
    params = only_params(
        lattice, {"repeats": int(rng.integers(4, 8)), "motif_size": uniform(rng, 0.5, 0.75)}
    )
    node = Node.make(lattice, inputs={"motif": _motif(op, rng, small=True)}, **params)
    return node, (zh, en)


def _text(rng: np.random.Generator, zh: str, en: str) -> dict:
    if rng.random() < 0.35:
        return {}
    return {"title": f"{zh} · {en}", "signature": "foulard"}


def _carre(rng: np.random.Generator) -> tuple[Node, str, str]:
    flower_op, fzh, fen = pick(rng, FLOWERS)
    border_op, bzh, ben = pick(rng, BORDERS)
    corner_op, _, _ = pick(rng, FLOWERS + SMALL[1:2])
    parts = {
        "ground": _ground(rng),
        "border": _motif(border_op, rng, small=True),
        "corner": _motif(corner_op, rng, small=True),
        "medallion": _motif(flower_op, rng),
    }
    title_en = f"{fen} with {ben}"
    if rng.random() < 0.75:
        parts["field"], _ = _field(rng)
    if rng.random() < 0.35:
        parts["crossing"] = _motif("ornament.xiangyun", rng)
    params = {
        "symmetry": "c4" if rng.random() < 0.3 else "d4",
        "border_group": "p1" if border_op == "ornament.huiwen" else pick(rng, FRIEZE_GROUPS),
        "border_inset": uniform(rng, 0.025, 0.045),
        "border_width": uniform(rng, 0.06, 0.09),
        "frame_lines": int(rng.integers(1, 4)),
        "field_style": pick(rng, ["tone", "tone", "shadow", "colour"]),
        "field_opacity": uniform(rng, 0.2, 0.45),
        "medallion_group": pick(rng, ["dihedral", "dihedral", "cyclic", "single"]),
        "medallion_n": int(rng.integers(6, 13)),
        "medallion_radius": uniform(rng, 0.16, 0.24),
        "medallion_rings": int(rng.integers(0, 4)),
        "corner_size": uniform(rng, 0.12, 0.18),
        "ground_contrast": uniform(rng, 0.08, 0.25),
        **_text(rng, f"{fzh}{bzh}", title_en),
    }
    return Node.make("layout.carre_classic", inputs=parts, **params), f"{fzh}{bzh}", title_en


def _frames(rng: np.random.Generator) -> tuple[Node, str, str]:
    flower_op, fzh, fen = pick(rng, FLOWERS)
    a_op, azh, aen = pick(rng, BORDERS)
    b_op, _, _ = pick(rng, SMALL)
    parts = {
        "ground": _ground(rng),
        "band_a": _motif(a_op, rng, small=True),
        "band_b": _motif(b_op, rng, small=True),
        "centre": _motif(flower_op, rng),
    }
    if rng.random() < 0.6:
        parts["field"], _ = _field(rng)
    params = {
        "frames": int(rng.integers(2, 5)),
        "band_width": uniform(rng, 0.055, 0.085),
        "band_gap": uniform(rng, 0.02, 0.045),
        **{f"group_{i}": pick(rng, FRIEZE_GROUPS) for i in range(1, 6)},
        "centre_n": int(rng.integers(6, 16)),
        "ground_contrast": uniform(rng, 0.08, 0.25),
        **_text(rng, f"{fzh}{azh}", f"{fen} in frames of {aen}"),
    }
    return (
        Node.make("layout.concentric_frames", inputs=parts, **params),
        f"{fzh}{azh}",
        f"{fen} in frames of {aen}",
    )


def _allover(rng: np.random.Generator) -> tuple[Node, str, str]:
    field, (zh, en) = _field(rng)
    border_op, bzh, ben = pick(rng, BORDERS)
    corner_op, _, _ = pick(rng, FLOWERS)
    parts = {
        "ground": _ground(rng),
        "field": field,
        "border": _motif(border_op, rng, small=True),
        "corner": _motif(corner_op, rng, small=True),
    }
    params = {
        "border_group": "p1" if border_op == "ornament.huiwen" else pick(rng, FRIEZE_GROUPS),
        "border_width": uniform(rng, 0.06, 0.09),
        "field_style": pick(rng, ["colour", "colour", "shadow"]),
        "corner_blocks": bool(rng.random() < 0.6),
        "ground_contrast": uniform(rng, 0.08, 0.25),
        **_text(rng, f"{zh}{bzh}", f"{en.capitalize()} in {ben}"),
    }
    return (
        Node.make("layout.allover_border", inputs=parts, **params),
        f"{zh}{bzh}",
        f"{en.capitalize()} in {ben}",
    )


def _placement(rng: np.random.Generator) -> tuple[Node, str, str]:
    flower_op, fzh, fen = pick(rng, FLOWERS[:3])
    parts = {"ground": _ground(rng), "motif": _motif(flower_op, rng)}
    if rng.random() < 0.7:
        parts["counter"] = _motif("ornament.xiangyun", rng)
    params = {
        "x": uniform(rng, 0.45, 0.62), "y": uniform(rng, 0.45, 0.62),
        "size": uniform(rng, 0.75, 1.05),
        "rotation": uniform(rng, -25, 25, 1), "mirror": bool(rng.random() < 0.5),
        "ground_contrast": uniform(rng, 0.08, 0.25),
        **_text(rng, f"国色{fzh}", f"{fen}, placed"),
    }  # fmt: skip
    return Node.make("layout.placement", inputs=parts, **params), f"国色{fzh}", f"{fen}, placed"


def _bandana(rng: np.random.Generator) -> tuple[Node, str, str]:
    parts = {"ground": _ground(rng), "paisley": _motif("motifs.paisley", rng, small=True)}
    params = {
        "ground_color": int(rng.integers(1, 4)),
        "border_color": int(rng.integers(1, 5)),
        "dot_color": 0,
        "medallion_n": int(rng.integers(5, 10)),
        "chain_group": pick(rng, FRIEZE_GROUPS),
        **_text(rng, "佩斯利", "Bandana"),
    }
    return Node.make("layout.bandana", inputs=parts, **params), "佩斯利", "Bandana"


def _scatter(rng: np.random.Generator) -> tuple[Node, str, str]:
    flower_op, fzh, fen = pick(rng, FLOWERS)
    toss_op, tzh, ten = pick(rng, SMALL)
    parts = {
        "ground": _ground(rng),
        "medallion": _motif(flower_op, rng),
        "toss": _motif(toss_op, rng, small=True),
    }
    params = {
        "medallion_n": int(rng.integers(8, 20)),
        "medallion_radius": uniform(rng, 0.16, 0.24),
        "toss_size": uniform(rng, 0.05, 0.09),
        "toss_spacing": uniform(rng, 1.0, 1.6),
        "ground_contrast": uniform(rng, 0.08, 0.25),
        **_text(rng, f"{fzh}{tzh}", f"{fen} among {ten}"),
    }
    return (
        Node.make("layout.medallion_scatter", inputs=parts, **params),
        f"{fzh}{tzh}",
        f"{fen} among {ten}",
    )


def _quartered(rng: np.random.Generator) -> tuple[Node, str, str]:
    flower_op, fzh, fen = pick(rng, FLOWERS)
    pattern, _ = _field(rng)
    parts = {
        "ground": _ground(rng),
        "pattern": pattern,
        "divider": _motif(pick(rng, SMALL)[0], rng, small=True),
        "centre": _motif(flower_op, rng, small=True),
    }
    a, b = (int(v) for v in rng.choice([1, 2, 3, 4], size=2, replace=False))
    params = {
        "split": pick(rng, ["diagonal", "quadrants"]),
        "part_1": a, "part_2": b, "part_3": a, "part_4": b,
        "divider_group": pick(rng, FRIEZE_GROUPS),
        "centre_n": int(rng.integers(6, 12)),
        "text_color": 1,
        **_text(rng, f"四方{fzh}", f"{fen}, quartered"),
    }  # fmt: skip
    return Node.make("layout.quartered", inputs=parts, **params), f"四方{fzh}", f"{fen}, quartered"


ARCHETYPES: dict[str, tuple[float, Callable]] = {
    "carre_classic": (0.34, _carre),
    "concentric_frames": (0.13, _frames),
    "allover_border": (0.13, _allover),
    "placement": (0.1, _placement),
    "bandana": (0.08, _bandana),
    "medallion_scatter": (0.12, _scatter),
    "quartered": (0.1, _quartered),
}


def random_genome(seed: int) -> Genome:
    """A random, valid, pleasing scarf design for ``seed``.

    >>> g = random_genome(7)
    >>> g == random_genome(7), g.seed
    (True, 7)
    """
    rng = np.random.default_rng(np.random.SeedSequence([seed, 0x50_CA_4F]))
    palette = _palette(rng)
    names = list(ARCHETYPES)
    weights = np.array([ARCHETYPES[n][0] for n in names])
    archetype = names[int(rng.choice(len(names), p=weights / weights.sum()))]
    root, title_zh, title_en = ARCHETYPES[archetype][1](rng)
    meta = {
        "title": f"{title_zh} · {title_en}",
        "provenance": {
            "made_by": "foulard.scarf.random_design",
            "generator_version": GENERATOR_VERSION,
            "seed": seed,
            "layout": archetype,
        },
    }
    return Genome.make(root, palette, seed=seed, meta=meta)
