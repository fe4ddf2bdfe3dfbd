"""Title and signature: parameters every layout shares, setting and painting them.

The text is set once, in the layout's ``prepare``, as outlines in design units
(:mod:`foulard.ops._common.text`), inside a *text frame* that the layout chooses
and that is always kept inside the safe zone: ``text_inset`` from the finished
edge (0.04 keeps 36 mm on a 90 cm carré and 18 mm on a 45 cm one; PRINT.md asks
for at least 15 mm). Text is drawn on top of everything, in raw (unfolded)
coordinates: it is where a symmetric design is broken on purpose.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import skia

from foulard.ops._common.text import TextLine, check_text, set_line
from foulard.ops.layout._paint import Stack, edge_cover, paint, role
from foulard.ops.params import Params, param, text_param

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

__all__ = ["TextBlock", "TextParams", "TextState", "paint_text", "set_text", "stack_with_text"]

TITLE_TRACKING = 0.08  # ems between characters: titles are set a little open
SIGNATURE_TRACKING = 0.04
SIGNATURE_PLACES = ("bottom_right", "bottom_left", "top_right", "top_left")


@dataclass(frozen=True)
class TextParams(Params):
    """The title and signature parameters every layout has (mixed in after its own).

    Every character must be in the bundled font: a missing one is a
    :class:`~foulard.errors.ParameterError` naming it.
    """

    title: str = text_param("", doc="title set in the design (empty: none)", max_length=60)
    signature: str = text_param(
        "", doc="signature, small, in a corner (empty: none)", max_length=60
    )
    title_size: float = param(
        0.024, range=(0.005, 0.08), doc="title height (em)", unit="design units"
    )
    signature_size: float = param(
        0.013, range=(0.004, 0.05), doc="signature height (em)", unit="design units"
    )
    title_place: str = param("bottom", choices=("bottom", "top"), doc="edge the title sits by")
    signature_place: str = param(
        "bottom_right", choices=SIGNATURE_PLACES, doc="corner of the signature"
    )
    text_color: int = param(1, range=(0, 47), doc="palette role of title and signature")
    title_cartouche: bool = param(True, doc="a framed panel of ground colour behind the title")
    text_inset: float = param(
        0.04,
        range=(0.017, 0.3),
        doc="safe zone: text stays this far inside the finished edge",
        unit="design units",
    )

    def __post_init__(self) -> None:
        super().__post_init__()
        for name in ("title", "signature"):
            check_text(getattr(self, name), f"params.{name}")


@dataclass(frozen=True)
class TextBlock:
    """The set title and signature (either may be ``None``) and the title's cartouche."""

    title: TextLine | None
    signature: TextLine | None
    cartouche: tuple[float, float, float, float] | None  # x0, y0, x1, y1
    radius: float
    line: float

    def boxes(self) -> list[tuple[float, float, float, float]]:
        """Boxes of everything the text paints (for tests and for clearances)."""
        out = []
        if self.cartouche is not None:
            out.append(self.cartouche)
        for t in (self.title, self.signature):
            if t is not None:
                out.append(t.bounds)
        return out


@dataclass(frozen=True)
class TextState:
    """The prepared state of a layout whose only prepared part is its text."""

    text: TextBlock


