"""SVG, hardened: check a document before anything renders it, then rasterise it.

:func:`check_svg` parses the bytes with expat and refuses, before any renderer
sees them:

- entity declarations (an internal DTD subset with ``<!ENTITY``): the "billion
  laughs" expansion and external entities both start there;
- references to anything outside the document: ``href`` / ``xlink:href`` that is
  not a fragment (``#id``) or an embedded ``data:image/...`` URI, CSS ``url()`` that
  is not a fragment, ``@import``, ``<?xml-stylesheet?>``;
- active content: ``<script>``, embedded HTML frames and objects (``iframe``,
  ``object``, ``embed``), ``on*`` event attributes (a stored SVG may later be shown
  in a browser). A ``<foreignObject>`` by itself is allowed (Illustrator writes
  one for its private data), and so is whatever it holds that is not active;
- documents that are not SVG, are malformed, or are absurdly large or deep.

An external DTD named in ``<!DOCTYPE svg PUBLIC ...>`` is allowed (most editors
write one) and never fetched: expat is told not to read external entities.
Nothing is ever fetched from the network or the file system.

:func:`rasterise_svg` then draws the (checked) document with skia's SVG module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.parsers import expat

import numpy as np
import skia

from foulard.library.errors import Rejected

__all__ = ["SvgInfo", "check_svg", "rasterise_svg", "svg_dom"]

MAX_ELEMENTS = 250_000
MAX_DEPTH = 256
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
_IMPORT = re.compile(r"@import", re.IGNORECASE)
_DATA_IMAGE = re.compile(r"^data:image/(png|jpeg|jpg|gif|webp);", re.IGNORECASE)
_UNIT_PX = {"": 1.0, "px": 1.0, "pt": 96 / 72, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54}
_UNIT_PX["in"] = 96.0
_ACTIVE = frozenset({"script", "handler", "iframe", "object", "embed", "frame", "applet"})
_LENGTH = re.compile(r"^\s*([0-9.eE+-]+)\s*([a-z%]*)\s*$")


@dataclass(frozen=True)
class SvgInfo:
    """What the check learned: the intrinsic size (CSS px) and a few counts."""

    width: float
    height: float
    elements: int


def _length(text: str | None) -> float | None:
    if not text:
        return None
    m = _LENGTH.match(text)
    if not m or m.group(2) not in _UNIT_PX:
        return None  # percentages and unknown units: no intrinsic size
    try:
        v = float(m.group(1)) * _UNIT_PX[m.group(2)]
    except ValueError:
        return None
    return v if 0 < v < 1e7 else None


def _check_url(value: str, where: str) -> None:
    v = value.strip()
    if v.startswith("#") or _DATA_IMAGE.match(v):
        return
    raise Rejected("svg_external", f"SVG refers to an outside resource ({where}: {v[:60]!r})")


def _check_css(text: str, where: str) -> None:
    if _IMPORT.search(text):
        raise Rejected("svg_external", f"SVG style imports an outside resource ({where})")
    for m in _CSS_URL.finditer(text):
        _check_url(m.group(2), where)


def check_svg(data: bytes) -> SvgInfo:
    """Refuse an unsafe or invalid SVG (:class:`Rejected`); else its intrinsic size."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    state = {"depth": 0, "count": 0, "root": None, "style": False, "size": None}

    def doctype(name, sysid, pubid, has_internal_subset):
        if has_internal_subset:
            raise Rejected(
                "svg_entities", "SVG declares a DTD internal subset (entities are refused)"
            )

    def entity_decl(*_args):
        raise Rejected("svg_entities", "SVG declares entities (entity expansion is refused)")

    def external_ref(*_args):
        raise Rejected("svg_external", "SVG refers to an external entity")

    def processing(target, data_):
        if target.lower() == "xml-stylesheet":
            raise Rejected("svg_external", "SVG links a style sheet (<?xml-stylesheet?>)")

    def start(name, attrs):
        local = name.rsplit(" ", 1)[-1]
        state["depth"] += 1
        state["count"] += 1
        if state["depth"] > MAX_DEPTH:
            raise Rejected("svg_invalid", f"SVG nests deeper than {MAX_DEPTH} elements")
        if state["count"] > MAX_ELEMENTS:
            raise Rejected("svg_invalid", f"SVG has more than {MAX_ELEMENTS} elements")
        if state["root"] is None:
            state["root"] = local
            if local != "svg":
                raise Rejected("svg_invalid", f"the root element is <{local}>, not <svg>")
            w = _length(attrs.get("width"))
            h = _length(attrs.get("height"))
            box = (attrs.get("viewBox") or "").replace(",", " ").split()
            if (w is None or h is None) and len(box) == 4:
                try:
                    bw, bh = float(box[2]), float(box[3])
                except ValueError:
                    bw = bh = 0.0
                if bw > 0 and bh > 0:
                    if w is None and h is None:
                        w, h = bw, bh
                    elif w is None:
                        w = h * bw / bh
                    else:
                        h = w * bh / bw
            state["size"] = (w, h)
        if local in _ACTIVE:
            raise Rejected("svg_script", f"SVG holds active content (<{local}>)")
        if local == "style":
            state["style"] = True
        for key, value in attrs.items():
            attr = key.rsplit(" ", 1)[-1]
            if attr.lower().startswith("on"):
                raise Rejected("svg_script", f"SVG holds an event handler ({attr})")
            if attr == "href":
                _check_url(value, f"<{local} {attr}>")
            elif attr == "style" or "url(" in value:
                _check_css(value, f"<{local} {attr}>")

    def end(name):
        state["depth"] -= 1
        if name.rsplit(" ", 1)[-1] == "style":
            state["style"] = False

    def chars(text):
        if state["style"]:
            _check_css(text, "<style>")

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity_decl
    parser.UnparsedEntityDeclHandler = entity_decl
    parser.ExternalEntityRefHandler = external_ref
    parser.ProcessingInstructionHandler = processing
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        text = expat.ErrorString(exc.code)
        if "entity" in text:
            raise Rejected("svg_entities", f"SVG uses an undeclared entity ({text})") from None
        raise Rejected("svg_invalid", f"malformed SVG: {text} at line {exc.lineno}") from None
    except RecursionError:
        raise Rejected("svg_invalid", "SVG nests too deep") from None
    if state["root"] is None:
        raise Rejected("svg_invalid", "no <svg> element")
    w, h = state["size"] or (None, None)
    return SvgInfo(float(w or 0.0), float(h or 0.0), state["count"])


