"""Rope twist: a laid rope of shaded strands, as a border unit that repeats seamlessly along x."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import BLACK, WHITE, mix
from foulard.ops.ornament._west import normals, poly_path, ribbon
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class RopeTwistParams(Params):
    strands: int = param(3, range=(2, 5), doc="strands laid together (sets the slant)")
    segments: int = param(6, range=(2, 24), doc="visible strand segments across the unit")
    height: float = param(0.42, range=(0.1, 0.9), doc="rope thickness as a share of the unit")
    lay: str = param("z", choices=("z", "s"), doc="direction of the twist (Z: /, S: \\)")
    fibres: int = param(2, range=(0, 4), doc="fibre lines along each strand segment")
    pattern: str = param(
        "plain", choices=("plain", "barber"), doc="one colour, or one strand in the accent colour"
    )
    shading: bool = param(True, doc="highlight and shadow on each strand")
    outline: float = param(
        0.05, range=(0.0, 0.15), doc="groove line width as a share of a segment's spacing"
    )
    rope_color: int = param(3, range=(0, 47), doc="palette role of the rope")
    accent_color: int = param(2, range=(0, 47), doc="palette role of the accent strand (barber)")
    line_color: int = param(1, range=(0, 47), doc="palette role of the grooves and outline")


def tones(p: RopeTwistParams, palette: Palette) -> dict[str, RGB]:
    """Every colour a rope paints: its roles and two fixed mixes of each strand colour.

    Highlights are a strand's role mixed with white by 0.5, shadows mixed with black
    by 0.3 (the accent strand's tones only with ``barber``).
    """
    rope = palette.role(p.rope_color)
    out = {
        "rope": rope,
        "light": mix(rope, WHITE, 0.5),
        "shade": mix(rope, BLACK, 0.3),
        "line": palette.role(p.line_color),
    }
    if p.pattern == "barber":
        accent = palette.role(p.accent_color)
        out |= {
            "accent": accent,
            "accent_light": mix(accent, WHITE, 0.5),
            "accent_shade": mix(accent, BLACK, 0.3),
        }
    return out


def _centre_line(x: float, cy: float, r: float, reach: float, sign: float) -> np.ndarray:
    """The centre line of one strand segment: a shallow S from the top edge to the bottom."""
    p0 = np.array([x - sign * 0.5 * reach, cy - r])
    p1 = np.array([x - sign * 0.05 * reach, cy - 0.8 * r])
    p2 = np.array([x + sign * 0.05 * reach, cy + 0.8 * r])
    p3 = np.array([x + sign * 0.5 * reach, cy + r])
    u = np.linspace(0.0, 1.0, 64)[:, None]
    return (1 - u) ** 3 * p0 + 3 * (1 - u) ** 2 * u * p1 + 3 * (1 - u) * u**2 * p2 + u**3 * p3


def rope(p: RopeTwistParams, palette: Palette, bounds=(0.0, 0.0, 1.0, 1.0)) -> Drawing:
    """The rope over any window of the plane (the operator draws the unit box).

    Segments sit every ``1 / segments`` along x and each overlaps the one before it,
    so the pattern repeats with period 1 in x (with ``barber``, ``segments`` a multiple
    of ``strands`` keeps that period; other counts repeat after ``strands`` units).
    """
    t = tones(p, palette)
    d = Drawing(bounds)
    x0, _y0, x1, _y1 = bounds
    s = 1.0 / p.segments
    r = 0.5 * p.height
    sign = 1.0 if p.lay == "s" else -1.0
    # Half a pitch of the helix: the strand crosses the rope over strands * s / 2.
    reach = 0.5 * p.strands * s
    # The strand is as thick as the spacing of the segments across the lay.
    slope = math.atan2(2.0 * r * 1.6, 0.1 * reach + 1e-9)
    width = min(1.2 * s * math.sin(min(slope, 0.5 * math.pi)), 0.9 * r)
    rc = r - 0.5 * width
    lw = p.outline * s
    cy = 0.5
    first = math.floor(x0 / s) - p.strands - 2
    last = math.ceil(x1 / s) + p.strands + 2
    profile = 0.3 + 0.7 * np.sin(np.linspace(0.0, math.pi, 64)) ** 0.6
    for k in range(first, last + 1):
        pts = _centre_line(k * s, cy, rc, reach, sign)
        body = poly_path(ribbon(pts, width * profile), closed=True)
        accent = p.pattern == "barber" and k % p.strands == 0
        base, light, shade = (
            ("accent", "accent_light", "accent_shade") if accent else ("rope", "light", "shade")
        )
        if lw > 0:
            d.fill(poly_path(ribbon(pts, width * profile + 2 * lw), closed=True), t["line"])
        d.fill(body, t[base])
        strokes = []
        if p.shading:
            nrm = normals(pts) * (width * profile)[:, None]
            # The normal points to the strand's lower side for both lays.
            nrm *= np.sign(nrm[32, 1]) if nrm[32, 1] else 1.0
            low = poly_path(pts + 0.42 * nrm, closed=False)
            high = poly_path((pts - 0.2 * nrm)[10:-10], closed=False)
            strokes.append((low, shade, 0.4 * width))
            strokes.append((high, light, 0.13 * width))
        for f in range(p.fibres):
            off = (f + 1.0) / (p.fibres + 1.0) - 0.5
            fibre = poly_path(
                pts + normals(pts) * (off * 0.8 * width * profile)[:, None], closed=False
            )
            strokes.append((fibre, shade, 0.05 * width if lw == 0 else 0.6 * lw))
        if strokes:
            d.custom(_clipped(body, strokes, t))
    return d


def _clipped(body: skia.Path, strokes, t: dict):
    def draw(canvas: skia.Canvas) -> None:
        canvas.save()
        canvas.clipPath(body, doAntiAlias=True)
        for path, tone, width in strokes:
            paint = Drawing.paint(t[tone])
            paint.setStyle(skia.Paint.kStroke_Style)
            paint.setStrokeWidth(width)
            paint.setStrokeCap(skia.Paint.kRound_Cap)
            canvas.drawPath(path, paint)
        canvas.restore()

    return draw


@operator(
    "ornament.rope_twist",
    kind="vector",
    version=1,
    tags=(
        "rope",
        "cable",
        "twist",
        "cord",
        "nautical",
        "equestrian",
        "border",
        "绳纹",
        "绞绳",
        "麻绳",
        "航海",
        "马术",
    ),
)
def rope_twist(p: RopeTwistParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Rope twist: a laid rope of shaded strands across the unit, a seamless border unit.

    Each strand of a rope of ``strands`` strands is a helix; seen from the side, the
    groove between two strands is the front half of that helix, the curve
    ``x = pitch / (2 pi) * arccos(-u)`` across the rope (``u`` from -1 at the top edge to 1
    at the bottom), which meets both edges tangentially. Grooves repeat every
    ``1 / segments``, the pitch is ``strands`` times that (more strands: a steeper lay),
    so the unit repeats with period 1 in x and copies laid side by side join into one
    rope. Each strand segment is shaded as a tube lit from above (a highlight along
    its upper groove and a shadow along its lower one), with ``fibres`` fibre lines
    following the lay. ``barber`` paints every ``strands``-th segment (one strand) in
    the accent colour. No randomness.

    References
    ----------
    Projection of a laid (helical) rope; Meyer 1888, *Handbook of Ornament*,
    "Bands: the cable and the twist"; nautical and equestrian carré conventions
    (cordage borders) of twentieth-century printed silk squares.
    """
    return rope(p, palette)
