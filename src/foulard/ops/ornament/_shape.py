"""Drawing helpers for the ornament family: tones, smooth curves, path booleans.

Ornaments are built in motif units (the unit square), where skia's default curve
tolerances (tuned for pixels) are far too coarse; every helper that flattens or
strokes a path here passes :data:`RES_SCALE`, enough for a sharp 10,000 px master.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing

__all__ = [
    "BLACK",
    "RES_SCALE",
    "WHITE",
    "edge_band",
    "mix",
    "smooth_path",
    "stroke_outline",
    "union",
]

RGB = tuple[float, float, float]
WHITE: RGB = (1.0, 1.0, 1.0)
BLACK: RGB = (0.0, 0.0, 0.0)
RES_SCALE = 1.0e4


def mix(a: Sequence[float], b: Sequence[float], t: float) -> RGB:
    """``(1 - t) * a + t * b`` in sRGB: the fixed tone mixes ornaments document."""
    return tuple(float((1.0 - t) * x + t * y) for x, y in zip(a[:3], b[:3], strict=True))  # type: ignore[return-value]


def smooth_path(
    points: Sequence[Sequence[float]], *, closed: bool, tension: float = 1.0
) -> skia.Path:
    """A smooth cubic Bézier path through ``points`` (uniform Catmull-Rom)."""
    pts = np.asarray(points, dtype=np.float64)
    n = len(pts)
    path = skia.Path()
    if n < 2:
        return path
    if closed:
        prev, nxt = np.roll(pts, 1, axis=0), np.roll(pts, -1, axis=0)
    else:
        prev = np.vstack([pts[:1], pts[:-1]])
        nxt = np.vstack([pts[1:], pts[-1:]])
    tangent = (nxt - prev) * (tension / 6.0)
    path.moveTo(*pts[0])
    for i in range(n if closed else n - 1):
        j = (i + 1) % n
        c1, c2 = pts[i] + tangent[i], pts[j] - tangent[j]
        path.cubicTo(c1[0], c1[1], c2[0], c2[1], pts[j][0], pts[j][1])
    if closed:
        path.close()
    return path


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


def union(paths: Sequence[skia.Path]) -> skia.Path:
    """The union of ``paths`` as one path."""
    builder = skia.OpBuilder()
    for p in paths:
        builder.add(p, skia.PathOp.kUnion_PathOp)
    out = builder.resolve()
    return out if out is not None else skia.Path()


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
