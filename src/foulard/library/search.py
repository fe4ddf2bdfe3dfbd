"""Search: by example picture, by colour (CIEDE2000), by text (zh/en), with filters.

Every search returns :class:`Hit` records, best first, each with a score in
[0, 1] and what made it match. Filters narrow any search: licence, source, tag
(exact, normalised) and text (every token must match); patterns hidden as
near-duplicates never show, and (``Filters.collapse``, the default) a pattern
linked as a near-duplicate of a better hit is folded into it (its id listed
under ``detail['copies']``), so a page of results shows different pictures.

- *Image*: cosine similarity of feature vectors
  (:mod:`~foulard.library.features`), exact (faiss ``IndexFlatIP``) up to the
  exact limit, approximate beyond. From 20,000 patterns on, the exact top ``k``
  comes through the index's bound prefilter (:class:`~foulard.library.prefilter.Prefilter`),
  which proves each answer equal to the full scan's or falls back to it.
- *Colour*: colours as ``#rrggbb``, CSS names (``navy``), Chinese traditional
  colour names (``月白``, ``朱红``) or a palette (one of the 60 Forbidden City
  palettes by id or Chinese name, e.g. ``twilight_gold`` or ``暮色鎏金``); scored by
  :func:`~foulard.library.colours.colour_scores` (ΔE00 within ``tolerance``).
- *Text*: words in Chinese or English; each matches the tags of a pattern
  through the bilingual lexicon (:mod:`~foulard.library.vocabulary`); a pattern
  scores the idf-weighted share of the query's words it matches.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from foulard.library.analyse import analyse
from foulard.library.colours import colour_embedding, colour_scores
from foulard.library.errors import LibraryError
from foulard.library.library import Library, Pattern
from foulard.library.vocabulary import cjk_bigrams, is_chinese, normalise, query_tokens

__all__ = ["Filters", "Hit", "parse_colours", "search_colours", "search_image", "search_text"]

COLOUR_CANDIDATES = 2000
_HEX = re.compile(r"^#?[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class Filters:
    """What every result must satisfy."""

    licences: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    text: str = ""
    collapse: bool = True  # near-duplicates of a better hit are left out (see _hits)

    def empty(self) -> bool:
        return not (self.licences or self.sources or self.tags or self.text)


@dataclass(frozen=True)
class Hit:
    """One result: the pattern, its score and why it matched."""

    pattern: Pattern
    score: float
    detail: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        p = self.pattern
        return {
            "id": p.id,
            "score": round(float(self.score), 4),
            "title": p.title,
            "source": p.source,
            "licence": p.licence,
            "kind": p.kind,
            "size": [p.width, p.height],
            "palette": [c["hex"] for c in p.palette],
            **self.detail,
        }


def _mask(lib: Library, filters: Filters) -> np.ndarray:
    index = lib.index
    mask = ~index.hidden_mask()
    extra = index.filter_mask(licences=list(filters.licences), sources=list(filters.sources))
    if extra is not None:
        mask &= extra
    for tag in filters.tags:
        allowed = np.zeros(len(index), bool)
        allowed[index.postings_of(normalise(tag))] = True
        mask &= allowed
    if filters.text:
        for positions in _token_postings(lib, filters.text).values():
            allowed = np.zeros(len(index), bool)
            allowed[positions] = True
            mask &= allowed
    return mask


def _oversample(k: int, filters: Filters) -> int:
    """Candidates to fetch for ``k`` hits (more when copies are collapsed)."""
    return 2 * k + 8 if filters.collapse else k + 8


def _near_links(lib: Library, ids: list[str]) -> dict[str, set[str]]:
    """Near-duplicate links among ``ids`` (both ways)."""
    out: dict[str, set[str]] = {}
    if len(ids) < 2:
        return out
    marks = ",".join("?" * len(ids))
    with lib.db.transaction() as tx:
        rows = tx.all(
            f"SELECT a, b FROM near_links WHERE a IN ({marks}) AND b IN ({marks})", [*ids, *ids]
        )
    for a, b in rows:
        out.setdefault(a, set()).add(b)
        out.setdefault(b, set()).add(a)
    return out


def _hits(
    lib: Library,
    positions,
    scores,
    details,
    k: int,
    *,
    collapse: bool = True,
    seen: tuple[str, ...] = (),
) -> list[Hit]:
    """Records of the best positions, at most ``k``. With ``collapse``, a pattern
    linked as a near-duplicate to a better hit (or to an id in ``seen``, the query)
    is left out, and the hit it joins lists it under ``detail['copies']``."""
    seqs = lib.index.all_seqs()
    wanted = [int(seqs[p]) for p in positions]
    records = lib.patterns_by_seq(wanted)
    links = _near_links(lib, [*seen, *(r.id for r in records.values())]) if collapse else {}
    covered: dict[str, Hit | None] = {}
    for sid in seen:
        for other in links.get(sid, ()):
            covered.setdefault(other, None)
    out: list[Hit] = []
    for seq, score, detail in zip(wanted, scores, details, strict=True):
        rec = records.get(seq)
        if rec is None or rec.duplicate_of is not None:
            continue
        if rec.id in covered:
            owner = covered[rec.id]
            if owner is not None:
                owner.detail.setdefault("copies", []).append(rec.id)
            for other in links.get(rec.id, ()):
                covered.setdefault(other, owner)
            continue
        if len(out) == k:
            break
        hit = Hit(rec, float(score), dict(detail))
        out.append(hit)
        for other in links.get(rec.id, ()):
            covered.setdefault(other, hit)
    return out


# -- by picture -------------------------------------------------------------------------


def search_image(
    lib: Library, query: str | Path | bytes, *, k: int = 12, filters: Filters = Filters()
) -> list[Hit]:
    """Patterns that look like ``query``: a picture file, its bytes, or a library id."""
    self_id = None
    if isinstance(query, bytes):
        vec = analyse(query, max_megapixels=lib.max_megapixels).features
    elif isinstance(query, Path) or Path(str(query)).is_file():
        try:
            data = Path(query).read_bytes()
        except OSError as exc:
            raise LibraryError(f"cannot read {query}: {exc.strerror or exc}") from None
        vec = analyse(data, max_megapixels=lib.max_megapixels).features
    else:
        self_id = lib.resolve(str(query))
        vec = lib.features_of(self_id)
    mask = _mask(lib, filters)
    d, i = lib.index.knn_vectors(vec, _oversample(k, filters), mask)
    pos, sc = i[0], d[0]
    keep = pos >= 0
    pos, sc = pos[keep], sc[keep]
    hits = _hits(
        lib,
        pos,
        np.clip(sc, 0.0, 1.0),
        [{}] * len(pos),
        k + 1,
        collapse=filters.collapse,
        seen=(self_id,) if self_id else (),
    )
    return [h for h in hits if h.pattern.id != self_id][:k]


# -- by colour -------------------------------------------------------------------------------


@functools.cache
def _colour_names() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    from foulard.color.names import read_raw

    raw = read_raw()
    names: dict[str, str] = {}
    for row in raw["forbidden_city"]:
        names.setdefault(row[1], row[2].lower())
    for name, _pinyin, hex_ in raw["zhongguose"]:
        names.setdefault(name, hex_.lower())
    palettes: dict[str, tuple[str, ...]] = {}
    for p in raw["palettes"]:
        colours = tuple(c.lower() for c in p["colors"])
        palettes[p["id"]] = colours
        palettes[p["zh"]] = colours
    return names, palettes


def parse_colours(spec: str) -> list[tuple[str, str]]:
    """Colours from a query: ``'#1f4e79,#f2e6ce'``, ``'月白, navy'`` or a palette name.

    Returns ``(label, '#rrggbb')`` pairs; an unknown name is an error that says
    what is accepted.
    """
    names, palettes = _colour_names()
    spec = spec.strip()
    if spec in palettes:
        return [(f"{spec}[{i}]", c) for i, c in enumerate(palettes[spec])]
    out = []
    for part in [p.strip() for p in re.split(r"[,，;；\s]+", spec) if p.strip()]:
        if _HEX.match(part):
            out.append((part, "#" + part.lstrip("#").lower()))
        elif part in names:
            out.append((part, names[part]))
        elif part in palettes:
            out.extend((f"{part}[{i}]", c) for i, c in enumerate(palettes[part]))
        else:
            from coloraide import Color

            try:
                c = Color(part).convert("srgb").fit("srgb")
            except (ValueError, TypeError, AttributeError):
                raise LibraryError(
                    f"unknown colour {part!r}: give '#rrggbb', a CSS colour name, a Chinese "
                    "traditional colour name (月白, 朱红...) or a palette "
                    "(twilight_gold, 暮色鎏金...)"
                ) from None
            out.append((part, c.to_string(hex=True, compress=False)))
    if not out:
        raise LibraryError("no colours given")
    return out


def search_colours(
    lib: Library,
    colours: str | list[str],
    *,
    k: int = 12,
    tolerance: float = 20.0,
    mode: str | None = None,
    filters: Filters = Filters(),
) -> list[Hit]:
    """Patterns by colour (ΔE00 within ``tolerance``).

    ``mode='all'`` (the default for a list of colours): patterns that hold every
    colour; ``mode='palette'`` (the default for a named palette): patterns drawn in
    the palette's colours, the larger the share of their area the better.
    """
    from foulard.color.cielab import srgb_to_lab
    from foulard.color.space import hex_to_srgb

    if not tolerance > 0:
        raise LibraryError(f"the colour tolerance must be a positive ΔE00, got {tolerance}")
    spec = colours if isinstance(colours, str) else ",".join(colours)
    pairs = parse_colours(spec)
    if mode is None:
        mode = "palette" if spec.strip() in _colour_names()[1] else "all"
    lab = srgb_to_lab(hex_to_srgb([c for _, c in pairs]))
    q = colour_embedding(lab, np.full(len(lab), 1.0 / len(lab)))
    mask = _mask(lib, filters)
    _, cand = lib.index.knn_colours(q, COLOUR_CANDIDATES, mask)
    cand = cand[0][cand[0] >= 0]
    if not len(cand):
        return []
    scores, nearest = colour_scores(lab, lib.index.palettes_at(cand), tolerance, mode=mode)
    order = np.argsort(-scores, kind="stable")
    order = order[scores[order] > 0][: _oversample(k, filters)]
    details = [
        {
            "de00": {
                label: round(float(d), 2) for (label, _), d in zip(pairs, nearest[j], strict=True)
            }
        }
        for j in order
    ]
    return _hits(lib, cand[order], scores[order], details, k, collapse=filters.collapse)


# -- by text ---------------------------------------------------------------------------------


def _token_postings(lib: Library, text: str) -> dict[str, np.ndarray]:
    """For each query token (as understood), the positions of the patterns it matches."""
    lex = lib.lexicon
    index = lib.index
    out: dict[str, np.ndarray] = {}
    for token in query_tokens(text):
        pieces = lex.segment(token) if is_chinese(normalise(token)) else [normalise(token)]
        for piece in pieces:
            found = [index.postings_of(t) for t in lex.expand(piece)]
            positions = np.unique(np.concatenate(found)) if found else np.zeros(0, np.int64)
            if not len(positions) and is_chinese(piece) and len(piece) >= 2:
                # Chinese the lexicon does not know: every character pair must match.
                sets = [index.postings_of(b) for b in cjk_bigrams(piece)]
                positions = functools.reduce(np.intersect1d, sets)
            out[piece] = positions
    return out


def search_text(lib: Library, text: str, *, k: int = 12, filters: Filters = Filters()) -> list[Hit]:
    """Patterns whose tags match the words of ``text`` (Chinese or English)."""
    per_token = _token_postings(lib, text)
    if not per_token:
        raise LibraryError("the text query has no words")
    n = max(len(lib.index), 1)
    weights = {t: math.log(1.0 + n / max(len(p), 1)) for t, p in per_token.items()}
    total = sum(weights.values())
    score = np.zeros(len(lib.index))
    for t, positions in per_token.items():
        score[positions] += weights[t] / total
    score[~_mask(lib, filters)] = 0.0
    top = np.flatnonzero(score > 0)
    top = top[np.lexsort((top, -score[top]))][: _oversample(k, filters)]
    matched = {t: set(p.tolist()) for t, p in per_token.items()}
    details = [{"matched": [t for t in per_token if int(p) in matched[t]]} for p in top]
    return _hits(lib, top, score[top], details, k, collapse=filters.collapse)
