"""Mandala: concentric rings of petals, beads and scallops, each ring with its own count."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import WHITE, Sketch, mix
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]
ELEMENTS = ("petal", "round", "lotus", "bead", "teardrop", "sawtooth", "arch")


@dataclass(frozen=True)
class MandalaParams(Params):
    rings: int = param(6, range=(2, 9), doc="rings of elements from the centre out")
    order: int = param(
        12, range=(4, 24), doc="base symmetry: elements in a ring are 1 or 2 times it"
    )
    elements: str = param(
        "mixed",
        choices=("mixed", "floral", "geometric"),
        doc="element vocabulary: all, petals only, or beads, sawtooth and arches",
    )
    colors: int = param(4, range=(1, 5), doc="palette roles used, from first_color on")
    first_color: int = param(1, range=(0, 47), doc="palette role of the first ring colour")
    line_color: int = param(1, range=(0, 47), doc="palette role of the outlines")
    outline: float = param(0.003, range=(0.0, 0.012), doc="outline width", unit="motif units")


def tones(p: MandalaParams, palette: Palette) -> dict[str, RGB]:
    """Every colour a mandala paints: ``colors`` roles from ``first_color``, their tints, the line.

    Each ring colour ``c{i}`` (role ``first_color + i``) comes with ``c{i}_light``, the
    role mixed with white by 0.55, for the inner detail of its elements.
    """
    out = {"line": palette.role(p.line_color)}
    for i in range(p.colors):
        c = palette.role(p.first_color + i)
        out[f"c{i}"] = c
        out[f"c{i}_light"] = mix(c, WHITE, 0.55)
    return out


def _petal(r0: float, r1: float, half: float, tip: float) -> skia.Path:
    """A petal along +x from radius ``r0`` to ``r1``, ``half`` its half width at the
    widest; ``tip`` 0 rounds the end, 1 makes it pointed."""
    path = skia.Path()
    length = r1 - r0
    path.moveTo(r0, 0.0)
    path.cubicTo(
        r0 + 0.2 * length,
        half * 1.3,
        r1 - 0.35 * length * (1 - 0.5 * tip),
        half * (1.0 - tip) * 1.1 + 0.35 * half * tip,
        r1,
        0.0,
    )
    path.cubicTo(
        r1 - 0.35 * length * (1 - 0.5 * tip),
        -half * (1.0 - tip) * 1.1 - 0.35 * half * tip,
        r0 + 0.2 * length,
        -half * 1.3,
        r0,
        0.0,
    )
    path.close()
    return path


def _element(kind: str, r0: float, r1: float, half: float) -> tuple[skia.Path, skia.Path | None]:
    """One element pointing along +x: its shape and its inner detail (or None)."""
    length = r1 - r0
    if kind == "petal":
        return _petal(r0, r1, half, 1.0), _petal(
            r0 + 0.25 * length, r1 - 0.2 * length, 0.45 * half, 1.0
        )
    if kind == "round":
        return _petal(r0, r1, half, 0.0), _petal(
            r0 + 0.3 * length, r1 - 0.18 * length, 0.4 * half, 0.0
        )
    if kind == "lotus":
        outer = _petal(r0, r1, half, 1.0)
        for side in (-1.0, 1.0):
            m = skia.Matrix()
            m.setRotate(math.degrees(side * 0.9 * half / max(r0 + 0.5 * length, 1e-6)), 0.0, 0.0)
            leaf = _petal(r0, r0 + 0.7 * length, 0.6 * half, 1.0)
            leaf.transform(m)
            outer.addPath(leaf)
        return outer, _petal(r0 + 0.35 * length, r1 - 0.25 * length, 0.35 * half, 1.0)
    if kind == "bead":
        rad = min(0.5 * length, half) * 0.85
        path = skia.Path()
        path.addCircle(r0 + 0.5 * length, 0.0, rad)
        dot = skia.Path()
        dot.addCircle(r0 + 0.5 * length, 0.0, 0.4 * rad)
        return path, dot
    if kind == "teardrop":
        path = skia.Path()
        rad = min(0.35 * length, 0.9 * half)
        cx = r0 + rad
        path.moveTo(r1, 0.0)
        path.cubicTo(cx + 1.2 * rad, 0.6 * rad, cx + 0.6 * rad, 1.05 * rad, cx, rad)
        path.cubicTo(cx - 1.33 * rad, rad, cx - 1.33 * rad, -rad, cx, -rad)
        path.cubicTo(cx + 0.6 * rad, -1.05 * rad, cx + 1.2 * rad, -0.6 * rad, r1, 0.0)
        path.close()
        dot = skia.Path()
        dot.addCircle(cx, 0.0, 0.45 * rad)
        return path, dot
    if kind == "sawtooth":
        path = skia.Path()
        path.moveTo(r0, -half)
        path.lineTo(r1, 0.0)
        path.lineTo(r0, half)
        path.close()
        inner = skia.Path()
        inner.moveTo(r0 + 0.2 * length, -0.45 * half)
        inner.lineTo(r1 - 0.3 * length, 0.0)
        inner.lineTo(r0 + 0.2 * length, 0.45 * half)
        inner.close()
        return path, inner
    # arch: a round-headed arch standing on the ring's inner circle
    path = skia.Path()
    h = 0.95 * half
    path.moveTo(r0, -h)
    path.lineTo(r1 - h, -h)
    path.arcTo(skia.Rect.MakeLTRB(r1 - 2 * h, -h, r1, h), -90.0, 180.0, False)
    path.lineTo(r0, h)
    path.close()
    inner = skia.Path()
    g = 0.5 * h
    inner.moveTo(r0, -g)
    inner.lineTo(r1 - h, -g)
    inner.arcTo(skia.Rect.MakeLTRB(r1 - h - g, -g, r1 - h + g, g), -90.0, 180.0, False)
    inner.lineTo(r0, g)
    inner.close()
    return path, inner


def _ring_of(path: skia.Path, count: int, phase: float) -> skia.Path:
    out = skia.Path()
    for i in range(count):
        m = skia.Matrix()
        m.setRotate(math.degrees(phase + 2.0 * math.pi * i / count), 0.0, 0.0)
        m.postTranslate(0.5, 0.5)
        copy = skia.Path(path)
        copy.transform(m)
        out.addPath(copy)
    return out


@operator(
    "ornament.mandala",
    kind="vector",
    version=1,
    tags=(
        "mandala",
        "medallion",
        "rosette",
        "suzani",
        "radial",
        "boho",
        "曼陀罗",
        "团花",
        "宝相花",
        "圆形纹样",
    ),
)
def mandala(p: MandalaParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Mandala: layered rings of petals, beads, scallops and teeth round a rosette.

    The disc is cut into ``rings`` rings whose widths shrink towards the centre. Each
    ring draws one element from the vocabulary (pointed, round and lotus petals,
    beads, teardrops, sawtooth, arches; ``elements`` narrows it) with ``order`` or
    ``2 * order`` copies, turned half a step from the ring outside it so the elements
    interleave, in one of ``colors`` palette roles, with an inner detail in a tint
    of that role. Rings are painted from the outside in, each over the bases of the
    one outside it, and a fine circle with beads separates them. The generator picks
    the element, count and colour of every ring; the figure has ``order``-fold
    rotational symmetry. Colours: the roles and tints listed by :func:`tones`.

    References
    ----------
    Weyl 1952, *Symmetry* (rosette groups); Owen Jones 1856, *The Grammar of
    Ornament* (Persian and Indian rosettes); suzani medallions of Central Asia;
    Tibetan mandala conventions (concentric lotus rings).
    """
    d = Sketch()
    t = tones(p, palette)
    lw = p.outline
    n = p.order
    if p.elements == "floral":
        vocab = ("petal", "round", "lotus", "teardrop")
    elif p.elements == "geometric":
        vocab = ("bead", "sawtooth", "arch", "teardrop")
    else:
        vocab = ELEMENTS
    # Ring boundaries: widths grow outwards (a slightly convex profile).
    k = np.arange(p.rings + 1) / p.rings
    edges = 0.07 + 0.4 * k**1.15
    colour_order = rng.permutation(p.colors)
    prev_phase = 0.0
    prev_kind = ""
    for i in range(p.rings - 1, -1, -1):
        r0, r1 = float(edges[i]), float(edges[i + 1])
        choices = [v for v in vocab if v != prev_kind] or list(vocab)
        kind = str(rng.choice(choices))
        mult = 2 if (i >= p.rings // 2 and rng.random() < 0.6) else 1
        count = n * mult
        phase = prev_phase + math.pi / count
        ci = int(colour_order[i % p.colors])
        colour = t[f"c{ci}"]
        light = t[f"c{ci}_light"]
        half = math.pi * (r0 + 0.5 * (r1 - r0)) / count * (1.05 if kind != "bead" else 0.9)
        reach = r1 + (
            0.35 * (r1 - r0) if kind in ("petal", "lotus", "round") and i < p.rings - 1 else 0.0
        )
        shape, detail = _element(kind, r0, reach, half)
        ring_shape = _ring_of(shape, count, phase)
        d.fill(ring_shape, colour)
        if detail is not None:
            d.fill(_ring_of(detail, count, phase), light)
        if lw > 0:
            d.stroke(ring_shape, t["line"], lw)
        # The separating circle with beads, just inside the ring.
        sep = skia.Path()
        sep.addCircle(0.5, 0.5, r0)
        d.stroke(sep, t["line"], max(lw, 0.0015) * 1.5)
        if i > 0 and r0 > 0.1:
            beads = skia.Path()
            m = 2 * count if r0 > 0.2 else count
            for j in range(m):
                a = phase + 2 * math.pi * (j + 0.5) / m
                beads.addCircle(0.5 + r0 * math.cos(a), 0.5 + r0 * math.sin(a), 0.006)
            d.fill(beads, t[f"c{int(colour_order[(i + 1) % p.colors])}"])
        prev_phase, prev_kind = phase, kind
    # The centre: a small rosette.
    core = skia.Path()
    core.addCircle(0.5, 0.5, float(edges[0]))
    c0 = int(colour_order[0])
    d.fill(core, t[f"c{c0}_light"])
    inner, _ = _element("round", 0.0, float(edges[0]) * 0.95, float(edges[0]) * 0.35)
    rose = _ring_of(inner, max(6, n // 2), 0.0)
    d.fill(rose, t[f"c{c0}"])
    dot = skia.Path()
    dot.addCircle(0.5, 0.5, 0.22 * float(edges[0]))
    d.fill(dot, t["line"])
    if lw > 0:
        d.stroke(core, t["line"], lw)
    return d.finish()
