"""Chord envelopes: times-table circles and curve stitching (string art)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.geometry import disc_bounds
from foulard.ops._common.palette import Palette
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

MODES = ("times_table", "star", "polygon")


@dataclass(frozen=True)
class ChordEnvelopeParams(Params):
    mode: str = param(
        "times_table",
        choices=MODES,
        doc="chords i -> k i around a circle, or stitching between the spokes of a star "
        "or the sides of a polygon",
    )
    points: int = param(240, range=(8, 720), doc="points on the circle, or on each spoke or side")
    multiplier: float = param(
        2.0, range=(0.0, 100.0), doc="times table k (2: cardioid, 3: nephroid, any number)"
    )
    spokes: int = param(8, range=(3, 24), doc="spokes of the star, or sides of the polygon")
    radius: float = param(
        0.42, range=(0.005, 2.0), doc="radius of the circle or star", unit="design units"
    )
    line_width: float = param(
        0.0012, range=(0.0002, 0.01), doc="width of each thread", unit="design units"
    )
    opacity: float = param(
        0.55, range=(0.05, 1.0), doc="opacity of each thread (overlaps build up colour)"
    )
    thread_role: int = param(1, range=(0, 47), doc="palette role of the first threads")
    roles: int = param(
        3, range=(1, 8), doc="palette roles the threads run through in turn, from thread_role"
    )
    frame: bool = param(True, doc="draw the circle, spokes or polygon the threads hang on")
    frame_role: int = param(3, range=(0, 47), doc="palette role of the frame")
    rotation: float = param(
        90.0,
        range=(-360.0, 360.0),
        doc="turn of the figure (90: pin 0 at the bottom)",
        unit="degrees",
    )
    cx: float = param(0.5, range=(-2.0, 3.0), doc="centre, across", unit="design units")
    cy: float = param(0.5, range=(-2.0, 3.0), doc="centre, down", unit="design units")


def chords(p: ChordEnvelopeParams) -> np.ndarray:
    """Every thread as ``(x0, y0, x1, y1)`` in design units, in drawing order."""
    a0 = math.radians(p.rotation)
    n = p.points
    if p.mode == "times_table":
        i = np.arange(n)
        a = a0 + 2.0 * math.pi * i / n
        b = a0 + 2.0 * math.pi * ((p.multiplier * i) % n) / n
        r = p.radius
        return np.stack(
            [
                p.cx + r * np.cos(a),
                p.cy + r * np.sin(a),
                p.cx + r * np.cos(b),
                p.cy + r * np.sin(b),
            ],
            axis=-1,
        )
    corners = a0 + 2.0 * math.pi * np.arange(p.spokes + 1) / p.spokes
    cx = p.cx + p.radius * np.cos(corners)
    cy = p.cy + p.radius * np.sin(corners)
    t = (np.arange(n) + 1.0) / (n + 1.0)
    out = []
    for j in range(p.spokes):
        k = (j + 1) % p.spokes
        if p.mode == "star":
            # From spoke j (centre outwards) to spoke j + 1 (rim inwards): a parabola.
            x0, y0 = p.cx + t * (cx[j] - p.cx), p.cy + t * (cy[j] - p.cy)
            x1, y1 = cx[k] + t * (p.cx - cx[k]), cy[k] + t * (p.cy - cy[k])
        else:
            # Along side j (towards corner j + 1), then along side j + 1 from that corner.
            x0, y0 = cx[j] + t * (cx[j + 1] - cx[j]), cy[j] + t * (cy[j + 1] - cy[j])
            x1 = cx[j + 1] + t * (cx[k + 1] - cx[j + 1])
            y1 = cy[j + 1] + t * (cy[k + 1] - cy[j + 1])
        out.append(np.stack([x0, y0, x1, y1], axis=-1))
    return np.concatenate(out)


def frame_path(p: ChordEnvelopeParams) -> skia.Path:
    """The circle, spokes or polygon the threads are strung on."""
    path = skia.Path()
    if p.mode == "times_table":
        path.addCircle(p.cx, p.cy, p.radius)
        return path
    a = math.radians(p.rotation) + 2.0 * math.pi * np.arange(p.spokes) / p.spokes
    xs, ys = p.cx + p.radius * np.cos(a), p.cy + p.radius * np.sin(a)
    if p.mode == "star":
        for x, y in zip(xs, ys, strict=True):
            path.moveTo(p.cx, p.cy)
            path.lineTo(float(x), float(y))
        return path
    path.moveTo(float(xs[0]), float(ys[0]))
    for x, y in zip(xs[1:], ys[1:], strict=True):
        path.lineTo(float(x), float(y))
    path.close()
    return path


def _bounds(p: ChordEnvelopeParams) -> tuple[float, float, float, float]:
    return disc_bounds(p.cx, p.cy, p.radius + 2.0 * p.line_width)


@operator(
    "curves.chord_envelope",
    kind="vector",
    version=1,
    bounds=_bounds,
    tags=(
        "string art",
        "curve stitching",
        "times table",
        "cardioid",
        "nephroid",
        "envelope",
        "thread",
        "线绣",
        "包络线",
        "心形线",
    ),
)
def chord_envelope(p: ChordEnvelopeParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Chord envelope: straight threads whose crowding draws a curve (string art).

    ``times_table``: ``points`` pins around a circle, a thread from pin i to pin
    k i (mod N); the threads envelope a cardioid for k = 2, a nephroid for k = 3
    and an epicycloid of k - 1 cusps in general (non-integer k turns the figure
    into spiralling lace). ``star``: curve stitching between neighbouring spokes,
    a thread from the i-th pin out along one spoke to the i-th pin in along the
    next, whose envelope is a parabola in each sector (a flower of parabolic
    arcs). ``polygon``: the same between neighbouring sides of a regular polygon
    (nested curved polygons). Threads are translucent (``opacity``), so where they
    crowd the colour builds up as on a pinned board; they run through ``roles``
    palette roles in turn. ``frame`` draws what the threads hang on.

    References
    ----------
    Boole Stott 1904, *Lectures on Curve Stitching* (see Boole, M. E., *Philosophy
    and Fun of Algebra*, 1909); Mathologer 2015, "Times Tables, Mandelbrot and the
    Heart of Mathematics" (video).
    Lawrence 1972, *A Catalog of Special Plane Curves*, Dover (epicycloids).
    """
    lines = chords(p)
    x0, y0, x1, y1 = _bounds(p)
    recorder = skia.PictureRecorder()
    canvas = recorder.beginRecording(skia.Rect.MakeLTRB(x0, y0, x1, y1))
    if p.frame:
        paint = Drawing.paint(palette.role(p.frame_role))
        paint.setStyle(skia.Paint.kStroke_Style)
        paint.setStrokeWidth(2.0 * p.line_width)
        paint.setStrokeJoin(skia.Paint.kRound_Join)
        paint.setStrokeCap(skia.Paint.kRound_Cap)
        canvas.drawPath(frame_path(p), paint)
    paints = []
    for k in range(p.roles):
        paint = Drawing.paint(palette.role(p.thread_role + k), p.opacity)
        paint.setStyle(skia.Paint.kStroke_Style)
        paint.setStrokeWidth(p.line_width)
        paint.setStrokeCap(skia.Paint.kRound_Cap)
        paints.append(paint)
    # Each thread in its own draw call, so overlapping threads build up.
    per_role = math.ceil(len(lines) / p.roles)
    for i, (a, b, c, d) in enumerate(lines.tolist()):
        canvas.drawLine(a, b, c, d, paints[min(i // per_role, p.roles - 1)])
    picture = recorder.finishRecordingAsPicture()
    drawing = Drawing(bounds=(x0, y0, x1, y1))
    drawing.custom(lambda cv: cv.drawPicture(picture))
    return drawing
