"""Haishui jiangya (海水江崖): standing-water stripes, rolling waves and rock peaks."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import BLACK, WHITE, mix, smooth_path
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class HaishuiParams(Params):
    horizon: float = param(
        0.62, range=(0.35, 0.85), doc="height of the wave crests", unit="motif units"
    )
    stripe_roles: int = param(
        5, range=(1, 6), doc="colours the standing-water stripes cycle through (roles 1 up)"
    )
    cycles: int = param(3, range=(1, 8), doc="colour cycles of stripes across the width")
    slant: float = param(0.35, range=(-1.0, 1.0), doc="lean of the stripes (0: upright)")
    waves: int = param(5, range=(2, 12), doc="rolling waves across the width (front row)")
    peaks: int = param(3, range=(0, 5), doc="rock peaks rising from the sea (0: none)")
    peak_height: float = param(
        0.5, range=(0.1, 0.6), doc="height of the main peak above the crests", unit="motif units"
    )
    spray: float = param(0.5, range=(0.0, 1.0), doc="foam and spray dots")
    line_width: float = param(0.004, range=(0.001, 0.012), doc="line width", unit="motif units")
    water_color: int = param(1, range=(0, 47), doc="palette role of the waves")
    rock_color: int = param(4, range=(0, 47), doc="palette role of the rocks")
    accent_color: int = param(3, range=(0, 47), doc="palette role of the rocks' bands")
    line_color: int = param(0, range=(0, 47), doc="palette role of lines and foam")


def _stripe_roles(p: HaishuiParams) -> list[int]:
    return [1 + k for k in range(p.stripe_roles)]


def tones(p: HaishuiParams, palette: Palette) -> dict[str, RGB]:
    """The colours of the sea: roles and fixed mixes.

    Stripes are roles 1 to ``stripe_roles``, each with a light line (the role mixed
    with white by 0.45). Waves are the water role with the water role mixed with
    white by 0.25 in the back row; rocks the rock role, its mix with black by 0.25,
    and the accent role.
    """
    out = {}
    for k in _stripe_roles(p):
        c = palette.role(k)
        out[f"stripe{k}"] = c
        out[f"stripe{k}_light"] = mix(c, WHITE, 0.45)
    water = palette.role(p.water_color)
    rock = palette.role(p.rock_color)
    out |= {
        "water": water,
        "water_back": mix(water, WHITE, 0.25),
        "rock": rock,
        "rock_dark": mix(rock, BLACK, 0.25),
        "accent": palette.role(p.accent_color),
        "line": palette.role(p.line_color),
    }
    return out


def _stripes(p: HaishuiParams, t, d: Drawing, top: float, rng: np.random.Generator) -> None:
    """Diagonal standing-water stripes (立水) from ``top`` down, periodic across."""
    roles = _stripe_roles(p)
    count = p.cycles * len(roles)
    step = 1.0 / count
    ys = np.linspace(top - 0.02, 1.02, 40)
    lean = p.slant

    def edge(k: int) -> np.ndarray:
        # A gently waved boundary, the same for stripes one period apart.
        x = (
            k * step
            + lean * (ys - 1.0)
            + 0.012 * np.sin(2 * math.pi * (ys * 3.0 + 2.0 * k / count))
        )
        return np.stack([x, ys], axis=1)

    lw = p.line_width
    k0 = -count - 2
    for k in range(k0, 2 * count + 2):
        left, right = edge(k), edge(k + 1)
        band = smooth_path(np.vstack([left, right[::-1]]), closed=True, tension=0.5)
        role = roles[k % len(roles)]
        d.fill(band, t[f"stripe{role}"])
        inner = skia.Path()
        for f in (0.33, 0.66):
            mid = left + (right - left) * f
            inner.addPath(smooth_path(mid, closed=False))
        d.stroke(inner, t[f"stripe{role}_light"], 0.8 * lw)
        d.stroke(smooth_path(left, closed=False), t["line"], lw)


def _peak(x: float, base: float, height: float, width: float, rng) -> np.ndarray:
    """Outline points of a rock peak: steep stepped flanks and a blunt, leaning top."""
    j = lambda: 1.0 + 0.06 * rng.normal()  # noqa: E731
    lean = 0.08 * rng.normal()
    pts = [
        (-0.5, 0.0),
        (-0.4 * j(), -0.28),
        (-0.46 * j(), -0.42),
        (-0.3 * j(), -0.66),
        (-0.22 * j(), -0.86),
        (-0.06 + lean, -1.0),
        (0.1 + lean, -0.97),
        (0.24 * j(), -0.78),
        (0.38 * j(), -0.55),
        (0.33 * j(), -0.38),
        (0.44 * j(), -0.2),
        (0.5, 0.0),
    ]
    return np.asarray([(x + width * u, base + height * v) for u, v in pts])


def _rocks(p: HaishuiParams, t, d: Drawing, crest: float, rng) -> None:
    if p.peaks == 0:
        return
    lw = p.line_width
    slots = [(0.5, 1.0), (0.3, 0.66), (0.7, 0.66), (0.13, 0.42), (0.87, 0.42)]
    chosen = slots[: p.peaks] if p.peaks != 2 else slots[1:3]
    if p.peaks == 4:
        chosen = slots[1:5]
    rocks = []
    for x, k in sorted(chosen, key=lambda s: s[1]):
        height = p.peak_height * k * (1.0 + 0.06 * rng.normal())
        width = 0.26 * (0.6 + 0.4 * k)
        base = crest + 0.06  # the foot stays under the water
        pts = _peak(x, base, height, width, rng)
        shape = smooth_path(pts, closed=True, tension=0.75)
        # A dark flank and an accent band down the rock, clipped to its outline.
        flank = skia.Path()
        flank.addRect(x + 0.1 * width, base - height - 0.05, x + 0.6 * width, base + 0.1)
        stripe = skia.Path()
        stripe.addRect(x - 0.2 * width, base - height - 0.05, x - 0.08 * width, base + 0.1)
        # Texture strokes (皴): short arcs stepping down the sunlit flank.
        tex = skia.Path()
        for i in range(3):
            v = 0.3 + 0.2 * i + 0.04 * rng.normal()
            y = base - height * v
            x0 = x - width * (0.36 - 0.25 * v)
            tex.moveTo(x0, y)
            tex.quadTo(x0 + 0.12 * width, y - 0.05 * height, x0 + 0.22 * width, y + 0.01 * height)
        rocks.append((shape, flank, stripe, tex))
    # The same rocks in every repeat across, like the sea round them.
    for shift in (-1.0, 0.0, 1.0):
        for parts in rocks:
            shape, flank, stripe, tex = (_shifted(q, shift) for q in parts)
            d.fill(shape, t["rock"])
            d.custom(_clipped(shape, flank, t["rock_dark"]))
            d.custom(_clipped(shape, stripe, t["accent"]))
            d.custom(_clipped_stroke(shape, tex, t["line"], 0.9 * lw))
            d.stroke(shape, t["line"], 1.3 * lw)


def _shifted(path: skia.Path, dx: float) -> skia.Path:
    out = skia.Path(path)
    out.offset(dx, 0.0)
    return out


def _clipped(clip: skia.Path, path: skia.Path, color: RGB):
    paint = Drawing.paint(color)

    def draw(canvas: skia.Canvas) -> None:
        canvas.save()
        canvas.clipPath(clip, doAntiAlias=True)
        canvas.drawPath(path, paint)
        canvas.restore()

    return draw


def _clipped_stroke(clip: skia.Path, path: skia.Path, color: RGB, width: float):
    paint = Drawing.paint(color)
    paint.setStyle(skia.Paint.kStroke_Style)
    paint.setStrokeWidth(width)
    paint.setStrokeCap(skia.Paint.kRound_Cap)

    def draw(canvas: skia.Canvas) -> None:
        canvas.save()
        canvas.clipPath(clip, doAntiAlias=True)
        canvas.drawPath(path, paint)
        canvas.restore()

    return draw


def _crest(x: float, y: float, w: float, s: float):
    """A breaking crest ``w`` wide standing on ``y``, curling over to side ``s`` (+1, -1).

    The back slope rises to the top and rolls forward into a lip that curls under
    itself; the front face falls back to the water. Returns the shape and its lines
    (the outline without its base, a line along the back slope and the curl).
    """
    h = 0.55 * w
    raw = [
        (-0.62, 0.0),
        (-0.4, -0.35),
        (-0.12, -0.78),
        (0.16, -0.95),
        (0.4, -0.8),
        (0.44, -0.55),
        (0.3, -0.42),
        (0.18, -0.5),
        (0.22, -0.28),
        (0.4, -0.1),
        (0.62, 0.0),
    ]
    pts = np.asarray([(x + s * w * u, y + h * v) for u, v in raw])
    if s < 0:
        pts = pts[::-1]
    shape = smooth_path(pts, closed=True, tension=0.85)
    top = smooth_path(pts, closed=False, tension=0.85)  # the outline but its base
    slope = np.asarray(
        [
            (x + s * w * u, y + h * v)
            for u, v in ((-0.45, -0.08), (-0.2, -0.45), (0.05, -0.68), (0.22, -0.74))
        ]
    )
    th = np.linspace(0.0, 1.7 * math.pi, 20)
    r = 0.2 * h * (1.0 - th / (2.4 * math.pi))
    cx, cy = x + s * 0.3 * w, y - 0.62 * h
    curl = np.stack([cx + s * r * np.cos(th), cy + r * np.sin(th)], axis=1)
    return shape, top, [slope, curl]


def _sea(p: HaishuiParams, t, d: Drawing, crest: float, rng) -> None:
    """The water body with flowing lines, and rows of breaking crests, periodic across."""
    lw = p.line_width
    n = p.waves
    w = 1.0 / n
    # The water body: from just under the crests down over the stripes' top edge.
    body = skia.Path()
    body.addRect(-1.0, crest - 0.02, 2.0, crest + 0.1)
    d.fill(body, t["water"])
    lines = skia.Path()
    for k in range(1, 6):
        y0 = crest + 0.018 * k
        xs = np.linspace(-1.0, 2.0, 6 * 3 * n + 1)
        ys = y0 + 0.006 * np.sin(2 * math.pi * n * xs + 1.3 * k)
        lines.addPath(smooth_path(np.stack([xs, ys], 1), closed=False))
    d.stroke(lines, t["line"], 0.8 * lw)
    # Back row (lighter, offset by half a wave), then the front row.
    for shade, scale, dy, offset in (
        (t["water_back"], 0.8, -0.035, 0.5),
        (t["water"], 1.0, 0.0, 0.0),
    ):
        jit = rng.normal(0.0, 0.05, n)
        for i in range(-n, 2 * n + 1):
            x = (i + offset) * w + 0.15 * w * jit[i % n]
            y = crest + dy + 0.012 * jit[i % n]
            # Crests curl away from the middle of each repeat, towards its edges.
            side = -1.0 if (x - math.floor(x)) < 0.5 else 1.0
            shape, top, lns = _crest(x, y, w * scale * (1.0 + 0.1 * jit[i % n]), side)
            d.fill(shape, shade)
            path = skia.Path()
            for ln in lns:
                path.addPath(smooth_path(ln, closed=False))
            d.stroke(path, t["line"], lw)
            d.stroke(top, t["line"], 1.2 * lw)
    if p.spray > 0:
        dots = skia.Path()
        count = int(36 * p.spray)
        xs = rng.random(count)
        ys = crest - 0.05 - 0.1 * rng.random(count)
        rs = 0.003 + 0.005 * rng.random(count)
        for x, y, r in zip(xs, ys, rs, strict=True):
            for shift in (-1.0, 0.0, 1.0):
                dots.addCircle(float(x + shift), float(y), float(r))
        d.fill(dots, t["line"])


@operator(
    "ornament.haishui",
    kind="vector",
    version=1,
    tags=(
        "sea and mountain",
        "waves",
        "hem border",
        "dragon robe",
        "standing water",
        "海水江崖",
        "海水江牙",
        "立水",
        "寿山福海",
        "江山",
    ),
)
def haishui(p: HaishuiParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Haishui jiangya (海水江崖): diagonal standing water, rolling waves and rock peaks.

    The hem of a Qing court robe, in three layers drawn back to front. Standing
    water (立水): slanting, gently waved bands that cycle through palette roles 1 to
    ``stripe_roles``, each with two light lines and a line between bands. Rock
    peaks (江崖): one, three or five pillars rising from the sea, the main one in
    the middle, each with a dark flank, an accent band and strata lines clipped to
    its outline. Rolling waves (卧浪): two rows of mounds whose crests curl over
    alternately left and right, with nested water lines, a spiral curl under each
    lip and a scatter of spray. The stripes and waves repeat with period 1 across
    (their random variation repeats with the row), so the motif also serves as a
    running hem band; the generator sways the waves, the peaks and the spray.

    Meaning: 海水江崖 "sea water and river cliffs": the mountain in the sea is the
    unshakeable realm and long life (寿山福海, "mountain of longevity, sea of
    blessing"), the waves an endless dynasty (江山永固). Pair with dragons and
    clouds above it (``ornament.xiangyun``), with bats (福) and with the 卍 fret.

    References
    ----------
    Vollmer 1977, *In the Presence of the Dragon Throne: Ch'ing Dynasty Costume*,
    Royal Ontario Museum (the sea-wave hem, 海水江崖); Wilson 1986, *Chinese Dress*,
    V&A; Bartholomew 2006, *Hidden Meanings in Chinese Art*, s.v. waves, mountain.
    """
    return sea(p, palette, rng)


def sea(
    p: HaishuiParams,
    palette: Palette,
    rng: np.random.Generator,
    bounds: tuple[float, float, float, float] = (0.0, 0.0, 1.0, 1.0),
) -> Drawing:
    """The sea over any window of the plane (the operator draws the unit box).

    Everything repeats with period 1 across, so windows shifted by whole units show
    the same picture; ``bounds`` other than the unit box serve the seam tests.
    """
    t = tones(p, palette)
    d = Drawing(bounds)
    crest = p.horizon
    _stripes(p, t, d, crest + 0.07, rng)
    _rocks(p, t, d, crest, rng)
    _sea(p, t, d, crest, rng)
    return d
