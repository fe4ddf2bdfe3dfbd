"""Where a colourway's colours come from: palettes, solar terms, harmonies, colours.

A request names its source as text (``palette:twilight_gold``, ``solar_term:qingming``
or a bare id, ``harmony:triadic@200``, ``#rrggbb,#rrggbb,...``) or as a
:class:`ColourwayRequest`; an unknown name is an error that lists the valid ones.
Drawn colourways take their requests from :func:`auto_requests`, in turn a harmony
around a drawn hue, a named Chinese traditional palette and a solar term.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from foulard.color.gamut import gamut_map_oklch
from foulard.color.names import chinese_colors, palette_ids, solar_term_ids
from foulard.color.space import srgb_to_hex
from foulard.errors import FoulardError
from foulard.ops.color.harmony import SCHEMES, harmony_oklch
from foulard.production.inktable import InkTable

__all__ = [
    "ColourwayError",
    "ColourwayRequest",
    "auto_requests",
    "parse_request",
    "source_colours",
]

DEFAULT_COLOURWAYS = 5


class ColourwayError(FoulardError, ValueError):
    """A colourway request is unknown, or cannot keep touching inks distinguishable.

    ``collisions`` lists ``(i, j, why)`` for the inks that collide.
    """

    def __init__(self, message: str, collisions: Sequence[tuple[int, int, str]] = ()):
        self.collisions = list(collisions)
        super().__init__(message)


@dataclass(frozen=True)
class ColourwayRequest:
    """Where a colourway's colours come from.

    ``kind`` is ``palette`` (a named palette id), ``solar_term`` (a term's pinyin),
    ``harmony`` (a scheme of :mod:`foulard.ops.color.harmony`, around ``hue``
    degrees) or ``colours`` (explicit ``'#rrggbb'``). ``fit`` is ``tone`` or
    ``exact``.
    """

    kind: str
    name: str = ""
    colours: tuple[str, ...] = ()
    hue: float = 30.0
    fit: str = "tone"

    @property
    def label(self) -> str:
        if self.kind == "colours":
            return "colours:" + ",".join(self.colours)
        if self.kind == "harmony":
            return f"harmony:{self.name}@{self.hue:g}"
        return f"{self.kind}:{self.name}"


def parse_request(
    spec: str | Sequence[str] | ColourwayRequest, fit: str = "tone"
) -> ColourwayRequest:
    """A request from text: ``palette:ID``, ``solar_term:ID``, ``harmony:SCHEME[@HUE]``,
    ``#hex,#hex,...``, a bare palette or solar-term id, or a list of hex colours.

    >>> parse_request("harmony:triadic@200").label
    'harmony:triadic@200'
    >>> parse_request("qingming").kind
    'solar_term'
    """
    if isinstance(spec, ColourwayRequest):
        return spec
    if fit not in ("tone", "exact"):
        raise ColourwayError(f"fit must be 'tone' or 'exact', got {fit!r}")
    if not isinstance(spec, str):
        return ColourwayRequest("colours", colours=_hexes(list(spec)), fit=fit)
    text = spec.strip()
    if text.startswith("#"):
        return ColourwayRequest("colours", colours=_hexes(text.split(",")), fit=fit)
    kind, _, name = text.partition(":") if ":" in text else ("", "", text)
    if kind == "":
        kind = "palette" if name in palette_ids() else "solar_term"
    if kind in ("palette", "chinese"):
        if name not in palette_ids():
            raise ColourwayError(f"unknown palette {name!r}; valid: {', '.join(palette_ids())}")
        return ColourwayRequest("palette", name, fit=fit)
    if kind in ("solar_term", "solar"):
        if name not in solar_term_ids():
            raise ColourwayError(
                f"unknown palette or solar term {name!r}; palettes: {', '.join(palette_ids())}; "
                f"solar terms: {', '.join(solar_term_ids())}"
            )
        return ColourwayRequest("solar_term", name, fit=fit)
    if kind == "harmony":
        scheme, _, hue = name.partition("@")
        if scheme not in SCHEMES:
            raise ColourwayError(f"unknown harmony {scheme!r}; valid: {', '.join(SCHEMES)}")
        try:
            h = float(hue) if hue else 30.0
        except ValueError:
            raise ColourwayError(f"harmony hue must be a number of degrees, got {hue!r}") from None
        if not (math.isfinite(h) and 0.0 <= h <= 360.0):
            raise ColourwayError(f"harmony hue must be between 0 and 360 degrees, got {h:g}")
        return ColourwayRequest("harmony", scheme, hue=h, fit=fit)
    raise ColourwayError(
        f"unknown colourway source {kind!r}; use palette:ID, solar_term:ID, "
        "harmony:SCHEME@HUE or #hex,#hex,..."
    )


def _hexes(values: list[str]) -> tuple[str, ...]:
    out = []
    for v in values:
        c = str(v).strip().lower()
        if len(c) != 7 or c[0] != "#" or any(ch not in "0123456789abcdef" for ch in c[1:]):
            raise ColourwayError(f"{v!r} is not a colour; write colours as '#rrggbb'")
        out.append(c)
    if len(out) < 2:
        raise ColourwayError("a colourway needs at least two colours")
    return tuple(out)


def source_colours(req: ColourwayRequest, table: InkTable) -> tuple[str, ...]:
    """The colours a request draws from (hex)."""
    data = chinese_colors()
    if req.kind == "palette":
        return data.palettes[req.name].colors.hexes
    if req.kind == "solar_term":
        return data.solar_terms[req.name].colors.hexes
    if req.kind == "harmony":
        ground = "light" if table.lab[table.ground, 0] >= 50.0 else "dark"
        count = min(12, max(4, len(table.inks)))
        lch = harmony_oklch(
            req.name, req.hue, lightness=0.6, chroma=0.13, count=count, ground=ground
        )
        return srgb_to_hex(gamut_map_oklch(lch, jnd=0.0))
    return req.colours


def auto_requests(table: InkTable, seed: int, count: int = 8 * DEFAULT_COLOURWAYS):
    """Candidate requests drawn from ``seed``: harmonies, palettes and solar terms in turn."""
    rng = np.random.default_rng([seed, 0xC010])
    palettes, terms = palette_ids(), solar_term_ids()
    schemes = ("analogous", "complementary", "split_complementary", "triadic", "monochrome")
    out = []
    for k in range(count):
        kind = ("harmony", "palette", "solar_term")[k % 3]
        if kind == "harmony":
            scheme = schemes[int(rng.integers(len(schemes)))]
            out.append(ColourwayRequest("harmony", scheme, hue=round(float(rng.uniform(0, 360)))))
        elif kind == "palette":
            out.append(ColourwayRequest("palette", palettes[int(rng.integers(len(palettes)))]))
        else:
            out.append(ColourwayRequest("solar_term", terms[int(rng.integers(len(terms)))]))
    return out
