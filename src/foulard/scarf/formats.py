"""Scarf formats: finished sizes, hem allowance, safe zone, and their pixel sizes.

Sizes follow the print reference (PRINT.md): pixel counts are
``round(mm / 25.4 * ppi)`` of the *canvas*, which is the finished size plus the hem
allowance on every side (a hand-rolled hem takes about 1 cm a side). Text, logos and
signatures stay inside the safe zone, at least 15 mm inside the finished edge.

The design's unit is the finished width: the finished piece is ``[0, 1] x [0, h/w]``
in design units and the hem band lies outside it, where the ground continues (full
bleed).

>>> f = get_format("carre90")
>>> f.canvas_px(300)
(10866, 10866)
>>> f.finished_px(300)
(10630, 10630)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from foulard.errors import FoulardError, SizeError
from foulard.render.context import MM_PER_INCH, RenderContext

__all__ = ["FORMATS", "MIN_PPI", "Format", "custom_format", "get_format"]

MIN_PPI = 150  # the floor for fabric (PRINT.md); lower needs force=True
DEFAULT_HEM_MM = 10.0
DEFAULT_SAFE_MM = 15.0


@dataclass(frozen=True)
class Format:
    """A scarf format.

    Parameters
    ----------
    name : str
        Catalogue name (``carre90``) or ``custom-WxH``.
    width_mm, height_mm : float
        Finished size.
    hem_mm : float
        Hem allowance on each side, added to the canvas.
    safe_mm : float
        Distance inside the finished edge that text and logos must keep.
    kind : str
        ``square``, ``ribbon`` (twilly) or ``oblong``; layouts use it.
    title : str
        What the format is, in words.
    """

    name: str
    width_mm: float
    height_mm: float
    hem_mm: float = DEFAULT_HEM_MM
    safe_mm: float = DEFAULT_SAFE_MM
    kind: str = "square"
    title: str = ""

    def __post_init__(self) -> None:
        for field_name in ("width_mm", "height_mm"):
            v = getattr(self, field_name)
            if not (isinstance(v, (int, float)) and math.isfinite(v) and 10 <= v <= 10_000):
                raise SizeError(f"{field_name} must be between 10 and 10000 mm, got {v!r}")
        if not 0 <= self.hem_mm <= 100:
            raise SizeError(f"hem must be between 0 and 100 mm, got {self.hem_mm}")
        if not 0 <= self.safe_mm < min(self.width_mm, self.height_mm) / 2:
            raise SizeError(f"safe zone of {self.safe_mm} mm does not fit in {self.name}")

    @property
    def canvas_mm(self) -> tuple[float, float]:
        """Finished size plus the hem on both sides."""
        return self.width_mm + 2 * self.hem_mm, self.height_mm + 2 * self.hem_mm

    @property
    def aspect(self) -> float:
        """Finished height over width (the design's height in design units)."""
        return self.height_mm / self.width_mm

    def canvas_px(self, ppi: float) -> tuple[int, int]:
        w, h = self.canvas_mm
        return round(w / MM_PER_INCH * ppi), round(h / MM_PER_INCH * ppi)

    def finished_px(self, ppi: float) -> tuple[int, int]:
        return (
            round(self.width_mm / MM_PER_INCH * ppi),
            round(self.height_mm / MM_PER_INCH * ppi),
        )

    def context(self, ppi: float = 300, *, force: bool = False) -> RenderContext:
        """The print canvas at ``ppi``: finished size plus hem, true density in the tags."""
        check_ppi(ppi, force=force)
        return RenderContext.for_print(self.width_mm, self.height_mm, ppi, bleed_mm=self.hem_mm)

    def preview_context(self, px: int, *, with_hem: bool = False) -> RenderContext:
        """A preview ``px`` on the long side, of the finished piece (or the whole canvas)."""
        b = self.hem_mm / self.width_mm if with_hem else 0.0
        frame = (-b, -b, 1.0 + b, self.aspect + b)
        return RenderContext.preview(px, frame=frame, mm_per_unit=self.width_mm)

    @property
    def safe_units(self) -> float:
        """The safe-zone distance in design units."""
        return self.safe_mm / self.width_mm

    def with_(self, **changes) -> Format:
        return replace(self, **changes)

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "kind": self.kind,
            "finished_mm": [self.width_mm, self.height_mm],
            "hem_mm": self.hem_mm,
            "safe_mm": self.safe_mm,
            "canvas_mm": list(self.canvas_mm),
            "title": self.title,
        }


def check_ppi(ppi: float, *, force: bool = False) -> None:
    """Refuse densities a mill would reject, unless forced."""
    if not (isinstance(ppi, (int, float)) and math.isfinite(ppi) and ppi > 0):
        raise SizeError(f"ppi must be a positive number, got {ppi!r}")
    if ppi < MIN_PPI and not force:
        raise SizeError(
            f"{ppi:g} ppi is below {MIN_PPI} ppi, the floor for printing on fabric; "
            "mills reject such files (force it only for proofs)"
        )
    if ppi > 2400:
        raise SizeError(f"{ppi:g} ppi is above 2400 ppi; no textile printer needs that")


def _square(name: str, cm: float, title: str) -> Format:
    return Format(name, cm * 10.0, cm * 10.0, title=title)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        _square("carre45", 45, "small square (gavroche)"),
        _square("carre53", 53, "bandana, the Japanese size"),
        _square("carre65", 65, "bandana"),
        _square("carre70", 70, "medium square"),
        _square("carre90", 90, "the classic silk square"),
        _square("carre100", 100, "large square"),
        _square("carre110", 110, "large square"),
        _square("shawl140", 140, "shawl"),
        Format("bandana", 550.0, 550.0, title="bandana, 55 cm (about 22 in)"),
        Format(
            "twilly",
            50.0,
            860.0,
            hem_mm=5.0,
            safe_mm=8.0,
            kind="ribbon",
            title="narrow ribbon, 5 x 86 cm",
        ),
        Format("oblong", 500.0, 1800.0, kind="oblong", title="long scarf, 50 x 180 cm"),
    )
}
ALIASES = {"gavroche45": "carre45", "bandana53": "carre53", "bandana65": "carre65"}

_CUSTOM = re.compile(r"^custom-(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)$")


def get_format(name: str) -> Format:
    """A catalogue format by name (``carre90``) or a custom one (``custom-600x600``, mm)."""
    key = ALIASES.get(name, name)
    if key in FORMATS:
        return FORMATS[key]
    m = _CUSTOM.match(name)
    if m:
        return custom_format(float(m.group(1)), float(m.group(2)))
    valid = ", ".join([*FORMATS, *ALIASES])
    raise FoulardError(f"unknown format {name!r}; valid: {valid}, or custom-WxH in mm")


def custom_format(
    width_mm: float,
    height_mm: float,
    *,
    hem_mm: float = DEFAULT_HEM_MM,
    safe_mm: float = DEFAULT_SAFE_MM,
) -> Format:
    """A format of any finished size."""
    ratio = max(width_mm, height_mm) / min(width_mm, height_mm)
    kind = "square" if ratio < 1.2 else ("ribbon" if ratio > 8 else "oblong")
    return Format(
        f"custom-{width_mm:g}x{height_mm:g}",
        float(width_mm),
        float(height_mm),
        hem_mm=hem_mm,
        safe_mm=safe_mm,
        kind=kind,
        title="custom size",
    )
