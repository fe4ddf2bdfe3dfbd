"""The parts of a composed scarf as nodes: motifs with their inks, repeats, grounds.

These are the building blocks both the prompt composer and random designs need (a
motif with its colour roles spread over the palette's accents; a ground texture a
layout reads as mottled or woven silk; a wallpaper repeat of a small motif). Every
choice comes from the generator handed in; an operator's own ``example_params``
(chosen by its author to look good) are the starting point.
"""

from __future__ import annotations

import numpy as np

from foulard.genome.schema import Node
from foulard.ops import registry
from foulard.ops.examples import example_node

__all__ = [
    "FRIEZE_GROUPS",
    "GROUNDS",
    "LATTICES",
    "ground_node",
    "lattice_node",
    "motif_node",
    "only_params",
    "pattern_node",
    "pick",
    "uniform",
]

LATTICES = (
    "symmetry.p4m",
    "symmetry.p6m",
    "symmetry.cmm",
    "symmetry.half_drop",
    "symmetry.p4g",
    "symmetry.pmm",
    "symmetry.p31m",
    "symmetry.brick",
    "symmetry.p4",
    "symmetry.p6",
)
FRIEZE_GROUPS = ("p1", "p11g", "p1m1", "p2", "p2mg", "p11m", "p2mm")
GROUNDS = ("silk", "clouds", "crackle", "grain", "plain")


def pick(rng: np.random.Generator, items):
    items = list(items)
    return items[int(rng.integers(len(items)))]


def uniform(rng: np.random.Generator, lo: float, hi: float, nd: int = 3) -> float:
    return round(float(rng.uniform(lo, hi)), nd)


def only_params(op: str, params: dict) -> dict:
    """The parameters of ``params`` that ``op`` has, each inside its range."""
    specs = {p.name: p for p in registry.get(op).params.specs()}
    out = {}
    for k, v in params.items():
        s = specs.get(k)
        if s is None:
            continue
        if s.range is not None and isinstance(v, (int, float)) and not isinstance(v, bool):
            lo, hi = s.range
            if not lo <= v <= hi:
                continue
        if s.choices is not None and v not in s.choices:
            continue
        out[k] = v
    return out


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


def _baked(texture: Node) -> Node:
    """A smooth texture baked on a 512-cell grid: the same look, far cheaper masters."""
    return Node.make("transform.resample", cells=512, inputs={"source": texture})


def ground_node(kind: str, rng: np.random.Generator, neural: dict | None = None) -> Node | None:
    """A one-channel texture the layouts read as a mottled or woven silk ground, or
    (``neural``) a colour sample of foulard's model laid over the ground colour,
    conditioned as ``neural`` says (:func:`foulard.prompt.neural.ground_node`)."""
    if kind == "plain":
        return None
    if kind == "neural":
        from foulard.prompt.neural import ground_node as model_ground

        return model_ground(neural, rng)
    if kind == "silk":
        noise = Node.make("fields.perlin_noise", frequency=int(rng.integers(3, 8)))
        return _baked(Node.make("fields.fbm", octaves=5, inputs={"source": noise}))
    if kind == "clouds":
        return _baked(
            Node.make("fields.turbulence", inputs={"source": Node.make("fields.simplex_noise")})
        )
    if kind == "crackle":
        return Node.make(
            "fields.worley_noise", cells=int(rng.integers(12, 28)), feature="f2_minus_f1"
        )
    return Node.make(
        "fields.sine_grating",
        **only_params(
            "fields.sine_grating",
            {"frequency": int(rng.integers(60, 120)), "angle": uniform(rng, -50, 50, 1)},
        ),
    )
