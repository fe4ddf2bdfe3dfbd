"""Collections: N designs that share a story and differ by a measured margin.

"A collection of 12 around this design / this palette / this prompt". The shared
elements are fixed (a design's palette, layout and main motif; a palette; a prompt's
intent); everything else varies. A pool of candidates (three per place) is drawn,
their perceptual signatures computed, and the collection chosen greedily by max-min
distance (each next design the one farthest from those taken), which keeps the
minimum pairwise distance, reported with the collection, as large as the pool allows.
The collection is accepted when that minimum is above :data:`MIN_DISTANCE` (1.5 on
the scale where 1 is a near-duplicate).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from foulard.errors import FoulardError
from foulard.genome.schema import Genome
from foulard.perceptual import Signature, distance
from foulard.prompt.compose import compose
from foulard.prompt.designer import signature_of
from foulard.prompt.intent import Intent
from foulard.prompt.recipe import DECISIONS, Recipe, build_genome, recipe_of

__all__ = ["MIN_DISTANCE", "Collection", "around_design", "around_palette", "around_prompt"]

MIN_DISTANCE = 1.5
STORY = ("palette", "hero")  # what a collection around a design keeps


@dataclass
class Collection:
    """N designs sharing ``shared`` (decision names or prompt terms), with their minimum
    and mean pairwise perceptual distance; ``ok`` when the minimum is above
    :data:`MIN_DISTANCE`."""

    genomes: list[Genome]
    shared: list[str]
    min_distance: float
    mean_distance: float
    signatures: list[Signature] = field(default_factory=list, repr=False)

    @property
    def ok(self) -> bool:
        return self.min_distance > MIN_DISTANCE

    def to_json(self) -> dict[str, Any]:
        return {
            "designs": [g.design_id for g in self.genomes],
            "shared": self.shared,
            "min_pairwise_distance": round(self.min_distance, 3),
            "mean_pairwise_distance": round(self.mean_distance, 3),
            "threshold": MIN_DISTANCE,
            "above_threshold": self.ok,
        }


def _select(genomes: list[Genome], n: int, px: int, first: int = 0) -> tuple[list[int], list]:
    sigs = [signature_of(g, px) for g in genomes]
    m = len(sigs)
    d = np.zeros((m, m))
    for i in range(m):
        for j in range(i):
            d[i, j] = d[j, i] = distance(sigs[i], sigs[j])
    taken = [first]
    best = d[first].copy()
    best[first] = -1
    while len(taken) < min(n, m):
        k = int(np.argmax(best))
        taken.append(k)
        best = np.minimum(best, d[k])
        best[taken] = -1
    return taken, [sigs[i] for i in taken]


def _finish(genomes, idx, sigs, shared) -> Collection:
    chosen = [genomes[i] for i in idx]
    pair = [distance(a, b) for i, a in enumerate(sigs) for b in sigs[i + 1 :]]
    return Collection(chosen, shared, float(min(pair)), float(np.mean(pair)), sigs)


def around_recipe(
    base: Recipe, n: int = 12, *, seed: int = 0, keep=STORY, px: int = 64, pool: int = 3
) -> Collection:
    """Designs keeping ``keep`` decisions of ``base`` and varying the others."""
    from foulard.evolve.operators import mutate_recipe

    rng = np.random.default_rng(np.random.SeedSequence([seed, base.seed, 0xC011]))
    keep = set(keep)
    recipes = [base]
    while len(recipes) < pool * n:
        r = mutate_recipe(base, rng, keep=keep, rate=0.6)
        r = r.with_(seed=int(rng.integers(2**62)))
        recipes.append(r)
    meta = {"provenance": {"made_by": "foulard.evolve.collection", "kept": sorted(keep)}}
    genomes = [build_genome(r, meta=meta) for r in recipes]
    idx, sigs = _select(genomes, n, px)
    return _finish(genomes, idx, sigs, [d for d in DECISIONS if d in keep])


def around_design(
    genome: Genome, n: int = 12, *, seed: int = 0, px: int = 64, space=None
) -> Collection:
    """A collection keeping the design's palette and main motif (or, for a
    design of the space, its palette, layout and medallion genes)."""
    r = recipe_of(genome)
    if r is not None:
        return around_recipe(r, n, seed=seed, px=px)
    if space is None:
        raise FoulardError("a collection around this design needs its recipe or the design space")
    genes = space.anatomy.parse(genome)
    if any(a is None for a in genes):
        raise FoulardError("this design is neither composed nor of the design space")
    rng = np.random.default_rng(np.random.SeedSequence([seed, 0xC012]))
    keep = {0, 1, 2}  # palette, layout, medallion motif
    from foulard.evolve.operators import mutate_genes

    genomes = [genome]
    while len(genomes) < 3 * n:
        row = mutate_genes(list(genes), rng, keep=keep, rate=0.5)
        root, palette = space.anatomy.assemble(row)
        meta = {"provenance": {"made_by": "foulard.evolve.collection", "genes": row}}
        genomes.append(Genome.make(root, palette, int(rng.integers(2**62)), meta))
    idx, sigs = _select(genomes, n, px)
    return _finish(genomes, idx, sigs, ["palette", "layout", "medallion_motif"])


def around_palette(
    palette: dict, n: int = 12, *, seed: int = 0, px: int = 64, language: str = "en"
) -> Collection:
    """A collection in one palette (a palette node as JSON), all else varied."""
    intent = Intent(text=f"palette {palette}", language=language)
    recipes, _ = compose(intent, 3 * n, seed=seed)
    recipes = [r.with_(palette=palette) for r in recipes]
    genomes = [build_genome(r) for r in recipes]
    idx, sigs = _select(genomes, n, px)
    return _finish(genomes, idx, sigs, ["palette"])


def around_prompt(
    intent: Intent, n: int = 12, *, seed: int = 0, px: int = 64, pool: int = 3
) -> Collection:
    """A collection of designs that all honour one intent."""
    recipes, _ = compose(intent, pool * n, seed=seed)
    genomes = [build_genome(r) for r in recipes]
    idx, sigs = _select(genomes, n, px)
    shared = [e.term for e in intent.wanted]
    return _finish(genomes, idx, sigs, shared)
