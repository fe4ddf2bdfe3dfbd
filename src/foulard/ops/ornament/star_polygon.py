"""Star polygons {n/k}, compound stars and compass roses with graded rays."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.errors import ParameterError
from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import WHITE, Sketch, mix
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]
STYLES = ("faceted", "flat", "lines", "rosette")


@dataclass(frozen=True)
class StarPolygonParams(Params):
    points: int = param(8, range=(3, 24), doc="n: points of the star")
    step: int = param(3, range=(1, 11), doc="k: the star joins every k-th point ({n/k}, 2k < n)")
    inner: float = param(
        0.0, range=(0.0, 0.9), doc="inner radius over the outer (0: the exact {n/k} star)"
    )
    style: str = param(
        "faceted",
        choices=STYLES,
        doc="faceted rays lit on one side (compass rose), flat fill, the {n/k} polygram as "
        "lines, or a rosette of star, petals and beads",
    )
    levels: int = param(2, range=(1, 3), doc="ray levels: main, between them, and between those")
    ring: bool = param(True, doc="a ring with ticks round the star")
    rotation: float = param(0.0, range=(-180.0, 180.0), doc="turn of the star", unit="degrees")
    outline: float = param(0.004, range=(0.0, 0.02), doc="outline width", unit="motif units")
    color: int = param(1, range=(0, 47), doc="palette role of the main rays")
    second_color: int = param(3, range=(0, 47), doc="palette role of the second-level rays")
    third_color: int = param(2, range=(0, 47), doc="palette role of the third-level rays")
    line_color: int = param(1, range=(0, 47), doc="palette role of outlines and the ring")

    def __post_init__(self) -> None:
        super().__post_init__()
        # {n/k} is a star only for 2k < n ({n/k} and {n/(n-k)} are the same figure).
        if 2 * self.step >= self.points:
            raise ParameterError(
                f"a star {{{self.points}/{self.step}}} needs 2k < n: step at most "
                f"{(self.points - 1) // 2} for {self.points} points",
                "params.step",
            )


def tones(p: StarPolygonParams, palette: Palette) -> dict[str, RGB]:
    """Every colour a star paints: its four roles and the lit side of each ray level.

    The lit half of a faceted ray is its level's role mixed with white by 0.5.
    """
    out = {"line": palette.role(p.line_color)}
    for name, role in (("ray0", p.color), ("ray1", p.second_color), ("ray2", p.third_color)):
        c = palette.role(role)
        out[name] = c
        out[name + "_light"] = mix(c, WHITE, 0.5)
    return out


def inner_ratio(n: int, k: int) -> float:
    """Radius of the concave corners of the {n/k} star over the radius of its points.

    The edges of {n/k} join points ``k`` apart; two neighbouring edges cross on the
    bisector between two points, at ``cos(pi k / n) / cos(pi (k - 1) / n)``.

    >>> round(inner_ratio(5, 2), 6)  # the pentagram
    0.381966
    """
    return math.cos(math.pi * k / n) / math.cos(math.pi * (k - 1) / n)


def star_points(n: int, k: int, inner: float, radius: float, phase: float) -> np.ndarray:
    """The ``2n`` corners of the star outline, points and concave corners alternating."""
    r_in = (inner or inner_ratio(n, k)) * radius
    i = np.arange(2 * n)
    a = phase + math.pi * i / n
    r = np.where(i % 2 == 0, radius, r_in)
    return np.stack([r * np.cos(a), r * np.sin(a)], axis=1)


def _turn(path: skia.Path, degrees: float) -> skia.Path:
    out = skia.Path(path)
    m = skia.Matrix()
    m.setRotate(degrees, 0.5, 0.5)
    out.transform(m)
    return out


def _rays(d: Sketch, p: StarPolygonParams, t: dict, level: int, radius: float, r_in: float, n: int):
    """``n`` kite rays at one level: lit and shaded halves (or flat), each turned exactly."""
    c = 0.5
    half = math.pi / n
    phase = -0.5 * math.pi + (half if level == 1 else 0.5 * half * (1 if level == 2 else 0))
    if level == 2:
        n, half = 2 * n, half / 2
        phase = -0.5 * math.pi + half
    name = f"ray{level}"
    left = skia.Path()
    right = skia.Path()
    for i in range(n):
        a = phase + 2 * half * i
        tip = (c + radius * math.cos(a), c + radius * math.sin(a))
        lp = (c + r_in * math.cos(a - half), c + r_in * math.sin(a - half))
        rp = (c + r_in * math.cos(a + half), c + r_in * math.sin(a + half))
        for path, side in ((left, lp), (right, rp)):
            path.moveTo(c, c)
            path.lineTo(*side)
            path.lineTo(*tip)
            path.close()
    if p.style == "faceted":
        d.fill(left, t[name + "_light"])
        d.fill(right, t[name])
    else:
        both = skia.Path(left)
        both.addPath(right)
        d.fill(both, t[name])
    if p.outline > 0:
        outline = skia.Path(left)
        outline.addPath(right)
        d.stroke(outline, t["line"], p.outline)


@operator(
    "ornament.star_polygon",
    kind="vector",
    version=1,
    tags=(
        "star",
        "star polygon",
        "compass rose",
        "rosette",
        "pentagram",
        "octagram",
        "nautical",
        "星形",
        "星芒",
        "罗盘",
        "八角星",
        "指南针",
    ),
)
def star_polygon(p: StarPolygonParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Star polygon {n/k}: faceted compass roses, flat stars, polygrams and rosettes.

    The star {n/k} joins every k-th of n points evenly spaced on a circle; its
    outline has n points and n concave corners on the bisectors, at
    ``cos(pi k / n) / cos(pi (k - 1) / n)`` of the outer radius (:func:`inner_ratio`,
    unless ``inner`` sets it). When n and k share a factor the polygram is a
    compound (``{6/2}`` is two triangles, ``{8/2}`` two squares). ``faceted`` draws
    each point as a kite split along its axis into a lit and a shaded half, the
    compass-rose convention; ``levels`` adds n shorter rays between the points and
    2n shorter still between those; ``lines`` draws the polygram's n chords;
    ``rosette`` adds a bead on each point and a disc in the middle. Every part is
    built once and turned by exact multiples of 360/n degrees, so the star has
    n-fold rotational symmetry (and mirror symmetry through each point). Colours:
    the roles and mixes listed by :func:`tones`. No randomness.

    References
    ----------
    Coxeter 1973, *Regular Polytopes*, §2.8 (star polygons, Schläfli symbols {n/k});
    Grünbaum & Shephard 1987, *Tilings and Patterns*, §2.5; the compass rose of
    portolan charts (fourteenth century onwards).
    """
    n, k = p.points, p.step
    d = Sketch()
    t = tones(p, palette)
    c = 0.5
    radius = 0.4 if p.ring else 0.47
    ratio = p.inner or inner_ratio(n, k)
    r_in = ratio * radius
    lw = p.outline
    if p.ring:
        ring = skia.Path()
        ring.addCircle(c, c, 0.47)
        ring.addCircle(c, c, 0.43)
        ring.setFillType(skia.PathFillType.kEvenOdd)
        d.fill(ring, t["ray1"])
        ticks = skia.Path()
        count = 4 * n
        for i in range(count):
            a = -0.5 * math.pi + 2 * math.pi * i / count
            r0 = 0.43 if i % 4 else 0.41
            ticks.moveTo(c + r0 * math.cos(a), c + r0 * math.sin(a))
            ticks.lineTo(c + 0.47 * math.cos(a), c + 0.47 * math.sin(a))
        d.stroke(ticks, t["line"], max(lw, 0.002))
        circles = skia.Path()
        circles.addCircle(c, c, 0.47)
        circles.addCircle(c, c, 0.43)
        d.stroke(circles, t["line"], max(lw, 0.002))
    if p.style == "lines":
        pts = star_points(n, 1, 1.0, radius, -0.5 * math.pi)[::2] + c
        chords = skia.Path()
        for i in range(n):
            j = (i + k) % n
            chords.moveTo(*pts[i])
            chords.lineTo(*pts[j])
        band = 0.018 + 0.1 / n
        d.stroke(chords, t["line"], band + 2 * max(lw, 0.002))
        d.stroke(chords, t["ray0"], band)
        dots = skia.Path()
        for x, y in pts:
            dots.addCircle(x, y, 0.7 * band)
        d.fill(dots, t["ray1"])
        d.stroke(dots, t["line"], max(lw, 0.002))
    else:
        for level in range(p.levels - 1, -1, -1):
            scale = (1.0, 0.8, 0.6)[level]
            inner = r_in * (1.0, 0.5, 0.36)[level]
            _rays(d, p, t, level, radius * scale, inner, n)
        if p.style == "rosette":
            # A second star, turned half a step, inside the first.
            inside = star_points(n, k, p.inner, 0.9 * r_in, -0.5 * math.pi + math.pi / n) + c
            small = skia.Path()
            small.addPoly([skia.Point(float(x), float(y)) for x, y in inside], True)
            d.fill(small, t["ray1"])
            if lw > 0:
                d.stroke(small, t["line"], lw)
            beads = skia.Path()
            for i in range(n):
                a = -0.5 * math.pi + 2 * math.pi * i / n
                beads.addCircle(
                    c + 1.04 * radius * math.cos(a), c + 1.04 * radius * math.sin(a), 0.035
                )
            d.fill(beads, t["ray2"])
            if lw > 0:
                d.stroke(beads, t["line"], lw)
        hub = skia.Path()
        hub.addCircle(c, c, max(0.03, 0.22 * r_in))
        d.fill(hub, t["ray1"] if p.style != "rosette" else t["ray2"])
        eye = skia.Path()
        eye.addCircle(c, c, max(0.01, 0.08 * r_in))
        d.fill(eye, t["ray0"])
        if lw > 0:
            d.stroke(hub, t["line"], lw)
    if p.rotation:
        m = skia.Matrix()
        m.setRotate(p.rotation, c, c)
        d.transform(m)
    return d.finish()
