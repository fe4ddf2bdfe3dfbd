"""Plum blossom (梅花): five round petals, a ring of stamens."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops.params import Params, param
from foulard.ops.registry import operator


@dataclass(frozen=True)
class PlumParams(Params):
    petals: int = param(5, range=(4, 8), doc="number of petals (plum: 5)")
    petal_size: float = param(1.0, range=(0.5, 1.4), doc="petal radius relative to the default")
    stamens: int = param(16, range=(0, 40), doc="stamen filaments")
    rotation: float = param(0.0, range=(-180.0, 180.0), doc="turn of the flower", unit="degrees")
    jitter: float = param(0.15, range=(0.0, 0.5), doc="hand-drawn irregularity of petals")
    outline: float = param(0.012, range=(0.0, 0.05), doc="outline width", unit="motif units")
    petal_color: int = param(1, range=(0, 47), doc="palette role of the petals")
    heart_color: int = param(3, range=(0, 47), doc="palette role of stamens and heart")
    line_color: int = param(0, range=(0, 47), doc="palette role of outlines")


@operator("motifs.plum_blossom", kind="vector", version=1, tags=("plum", "blossom", "梅花", "梅"))
def plum_blossom(p: PlumParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Plum blossom (梅花, *mei*): round overlapping petals around a stamen ring.

    One of the "three friends of winter"; a symbol of perseverance and renewal.

    References
    ----------
    Bartholomew 2006, *Hidden Meanings in Chinese Art*, s.v. plum blossom;
    the *Meihua xishen pu* (1238), the Song manual of painting plum blossoms.
    """
    d = Drawing()
    c = 0.5
    base = math.radians(p.rotation - 90.0)
    r_petal = 0.17 * p.petal_size
    dist = 0.2 * p.petal_size
    petals = skia.Path()
    shapes = []
    for i in range(p.petals):
        a = base + 2 * math.pi * i / p.petals + rng.normal(0, 0.08) * p.jitter
        r = r_petal * (1 + rng.normal(0, 0.12) * p.jitter)
        cx, cy = c + dist * math.cos(a), c + dist * math.sin(a)
        petal = skia.Path()
        # A slightly flattened circle, long axis along the radius, with a small notch.
        k = 0.5523
        ux, uy = math.cos(a), math.sin(a)
        vx, vy = -uy, ux
        rl, rw = r * 1.05, r * 0.95

        def pt(s: float, t: float, cx=cx, cy=cy, ux=ux, uy=uy, vx=vx, vy=vy) -> tuple[float, float]:
            return cx + s * ux + t * vx, cy + s * uy + t * vy

        notch = 0.18 * r
        petal.moveTo(*pt(rl - notch, 0))
        petal.cubicTo(*pt(rl, 0.25 * rw), *pt(rl, k * rw), *pt(0.55 * rl, rw))
        petal.cubicTo(*pt(0.1 * rl, 1.05 * rw), *pt(-rl, k * rw), *pt(-rl, 0))
        petal.cubicTo(*pt(-rl, -k * rw), *pt(0.1 * rl, -1.05 * rw), *pt(0.55 * rl, -rw))
        petal.cubicTo(*pt(rl, -k * rw), *pt(rl, -0.25 * rw), *pt(rl - notch, 0))
        petal.close()
        shapes.append(petal)
        petals.addPath(petal)
    petal_rgb = palette.role(p.petal_color)
    line_rgb = palette.role(p.line_color)
    heart_rgb = palette.role(p.heart_color)
    for shape in shapes:
        d.fill(shape, petal_rgb)
        if p.outline > 0:
            d.stroke(shape, line_rgb, p.outline)
    # A lighter inner disc gives the petals depth without a gradient.
    inner = skia.Path()
    inner.addCircle(c, c, dist * 0.75)
    lighter = tuple(0.55 * v + 0.45 for v in petal_rgb)
    d.fill(inner, lighter, alpha=0.55)
    stamen_len = 0.13 * p.petal_size
    filaments = skia.Path()
    dots = skia.Path()
    for i in range(p.stamens):
        a = 2 * math.pi * (i + rng.random() * 0.6) / max(p.stamens, 1)
        length = stamen_len * (0.75 + 0.35 * rng.random())
        ex, ey = c + length * math.cos(a), c + length * math.sin(a)
        filaments.moveTo(c, c)
        filaments.lineTo(ex, ey)
        dots.addCircle(ex, ey, 0.011 * p.petal_size)
    if p.stamens:
        d.stroke(filaments, heart_rgb, 0.005 * p.petal_size)
        d.fill(dots, heart_rgb)
    heart = skia.Path()
    heart.addCircle(c, c, 0.03 * p.petal_size)
    d.fill(heart, heart_rgb)
    return d
