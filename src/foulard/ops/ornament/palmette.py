"""Palmette and anthemion: a fan of curling lobes on volutes; a frieze of palmettes and lotuses."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import WHITE, Sketch, mix
from foulard.ops.ornament._west import fit, poly_path, ribbon, scroll_line
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class PalmetteParams(Params):
    layout: str = param(
        "single",
        choices=("single", "anthemion"),
        doc="one palmette, or an anthemion frieze unit: palmette and lotus linked by S-scrolls",
    )
    lobes: int = param(9, range=(5, 15), doc="lobes of the fan (odd counts have a central lobe)")
    spread: float = param(150.0, range=(80.0, 200.0), doc="opening of the fan", unit="degrees")
    curl: float = param(0.5, range=(0.0, 1.0), doc="how far lobe tips bend towards the axis")
    volutes: float = param(
        1.3, range=(0.5, 2.5), doc="turns of the volutes at the base", unit="turns"
    )
    alternate: bool = param(True, doc="lobes alternate the lobe and accent colours")
    outline: float = param(0.004, range=(0.0, 0.015), doc="outline width", unit="motif units")
    color: int = param(2, range=(0, 47), doc="palette role of the lobes")
    accent_color: int = param(1, range=(0, 47), doc="palette role of alternate lobes and the lotus")
    heart_color: int = param(3, range=(0, 47), doc="palette role of the heart and the scrolls")
    line_color: int = param(1, range=(0, 47), doc="palette role of the outlines")


def tones(p: PalmetteParams, palette: Palette) -> dict[str, RGB]:
    """Every colour a palmette paints: its four roles and the lobe role's tint.

    Lobes carry a central vein of the lobe role mixed with white by 0.45.
    """
    lobe = palette.role(p.color)
    return {
        "lobe": lobe,
        "vein": mix(lobe, WHITE, 0.45),
        "accent": palette.role(p.accent_color),
        "heart": palette.role(p.heart_color),
        "line": palette.role(p.line_color),
    }


def _lobe(hx: float, hy: float, angle: float, length: float, width: float, bend: float):
    """A spatulate lobe from the heart along ``angle``, its round tip bent by ``bend``."""
    pts = scroll_line(
        hx,
        hy,
        angle,
        length,
        0.12 * abs(bend),
        turn=math.copysign(1.0, bend) if bend else 1.0,
        straight=0.3,
        samples=60,
    )
    t = np.linspace(0.0, 1.0, len(pts))
    w = width * (0.25 + 0.75 * np.sin(0.5 * math.pi * np.clip(t / 0.8, 0.0, 1.0)) ** 1.2)
    cap = t > 0.8
    w[cap] = width * np.sqrt(np.clip(1.0 - ((t[cap] - 0.8) / 0.2) ** 2, 0.0, 1.0))
    return pts, np.maximum(w, 1e-4)


def _palmette(cx: float, by: float, size: float, p: PalmetteParams, tails: float | None = 0.0):
    """Paths of one palmette standing on its volutes at ``(cx, by)``, ``size`` tall."""
    hx, hy = cx, by - 0.2 * size
    n = p.lobes
    spread = math.radians(p.spread)
    lobes, veins = [], []
    for i in range(n):
        u = (i / (n - 1)) * 2.0 - 1.0 if n > 1 else 0.0
        angle = -0.5 * math.pi + 0.5 * spread * u
        length = size * (0.78 - 0.22 * u * u)
        width = 0.8 * length * (spread / n) * 0.95
        bend = -p.curl * u
        pts, w = _lobe(hx, hy, angle, length, width, bend)
        lobes.append((i, poly_path(ribbon(pts, w), closed=True)))
        veins.append(poly_path(pts[8:-10], closed=False))
    volutes = [] if tails is None else [_volute(hx, by, size, sgn, p, tails) for sgn in (-1.0, 1.0)]
    heart = skia.Path()
    heart.addCircle(hx, hy, 0.13 * size)
    return lobes, veins, volutes, heart


def _volute(hx: float, by: float, size: float, sgn: float, p: PalmetteParams, tail: float):
    """One volute under the heart (``sgn`` -1 left, +1 right), with a tail.

    The volute is an Archimedean spiral winding inwards from its lowest point; the
    tail comes in horizontally there from ``(hx + sgn * tail, by + 0.32 * size)``
    (``tail`` 0: from just below the heart, for a palmette on its own).
    """
    r0 = 0.19 * size
    inward = bool(tail)
    # Winding: a tail coming in from outside arrives heading towards the axis and the
    # volute rolls inwards; on its own the volute rolls outwards.
    wind = sgn if inward else -sgn
    vx = hx + sgn * 0.3 * size
    vy = by - 0.02 * size
    k = np.linspace(0.0, 1.0, 120)
    a = 0.5 * math.pi + wind * 2.0 * math.pi * p.volutes * k
    r = r0 * (1.0 - 0.8 * k)
    spiral = np.stack([vx + r * np.cos(a), vy + r * np.sin(a)], axis=1)
    sx, sy = spiral[0]
    u = np.linspace(0.0, 1.0, 40)[:, None]
    p3 = np.array([sx, sy])
    if inward:
        p0 = np.array([hx + sgn * tail, by + 0.32 * size])
        p1 = p0 + np.array([-sgn * 0.3 * abs(sx - p0[0]), 0.0])
    else:
        p0 = np.array([hx + sgn * 0.02 * size, by + 0.5 * size])
        p1 = p0 + np.array([0.0, -0.25 * size])
    p2 = p3 + np.array([wind * 0.4 * max(abs(sx - p0[0]), 0.1 * size), 0.0])
    tail_pts = (1 - u) ** 3 * p0 + 3 * (1 - u) ** 2 * u * p1 + 3 * (1 - u) * u**2 * p2 + u**3 * p3
    line = np.vstack([tail_pts[:-1], spiral])
    w = 0.075 * size * np.concatenate([np.full(39, 1.0), np.linspace(1.0, 0.45, 120)])
    return poly_path(ribbon(line, w), closed=True)


def _lotus(cx: float, by: float, size: float) -> list[skia.Path]:
    """A lotus: a tall pointed petal between two sepals curving outwards."""
    out = []
    centre = skia.Path()
    centre.moveTo(cx, by)
    centre.cubicTo(
        cx + 0.2 * size, by - 0.3 * size, cx + 0.12 * size, by - 0.7 * size, cx, by - 0.9 * size
    )
    centre.cubicTo(cx - 0.12 * size, by - 0.7 * size, cx - 0.2 * size, by - 0.3 * size, cx, by)
    out.append(centre)
    for sgn in (-1.0, 1.0):
        line = scroll_line(
            cx,
            by - 0.05 * size,
            -0.5 * math.pi + sgn * 0.25,
            0.75 * size,
            0.3,
            turn=sgn,
            straight=0.35,
        )
        t = np.linspace(0.0, 1.0, len(line))
        w = 0.16 * size * np.sin(np.pi * np.clip(0.1 + 0.9 * t, 0, 1)) ** 0.7 * (1 - t) ** 0.3
        out.append(poly_path(ribbon(line, np.maximum(w, 1e-4)), closed=True))
    return out


def _paint_palmette(d: Drawing, parts, t: dict, p: PalmetteParams) -> None:
    lobes, veins, volutes, heart = parts
    lw = p.outline
    for vol in volutes:
        if lw > 0:
            d.stroke(vol, t["line"], 2 * lw)
        d.fill(vol, t["heart"])
    for i, lobe in lobes:
        colour = t["accent"] if p.alternate and i % 2 else t["lobe"]
        if lw > 0:
            d.stroke(lobe, t["line"], 2 * lw)
        d.fill(lobe, colour)
    vein_path = skia.Path()
    for (i, _lobe_path), vein in zip(lobes, veins, strict=True):
        if not (p.alternate and i % 2):
            vein_path.addPath(vein)
    d.stroke(vein_path, t["vein"], 0.004 + lw)
    if lw > 0:
        d.stroke(heart, t["line"], 2 * lw)
    d.fill(heart, t["heart"])


def anthemion(p: PalmetteParams, palette: Palette, bounds=(0.0, 0.0, 1.0, 1.0)) -> Drawing:
    """Palmettes and lotuses alternating, linked by S-scrolls, over any window.

    One palmette and one lotus per unit: the pattern repeats with period 1 in x.
    """
    t = tones(p, palette)
    d = Drawing(bounds)
    x0, _y0, x1, _y1 = bounds
    lw = p.outline
    by = 0.66
    size = 0.4
    for i in range(math.floor(x0) - 1, math.ceil(x1) + 1):
        # Each palmette's volutes send tails to the lotuses on either side, where they
        # meet: the S-scrolls of the Greek anthemion.
        for vol in _palmette(i + 0.25, by, size, p, tails=0.5)[2]:
            if lw > 0:
                d.stroke(vol, t["line"], 2 * lw)
            d.fill(vol, t["heart"])
    for i in range(math.floor(x0) - 1, math.ceil(x1) + 1):
        lobes, veins, _volutes, heart = _palmette(i + 0.25, by, size, p, tails=None)
        _paint_palmette(d, (lobes, veins, [], heart), t, p)
        lotus = skia.Path()
        for part in _lotus(i + 0.75, by + 0.32 * size, 0.42):
            lotus.addPath(part)
        if lw > 0:
            d.stroke(lotus, t["line"], 2 * lw)
        d.fill(lotus, t["accent"])
    return d


@operator(
    "ornament.palmette",
    kind="vector",
    version=1,
    tags=(
        "palmette",
        "anthemion",
        "honeysuckle",
        "greek",
        "classical",
        "fan",
        "border",
        "棕叶饰",
        "忍冬纹",
        "古希腊",
        "扇形纹",
    ),
)
def palmette(p: PalmetteParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Palmette: a fan of spatulate lobes curling towards its axis, on a pair of volutes.

    ``lobes`` lobes radiate from a round heart over ``spread`` degrees, longest in the
    middle (an elliptical envelope); each widens to a round tip bent towards the axis
    by ``curl`` (a centre line whose curvature grows), carries a light vein and, with
    ``alternate``, the lobes alternate two colours as on Attic vases. Below the heart
    two volutes roll outwards and up (``volutes`` turns). ``anthemion`` makes a frieze
    unit: a palmette and a lotus (a pointed petal between two flaring sepals) per
    unit, linked by S-scrolls that end in curls; it repeats with period 1 in x, so
    copies join into a continuous band. No randomness.

    References
    ----------
    Owen Jones 1856, *The Grammar of Ornament*, pl. XV-XXII (Greek ornament);
    Meyer 1888, *Handbook of Ornament*, "The palmette" and "The anthemion";
    Riegl 1893, *Stilfragen* (the palmette's descent from the lotus).
    """
    if p.layout == "anthemion":
        return anthemion(p, palette)
    t = tones(p, palette)
    d = Sketch()
    _paint_palmette(d, _palmette(0.5, 0.7, 0.52, p), t, p)
    fit(d, 0.03)
    return d.finish()
