"""Previews people want to see: the flat scarf with its hem, and the scarf folded.

``flat``
    The whole canvas: the hem band shaded, the trim line dashed, the safe zone
    dotted, with the format and sizes written under it.
``triangle``
    The square folded on its diagonal into a triangle, the fold on top and a corner
    hanging down, as it is worn: seen in slight perspective, the cloth shaded as it
    rolls over the fold, the lower layer showing along the edges, a soft shadow.

Both are rendered from the genome (the finished piece, through
:meth:`~foulard.scarf.formats.Format.preview_context`) and written as PNG with the
sRGB profile and the genome embedded.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import skia

from foulard import __version__
from foulard.errors import FoulardError
from foulard.genome.schema import Genome
from foulard.production.specsheet import _typeface
from foulard.render import render
from foulard.render.writers import srgb_profile, write_bands
from foulard.scarf.formats import Format, get_format

__all__ = ["PREVIEW_KINDS", "flat_preview", "triangle_preview", "write_preview"]

PREVIEW_KINDS = ("flat", "triangle")
BACKGROUND = (244, 242, 238)


def _format(fmt: Format | str) -> Format:
    return get_format(fmt) if isinstance(fmt, str) else fmt


def _check_px(px: int) -> None:
    if not (isinstance(px, int) and 128 <= px <= 8192):
        raise FoulardError(f"preview size must be 128 to 8192 px, got {px!r}")


def _rgba(img: np.ndarray) -> skia.Image:
    h, w = img.shape[:2]
    rgba = np.concatenate([img, np.full((h, w, 1), 255, np.uint8)], axis=2)
    return skia.Image.fromarray(np.ascontiguousarray(rgba), colorType=skia.kRGBA_8888_ColorType)


def _snapshot(surface: skia.Surface) -> np.ndarray:
    arr = surface.makeImageSnapshot().toarray(colorType=skia.kRGBA_8888_ColorType)
    return np.ascontiguousarray(arr[..., :3])


def _paint(rgb, alpha: float = 1.0, **kw) -> skia.Paint:
    return skia.Paint(AntiAlias=True, Color=skia.Color(*rgb, round(255 * alpha)), **kw)


def flat_preview(genome: Genome, fmt: Format | str, *, px: int = 1024) -> np.ndarray:
    """The flat scarf, hem shown: an ``(h, w, 3)`` uint8 image about ``px`` wide."""
    _check_px(px)
    f = _format(fmt)
    ctx = f.preview_context(px, with_hem=True)
    art = render(genome, ctx)
    h, w = art.shape[:2]
    margin = max(24, px // 20)
    label_h = max(40, px // 14)
    W, H = w + 2 * margin, h + 2 * margin + label_h
    surface = skia.Surface(W, H)
    per_mm = w / f.canvas_mm[0]
    with surface as c:
        c.clear(skia.Color(*BACKGROUND))
        shadow = _paint((0, 0, 0), 0.22)
        shadow.setMaskFilter(skia.MaskFilter.MakeBlur(skia.kNormal_BlurStyle, margin / 4))
        c.drawRect(skia.Rect.MakeXYWH(margin + 3, margin + 5, w, h), shadow)
        c.drawImage(_rgba(art), margin, margin)
        hem = f.hem_mm * per_mm
        outer = skia.Rect.MakeXYWH(margin, margin, w, h)
        trim = outer.makeInset(hem, hem)
        band = skia.Path()
        band.addRect(outer)
        band.addRect(trim)
        band.setFillType(skia.PathFillType.kEvenOdd)
        c.drawPath(band, _paint((255, 255, 255), 0.45))
        _hatch(c, band, outer, max(4.0, hem / 2.5))
        dash = _paint((30, 30, 30), 0.9, Style=skia.Paint.kStroke_Style, StrokeWidth=1.4)
        dash.setPathEffect(skia.DashPathEffect.Make([8.0, 5.0], 0.0))
        c.drawRect(trim, dash)
        safe = f.safe_mm * per_mm
        dot = _paint((255, 255, 255), 0.8, Style=skia.Paint.kStroke_Style, StrokeWidth=1.0)
        dot.setPathEffect(skia.DashPathEffect.Make([1.5, 4.0], 0.0))
        c.drawRect(trim.makeInset(safe, safe), dot)
        tf, _ = _typeface()
        size = max(11.0, px / 60)
        ink = _paint((40, 40, 44))
        grey = _paint((110, 110, 118))
        fw, fh = f.width_mm / 10, f.height_mm / 10
        title = f"{f.name} · {fw:g} × {fh:g} cm finished"
        note = (
            f"hem {f.hem_mm:g} mm a side (shaded, outside the dashed trim line) · "
            f"safe zone {f.safe_mm:g} mm (dotted) · canvas {f.canvas_mm[0] / 10:g} × "
            f"{f.canvas_mm[1] / 10:g} cm"
        )
        y = margin + h + label_h * 0.5
        c.drawString(title, margin, y, skia.Font(tf, size * 1.15), ink)
        c.drawString(
            _fit(note, W - 2 * margin, tf, size * 0.8),
            margin,
            y + size * 1.3,
            skia.Font(tf, size * 0.8),
            grey,
        )
    return _snapshot(surface)


def _fit(s: str, width: float, tf, size: float) -> str:
    font = skia.Font(tf, size)
    while s and font.measureText(s) > width:
        s = s[:-2] + "…"
    return s


def _hatch(c: skia.Canvas, band: skia.Path, box: skia.Rect, step: float) -> None:
    """Thin diagonal lines over the hem band: not part of the finished scarf."""
    paint = _paint((70, 70, 70), 0.45, Style=skia.Paint.kStroke_Style, StrokeWidth=1.0)
    c.save()
    c.clipPath(band, doAntiAlias=True)
    x, span = box.left() - box.height(), box.width() + box.height()
    k = 0.0
    while k <= span:
        c.drawLine(x + k, box.bottom(), x + k + box.height(), box.top(), paint)
        k += step
    c.restore()


def _tilt(points, tilt_deg: float, distance: float):
    """Project points ``(x, y)`` of a plane tilted back by ``tilt_deg`` about y = 0.

    The plane leans away from the viewer above ``y = 0`` (negative y); a pinhole at
    ``distance`` looks at the origin. Returns the projected points.
    """
    t = math.radians(tilt_deg)
    out = []
    for x, y in points:
        yy, z = y * math.cos(t), -y * math.sin(t)  # up the plane goes away (z > 0 far)
        k = distance / (distance + z)
        out.append((x * k, yy * k))
    return out


def triangle_preview(genome: Genome, fmt: Format | str, *, px: int = 1024) -> np.ndarray:
    """The square folded into a triangle, as worn: ``(h, w, 3)`` uint8, ``px`` wide."""
    _check_px(px)
    f = _format(fmt)
    if f.kind != "square":
        raise FoulardError(f"only a square folds into a triangle; {f.name} is {f.kind}")
    n = px
    art = render(genome, f.preview_context(n))
    W = px
    H = round(px * 0.72)
    half = 0.44 * W  # half the fold's length on screen
    # Square corners (image px) -> diamond with the fold (0,0)-(n,n) on top.
    # Lower-left corner (0, n) hangs down; corner (n, 0) is folded under, above the fold.
    flat = {
        (0.0, 0.0): (-half, 0.0),
        (float(n), float(n)): (half, 0.0),
        (0.0, float(n)): (0.0, half),
        (float(n), 0.0): (0.0, -half),
    }
    proj = _tilt(list(flat.values()), 28.0, 3.2 * half)
    top = H * 0.16
    ox = W / 2
    dst = [skia.Point(x + ox, y + top) for x, y in proj]
    src = [skia.Point(*p) for p in flat]
    m = skia.Matrix()
    if not m.setPolyToPoly(src, dst):
        raise FoulardError("could not build the fold perspective")
    left, right, apex = dst[0], dst[1], dst[2]
    tri = skia.Path()
    tri.moveTo(left)
    tri.lineTo(right)
    tri.lineTo(apex)
    tri.close()
    surface = skia.Surface(W, H)
    image = _rgba(art)
    sampling = skia.SamplingOptions(skia.FilterMode.kLinear, skia.MipmapMode.kLinear)
    with surface as c:
        c.clear(skia.Color(*BACKGROUND))
        shadow = _paint((0, 0, 0), 0.28)
        shadow.setMaskFilter(skia.MaskFilter.MakeBlur(skia.kNormal_BlurStyle, W / 70))
        c.save()
        c.translate(W / 120, W / 55)
        c.drawPath(tri, shadow)
        c.restore()
        # The lower layer: the other half, a hair lower and wider, darker (in shade).
        c.save()
        grow = skia.Matrix()
        grow.setScale(1.012, 1.012, ox, top)
        lower = skia.Matrix.Translate(0, W / 260).preConcat(grow).preConcat(m)
        c.clipPath(_triangle_of(lower, n), doAntiAlias=True)
        c.concat(lower)
        c.drawImage(image, 0, 0, sampling)
        c.restore()
        c.drawPath(_triangle_of(lower, n), _paint((0, 0, 0), 0.30))
        # The top layer.
        c.save()
        c.clipPath(tri, doAntiAlias=True)
        c.concat(m)
        c.drawImage(image, 0, 0, sampling)
        c.restore()
        _fold_light(c, tri, left, right, apex)
        edge = _paint((255, 255, 255), 0.55, Style=skia.Paint.kStroke_Style, StrokeWidth=1.2)
        c.drawLine(left.x(), left.y() + 0.8, right.x(), right.y() + 0.8, edge)
        tf, _ = _typeface()
        size = max(11.0, px / 60)
        label = f"{f.name} · folded into a triangle"
        c.drawString(label, W * 0.04, H - size, skia.Font(tf, size), _paint((110, 110, 118)))
    return _snapshot(surface)


def _triangle_of(m: skia.Matrix, n: int) -> skia.Path:
    p = skia.Path()
    p.moveTo(m.mapXY(0, 0))
    p.lineTo(m.mapXY(n, n))
    p.lineTo(m.mapXY(0, n))
    p.close()
    return p


def _fold_light(c: skia.Canvas, tri: skia.Path, left, right, apex) -> None:
    """Shade the cloth rolling over the fold, and a broad silk sheen across the layer."""
    top_y = min(left.y(), right.y())
    depth = apex.y() - top_y
    roll = skia.GradientShader.MakeLinear(
        [skia.Point(0, top_y), skia.Point(0, top_y + 0.16 * depth)],
        [skia.Color(0, 0, 0, 80), skia.Color(0, 0, 0, 28), skia.Color(0, 0, 0, 0)],
        [0.0, 0.35, 1.0],
    )
    c.save()
    c.clipPath(tri, doAntiAlias=True)
    c.drawPaint(skia.Paint(Shader=roll, AntiAlias=True))
    sheen = skia.GradientShader.MakeLinear(
        [skia.Point(left.x(), top_y), skia.Point(right.x(), apex.y())],
        [
            skia.Color(255, 255, 255, 0),
            skia.Color(255, 255, 255, 38),
            skia.Color(255, 255, 255, 0),
            skia.Color(0, 0, 0, 22),
        ],
        [0.15, 0.42, 0.62, 1.0],
    )
    c.drawPaint(skia.Paint(Shader=sheen, AntiAlias=True))
    c.restore()


def write_preview(
    genome: Genome,
    fmt: Format | str,
    path: str | Path,
    *,
    kind: str = "flat",
    px: int = 1024,
    command: str | None = None,
) -> Path:
    """Render preview ``kind`` (:data:`PREVIEW_KINDS`) of ``genome`` into a PNG at ``path``."""
    makers = {"flat": flat_preview, "triangle": triangle_preview}
    if kind not in makers:
        raise FoulardError(f"unknown preview {kind!r}; valid: {', '.join(PREVIEW_KINDS)}")
    f = _format(fmt)
    img = makers[kind](genome, f, px=px)
    record = {
        "foulard": __version__,
        "design_id": genome.design_id,
        "genome": genome.to_json(),
        "command": command,
        "preview": {"kind": kind, "format": f.name, "px": px},
    }
    h, w = img.shape[:2]
    return write_bands(
        path,
        w,
        h,
        iter([(0, img)]),
        icc=srgb_profile(),
        description=json.dumps(record, sort_keys=True, ensure_ascii=True, separators=(",", ":")),
    )
