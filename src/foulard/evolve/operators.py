"""Variation operators: crossover and mutation at the gene and at the parameter level.

Three views of a design, most specific first:

- a **recipe** (composed designs, ``foulard.prompt.recipe``): crossover picks each
  decision (layout, palette, motifs, lattice, ...) from one parent; mutation redraws a
  few decisions from the composer's pools; the child's seed is new, so its continuous
  details are redrawn too;
- **genes** (designs of the space): crossover picks each of the 14 genes from one
  parent, mutation sets a few genes to other alleles, and the space's anatomy builds
  the child (an outside design: its genes are not a codeword);
- **parameters** (any genome): each numeric parameter of a node takes its value from
  one parent where both trees have the same operator at the same path, then a few
  are nudged inside their ranges.

Decisions (or genes) that every liked parent shares are *kept*: never crossed away
nor mutated, so a batch shows what the liked designs have in common.
"""

from __future__ import annotations

import numpy as np

from foulard.genome.schema import Genome, Node
from foulard.prompt.plan import BORDER, HERO_EN, HERO_ZH, SMALL
from foulard.prompt.recipe import DECISIONS, LAYOUT_ROLES, SQUARE_LAYOUTS, Recipe
from foulard.scarf.parts import FRIEZE_GROUPS, GROUNDS, LATTICES

__all__ = [
    "cross_genes",
    "cross_params",
    "cross_recipes",
    "mutate_genes",
    "mutate_params",
    "mutate_recipe",
    "shared_decisions",
    "shared_genes",
]

_POOLS = {
    "layout": SQUARE_LAYOUTS,
    "hero": tuple(dict.fromkeys(HERO_ZH + HERO_EN)),
    "small": SMALL,
    "border": BORDER,
    "corner": tuple(dict.fromkeys(SMALL + HERO_ZH)),
    "lattice": LATTICES,
    "ground": tuple(g for g in GROUNDS if g != "plain"),
    "symmetry": ("d4", "c4"),
    "medallion": ("dihedral", "cyclic", "single"),
    "frieze": FRIEZE_GROUPS,
    "density": ("normal", "dense", "sparse", "small", "large"),
}


def shared_decisions(recipes: list[Recipe]) -> set[str]:
    """The decisions on which every recipe agrees."""
    if not recipes:
        return set()
    return {d for d in DECISIONS if all(r.value(d) == recipes[0].value(d) for r in recipes)}


def cross_recipes(parents: list[Recipe], rng: np.random.Generator, seed: int) -> Recipe:
    """Each decision from one parent (uniform crossover)."""
    base = parents[int(rng.integers(len(parents)))]
    changes = {}
    for d in DECISIONS:
        changes[d] = getattr(parents[int(rng.integers(len(parents)))], d)
    child = base.with_(**changes, seed=seed)
    # A motif the child's layout has no slot for is simply not drawn; the hero always is.
    return child


def mutate_recipe(
    r: Recipe,
    rng: np.random.Generator,
    *,
    keep: set[str],
    rate: float = 0.25,
    avoid: dict[str, set] | None = None,
    palettes=(),
) -> Recipe:
    """Redraw some decisions that are not kept (at least one, when any can change)."""
    avoid = avoid or {}
    free = [d for d in DECISIONS if d not in keep and (d in _POOLS or d == "palette")]
    if not free:
        return r
    chosen = [d for d in free if rng.random() < rate] or [free[int(rng.integers(len(free)))]]
    changes = {}
    for d in chosen:
        if d == "palette":
            options = [p for p in palettes if p != r.palette]
            if options:
                changes[d] = options[int(rng.integers(len(options)))]
            continue
        pool = [v for v in _POOLS[d] if v != getattr(r, d) and v not in avoid.get(d, set())]
        if pool:
            changes[d] = pool[int(rng.integers(len(pool)))]
    child = r.with_(**changes)
    if child.layout not in LAYOUT_ROLES:
        child = child.with_(layout=r.layout)
    return child


def shared_genes(gene_rows: list[list[int | None]]) -> set[int]:
    """Gene positions on which every parent agrees (unknown genes never agree)."""
    if not gene_rows:
        return set()
    first = gene_rows[0]
    return {j for j, a in enumerate(first) if a is not None and all(g[j] == a for g in gene_rows)}


def cross_genes(parents: list[list[int]], rng: np.random.Generator) -> list[int]:
    return [parents[int(rng.integers(len(parents)))][j] for j in range(len(parents[0]))]


def mutate_genes(
    genes: list[int], rng: np.random.Generator, *, keep: set[int], rate: float = 0.2
) -> list[int]:
    out = list(genes)
    free = [j for j in range(len(out)) if j not in keep]
    if not free:
        return out
    chosen = [j for j in free if rng.random() < rate] or [free[int(rng.integers(len(free)))]]
    for j in chosen:
        out[j] = int((out[j] + rng.integers(1, 256)) % 256)
    return out


def _numeric(node: Node) -> dict:
    out = {}
    for spec in node.params.specs():
        # Integers are counts and roles whose steps change meaning (0 = "fit"): floats only.
        if spec.type == "float" and spec.range and not spec.name.endswith("_color"):
            out[spec.name] = spec
    return out


def cross_params(a: Node, b: Node, rng: np.random.Generator) -> Node:
    """Numeric parameters from either parent where the operators match, recursively."""
    if a.op != b.op:
        return a
    specs = _numeric(a)
    changes = {k: getattr(b.params, k) for k in specs if rng.random() < 0.5}
    node = a.replace(**changes) if changes else a
    b_inputs = dict(b.inputs)
    for name, value in a.inputs:
        other = b_inputs.get(name)
        if other is None:
            continue
        if isinstance(value, tuple) and isinstance(other, tuple) and len(value) == len(other):
            node = node.with_input(
                name, [cross_params(x, y, rng) for x, y in zip(value, other, strict=True)]
            )
        elif isinstance(value, Node) and isinstance(other, Node):
            node = node.with_input(name, cross_params(value, other, rng))
    return node


def mutate_params(
    node: Node, rng: np.random.Generator, rate: float = 0.08, scale: float = 0.1
) -> Node:
    """Nudge a few numeric parameters by up to ``scale`` of their range, inside it."""
    changes = {}
    for name, spec in _numeric(node).items():
        if rng.random() >= rate:
            continue
        lo, hi = spec.range
        v = getattr(node.params, name)
        step = float(rng.uniform(-scale, scale)) * (hi - lo)
        new = round(float(min(hi, max(lo, v + step))), 4)
        if new != v:
            changes[name] = new
    out = node.replace(**changes) if changes else node
    for name, value in node.inputs:
        if isinstance(value, tuple):
            out = out.with_input(name, [mutate_params(c, rng, rate, scale) for c in value])
        else:
            out = out.with_input(name, mutate_params(value, rng, rate, scale))
    return out


def child_genome(root: Node, palette: Node, seed: int, meta: dict) -> Genome:
    return Genome.make(root, palette, seed=seed, meta=meta)
