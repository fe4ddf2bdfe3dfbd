"""Chrysanthemum (菊): many narrow ray petals in golden-angle phyllotaxis, in layers."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import BLACK, WHITE, Sketch, mix, smooth_path
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]
GOLDEN_ANGLE = math.pi * (3.0 - math.sqrt(5.0))


@dataclass(frozen=True)
class ChrysanthemumParams(Params):
    petals: int = param(220, range=(24, 400), doc="ray petals in all")
    layers: int = param(4, range=(1, 6), doc="tone layers, outer to inner")
    curl: float = param(0.35, range=(-1.0, 1.0), doc="sideways sweep of the petal tips")
    slenderness: float = param(0.5, range=(0.0, 1.0), doc="0: broad spoon petals, 1: needles")
    center: float = param(0.06, range=(0.0, 0.3), doc="radius of the floret button / flower")
    rotation: float = param(0.0, range=(-180.0, 180.0), doc="turn of the flower", unit="degrees")
    jitter: float = param(0.4, range=(0.0, 1.0), doc="hand-drawn irregularity")
    outline: float = param(0.0035, range=(0.0, 0.02), doc="outline width", unit="motif units")
    petal_color: int = param(3, range=(0, 47), doc="palette role of the petals")
    heart_color: int = param(3, range=(0, 47), doc="palette role of the floret button")
    line_color: int = param(0, range=(0, 47), doc="palette role of outlines")


def tones(p: ChrysanthemumParams, palette: Palette) -> dict[str, RGB]:
    """Every colour a chrysanthemum paints: palette roles and fixed mixes of them.

    Layer ``k`` of ``n`` (0 = outer) is the petal role mixed with black by 0.15 (the
    outer rays, in shadow) through to the petal role mixed with white by 0.35 (the
    lit centre), in even steps; each layer's grooves are the petal role mixed with
    black by 0.3. The button is the heart role mixed with black by 0.3, its florets
    the heart role mixed with white by 0.35.
    """
    petal = palette.role(p.petal_color)
    heart = palette.role(p.heart_color)
    out: dict[str, RGB] = {}
    for k in range(p.layers):
        out[f"layer{k}"] = _layer_tone(petal, k, p.layers)
    out["groove"] = mix(petal, BLACK, 0.3)
    out["heart"] = mix(heart, BLACK, 0.3)
    out["heart_light"] = mix(heart, WHITE, 0.35)
    out["line"] = palette.role(p.line_color)
    return out


def _layer_tone(petal: RGB, k: int, layers: int) -> RGB:
    s = 0.5 if layers == 1 else k / (layers - 1)  # 0 outer .. 1 inner
    return mix(petal, BLACK, 0.15 - 0.3 * s) if s < 0.5 else mix(petal, WHITE, 0.7 * s - 0.35)


def _ray(x, y, angle, length, width, bend, samples: int = 7) -> tuple[skia.Path, skia.Path]:
    """A strap petal from ``(x, y)`` along ``angle``, tip swept sideways by ``bend``.

    Returns the petal outline and its midrib groove.
    """
    ca, sa = math.cos(angle), math.sin(angle)
    t = np.linspace(0.0, 1.0, samples)
    # Centreline: a quadratic sweep, in the petal's own frame (u along, v across).
    u = length * t
    v = bend * length * t * t
    du = np.full_like(t, length)
    dv = 2.0 * bend * length * t
    norm = np.hypot(du, dv)
    nu, nv = -dv / norm, du / norm
    w = width * (0.3 + 0.7 * np.sin(np.minimum(t * 1.6, 1.0) * math.pi / 2))
    left = np.stack([u + nu * w, v + nv * w], axis=1)
    right = np.stack([u - nu * w, v - nv * w], axis=1)
    tip_u = u[-1] + du[-1] / norm[-1] * 0.9 * width
    tip_v = v[-1] + dv[-1] / norm[-1] * 0.9 * width
    local = np.vstack([left, [[tip_u, tip_v]], right[::-1]])
    gx = x + local[:, 0] * ca - local[:, 1] * sa
    gy = y + local[:, 0] * sa + local[:, 1] * ca
    outline = smooth_path(np.stack([gx, gy], axis=1), closed=True, tension=0.9)
    groove = skia.Path()
    mid = [(x + uu * ca - vv * sa, y + uu * sa + vv * ca) for uu, vv in zip(u, v, strict=True)]
    groove.moveTo(*mid[1])
    groove.quadTo(*mid[3], *mid[-2])
    return outline, groove


@operator(
    "motifs.chrysanthemum",
    kind="vector",
    version=1,
    tags=("chrysanthemum", "longevity", "autumn", "菊", "菊花", "长寿"),
)
def chrysanthemum(p: ChrysanthemumParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Chrysanthemum (菊): many narrow ray petals in layers, placed by the golden angle.

    Petal ``i`` of ``N`` sits at angle ``i * 137.5°`` and radius ``sqrt(i / N)`` of the
    flower (Vogel's model of the sunflower head); petals are drawn outside in, so each
    ring lies over the one beyond it. Petal length falls towards the centre, petal
    tips sweep sideways by ``curl``, each petal carries a groove along its midrib,
    and the tone deepens from the lit centre to the outer rays (see :func:`tones`).

    References
    ----------
    Vogel 1979, "A better way to construct the sunflower head", *Mathematical
    Biosciences* 44; Prusinkiewicz & Lindenmayer 1990, *The Algorithmic Beauty of
    Plants*, ch. 4; Bartholomew 2006, *Hidden Meanings in Chinese Art*, s.v.
    chrysanthemum.
    """
    d = Sketch()
    t = tones(p, palette)
    c = 0.5
    radius = 0.45
    base = math.radians(p.rotation)
    n = p.petals
    lw = p.outline
    core = p.center * radius / 0.45
    # The heart under the innermost petals, so no ground shows between them.
    under = skia.Path()
    under.addCircle(c, c, max(core, 0.02) + 0.06 * radius)
    d.fill(under, t[f"layer{p.layers - 1}"])
    # Phyllotaxis: index n-1 is the outermost petal; draw from there inwards.
    for i in range(n - 1, -1, -1):
        f = math.sqrt((i + 0.5) / n)  # 0 centre .. 1 rim
        a = base + i * GOLDEN_ANGLE + rng.normal(0.0, 0.03 * p.jitter)
        layer = min(p.layers - 1, int((1.0 - f) * p.layers))
        r0 = core * 0.7 + (radius * 0.25) * f
        length = (radius - r0) * (0.35 + 0.65 * f) * (1.0 + 0.08 * p.jitter * rng.normal())
        width = length * (0.085 - 0.05 * p.slenderness) * (0.9 + 0.6 * (1.0 - f))
        bend = p.curl * (0.15 + 0.25 * f) + 0.06 * p.jitter * rng.normal()
        shape, groove = _ray(c + r0 * math.cos(a), c + r0 * math.sin(a), a, length, width, bend)
        d.fill(shape, t[f"layer{layer}"])
        d.stroke(groove, t["groove"], 0.35 * width)
        if lw > 0:
            d.stroke(shape, t["line"], lw)
    if core > 0:
        button = skia.Path()
        button.addCircle(c, c, core)
        d.fill(button, t["heart"])
        florets = skia.Path()
        m = int(60 * (core / 0.12) ** 2) + 8
        for j in range(m):
            fr = math.sqrt((j + 0.5) / m) * core * 0.88
            a = j * GOLDEN_ANGLE
            florets.addCircle(c + fr * math.cos(a), c + fr * math.sin(a), 0.09 * core)
        d.fill(florets, t["heart_light"])
        if lw > 0:
            d.stroke(button, t["line"], lw)
    return d.finish()
