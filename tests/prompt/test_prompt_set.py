"""The 60-prompt evaluation set: well formed, and every prompt parses as expected."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from foulard.prompt import parse
from foulard.prompt.vocabulary import vocabulary

ROOT = Path(__file__).resolve().parents[2]
PROMPTS = json.loads((ROOT / "tests/prompt/prompts.json").read_text("utf-8"))["prompts"]
sys.path.insert(0, str(ROOT / "benchmarks"))
from eval_prompts import expected_intent, parsed_ok  # noqa: E402


def test_sixty_prompts_half_in_each_language():
    assert len(PROMPTS) >= 60
    assert sum(p["lang"] == "zh" for p in PROMPTS) == sum(p["lang"] == "en" for p in PROMPTS)
    kinds = {i.split(":")[0] for p in PROMPTS for i in p["must"] + p.get("must_not", [])}
    assert {"op", "colour", "style", "palette", "mood"} <= kinds
    assert sum(bool(p.get("must_not")) for p in PROMPTS) >= 10


def test_expectations_name_vocabulary_entries():
    vocab = vocabulary()
    for p in PROMPTS:
        for eid in p["must"] + p.get("must_not", []):
            assert eid in vocab.by_id, (p["text"], eid)
        expected_intent(p)


@pytest.mark.parametrize("p", PROMPTS, ids=[p["text"][:24] for p in PROMPTS])
def test_prompt_parses_to_its_expectations(p):
    assert parsed_ok(p, parse(p["text"])) == []
