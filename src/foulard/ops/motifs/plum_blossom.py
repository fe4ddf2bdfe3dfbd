"""Plum blossom (梅花): five round petals, a ring of stamens."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import BLACK, WHITE, Sketch, mix, placed
from foulard.ops.params import Params, param
from foulard.ops.registry import operator


@dataclass(frozen=True)
class PlumParams(Params):
    petals: int = param(5, range=(4, 8), doc="number of petals (plum: 5)")
    petal_size: float = param(
        1.0,
        range=(0.5, 1.4),
        doc="petal radius relative to the default (a flower too big for its box is scaled to fit)",
    )
    stamens: int = param(16, range=(0, 40), doc="stamen filaments")
    rotation: float = param(0.0, range=(-180.0, 180.0), doc="turn of the flower", unit="degrees")
    jitter: float = param(0.15, range=(0.0, 0.5), doc="hand-drawn irregularity of petals")
    outline: float = param(0.012, range=(0.0, 0.05), doc="outline width", unit="motif units")
    petal_color: int = param(1, range=(0, 47), doc="palette role of the petals")
    heart_color: int = param(3, range=(0, 47), doc="palette role of stamens and heart")
    line_color: int = param(0, range=(0, 47), doc="palette role of outlines")


def tones(p: PlumParams, palette: Palette) -> dict[str, tuple[float, float, float]]:
    """Every colour a plum blossom paints: its roles and fixed mixes of them.

    The petal role; the petal role mixed with white by 0.3 (towards the heart); the
    petal role mixed with black by 0.35 (sepals); the heart and line roles.
    """
    petal = palette.role(p.petal_color)
    return {
        "petal": petal,
        "petal_light": mix(petal, WHITE, 0.3),
        "sepal": mix(petal, BLACK, 0.35),
        "heart": palette.role(p.heart_color),
        "line": palette.role(p.line_color),
    }


def _sepal(c: float, a: float, reach: float, width: float) -> skia.Path:
    """A rounded pointed sepal from the centre out to ``reach`` along angle ``a``."""
    path = skia.Path()
    path.moveTo(0.0, 0.0)
    path.cubicTo(0.4 * reach, width, 0.9 * reach, 0.7 * width, reach, 0.0)
    path.cubicTo(0.9 * reach, -0.7 * width, 0.4 * reach, -width, 0.0, 0.0)
    path.close()
    return placed(path, c, c, a)


def _petal(r: float) -> skia.Path:
    """A round petal centred on the origin, its long axis along +x, barely notched."""
    k = 0.5523
    rl, rw = r * 1.05, r * 0.95
    notch = 0.07 * r
    path = skia.Path()
    path.moveTo(rl - notch, 0.0)
    path.cubicTo(rl, 0.2 * rw, rl, k * rw, 0.55 * rl, rw)
    path.cubicTo(0.1 * rl, 1.05 * rw, -rl, k * rw, -rl, 0.0)
    path.cubicTo(-rl, -k * rw, 0.1 * rl, -1.05 * rw, 0.55 * rl, -rw)
    path.cubicTo(rl, -k * rw, rl, -0.2 * rw, rl - notch, 0.0)
    path.close()
    return path


@operator("motifs.plum_blossom", kind="vector", version=1, tags=("plum", "blossom", "梅花", "梅"))
def plum_blossom(p: PlumParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Plum blossom (梅花, *mei*): round overlapping petals around a stamen ring.

    One of the "three friends of winter"; a symbol of perseverance and renewal.
    Each petal is lighter towards the heart (the petal shrunk towards the centre and
    clipped to the petal, so the light tone never crosses an outline); darker sepals
    show between the petals. Tones are listed by :func:`tones`.

    References
    ----------
    Bartholomew 2006, *Hidden Meanings in Chinese Art*, s.v. plum blossom;
    the *Meihua xishen pu* (1238), the Song manual of painting plum blossoms.
    """
    d = Sketch()
    t = tones(p, palette)
    c = 0.5
    base = math.radians(p.rotation - 90.0)
    r_petal = 0.17 * p.petal_size
    dist = 0.2 * p.petal_size
    lw = p.outline
    # Sepals peek out between the petals, drawn first so the petals cover their bases.
    sepals = skia.Path()
    for i in range(p.petals):
        a = base + 2 * math.pi * (i + 0.5) / p.petals + rng.normal(0, 0.05) * p.jitter
        sepals.addPath(_sepal(c, a, dist + 0.8 * r_petal, 0.5 * r_petal))
    d.fill(sepals, t["sepal"])
    if lw > 0:
        d.stroke(sepals, t["line"], lw)
    for i in range(p.petals):
        a = base + 2 * math.pi * i / p.petals + rng.normal(0, 0.08) * p.jitter
        r = r_petal * (1 + rng.normal(0, 0.12) * p.jitter)
        shape = placed(_petal(r), c + dist * math.cos(a), c + dist * math.sin(a), a)
        # The lighter heart of the petal: the petal shrunk towards the flower's centre,
        # clipped to the petal, so it never crosses another petal's outline.
        inner = placed(
            _petal(r), c + 0.55 * dist * math.cos(a), c + 0.55 * dist * math.sin(a), a, 0.6
        )
        d.fill(shape, t["petal"])
        d.fill_clipped(shape, inner, t["petal_light"])
        if lw > 0:
            d.stroke(shape, t["line"], lw)
    stamen_len = 0.13 * p.petal_size
    filaments = skia.Path()
    dots = skia.Path()
    for i in range(p.stamens):
        a = 2 * math.pi * (i + rng.random() * 0.6) / max(p.stamens, 1)
        length = stamen_len * (0.75 + 0.35 * rng.random())
        bend = 0.15 * length * (rng.random() - 0.5)
        ex, ey = c + length * math.cos(a), c + length * math.sin(a)
        mx = c + 0.5 * length * math.cos(a) - bend * math.sin(a)
        my = c + 0.5 * length * math.sin(a) + bend * math.cos(a)
        filaments.moveTo(c, c)
        filaments.quadTo(mx, my, ex, ey)
        dots.addCircle(ex, ey, 0.011 * p.petal_size)
    if p.stamens:
        d.stroke(filaments, t["heart"], 0.005 * p.petal_size)
        d.fill(dots, t["heart"])
        if lw > 0:
            d.stroke(dots, t["line"], 0.35 * lw)
    heart = skia.Path()
    heart.addCircle(c, c, 0.03 * p.petal_size)
    d.fill(heart, t["heart"])
    if lw > 0:
        d.stroke(heart, t["line"], 0.35 * lw)
    return d.finish()
