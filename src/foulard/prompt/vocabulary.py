"""The bilingual design vocabulary: words (Chinese and English) -> design elements.

The vocabulary is versioned data (``foulard/data/vocabulary/vocabulary.json``) built by
``scripts/build_vocabulary.py`` from the operator registry (every operator's id and
tags), the curated entries (``curated.json``: styles, moods, occasions, scale and
density words, symmetries, formats, basic colours, motif meanings and pairings), the
Chinese traditional colour data (palettes, solar terms, 526 + 384 named colours),
Sanzo Wada's English colour names and the Iconclass motif names (CC0). See
``foulard/data/vocabulary/SOURCES.md``.

An operator registered after the data was built is still reachable: :func:`vocabulary`
adds an entry for it from its live id and tags, so new operators become words without
a rebuild (the rebuild also picks up their meanings and curated names).

Each :class:`Entry` is one element (an operator, a palette, a colour, a style, ...)
with its terms in both languages; each term carries a *weight* (curated 5, an
operator's own name 4, palette and colour names 3, operator tags 2, names known from
Iconclass 1). A term found in a prompt stands for its heaviest entries.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from foulard.library.vocabulary import simplify

__all__ = [
    "FORMAT",
    "OP_ROLES",
    "Entry",
    "Vocabulary",
    "norm_en",
    "norm_zh",
    "op_role",
    "vocabulary",
]

FORMAT = 1
DATA_FILE = "vocabulary.json"
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

# What an operator does in a scarf, by family and kind (how the composer uses it).
OP_ROLES = (
    "motif",
    "pattern",
    "lattice",
    "frieze",
    "rosette",
    "linework",
    "palette",
    "effect",
    "layout",
)
_EFFECT_OPS = {"layout.layers", "layout.place"}

WEIGHTS = {"curated": 5, "name": 4, "data": 3, "tag": 2, "known": 1}


def op_role(spec) -> str:
    """The role of a registered operator in a composed scarf."""
    fam, name, kind = spec.family, spec.name, spec.kind
    if kind == "palette":
        return "palette"
    if fam == "layout":
        return "effect" if spec.id in _EFFECT_OPS else "layout"
    if fam == "symmetry":
        if name.startswith("frieze_"):
            return "frieze"
        if name.startswith("rosette_"):
            return "rosette"
        return "lattice"
    if fam == "curves":
        return "linework"
    if fam in ("color", "transform"):
        return "effect"
    if kind == "vector" and fam in ("motifs", "ornament"):
        return "motif"
    return "pattern"


def norm_en(term: str) -> str:
    """An English term as indexed: NFKC, lower case, single spaces, naive singular."""
    t = unicodedata.normalize("NFKC", term).lower().strip()
    t = re.sub(r"[\s_]+", " ", t)
    words = t.split(" ")
    last = words[-1]
    if len(last) > 4 and last.endswith("ies"):
        last = last[:-3] + "y"
    elif len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is", "ous")):
        last = last[:-1]
    words[-1] = last
    return " ".join(words)


def norm_zh(term: str) -> str:
    """A Chinese term as indexed: NFKC, simplified characters, no spaces."""
    return re.sub(r"\s+", "", simplify(unicodedata.normalize("NFKC", term)))


def is_cjk(term: str) -> bool:
    return bool(_CJK.search(term))


@dataclass(frozen=True)
class Entry:
    """One element of the vocabulary.

    ``kind`` is one of ``operator``, ``group``, ``palette``, ``colour``, ``style``,
    ``mood``, ``occasion``, ``scale``, ``symmetry``, ``format``, ``structure``,
    ``known``; ``data`` holds what the kind needs (an operator id and role, a
    palette's node and colours, a colour's hex, a style's palettes and motifs...).
    """

    id: str
    kind: str
    en: tuple[str, ...]
    zh: tuple[str, ...]
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    weights: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    @property
    def name_en(self) -> str:
        return self.data.get("name_en") or (self.en[0] if self.en else self.id)

    @property
    def name_zh(self) -> str:
        return self.data.get("name_zh") or (self.zh[0] if self.zh else self.name_en)

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en

    @property
    def op(self) -> str | None:
        return self.data.get("op")

    @property
    def role(self) -> str | None:
        return self.data.get("role")

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "en": list(self.en),
            "zh": list(self.zh),
            "data": self.data,
            "weights": self.weights,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Entry:
        return cls(
            d["id"], d["kind"], tuple(d["en"]), tuple(d["zh"]), d.get("data", {}), d["weights"]
        )


class Vocabulary:
    """Entries and the index from a normalised term to ``(entry, weight)`` pairs."""

    def __init__(self, entries: Iterable[Entry], meta: dict[str, Any] | None = None):
        self.entries: list[Entry] = list(entries)
        self.meta = dict(meta or {})
        self.by_id: dict[str, Entry] = {}
        self.index: dict[str, list[tuple[Entry, int]]] = {}
        for e in self.entries:
            if e.id in self.by_id:
                raise ValueError(f"vocabulary entry {e.id!r} appears twice")
            self.by_id[e.id] = e
            for term in (*e.en, *e.zh):
                key = norm_zh(term) if is_cjk(term) else norm_en(term)
                if not key:
                    continue
                w = e.weights.get(term, 2)
                self.index.setdefault(key, []).append((e, w))
        self.max_en_words = max((len(t.split(" ")) for t in self.index if not is_cjk(t)), default=1)
        self.max_zh_chars = max((len(t) for t in self.index if is_cjk(t)), default=1)

    @property
    def version(self) -> str:
        return str(self.meta.get("version", "dev"))

    def lookup(self, term: str) -> list[tuple[Entry, int]]:
        """Entries a term names, heaviest first (empty if unknown)."""
        key = norm_zh(term) if is_cjk(term) else norm_en(term)
        hits = self.index.get(key, [])
        return sorted(hits, key=lambda h: (-h[1], h[0].id))

    def best(self, term: str) -> list[Entry]:
        """The heaviest entries of a term (several when they tie)."""
        hits = self.lookup(term)
        if not hits:
            return []
        top = hits[0][1]
        seen: dict[str, Entry] = {}
        for e, w in hits:
            if w == top:
                seen.setdefault(e.id, e)
        return list(seen.values())

    def of_kind(self, kind: str) -> list[Entry]:
        return [e for e in self.entries if e.kind == kind]

    def operator(self, op: str) -> Entry | None:
        return self.by_id.get(f"op:{op}")

    def zh_terms(self) -> list[str]:
        return sorted({t for t in self.index if is_cjk(t)})

    def reachable(self, op: str) -> dict[str, list[str]]:
        """The terms of each language that lead to ``op`` (for tests and docs)."""
        out: dict[str, list[str]] = {"en": [], "zh": []}
        for term in self.index:
            for e in self.best(term):
                ops = [e.op] if e.op else list(e.data.get("ops", ()))
                if op in ops:
                    out["zh" if is_cjk(term) else "en"].append(term)
        return out


def _read_data() -> dict[str, Any]:
    text = (
        resources.files("foulard")
        .joinpath("data", "vocabulary", DATA_FILE)
        .read_text(encoding="utf-8")
    )
    data = json.loads(text)
    if data.get("format") != FORMAT:
        raise ValueError(f"vocabulary data format {data.get('format')!r}, expected {FORMAT}")
    return data


def operator_entry(spec, extra: dict[str, Any] | None = None) -> Entry:
    """An operator's entry from its id, tags and curated names and meaning."""
    extra = extra or {}
    weights: dict[str, int] = {}
    en: list[str] = []
    zh: list[str] = []
    stop = set(extra.get("stop_tags", ()))

    def add(term: str, w: int) -> None:
        term = term.strip()
        if not term or term in stop:
            return
        target = zh if is_cjk(term) else en
        if term not in target:
            target.append(term)
        weights[term] = max(weights.get(term, 0), w)

    name = spec.name.replace("_", " ")
    if spec.family == "symmetry":
        add(spec.name.replace("frieze_", "frieze ").replace("rosette_", "rosette "), 4)
    else:
        add(name, WEIGHTS["name"])
    for term in extra.get("en", ()):
        add(term, WEIGHTS["curated"])
    for term in extra.get("zh", ()):
        add(term, WEIGHTS["curated"])
    for tag in spec.tags:
        add(tag, WEIGHTS["tag"])
    data: dict[str, Any] = {
        "op": spec.id,
        "role": op_role(spec),
        "family": spec.family,
        "summary": spec.summary,
    }
    if extra.get("meaning"):
        data["meaning"] = extra["meaning"]
    if zh:
        data["name_zh"] = zh[0]
    data["name_en"] = en[0] if en else name
    return Entry(f"op:{spec.id}", "operator", tuple(en), tuple(zh), data, weights)


@functools.cache
def vocabulary() -> Vocabulary:
    """The vocabulary: the built data plus entries for operators registered since."""
    from foulard.ops import registry

    data = _read_data()
    entries = [Entry.from_json(d) for d in data["entries"]]
    have = {e.op for e in entries if e.kind == "operator"}
    for spec in registry.operators():
        if spec.id not in have:
            entries.append(operator_entry(spec))
    # Operators that left the registry (renamed, removed) leave the vocabulary too.
    live = {s.id for s in registry.operators()}
    entries = [e for e in entries if e.kind != "operator" or e.op in live]
    for i, e in enumerate(entries):
        if e.kind in ("group", "style"):
            kept = {k: v for k, v in e.data.items()}
            for key in ("ops", "hero", "small", "border", "patterns", "signature"):
                if key in kept:
                    kept[key] = [op for op in kept[key] if op in live]
            entries[i] = Entry(e.id, e.kind, e.en, e.zh, kept, e.weights)
    meta = {k: v for k, v in data.items() if k != "entries"}
    return Vocabulary(entries, meta)
