"""The next batch from what a person liked and disliked.

:func:`evolve` breeds a pool of children from the liked designs (crossover and
mutation, :mod:`foulard.evolve.operators`), keeping what all liked designs share and
steering away from what the disliked ones share; scores them with the person's taste
model (trained on the liked and disliked designs); and selects the batch greedily by
taste plus *novelty*: a child within the near-duplicate distance of anything the
person has seen (liked, disliked, earlier batches) or of a child already taken is
dropped, and among the rest the ones farthest from what was seen gain. With a space
and the person's slot, the best designs of the person's own stream (re-ranked by the
same taste model) join the batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from foulard.errors import FoulardError
from foulard.evolve.features import genome_features
from foulard.evolve.operators import (
    cross_genes,
    cross_params,
    cross_recipes,
    mutate_genes,
    mutate_params,
    mutate_recipe,
    shared_decisions,
    shared_genes,
)
from foulard.evolve.taste import TasteModel, rank_stream
from foulard.genome.schema import Genome
from foulard.perceptual import Signature, distance
from foulard.prompt.designer import NEAR, signature_of
from foulard.prompt.recipe import DECISIONS, build_genome, recipe_of

__all__ = ["Proposal", "evolve", "taste_model"]


@dataclass
class Proposal:
    """One evolved design: its genome, how it was made (``origin``: ``recipe``,
    ``genes``, ``params`` or ``stream``, one of the person's own addresses), its taste
    score (log-odds of a like), its novelty (perceptual distance to the nearest design
    the person has seen) and its signature (kept in the person's history)."""

    genome: Genome
    origin: str  # "recipe" | "genes" | "params" | "stream"
    score: float
    novelty: float
    address: str | None = None
    signature: Signature | None = field(default=None, repr=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "design_id": self.genome.design_id,
            "origin": self.origin,
            "taste_score": round(self.score, 3),
            "novelty": round(self.novelty, 3),
            "address": self.address,
        }


def taste_model(liked: list[Genome], disliked: list[Genome], lam: float = 1.0) -> TasteModel:
    """A person's taste model fitted on the designs they liked and disliked."""
    xs = [genome_features(g) for g in [*liked, *disliked]]
    model = TasteModel(len(xs[0]), lam=lam)
    model.update_many(xs, [True] * len(liked) + [False] * len(disliked))
    return model


def _space_genes(space, genomes: list[Genome]) -> list[list[int | None]] | None:
    if space is None:
        return None
    rows = []
    for g in genomes:
        try:
            row = space.anatomy.parse(g)
        except Exception:
            return None
        if any(a is None for a in row):
            return None
        rows.append(row)
    return rows


def _meta(kind: str, parents: list[Genome], extra: dict | None = None) -> dict:
    prov = {
        "made_by": "foulard.evolve",
        "operator": kind,
        "parents": [g.design_id for g in parents],
    }
    prov.update(extra or {})
    return {"title": f"evolved ({kind})", "provenance": prov}


def _children(liked, disliked, rng, pool: int, space) -> list[tuple[Genome, str]]:
    recipes = [recipe_of(g) for g in liked]
    out: list[tuple[Genome, str]] = []
    if all(r is not None for r in recipes):
        keep = shared_decisions(recipes)
        bad = [recipe_of(g) for g in disliked]
        bad = [r for r in bad if r is not None]
        avoid: dict[str, set] = {}
        for d in shared_decisions(bad) if len(bad) > 0 else ():
            if d not in keep:
                avoid.setdefault(d, set()).add(bad[0].value(d) if d != "palette" else None)
        palettes = [r.palette for r in recipes]
        prov_extra = {"kept": sorted(keep)}
        for k in range(pool):
            seed = int(rng.integers(2**62))
            child = cross_recipes(recipes, rng, seed)
            child = mutate_recipe(child, rng, keep=keep, avoid=avoid, palettes=palettes)
            g = build_genome(child, meta=_meta("recipe", liked, prov_extra))
            # Parameter level: the layout's numbers from either parent where they match.
            a, b = liked[k % len(liked)], liked[(k + 1) % len(liked)]
            root = cross_params(g.root, a.root, rng) if a.root.op == g.root.op else g.root
            root = cross_params(root, b.root, rng) if b.root.op == root.op else root
            root = mutate_params(root, rng)
            out.append((g.replace(root=root), "recipe"))
        return out
    genes = _space_genes(space, liked)
    if genes is not None:
        keep = shared_genes(genes)
        for _ in range(pool):
            row = mutate_genes(cross_genes(genes, rng), rng, keep=keep)
            root, palette = space.anatomy.assemble(row)
            root = mutate_params(root, rng)
            meta = _meta("genes", liked, {"kept_genes": sorted(keep), "genes": row})
            out.append((Genome.make(root, palette, int(rng.integers(2**62)), meta), "genes"))
        return out
    # Any other genomes: parameters crossed where trees match, nudged, new seeds.
    for k in range(pool):
        a = liked[int(rng.integers(len(liked)))]
        b = liked[int(rng.integers(len(liked)))]
        root = mutate_params(cross_params(a.root, b.root, rng), rng, rate=0.2)
        palette = (a if rng.random() < 0.5 else b).palette
        seed = int(rng.integers(2**62))
        out.append((Genome.make(root, palette, seed, _meta("params", liked)), "params"))
        del k
    return out


def evolve(
    liked: list[Genome],
    disliked: list[Genome] = (),
    n: int = 6,
    *,
    seed: int = 0,
    seen: list[Signature] = (),
    space=None,
    slot: int | None = None,
    pool_factor: int = 3,
    signature_px: int = 64,
    rounds: int = 4,
) -> list[Proposal]:
    """The next ``n`` designs for a person who liked ``liked`` and disliked ``disliked``."""
    if not liked:
        raise FoulardError("evolution needs at least one liked design")
    if not 1 <= n <= 24:
        raise FoulardError(f"between 1 and 24 designs can be asked, not {n}")
    rng = np.random.default_rng(np.random.SeedSequence([seed, 0xE7017E]))
    model = taste_model(list(liked), list(disliked))
    seen_sigs = [signature_of(g, signature_px) for g in [*liked, *disliked]] + list(seen)
    chosen: list[Proposal] = []
    stream: list[Proposal] = []
    if space is not None and slot is not None:
        from foulard.space.address import Address

        for k, s in rank_stream(space, slot, model, k=max(1, n // 3)):
            a = Address(slot, k)
            stream.append(Proposal(space.genome(a), "stream", s, 0.0, address=str(a)))
    # Rounds of children until the batch is full: novelty drops the ones too close to
    # what the person saw, or to a child already taken.
    for round_ in range(rounds):
        props = [
            Proposal(g, origin, float(model.score(genome_features(g)[None])[0]), 0.0)
            for g, origin in _children(list(liked), list(disliked), rng, pool_factor * n, space)
        ]
        if round_ == 0:
            props += stream
        for p in props:
            p.signature = signature_of(p.genome, signature_px)
            p.novelty = min((distance(p.signature, s) for s in seen_sigs), default=10.0)
        scores = np.array([p.score for p in props])
        spread = float(scores.std()) or 1.0
        for p in sorted(props, key=lambda p: -(p.score / spread + 0.5 * min(p.novelty, 4.0))):
            if p.novelty <= NEAR:
                continue
            if any(distance(p.signature, c.signature) <= NEAR for c in chosen):
                continue
            chosen.append(p)
            if len(chosen) == n:
                return chosen
    return chosen


def kept_decisions(liked: list[Genome]) -> list[str]:
    """What the liked designs share (the decisions evolution keeps), for reports."""
    recipes = [recipe_of(g) for g in liked]
    if all(r is not None for r in recipes):
        return [d for d in DECISIONS if d in shared_decisions(recipes)]
    return []
