"""Apollonian gaskets: circles packed into the gaps between tangent circles, recursively."""

from __future__ import annotations

import cmath
import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.geometry import disc_bounds
from foulard.ops._common.palette import Palette
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

MAX_CIRCLES = 20_000


@dataclass(frozen=True)
class ApollonianGasketParams(Params):
    radius: float = param(
        0.46, range=(0.01, 2.0), doc="radius of the outer circle", unit="design units"
    )
    split: float = param(
        0.5, range=(0.15, 0.85), doc="radius of the first inner circle, relative to the outer"
    )
    second: float = param(
        1.0,
        range=(0.25, 1.0),
        doc="radius of the second inner circle, relative to the room the first leaves",
    )
    min_radius: float = param(
        0.004, range=(0.0015, 0.2), doc="smallest circle drawn", unit="design units"
    )
    fill: str = param(
        "generation",
        choices=("generation", "size", "none"),
        doc="colour circles by the generation that made them, by size, or not at all",
    )
    first_role: int = param(1, range=(0, 47), doc="palette role of the first colour")
    roles: int = param(4, range=(1, 8), doc="palette roles the colours run through")
    line_width: float = param(
        0.0015,
        range=(0.0, 0.02),
        doc="width of the circles' outlines (0: none)",
        unit="design units",
    )
    line_role: int = param(0, range=(0, 47), doc="palette role of the outlines")
    rotation: float = param(90.0, range=(-360.0, 360.0), doc="turn of the gasket", unit="degrees")
    cx: float = param(0.5, range=(-2.0, 3.0), doc="centre, across", unit="design units")
    cy: float = param(0.5, range=(-2.0, 3.0), doc="centre, down", unit="design units")


@dataclass(frozen=True)
class Circle:
    """A circle by signed curvature k (negative: the enclosing circle) and k times centre."""

    k: float
    kz: complex

    @property
    def centre(self) -> complex:
        return self.kz / self.k

    @property
    def radius(self) -> float:
        return 1.0 / abs(self.k)


def _tangency_error(a: Circle, b: Circle) -> float:
    d = abs(a.centre - b.centre)
    if a.k < 0 or b.k < 0:  # internally tangent to the enclosing circle
        return abs(d - abs(a.radius - b.radius))
    return abs(d - (a.radius + b.radius))


def initial_circles(p: ApollonianGasketParams) -> list[Circle]:
    """The enclosing circle and three mutually tangent circles inside it."""
    big = p.radius
    r1 = p.split * big
    r2 = p.second * (big - r1)
    c0 = complex(p.cx, p.cy)
    turn = math.radians(p.rotation)
    z1 = c0 + (big - r1) * cmath.exp(1j * turn)
    # Circle 2 touches circle 1 and the enclosing circle (law of cosines).
    a, b, c = big - r1, big - r2, r1 + r2
    beta = math.acos(max(-1.0, min(1.0, (a * a + b * b - c * c) / (2 * a * b))))
    z2 = c0 + (big - r2) * cmath.exp(1j * (turn + beta))
    k0, k1, k2 = -1.0 / big, 1.0 / r1, 1.0 / r2
    circles = [Circle(k0, k0 * c0), Circle(k1, k1 * z1), Circle(k2, k2 * z2)]
    # Descartes: k3 = k0 + k1 + k2 +- 2 sqrt(k0 k1 + k1 k2 + k2 k0), and the complex
    # form for the centre; keep the sign pair that is tangent to all three.
    s = k0 + k1 + k2
    q = math.sqrt(max(0.0, k0 * k1 + k1 * k2 + k2 * k0))
    w = sum(c.kz for c in circles)
    root = cmath.sqrt(
        circles[0].kz * circles[1].kz
        + circles[1].kz * circles[2].kz
        + circles[2].kz * circles[0].kz
    )
    candidates = [
        Circle(s + sk * 2 * q, w + sz * 2 * root) for sk in (1.0, -1.0) for sz in (1.0, -1.0)
    ]
    candidates = [c for c in candidates if c.k > 0]
    best = min(candidates, key=lambda c: sum(_tangency_error(c, o) for o in circles))
    return [*circles, best]


