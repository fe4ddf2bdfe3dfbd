"""The structured intent: what a prompt asked for, what it refused, what was not understood.

An :class:`Intent` is plain data (``to_json`` / ``from_json``): the CLI prints it with
``--json``, the studio shows it, and a genome made from it carries it in its
``meta.provenance.prompt``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

__all__ = ["MAX_DESIGNS", "MAX_PROMPT_CHARS", "Element", "Intent"]

MAX_PROMPT_CHARS = 500  # longer prompts are cut here (the intent says so)
MAX_DESIGNS = 24  # designs one prompt may ask for


# How the summary says where an element goes ("red ground", "回纹边框").
_ROLE_WORDS = {
    "en": {"ground": " ground", "border": " border", "corner": " corners", "hero": " centre"},
    "zh": {"ground": "底", "border": "边框", "corner": "角花", "hero": "居中"},
}


@dataclass(frozen=True)
class Element:
    """One understood element of a prompt.

    ``kind`` is the vocabulary entry's kind (``operator``, ``group``, ``palette``,
    ``colour``, ``style``, ``mood``, ``occasion``, ``scale``, ``symmetry``, ``format``);
    ``ops`` are the operator ids it stands for (any one of them honours it);
    ``role`` is where a motif or a colour goes when the prompt says so (``border``,
    ``corner``, ``hero``, ``ground``); ``via`` is ``vocabulary`` or ``meaning``
    (matched by the optional embedding model, with its ``score``).
    """

    kind: str
    id: str
    term: str
    name_en: str
    name_zh: str
    ops: tuple[str, ...] = ()
    role: str | None = None
    shade: str | None = None
    via: str = "vocabulary"
    score: float = 1.0

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en

    def with_role(self, role: str | None) -> Element:
        return replace(self, role=role)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "id": self.id,
            "term": self.term,
            "name": {"en": self.name_en, "zh": self.name_zh},
        }
        if self.ops:
            out["ops"] = list(self.ops)
        if self.role:
            out["role"] = self.role
        if self.shade:
            out["shade"] = self.shade
        if self.via != "vocabulary":
            out["via"] = self.via
            out["score"] = round(self.score, 3)
        return out

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Element:
        return cls(
            kind=d["kind"],
            id=d["id"],
            term=d["term"],
            name_en=d["name"]["en"],
            name_zh=d["name"]["zh"],
            ops=tuple(d.get("ops", ())),
            role=d.get("role"),
            shade=d.get("shade"),
            via=d.get("via", "vocabulary"),
            score=float(d.get("score", 1.0)),
        )


@dataclass(frozen=True)
class Intent:
    """What a prompt means, as data."""

    text: str
    language: str
    wanted: tuple[Element, ...] = ()
    negated: tuple[Element, ...] = ()
    colour_count: int | None = None
    design_count: int | None = None
    format: str | None = None
    ignored: tuple[dict[str, str], ...] = ()
    unavailable: tuple[dict[str, str], ...] = ()
    conflicts: tuple[dict[str, str], ...] = ()
    notes: tuple[str, ...] = ()
    truncated: bool = False
    vocabulary_version: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    # -- views the composer reads ---------------------------------------------------------

    def of(self, *kinds: str, negated: bool = False) -> list[Element]:
        pool = self.negated if negated else self.wanted
        return [e for e in pool if e.kind in kinds]

    @property
    def empty(self) -> bool:
        """Nothing was understood that shapes a design (a random design is made)."""
        return not self.wanted and not self.negated and self.colour_count is None

    def negated_ops(self) -> set[str]:
        out: set[str] = set()
        for e in self.negated:
            out.update(e.ops)
        return out

    def summary(self, lang: str | None = None) -> str:
        """One line of what was understood, in the prompt's language."""
        lang = lang or self.language
        parts = [
            e.name(lang) + _ROLE_WORDS.get(lang, _ROLE_WORDS["en"]).get(e.role or "", "")
            for e in self.wanted
        ]
        neg = [e.name(lang) for e in self.negated]
        if lang == "zh":
            s = "、".join(parts) or "（未指定）"
            if neg:
                s += "；不要" + "、".join(neg)
            if self.colour_count:
                s += f"；{self.colour_count} 套色"
            if self.format:
                s += f"；规格 {self.format}"
            return s
        s = ", ".join(parts) or "(nothing specific)"
        if neg:
            s += "; without " + ", ".join(neg)
        if self.colour_count:
            s += f"; {self.colour_count} colours"
        if self.format:
            s += f"; format {self.format}"
        return s

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "language": self.language,
            "truncated": self.truncated,
            "max_chars": MAX_PROMPT_CHARS,
            "wanted": [e.to_json() for e in self.wanted],
            "negated": [e.to_json() for e in self.negated],
            "colour_count": self.colour_count,
            "design_count": self.design_count,
            "format": self.format,
            "ignored": [dict(i) for i in self.ignored],
            "unavailable": [dict(i) for i in self.unavailable],
            "conflicts": [dict(c) for c in self.conflicts],
            "notes": list(self.notes),
            "summary": self.summary(),
            "vocabulary_version": self.vocabulary_version,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Intent:
        return cls(
            text=d["text"],
            language=d["language"],
            wanted=tuple(Element.from_json(e) for e in d.get("wanted", ())),
            negated=tuple(Element.from_json(e) for e in d.get("negated", ())),
            colour_count=d.get("colour_count"),
            design_count=d.get("design_count"),
            format=d.get("format"),
            ignored=tuple(d.get("ignored", ())),
            unavailable=tuple(d.get("unavailable", ())),
            conflicts=tuple(d.get("conflicts", ())),
            notes=tuple(d.get("notes", ())),
            truncated=bool(d.get("truncated", False)),
            vocabulary_version=d.get("vocabulary_version", ""),
        )
