"""Prompt -> :class:`~foulard.prompt.intent.Intent`.

1. The text is cut at :data:`MAX_PROMPT_CHARS` (the intent says so), normalised
   (NFKC), and emoji, symbols and control characters are set aside (listed as ignored).
2. Quantities are read first: colour counts ("three colours", "12 套色"), design counts
   ("8 designs", "6 款"), sizes ("90 cm", "90x90 cm", "55 厘米") -> a format.
3. The rest is cut into tokens (jieba for Chinese, with the vocabulary as user
   dictionary; words for English) and matched against the vocabulary, longest first
   (English phrases up to the longest vocabulary term). A Chinese token the vocabulary
   does not know is split into known terms only if they cover it whole; otherwise it is
   reported as not understood, never matched to something else.
4. Negation ("no", "without", "不要", "没有", "无"...) holds to the end of its clause or
   to a contrast word ("but", "with", "但", "要"...). A structure word ("border", "边框",
   "ground", "底") gives the motif or colour next to it its place; a single colour
   that qualifies the scarf itself ("a red bandana", "a navy equestrian carre",
   "红色丝巾") or follows "on" ("stars on black") is its ground. Filler words
   ("silk", "scarf", "pattern", "丝巾", "图案"...) never match a vocabulary entry,
   even where an operator's tags name them.
5. Contradictions (the same element asked for and refused) are dropped from both sides
   and reported; so are a second format or a colour count smaller than the colours
   named.

Nothing in a prompt is ever used as a path, a command or code: it only selects
vocabulary entries and small numbers, all checked against their ranges.
"""

from __future__ import annotations

import re
from dataclasses import replace

from foulard.prompt.intent import MAX_PROMPT_CHARS, Element, Intent
from foulard.prompt.quantities import read_quantities
from foulard.prompt.segment import clean_text, tokens
from foulard.prompt.vocabulary import Entry, Vocabulary, norm_zh, vocabulary

__all__ = ["parse"]

_GRAMMAR = vocabulary().meta["grammar"]
NEGATIONS_EN = frozenset(_GRAMMAR["negations_en"])
NEGATIONS_ZH = frozenset(_GRAMMAR["negations_zh"])
CONTRAST_EN = frozenset(_GRAMMAR["contrasts_en"])
# "不要花卉的几何方巾": a refusal ends at 的.
CONTRAST_ZH = frozenset(_GRAMMAR["contrasts_zh"])
SHADES: dict[str, str] = _GRAMMAR["shades"]
# Words that carry no design meaning here (dropped silently).
FILLER_EN = frozenset(_GRAMMAR["filler_en"])
FILLER_ZH = frozenset(_GRAMMAR["filler_zh"])
# Nouns for the scarf itself: a single colour right before one is the scarf's ground.
SCARF_NOUNS = frozenset(
    (
        "scarf",
        "scarves",
        "foulard",
        "carre",
        "carré",
        "bandana",
        "twilly",
        "stole",
        "shawl",
        "丝巾",
        "方巾",
        "小方巾",
        "大方巾",
        "头巾",
        "围巾",
        "长巾",
        "披肩",
        "丝带",
    )
)
GROUND_PREPOSITIONS = frozenset(("on", "over"))
# Words that may stand between a colour and the scarf noun it qualifies.
BRIDGES = frozenset(("silk", "square", "printed", "真丝", "丝绸", "的"))


class _State:
    def __init__(self, vocab: Vocabulary):
        self.vocab = vocab
        self.wanted: list[Element] = []
        self.negated: list[Element] = []
        self.ignored: list[dict[str, str]] = []
        self.unavailable: list[dict[str, str]] = []
        self.conflicts: list[dict[str, str]] = []
        self.notes: list[str] = []
        self.colour_count: int | None = None
        self.design_count: int | None = None
        self.formats: list[tuple[str, str]] = []
        self.pending_role: tuple[str, int] | None = None  # a structure word before its motif
        self.prev_end = -10  # token index where the last matched term ended
        self.prev: tuple[Element, int] | None = None  # the last element taken, its clause
        # Wanted colours as (element id, clause, first token, last token), and the token
        # indices taken by style or mood words (they may stand between a colour and
        # the scarf noun it qualifies: "a navy equestrian carre").
        self.colours: list[tuple[str, int, int, int]] = []
        self.qualifiers: set[int] = set()

    def ignore(self, text: str, reason: str) -> None:
        if not any(i["text"] == text for i in self.ignored):
            self.ignored.append({"text": text, "reason": reason})


