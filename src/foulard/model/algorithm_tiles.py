"""The algorithm source of the model's training set: tiles rendered by foulard's own
operators, with their words.

Two kinds (see :func:`foulard.model.dataset.build_dataset`): a tile of one periodic
operator as its example draws it (:func:`synthetic_tile`, with a drawn palette, seed
and, for the wallpaper groups, a drawn motif), and a tile of one vocabulary group seen
close (:func:`zoomed_tile`: varied parameters, a few cells a tile). Their words are the
vocabulary ids of the operators used and of the motif groups holding them; the
builder adds the colours read from the pixels (:func:`algorithm_row`).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from foulard.model.concepts import colour_words

__all__ = ["ZOOM_GROUPS", "algorithm_row", "periodic_operators", "synthetic_tile", "zoomed_tile"]

# Motifs the wallpaper groups repeat in synthetic tiles.
_MOTIFS = (
    "motifs.plum_blossom",
    "motifs.peony",
    "motifs.lotus",
    "motifs.chrysanthemum",
    "motifs.paisley",
    "motifs.leaf",
    "motifs.butterfly",
    "motifs.crane",
    "motifs.carp",
    "motifs.bat",
    "motifs.bamboo",
    "motifs.orchid",
    "motifs.rose",
    "motifs.feather",
    "ornament.xiangyun",
    "ornament.ruyi",
    "ornament.fleur_de_lis",
    "ornament.palmette",
    "ornament.star_polygon",
    "ornament.coin",
    "ornament.endless_knot",
    "ornament.damask_medallion",
    "ornament.mandala",
    "ornament.seigaiha",
)
_SLOW = {"growth.gray_scott", "learned.image_quilting", "learned.make_seamless"}
_OWN_MODEL = "learned.neural_"


def periodic_operators() -> list[str]:
    """Operators whose tiles the synthetic source renders (periodic, quick at 64 px)."""
    import foulard.ops  # noqa: F401  (registers every family)
    from foulard.ops import registry

    out = []
    for spec in registry.operators():
        if spec.kind in ("palette",) or spec.periods is None or spec.id in _SLOW:
            continue
        if spec.family in ("layout", "transform", "color", "finish"):
            continue
        if spec.id.startswith(_OWN_MODEL):
            continue  # the model's own operators: never train on its (old weights') samples
        out.append(spec.id)
    return sorted(out)


def _palette_node(rng: np.random.Generator):
    from foulard.genome.schema import Node

    count = int(rng.integers(4, 7))
    ground = "dark" if rng.random() < 0.3 else "light"
    r = rng.random()
    if r < 0.35:
        return Node.make("color.chinese_traditional", theme="random", count=count, ground=ground)
    if r < 0.55:
        return Node.make("color.solar_term", term="random", count=count, ground=ground)
    scheme = ["analogous", "split_complementary", "triadic", "complementary"][int(rng.integers(4))]
    return Node.make(
        "color.harmony",
        scheme=scheme,
        hue=round(float(rng.uniform(0, 360)), 1),
        chroma=round(float(rng.uniform(0.06, 0.18)), 3),
        lightness=round(float(rng.uniform(0.4, 0.7)), 3),
        count=count,
        ground=ground,
    )


def _inked(node, seed: int):
    """A value field (noise, reaction-diffusion: values, not colours) through a
    gradient map of its palette, so its tile has inks rather than greys; other nodes
    as they are. The map's settings come from the tile's own seed (no draw from the
    builder's stream: the other tiles stay those of a build without inks)."""
    from foulard.genome.schema import Node
    from foulard.ops.registry import get

    if get(node.op).output != "value":
        return node
    pick = np.random.default_rng(np.random.SeedSequence([seed, 0x1C5]))
    return Node.make(
        "color.gradient_map",
        inputs={"source": node},
        mode=("smooth", "steps")[int(pick.integers(2))],
        reverse=bool(pick.integers(2)),
        contrast=round(float(pick.uniform(0.8, 2.5)), 2),
    )


def _synthetic_genome(op: str, rng: np.random.Generator, value_inks: bool = False):
    from foulard.genome.schema import Genome
    from foulard.ops.examples import example_node
    from foulard.ops.registry import get

    spec = get(op)
    node = example_node(spec)
    used = [op]
    if spec.family == "symmetry" and any(s.name == "motif" for s in spec.inputs):
        motif = _MOTIFS[int(rng.integers(len(_MOTIFS)))]
        node = node.with_input("motif", example_node(motif))
        used.append(motif)
    seed = int(rng.integers(1, 2**31 - 1))
    if value_inks:
        node = _inked(node, seed)
    return Genome.make(node, _palette_node(rng), seed=seed, meta={"title": op}), used


def _op_words(used: list[str]) -> list[str]:
    from foulard.prompt.vocabulary import vocabulary

    vocab = vocabulary()
    words: list[str] = []
    for op in used:
        words.append(f"op:{op}")
        for g in vocab.of_kind("group"):
            if op in (g.data.get("ops") or ()):
                words.append(g.id)
    return list(dict.fromkeys(words))


def synthetic_tile(op: str, rng: np.random.Generator, side: int, value_inks: bool = False):
    from foulard.model.dataset import periodic_tile
    from foulard.render import render

    genome, used = _synthetic_genome(op, rng, value_inks)
    rgb = render(genome, 2 * side, threads=1).astype(np.float64) / 255.0
    return periodic_tile(rgb, side), _op_words(used), genome.seed


# Groups of the prompt vocabulary whose words the zoomed tiles teach, one share each.
ZOOM_GROUPS = (
    "group:flowers", "group:birds", "group:animals", "group:fish", "group:plants",
    "group:clouds", "group:waves", "group:stars", "group:knots", "group:checks",
    "group:stripes", "group:dots", "group:tie_dye", "group:weaves", "group:tessellations",
    "group:noise_textures", "group:lucky_charms",
)  # fmt: skip
_WALLPAPERS = (
    "symmetry.p1", "symmetry.p2", "symmetry.pm", "symmetry.pmm", "symmetry.cmm",
    "symmetry.p4", "symmetry.p4m", "symmetry.p4g", "symmetry.brick", "symmetry.half_drop",
    "symmetry.p6m", "symmetry.pgg",
)  # fmt: skip


def _varied(node, rng: np.random.Generator):
    """``node`` with about half its parameters drawn near their example values: sizes
    and counts scaled by up to 2x either way, other numbers moved by up to a fifth of
    their range, named choices (not "custom") redrawn now and then."""
    changes: dict[str, Any] = {}
    for spec in node.params.specs():
        v = getattr(node.params, spec.name)
        if rng.random() >= 0.5 or spec.name.endswith("_color"):
            continue
        if spec.type in ("float", "int") and spec.range and isinstance(v, int | float):
            lo, hi = spec.range
            if lo >= 0 and v > 0:
                new = v * float(np.exp(rng.uniform(-0.7, 0.7)))
            else:
                new = v + float(rng.uniform(-0.2, 0.2)) * (hi - lo)
            new = min(hi, max(lo, new))
            changes[spec.name] = round(new) if spec.type == "int" else round(new, 4)
        elif spec.type == "choice" and spec.choices and rng.random() < 0.6:
            options = [c for c in spec.choices if c != "custom"]
            if options:
                changes[spec.name] = options[int(rng.integers(len(options)))]
    from foulard.errors import FoulardError

    for name, value in changes.items():  # one at a time: a refused value is left out
        try:
            node = node.replace(**{name: value})
        except (FoulardError, ValueError):
            continue
    return node


def _zoom_frame(periods, rng: np.random.Generator) -> tuple[float, float, float, float]:
    """A square of the design, 1 to 3 whole periods wide when the lattice is square and
    axis-aligned (the tile is then exactly periodic), else a half or a third of it
    (the periodic part of the crop smooths its seam, as for a photograph)."""
    side = 1.0 / float(rng.choice([1, 2, 3]))
    if periods and len(periods) == 2:
        (ax, ay), (bx, by) = periods
        if abs(ay) < 1e-9 and abs(bx) < 1e-9 and abs(abs(ax) - abs(by)) < 1e-9 and ax:
            side = min(1.0, abs(ax) * int(rng.integers(1, 4)))
    x0, y0 = (float(v) for v in rng.uniform(0.0, 1.0 - side, 2)) if side < 1 else (0.0, 0.0)
    return (x0, y0, x0 + side, y0 + side)


def zoomed_tile(
    group: str, rng: np.random.Generator, side: int, periodic: frozenset[str],
    value_inks: bool = False,
):  # fmt: skip
    """A tile for one vocabulary group: one of its operators (a motif is repeated by a
    wallpaper group) with varied parameters, seen close (a few cells a tile), so the
    model sees motifs, dots and stripes large enough to draw. ``periodic``: the
    operators rendered as they are (:func:`periodic_operators`). Returns the tile, its
    words and its origin."""
    import foulard.ops  # noqa: F401
    from foulard.genome.schema import Genome
    from foulard.model.dataset import periodic_tile
    from foulard.ops.examples import example_node
    from foulard.ops.registry import get
    from foulard.prompt.vocabulary import vocabulary
    from foulard.render import RenderContext, render

    ops = [
        o
        for o in vocabulary().by_id[group].data.get("ops") or ()
        if o in periodic or get(o).kind == "vector"
    ]
    op = ops[int(rng.integers(len(ops)))]
    used = [op]
    if op in periodic:
        node = _varied(example_node(get(op)), rng)
    else:
        wallpaper = _WALLPAPERS[int(rng.integers(len(_WALLPAPERS)))]
        node = _varied(example_node(get(wallpaper)), rng)
        node = node.with_input("motif", _varied(example_node(get(op)), rng))
        used.insert(0, wallpaper)
    seed = int(rng.integers(1, 2**31 - 1))
    spec = get(node.op)
    frame_of = node  # the field's periods frame the tile (a gradient map has none)
    if value_inks:
        node = _inked(node, seed)
    genome = Genome.make(node, _palette_node(rng), seed=seed, meta={"title": op})
    frame = _zoom_frame(spec.periods(frame_of.params) if spec.periods else None, rng)
    ctx = RenderContext.preview(2 * side, frame=frame)
    rgb = render(genome, ctx, threads=1).astype(np.float64) / 255.0
    origin = f"{'+'.join(used)}#seed={seed}#frame=" + ",".join(f"{v:.4f}" for v in frame)
    return periodic_tile(rgb, side), _op_words(used), origin


def algorithm_row(origin: str, words: list[str], tile: np.ndarray) -> dict[str, Any]:
    """The manifest row of a tile rendered by foulard's own operators."""
    return {
        "source": "algorithms",
        "origin": origin,
        "words": words + colour_words(tile),
        "licence": "Apache-2.0 (rendered by foulard's own operators)",
    }
