"""Rinceau: a wave-scroll of stem, spiral offshoots, leaves and flowers, as a frieze unit."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import BLACK, WHITE, mix, placed
from foulard.ops.ornament._west import leaf_blade, poly_path, ribbon, rosette
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class RinceauParams(Params):
    waves: int = param(1, range=(1, 6), doc="full waves of the stem across the unit")
    amplitude: float = param(
        0.22,
        range=(0.1, 0.3),
        doc="height of the waves (half the band) as a share of a wave's length",
    )
    turns: float = param(1.2, range=(0.5, 2.0), doc="turns of each spiral offshoot", unit="turns")
    leaves: int = param(3, range=(0, 5), doc="leaves on each offshoot and stem arch")
    flower: str = param(
        "rosette",
        choices=("rosette", "bud", "leaf"),
        doc="what ends each spiral: a rosette, a closed bud, or a curled leaf",
    )
    stem_width: float = param(
        0.018, range=(0.006, 0.04), doc="stem width as a share of a wave's length"
    )
    jitter: float = param(0.3, range=(0.0, 1.0), doc="variation between the waves of a unit")
    outline: float = param(
        0.004, range=(0.0, 0.015), doc="outline width as a share of a wave's length"
    )
    stem_color: int = param(4, range=(0, 47), doc="palette role of stems and leaves")
    flower_color: int = param(2, range=(0, 47), doc="palette role of the flowers")
    heart_color: int = param(3, range=(0, 47), doc="palette role of the flower hearts")
    line_color: int = param(1, range=(0, 47), doc="palette role of the outlines")


def tones(p: RinceauParams, palette: Palette) -> dict[str, RGB]:
    """Every colour a rinceau paints: its four roles and three fixed mixes.

    Leaves are the stem role and, on their shaded half, the stem role mixed with
    black by 0.3; flowers have an inner ring of the flower role mixed with white by
    0.35.
    """
    stem = palette.role(p.stem_color)
    flower = palette.role(p.flower_color)
    return {
        "stem": stem,
        "leaf_shade": mix(stem, BLACK, 0.3),
        "leaf_light": mix(stem, WHITE, 0.3),
        "flower": flower,
        "flower_light": mix(flower, WHITE, 0.35),
        "heart": palette.role(p.heart_color),
        "line": palette.role(p.line_color),
    }


def _wave_draws(p: RinceauParams, rng: np.random.Generator) -> list[dict]:
    """The random choices of each wave of the unit (the unit repeats, so they do)."""
    out = []
    for _ in range(p.waves):
        out.append(
            {
                "turns": [p.turns * (1.0 + 0.15 * p.jitter * rng.normal()) for _ in range(2)],
                "shift": [0.06 * p.jitter * rng.normal() for _ in range(2)],
                "leaf": [rng.uniform(-1.0, 1.0, 8) * p.jitter for _ in range(2)],
                "phase": [rng.uniform(0.0, 2 * math.pi) for _ in range(2)],
                "petals": [int(rng.integers(5, 8)) for _ in range(2)],
            }
        )
    return out


_FLAT = 1.5  # crest flattening: tanh(b sin) / tanh(b) has 0.3 of a sine's crest curvature


def _stem_y(p: RinceauParams, x: np.ndarray) -> np.ndarray:
    wave = np.tanh(_FLAT * np.sin(2.0 * math.pi * p.waves * x)) / math.tanh(_FLAT)
    return 0.5 - p.amplitude / p.waves * wave


def _volute(x, y, heading, rho0, turns, shrink, sgn, samples=200) -> np.ndarray:
    """A spiral that winds ``turns`` turns from ``(x, y)``, its radius of curvature
    falling from ``rho0`` by the factor ``shrink``: slowly at first (an open sweep),
    then quickly (a tight eye)."""
    u = np.linspace(0.0, 1.0, samples)
    kappa = shrink ** -(u**2) / rho0
    step = np.diff(u)
    turn = np.concatenate([[0.0], np.cumsum(0.5 * (kappa[1:] + kappa[:-1]) * step)])
    length = 2.0 * math.pi * turns / turn[-1]
    theta = heading + sgn * turn * length
    ds = length / (samples - 1)
    px = x + np.concatenate([[0.0], np.cumsum(np.cos(theta[:-1]) * ds)])
    py = y + np.concatenate([[0.0], np.cumsum(np.sin(theta[:-1]) * ds)])
    return np.stack([px, py], axis=1)


def _leaf_pair(path_pts: np.ndarray, at: float, side: float, size: float, tilt: float):
    """A leaf growing from a polyline at fraction ``at``, on ``side`` of it."""
    i = min(len(path_pts) - 2, max(1, int(at * (len(path_pts) - 1))))
    (x0, y0), (x1, y1) = path_pts[i - 1], path_pts[i + 1]
    heading = math.atan2(y1 - y0, x1 - x0)
    angle = heading + side * (0.75 + 0.25 * tilt)
    x, y = path_pts[i]
    return x, y, angle, size


def frieze(
    p: RinceauParams, rng: np.random.Generator, palette: Palette, bounds=(0.0, 0.0, 1.0, 1.0)
) -> Drawing:
    """The rinceau over any window of the plane (the operator draws the unit box).

    The pattern repeats with period 1 in x; the random choices belong to the waves
    of the unit, so copies of the unit join without a seam.
    """
    t = tones(p, palette)
    draws = _wave_draws(p, rng)
    d = Drawing(bounds)
    x0, _y0, x1, _y1 = bounds
    period = 1.0 / p.waves
    lw = p.outline * period
    sw = p.stem_width * period
    amp = p.amplitude * period
    stems, leaves, leaf_halves, flowers, inner, hearts = ([] for _ in range(6))
    # The main stem, continuous over the window.
    # Samples on a grid fixed to the plane (600 a period), so every window of the
    # pattern flattens the stem at the same points.
    step = period / 600
    xs = np.arange(math.floor((x0 - period) / step), math.ceil((x1 + period) / step) + 1) * step
    main = np.stack([xs, _stem_y(p, xs)], axis=1)
    stems.append((main, np.full(len(xs), sw)))
    # Curvature of the stem at a crest; an offshoot starts a little tighter than it,
    # so it springs tangent to the stem and winds inside the arch.
    flat = _FLAT / (math.tanh(_FLAT) * math.cosh(_FLAT) ** 2)
    k_stem = flat * amp * (2.0 * math.pi / period) ** 2
    pocket = 0.85 * min(0.25 * period, amp)
    rho0 = min(0.9 / k_stem, pocket)
    for j in range(math.floor(x0 / period) - 1, math.ceil(x1 / period) + 1):
        w = draws[j % p.waves]
        for h in range(2):  # the upper arch, then the lower one
            up = h == 0
            sgn = 1.0 if up else -1.0
            peak_x = (j + 0.25 + 0.5 * h) * period
            peak_y = 0.5 - sgn * amp
            turns = max(0.5, w["turns"][h])
            shrink = 0.42**turns
            spiral = _volute(peak_x, peak_y, 0.0, rho0, turns, shrink, sgn)
            taper = np.linspace(0.85 * sw, 0.5 * sw, len(spiral))
            stems.append((spiral, taper))
            rnd = w["leaf"][h]
            for k in range(p.leaves):
                at = 0.1 + 0.55 * (k + 0.5) / p.leaves + 0.04 * rnd[k]
                size = rho0 * (1.05 - 0.6 * at) * (1.0 + 0.12 * rnd[k + 3])
                leaves.append(_leaf_pair(spiral, at, -sgn, size, rnd[k]))
            # A leaf sheathing the stem where it crosses the middle, after the crest.
            cross = (j + 0.5 + 0.5 * h) * period
            if p.leaves:
                lx = cross - 0.05 * period
                seg = np.stack(
                    [
                        lx + np.array([-1e-3, 0.0, 1e-3]),
                        _stem_y(p, lx + np.array([-1e-3, 0.0, 1e-3])),
                    ],
                    axis=1,
                )
                leaves.append(_leaf_pair(seg, 0.5, sgn, 0.95 * rho0, rnd[7]))
            r = max(1.4 * rho0 * shrink, 0.35 * rho0)
            fx, fy = spiral[-1]
            if p.flower == "rosette":
                petals = w["petals"][h]
                flowers.append(rosette(fx, fy, r, petals, phase=w["phase"][h]))
                inner.append(rosette(fx, fy, 0.6 * r, petals, phase=w["phase"][h]))
                dot = skia.Path()
                dot.addCircle(fx, fy, 0.24 * r)
                hearts.append(dot)
            elif p.flower == "bud":
                (ax, ay), (bx, by) = spiral[-12], spiral[-1]
                ang = math.atan2(by - ay, bx - ax)
                bud = leaf_blade(1.1 * r, 0.8 * r, point=0.9)
                flowers.append(placed(bud, bx, by, ang))
                inner.append(placed(leaf_blade(0.8 * r, 0.35 * r, point=0.9), bx, by, ang))
                cup = skia.Path()
                cup.addCircle(bx, by, 0.22 * r)
                hearts.append(cup)
            else:
                (ax, ay), (bx, by) = spiral[-12], spiral[-1]
                ang = math.atan2(by - ay, bx - ax) + sgn * 0.6
                leaves.append((bx, by, ang, 1.1 * r))
    stem_path = skia.Path()
    for pts, widths in stems:
        stem_path.addPath(poly_path(ribbon(pts, widths), closed=True))
    leaf_path = skia.Path()
    for x, y, angle, size in leaves:
        blade = leaf_blade(size, 0.5 * size, bend=0.15, point=0.6)
        leaf_path.addPath(placed(blade, x, y, angle))
        half = skia.Path()
        half.moveTo(0.0, 0.0)
        half.quadTo(0.5 * size, 0.06 * size, size, 0.12 * size)
        half.lineTo(size, size)
        half.lineTo(0.0, size)
        half.close()
        leaf_halves.append(placed(half, x, y, angle))
    flower_path = skia.Path()
    for f in flowers:
        flower_path.addPath(f)
    if lw > 0:
        d.stroke(stem_path, t["line"], 2 * lw)
        d.stroke(leaf_path, t["line"], 2 * lw)
    d.fill(stem_path, t["stem"])
    d.fill(leaf_path, t["stem"])
    shade = skia.Path()
    for half in leaf_halves:
        shade.addPath(half)

    def shaded(canvas: skia.Canvas, leaf_path=leaf_path, shade=shade) -> None:
        canvas.save()
        canvas.clipPath(leaf_path, doAntiAlias=True)
        canvas.drawPath(shade, Drawing.paint(t["leaf_shade"]))
        canvas.restore()

    d.custom(shaded)
    if flowers:
        if lw > 0:
            d.stroke(flower_path, t["line"], 2 * lw)
        d.fill(flower_path, t["flower"])
        inner_path = skia.Path()
        for f in inner:
            inner_path.addPath(f)
        d.fill(inner_path, t["flower_light"])
        heart_path = skia.Path()
        for h in hearts:
            heart_path.addPath(h)
        d.fill(heart_path, t["heart"])
        if lw > 0:
            d.stroke(heart_path, t["line"], lw)
    return d


@operator(
    "ornament.rinceau",
    kind="vector",
    version=1,
    tags=(
        "rinceau",
        "vine scroll",
        "scroll",
        "foliate",
        "border",
        "frieze",
        "卷草纹",
        "缠枝纹",
        "蔓草",
        "花边",
    ),
)
def rinceau(p: RinceauParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Rinceau (vine scroll): a waved stem throwing spiral offshoots that end in flowers.

    The main stem is a sine wave of ``waves`` periods across the unit. From the crest
    of every arch an offshoot springs tangent to the stem and winds inwards, an
    Archimedean spiral of ``turns`` turns, into the pocket the arch encloses, so the
    scrolls alternate above and below the stem; each ends in a rosette, a bud or a
    curled leaf. Leaves grow alternately from the offshoots and the stem arches,
    split along the midrib into a lit and a shaded half. The unit repeats with
    period 1 in x and its random choices belong to its waves, so laid side by side
    (a p1 frieze, or a border band) the copies join into one continuous scroll.
    Colours: the roles and mixes listed by :func:`tones`.

    References
    ----------
    Owen Jones 1856, *The Grammar of Ornament*, pl. XXIV (Roman scrolls); Meyer 1888,
    *Handbook of Ornament*, "The scroll"; Wong, Zongker & Salesin 1998,
    "Computer-generated floral ornament", SIGGRAPH (spiral offshoots filling a band).
    """
    return frieze(p, rng, palette)