def _element(entry: Entry, term: str, ops: tuple[str, ...] = ()) -> Element:
    d = entry.data
    if not ops:
        ops = (entry.op,) if entry.op else tuple(d.get("ops", ()))
    return Element(
        kind=entry.kind,
        id=entry.id,
        term=term,
        name_en=entry.name_en,
        name_zh=entry.name_zh,
        ops=ops,
    )


def _elements_of(term: str, entries: list[Entry]) -> list[Element]:
    """Elements for the heaviest entries of one term: operators that tie become one
    'any of' element; each other kind gives its own element."""
    ops = [e for e in entries if e.kind == "operator"]
    others = [e for e in entries if e.kind != "operator"]
    out: list[Element] = []
    if len(ops) == 1:
        out.append(_element(ops[0], term))
    elif ops:
        ids = tuple(sorted(e.op for e in ops))
        first = ops[0]
        el = _element(first, term, ids)
        out.append(replace(el, kind="group", id=f"any:{'|'.join(ids)}", name_en=term, name_zh=term))
    seen_kinds = set()
    for e in others:
        if e.kind in seen_kinds and e.kind not in ("format", "colour"):
            continue
        seen_kinds.add(e.kind)
        out.append(_element(e, term))
    return out


def _split_unknown_zh(token: str, vocab: Vocabulary) -> list[str] | None:
    """A Chinese token cut into vocabulary terms that cover it whole, or None."""
    n = len(token)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(n):
        if best[i] is None:
            continue
        for j in range(i + 1, min(n, i + vocab.max_zh_chars) + 1):
            piece = token[i:j]
            ok = norm_zh(piece) in vocab.index or piece in FILLER_ZH or piece in SHADES
            if ok and (best[j] is None or len(best[i]) + 1 < len(best[j])):
                best[j] = [*best[i], piece]
    return best[n]


def parse(text: str, vocab: Vocabulary | None = None, *, semantic=None) -> Intent:
    """The intent of a prompt (Chinese, English or both).

    ``semantic`` is an optional matcher (:mod:`foulard.prompt.semantic`) for English
    words outside the vocabulary.

    >>> intent = parse("青花瓷风格的牡丹丝巾，回纹边框，不要红色")
    >>> [e.id for e in intent.wanted]
    ['style:blue_and_white', 'op:motifs.peony', 'op:ornament.huiwen']
    >>> [e.id for e in intent.negated], intent.language
    (['colour:red'], 'zh')
    """
    vocab = vocab or vocabulary()
    if not isinstance(text, str):
        raise TypeError(f"a prompt is text, got {type(text).__name__}")
    st = _State(vocab)
    truncated = len(text) > MAX_PROMPT_CHARS
    if truncated:
        text = text[:MAX_PROMPT_CHARS]
        st.notes.append(f"the prompt was cut at {MAX_PROMPT_CHARS} characters")
    clean, removed = clean_text(text)
    if removed:
        st.ignore("".join(dict.fromkeys(removed)), "emoji and symbols are not read")
    n_cjk = len(re.findall(r"[\u3400-\u9fff\uf900-\ufaff]", clean))
    n_words = len(re.findall(r"[A-Za-z]{2,}", clean))
    language = "zh" if n_cjk and n_cjk >= n_words else "en"
    rest = read_quantities(clean, st)
    toks, jieba_used = tokens(rest, vocab)
    if n_cjk and not jieba_used:
        st.notes.append("jieba is not installed: Chinese was cut by the vocabulary alone")
    _match(toks, st, vocab, semantic)
    return _finish(st, text, language, truncated, vocab)


