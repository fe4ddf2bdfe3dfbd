"""Random but valid, pleasing genomes: what ``foulard random`` and the demo make.

A random design is composed the way a scarf designer works: a palette first, then a
quiet ground, a field pattern inside the border, a frieze border, corner pieces and a
centre medallion, each drawn from the registry with proportions that read well.
Every choice comes from one generator seeded by ``seed``, so a seed is a design.
"""

from __future__ import annotations

import numpy as np

from foulard.genome.schema import Genome, Node
from foulard.ops import registry

__all__ = ["random_genome"]

GENERATOR_VERSION = 1

# (operator id, zh, en) of the motifs a design can feature.
MEDALLION_MOTIFS = [
    ("motifs.peony", "牡丹", "peony"),
    ("motifs.lotus", "莲", "lotus"),
    ("motifs.chrysanthemum", "菊", "chrysanthemum"),
    ("motifs.plum_blossom", "梅", "plum blossom"),
]
SMALL_MOTIFS = [
    ("motifs.plum_blossom", "梅花", "plum blossoms"),
    ("ornament.xiangyun", "祥云", "auspicious clouds"),
    ("motifs.chrysanthemum", "菊花", "chrysanthemums"),
    ("motifs.paisley", "佩斯利", "paisley"),
]
BORDER_MOTIFS = [
    ("ornament.huiwen", "回纹", "key fret"),
    ("ornament.xiangyun", "云纹", "cloud scroll"),
    ("motifs.plum_blossom", "梅花边", "blossom chain"),
]
FIELD_GROUPS = ["p4m", "p6m", "cmm", "half_drop", "p4g", "pmm", "p31m", "brick"]
FRIEZES = ["frieze_p1", "frieze_p1m1", "frieze_p2mm", "frieze_p2", "frieze_p11g", "frieze_p2mg"]


def _pick(rng: np.random.Generator, items):
    return items[int(rng.integers(len(items)))]


def _u(rng: np.random.Generator, lo: float, hi: float, nd: int = 3) -> float:
    return round(float(rng.uniform(lo, hi)), nd)


def _palette(rng: np.random.Generator) -> Node:
    kind = rng.random()
    count = int(rng.integers(5, 8))
    ground = "dark" if rng.random() < 0.3 else "light"
    if kind < 0.4:
        return Node.make("color.chinese_traditional", theme="random", count=count, ground=ground)
    if kind < 0.7:
        return Node.make("color.solar_term", term="random", count=count, ground=ground)
    scheme = _pick(rng, ["analogous", "split_complementary", "triadic", "complementary"])
    return Node.make(
        "color.harmony", scheme=scheme, hue=_u(rng, 0, 360, 1), chroma=_u(rng, 0.08, 0.16),
        lightness=_u(rng, 0.45, 0.65), count=count, ground=ground,
    )  # fmt: skip


def _ground(rng: np.random.Generator) -> tuple[Node, str]:
    """A quiet, full-bleed ground: flat colour with a faint texture."""
    flat = Node.make("color.fill", color=0)
    kind = _pick(rng, ["silk", "crackle", "waves", "plain"])
    if kind == "plain":
        return flat, "plain"
    if kind == "silk":
        noise = Node.make("fields.perlin_noise", frequency=int(rng.integers(3, 8)))
        texture = Node.make("fields.fbm", octaves=5, inputs={"source": noise})
        tint = Node.make(
            "color.ink", color=1, opacity=_u(rng, 0.06, 0.14), inputs={"source": texture}
        )
    elif kind == "crackle":
        cells = Node.make(
            "fields.worley_noise", cells=int(rng.integers(14, 30)), feature="f2_minus_f1"
        )
        tint = Node.make(
            "color.ink", color=1, opacity=_u(rng, 0.08, 0.16), invert=True, inputs={"source": cells}
        )
    else:
        waves = Node.make(
            "ornament.seigaiha",
            columns=1,
            rings=int(rng.integers(4, 7)),
            fill_color=0,
            accent_color=0,
            line_color=1,
            style="lines",
        )
        tile = Node.make(
            "symmetry.p1",
            repeats=int(rng.integers(10, 18)),
            aspect=1.0,
            angle=90.0,
            motif_size=1.0,
            inputs={"motif": waves},
        )
        tint = Node.make(
            "layout.layers",
            opacity=_u(rng, 0.18, 0.3),
            inputs={"layers": [Node.make("color.fill", color=0, opacity=0.0), tile]},
        )
    return Node.make("layout.layers", inputs={"layers": [flat, tint]}), kind


def _field(rng: np.random.Generator, inner: float) -> tuple[Node, tuple[str, str]]:
    op, zh, en = _pick(rng, SMALL_MOTIFS)
    motif = _motif(op, rng, accent=True, small=True)
    group = _pick(rng, FIELD_GROUPS)
    spec = registry.get(f"symmetry.{group}")
    params = {"repeats": int(rng.integers(5, 10)), "motif_size": _u(rng, 0.45, 0.7)}
    names = {p.name for p in spec.params.specs()}
    params = {k: v for k, v in params.items() if k in names}
    pattern = Node.make(spec.id, inputs={"motif": motif}, **params)
    return Node.make("layout.place", size=inner, inputs={"motif": pattern}), (zh, en)


