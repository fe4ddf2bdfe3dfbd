"""The tags of a pattern: what text search finds it by, in Chinese and English."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePosixPath

from foulard.library.colours import DominantPalette, basic_colour_names
from foulard.library.vocabulary import STOPWORDS, Lexicon, cjk_bigrams, normalise, words

__all__ = ["MAIN_COLOUR_SHARE", "pattern_tags"]

MAIN_COLOUR_SHARE = 0.12
_MAX_TAG = 60


def _stem_text(name: str) -> str:
    """A file name as words: ``brocade_phoenix_tang400.jpg`` -> ``brocade phoenix tang``."""
    stem = PurePosixPath(name).stem
    return re.sub(r"[_\-.\d]+", " ", stem)


def pattern_tags(
    meta: dict,
    names: Iterable[str],
    palette: DominantPalette,
    lexicon: Lexicon,
    *,
    kind: str,
) -> list[str]:
    """Normalised tags from metadata, file names, lexicon matches and main colours."""
    tags: set[str] = set()
    for t in meta.get("tags", ()):
        tags.add(normalise(t))
        tags |= lexicon.find(t)
    titles = " ".join(meta.get(k) or "" for k in ("title_zh", "title_en"))
    texts = [titles, meta.get("description") or "", *(_stem_text(n) for n in names)]
    for text in texts:
        tags |= lexicon.find(text)
    for w in words(" ".join([titles, meta.get("description") or ""])):
        if len(w) >= 3 and w not in STOPWORDS and not w.isdigit():
            tags.add(w)
    for text in (meta.get("title_zh") or "", meta.get("description") or ""):
        tags.update(cjk_bigrams(text))
    for share, (en, zh) in zip(palette.shares, basic_colour_names(palette.lab), strict=True):
        if share >= MAIN_COLOUR_SHARE:
            tags.update((en, zh))
    tags.add(kind)
    return sorted(t for t in tags if t and len(t) <= _MAX_TAG)
