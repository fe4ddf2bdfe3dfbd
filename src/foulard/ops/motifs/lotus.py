"""Lotus (莲): pointed petals in layers, seen from above or from the side."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import BLACK, WHITE, Sketch, mix, placed, smooth_path
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class LotusParams(Params):
    view: str = param("side", choices=("side", "top"), doc="seen from the side, or from above")
    petals: int = param(8, range=(5, 12), doc="petals in the outer ring (top view) or fan (side)")
    layers: int = param(3, range=(1, 4), doc="layers of petals")
    openness: float = param(0.6, range=(0.0, 1.0), doc="how wide the petals open")
    leaves: int = param(2, range=(0, 3), doc="lotus leaves (0: none)")
    rotation: float = param(0.0, range=(-180.0, 180.0), doc="turn of the flower", unit="degrees")
    jitter: float = param(0.3, range=(0.0, 1.0), doc="hand-drawn irregularity")
    outline: float = param(0.005, range=(0.0, 0.03), doc="outline width", unit="motif units")
    petal_color: int = param(2, range=(0, 47), doc="palette role of the petals")
    pod_color: int = param(3, range=(0, 47), doc="palette role of the seed pod and stamens")
    leaf_color: int = param(4, range=(0, 47), doc="palette role of leaves and stem")
    line_color: int = param(0, range=(0, 47), doc="palette role of outlines")


def tones(p: LotusParams, palette: Palette) -> dict[str, RGB]:
    """Every colour a lotus paints: palette roles and fixed mixes of them.

    Petal bodies are the petal role mixed with white by 0.55 (front) and 0.3 (back),
    petal rims the petal role itself, veins the petal role mixed with white by 0.15;
    the pod is the pod role with holes mixed with black by 0.35; leaves are the leaf
    role and the leaf role mixed with black by 0.3 (undersides, veins).
    """
    petal = palette.role(p.petal_color)
    pod = palette.role(p.pod_color)
    leaf = palette.role(p.leaf_color)
    return {
        "front": mix(petal, WHITE, 0.55),
        "back": mix(petal, WHITE, 0.3),
        "rim": petal,
        "vein": mix(petal, WHITE, 0.15),
        "pod": pod,
        "pod_hole": mix(pod, BLACK, 0.35),
        "leaf": leaf,
        "leaf_shade": mix(leaf, BLACK, 0.3),
        "line": palette.role(p.line_color),
    }


def _petal(length: float, width: float, bend: float = 0.0) -> skia.Path:
    """A boat-shaped lotus petal along +x from its base, with a pointed, bent tip."""
    tip_y = bend * length
    path = skia.Path()
    path.moveTo(0.0, 0.1 * width)
    path.cubicTo(0.3 * length, 1.25 * width, 0.8 * length, 0.75 * width + tip_y, length, tip_y)
    path.cubicTo(
        0.8 * length, -0.75 * width + tip_y, 0.3 * length, -1.25 * width, 0.0, -0.1 * width
    )
    path.close()
    return path


def _veins(length: float, width: float, bend: float, count: int) -> skia.Path:
    path = skia.Path()
    for i in range(count):
        s = (i + 0.5) / count * 2.0 - 1.0
        path.moveTo(0.06 * length, 0.05 * width * s)
        path.cubicTo(
            0.35 * length,
            0.8 * width * s,
            0.7 * length,
            0.45 * width * s + 0.5 * bend * length,
            0.86 * length,
            0.12 * width * s + 0.8 * bend * length,
        )
    return path


def _draw_petal(d: Sketch, shape_args, x, y, angle, body: RGB, t: dict, lw: float) -> None:
    """Body, a coloured rim towards the tip, veins and outline."""
    length, width, bend = shape_args
    shape = placed(_petal(length, width, bend), x, y, angle)
    core = placed(_petal(0.84 * length, 0.9 * width, 0.84 * bend), x, y, angle)
    d.fill(shape, t["rim"])
    d.fill_clipped(shape, core, body)
    d.stroke(placed(_veins(length, width, bend, 4), x, y, angle), t["vein"], 0.5 * max(lw, 0.003))
    if lw > 0:
        d.stroke(shape, t["line"], lw)


def _pod_top(d: Sketch, x: float, y: float, r: float, t: dict, lw: float, rng) -> None:
    """The seed pod seen from above: a disc with seed holes in rings."""
    disc = skia.Path()
    disc.addCircle(x, y, r)
    d.fill(disc, t["pod"])
    holes = skia.Path()
    holes.addCircle(x, y, 0.13 * r)
    for ring, n in ((0.45, 6), (0.75, 11)):
        phase = rng.uniform(0, 2 * math.pi)
        for i in range(n):
            a = phase + 2 * math.pi * i / n
            holes.addCircle(x + ring * r * math.cos(a), y + ring * r * math.sin(a), 0.1 * r)
    d.fill(holes, t["pod_hole"])
    if lw > 0:
        d.stroke(disc, t["line"], lw)


def _stamens(d: Sketch, x, y, r_in, r_out, count, t: dict, lw: float, rng) -> None:
    lines = skia.Path()
    dots = skia.Path()
    for i in range(count):
        a = 2 * math.pi * (i + 0.5 * rng.random()) / count
        r = r_out * (0.85 + 0.15 * rng.random())
        lines.moveTo(x + r_in * math.cos(a), y + r_in * math.sin(a))
        lines.lineTo(x + r * math.cos(a), y + r * math.sin(a))
        dots.addOval(
            skia.Rect.MakeXYWH(
                x + r * math.cos(a) - 0.006, y + r * math.sin(a) - 0.006, 0.012, 0.012
            )
        )
    d.stroke(lines, t["pod"], 0.004)
    d.fill(dots, t["pod"])


def _pad(r: float, rng) -> tuple[skia.Path, skia.Path]:
    """A lotus pad around the origin: a wavy disc with a notch at angle 0, and veins."""
    n = 48
    notch = 0.16
    phase = rng.uniform(0, 2 * math.pi)
    pts = []
    for i in range(n + 1):
        a = notch + (2 * math.pi - 2 * notch) * i / n
        rr = r * (1.0 + 0.03 * math.sin(11 * a + phase))
        pts.append((rr * math.cos(a), rr * math.sin(a)))
    pad = smooth_path(pts, closed=False)
    pad.lineTo(0.0, 0.0)
    pad.close()
    veins = skia.Path()
    k = 13
    for i in range(k):
        a = notch + (2 * math.pi - 2 * notch) * (i + 0.5) / k
        veins.moveTo(0.06 * r * math.cos(a), 0.06 * r * math.sin(a))
        veins.quadTo(
            0.5 * r * math.cos(a + 0.04),
            0.5 * r * math.sin(a + 0.04),
            0.93 * r * math.cos(a),
            0.93 * r * math.sin(a),
        )
    return pad, veins


def _draw_pad(d: Sketch, m: skia.Matrix, r: float, t: dict, lw: float, rng) -> None:
    """A pad placed by ``m``: leaf tone, a darker half, veins and outline."""
    pad, veins = _pad(r, rng)
    half = skia.Path()
    half.addRect(-1.2 * r, 0.0, 1.2 * r, 1.2 * r)
    for path in (pad, veins, half):
        path.transform(m)
    d.fill(pad, t["leaf"])
    d.fill_clipped(pad, half, t["leaf_shade"])
    if lw > 0:
        d.stroke(veins, t["line"], 0.5 * lw)
        d.stroke(pad, t["line"], lw)


def _top(d: Sketch, p: LotusParams, rng, t: dict) -> None:
    c = 0.5
    base = math.radians(p.rotation - 90.0)
    lw = p.outline
    radius = 0.36 if p.leaves else 0.46
    for i in range(p.leaves):
        a = base + math.pi * (0.75 + 2.0 * i / max(p.leaves, 1)) + rng.normal(0, 0.2 * p.jitter)
        lr = 0.2 + 0.04 * rng.random()
        reach = 0.5 - lr - 0.01
        m = skia.Matrix()
        m.setRotate(math.degrees(a + math.pi))
        m.postTranslate(c + reach * math.cos(a), c + reach * math.sin(a))
        _draw_pad(d, m, lr, t, lw, rng)
    step = 2 * math.pi / p.petals
    for k in range(p.layers):
        f = k / p.layers
        length = radius * (1.0 - 0.28 * f * (1.3 - p.openness))
        width = length * math.sin(step / 2) * 1.05
        body = t["back"] if k < p.layers - 1 else t["front"]
        phase = base + (0.5 * step if k % 2 else 0.0)
        for i in range(p.petals):
            a = phase + step * i + rng.normal(0, 0.06 * p.jitter)
            s = 1.0 + 0.06 * p.jitter * rng.normal()
            _draw_petal(d, (length * s, width, 0.0), c, c, a, body, t, lw)
    pod_r = 0.075 * radius / 0.36
    _stamens(d, c, c, 0.8 * pod_r, 1.55 * pod_r, 36, t, lw, rng)
    _pod_top(d, c, c, pod_r, t, lw, rng)


def _side(d: Sketch, p: LotusParams, rng, t: dict) -> None:
    """A lotus from the side: a fan of petals over the seed pod, a stem and leaves."""
    lw = p.outline
    bx, by = 0.5, 0.56 if p.leaves else 0.74
    size = 0.38 if p.leaves else 0.46
    # Stem and leaves behind the flower.
    stem = skia.Path()
    stem.moveTo(bx, by)
    stem.cubicTo(bx + 0.01, by + 0.12, bx - 0.04, by + 0.25, bx - 0.02, 0.97)
    if p.leaves:
        d.stroke(stem, t["leaf_shade"], 0.018)
    for i in range(p.leaves):
        side = -1.0 if i % 2 == 0 else 1.0
        lx = bx + side * (0.27 - 0.02 * i)
        ly = 0.8 - 0.06 * i
        _leaf_side(d, lx, ly, 0.21 - 0.04 * i, side, t, lw, rng, bx)
    spread = math.radians(40.0 + 50.0 * p.openness)
    layers = p.layers
    # Inner, upright petals first; each layer further out is wider open and nearer.
    for k in range(layers):
        frac = (k + 1) / layers
        count = max(3, (p.petals // 2 + 1 - 2 * (layers - 1 - k)) | 1)
        span = spread * (0.3 + 0.7 * frac)
        length = size * (1.0 - 0.12 * k)
        body = t["front"] if k == layers - 1 else t["back"]
        order = sorted(range(count), key=lambda j: abs(j - (count - 1) / 2), reverse=True)
        for j in order:
            s = (j - (count - 1) / 2) / max((count - 1) / 2, 1)
            a = -math.pi / 2 + s * span + rng.normal(0, 0.04 * p.jitter)
            bend = -s * (0.08 + 0.16 * frac) * (0.5 + p.openness)
            ln = length * (1.0 - 0.2 * abs(s)) * (1 + 0.05 * p.jitter * rng.normal())
            x = bx + s * 0.06 * size * frac
            _draw_petal(d, (ln, 0.27 * ln, bend), x, by, a, body, t, lw)
    # The receptacle below the petals.
    cup = skia.Path()
    cup.addOval(
        skia.Rect.MakeLTRB(bx - 0.05 * size / 0.3, by - 0.02, bx + 0.05 * size / 0.3, by + 0.03)
    )
    d.fill(cup, t["leaf"])
    if lw > 0:
        d.stroke(cup, t["line"], lw)
    if p.rotation:
        d.transform(skia.Matrix.RotateDeg(p.rotation, skia.Point(0.5, 0.5)))


def _leaf_side(d: Sketch, x, y, r, side, t: dict, lw: float, rng, stem_x: float) -> None:
    """A lotus pad seen at a slant: the round pad squashed, on its own stalk."""
    stalk = skia.Path()
    stalk.moveTo(x, y)
    stalk.cubicTo(x, y + 0.1, stem_x + 0.4 * (x - stem_x), 0.9, stem_x, 0.97)
    d.stroke(stalk, t["leaf_shade"], 0.012)
    m = skia.Matrix()
    m.setRotate(90.0 - 40.0 * side)  # the notch points up and away from the flower
    m.postScale(1.0, 0.42)
    m.postRotate(-12.0 * side)
    m.postTranslate(x, y)
    _draw_pad(d, m, r, t, lw, rng)


@operator(
    "motifs.lotus",
    kind="vector",
    version=1,
    tags=("lotus", "water lily", "purity", "莲", "荷花", "莲花"),
)
def lotus(p: LotusParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Lotus (莲): boat-shaped pointed petals in layers, seed pod, pads and stem.

    ``view="top"``: rings of pointed petals around a stamen fringe and the seed pod
    with its holes, over round pads with radial veins. ``view="side"``: the classic
    fan of petals rising from the receptacle, inner ones upright, outer ones open
    with tips curling up, on a stem between pads seen at a slant. Each petal has a pale body, a
    coloured rim towards the tip and fine veins (tones listed by :func:`tones`).

    References
    ----------
    Owen Jones 1856, *The Grammar of Ornament* (Egyptian, Indian and Chinese lotus);
    Bartholomew 2006, *Hidden Meanings in Chinese Art*, s.v. lotus (清廉, purity).
    """
    d = Sketch()
    t = tones(p, palette)
    if p.view == "top":
        _top(d, p, rng, t)
    else:
        _side(d, p, rng, t)
    return d.finish()