def _match(toks, st: _State, vocab: Vocabulary, semantic) -> None:
    negating = False
    clause = -1
    shade: str | None = None
    unknown_en: list[tuple[str, bool, int]] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok.clause != clause:
            clause, negating, shade = tok.clause, False, None
            st.pending_role = None
        word = tok.text
        # Negation and contrast words switch the clause's polarity.
        if (word in NEGATIONS_EN and not tok.cjk) or (tok.cjk and word in NEGATIONS_ZH):
            negating = True
            i += 1
            continue
        if (word in CONTRAST_EN and not tok.cjk) or (tok.cjk and word in CONTRAST_ZH):
            negating = False
            if word in BRIDGES:
                st.qualifiers.add(i)
            i += 1
            continue
        if not tok.cjk and word in SHADES and i + 1 < len(toks):
            nxt = toks[i + 1]
            if (
                not nxt.cjk
                and nxt.clause == clause
                and any(e.kind == "colour" for e in vocab.best(nxt.text))
            ):
                shade = SHADES[word]
                i += 1
                continue
        if not tok.cjk:
            n_max = vocab.max_en_words
            for n in range(min(n_max, len(toks) - i), 0, -1):
                span = toks[i : i + n]
                if any(t.cjk or t.clause != clause for t in span):
                    continue
                phrase = " ".join(t.text for t in span)
                found = None if n == 1 and word in FILLER_EN else vocab.best(phrase)
                if found:
                    _take(st, phrase, found, negating, shade, tok.clause, i)
                    _note_span(st, toks, phrase, found, negating, i, i + n - 1)
                    st.prev_end = i + n - 1
                    shade = None
                    i += n
                    break
            else:
                if word in SHADES:
                    shade = SHADES[word]
                elif word in SCARF_NOUNS:
                    _colour_to_ground(st, tok.clause, i)
                elif word in BRIDGES:
                    st.qualifiers.add(i)
                elif word not in FILLER_EN and not word.isdigit():
                    unknown_en.append((word, negating, tok.clause))
                i += 1
            continue
        # Chinese token.
        found = None if word in FILLER_ZH else vocab.best(word)
        if found:
            _take(st, word, found, negating, shade, tok.clause, i)
            _note_span(st, toks, word, found, negating, i, i)
            st.prev_end = i
            shade = None
        elif word in FILLER_ZH:
            if word in SCARF_NOUNS:
                _colour_to_ground(st, tok.clause, i)
            elif word in BRIDGES:
                st.qualifiers.add(i)
        elif word in SHADES:
            shade = SHADES[word]
        else:
            pieces = _split_unknown_zh(word, vocab)
            if pieces is None:
                st.ignore(word, "not understood (not in the vocabulary)")
            else:
                for piece in pieces:
                    if piece in SHADES and not vocab.best(piece):
                        shade = SHADES[piece]
                        continue
                    hits = None if piece in FILLER_ZH else vocab.best(piece)
                    if hits:
                        _take(st, piece, hits, negating, shade, tok.clause, i)
                        _note_span(st, toks, piece, hits, negating, i, i)
                        st.prev_end = i
                        shade = None
                    elif piece in SCARF_NOUNS:
                        _colour_to_ground(st, tok.clause, i)
        i += 1
    for word, neg, _clause in unknown_en:
        matched = semantic.match(word) if semantic is not None else None
        if matched:
            entry, score = matched
            el = replace(_element(entry, word), via="meaning", score=score)
            (st.negated if neg else st.wanted).append(el)
        else:
            reason = "not in the vocabulary"
            if semantic is None:
                reason += " (semantic matching needs the 'semantic' extra)"
            st.ignore(word, reason)


def _take(st: _State, term: str, entries, negating: bool, shade, clause: int, pos: int) -> None:
    for el in _elements_of(term, entries):
        if el.kind == "known":
            st.unavailable.append(
                {
                    "text": term,
                    "en": el.name_en,
                    "zh": el.name_zh,
                    "reason": "a motif foulard knows of but cannot draw yet",
                }
            )
            continue
        if el.kind == "structure":
            role = next(e for e in entries if e.id == el.id).data.get("role")
            _bind_role(st, role, negating, clause)
            continue
        if el.kind == "format":
            fmt = next(e for e in entries if e.id == el.id).data["format"]
            if negating:
                st.ignore(term, "a format cannot be refused; name the one you want")
            else:
                st.formats.append((fmt, term))
            # A format word that is also a layout ("bandana", "twilly") goes on as that.
            continue
        if shade and el.kind == "colour":
            el = replace(el, shade=shade)  # noqa: PLW2901
        if el.id.startswith("group:") and st.prev is not None:
            # A category noun right after a specific element of its kind is that element's
            # head ("penrose tiling", "彭罗斯镶嵌", "tartan check"): it adds nothing.
            last, last_clause = st.prev
            if last_clause == clause and pos - st.prev_end <= 1 and last.ops and el.ops:
                from foulard.prompt.plan import role_of

                if {role_of(o) for o in last.ops} & {role_of(o) for o in el.ops}:
                    continue
        if st.pending_role and st.pending_role[1] == clause and el.kind in ("operator", "group"):
            el = el.with_role(st.pending_role[0])  # noqa: PLW2901
            st.pending_role = None
        target = st.negated if negating else st.wanted
        if not any(e.id == el.id and e.role == el.role for e in target):
            target.append(el)
        st.prev = (el, clause)


