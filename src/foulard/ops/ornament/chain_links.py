"""Chain links: a shaded metal chain as a border unit that repeats seamlessly along x."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import BLACK, WHITE, mix
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class ChainLinksParams(Params):
    style: str = param(
        "cable",
        choices=("cable", "stud", "curb"),
        doc="cable: alternating flat and edge-on links; stud: anchor chain with a bar "
        "across each link; curb: flat twisted links overlapping",
    )
    pairs: int = param(1, range=(1, 8), doc="pairs of links across the unit")
    aspect: float = param(1.6, range=(1.2, 2.2), doc="length of a link over its width")
    thickness: float = param(0.24, range=(0.14, 0.34), doc="wire thickness over link width")
    size: float = param(0.9, range=(0.4, 1.0), doc="chain height as a share of what fits the unit")
    shading: bool = param(True, doc="highlights and shadows on the metal")
    outline: float = param(
        0.06, range=(0.0, 0.2), doc="outline width as a share of the wire thickness"
    )
    metal_color: int = param(3, range=(0, 47), doc="palette role of the metal")
    line_color: int = param(1, range=(0, 47), doc="palette role of the outlines")


def tones(p: ChainLinksParams, palette: Palette) -> dict[str, RGB]:
    """Every colour a chain paints: the metal and line roles and two fixed mixes.

    Highlights are the metal role mixed with white by 0.55, shadows the metal role
    mixed with black by 0.3.
    """
    metal = palette.role(p.metal_color)
    return {
        "metal": metal,
        "light": mix(metal, WHITE, 0.55),
        "shade": mix(metal, BLACK, 0.3),
        "line": palette.role(p.line_color),
    }


def _stadium(cx: float, cy: float, length: float, width: float) -> skia.Path:
    r = 0.5 * min(length, width)
    path = skia.Path()
    path.addRRect(
        skia.RRect.MakeRectXY(
            skia.Rect.MakeLTRB(
                cx - 0.5 * length, cy - 0.5 * width, cx + 0.5 * length, cy + 0.5 * width
            ),
            r,
            r,
        )
    )
    return path


def _ring(cx, cy, length, width, wire) -> tuple[skia.Path, skia.Path]:
    """A link seen flat: its ring (even-odd) and the centre line of its wire."""
    ring = _stadium(cx, cy, length, width)
    ring.addPath(_stadium(cx, cy, length - 2 * wire, width - 2 * wire))
    ring.setFillType(skia.PathFillType.kEvenOdd)
    return ring, _stadium(cx, cy, length - wire, width - wire)


def _turned(path: skia.Path, cx: float, cy: float, degrees: float) -> skia.Path:
    out = skia.Path(path)
    if degrees:
        m = skia.Matrix()
        m.setRotate(degrees, cx, cy)
        out.transform(m)
    return out


class _Painter:
    """Paints wire shapes: flat metal, a highlight and a shadow along the wire, outline."""

    def __init__(self, d: Drawing, t: dict, wire: float, p: ChainLinksParams):
        self.d, self.t, self.wire, self.p = d, t, wire, p

    def link(self, shape: skia.Path, centre: skia.Path, clip: skia.Path | None = None) -> None:
        d, t, w = self.d, self.t, self.wire
        lw = self.p.outline * w
        shade = skia.Path(centre)
        shade.offset(0.2 * w, 0.22 * w)
        light = skia.Path(centre)
        light.offset(-0.17 * w, -0.2 * w)
        p = self.p

        def draw(canvas: skia.Canvas) -> None:
            canvas.save()
            if clip is not None:
                canvas.clipPath(clip, doAntiAlias=True)
            canvas.drawPath(shape, Drawing.paint(t["metal"]))
            if p.shading:
                canvas.save()
                canvas.clipPath(shape, doAntiAlias=True)
                for path, tone, width in ((shade, "shade", 0.42), (light, "light", 0.22)):
                    paint = Drawing.paint(t[tone])
                    paint.setStyle(skia.Paint.kStroke_Style)
                    paint.setStrokeWidth(width * w)
                    canvas.drawPath(path, paint)
                canvas.restore()
            if lw > 0:
                paint = Drawing.paint(t["line"])
                paint.setStyle(skia.Paint.kStroke_Style)
                paint.setStrokeWidth(lw)
                paint.setStrokeJoin(skia.Paint.kRound_Join)
                canvas.drawPath(shape, paint)
            canvas.restore()

        d.custom(draw)


def chain(p: ChainLinksParams, palette: Palette, bounds=(0.0, 0.0, 1.0, 1.0)) -> Drawing:
    """The chain over any window of the plane (the operator draws the unit box).

    Links sit every ``1 / (2 * pairs)`` along ``y = 0.5``, so the pattern repeats with
    period 1 in x: copies of the unit join without a seam.
    """
    t = tones(p, palette)
    d = Drawing(bounds)
    x0, _y0, x1, _y1 = bounds
    step = 0.5 / p.pairs
    # A link's end wraps round its neighbour's end wire: L / 2 = step - L / 2 + 1.6 w,
    # with the wire w = thickness * L / aspect.
    length = step / (1.0 - 1.6 * p.thickness / p.aspect)
    width = length / p.aspect
    if width > 0.9:  # never taller than the unit
        width, length = 0.9, 0.9 * p.aspect
    width *= p.size
    length *= p.size
    wire = p.thickness * width
    cy = 0.5
    paint = _Painter(d, t, wire, p)
    first = math.floor(x0 / step) - 3
    last = math.ceil(x1 / step) + 3
    if p.style == "curb":
        # Flat links turned alternately; each overlaps the next, over at its top half.
        for i in range(first, last + 1):
            cx = i * step
            turn = 14.0 if i % 2 else -14.0
            ring, centre = _ring(cx, cy, length, width, wire)
            paint.link(_turned(ring, cx, cy, turn), _turned(centre, cx, cy, turn))
        for i in range(first, last + 1):
            cx = i * step
            turn = 14.0 if i % 2 else -14.0
            ring, centre = _ring(cx, cy, length, width, wire)
            lower = skia.Path()
            lower.addRect(cx - length, cy, cx - 0.05 * length, cy + length)
            paint.link(_turned(ring, cx, cy, turn), _turned(centre, cx, cy, turn), clip=lower)
        return d
    flat = [i for i in range(first, last + 1) if i % 2 == 0]
    edge = [i for i in range(first, last + 1) if i % 2]
    # An edge-on link, seen a little from above: a narrow ring whose upper strand
    # passes behind the flat links' wire and whose lower strand passes in front.
    e_height = 2.0 * wire + 0.35 * wire
    for i in edge:
        cx = i * step
        ring, centre = _ring(cx, cy, length, e_height, wire)
        paint.link(ring, centre)
    for i in flat:
        cx = i * step
        ring, centre = _ring(cx, cy, length, width, wire)
        paint.link(ring, centre)
        if p.style == "stud":
            stud = skia.Path()
            inner_w = width - 2 * wire
            stud.addRRect(
                skia.RRect.MakeRectXY(
                    skia.Rect.MakeLTRB(
                        cx - 0.45 * wire,
                        cy - 0.5 * inner_w - 0.2 * wire,
                        cx + 0.45 * wire,
                        cy + 0.5 * inner_w + 0.2 * wire,
                    ),
                    0.4 * wire,
                    0.4 * wire,
                )
            )
            centre = skia.Path()
            centre.moveTo(cx, cy - 0.5 * inner_w)
            centre.lineTo(cx, cy + 0.5 * inner_w)
            paint.link(stud, centre)
    for i in edge:
        cx = i * step
        ring, centre = _ring(cx, cy, length, e_height, wire)
        lower = skia.Path()
        lower.addRect(cx - length, cy + 0.02 * wire, cx + length, cy + length)
        paint.link(ring, centre, clip=lower)
    return d


@operator(
    "ornament.chain_links",
    kind="vector",
    version=1,
    tags=(
        "chain",
        "links",
        "anchor chain",
        "curb chain",
        "nautical",
        "equestrian",
        "border",
        "链条",
        "锁链",
        "链纹",
        "马术",
        "航海",
    ),
)
def chain_links(p: ChainLinksParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Chain links: a shaded metal chain running across the unit, a seamless border unit.

    Links sit on ``y = 0.5`` every ``1 / (2 * pairs)``, so the unit repeats with period 1
    in x and copies laid side by side (a p1 frieze or a border band) join into one
    chain; links that cross the unit's edges are drawn from the neighbouring copies
    and clipped. ``cable``: flat links alternate with links seen edge-on (a little
    from above, so their upper strand passes behind the flat link's wire and the
    lower strand in front: the links interlock); ``stud``: the same with a stud bar
    across every flat link (anchor chain); ``curb``: flat links turned alternately
    and overlapping, each over the next at one end and under it at the other.
    Each wire is shaded as a tube lit from the upper left: a shadow stroke and a
    highlight stroke along its centre line, offset towards and away from the light,
    clipped to the wire. No randomness.

    References
    ----------
    Projection of interlocked tori (torus-link chain); equestrian and nautical
    carré conventions (chains, curb chains, anchor chains) of twentieth-century
    printed silk squares; Meyer 1888, *Handbook of Ornament*, "Chains and ropes".
    """
    return chain(p, palette)
