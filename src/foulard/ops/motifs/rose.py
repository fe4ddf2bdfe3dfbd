"""Rose: cupped petals wound on a spiral round a tight bud (top view), with serrated leaves."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import BLACK, WHITE, Sketch, mix, placed
from foulard.ops.motifs._west import fit, poly_path, serrated_leaflet
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]
_GOLDEN = math.pi * (3.0 - math.sqrt(5.0))


@dataclass(frozen=True)
class RoseParams(Params):
    petals: int = param(24, range=(8, 48), doc="petals wound on the spiral")
    tightness: float = param(
        0.5, range=(0.0, 1.0), doc="0: petals spread by the golden angle, 1: tightly wound"
    )
    openness: float = param(0.6, range=(0.0, 1.0), doc="how far the outer petals open out")
    ruffle: float = param(0.5, range=(0.0, 1.0), doc="waviness of the petal rims")
    leaves: int = param(3, range=(0, 6), doc="serrated leaves behind the flower (0: none)")
    rotation: float = param(0.0, range=(-180.0, 180.0), doc="turn of the flower", unit="degrees")
    jitter: float = param(0.3, range=(0.0, 1.0), doc="hand-drawn irregularity")
    outline: float = param(0.004, range=(0.0, 0.015), doc="outline width", unit="motif units")
    petal_color: int = param(2, range=(0, 47), doc="palette role of the petals")
    leaf_color: int = param(4, range=(0, 47), doc="palette role of the leaves")
    line_color: int = param(1, range=(0, 47), doc="palette role of the outlines")


def tones(p: RoseParams, palette: Palette) -> dict[str, RGB]:
    """Every colour a rose paints: its three roles and fixed mixes of them.

    Petals are the petal role mixed with white by 0.35 on the outside and with black
    by 0.2 at the heart (three steps between), each with a rim of the petal role
    mixed with white by 0.55; leaves are the leaf role and the leaf role mixed with
    black by 0.3 on their shaded half.
    """
    petal = palette.role(p.petal_color)
    leaf = palette.role(p.leaf_color)
    out = {
        f"petal{k}": mix(petal, WHITE, 0.35 - 0.14 * k)
        if k < 3
        else mix(petal, BLACK, 0.1 * (k - 2))
        for k in range(5)
    }
    out |= {
        "rim": mix(petal, WHITE, 0.55),
        "leaf": leaf,
        "leaf_shade": mix(leaf, BLACK, 0.3),
        "line": palette.role(p.line_color),
    }
    return out


def _petal(
    radius: float, angle: float, span: float, inner: float, ruffle: float, rng
) -> np.ndarray:
    """A cupped petal about the centre: a rim of radius ``radius`` over ``span`` radians,
    its ends curling in to ``inner``."""
    th = np.linspace(-0.5 * span, 0.5 * span, 80)
    rim = radius * (1.0 + 0.05 * ruffle * np.sin(th * 9.0 / max(span, 0.3) + rng.uniform(0, 6)))
    # A notch at the middle of the rim (the heart-shaped petal edge).
    rim *= 1.0 - 0.06 * ruffle * np.exp(-((th / (0.08 * span + 1e-6)) ** 2))
    # Round shoulders: the rim falls to the inner radius near both ends.
    end = np.clip((0.5 * span - np.abs(th)) / (0.18 * span + 1e-6), 0.0, 1.0)
    r = inner + (rim - inner) * np.sqrt(1.0 - (1.0 - end) ** 2)
    a = angle + th
    outer = np.stack([r * np.cos(a), r * np.sin(a)], axis=1)
    back = np.linspace(0.5 * span, -0.5 * span, 20) + angle
    inside = np.stack([inner * np.cos(back), inner * np.sin(back)], axis=1)
    return np.vstack([outer, inside])


@operator(
    "motifs.rose",
    kind="vector",
    version=1,
    tags=(
        "rose",
        "cabbage rose",
        "flower",
        "romantic",
        "floral",
        "玫瑰",
        "蔷薇",
        "月季",
        "花",
    ),
)
def rose(p: RoseParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Rose seen from above: cupped petals wound on a spiral round a tight bud, with leaves.

    Petal ``i`` (0 = outermost) sits at angle ``i * step`` on a spiral (``step`` from
    the golden angle to a tight winding, ``tightness``) with a radius that shrinks
    geometrically towards the heart; outer petals are short arcs, inner ones wrap
    further round, as in a cabbage rose. Each petal is a cupped wedge whose rim
    waves (``ruffle``) with a small notch, and whose shoulders curl in; they are
    painted from the outside in, each over the bases of the petals outside it, in
    five tones darkening towards the heart, each with a lighter rim. The heart is a
    tight spiral line. Serrated leaflets, in threes, lie behind the flower.
    Colours: the roles and mixes listed by :func:`tones`.

    References
    ----------
    Prusinkiewicz & Lindenmayer 1990, *The Algorithmic Beauty of Plants*, ch. 4
    (phyllotaxis: organs placed by a constant divergence angle); Vogel 1979, "A
    better way to construct the sunflower head", *Mathematical Biosciences* 44;
    Redouté 1817-1824, *Les Roses* (the cabbage rose, Rosa centifolia).
    """
    d = Sketch()
    t = tones(p, palette)
    lw = p.outline
    jit = p.jitter
    c = np.array([0.5, 0.5])
    big = 0.3
    if p.leaves:
        base = rng.uniform(0, 2 * math.pi)
        for i in range(p.leaves):
            a = base + 2 * math.pi * (i + 0.25 * jit * rng.normal()) / p.leaves
            stalk_start = c + 0.2 * np.array([math.cos(a), math.sin(a)])
            for k, (da, s) in enumerate(((0.0, 1.0), (-0.55, 0.7), (0.55, 0.7))):
                length = 0.2 * s * (1.0 + 0.1 * jit * rng.normal())
                off = 0.0 if k == 0 else 0.08
                x, y = stalk_start + off * np.array([math.cos(a), math.sin(a)])
                poly = serrated_leaflet(length, 0.55 * length, 9, bend=0.05 * rng.normal())
                shape = placed(poly_path(poly, closed=True), float(x), float(y), a + da)
                half = skia.Path()
                half.addRect(0.0, 0.0, 2 * length, length)
                d.fill(shape, t["leaf"])
                d.fill_clipped(shape, placed(half, float(x), float(y), a + da), t["leaf_shade"])
                vein = skia.Path()
                vein.moveTo(0.0, 0.0)
                vein.lineTo(0.9 * length, 0.0)
                d.stroke(
                    placed(vein, float(x), float(y), a + da), t["line"], 0.6 * lw if lw else 0.002
                )
                if lw > 0:
                    d.stroke(shape, t["line"], lw)
    n = p.petals
    step = _GOLDEN + (2.3 - _GOLDEN) * p.tightness  # radians between successive petals
    q = (0.1 / 1.0) ** (1.0 / max(n - 1, 1))
    a0 = rng.uniform(0, 2 * math.pi)
    for i in range(n):
        f = i / max(n - 1, 1)
        radius = big * (0.75 + 0.25 * p.openness) * q**i * (1.0 + 0.04 * jit * rng.normal())
        if i < 3:
            radius = big * (0.9 + 0.1 * p.openness) * (1.0 - 0.04 * i)
        span = (1.5 + 2.6 * f**0.8) * (1.0 + 0.08 * jit * rng.normal())
        inner = radius * (0.3 + 0.3 * f)
        angle = a0 + i * step
        pts = _petal(radius, angle, min(span, 5.2), inner, p.ruffle, rng) + c
        shape = poly_path(pts, closed=True)
        tone = t[f"petal{min(4, int(f * 5))}"]
        if lw > 0:
            d.stroke(shape, t["line"], 2 * lw)
        d.fill(shape, tone)
        rim = skia.Path()
        rim.addCircle(float(c[0]), float(c[1]), radius * 0.86)
        rim.setFillType(skia.PathFillType.kInverseWinding)
        d.fill_clipped(shape, rim, t["rim"])
    # The heart: a tight spiral.
    a = np.linspace(0.0, 2.5 * 2 * math.pi, 120)
    r = big * 0.09 * (1.0 - a / a[-1]) + 0.004
    swirl = np.stack([c[0] + r * np.cos(a + a0), c[1] + r * np.sin(a + a0)], axis=1)
    d.stroke(poly_path(swirl, closed=False), t["line"], max(lw, 0.003))
    if p.rotation:
        m = skia.Matrix()
        m.setRotate(p.rotation, 0.5, 0.5)
        d.transform(m)
    fit(d, 0.03)
    return d.finish()