def _motif(op: str, rng: np.random.Generator, *, accent: bool = False, small: bool = False) -> Node:
    """A motif node with its colour roles spread over the palette accents."""
    spec = registry.get(op)
    names = {p.name for p in spec.params.specs()}
    params: dict = {}
    roles = [1, 2, 3, 4]
    rng.shuffle(roles)
    for field in (
        "petal_color",
        "body_color",
        "cloud_color",
        "fill_color",
        "heart_color",
        "band_color",
        "leaf_color",
        "pod_color",
        "accent_color",
        "line_color",
    ):
        if field in names:
            if field == "line_color" and not accent:
                params[field] = 0  # a reserve line in the ground colour, as on silk
                continue
            params[field] = roles.pop()
            if not roles:
                roles = [1, 2, 3, 4]
    if "rotation" in names:
        params["rotation"] = _u(rng, -30, 30, 1)
    if op == "motifs.lotus":
        params["view"] = "top" if not small else _pick(rng, ["top", "side"])
    if op == "motifs.chrysanthemum":
        # Fewer, broader rays read better (and draw faster) when the flower is small.
        params["petals"] = int(rng.integers(48, 96)) if small else int(rng.integers(140, 260))
    return Node.make(op, **params)


def _border(rng: np.random.Generator, inset: float, height: float) -> tuple[Node, str, str]:
    op, zh, en = _pick(rng, BORDER_MOTIFS)
    motif = (
        _motif(op, rng, accent=True, small=True)
        if op != "ornament.huiwen"
        else Node.make(
            op,
            style=_pick(rng, ["single", "double", "t_fret", "linked"]),
            line_color=int(rng.integers(1, 4)),
        )
    )
    group = _pick(rng, FRIEZES) if op != "ornament.huiwen" else "frieze_p1"
    per_side = round((1 - 2 * inset) / (height * (1.0 if op == "ornament.huiwen" else 1.3)))
    frieze = Node.make(
        f"symmetry.{group}", path="border", inset=inset, height=height,
        repeats=max(4, per_side), motif_size=0.9 if op != "ornament.huiwen" else 1.0,
        motif_x=0.5, motif_y=0.0, motif_rotation=0.0, inputs={"motif": motif},
    )  # fmt: skip
    band = Node.make("color.fill", color=0)
    backing = Node.make(
        "symmetry.frieze_p1",
        path="border",
        inset=inset,
        height=height,
        repeats=4,
        motif_size=4.0,
        motif_x=0.5,
        motif_y=0.0,
        inputs={"motif": band},
    )
    return Node.make("layout.layers", inputs={"layers": [backing, frieze]}), zh, en


def _medallion(rng: np.random.Generator, radius: float) -> tuple[Node, str, str]:
    op, zh, en = _pick(rng, MEDALLION_MOTIFS)
    motif = _motif(op, rng)
    layers = []
    if rng.random() < 0.6:
        rings = Node.make(
            "curves.guilloche", radius=round(radius * 1.05, 3), copies=int(rng.integers(8, 16)),
            lobes=int(rng.integers(6, 13)), amplitude=_u(rng, 0.03, 0.07),
            line_width=0.002, rings=int(rng.integers(1, 3)), ring_step=0.035,
        )  # fmt: skip
        layers.append(
            Node.make(
                "color.ink", color=int(rng.integers(1, 4)), opacity=0.6, inputs={"source": rings}
            )
        )
    if rng.random() < 0.55:
        rosette = Node.make(
            "symmetry.rosette_dihedral", n=int(rng.integers(6, 13)), radius=radius,
            motif_r=0.55, motif_size=_u(rng, 0.5, 0.7), motif_rotation=0.0,
            inputs={"motif": motif},
        )  # fmt: skip
        layers.append(rosette)
    else:
        layers.append(
            Node.make("layout.place", size=round(radius * 2.0, 3), inputs={"motif": motif})
        )
    return Node.make("layout.layers", inputs={"layers": layers}), zh, en


def _corners(rng: np.random.Generator, inset: float, size: float) -> list[Node]:
    op, _, _ = _pick(rng, SMALL_MOTIFS[:3])
    motif = _motif(op, rng, small=True)
    c = inset + size / 2
    spots = [(c, c, 0.0), (1 - c, c, 90.0), (1 - c, 1 - c, 180.0), (c, 1 - c, 270.0)]
    return [
        Node.make(
            "layout.place",
            x=round(x, 4),
            y=round(y, 4),
            size=size,
            rotation=r,
            inputs={"motif": motif},
        )
        for x, y, r in spots
    ]


def random_genome(seed: int) -> Genome:
    """A random, valid, pleasing scarf design for ``seed``.

    >>> g = random_genome(7)
    >>> g == random_genome(7), g.seed
    (True, 7)
    """
    rng = np.random.default_rng(np.random.SeedSequence([seed, 0x50_CA_4F]))
    palette = _palette(rng)
    ground, ground_kind = _ground(rng)
    inset = _u(rng, 0.035, 0.055)
    height = _u(rng, 0.055, 0.085)
    inner = round(1 - 2 * (inset + height) - 0.01, 4)
    layers = [ground]
    field_name = None
    if rng.random() < 0.7:
        field, field_name = _field(rng, inner)
        layers.append(field)
    border, bzh, ben = _border(rng, inset, height)
    layers.append(border)
    if rng.random() < 0.6:
        layers.extend(_corners(rng, inset + height + 0.01, round(height * 2.2, 3)))
    medallion, mzh, men = _medallion(rng, _u(rng, 0.17, 0.27))
    layers.append(medallion)
    root = Node.make("layout.layers", inputs={"layers": layers})
    title_zh = f"{mzh}{bzh}"
    title_en = f"{men.capitalize()} with {ben}"
    if field_name:
        title_zh = f"{field_name[0]}{title_zh}"
        title_en += f" on {field_name[1]}"
    meta = {
        "title": f"{title_zh} · {title_en}",
        "provenance": {
            "made_by": "foulard.scarf.random_design",
            "generator_version": GENERATOR_VERSION,
            "seed": seed,
            "ground": ground_kind,
        },
    }
    return Genome.make(root, palette, seed=seed, meta=meta)
