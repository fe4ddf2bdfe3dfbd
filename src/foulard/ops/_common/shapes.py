"""Drawing helpers for vector operators: tones, smooth curves, placement, fitting.

Vector operators build in motif units (the unit square) as cubic Béziers; skia
flattens them only when a tile is rasterised, at that tile's resolution, so they
stay sharp on a 10,000 px master. Where a helper must flatten or stroke a path
itself, it passes :data:`RES_SCALE`, because skia's default tolerances are tuned
for pixels and far too coarse in motif units.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing

__all__ = [
    "BLACK",
    "RES_SCALE",
    "WHITE",
    "Sketch",
    "catmull_rom_points",
    "edge_band",
    "mix",
    "placed",
    "smooth_path",
    "stroke_outline",
    "union",
]

RGB = tuple[float, float, float]
WHITE: RGB = (1.0, 1.0, 1.0)
BLACK: RGB = (0.0, 0.0, 0.0)
RES_SCALE = 1.0e4


def mix(a: Sequence[float], b: Sequence[float], t: float) -> RGB:
    """``(1 - t) * a + t * b`` in sRGB: the fixed tone mixes operators document."""
    return tuple(float((1.0 - t) * x + t * y) for x, y in zip(a[:3], b[:3], strict=True))  # type: ignore[return-value]


def smooth_path(
    points: Sequence[Sequence[float]], *, closed: bool, tension: float = 1.0
) -> skia.Path:
    """A smooth cubic Bézier path through ``points`` (Catmull-Rom, uniform).

    ``tension`` scales the tangents: 1 is the classic spline, smaller is tighter.
    """
    pts = np.asarray(points, dtype=np.float64)
    n = len(pts)
    path = skia.Path()
    if n < 2:
        return path
    if closed:
        prev = np.roll(pts, 1, axis=0)
        nxt = np.roll(pts, -1, axis=0)
    else:
        prev = np.vstack([pts[:1], pts[:-1]])
        nxt = np.vstack([pts[1:], pts[-1:]])
    tangent = (nxt - prev) * (tension / 6.0)
    path.moveTo(*pts[0])
    count = n if closed else n - 1
    for i in range(count):
        j = (i + 1) % n
        c1 = pts[i] + tangent[i]
        c2 = pts[j] - tangent[j]
        path.cubicTo(c1[0], c1[1], c2[0], c2[1], pts[j][0], pts[j][1])
    if closed:
        path.close()
    return path


def catmull_rom_points(points: np.ndarray, samples: int) -> np.ndarray:
    """``samples`` points along the Catmull-Rom spline through ``points`` (open, clamped)."""
    pts = np.vstack([points[:1], points, points[-1:]])
    segs = len(points) - 1
    u = np.linspace(0.0, segs, samples)
    i = np.minimum(u.astype(int), segs - 1)
    t = (u - i)[:, None]
    p0, p1, p2, p3 = pts[i], pts[i + 1], pts[i + 2], pts[i + 3]
    return 0.5 * (
        2 * p1
        + (p2 - p0) * t
        + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t * t
        + (3 * p1 - p0 - 3 * p2 + p3) * t * t * t
    )


def placed(path: skia.Path, x: float, y: float, angle: float, scale: float = 1.0) -> skia.Path:
    """A copy of ``path`` turned by ``angle`` (radians), scaled, moved to ``(x, y)``."""
    m = skia.Matrix()
    m.setScale(scale, scale)
    m.postRotate(math.degrees(angle))
    m.postTranslate(x, y)
    out = skia.Path(path)
    out.transform(m)
    return out


def union(paths: Sequence[skia.Path]) -> skia.Path:
    """The union of ``paths`` as one path (nonzero fill)."""
    builder = skia.OpBuilder()
    for p in paths:
        builder.add(p, skia.PathOp.kUnion_PathOp)
    out = builder.resolve()
    return out if out is not None else skia.Path()


class Sketch:
    """A motif being drawn: painted paths are recorded, then fitted into the motif box.

    Motifs draw with random jitter and free parameters (sizes, rotations), so their
    extent is only known once drawn. :meth:`finish` measures it and, if the motif
    would cross the box (less a margin), scales everything about the centre (0.5,
    0.5) until it fits: a motif is never cut by its box. Clipped fills are clips,
    not path booleans (robust for any geometry). The finished drawing replays a
    recorded skia picture, so rasterising a tile costs no Python call per path.
    """

    def __init__(self) -> None:
        self._ops: list[tuple[str, skia.Path, RGB, skia.Path | None, float]] = []

    def fill(self, path: skia.Path, color: Sequence[float]) -> None:
        self._ops.append(("fill", skia.Path(path), _rgb(color), None, 0.0))

    def stroke(self, path: skia.Path, color: Sequence[float], width: float) -> None:
        """Stroke ``path`` with a round-capped line ``width`` wide."""
        if width > 0:
            self._ops.append(("stroke", skia.Path(path), _rgb(color), None, float(width)))

    def fill_clipped(self, clip: skia.Path, path: skia.Path, color: Sequence[float]) -> None:
        """Fill the part of ``path`` inside ``clip``."""
        self._ops.append(("fill", skia.Path(path), _rgb(color), skia.Path(clip), 0.0))

    def transform(self, m: skia.Matrix) -> None:
        """Apply a similarity transform (turn, mirror, uniform scale) to everything drawn."""
        k = math.sqrt(abs(m.getScaleX() * m.getScaleY() - m.getSkewX() * m.getSkewY()))
        ops = []
        for kind, path, color, clip, width in self._ops:
            path.transform(m)
            if clip is not None:
                clip.transform(m)
            ops.append((kind, path, color, clip, width * k))
        self._ops = ops

    def extent(self) -> tuple[float, float, float, float]:
        """The box around everything painted, ``(x0, y0, x1, y1)``."""
        x0 = y0 = math.inf
        x1 = y1 = -math.inf
        for _kind, path, _color, clip, width in self._ops:
            b = (clip if clip is not None else path).computeTightBounds()
            if b.isEmpty() and b.width() == 0 and b.height() == 0 and path.countPoints() == 0:
                continue
            h = 0.5 * width
            x0, y0 = min(x0, b.left() - h), min(y0, b.top() - h)
            x1, y1 = max(x1, b.right() + h), max(y1, b.bottom() + h)
        return x0, y0, x1, y1

    def finish(self, margin: float = 0.01) -> Drawing:
        """The :class:`Drawing`, scaled about the centre if needed to keep ``margin`` clear."""
        x0, y0, x1, y1 = self.extent()
        reach = max(0.5 - x0, x1 - 0.5, 0.5 - y0, y1 - 0.5)
        if math.isfinite(reach) and reach > 0.5 - margin:
            k = (0.5 - margin) / reach
            m = skia.Matrix()
            m.setScale(k, k, 0.5, 0.5)
            self.transform(m)
        # Recorded once as a skia picture, so every tile the renderer rasterises
        # replays it natively instead of calling back into Python per path.
        recorder = skia.PictureRecorder()
        canvas = recorder.beginRecording(skia.Rect.MakeLTRB(-1.0, -1.0, 2.0, 2.0))
        for kind, path, color, clip, width in self._ops:
            paint = Drawing.paint(color)
            if kind == "stroke":
                paint.setStyle(skia.Paint.kStroke_Style)
                paint.setStrokeWidth(width)
                paint.setStrokeCap(skia.Paint.kRound_Cap)
                paint.setStrokeJoin(skia.Paint.kRound_Join)
            if clip is not None:
                canvas.save()
                canvas.clipPath(clip, doAntiAlias=True)
                canvas.drawPath(path, paint)
                canvas.restore()
            else:
                canvas.drawPath(path, paint)
        picture = recorder.finishRecordingAsPicture()
        d = Drawing()
        d.custom(lambda c: c.drawPicture(picture))
        return d


def _rgb(color: Sequence[float]) -> RGB:
    return (float(color[0]), float(color[1]), float(color[2]))


def stroke_outline(
    path: skia.Path, width: float, *, join: str = "round", cap: str = "round"
) -> skia.Path:
    """The filled outline of ``path`` stroked ``width`` wide."""
    paint = skia.Paint(
        Style=skia.Paint.kStroke_Style,
        StrokeWidth=float(width),
        StrokeJoin={"round": skia.Paint.kRound_Join, "miter": skia.Paint.kMiter_Join}[join],
        StrokeCap={
            "round": skia.Paint.kRound_Cap,
            "butt": skia.Paint.kButt_Cap,
            "square": skia.Paint.kSquare_Cap,
        }[cap],
    )
    out = skia.Path()
    paint.getFillPath(path, out, None, RES_SCALE)
    return out


def edge_band(
    d: Drawing,
    shape: skia.Path,
    near: float,
    far: float,
    color: Sequence[float],
    fill: Sequence[float],
) -> None:
    """Paint ``color`` inside ``shape`` between ``near`` and ``far`` from its outline.

    ``shape`` must already be filled with the flat ``fill``, which is painted back
    inside ``near``: so a band (``near = 0``) or an inner contour line (``near > 0``)
    follows the outline exactly, without offsetting the path.
    """
    band = Drawing.paint(color)
    band.setStyle(skia.Paint.kStroke_Style)
    band.setStrokeWidth(2.0 * far)
    band.setStrokeJoin(skia.Paint.kRound_Join)
    back = Drawing.paint(fill)
    back.setStyle(skia.Paint.kStroke_Style)
    back.setStrokeWidth(2.0 * near)
    back.setStrokeJoin(skia.Paint.kRound_Join)

    def draw(canvas: skia.Canvas) -> None:
        canvas.save()
        canvas.clipPath(shape, doAntiAlias=True)
        canvas.drawPath(shape, band)
        if near > 0:
            canvas.drawPath(shape, back)
        canvas.restore()

    d.custom(draw)
