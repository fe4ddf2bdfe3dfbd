"""Chrysanthemum (菊): many narrow ray petals in golden-angle phyllotaxis, in layers."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import BLACK, WHITE, Sketch, mix
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


_T = np.linspace(0.0, 1.0, 7)  # along each ray, base to tip
# Half-width of a ray along it, as a fraction of its width: narrow at the base.
_PROFILE = 0.3 + 0.7 * np.sin(np.minimum(_T * 1.6, 1.0) * math.pi / 2)


def _rays(x, y, angle, length, width, bend) -> tuple[np.ndarray, np.ndarray]:
    """Strap petals from ``(x, y)`` along ``angle``, tips swept sideways by ``bend``.

    One petal per element of the (equal-length) arrays. Returns the outline points
    of every petal, ``(n, 15, 2)`` (one side, the tip, the other side back), and
    the three points of each midrib groove, ``(n, 3, 2)``.
    """
    ca = np.array([math.cos(a) for a in angle.tolist()])[:, None]
    sa = np.array([math.sin(a) for a in angle.tolist()])[:, None]
    length, width, bend = length[:, None], width[:, None], bend[:, None]
    # Centreline: a quadratic sweep, in the petal's own frame (u along, v across).
    u = length * _T
    v = bend * length * _T * _T
    dv = 2.0 * bend * length * _T
    norm = np.hypot(length, dv)
    nu, nv = -dv / norm, length / norm
    w = width * _PROFILE
    tip_u = u[:, -1:] + length / norm[:, -1:] * 0.9 * width
    tip_v = v[:, -1:] + dv[:, -1:] / norm[:, -1:] * 0.9 * width
    lu = np.hstack([u + nu * w, tip_u, (u - nu * w)[:, ::-1]])
    lv = np.hstack([v + nv * w, tip_v, (v - nv * w)[:, ::-1]])
    x, y = x[:, None], y[:, None]
    outline = np.stack([x + lu * ca - lv * sa, y + lu * sa + lv * ca], axis=-1)
    mu, mv = u[:, 1:6:2], v[:, 1:6:2]
    groove = np.stack([x + mu * ca - mv * sa, y + mu * sa + mv * ca], axis=-1)
    return outline, groove


def _closed_splines(points: np.ndarray, tension: float) -> list[skia.Path]:
    """Closed Catmull-Rom paths through each row of ``points`` ``(n, m, 2)``.

    The same curves as :func:`~foulard.ops._common.shapes.smooth_path` draws one at a
    time, with every control point computed at once.
    """
    tangent = (np.roll(points, -1, axis=1) - np.roll(points, 1, axis=1)) * (tension / 6.0)
    ends = np.roll(points, -1, axis=1)
    segments = np.concatenate(
        [points + tangent, np.roll(points - tangent, -1, axis=1), ends], axis=-1
    ).tolist()
    starts = points[:, 0].tolist()
    paths = []
    for (x0, y0), segs in zip(starts, segments, strict=True):
        path = skia.Path()
        path.moveTo(x0, y0)
        for seg in segs:
            path.cubicTo(*seg)
        path.close()
        paths.append(path)
    return paths


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
    # Phyllotaxis: index n-1 is the outermost petal; draw from there inwards. Every
    # petal's three draws come from the generator in that order (angle, length, bend).
    i = np.arange(n - 1, -1, -1)
    z = rng.standard_normal((n, 3))
    f = np.sqrt((i + 0.5) / n)  # 0 centre .. 1 rim
    a = base + i * GOLDEN_ANGLE + 0.03 * p.jitter * z[:, 0]
    layer = np.minimum(p.layers - 1, ((1.0 - f) * p.layers).astype(int))
    r0 = core * 0.7 + (radius * 0.25) * f
    length = (radius - r0) * (0.35 + 0.65 * f) * (1.0 + 0.08 * p.jitter * z[:, 1])
    width = length * (0.085 - 0.05 * p.slenderness) * (0.9 + 0.6 * (1.0 - f))
    bend = p.curl * (0.15 + 0.25 * f) + 0.06 * p.jitter * z[:, 2]
    x = c + r0 * np.array([math.cos(v) for v in a.tolist()])
    y = c + r0 * np.array([math.sin(v) for v in a.tolist()])
    outlines, grooves = _rays(x, y, a, length, width, bend)
    layer_tones = [t[f"layer{k}"] for k in range(p.layers)]
    for shape, (g0, g1, g2), k, w in zip(
        _closed_splines(outlines, 0.9),
        grooves.tolist(),
        layer.tolist(),
        width.tolist(),
        strict=True,
    ):
        groove = skia.Path()
        groove.moveTo(*g0)
        groove.quadTo(*g1, *g2)
        d.fill(shape, layer_tones[k])
        d.stroke(groove, t["groove"], 0.35 * w)
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
