"""Semantic matching (the optional 'semantic' extra); skipped with a reason when absent."""

from __future__ import annotations

import pytest

from foulard.prompt import parse
from foulard.prompt.semantic import available, lazy_matcher

OK, WHY = available()


def test_without_the_extra_words_are_reported_not_guessed():
    if OK:
        pytest.skip("the 'semantic' extra is installed here")
    assert lazy_matcher() is None
    intent = parse("sailboat theme", semantic=lazy_matcher())
    assert intent.wanted == ()
    assert "semantic" in intent.ignored[0]["reason"]


@pytest.mark.skipif(not OK, reason=WHY or "the 'semantic' extra is installed")
def test_english_words_outside_the_vocabulary_match_by_meaning():
    from foulard.prompt.semantic import default_matcher

    m = default_matcher()
    entry, score = m.match("sailboat")
    assert entry.id == "style:nautical" and score >= m.threshold
    assert m.match("qwerty") is None
    assert m.match("饕餮") is None  # Chinese is never matched by the English model
    intent = parse("a sailboat scarf", semantic=m)
    assert [(e.id, e.via) for e in intent.wanted] == [("style:nautical", "meaning")]
