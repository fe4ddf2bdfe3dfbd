"""Parsing: negation, quantities, formats, contradictions, bad input."""

from __future__ import annotations

import json

import pytest

from foulard.prompt import MAX_PROMPT_CHARS, Intent, parse


def ids(elements):
    return [e.id for e in elements]


def test_the_issue_examples():
    zh = parse("青花瓷风格的牡丹丝巾，回纹边框")
    assert ids(zh.wanted) == ["style:blue_and_white", "op:motifs.peony", "op:ornament.huiwen"]
    assert zh.wanted[2].role == "border"
    assert zh.language == "zh"
    en = parse("a navy equestrian carre with a gold chain border, art deco")
    assert set(ids(en.wanted)) >= {
        "colour:navy",
        "style:equestrian",
        "colour:gold",
        "op:ornament.chain_links",
        "style:art_deco",
    }
    chain = next(e for e in en.wanted if e.id == "op:ornament.chain_links")
    assert chain.role == "border"
    assert en.format == "carre90" and en.language == "en"


@pytest.mark.parametrize(
    "text, refused",
    [
        ("no red", ["colour:red"]),
        ("不要红色", ["colour:red"]),
        ("peony without lotus or blue", ["op:motifs.lotus", "colour:blue"]),
        ("没有蝙蝠，也不要金色", ["op:motifs.bat", "colour:gold"]),
    ],
)
def test_negation(text, refused):
    assert ids(parse(text).negated) == refused


def test_negation_ends_at_the_clause_or_a_contrast_word():
    intent = parse("no red, with gold")
    assert ids(intent.negated) == ["colour:red"]
    assert ids(intent.wanted) == ["colour:gold"]
    intent = parse("不要花卉的几何方巾")
    assert ids(intent.negated) == ["group:flowers"]
    assert "style:minimal_geometric" in ids(intent.wanted)


@pytest.mark.parametrize(
    "text, count",
    [("three colours", 3), ("12 套色", 12), ("5 colors", 5), ("两色", 2), ("十二套色", 12)],
)
def test_colour_counts(text, count):
    assert parse(text).colour_count == count


def test_design_counts_and_sizes():
    intent = parse("8 designs of a 90 cm carre")
    assert intent.design_count == 8 and intent.format == "carre90"
    assert parse("做 3 款 55 厘米的方巾").design_count == 3
    assert parse("60x180 cm stole").format == "custom-600x1800"
    assert parse("a 9000 cm scarf").format is None


@pytest.mark.parametrize(
    "text, fmt",
    [
        ("bandana", "bandana"),
        ("小方巾", "carre45"),
        ("twilly", "twilly"),
        ("长巾", "oblong"),
        ("披肩", "shawl140"),
    ],
)
def test_format_words(text, fmt):
    assert parse(text).format == fmt


def test_contradiction_is_reported_and_dropped():
    intent = parse("red and no red")
    assert intent.wanted == () and intent.negated == ()
    assert intent.conflicts[0]["element"] == "colour:red"


def test_colour_count_smaller_than_colours_named_is_a_conflict():
    intent = parse("red, blue and gold, two colours")
    assert intent.colour_count == 3
    assert any(c["element"] == "colour_count" for c in intent.conflicts)


def test_long_prompt_is_cut_and_says_so():
    intent = parse("peony " * 400)
    assert intent.truncated and len(intent.text) == MAX_PROMPT_CHARS
    assert any(str(MAX_PROMPT_CHARS) in n for n in intent.notes)


def test_empty_emoji_and_nonsense():
    assert parse("").empty
    e = parse("🌸🐉 lotus ✨")
    assert ids(e.wanted) == ["op:motifs.lotus"]
    assert e.ignored and "emoji" in e.ignored[0]["reason"]
    n = parse("asdfgh qwerty")
    assert n.empty and [i["text"] for i in n.ignored] == ["asdfgh", "qwerty"]


def test_unknown_chinese_is_reported_never_mismatched():
    intent = parse("饕餮纹的丝巾")
    assert intent.wanted == ()
    assert [i["text"] for i in intent.ignored] == ["饕餮"]


def test_known_motifs_without_operator_are_reported_as_unavailable():
    intent = parse("龙和凤凰")
    assert intent.wanted == ()
    assert {u["en"] for u in intent.unavailable} == {"dragon", "phoenix"}


def test_mixed_script_prompt():
    intent = parse("一条 peony 方巾 with 回纹 border")
    assert {"op:motifs.peony", "op:ornament.huiwen"} <= set(ids(intent.wanted))


def test_shades_modify_colours():
    intent = parse("light blue and dark green")
    assert [(e.id, e.shade) for e in intent.wanted] == [
        ("colour:blue", "light"),
        ("colour:green", "dark"),
    ]


def test_intent_round_trips_through_json():
    intent = parse("青花瓷风格的牡丹丝巾，回纹边框，不要红色，三套色")
    text = json.dumps(intent.to_json(), ensure_ascii=False)
    again = Intent.from_json(json.loads(text))
    assert again.wanted == intent.wanted and again.negated == intent.negated
    assert again.colour_count == 3


def test_prompt_text_never_becomes_anything_but_vocabulary():
    intent = parse("../../etc/passwd; rm -rf / $(reboot) `id` peony")
    assert ids(intent.wanted) == ["op:motifs.peony"]
    assert all(set(i) == {"text", "reason"} for i in intent.ignored)
    with pytest.raises(TypeError):
        parse(b"peony")


@pytest.mark.parametrize(
    "text, colour",
    [
        ("a red bandana with paisley", "colour:red"),
        ("a navy equestrian carre with a gold chain border", "colour:navy"),
        ("red silk scarf", "colour:red"),
        ("art deco stars on black", "colour:black"),
        ("红色的真丝丝巾，牡丹", "colour:red"),
        ("藏青底的方巾", "colour:navy"),
    ],
)
def test_a_colour_that_qualifies_the_scarf_is_its_ground(text, colour):
    grounds = [e.id for e in parse(text).wanted if e.kind == "colour" and e.role == "ground"]
    assert grounds == [colour]


@pytest.mark.parametrize(
    "text", ["a red and gold scarf", "red peony scarf", "红色牡丹丝巾", "no red scarf"]
)
def test_a_colour_of_a_motif_or_of_several_is_not_the_ground(text):
    assert not [e for e in parse(text).wanted if e.role == "ground"]


def test_filler_words_never_match_operator_tags():
    # "silk", "pattern", "图案", "真丝" are tags of some operators; in a prompt they
    # describe the scarf and select nothing.
    for text in ("silk", "a silk pattern print", "图案", "真丝丝巾"):
        intent = parse(text)
        assert intent.wanted == () and intent.ignored == (), text