def _note_span(st: _State, toks, term: str, entries, negating: bool, start: int, end: int):
    """Remember where wanted colours and style words stand; a scarf noun (or a format
    word) after a single colour makes it the ground, and so does "on" before one."""
    kinds = {e.kind for e in entries}
    clause = toks[start].clause
    if negating:
        return
    if kinds <= {"style", "mood", "occasion"}:
        st.qualifiers.update(range(start, end + 1))
        return
    if "colour" in kinds:
        colour = next((e for e in reversed(st.wanted) if e.kind == "colour"), None)
        if colour is None:
            return
        st.colours.append((colour.id, clause, start, end))
        before = toks[start - 1] if start > 0 else None
        if (
            before is not None
            and before.clause == clause
            and not before.cjk
            and before.text in GROUND_PREPOSITIONS
        ):
            _make_ground(st, colour.id)
        return
    if "format" in kinds or term in SCARF_NOUNS:
        _colour_to_ground(st, clause, start)


def _colour_to_ground(st: _State, clause: int, pos: int) -> None:
    """The single colour of a clause qualifying the scarf noun at ``pos`` is the ground."""
    mine = [c for c in st.colours if c[1] == clause]
    if len(mine) != 1:
        return
    cid, _, _, end = mine[0]
    if all(j in st.qualifiers for j in range(end + 1, pos)):
        _make_ground(st, cid)


def _make_ground(st: _State, cid: str) -> None:
    if any(e.kind == "colour" and e.role == "ground" for e in st.wanted):
        return
    for k, e in enumerate(st.wanted):
        if e.id == cid and e.role is None:
            st.wanted[k] = e.with_role("ground")
            return


def _bind_role(st: _State, role: str | None, negating: bool, clause: int) -> None:
    """A structure word: the motif (or colour) just before it in the clause takes its
    place; with none there, the next motif of the clause does."""
    if role is None:
        return
    pool = st.negated if negating else st.wanted
    if pool:
        last = pool[-1]
        if last.kind in ("operator", "group", "colour") and last.role is None:
            if last.kind == "colour" and role not in ("ground", "border"):
                return
            pool[-1] = last.with_role(role)
            return
    st.pending_role = (role, clause)


def _finish(st: _State, text: str, language: str, truncated: bool, vocab) -> Intent:
    wanted, negated = st.wanted, st.negated
    # Contradictions: asked for and refused.
    both = {e.id for e in wanted} & {e.id for e in negated}
    for eid in sorted(both):
        el = next(e for e in wanted if e.id == eid)
        st.conflicts.append(
            {
                "element": eid,
                "term": el.term,
                "reason": "asked for and refused in the same prompt: left out of both",
            }
        )
    wanted = [e for e in wanted if e.id not in both]
    negated = [e for e in negated if e.id not in both]
    # A motif refused by a group word ("no flowers") and asked for by name wins by name.
    fmt = None
    if st.formats:
        fmt = st.formats[0][0]
        for other, term in st.formats[1:]:
            if other != fmt:
                st.conflicts.append(
                    {
                        "element": f"format:{other}",
                        "term": term,
                        "reason": f"a second format; {fmt} was kept",
                    }
                )
    colours = [e for e in wanted if e.kind == "colour"]
    if st.colour_count is not None and len(colours) > st.colour_count:
        st.conflicts.append(
            {
                "element": "colour_count",
                "term": str(st.colour_count),
                "reason": f"{len(colours)} colours named but {st.colour_count} asked: "
                f"{len(colours)} are used",
            }
        )
        st.colour_count = len(colours)
    if st.colour_count is not None and st.colour_count < 2:
        st.notes.append("a scarf needs at least 2 colours (ground and one ink); 2 are used")
        st.colour_count = 2
    return Intent(
        text=text,
        language=language,
        wanted=tuple(wanted),
        negated=tuple(negated),
        colour_count=st.colour_count,
        design_count=st.design_count,
        format=fmt,
        ignored=tuple(st.ignored),
        unavailable=tuple(st.unavailable),
        conflicts=tuple(st.conflicts),
        notes=tuple(st.notes),
        truncated=truncated,
        vocabulary_version=vocab.version,
    )
