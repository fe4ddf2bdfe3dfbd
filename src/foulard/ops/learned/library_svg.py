"""An SVG ornament from the pattern library, as a vector motif."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import skia

from foulard.library.store import SAMPLE_SAKURA, check_pattern_param
from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops.params import Params, param, text_param
from foulard.ops.registry import operator


@dataclass(frozen=True)
class LibrarySvgParams(Params):
    pattern: str = text_param(
        SAMPLE_SAKURA, doc="library id (SHA-256) of an SVG ornament or motif", max_length=64
    )
    colouring: str = param(
        "palette",
        choices=("palette", "original"),
        doc="'palette': every painted shape in one palette role (keeps the drawing's "
        "transparency); 'original': the SVG's own colours",
    )
    color: int = param(2, range=(0, 47), doc="palette role of the ornament when recoloured")
    margin: float = param(
        0.05, range=(0.0, 0.4), doc="free border inside the motif box", unit="motif units"
    )
    rotation: float = param(0.0, range=(-180.0, 180.0), doc="turn of the ornament", unit="degrees")

    def __post_init__(self) -> None:
        super().__post_init__()
        check_pattern_param(self.pattern)


@operator(
    "learned.library_svg",
    kind="vector",
    version=1,
    tags=("svg", "ornament", "motif", "library", "vector", "纹样", "图案", "矢量"),
)
def library_svg(p: LibrarySvgParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """SVG motif from the library: a stored ornament drawn as a vector motif.

    The SVG (checked when it was ingested, and again here: no external
    references, no entities, no scripts) is fitted into the motif box keeping its
    aspect, and drawn by skia's SVG renderer at whatever resolution the design is
    rendered, so it stays sharp on a 300 dpi master. Single-colour ornaments such
    as the pgfornament-han frets and medallions take a palette role
    (``colouring='palette'``); drawings with their own colours can keep them.
    Credit the source: ``foulard library show ID`` prints the pattern's licence
    and attribution.

    References
    ----------
    W3C 2011, *Scalable Vector Graphics (SVG) 1.1 (Second Edition)*; skia's
    SkSVGDOM renderer (https://skia.org/).
    """
    from foulard.library.patterns import pattern_bytes, require_id
    from foulard.library.svg import check_svg, svg_dom

    pattern_id = require_id(p.pattern, "learned.library_svg")
    data, fmt = pattern_bytes(pattern_id)
    if fmt != "svg":
        from foulard.library.errors import LibraryError

        raise LibraryError(
            f"learned.library_svg: pattern {pattern_id} is a {fmt.upper()} picture, not an SVG"
        )
    dom, w, h = svg_dom(data, check_svg(data))
    box = 1.0 - 2.0 * p.margin
    k = box / max(w, h)
    colour = palette.role(p.color)
    recolour = p.colouring == "palette"

    def draw(canvas: skia.Canvas) -> None:
        canvas.save()
        canvas.translate(0.5, 0.5)
        canvas.rotate(p.rotation)
        canvas.scale(k, k)
        canvas.translate(-w / 2.0, -h / 2.0)
        if recolour:
            paint = skia.Paint()
            paint.setColorFilter(
                skia.ColorFilters.Blend(
                    skia.Color4f(*[float(c) for c in colour[:3]], 1.0).toColor(),
                    skia.BlendMode.kSrcIn,
                )
            )
            canvas.saveLayer(skia.Rect.MakeWH(w, h).makeOutset(w, h), paint)
        dom.render(canvas)
        if recolour:
            canvas.restore()
        canvas.restore()

    d = Drawing()
    d.custom(draw)
    return d
