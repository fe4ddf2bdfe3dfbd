"""Damask medallion: a mirror-symmetric ornament grown from scrolls, leaves and flowers."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import WHITE, Sketch, mix, placed
from foulard.ops.ornament._west import (
    bell_flower,
    fit,
    leaf_blade,
    mirror_x,
    poly_path,
    ribbon,
    rosette,
    volute_line,
)
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]
CENTRES = ("rosette", "pomegranate", "palmette")


@dataclass(frozen=True)
class DamaskMedallionParams(Params):
    centre: str = param(
        "any",
        choices=("any", *CENTRES),
        doc="the central flower (any: the generator chooses)",
    )
    scrolls: int = param(2, range=(1, 3), doc="pairs of C-scrolls springing from the centre")
    curl: float = param(0.95, range=(0.4, 1.6), doc="turns of each scroll", unit="turns")
    density: float = param(0.6, range=(0.0, 1.0), doc="how many leaves, buds and berries fill in")
    aspect: float = param(1.35, range=(0.8, 1.8), doc="height over width of the medallion")
    tonal: bool = param(False, doc="tone on tone: the accent is a tint of the main colour")
    outline: float = param(0.0035, range=(0.0, 0.012), doc="outline width", unit="motif units")
    color: int = param(1, range=(0, 47), doc="palette role of scrolls and leaves")
    accent_color: int = param(2, range=(0, 47), doc="palette role of flowers (unless tonal)")
    detail_color: int = param(3, range=(0, 47), doc="palette role of hearts, berries and veins")
    line_color: int = param(0, range=(0, 47), doc="palette role of the outlines (0: reserve lines)")


def tones(p: DamaskMedallionParams, palette: Palette) -> dict[str, RGB]:
    """Every colour a damask medallion paints: its roles and fixed mixes.

    ``light`` is the main role mixed with white by 0.35 (the lit side of leaves);
    ``tonal`` replaces the accent role by the main role mixed with white by 0.55.
    """
    main = palette.role(p.color)
    accent = mix(main, WHITE, 0.55) if p.tonal else palette.role(p.accent_color)
    return {
        "main": main,
        "light": mix(main, WHITE, 0.35),
        "accent": accent,
        "accent_light": mix(accent, WHITE, 0.4),
        "detail": palette.role(p.detail_color),
        "line": palette.role(p.line_color),
    }


class _Half:
    """The right half of the medallion, collected by tone; mirrored at the end."""

    ORDER = ("main", "light", "accent", "accent_light", "detail")

    def __init__(self) -> None:
        self.paths: dict[str, list[skia.Path]] = {k: [] for k in self.ORDER}
        self.centre: dict[str, list[skia.Path]] = {k: [] for k in self.ORDER}

    def add(self, tone: str, path: skia.Path, *, on_axis: bool = False) -> None:
        (self.centre if on_axis else self.paths)[tone].append(path)


def _scroll(h: _Half, x, y, angle, rho0, curl, turn, width) -> np.ndarray:
    line = volute_line(x, y, angle, rho0, curl, 0.3**curl, turn, samples=180)
    w = width * np.linspace(1.0, 0.35, len(line))
    h.add("main", poly_path(ribbon(line, w), closed=True))
    return line


def _leaf_on(h: _Half, line: np.ndarray, at: float, side: float, size: float, tone="main"):
    i = int(np.clip(at, 0.02, 0.98) * (len(line) - 1))
    j = min(i + 2, len(line) - 1)
    dx, dy = line[j] - line[max(i - 2, 0)]
    heading = math.atan2(dy, dx)
    x, y = line[i]
    blade = leaf_blade(size, 0.5 * size, bend=0.18 * side, point=0.7)
    h.add(tone, placed(blade, x, y, heading + side * 0.7))
    # The lit half of the leaf: a thinner blade inside it.
    inner = leaf_blade(0.8 * size, 0.2 * size, bend=0.18 * side, point=0.7)
    h.add("light", placed(inner, x, y, heading + side * 0.7))


def _terminal(h: _Half, line: np.ndarray, kind: str, size: float) -> None:
    x, y = line[-1]
    dx, dy = line[-1] - line[-8]
    heading = math.atan2(dy, dx)
    if kind == "rosette":
        h.add("accent", rosette(x, y, size, 6, phase=heading))
        h.add("accent_light", rosette(x, y, 0.55 * size, 6, phase=heading + math.pi / 6))
        dot = skia.Path()
        dot.addCircle(x, y, 0.22 * size)
        h.add("detail", dot)
    elif kind == "bell":
        h.add("accent", bell_flower(x, y, heading + 0.6, 1.3 * size))
    else:  # bud
        bud = leaf_blade(1.2 * size, 0.8 * size, point=0.9)
        h.add("accent", placed(bud, x, y, heading))
        h.add("accent_light", placed(leaf_blade(0.8 * size, 0.3 * size, point=0.9), x, y, heading))


def _berries(h: _Half, x, y, r, rng) -> None:
    path = skia.Path()
    for k in range(3):
        a = 2 * math.pi * k / 3 + rng.uniform(0, 0.5)
        path.addCircle(x + 1.3 * r * math.cos(a), y + 1.3 * r * math.sin(a), r)
    h.add("detail", path)


def _centre(h: _Half, kind: str, cx: float, cy: float, size: float) -> None:
    """The central flower, drawn whole on the axis (it is symmetric itself)."""
    if kind == "rosette":
        h.add("accent", rosette(cx, cy, size, 8, phase=-math.pi / 2), on_axis=True)
        h.add(
            "accent_light",
            rosette(cx, cy, 0.68 * size, 8, phase=-math.pi / 2 + math.pi / 8),
            on_axis=True,
        )
        h.add("accent", rosette(cx, cy, 0.4 * size, 8, phase=-math.pi / 2), on_axis=True)
        dot = skia.Path()
        dot.addCircle(cx, cy, 0.16 * size)
        h.add("detail", dot, on_axis=True)
    elif kind == "pomegranate":
        fruit = skia.Path()
        fruit.moveTo(cx, cy - 1.25 * size)
        fruit.cubicTo(
            cx + 0.25 * size,
            cy - 0.9 * size,
            cx + 1.05 * size,
            cy - 0.55 * size,
            cx + 0.95 * size,
            cy + 0.2 * size,
        )
        fruit.cubicTo(
            cx + 0.85 * size,
            cy + 0.85 * size,
            cx + 0.3 * size,
            cy + 1.0 * size,
            cx,
            cy + 1.0 * size,
        )
        fruit.cubicTo(
            cx - 0.3 * size,
            cy + 1.0 * size,
            cx - 0.85 * size,
            cy + 0.85 * size,
            cx - 0.95 * size,
            cy + 0.2 * size,
        )
        fruit.cubicTo(
            cx - 1.05 * size,
            cy - 0.55 * size,
            cx - 0.25 * size,
            cy - 0.9 * size,
            cx,
            cy - 1.25 * size,
        )
        fruit.close()
        h.add("accent", fruit, on_axis=True)
        inner = skia.Path()
        inner.addOval(
            skia.Rect.MakeLTRB(cx - 0.6 * size, cy - 0.45 * size, cx + 0.6 * size, cy + 0.75 * size)
        )
        h.add("accent_light", inner, on_axis=True)
        seeds = skia.Path()
        for row in range(4):
            n = 2 + (row % 2)
            for k in range(n):
                sx = cx + (k - (n - 1) / 2) * 0.3 * size
                sy = cy - 0.2 * size + row * 0.26 * size
                if (sx - cx) ** 2 / 0.36 + (sy - cy - 0.15 * size) ** 2 / 0.36 < size * size:
                    seeds.addCircle(sx, sy, 0.085 * size)
        h.add("detail", seeds, on_axis=True)
        crown = bell_flower(cx, cy - 1.15 * size, -math.pi / 2, 0.5 * size)
        h.add("main", crown, on_axis=True)
    else:  # palmette: a fan of lobes over a heart
        fan = skia.Path()
        for i in range(7):
            a = -math.pi / 2 + (i - 3) * 0.32
            fan.addPath(
                placed(leaf_blade(1.2 * size, 0.38 * size, point=0.3), cx, cy + 0.2 * size, a)
            )
        h.add("accent", fan, on_axis=True)
        veins = skia.Path()
        for i in range(7):
            a = -math.pi / 2 + (i - 3) * 0.32
            veins.addPath(
                placed(leaf_blade(0.9 * size, 0.1 * size, point=0.3), cx, cy + 0.2 * size, a)
            )
        h.add("accent_light", veins, on_axis=True)
        heart = skia.Path()
        heart.addCircle(cx, cy + 0.2 * size, 0.3 * size)
        h.add("detail", heart, on_axis=True)


@operator(
    "ornament.damask_medallion",
    kind="vector",
    version=1,
    tags=(
        "damask",
        "medallion",
        "baroque",
        "brocade",
        "ornament",
        "victorian",
        "大马士革",
        "锦缎",
        "巴洛克",
        "团花",
    ),
)
def damask_medallion(
    p: DamaskMedallionParams, rng: np.random.Generator, palette: Palette
) -> Drawing:
    """Damask medallion: C-scrolls, leaves, buds and a central flower, mirrored (D1).

    One half is grown and mirrored about the vertical axis, so the medallion is
    exactly mirror-symmetric, as woven damask is. On the axis stand the central
    flower (a layered rosette, a pomegranate with seeds, or a palmette), a finial
    above it and a pendant below, joined by a stem. From the centre ``scrolls``
    pairs of C-scrolls spring out, upwards and downwards, each a centre line whose
    curvature grows so it winds ``curl`` turns, swept with a tapering width, ending
    in a rosette, a bellflower or a bud; smaller counter-scrolls branch from them.
    Leaves (with a lit inner blade) and clusters of berries fill in with
    ``density``. The generator chooses lengths, angles, terminals and the centre;
    the whole is scaled to the box with the height-to-width ``aspect``, the ogival
    silhouette of a damask repeat. Colours: the roles and mixes listed by
    :func:`tones`.

    References
    ----------
    Wong, Zongker & Salesin 1998, "Computer-generated floral ornament", SIGGRAPH
    (growing ornament from scroll rules); Owen Jones 1856, *The Grammar of
    Ornament*, pl. LXXXIX-XC (Renaissance and Italian ornament); Schoeser 2007,
    *Silk* (Genoese and Lyonnais damasks).
    """
    h = _Half()
    cx, cy = 0.5, 0.5
    dens = p.density
    centre = p.centre if p.centre != "any" else str(rng.choice(CENTRES))
    size = 0.1
    a = p.aspect
    # The axis: a stem from pendant to finial.
    top, bottom = cy - 0.34 * a, cy + 0.34 * a
    axis = np.array([[cx, bottom], [cx, top]])
    h.add("main", poly_path(ribbon(axis, 0.014), closed=True), on_axis=True)
    h.add("accent", bell_flower(cx, top, -math.pi / 2, 0.09), on_axis=True)
    h.add(
        "accent", placed(leaf_blade(0.11, 0.08, point=0.9), cx, bottom, math.pi / 2), on_axis=True
    )
    h.add(
        "accent_light",
        placed(leaf_blade(0.07, 0.03, point=0.9), cx, bottom, math.pi / 2),
        on_axis=True,
    )
    width = 0.052
    # Scroll pairs: the first springs from the centre, the others from the axis
    # above and below it; upper scrolls wind clockwise (out and down), lower ones
    # anticlockwise (out and up), like a pair of ram's horns.
    slots = [(0.0, 0.17)] + [(0.22 + 0.06 * k, 0.085) for k in range(p.scrolls - 1)]
    for k, (dy, rho) in enumerate(slots):
        for up in (True, False):
            sgn = -1.0 if up else 1.0
            start_y = cy + sgn * (0.06 + dy * a)
            angle = sgn * (0.5 * math.pi - 0.3 - 0.45 * k + 0.1 * rng.normal())
            rho0 = rho * (1.0 + 0.12 * rng.normal()) * (1.0 if k == 0 else a)
            turn = 1.0 if up else -1.0
            curl = p.curl * (0.8 if k == 0 else 0.9)
            line = _scroll(h, cx + 0.01, start_y, angle, rho0, curl, turn, width * (1 - 0.3 * k))
            term = str(rng.choice(("rosette", "bell", "bud")))
            _terminal(h, line, term, 0.07 - 0.02 * k)
            leaves = 1 + round(3 * dens) - k
            for i in range(max(leaves, 0)):
                at = 0.12 + 0.5 * (i + 0.5) / max(leaves, 1) + 0.04 * rng.normal()
                _leaf_on(h, line, at, -turn, (0.19 - 0.08 * at) * (1 - 0.3 * k))
            if dens > 0.3 and k == 0:
                # A counter-scroll from the middle of the scroll, winding the other way.
                i = int(0.35 * len(line))
                dx, dy_ = line[i + 2] - line[i - 2]
                head = math.atan2(dy_, dx) + turn * 0.5
                sub = _scroll(h, line[i, 0], line[i, 1], head, 0.05, 0.9, -turn, 0.45 * width)
                _terminal(h, sub, "bud", 0.028)
                _leaf_on(h, sub, 0.3, turn, 0.06)
            if dens > 0.5 and rng.random() < dens:
                j = int(0.55 * len(line))
                _berries(h, line[j, 0] + 0.04, line[j, 1] + sgn * 0.06, 0.011, rng)
    _centre(h, centre, cx, cy, size)
    t = tones(p, palette)
    d = Sketch()
    lw = p.outline
    for tone in _Half.ORDER:
        paths = skia.Path()
        for path in h.paths[tone]:
            paths.addPath(path)
            paths.addPath(mirror_x(path))
        for path in h.centre[tone]:
            paths.addPath(path)
        if paths.countPoints() == 0:
            continue
        if lw > 0 and tone in ("main", "accent"):
            d.stroke(paths, t["line"], 2 * lw)
        d.fill(paths, t[tone])
    fit(d, 0.03)
    return d.finish()