def set_text(p: Any, frame: tuple[float, float, float, float], *, height: float = 1.0):
    """Set ``p.title`` and ``p.signature`` inside ``frame`` (clipped to the safe zone).

    The title is centred by the frame's bottom or top edge; the signature sits in
    the chosen corner of the frame. Lines too long for the frame are set smaller.
    """
    s = p.text_inset
    x0, y0, x1, y1 = frame
    x0, y0, x1, y1 = max(x0, s), max(y0, s), min(x1, 1.0 - s), min(y1, height - s)
    width = max(x1 - x0, 1e-3)
    title = signature = cartouche = None
    pad = 0.55 * p.title_size if p.title_cartouche else 0.0
    bottom = p.title_place == "bottom"
    if p.signature:
        corner_v, _, corner_h = p.signature_place.partition("_")
        y = y1 if corner_v == "bottom" else y0 + p.signature_size
        x = x1 if corner_h == "right" else x0
        signature = set_line(
            p.signature,
            size=p.signature_size,
            anchor=(x, y),
            align=corner_h,
            tracking=SIGNATURE_TRACKING,
            max_width=0.4 * width,
        )
        if corner_v == "top":
            signature = _shifted(signature, y0 - signature.bounds[1])
    if p.title:
        y = y1 - pad if bottom else y0 + pad + p.title_size
        centre = 0.5 * (x0 + x1)
        title = set_line(
            p.title,
            size=p.title_size,
            anchor=(centre, y),
            tracking=TITLE_TRACKING,
            max_width=width - 3.2 * pad,
        )
        if signature is not None and (corner_v == "bottom") == bottom:
            # Same edge as the signature: if they would meet, the title moves one
            # line in, clear of the signature.
            sx0, _, sx1, _ = signature.bounds
            tx0, _, tx1, _ = title.bounds
            if tx1 + 1.6 * pad + 0.3 * p.title_size > sx0 and tx0 - 1.6 * pad < sx1:
                step = signature.height + pad + 0.4 * p.signature_size
                title = _shifted(title, -step if bottom else step)
        if not bottom:  # the top of the ink (or of the cartouche) on the frame's edge
            title = _shifted(title, (y0 + pad) - title.bounds[1])
        if p.title_cartouche:
            tx0, ty0, tx1, ty1 = title.bounds
            cartouche = (tx0 - 1.6 * pad, ty0 - pad, tx1 + 1.6 * pad, ty1 + pad)
    return TextBlock(title, signature, cartouche, 0.8 * pad, 0.08 * p.title_size)


def _shifted(line: TextLine, dy: float) -> TextLine:
    path = skia.Path(line.path)
    path.offset(0.0, dy)
    x0, y0, x1, y1 = line.bounds
    return TextLine(path, (x0, y0 + dy, x1, y1 + dy))


def paint_text(stack: Stack, call: Call, x: np.ndarray, y: np.ndarray, block: TextBlock, p: Any):
    """Add the title, the signature and the cartouche to ``stack`` (top first)."""
    rgb = role(call.palette, p.text_color)
    fp = call.footprint
    for name, line in (("title", block.title), ("signature", block.signature)):
        if line is None:
            continue
        drawing = line.drawing(2.0 * fp)
        bx0, by0, bx1, by1 = drawing.bounds
        near = (x >= bx0) & (x <= bx1) & (y >= by0) & (y <= by1)

        def layer(idx, drawing=drawing, name=name):
            alpha = call.drawing(name, drawing, x[idx], y[idx], fp)[:, 3]
            return paint(alpha, rgb)

        stack.add_where(near, layer)
    if block.cartouche is not None:
        cx0, cy0, cx1, cy1 = block.cartouche
        r, w = block.radius, max(block.line, 0.5 * fp)
        near = (x >= cx0 - fp) & (x <= cx1 + fp) & (y >= cy0 - fp) & (y <= cy1 + fp)
        ground = role(call.palette, p.ground_color)

        def panel(idx):
            # Signed distance to the rounded rectangle (positive inside).
            hx, hy = 0.5 * (cx1 - cx0) - r, 0.5 * (cy1 - cy0) - r
            qx = np.abs(x[idx] - 0.5 * (cx0 + cx1)) - hx
            qy = np.abs(y[idx] - 0.5 * (cy0 + cy1)) - hy
            outside = np.hypot(np.maximum(qx, 0.0), np.maximum(qy, 0.0))
            d = r - (outside + np.minimum(np.maximum(qx, qy), 0.0))
            border = edge_cover(d, fp) - edge_cover(d - w, fp)
            fill = edge_cover(d - w, fp)
            out = paint(border, rgb)
            out += paint(fill, ground)
            return out

        stack.add_where(near, panel)


def stack_with_text(call: Call, p: Any) -> tuple[np.ndarray, np.ndarray, Stack]:
    """The call's points as flat ``x, y`` and a stack over them, the text on top.

    Every layout starts so (``call.state.text`` is its set text) and ends with
    ``stack.result(call.x.shape)``.
    """
    x = call.x.ravel()
    y = call.y.ravel()
    stack = Stack(x.size)
    paint_text(stack, call, x, y, call.state.text, p)
    return x, y, stack
