"""Batches: the judge, the space path, margins, explanations."""

from __future__ import annotations

import numpy as np

from foulard.prompt import build_genome, design, explain, honours, parse
from foulard.prompt.compose import compose, plan
from foulard.prompt.space_draw import person_matches, space_masks
from foulard.space import DesignSpace

SPACE = DesignSpace(bytes(range(32)))


def test_the_judge_sees_a_missing_motif_and_a_refused_colour():
    g = build_genome(compose(parse("peony, red"), 1)[0][0])
    assert honours(g, parse("peony, red"))["ok"]
    assert not honours(g, parse("crane"))["ok"]
    assert not honours(g, parse("peony, no red"))["ok"]


def test_space_candidates_are_the_persons_own_designs_and_honour():
    intent = parse("牡丹，回纹边框")
    batch = design(intent, 2, space=SPACE, slot=7, perceptual=False, space_share=1.0)
    assert [c.source for c in batch.candidates] == ["space", "space"]
    for c in batch.candidates:
        loc = SPACE.locate(c.genome)
        assert loc.exact and loc.address.slot == 7
        assert c.honour["ok"]
        assert "牡丹" in c.explanation and "回纹" in c.explanation


def test_masks_are_exact_on_the_genes():
    intent = parse("peony, no lotus")
    masks = space_masks(intent, plan(intent), SPACE.version)
    ns = person_matches(SPACE, 3, masks)
    assert len(ns) > 0
    genes = SPACE.genes_of(np.uint64(3 * 100_000) + ns[:50].astype(np.uint64))
    for j, gene in enumerate(SPACE.genes):
        assert masks[gene.name][genes[:, j]].all()


def test_space_cannot_express_layouts_and_says_so():
    intent = parse("tartan twilly")
    assert space_masks(intent, plan(intent), SPACE.version) is None
    batch = design(intent, 1, space=SPACE, slot=7, perceptual=False)
    assert batch.candidates[0].source == "composed"
    assert any("cannot express" in n for n in batch.notes)


def test_batch_reports_its_perceptual_margin():
    batch = design(parse("lotus, blue"), 3, signature_px=48)
    m = batch.metrics
    assert m["designs"] == 3 and m["honoured"] == 3
    assert m["min_perceptual_distance"] > 1.0  # no near-duplicates in a batch
    assert m["min_decisions_apart"] >= 3


def test_explanations_follow_the_prompt_language():
    g = build_genome(compose(parse("crane and clouds"), 1)[0][0])
    zh, en = explain(g, "zh"), explain(g, "en")
    assert "仙鹤" in zh and "配色" in zh
    assert "crane" in en.lower() and "palette" in en.lower()


def test_a_nonsense_prompt_still_gets_designs_and_a_note():
    batch = design(parse("qwxz"), 1, perceptual=False)
    assert len(batch.candidates) == 1
    assert "nothing in the prompt" in batch.notes[0]
    assert design(parse("peony"), 0, perceptual=False).reason


def test_both_space_versions_give_honouring_designs_of_the_person():
    from foulard.space.alleles import VERSIONS

    intent = parse("peony, no lotus")
    for version in sorted(VERSIONS):
        space = DesignSpace(bytes(range(32)), version)
        masks = space_masks(intent, plan(intent), version)
        assert masks is not None, version
        batch = design(intent, 1, space=space, slot=5, perceptual=False, space_share=1.0)
        c = batch.candidates[0]
        assert c.source == "space" and c.honour["ok"], version
        assert space.locate(c.genome).address.slot == 5
