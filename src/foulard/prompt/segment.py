"""Cutting a prompt into tokens: Chinese by jieba (with the vocabulary as its user
dictionary), English by words; each token keeps its clause and position.

jieba (a maintained segmenter, MIT) runs with its HMM off, so it never invents a
word the dictionaries do not have. Where jieba is not installed, Chinese runs are cut
by longest match against the vocabulary alone (the intent notes it).
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from dataclasses import dataclass

from foulard.prompt.vocabulary import Vocabulary, is_cjk, norm_zh

__all__ = ["Token", "clean_text", "tokens"]

_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
# Clause breaks: punctuation of both languages.
_CLAUSE = re.compile(r"[,，。.;；!！?？:：、\n()（）\[\]【】\"“”]+")
_WORD = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*|&|[\u3400-\u9fff\uf900-\ufaff]+")


@dataclass(frozen=True)
class Token:
    text: str
    clause: int
    cjk: bool


def clean_text(text: str) -> tuple[str, list[str]]:
    """NFKC text without control characters, emoji or symbols; returns what was removed."""
    text = unicodedata.normalize("NFKC", text)
    out, removed = [], []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch in "\n\t ":
            out.append(" " if ch == "\t" else ch)
        elif cat[0] == "C" or cat in ("So", "Sk", "Cs") or 0xFE00 <= ord(ch) <= 0xFE0F:
            if not ch.isspace() and cat != "Cf":
                removed.append(ch)
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out), removed


@functools.cache
def _jieba(version: str, terms: tuple[str, ...]):
    try:
        import jieba
    except ImportError:
        return None
    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    for t in terms:
        tk.add_word(t, freq=max(2000, 500 * len(t)))
    return tk


def segmenter(vocab: Vocabulary):
    """A jieba tokenizer with the vocabulary's Chinese terms (None without jieba)."""
    return _jieba(vocab.version, tuple(vocab.zh_terms()))


def _longest(run: str, vocab: Vocabulary) -> list[str]:
    out, i = [], 0
    while i < len(run):
        for n in range(min(vocab.max_zh_chars, len(run) - i), 0, -1):
            if norm_zh(run[i : i + n]) in vocab.index or n == 1:
                out.append(run[i : i + n])
                i += n
                break
    return out


def tokens(text: str, vocab: Vocabulary) -> tuple[list[Token], bool]:
    """Tokens of a cleaned prompt, and whether jieba cut the Chinese."""
    tk = segmenter(vocab) if _CJK_RUN.search(text) else None
    out: list[Token] = []
    for clause, part in enumerate(_CLAUSE.split(text.lower())):
        for m in _WORD.finditer(part):
            piece = m.group(0)
            if not is_cjk(piece):
                out.append(Token("and" if piece == "&" else piece, clause, False))
                continue
            words = list(tk.cut(piece, HMM=False)) if tk is not None else _longest(piece, vocab)
            out.extend(Token(w, clause, True) for w in words if w.strip())
    return out, tk is not None
