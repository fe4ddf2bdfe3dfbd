"""Prompts that ask for foulard's own model: a model ground conditioned on the prompt's
known colour and motif words, the rest composed; unknown words reported."""

from __future__ import annotations

import json
import shutil

import pytest

from foulard.genome.schema import Genome
from foulard.model.infer import load_model, weights_path
from foulard.prompt import Recipe, design, parse
from foulard.prompt.neural import MODEL_OP
from foulard.render import render


def _model_nodes(genome: Genome) -> list:
    return [node for _, node in genome.root.walk() if node.op.startswith("learned.")]


def _concepts(words: str) -> set[str]:
    return {concept for _, concept in load_model().condition(words).used}


@pytest.mark.parametrize(
    "word", ["AI", "neural", "model", "generated", "AIGC", "模型", "生成", "智能"]
)
def test_words_for_the_model_are_one_element_in_both_languages(word):
    wanted = parse(f"{word} peony").wanted
    assert [e.id for e in wanted if e.kind == "group"] == ["group:neural"]
    assert next(e for e in wanted if e.id == "group:neural").ops == (MODEL_OP,)


def test_an_english_prompt_gets_a_conditioned_model_ground_and_a_composed_scarf():
    batch = design(parse("AI blue peony with a huiwen border"), 3, perceptual=False)
    assert len(batch.candidates) == 3
    for c in batch.candidates:
        assert c.honour["ok"], c.honour
        nodes = _model_nodes(c.genome)
        assert [n.op for n in nodes] == [MODEL_OP]
        params = nodes[0].params
        assert params.colouring == "model"
        assert _concepts(params.words) == {"colour:blue", "op:motifs.peony", "op:ornament.huiwen"}
        r = c.recipe
        assert (r.ground, r.hero, r.border) == ("neural", "motifs.peony", "ornament.huiwen")
        assert "foulard's own model" in c.explanation
        # A valid genome: it survives its JSON and renders.
        again = Genome.from_json(json.loads(json.dumps(c.genome.to_json())))
        assert again.design_id == c.genome.design_id
        img = render(again, 24, threads=1)
        assert img.shape == (24, 24, 3) and img.std() > 0
    assert any("conditioned on" in n for n in batch.notes)


def test_a_chinese_prompt_sets_the_same_concepts_as_its_english_twin():
    batch = design(parse("人工智能生成的蓝色牡丹，回纹边框"), 2, perceptual=False)
    for c in batch.candidates:
        assert c.honour["ok"], c.honour
        (node,) = _model_nodes(c.genome)
        assert "牡丹" in node.params.words
        assert _concepts(node.params.words) == {
            "colour:blue",
            "op:motifs.peony",
            "op:ornament.huiwen",
        }
        assert "自有模型" in c.explanation


def test_model_grounds_go_where_they_show():
    batch = design(parse("AI red clouds, gold"), 8, perceptual=False)
    assert all(c.recipe.layout != "layout.quartered" for c in batch.candidates)
    asked = design(parse("AI peony, quartered"), 1, perceptual=False)
    assert asked.candidates[0].recipe.layout == "layout.quartered"
    assert any("shade only" in n for n in asked.notes)


def test_model_designs_are_deterministic():
    def ids():
        batch = design(parse("neural red clouds"), 2, seed=4, perceptual=False)
        return [c.genome.design_id for c in batch.candidates]

    assert ids() == ids()
    assert ids() != [
        c.genome.design_id
        for c in design(parse("neural red clouds"), 2, seed=5, perceptual=False).candidates
    ]


def test_a_word_the_model_does_not_know_is_reported_not_guessed():
    batch = design(parse("AI horse bit, navy"), 2, perceptual=False)
    assert any("horse bit" in n and "not trained" in n for n in batch.notes)
    for c in batch.candidates:
        (node,) = _model_nodes(c.genome)
        assert "horse bit" not in node.params.words
        assert _concepts(node.params.words) == {"colour:blue"}  # navy is a blue
        assert "'horse bit'" in c.explanation and "not trained" in c.explanation
        assert c.recipe.hero == "motifs.horse_bit"  # the composer still draws it
    zh = design(parse("马衔，模型"), 1, perceptual=False)
    assert "马衔" in zh.candidates[0].explanation and "未学过" in zh.candidates[0].explanation


def test_the_word_for_the_model_is_no_condition_of_the_model():
    cond = load_model().condition("AI red flowers")
    assert {c for _, c in cond.used} == {"colour:red", "group:flowers"}
    assert all(i["text"].lower() != "ai" for i in cond.ignored)


def test_a_refused_colour_takes_the_palettes_colours():
    batch = design(parse("AI flowers, no red"), 2, perceptual=False)
    for c in batch.candidates:
        assert c.honour["ok"], c.honour
        (node,) = _model_nodes(c.genome)
        assert node.params.colouring == "palette"


def test_a_prompt_without_the_model_words_has_no_model_ground():
    for text in ("blue peony with a huiwen border", "蓝色牡丹，回纹边框"):
        for c in design(parse(text), 3, perceptual=False).candidates:
            assert not _model_nodes(c.genome)
            assert "neural" not in c.genome.meta["provenance"]["recipe"]
            assert c.recipe.neural is None


def test_a_model_recipe_survives_its_json():
    (c,) = design(parse("AI gold stripes"), 1, perceptual=False).candidates
    r = c.recipe
    assert r.neural == {"words": "gold, stripes", "colouring": "model"}
    assert Recipe.from_json(r.to_json()) == r
    assert MODEL_OP in r.ops()


def test_missing_weights_are_said_and_the_rest_still_composes(tmp_path, monkeypatch):
    src = weights_path()
    shutil.copy(src.with_suffix(".json"), tmp_path / "weights.json")
    monkeypatch.setenv("FOULARD_MODEL_WEIGHTS", str(tmp_path / "weights.npz"))
    batch = design(parse("AI peony"), 2, perceptual=False)
    assert any("unavailable" in n and "weights.npz" in n for n in batch.notes)
    for c in batch.candidates:
        assert not _model_nodes(c.genome)
        assert c.recipe.hero == "motifs.peony"
        assert not c.honour["ok"]  # the judge says the model ground is missing
