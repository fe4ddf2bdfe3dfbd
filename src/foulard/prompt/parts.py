"""The parts of a composed scarf as nodes: motifs with their inks, repeats, grounds.

The prompt composer's building blocks (a motif with its colour roles spread over
the palette's accents; a ground texture a layout reads as mottled or woven silk, or
the model's; a wallpaper repeat of a small motif), on the pieces it shares with
random designs (:mod:`foulard.scarf.parts`). Every choice comes from the generator
handed in; an operator's own ``example_params`` (chosen by its author to look good)
are the starting point.
"""

from __future__ import annotations

import numpy as np

from foulard.genome.schema import Node
from foulard.ops import registry
from foulard.ops.examples import example_node
from foulard.scarf.parts import only_params, pick, texture_ground, uniform

__all__ = ["ground_node", "lattice_node", "motif_node", "pattern_node"]


def motif_node(
    op: str, rng: np.random.Generator, *, small: bool = False, inks=(1, 2, 3, 4)
) -> Node:
    """A motif (vector operator, or any node kind used as a motif) with its colour
    roles spread over the palette's accents (role 0, the ground, for reserve lines)."""
    spec = registry.get(op)
    if spec.kind != "vector":
        return pattern_node(op, rng)
    base = dict(spec.example_params)
    roles = list(inks)
    rng.shuffle(roles)
    for p in spec.params.specs():
        name = p.name
        if p.type != "int" or not name.endswith("_color"):
            continue
        if name == "line_color":
            base[name] = 0
        elif name == "ground_color":
            continue
        else:
            base[name] = roles.pop()
            if not roles:
                roles = list(inks)
                rng.shuffle(roles)
    names = {p.name for p in spec.params.specs()}
    if "rotation" in names and "rotation" not in spec.example_params:
        base["rotation"] = uniform(rng, -20, 20, 1)
    if op == "motifs.lotus":
        base["view"] = "top" if not small else pick(rng, ["top", "side"])
    if op == "motifs.chrysanthemum":
        base["petals"] = int(rng.integers(48, 96)) if small else int(rng.integers(140, 240))
    if op == "ornament.huiwen":
        base["style"] = pick(rng, ["single", "double", "t_fret", "linked"])
    if op == "ornament.xiangyun":
        base["clouds"] = int(rng.integers(1, 3)) if small else int(rng.integers(2, 4))
    return Node.make(op, **only_params(op, base))


def pattern_node(op: str, rng: np.random.Generator) -> Node:
    """An all-over pattern (tiling, weave, craft, growth, field): its example, reseeded
    by the genome's seed, so every design draws its own variation."""
    del rng  # the node's own generator (seed, path) varies it; its example looks right
    return example_node(op)


def lattice_node(lattice: str, motif: Node, rng: np.random.Generator, density: str) -> Node:
    """A wallpaper repeat of a motif, as dense as asked."""
    repeats = {
        "dense": (9, 13),
        "small": (8, 12),
        "sparse": (3, 5),
        "large": (3, 5),
    }.get(density, (4, 8))
    size = {"small": (0.4, 0.55), "large": (0.7, 0.85)}.get(density, (0.5, 0.75))
    params = only_params(
        lattice,
        {"repeats": int(rng.integers(*repeats)), "motif_size": uniform(rng, *size)},
    )
    return Node.make(lattice, inputs={"motif": motif}, **params)


def ground_node(kind: str, rng: np.random.Generator, neural: dict | None = None) -> Node | None:
    """A one-channel texture the layouts read as a mottled or woven silk ground, or
    (``neural``) a colour sample of foulard's model laid over the ground colour,
    conditioned as ``neural`` says (:func:`foulard.prompt.neural.ground_node`)."""
    if kind == "plain":
        return None
    if kind == "neural":
        from foulard.prompt.neural import ground_node as model_ground

        return model_ground(neural, rng)
    return texture_ground(kind, rng)
