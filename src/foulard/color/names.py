"""The bundled Chinese traditional colour data (``foulard/data/chinese_colors.json``).

Loaded once, on first use, with :mod:`importlib.resources`. Origins, licences and
attribution are in ``foulard/data/SOURCES.md``; the colours are used by their hex
value only (upstream RGB columns, which disagree with the hex on a few zhongguose
rows, were not carried over).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources

import numpy as np

from foulard.color.space import hex_to_srgb, srgb_to_oklab

__all__ = ["ColorSet", "NamedPalette", "SolarTerm", "chinese_colors"]

DATA_FILE = "chinese_colors.json"


@dataclass(frozen=True)
class ColorSet:
    """Named colours with their OKLab values (read-only arrays)."""

    names: tuple[str, ...]
    hexes: tuple[str, ...]
    lab: np.ndarray

    @classmethod
    def of(cls, names, hexes) -> ColorSet:
        lab = srgb_to_oklab(hex_to_srgb(hexes))
        lab.setflags(write=False)
        return cls(tuple(names), tuple(hexes), lab)


@dataclass(frozen=True)
class NamedPalette:
    """One of the 60 named palettes of the Forbidden City colours."""

    id: str
    key: str
    zh: str
    type: str
    colors: ColorSet


@dataclass(frozen=True)
class SolarTerm:
    """One of the 24 solar terms and its 16 Forbidden City colours."""

    id: str
    zh: str
    en: str
    colors: ColorSet


@dataclass(frozen=True)
class ChineseColors:
    palettes: dict[str, NamedPalette]
    solar_terms: dict[str, SolarTerm]
    zhongguose: ColorSet  # unique hex values only, first name kept
    pinyin: tuple[str, ...]


@functools.cache
def read_raw() -> dict:
    """The data file as parsed JSON (cached: do not modify it)."""
    text = resources.files("foulard").joinpath("data", DATA_FILE).read_text(encoding="utf-8")
    return json.loads(text)


@functools.cache
def chinese_colors() -> ChineseColors:
    """The bundled data, parsed and with OKLab values computed (cached)."""
    raw = read_raw()
    palettes = {
        p["id"]: NamedPalette(
            p["id"], p["key"], p["zh"], p["type"], ColorSet.of(p["names"], p["colors"])
        )
        for p in raw["palettes"]
    }
    terms = {}
    for term_id, zh, en in raw["solar_terms"]:
        rows = [r for r in raw["forbidden_city"] if r[3] == term_id]
        terms[term_id] = SolarTerm(
            term_id, zh, en, ColorSet.of([r[1] for r in rows], [r[2] for r in rows])
        )
    seen: dict[str, tuple[str, str]] = {}
    for name, pinyin, hex_ in raw["zhongguose"]:
        seen.setdefault(hex_, (name, pinyin))
    zhongguose = ColorSet.of([v[0] for v in seen.values()], list(seen))
    return ChineseColors(palettes, terms, zhongguose, tuple(v[1] for v in seen.values()))


def palette_ids() -> tuple[str, ...]:
    """The ids of the 60 named palettes, in upstream order (for parameter choices)."""
    return tuple(p["id"] for p in read_raw()["palettes"])


def solar_term_ids() -> tuple[str, ...]:
    """The 24 solar terms' pinyin ids, 立春 lichun first."""
    return tuple(t[0] for t in read_raw()["solar_terms"])
