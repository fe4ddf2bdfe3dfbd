"""The spec sheet for the mill: JSON plus a one- or two-page PDF.

It says what to print and how: a thumbnail, the format (finished size, hem, safe
zone), the canvas in pixels and its ppi, the ink table with swatches, the
colourways, the repeat (for yardage) and the design's id and title.

The input is plain data, so the sheet does not depend on the code that made it. Ink
rows and colourways are JSON-able dicts of these shapes (extra keys are kept in the
JSON and ignored by the PDF)::

    InkRow     = {"index": 0, "hex": "#1d3557", "lab": [22.9, 3.1, -25.0],
                  "name": "黛蓝", "print_order": 3, "area_pct": 41.2}
    Colourway  = {"id": "cw1", "name": "winter", "inks": ["#1d3557", ...]}  # by index

The PDF is drawn with skia's PDF backend in the font bundled in
``foulard/data/fonts`` (it covers Chinese and Latin), or skia's default typeface
when none is there.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, TypedDict

import numpy as np
import skia

from foulard import __version__
from foulard.errors import FoulardError
from foulard.genome.schema import Genome
from foulard.render.atomic import atomic_write_bytes
from foulard.scarf.formats import Format

__all__ = ["Colourway", "InkRow", "SpecSheet", "spec_sheet", "write_spec_sheet"]

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
PAGE_W, PAGE_H = 595.0, 842.0  # A4 in points
MARGIN = 40.0
ROW = 15.0


class InkRow(TypedDict):
    """One ink: its index in the indexed image, colour, nearest name, order and area."""

    index: int
    hex: str
    lab: list[float]
    name: str
    print_order: int
    area_pct: float


class Colourway(TypedDict):
    """A colourway: an id, an optional name, one ``#rrggbb`` per ink index."""

    id: str
    name: str
    inks: list[str]


@dataclass
class SpecSheet:
    """Everything the sheet shows; build it with :func:`spec_sheet` or by hand."""

    design_id: str
    title: str
    format: dict[str, Any]
    ppi: float
    canvas_px: tuple[int, int]
    true_ppi: float
    inks: list[dict[str, Any]] = field(default_factory=list)
    colourways: list[dict[str, Any]] = field(default_factory=list)
    repeat: dict[str, Any] | None = None
    master: dict[str, Any] = field(
        default_factory=lambda: {"file": "TIFF-LZW", "bits": 8, "icc": "sRGB IEC61966-2.1"}
    )
    thumbnail: np.ndarray | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.inks = [_check_ink(row, i) for i, row in enumerate(self.inks)]
        n = len(self.inks)
        self.colourways = [_check_colourway(cw, i, n) for i, cw in enumerate(self.colourways)]
        if self.thumbnail is not None:
            t = np.asarray(self.thumbnail)
            if t.ndim != 3 or t.shape[2] != 3 or t.dtype != np.uint8:
                raise FoulardError("the thumbnail must be an (h, w, 3) uint8 RGB array")

    def to_json(self) -> dict[str, Any]:
        return {
            "foulard": __version__,
            "design_id": self.design_id,
            "title": self.title,
            "format": self.format,
            "ppi": self.ppi,
            "true_ppi": self.true_ppi,
            "canvas_px": list(self.canvas_px),
            "master": self.master,
            "inks": self.inks,
            "colourways": self.colourways,
            "repeat": self.repeat,
        }


def _check_ink(row: Any, i: int) -> dict[str, Any]:
    where = f"ink row {i}"
    if not isinstance(row, dict):
        raise FoulardError(f"{where}: expected a dict, got {type(row).__name__}")
    missing = [k for k in InkRow.__annotations__ if k not in row]
    if missing:
        raise FoulardError(f"{where}: missing {', '.join(missing)}")
    if not (isinstance(row["hex"], str) and _HEX.match(row["hex"])):
        raise FoulardError(f"{where}: hex must be '#rrggbb', got {row['hex']!r}")
    lab = row["lab"]
    if not (isinstance(lab, (list, tuple)) and len(lab) == 3):
        raise FoulardError(f"{where}: lab must be three numbers, got {lab!r}")
    return dict(row, lab=[float(v) for v in lab])


def _check_colourway(cw: Any, i: int, n: int) -> dict[str, Any]:
    where = f"colourway {i}"
    if not isinstance(cw, dict) or "inks" not in cw or "id" not in cw:
        raise FoulardError(f"{where}: expected a dict with 'id' and 'inks'")
    inks = cw["inks"]
    if not all(isinstance(h, str) and _HEX.match(h) for h in inks):
        raise FoulardError(f"{where}: inks must be '#rrggbb' colours")
    if n and len(inks) != n:
        raise FoulardError(f"{where}: {len(inks)} inks, the ink table has {n}")
    return dict(cw, name=cw.get("name", cw["id"]), inks=list(inks))


