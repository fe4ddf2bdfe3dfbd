"""Evolution keeps what the liked designs share; collections are families, not copies."""

from __future__ import annotations

import numpy as np

from foulard.evolve import around_recipe, evolve
from foulard.evolve.operators import mutate_params, shared_decisions
from foulard.perceptual import distance
from foulard.prompt import build_genome, parse, recipe_of
from foulard.prompt.compose import compose
from foulard.prompt.designer import NEAR, signature_of
from foulard.space import Address, DesignSpace


def test_children_keep_the_shared_decisions_and_are_novel():
    recipes, _ = compose(parse("crane, 暮色鎏金"), 3)
    liked = [build_genome(r) for r in recipes]
    shared = shared_decisions(recipes)
    assert {"hero", "palette"} <= shared
    props = evolve(liked, [], 3, seed=2, signature_px=48)
    assert len(props) == 3
    seen = [signature_of(g, 48) for g in liked]
    for p in props:
        r = recipe_of(p.genome)
        for d in shared:
            assert r.value(d) == recipes[0].value(d), d
        assert all(distance(p.signature, s) > NEAR for s in seen)


def test_space_parents_cross_at_the_gene_level():
    space = DesignSpace(bytes(range(32)))
    liked = [space.genome(Address(9, k)) for k in range(2)]
    props = evolve(liked, [], 2, space=space, signature_px=48)
    assert {p.origin for p in props} <= {"genes", "stream"}
    for p in props:
        if p.origin == "genes":
            genes = p.genome.meta["provenance"]["genes"]
            kept = p.genome.meta["provenance"]["kept_genes"]
            parents = [space.anatomy.parse(g) for g in liked]
            assert all(genes[j] == parents[0][j] for j in kept)


def test_parameter_mutation_stays_valid():
    g = build_genome(compose(parse("lotus"), 1)[0][0])
    rng = np.random.default_rng(0)
    root = mutate_params(g.root, rng, rate=1.0, scale=0.5)  # validated on construction
    assert root != g.root


def test_collection_shares_the_story_and_reports_its_margin():
    base = compose(parse("peony"), 1)[0][0]
    col = around_recipe(base, 4, px=48, pool=2)
    assert len(col.genomes) == 4 and col.genomes[0] == build_genome(
        base,
        meta={"provenance": {"made_by": "foulard.evolve.collection", "kept": ["hero", "palette"]}},
    )
    for g in col.genomes:
        r = recipe_of(g)
        assert r.hero == base.hero and r.palette == base.palette
    sigs = col.signatures
    pair = min(distance(a, b) for i, a in enumerate(sigs) for b in sigs[i + 1 :])
    assert abs(pair - col.min_distance) < 1e-9 and col.min_distance > NEAR
