"""Drawings: what vector operators return.

A vector operator builds its geometry once (from its parameters, generator and the
palette) as skia paths in *motif units*; the renderer rasterises the drawing in
tiles at whatever resolution the consumer needs, so a motif is sharp on a 512 px
preview and on a 300 dpi master alike. Drawings are immutable after building.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import skia

__all__ = ["Drawing"]

RGB = Sequence[float]


class Drawing:
    """An ordered list of painted skia paths in motif units.

    Parameters
    ----------
    bounds : tuple of float
        ``(x0, y0, x1, y1)``: the motif box. Nothing outside it is drawn. The
        conventional box is the unit square, with the motif centred on (0.5, 0.5).
    """

    def __init__(self, bounds: tuple[float, float, float, float] = (0.0, 0.0, 1.0, 1.0)):
        self.bounds = tuple(float(b) for b in bounds)
        self._items: list[Callable[[skia.Canvas], None]] = []

    def __len__(self) -> int:
        return len(self._items)

    @staticmethod
    def paint(color: RGB, alpha: float = 1.0) -> skia.Paint:
        r, g, b = (float(c) for c in color[:3])
        return skia.Paint(AntiAlias=True, Color4f=skia.Color4f(r, g, b, float(alpha)))

    def fill(self, path: skia.Path, color: RGB, alpha: float = 1.0) -> None:
        """Fill ``path`` with a flat colour."""
        paint = self.paint(color, alpha)
        self._items.append(lambda canvas: canvas.drawPath(path, paint))

    def stroke(
        self,
        path: skia.Path,
        color: RGB,
        width: float,
        alpha: float = 1.0,
        *,
        cap: str = "round",
    ) -> None:
        """Stroke ``path`` with a line ``width`` motif units wide."""
        paint = self.paint(color, alpha)
        paint.setStyle(skia.Paint.kStroke_Style)
        paint.setStrokeWidth(float(width))
        paint.setStrokeCap(
            {
                "round": skia.Paint.kRound_Cap,
                "butt": skia.Paint.kButt_Cap,
                "square": skia.Paint.kSquare_Cap,
            }[cap]
        )
        paint.setStrokeJoin(skia.Paint.kRound_Join)
        self._items.append(lambda canvas: canvas.drawPath(path, paint))

    def custom(self, draw: Callable[[skia.Canvas], None]) -> None:
        """Append an arbitrary drawing callback (gradients, clips, layers)."""
        self._items.append(draw)

    def draw(self, canvas: skia.Canvas) -> None:
        """Draw every item onto ``canvas`` (already scaled to motif units)."""
        x0, y0, x1, y1 = self.bounds
        canvas.save()
        canvas.clipRect(skia.Rect.MakeLTRB(x0, y0, x1, y1), doAntiAlias=True)
        for item in self._items:
            item(canvas)
        canvas.restore()

    def rasterize(self, px: int, *, background: RGB | None = None) -> np.ndarray:
        """The whole drawing at ``px`` pixels per motif unit, float32 premultiplied RGBA.

        For previews and tests; rendering uses the tiled path in the renderer.
        """
        x0, y0, x1, y1 = self.bounds
        w = max(1, round((x1 - x0) * px))
        h = max(1, round((y1 - y0) * px))
        arr = np.zeros((h, w, 4), np.uint8)
        surface = skia.Surface(
            arr, colorType=skia.kRGBA_8888_ColorType, alphaType=skia.kPremul_AlphaType
        )
        with surface as canvas:
            if background is not None:
                canvas.clear(skia.Color4f(*[float(c) for c in background[:3]], 1.0))
            canvas.scale(px, px)
            canvas.translate(-x0, -y0)
            self.draw(canvas)
        return arr.astype(np.float32) / 255.0

    def to_svg(self, px: int = 1000) -> bytes:
        """The drawing as an SVG document, ``px`` user units per motif unit."""
        x0, y0, x1, y1 = self.bounds
        stream = skia.DynamicMemoryWStream()
        canvas = skia.SVGCanvas.Make(skia.Rect.MakeWH((x1 - x0) * px, (y1 - y0) * px), stream)
        canvas.scale(px, px)
        canvas.translate(-x0, -y0)
        self.draw(canvas)
        del canvas  # the SVG is finished when the canvas goes away
        return stream.detachAsData().bytes()
