"""The bilingual lexicon: normalising, finding, expanding, segmenting."""

from __future__ import annotations

import pytest

from foulard.library.errors import LibraryError
from foulard.library.vocabulary import Lexicon, cjk_bigrams, normalise, query_tokens, simplify


def test_normalise_folds_case_plural_and_traditional_chinese():
    assert normalise("  Peonies ") == "peony"
    assert normalise("Dragons") == "dragon"
    assert normalise("glass") == "glass"
    assert simplify("龍鳳紋") == "龙凤纹"
    assert normalise("雲紋") == "云纹"
    assert cjk_bigrams("卷云纹") == ["卷云", "云纹"]
    assert query_tokens("牡丹 回纹, red+Peony") == ["牡丹", "回纹", "red", "Peony"]


def test_core_lexicon_expands_both_ways():
    lex = Lexicon.load()
    assert {"peony", "牡丹"} <= lex.expand("牡丹")
    assert {"peony", "牡丹"} <= lex.expand("Peonies")
    assert "bat" in lex.expand("蝙蝠") and "蝙蝠" in lex.expand("bats")
    assert lex.expand("zebra") == {"zebra"}
    assert lex.segment("牡丹回纹") == ["牡丹", "回纹"]
    assert lex.segment("牡丹纹瓦当") == ["牡丹", "纹", "瓦当"]
    found = lex.find("卷云纹瓦当 Eaves tile with rolling cloud design")
    assert {"卷云", "云纹", "瓦当", "cloud", "rolling cloud"} <= found


def test_vocabulary_folders_add_terms(shared_data):
    vocab = shared_data / "vocabulary"
    lex = Lexicon.load([vocab])
    assert len(lex.sources) == 5
    assert "蜻蜓" in lex.expand("dragon-fly")  # Iconclass, traditional folded
    assert "弦纹" in lex.expand("string pattern")  # chinesenotes design table
    assert "饕餮纹" in lex.expand("兽面纹")  # a mixed-language cell split apart
    with pytest.raises(LibraryError, match="does not exist"):
        Lexicon.load([shared_data / "no-such-folder"])


def test_generic_tsv_folder(tmp_path):
    (tmp_path / "mine.tsv").write_text("en\tzh\nwillow|willows\t柳|柳树\n", encoding="utf-8")
    (tmp_path / "other.tsv").write_text("a\tb\n1\t2\n", encoding="utf-8")
    lex = Lexicon.load([tmp_path])
    assert {"willow", "柳树"} <= lex.expand("Willows")
    assert "柳" not in lex.expand("willow")  # one character matches too much outside curated lists
    assert lex.sources[1:] == [str(tmp_path / "mine.tsv")]