_FOREIGN = re.compile(rb"<foreignObject\b.*?</foreignObject\s*>", re.DOTALL)
_SWITCH_OPEN = re.compile(rb"<switch\b")
_SWITCH_CLOSE = re.compile(rb"</switch\s*>")


def _for_skia(data: bytes) -> bytes:
    """The copy skia draws: editors' private ``<foreignObject>`` data dropped, and
    ``<switch>`` drawn as a group (skia's switch picks nothing in such files)."""
    if b"<switch" not in data and b"<foreignObject" not in data:
        return data
    out = _FOREIGN.sub(b"", data)
    out = _SWITCH_OPEN.sub(b"<g", out)
    return _SWITCH_CLOSE.sub(b"</g>", out)


def svg_dom(data: bytes, info: SvgInfo | None = None) -> tuple[skia.SVGDOM, float, float]:
    """A skia SVG document of checked bytes and its size (CSS px; 512 when it has none)."""
    info = info or check_svg(data)
    dom = skia.SVGDOM.MakeFromStream(skia.MemoryStream(_for_skia(bytes(data)), True))
    if dom is None:
        raise Rejected("svg_invalid", "skia cannot read this SVG")
    size = dom.containerSize()
    w, h = size.width(), size.height()
    if not (w > 0 and h > 0):
        w, h = info.width, info.height
    if not (w > 0 and h > 0):
        w = h = 512.0
    dom.setContainerSize(skia.Size(w, h))
    return dom, float(w), float(h)


def rasterise_svg(data: bytes, long_side: int, info: SvgInfo | None = None) -> np.ndarray:
    """The SVG drawn with its longer side ``long_side`` px: uint8 premultiplied RGBA."""
    dom, w, h = svg_dom(data, info)
    k = long_side / max(w, h)
    pw, ph = max(1, round(w * k)), max(1, round(h * k))
    arr = np.zeros((ph, pw, 4), np.uint8)
    surface = skia.Surface(
        arr, colorType=skia.kRGBA_8888_ColorType, alphaType=skia.kPremul_AlphaType
    )
    with surface as canvas:
        canvas.scale(k, k)
        dom.render(canvas)
    return arr
