"""Small pieces every scarf composer draws with: a choice, a rounded uniform draw,
parameters kept to what an operator has, the repeats' groups, the silk grounds.

Random designs (:mod:`foulard.scarf.random_design`) and the prompt composer
(:mod:`foulard.prompt.parts`) share them, so both draw a ground or a lattice the
same way from the generator handed in.
"""

from __future__ import annotations

import numpy as np

from foulard.genome.schema import Node
from foulard.ops import registry

__all__ = [
    "FRIEZE_GROUPS",
    "GROUNDS",
    "LATTICES",
    "TEXTURE_GROUNDS",
    "baked",
    "only_params",
    "pick",
    "texture_ground",
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
TEXTURE_GROUNDS = ("silk", "clouds", "crackle", "grain")  # texture_ground's kinds
GROUNDS = (*TEXTURE_GROUNDS, "plain")


def pick(rng: np.random.Generator, items):
    items = list(items)
    return items[int(rng.integers(len(items)))]


def uniform(rng: np.random.Generator, lo: float, hi: float, nd: int = 3) -> float:
    return round(float(rng.uniform(lo, hi)), nd)


def only_params(op: str, params: dict) -> dict:
    """The parameters of ``params`` that ``op`` has, each inside its range (operators
    evolve; a recipe must not break)."""
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


def baked(texture: Node) -> Node:
    """A smooth texture baked on a 512-cell grid: the same look, far cheaper masters."""
    return Node.make("transform.resample", cells=512, inputs={"source": texture})


def texture_ground(kind: str, rng: np.random.Generator) -> Node:
    """A one-channel texture (one of :data:`TEXTURE_GROUNDS`) the layouts read as a
    mottled or woven silk ground."""
    if kind == "silk":
        noise = Node.make("fields.perlin_noise", frequency=int(rng.integers(3, 8)))
        return baked(Node.make("fields.fbm", octaves=5, inputs={"source": noise}))
    if kind == "clouds":
        return baked(
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
