"""Peony (牡丹): rings of ruffled petals around a stamen crown, with lobed leaves."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import BLACK, WHITE, Sketch, mix, placed, smooth_path, union
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class PeonyParams(Params):
    rings: int = param(4, range=(2, 6), doc="rings of petals, outer to inner")
    petals: int = param(7, range=(5, 11), doc="petals in each ring")
    ruffle: float = param(0.7, range=(0.0, 1.0), doc="depth of the scalloped petal edges")
    openness: float = param(0.6, range=(0.0, 1.0), doc="how far the inner rings spread out")
    leaves: int = param(4, range=(0, 6), doc="lobed leaves behind the flower (0: none)")
    rotation: float = param(0.0, range=(-180.0, 180.0), doc="turn of the flower", unit="degrees")
    jitter: float = param(0.35, range=(0.0, 1.0), doc="hand-drawn irregularity")
    outline: float = param(0.006, range=(0.0, 0.03), doc="outline width", unit="motif units")
    petal_color: int = param(2, range=(0, 47), doc="palette role of the petals")
    heart_color: int = param(3, range=(0, 47), doc="palette role of the stamens")
    leaf_color: int = param(4, range=(0, 47), doc="palette role of the leaves")
    line_color: int = param(0, range=(0, 47), doc="palette role of outlines and veins")


def tones(p: PeonyParams, palette: Palette) -> dict[str, RGB]:
    """Every colour a peony paints: palette roles and fixed mixes of them.

    Ring ``k`` of ``n`` (0 = outer) is the petal role mixed with white by
    ``0.42 * (1 - k / (n - 1))``; petal bases are the next ring's tone, the innermost
    base ``petal * 0.78`` (mixed with black by 0.22). Leaves are the leaf role and
    the leaf role mixed with black by 0.3; stamens the heart role and the heart role
    mixed with black by 0.3.
    """
    petal = palette.role(p.petal_color)
    out = {f"ring{k}": mix(petal, WHITE, _ring_light(k, p.rings)) for k in range(p.rings)}
    out["deep"] = mix(petal, BLACK, 0.22)
    leaf = palette.role(p.leaf_color)
    heart = palette.role(p.heart_color)
    out |= {
        "leaf": leaf,
        "leaf_shade": mix(leaf, BLACK, 0.3),
        "heart": heart,
        "heart_shade": mix(heart, BLACK, 0.3),
        "line": palette.role(p.line_color),
    }
    return out


def _ring_light(k: int, rings: int) -> float:
    return 0.42 * (1.0 - k / (rings - 1))


def _petal(length: float, width: float, lobes: int, ruffle: float, rng, jitter: float) -> skia.Path:
    """A petal along +x from its base at the origin: narrow claw, scalloped round tip."""
    b = 0.16 * width
    shoulder = 0.58 * length
    rx, ry = length - shoulder, width
    # Lobe boundaries on the half ellipse of the tip, from the +y side round to -y.
    cuts = np.linspace(0.5 * math.pi, -0.5 * math.pi, lobes + 1)
    inner = cuts[1:-1] + rng.normal(0.0, 0.12 * jitter * math.pi / lobes, lobes - 1)
    cuts = np.concatenate([[cuts[0]], np.sort(inner)[::-1], [cuts[-1]]])
    pts = [(shoulder + rx * math.cos(a), ry * math.sin(a)) for a in cuts]
    # Notches: boundary points pulled towards the petal's middle.
    notch = 0.09 * length * ruffle
    for i in range(1, lobes):
        x, y = pts[i]
        dx, dy = x - 0.3 * length, y
        n = math.hypot(dx, dy)
        depth = notch * (0.6 + 0.8 * rng.random())
        pts[i] = (x - depth * dx / n, y - depth * dy / n)
    path = skia.Path()
    path.moveTo(0.0, b)
    x0, y0 = pts[0]
    path.cubicTo(0.22 * length, b + 0.05 * width, shoulder - 0.25 * length, y0 * 1.02, x0, y0)
    for i in range(lobes):
        (sx, sy), (ex, ey) = pts[i], pts[i + 1]
        cx, cy = ex - sx, ey - sy
        chord = math.hypot(cx, cy)
        nx, ny = -cy / chord, cx / chord  # outward normal of the chord
        h = chord * (0.15 + 0.25 * ruffle) * (1.0 + 1.2 * jitter * (rng.random() - 0.5))
        k = 4.0 / 3.0 * h
        path.cubicTo(sx + k * nx, sy + k * ny, ex + k * nx, ey + k * ny, ex, ey)
    y1 = pts[-1][1]
    path.cubicTo(shoulder - 0.25 * length, y1 * 1.02, 0.22 * length, -b - 0.05 * width, 0.0, -b)
    path.close()
    return path


def _veins(length: float, width: float, count: int) -> skia.Path:
    path = skia.Path()
    for i in range(count):
        t = (i + 0.5) / count * 2.0 - 1.0
        path.moveTo(0.12 * length, 0.05 * width * t)
        path.quadTo(0.45 * length, 0.45 * width * t, 0.72 * length, 0.62 * width * t)
    return path


def _blade(length: float, width: float, bend: float) -> skia.Path:
    """A pointed blade along +x from the origin, its tip bent sideways by ``bend``."""
    path = skia.Path()
    tip = (length, bend * length)
    path.moveTo(0.0, 0.0)
    path.cubicTo(0.2 * length, 0.95 * width, 0.62 * length, 1.0 * width + 0.6 * bend * length, *tip)
    path.cubicTo(
        0.62 * length, -1.0 * width + 0.6 * bend * length, 0.2 * length, -0.8 * width, 0.0, 0.0
    )
    path.close()
    return path


def _leaflet(length: float, side: float, bend: float) -> skia.Path:
    """A peony leaflet: a pointed blade with two smaller pointed lobes cut from its sides."""
    parts = [_blade(length, 0.27 * length, bend)]
    for sgn in (-1.0, 1.0):
        a = sgn * math.radians(34.0)
        lobe = _blade(side * length, 0.24 * side * length, -0.15 * sgn)
        parts.append(placed(lobe, 0.32 * length, 0.04 * sgn * length, a))
    return union(parts)


def _leaf(d: Sketch, x, y, angle, size, rng, jitter, t: dict, outline: float) -> None:
    """A peony leaf: three lobed leaflets, each in two tones split along the midrib."""
    spread = math.radians(42.0)
    for j, (da, s) in enumerate(((-spread, 0.66), (spread, 0.66), (0.0, 1.0))):
        a = angle + da + rng.normal(0.0, 0.08 * jitter)
        length = size * s * (1.0 + 0.1 * jitter * rng.normal())
        # Side leaflets grow from partway up the stalk.
        off = 0.0 if j == 2 else 0.12 * size
        bx, by = x + off * math.cos(angle), y + off * math.sin(angle)
        bend = (0.06 if j == 0 else -0.06 if j == 1 else 0.0) + 0.05 * jitter * rng.normal()
        side = 0.45 + 0.15 * rng.random()
        shape = placed(_leaflet(length, side, bend), bx, by, a)
        half = skia.Path()
        half.moveTo(0.0, 0.0)
        half.quadTo(0.6 * length, 0.3 * bend * length, length * 1.05, bend * length)
        half.lineTo(length * 1.05, 0.6 * length)
        half.lineTo(0.0, 0.6 * length)
        half.close()
        d.fill(shape, t["leaf"])
        d.fill_clipped(shape, placed(half, bx, by, a), t["leaf_shade"])
        if outline > 0:
            rib = skia.Path()
            rib.moveTo(0.0, 0.0)
            rib.quadTo(0.6 * length, 0.3 * bend * length, 0.92 * length, 0.9 * bend * length)
            d.stroke(shape, t["line"], outline)
            d.stroke(placed(rib, bx, by, a), t["line"], 0.5 * outline)


@operator(
    "motifs.peony",
    kind="vector",
    version=1,
    tags=("peony", "flower", "wealth", "honour", "牡丹", "富贵", "花"),
)
def peony(p: PeonyParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Peony (牡丹), the queen of flowers: rings of ruffled petals, stamens, leaves.

    Seen from above: each ring of petals is a lighter tone of the petal role towards
    the outside, each petal has a darker base (the next ring's tone) and reserve-line
    veins, the scalloped tips come from Bézier lobes with notches between them. The
    tone mixes are listed by :func:`tones`. Leaves are three pointed leaflets, each
    split along the midrib into a light and a dark half, as in embroidery.

    References
    ----------
    Bartholomew 2006, *Hidden Meanings in Chinese Art*, s.v. peony (富贵);
    Prusinkiewicz & Lindenmayer 1990, *The Algorithmic Beauty of Plants*, ch. 4
    (whorls of organs); Song and Jin dynasty carved peony scrolls (Cizhou ware).
    """
    d = Sketch()
    t = tones(p, palette)
    c = 0.5
    base = math.radians(p.rotation - 90.0)
    radius = 0.3 if p.leaves else 0.45
    jit = p.jitter
    lw = p.outline

    if p.leaves:
        offset = rng.uniform(0.0, 2.0 * math.pi / p.leaves)
        for i in range(p.leaves):
            a = base + offset + 2.0 * math.pi * (i + 0.3 * jit * rng.uniform(-1, 1)) / p.leaves
            r0 = 0.55 * radius
            _leaf(
                d, c + r0 * math.cos(a), c + r0 * math.sin(a), a, 0.5 - r0 - 0.02, rng, jit, t, lw
            )

    step = 2.0 * math.pi / p.petals
    for k in range(p.rings):
        f = k / p.rings
        ring_r = radius * (1.0 - f * (0.95 - 0.45 * p.openness))
        length = ring_r * (1.0 - 0.04 * k)
        width = ring_r * math.sin(step / 2) * (1.25 + 0.1 * k)
        tone = t[f"ring{k}"]
        under = t[f"ring{k + 1}"] if k + 1 < p.rings else t["deep"]
        phase = base + (0.5 * step if k % 2 else 0.0) + rng.normal(0.0, 0.1 * jit)
        for i in range(p.petals):
            a = phase + step * i + rng.normal(0.0, 0.07 * jit)
            lobes = int(rng.integers(4, 8)) if k < p.rings - 1 else int(rng.integers(2, 4))
            lscale = length * (1.0 + 0.08 * jit * rng.normal())
            shape = _petal(lscale, width, lobes, p.ruffle, rng, jit)
            start = 0.04 * radius
            shape = placed(shape, c + start * math.cos(a), c + start * math.sin(a), a)
            base_shape = placed(
                _petal(0.55 * lscale, 0.62 * width, 2, 0.3 * p.ruffle, rng, jit),
                c + start * math.cos(a),
                c + start * math.sin(a),
                a,
            )
            d.fill(shape, tone)
            d.fill_clipped(shape, base_shape, under)
            if lw > 0:
                veins = placed(_veins(lscale, width, 3 if k < p.rings - 1 else 2), c, c, a)
                d.stroke(veins, t["line"], 0.45 * lw)
                d.stroke(shape, t["line"], lw)

    # The stamen crown: a ring of anthers around a few small carpels.
    crown = 0.13 * radius * (1.0 + 0.5 * p.openness)
    dots = []
    for i in range(26):
        a = 2.0 * math.pi * (i + 0.4 * rng.random()) / 26
        r = crown * (0.55 + 0.45 * math.sqrt(rng.random()))
        dots.append((c + r * math.cos(a), c + r * math.sin(a)))
    anthers = skia.Path()
    for x, y in dots:
        anthers.addCircle(x, y, 0.16 * crown)
    heart = smooth_path(
        [
            (c + 0.5 * crown * math.cos(a), c + 0.5 * crown * math.sin(a))
            for a in np.linspace(0, 2 * math.pi, 7)[:-1] + base
        ],
        closed=True,
    )
    d.fill(heart, t["heart_shade"])
    d.fill(anthers, t["heart"])
    if lw > 0:
        d.stroke(anthers, t["line"], 0.5 * lw)
        d.stroke(heart, t["line"], 0.5 * lw)
    return d.finish()