def gasket(p: ApollonianGasketParams) -> tuple[list[Circle], list[int], list[tuple[int, int, int]]]:
    """Every circle, its generation, and the three circles it was made tangent to.

    From a quadruple of mutually tangent circles, the other circle tangent to three
    of them is k' = 2 (k_a + k_b + k_c) - k_d (and likewise k z: the complex
    Descartes theorem). Each new circle forms three new triples with two of its
    parents; circles smaller than ``min_radius`` end a branch.
    """
    circles = initial_circles(p)
    generation = [0, 0, 0, 0]
    parents: list[tuple[int, int, int]] = [(-1, -1, -1)] * 4
    stack = [((0, 1, 2), 3), ((0, 1, 3), 2), ((0, 2, 3), 1), ((1, 2, 3), 0)]
    while stack and len(circles) < MAX_CIRCLES:
        (i, j, k), old = stack.pop()
        a, b, c, d = circles[i], circles[j], circles[k], circles[old]
        new = Circle(2.0 * (a.k + b.k + c.k) - d.k, 2.0 * (a.kz + b.kz + c.kz) - d.kz)
        if new.k <= 0 or new.radius < p.min_radius:
            continue
        n = len(circles)
        circles.append(new)
        generation.append(1 + max(generation[i], generation[j], generation[k]))
        parents.append((i, j, k))
        stack += [((n, j, k), i), ((i, n, k), j), ((i, j, n), k)]
    return circles, generation, parents


def _bounds(p: ApollonianGasketParams) -> tuple[float, float, float, float]:
    return disc_bounds(p.cx, p.cy, p.radius + p.line_width)


@operator(
    "curves.apollonian_gasket",
    kind="vector",
    version=1,
    bounds=_bounds,
    tags=(
        "apollonian gasket",
        "circle packing",
        "tangent circles",
        "bubbles",
        "soap",
        "阿波罗尼奥斯垫片",
        "圆堆积",
        "泡泡",
    ),
)
def apollonian_gasket(
    p: ApollonianGasketParams, rng: np.random.Generator, palette: Palette
) -> Drawing:
    """Apollonian gasket: tangent circles filling every curved gap, by Descartes' theorem.

    Three mutually tangent circles inside an enclosing one (the first ``split``
    of its radius, the second ``second`` of the room left) leave curved
    triangular gaps; each gap takes the one circle tangent to its three sides,
    which makes three smaller gaps, and so on down to ``min_radius``. Every new
    circle comes from the complex Descartes theorem: for four mutually tangent
    circles with curvatures k_i and centres z_i, (sum k_i)^2 = 2 sum k_i^2 and
    (sum k_i z_i)^2 = 2 sum (k_i z_i)^2, so the second solution of a triple is
    k' = 2 (k_a + k_b + k_c) - k_d. Circles are filled by the generation that
    made them or by size bands (palette roles from ``first_role``), outlined in
    ``line_role``. Integral curvatures (e.g. -1, 2, 2, 3 at split 0.5) stay
    integral throughout.

    References
    ----------
    Lagarias, Mallows & Wilks 2002, "Beyond the Descartes circle theorem",
    *The American Mathematical Monthly* 109(4), pp. 338-361.
    Graham, Lagarias, Mallows, Wilks & Yan 2003, "Apollonian circle packings:
    number theory", *Journal of Number Theory* 100(1), pp. 1-45.
    """
    circles, generation, _ = gasket(p)
    x0, y0, x1, y1 = _bounds(p)
    recorder = skia.PictureRecorder()
    canvas = recorder.beginRecording(skia.Rect.MakeLTRB(x0, y0, x1, y1), skia.RTreeFactory()())
    fills = [Drawing.paint(palette.role(p.first_role + i)) for i in range(p.roles)]
    line = Drawing.paint(palette.role(p.line_role))
    line.setStyle(skia.Paint.kStroke_Style)
    line.setStrokeWidth(p.line_width)
    # Fills first, then every outline over them, so tangent fills never cover a line.
    for circle, gen in zip(circles, generation, strict=True):
        z, r = circle.centre, circle.radius
        if circle.k > 0 and p.fill != "none":
            # By generation, or by size: one band per halving of the radius.
            band = gen if p.fill == "generation" else int(math.log2(p.radius / r))
            canvas.drawCircle(z.real, z.imag, r, fills[band % p.roles])
    if p.line_width > 0:
        for circle in circles:
            if circle.radius > 0.75 * p.line_width:
                z = circle.centre
                canvas.drawCircle(z.real, z.imag, circle.radius, line)
    picture = recorder.finishRecordingAsPicture()
    drawing = Drawing(bounds=(x0, y0, x1, y1))
    drawing.custom(lambda cv: cv.drawPicture(picture))
    return drawing
