"""Titles and signatures: text set as vector outlines in the bundled font.

foulard ships one open-licence font that covers Chinese and Latin: *Foulard Kai*, a
renamed subset of LXGW WenKai (SIL OFL 1.1; see ``foulard/data/fonts/README.md``).
Text becomes skia glyph *paths* in design units, so a title is as sharp on a
10,000 px master as on a preview, and the renderer rasterises it in cached tiles
like any drawing. A character the font lacks is an error naming it, never a box
(tofu).
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from importlib import resources

import skia

from foulard.errors import ParameterError
from foulard.ops._common.drawing import Drawing

__all__ = [
    "FONT_FAMILY",
    "FONT_FILE",
    "TextLine",
    "check_text",
    "missing_characters",
    "set_line",
    "typeface",
]

FONT_FAMILY = "Foulard Kai"
FONT_FILE = "FoulardKai-Regular.ttf"
_EM = 1000.0  # the font's units per em: outlines are read at this size, then scaled


def _font_bytes() -> bytes:
    return resources.files("foulard").joinpath("data", "fonts", FONT_FILE).read_bytes()


@functools.lru_cache(maxsize=1)
def typeface() -> skia.Typeface:
    """The bundled typeface (read once)."""
    # An empty custom font manager: reading our own file must not wake the system's
    # font configuration (which only prints warnings and finds nothing we use).
    manager = skia.FontMgr.New_Custom_Empty()
    face = manager.makeFromData(skia.Data.MakeWithCopy(_font_bytes()))
    if face is None:  # pragma: no cover - the file is package data
        raise RuntimeError(f"cannot read the bundled font {FONT_FILE}")
    return face


@functools.lru_cache(maxsize=1)
def _font() -> skia.Font:
    font = skia.Font(typeface(), _EM)
    font.setSubpixel(True)
    font.setLinearMetrics(True)
    font.setHinting(skia.FontHinting.kNone)
    return font


def missing_characters(text: str) -> list[str]:
    """Characters of ``text`` the font cannot draw (control characters included).

    >>> missing_characters("霞光 Aurore")
    []
    >>> missing_characters("ab\\u2603")
    ['☃']
    """
    out: list[str] = []
    if not text:
        return out
    glyphs = _font().textToGlyphs(text)
    for ch, g in zip(text, glyphs, strict=True):
        if (g == 0 or unicodedata.category(ch).startswith("C")) and ch not in out:
            out.append(ch)
    return out


def check_text(text: str, path: str) -> None:
    """Raise :class:`ParameterError` at ``path`` if the font lacks any character of ``text``."""
    missing = missing_characters(text)
    if missing:
        listed = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in missing)
        raise ParameterError(
            f"the font {FONT_FAMILY!r} has no glyph for {listed}; it covers GB2312 Chinese, "
            "ASCII, Latin-1, Latin Extended-A and common punctuation",
            path,
        )


@dataclass(frozen=True)
class TextLine:
    """One line of text as an outline in design units, and its box."""

    path: skia.Path
    bounds: tuple[float, float, float, float]  # x0, y0, x1, y1 of the ink

    @property
    def width(self) -> float:
        return self.bounds[2] - self.bounds[0]

    @property
    def height(self) -> float:
        return self.bounds[3] - self.bounds[1]

    def drawing(self, pad: float) -> Drawing:
        """The line filled white (coverage only: the caller colours it), box grown by ``pad``."""
        x0, y0, x1, y1 = self.bounds
        d = Drawing((x0 - pad, y0 - pad, x1 + pad, y1 + pad))
        d.fill(self.path, (1.0, 1.0, 1.0))
        return d


def set_line(
    text: str,
    *,
    size: float,
    anchor: tuple[float, float],
    align: str = "centre",
    tracking: float = 0.0,
    max_width: float | None = None,
) -> TextLine:
    """Set ``text`` on one line, ``size`` design units to the em.

    ``anchor`` is where the line's *ink box* meets: its bottom edge at ``anchor[1]``
    and, by ``align``, its centre, left or right edge at ``anchor[0]``. A line wider
    than ``max_width`` is set smaller until it fits (never cut). ``tracking`` adds
    space between characters, in ems.
    """
    if align not in ("centre", "left", "right"):
        raise ValueError(f"align must be centre, left or right, got {align!r}")
    font = _font()
    glyphs = font.textToGlyphs(text)
    widths = font.getWidths(glyphs)
    path = skia.Path()
    pen = 0.0
    for g, w in zip(glyphs, widths, strict=True):
        outline = font.getPath(g)
        if outline is not None and outline.countPoints():
            outline.offset(pen, 0.0)
            path.addPath(outline)
        pen += w + tracking * _EM
    box = path.computeTightBounds()
    if box.isEmpty():
        return TextLine(skia.Path(), (anchor[0], anchor[1], anchor[0], anchor[1]))
    scale = size / _EM
    if max_width is not None and box.width() * scale > max_width:
        scale = max_width / box.width()
    x0, y1 = box.left() * scale, box.bottom() * scale
    w = box.width() * scale
    ax, ay = anchor
    left = {"centre": ax - 0.5 * w, "left": ax, "right": ax - w}[align]
    m = skia.Matrix()
    m.setScale(scale, scale)
    m.postTranslate(left - x0, ay - y1)
    path.transform(m)
    b = path.computeTightBounds()
    return TextLine(path, (b.left(), b.top(), b.right(), b.bottom()))