def spec_sheet(
    genome: Genome,
    fmt: Format,
    ppi: float = 300,
    *,
    inks: list[dict[str, Any]] | None = None,
    colourways: list[dict[str, Any]] | None = None,
    repeat: dict[str, Any] | None = None,
    thumbnail_px: int = 600,
) -> SpecSheet:
    """The sheet of ``genome`` printed as ``fmt`` at ``ppi``, with a rendered thumbnail."""
    from foulard.render import render

    ctx = fmt.context(ppi, force=True)
    thumb = render(genome, fmt.preview_context(thumbnail_px))
    return SpecSheet(
        design_id=genome.design_id,
        title=str(genome.meta.get("title") or "untitled"),
        format=fmt.to_json() | {"safe_mm": fmt.safe_mm},
        ppi=float(ppi),
        canvas_px=(ctx.width, ctx.height),
        true_ppi=float(ctx.dpi or ppi),
        inks=list(inks or []),
        colourways=list(colourways or []),
        repeat=repeat,
        thumbnail=thumb,
    )


@lru_cache(maxsize=1)
def _typeface() -> tuple[skia.Typeface, str]:
    """The bundled font if there is one, else skia's default; and where it came from."""
    try:
        folder = resources.files("foulard") / "data" / "fonts"
        files = sorted(
            p for p in folder.iterdir() if p.name.lower().endswith((".ttf", ".otf", ".ttc"))
        )
    except (FileNotFoundError, NotADirectoryError):
        files = []
    for f in files:
        tf = skia.Typeface.MakeFromFile(str(f))
        if tf is not None:
            return tf, f.name
    return skia.Typeface(""), "skia default"


def write_spec_sheet(
    sheet: SpecSheet, pdf_path: str | Path, json_path: str | Path | None = None
) -> tuple[Path, Path | None]:
    """Write the PDF (and the JSON when ``json_path`` is given), each atomically."""
    pdf_path = Path(pdf_path)
    stream = skia.DynamicMemoryWStream()
    meta = skia.PDF.Metadata()
    meta.fTitle = f"Spec sheet: {sheet.title}"
    meta.fCreator = f"foulard {__version__}"
    meta.fProducer = "foulard (skia PDF)"
    doc = skia.PDF.MakeDocument(stream, meta)
    for draw in _pages(sheet):
        canvas = doc.beginPage(PAGE_W, PAGE_H)
        draw(canvas)
        doc.endPage()
    doc.close()
    atomic_write_bytes(pdf_path, bytes(stream.detachAsData()))
    out_json = None
    if json_path is not None:
        out_json = Path(json_path)
        text = json.dumps(sheet.to_json(), ensure_ascii=False, indent=2, sort_keys=True)
        atomic_write_bytes(out_json, (text + "\n").encode("utf-8"))
    return pdf_path, out_json


def render_page_png(sheet: SpecSheet, page: int, path: str | Path, scale: float = 1.5) -> Path:
    """Draw one page into a PNG (the same drawing as the PDF), to look at it."""
    pages = _pages(sheet)
    surface = skia.Surface(int(PAGE_W * scale), int(PAGE_H * scale))
    with surface as canvas:
        canvas.scale(scale, scale)
        pages[page](canvas)
    surface.makeImageSnapshot().save(str(path), skia.kPNG)
    return Path(path)


# -- drawing ------------------------------------------------------------------------


class _Pen:
    """Text and boxes on a canvas, in points, with the sheet's font."""

    def __init__(self, canvas: skia.Canvas):
        self.c = canvas
        self.tf, _ = _typeface()
        self.ink = skia.Paint(AntiAlias=True, Color=skia.ColorSetRGB(30, 30, 34))
        self.grey = skia.Paint(AntiAlias=True, Color=skia.ColorSetRGB(110, 110, 118))
        self.rule = skia.Paint(
            AntiAlias=True,
            Color=skia.ColorSetRGB(200, 200, 205),
            Style=skia.Paint.kStroke_Style,
            StrokeWidth=0.6,
        )

    def text(self, s: str, x: float, y: float, size: float = 9.0, *, grey=False, right=False):
        font = skia.Font(self.tf, size)
        if right:
            x -= font.measureText(s)
        self.c.drawString(s, x, y, font, self.grey if grey else self.ink)
        return font.measureText(s)

    def fit(self, s: str, width: float, size: float) -> str:
        font = skia.Font(self.tf, size)
        if font.measureText(s) <= width:
            return s
        while s and font.measureText(s + "…") > width:
            s = s[:-1]
        return s + "…"

    def swatch(self, hex_: str, x: float, y: float, w: float, h: float) -> None:
        r, g, b = (int(hex_[i : i + 2], 16) for i in (1, 3, 5))
        rect = skia.Rect.MakeXYWH(x, y, w, h)
        self.c.drawRect(rect, skia.Paint(AntiAlias=True, Color=skia.ColorSetRGB(r, g, b)))
        self.c.drawRect(rect, self.rule)

    def hline(self, x0: float, x1: float, y: float) -> None:
        self.c.drawLine(x0, y, x1, y, self.rule)


