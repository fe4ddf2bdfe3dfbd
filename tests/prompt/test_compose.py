"""The composer: recipes honour their intent by construction, and differ."""

from __future__ import annotations

import pytest

from foulard.prompt import build_genome, honours, parse, recipe_of
from foulard.prompt.compose import MIN_DECISIONS, compose
from foulard.prompt.honour import effective_palette, genome_ops
from foulard.prompt.recipe import Recipe, distance

PROMPTS = [
    "青花瓷风格的牡丹丝巾，回纹边框",
    "a navy equestrian carre with a gold chain border, art deco",
    "三套色的如意纹方巾，不要绿色",
    "tartan twilly, navy and burgundy",
    "长巾，莲花，绿色与金色",
    "a placement print of a large peony, dark ground",
    "彭罗斯镶嵌，深色，不要红色",
]


@pytest.mark.parametrize("text", PROMPTS)
def test_composed_designs_honour_the_intent(text):
    intent = parse(text)
    recipes, _ = compose(intent, 3)
    for r in recipes:
        g = build_genome(r)
        verdict = honours(g, intent)
        assert verdict["ok"], (text, r, verdict["failures"])
        assert recipe_of(g) == r


def test_recipes_of_one_batch_differ_in_several_decisions():
    recipes, plan = compose(parse("peony"), 6)
    d = [distance(a, b) for i, a in enumerate(recipes) for b in recipes[i + 1 :]]
    assert min(d) >= MIN_DECISIONS, plan.notes


def test_a_refused_motif_never_appears():
    intent = parse("a scarf with flowers but no peony and no lotus")
    recipes, _ = compose(intent, 12)
    for r in recipes:
        ops = genome_ops(build_genome(r))
        assert "motifs.peony" not in ops and "motifs.lotus" not in ops


def test_colour_words_shape_the_palette():
    intent = parse("五套色，红色和金色，不要蓝色")
    for r in compose(intent, 4)[0]:
        colors = effective_palette(build_genome(r))
        assert len(colors) == 5
        assert not honours(build_genome(r), intent)["failures"]


def test_same_prompt_same_recipes_and_seed_changes_them():
    a, _ = compose(parse("lotus"), 3)
    b, _ = compose(parse("lotus"), 3)
    c, _ = compose(parse("lotus"), 3, seed=1)
    assert a == b and a != c


def test_recipe_json_round_trip():
    r = compose(parse("bandana"), 1)[0][0]
    assert Recipe.from_json(r.to_json()) == r
    assert r.layout == "layout.bandana" and r.format == "bandana"


def test_a_named_ground_colour_fills_the_bandana_field():
    intent = parse("a red bandana with paisley")
    for r in compose(intent, 3)[0]:
        g = build_genome(r)
        assert honours(g, intent)["ok"]
        node = next(n for _, n in g.root.walk() if n.op == "layout.bandana")
        assert node.params.ground_color == 0  # the palette's ground, the asked red
        colours = effective_palette(g)
        assert node.params.dot_color != 0 and colours[node.params.dot_color] != colours[0]
