"""Brush strokes: calligraphic marks along splines with pressure, flat nibs and dry bristles."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import skia

from foulard.ops._common.drawing import Drawing
from foulard.ops._common.palette import Palette
from foulard.ops._common.shapes import Sketch, catmull_rom_points
from foulard.ops.ornament._west import fit, normals, poly_path, resample
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class BrushStrokesParams(Params):
    gesture: str = param(
        "sweep",
        choices=("sweep", "scatter", "enso"),
        doc="long sweeping strokes, short marks tossed about, or one ensō circle",
    )
    brush: str = param(
        "dry",
        choices=("round", "flat", "dry"),
        doc="round brush (pressure taper), flat nib (width follows direction), or dry "
        "brush (bristle streaks that break up as the ink runs out)",
    )
    strokes: int = param(5, range=(1, 16), doc="strokes (sweep and scatter)")
    width: float = param(0.07, range=(0.01, 0.2), doc="full stroke width", unit="motif units")
    pressure: float = param(0.6, range=(0.0, 1.0), doc="how much the width swells and tapers")
    bristles: int = param(18, range=(4, 48), doc="bristles of the dry brush")
    dryness: float = param(0.5, range=(0.0, 1.0), doc="how much a dry stroke breaks up")
    nib_angle: float = param(40.0, range=(-90.0, 90.0), doc="angle of the flat nib", unit="degrees")
    colors: int = param(3, range=(1, 5), doc="palette roles used, from first_color on")
    first_color: int = param(1, range=(0, 47), doc="palette role of the first stroke")


def tones(p: BrushStrokesParams, palette: Palette) -> dict[str, RGB]:
    """The colours of the strokes: ``colors`` roles from ``first_color`` (ink ``c{i}``)."""
    return {f"c{i}": palette.role(p.first_color + i) for i in range(p.colors)}


def _spine(p: BrushStrokesParams, rng: np.random.Generator, k: int) -> np.ndarray:
    """The centre line of stroke ``k`` (a smooth polyline, dense)."""
    if p.gesture == "enso":
        start = rng.uniform(0, 2 * math.pi)
        sweep = 2 * math.pi * rng.uniform(0.82, 0.95)
        a = start + np.linspace(0.0, sweep, 60)
        r = 0.36 * (1.0 + 0.04 * np.sin(3 * a + rng.uniform(0, 6)))
        pts = np.stack([0.5 + r * np.cos(a), 0.5 + r * np.sin(a)], axis=1)
        return resample(pts, 240)
    if p.gesture == "scatter":
        c = rng.uniform(0.15, 0.85, 2)
        angle = rng.uniform(0, 2 * math.pi)
        length = rng.uniform(0.12, 0.28)
        bend = rng.normal(0.0, 0.25)
        t = np.linspace(-0.5, 0.5, 4)
        ctrl = np.stack([t * length, bend * length * (0.25 - t * t)], axis=1)
        rot = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
        ctrl = ctrl @ rot.T + c
        return resample(catmull_rom_points(ctrl, 120), 160)
    # sweep: left to right, each stroke in its own band, in one gentle arc.
    y = (k + 0.5) / p.strokes
    x0 = rng.uniform(0.0, 0.2)
    x1 = rng.uniform(0.8, 1.0)
    xs = np.linspace(x0, x1, 4)
    lift = rng.normal(0.0, 0.5 / p.strokes + 0.05)
    tilt = rng.normal(0.0, 0.3 / p.strokes + 0.03)
    u = np.linspace(-1.0, 1.0, 4)
    ys = y + tilt * u + lift * (1.0 - u * u) + rng.normal(0, 0.01, 4)
    return resample(catmull_rom_points(np.stack([xs, ys], axis=1), 200), 240)


def _widths(p: BrushStrokesParams, pts: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    s = np.linspace(0.0, 1.0, len(pts))
    attack = np.clip(s / 0.08, 0.0, 1.0) ** 0.5
    release = np.clip((1.0 - s) / (0.35 + 0.3 * rng.random()), 0.0, 1.0) ** 0.8
    swell = 1.0 + 0.25 * math.sin(rng.uniform(0, 6)) * np.sin(math.pi * s)
    press = (1.0 - p.pressure) + p.pressure * attack * release * swell
    w = p.width * press * (0.75 + 0.5 * rng.random())
    if p.brush == "flat":
        tan = np.gradient(pts, axis=0)
        heading = np.arctan2(tan[:, 1], tan[:, 0])
        nib = math.radians(p.nib_angle)
        w = w * (0.18 + 0.82 * np.abs(np.sin(heading - nib)))
    return np.maximum(w, 0.0015)


def _ribbon(pts: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """The outline between lateral offsets ``lo`` and ``hi`` along a centre line."""
    n = normals(pts)
    return np.vstack([pts + n * hi[:, None], (pts + n * lo[:, None])[::-1]])


def _dry(p, pts, w, rng) -> list[np.ndarray]:
    """Bristle streaks: thin ribbons that break up towards the end of the stroke."""
    out = []
    m = len(pts)
    s = np.linspace(0.0, 1.0, m)
    count = p.bristles
    edges = np.sort(rng.uniform(-1.0, 1.0, count - 1))
    edges = np.concatenate([[-1.0], edges, [1.0]])
    for b in range(count):
        lo_f, hi_f = edges[b], edges[b + 1]
        # Bristles separate as the brush dries: no gap where it is loaded.
        gap = (0.04 + 0.1 * p.dryness) * (hi_f - lo_f) * np.clip(s * 3.0, 0.0, 1.0)
        # Ink left in this bristle: a smooth random walk against a rising threshold.
        walk = np.cumsum(rng.normal(0.0, 1.0, m))
        walk = np.convolve(walk - walk.mean(), np.ones(9) / 9, mode="same")
        walk /= np.abs(walk).max() + 1e-9
        edge_dry = abs(0.5 * (lo_f + hi_f)) ** 2
        present = walk > (p.dryness * (2.4 * s**1.6 + 0.7 * edge_dry) - 1.0)
        present[: int(0.12 * m)] = True
        runs = np.flatnonzero(np.diff(np.concatenate([[0], present.astype(int), [0]])))
        for a, b_end in zip(runs[::2], runs[1::2], strict=True):
            if b_end - a < 3:
                continue
            seg = slice(a, b_end)
            lo = 0.5 * w[seg] * (lo_f + gap[seg])
            hi = 0.5 * w[seg] * (hi_f - gap[seg])
            out.append(_ribbon(pts[seg], lo, hi))
    return out


@operator(
    "ornament.brush_strokes",
    kind="vector",
    version=1,
    tags=(
        "brush",
        "brush stroke",
        "calligraphy",
        "ink",
        "enso",
        "dry brush",
        "expressive",
        "笔触",
        "书法",
        "飞白",
        "水墨",
        "圆相",
    ),
)
def brush_strokes(p: BrushStrokesParams, rng: np.random.Generator, palette: Palette) -> Drawing:
    """Brush strokes: marks along splines with a pressure profile, nib or bristles.

    Each stroke follows a Catmull-Rom spline (``sweep``: long strokes across the box,
    one band each; ``scatter``: short bent marks at random angles; ``enso``: one
    nearly closed circle). Its width follows a pressure curve, a quick attack, a
    swell and a long release taper, as a brush is pressed and lifted. A ``flat``
    nib makes the width depend on the stroke's direction against the nib angle,
    thick across it and thin along it (the broad-edged pen). A ``dry`` brush splits
    the stroke into ``bristles`` streaks whose ink runs out: each streak is present
    while a smoothed random walk stays above a threshold rising along the stroke
    (and towards its edges), leaving the broken white of flying-white (飞白) brush
    work. Strokes take ``colors`` palette roles in turn. Ink only: the ground stays
    clear.

    References
    ----------
    Strassmann 1986, "Hairy brushes", SIGGRAPH; Hsu & Lee 1994, "Drawing and
    animation using skeletal strokes", SIGGRAPH; Wong & Ip 2000, "Virtual brush: a
    model-based synthesis of Chinese calligraphy", *Computers & Graphics* 24.
    """
    t = tones(p, palette)
    d = Sketch()
    count = 1 if p.gesture == "enso" else p.strokes
    order = rng.permutation(p.colors)
    for k in range(count):
        pts = _spine(p, rng, k)
        w = _widths(p, pts, rng)
        colour = t[f"c{int(order[k % p.colors])}"]
        if p.brush == "dry":
            path = skia.Path()
            for poly in _dry(p, pts, w, rng):
                path.addPath(poly_path(poly, closed=True))
            d.fill(path, colour)
        else:
            d.fill(poly_path(_ribbon(pts, -0.5 * w, 0.5 * w), closed=True), colour)
    fit(d, 0.04)
    return d.finish()