_HEAD = 60 + 330  # title, thumbnail and facts on page one


def _plan(sheet: SpecSheet) -> tuple[int, bool, bool]:
    """Ink rows on page one, whether there is a page two, and whether colourways go there."""
    first_rows = max(0, int((PAGE_H - MARGIN - _HEAD - 40) // ROW))
    shown = min(len(sheet.inks), first_rows)
    room = PAGE_H - MARGIN - _HEAD - shown * ROW - 40
    cw_on_two = bool(sheet.colourways) and (
        len(sheet.inks) > first_rows or 40 + len(sheet.colourways) * 22 > room
    )
    return first_rows, len(sheet.inks) > first_rows or cw_on_two, cw_on_two


def _pages(sheet: SpecSheet) -> list:
    """Page drawers: page one has the header, the facts and the ink rows that fit."""
    first_rows, two, cw_on_two = _plan(sheet)
    rows = sheet.inks
    pages = [lambda c: _page_one(c, sheet, rows[:first_rows], not cw_on_two)]
    if two:
        pages.append(lambda c: _page_two(c, sheet, rows[first_rows:], first_rows, cw_on_two))
    total = len(pages)
    return [
        (lambda c, draw=draw, n=n: (draw(c), _footer(c, sheet, n + 1, total)))
        for n, draw in enumerate(pages)
    ]


def _footer(c: skia.Canvas, sheet: SpecSheet, n: int, total: int) -> None:
    pen = _Pen(c)
    _, source = _typeface()
    pen.hline(MARGIN, PAGE_W - MARGIN, PAGE_H - MARGIN + 8)
    pen.text(
        f"foulard {__version__} · design {sheet.design_id[:16]} · font: {source}",
        MARGIN,
        PAGE_H - MARGIN + 22,
        7,
        grey=True,
    )
    pen.text(
        f"page {n} of {total}", PAGE_W - MARGIN, PAGE_H - MARGIN + 22, 7, grey=True, right=True
    )


def _page_one(c: skia.Canvas, sheet: SpecSheet, ink_rows, with_colourways: bool) -> None:
    pen = _Pen(c)
    x0, y = MARGIN, MARGIN + 10
    pen.text("SPEC SHEET · 印制规格", x0, y, 8, grey=True)
    pen.text(pen.fit(sheet.title, PAGE_W - 2 * MARGIN, 20), x0, y + 24, 20)
    pen.text(f"design id {sheet.design_id}", x0, y + 40, 7.5, grey=True)
    top = y + 56
    side = 230.0
    if sheet.thumbnail is not None:
        _thumbnail(c, sheet.thumbnail, x0, top, side)
    pen.c.drawRect(skia.Rect.MakeXYWH(x0, top, side, side), pen.rule)
    _facts(pen, sheet, x0 + side + 24, top + 10)
    y = top + side + 34
    if sheet.inks:
        y = _ink_table(pen, ink_rows, x0, y, start=0, total=len(sheet.inks))
    else:
        pen.text("No ink table: digital print from the RGB master.", x0, y + 6, 9, grey=True)
        y += 20
    if sheet.colourways and with_colourways:
        _colourways(pen, sheet, x0, y + 14)


def _page_two(c: skia.Canvas, sheet: SpecSheet, rest, start: int, with_colourways: bool) -> None:
    pen = _Pen(c)
    x0, y = MARGIN, MARGIN + 10
    pen.text(pen.fit(f"{sheet.title} (continued)", PAGE_W - 2 * MARGIN, 12), x0, y + 6, 12)
    y += 30
    if rest:
        y = _ink_table(pen, rest, x0, y, start=start, total=len(sheet.inks))
    if with_colourways:
        _colourways(pen, sheet, x0, y + 14)


def _thumbnail(c: skia.Canvas, thumb: np.ndarray, x: float, y: float, side: float) -> None:
    h, w = thumb.shape[:2]
    rgba = np.concatenate([thumb, np.full((h, w, 1), 255, np.uint8)], axis=2)
    img = skia.Image.fromarray(np.ascontiguousarray(rgba), colorType=skia.kRGBA_8888_ColorType)
    s = side / max(w, h)
    dw, dh = w * s, h * s
    rect = skia.Rect.MakeXYWH(x + (side - dw) / 2, y + (side - dh) / 2, dw, dh)
    c.drawImageRect(img, rect, skia.SamplingOptions(skia.FilterMode.kLinear))


def _facts(pen: _Pen, sheet: SpecSheet, x: float, y: float) -> None:
    f = sheet.format
    fw, fh = f.get("finished_mm", [0, 0])
    cw, ch = f.get("canvas_mm", [0, 0])
    w, h = sheet.canvas_px
    lines = [
        ("Format", f"{f.get('name')} — {f.get('title', '')}".rstrip(" —")),
        ("Finished", f"{fw:g} × {fh:g} mm"),
        ("Hem", f"{f.get('hem_mm', 0):g} mm a side (the ground runs into it)"),
        ("Canvas", f"{cw:g} × {ch:g} mm = {w} × {h} px"),
        ("Resolution", f"{sheet.ppi:g} ppi (the file declares {sheet.true_ppi:.3f})"),
        ("Safe zone", f"{f.get('safe_mm', 15):g} mm inside the finished edge"),
        (
            "Master",
            f"{sheet.master.get('file')}, {sheet.master.get('bits')}-bit RGB, "
            f"ICC {sheet.master.get('icc')}",
        ),
        ("Inks", f"{len(sheet.inks)} (screen route)" if sheet.inks else "digital print"),
        ("Colourways", str(len(sheet.colourways)) if sheet.colourways else "—"),
    ]
    lines += _repeat_lines(sheet.repeat)
    width = PAGE_W - MARGIN - x - 56
    for label, value in lines:
        pen.text(label, x, y, 8, grey=True)
        pen.text(pen.fit(value, width, 8.5), x + 56, y, 8.5)
        y += 16.5


def _repeat_lines(rep: dict[str, Any] | None) -> list[tuple[str, str]]:
    if not rep:
        return [("Repeat", "none: one placed square")]
    kind = str(rep.get("type", "?")) + (f" {rep['drop']}" if rep.get("drop") else "")
    unit = rep.get("unit_mm")
    out = [("Repeat", f"{kind}, unit {unit:.1f} mm" if unit else kind)]
    if rep.get("tile_px"):
        tw, th = rep["tile_px"]
        mw, mh = rep.get("tile_mm", [0, 0])
        out.append(("Tile", f"{tw} × {th} px = {mw:.1f} × {mh:.1f} mm"))
        out.append(("Stepping", "straight: the file is one whole period"))
    if rep.get("circumference_mm"):
        out.append(
            (
                "Rotary",
                f"{rep['circumference_mm']:g} mm screen, {rep.get('repeats_per_circumference')}"
                f" units a turn (asked {rep.get('requested_mm', 0):g})",
            )
        )
    return out


_COLS = (
    ("#", 0),
    ("", 20),
    ("hex", 48),
    ("L*     a*     b*", 100),
    ("name", 205),
    ("order", 380),
    ("area %", 440),
)


def _ink_table(pen: _Pen, rows, x: float, y: float, *, start: int, total: int) -> float:
    label = "Inks" if start == 0 else "Inks (continued)"
    pen.text(f"{label} · 油墨 ({total})", x, y, 11)
    y += 16
    for name, dx in _COLS:
        pen.text(name, x + dx, y, 7.5, grey=True)
    pen.hline(x, PAGE_W - MARGIN, y + 4)
    y += 16
    for row in rows:
        L, a, b = row["lab"]
        pen.text(str(row["index"]), x, y, 8.5)
        pen.swatch(row["hex"], x + 20, y - 9, 22, 11)
        pen.text(row["hex"], x + 48, y, 8.5)
        pen.text(f"{L:5.1f} {a:6.1f} {b:6.1f}", x + 100, y, 8.5)
        pen.text(pen.fit(str(row.get("name", "")), 170, 8.5), x + 205, y, 8.5)
        pen.text(str(row["print_order"]), x + 380, y, 8.5)
        pen.text(f"{float(row['area_pct']):.2f}", x + 470, y, 8.5, right=True)
        y += ROW
    return y


def _colourways(pen: _Pen, sheet: SpecSheet, x: float, y: float) -> float:
    pen.text(f"Colourways · 配色 ({len(sheet.colourways)})", x, y, 11)
    y += 12
    for cw in sheet.colourways:
        y += 22
        pen.text(pen.fit(str(cw.get("name") or cw["id"]), 110, 8.5), x, y - 3, 8.5)
        n = len(cw["inks"])
        room = PAGE_W - MARGIN - (x + 120)
        side = min(18.0, room / max(1, n))
        for k, hex_ in enumerate(cw["inks"]):
            pen.swatch(hex_, x + 120 + k * side, y - 14, math.floor(side) - 1.5, 15)
    return y
