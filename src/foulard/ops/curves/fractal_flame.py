"""Fractal flames: non-linear IFS with variations, log-density tone mapping, palette colour."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.curves._density import (
    Fit,
    box_bounds,
    box_grid,
    cell_index,
    log_tone,
    orbit_batches,
    symmetric_copies,
)
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.ops._common.palette import Palette
    from foulard.render.evaluate import GridCall

VARIATIONS = (
    "linear",
    "sinusoidal",
    "spherical",
    "swirl",
    "horseshoe",
    "polar",
    "handkerchief",
    "heart",
    "disc",
    "spiral",
    "hyperbolic",
    "diamond",
    "julia",
    "bubble",
    "eyefish",
    "cylinder",
)
_ORBITS = 16384
_BURN_IN = 20
_BATCH = 24
_TRIES = 12
_JULIA = VARIATIONS.index("julia")


@dataclass(frozen=True)
class FractalFlameParams(Params):
    transforms: int = param(3, range=(2, 6), doc="affine transforms of the flame")
    variation: str = param(
        "mixed",
        choices=("mixed", *VARIATIONS),
        doc="the non-linear variation every transform applies (mixed: two of them at random)",
    )
    symmetry: int = param(1, range=(1, 12), doc="copies turned about the centre (rosette)")
    samples: float = param(
        2.0, range=(0.1, 8.0), doc="points plotted, in millions (more: smoother)"
    )
    detail: int = param(
        560, range=(64, 1536), doc="density cells per design unit (the grid, not the output)"
    )
    gamma: float = param(2.5, range=(0.5, 5.0), doc="brightening of faint regions")
    brightness: float = param(1.5, range=(0.2, 4.0), doc="scale of the ink's density")
    first_role: int = param(1, range=(0, 47), doc="palette role at colour index 0")
    roles: int = param(4, range=(1, 8), doc="palette roles the colour index runs through")
    size: float = param(
        0.86, range=(0.02, 2.0), doc="side of the square the flame fills", unit="design units"
    )
    cx: float = param(0.5, range=(-2.0, 3.0), doc="centre, across", unit="design units")
    cy: float = param(0.5, range=(-2.0, 3.0), doc="centre, down", unit="design units")


@dataclass(frozen=True)
class Flame:
    """A drawn flame: per transform its affine map, variation weights, weight, colour."""

    affine: np.ndarray  # (n, 6): a, b, c, d, e, f
    blend: np.ndarray  # (n, len(VARIATIONS)) variation weights
    cumulative: np.ndarray  # (n,) cumulative transform probabilities
    color: np.ndarray  # (n,) colour index of each transform


def variation(name: str, x: np.ndarray, y: np.ndarray, flip: np.ndarray):
    """Draves' variation ``name`` of points (x, y); ``flip`` (+-1) is julia's random half-turn."""
    if name == "linear":
        return x, y
    if name == "sinusoidal":
        return np.sin(x), np.sin(y)
    if name == "cylinder":
        return np.sin(x), y
    r2 = x * x + y * y + 1e-12
    r = np.sqrt(r2)
    if name == "spherical":
        return x / r2, y / r2
    if name == "swirl":
        s, c = np.sin(r2), np.cos(r2)
        return x * s - y * c, x * c + y * s
    if name == "horseshoe":
        return (x - y) * (x + y) / r, 2.0 * x * y / r
    if name == "bubble":
        k = 4.0 / (r2 + 4.0)
        return k * x, k * y
    if name == "eyefish":
        k = 2.0 / (r + 1.0)
        return k * x, k * y
    theta = np.arctan2(x, y)  # Draves' theta: atan(x / y)
    if name == "polar":
        return theta / math.pi, r - 1.0
    if name == "handkerchief":
        return r * np.sin(theta + r), r * np.cos(theta - r)
    if name == "heart":
        return r * np.sin(theta * r), -r * np.cos(theta * r)
    if name == "disc":
        k = theta / math.pi
        return k * np.sin(math.pi * r), k * np.cos(math.pi * r)
    if name == "spiral":
        return (np.cos(theta) + np.sin(r)) / r, (np.sin(theta) - np.cos(r)) / r
    if name == "hyperbolic":
        return np.sin(theta) / r, r * np.cos(theta)
    if name == "diamond":
        return np.sin(theta) * np.cos(r), np.cos(theta) * np.sin(r)
    half = 0.5 * theta  # julia: the square root, on a random one of its two branches
    sr = np.sqrt(r) * flip
    return sr * np.cos(half), sr * np.sin(half)


def draw_flame(p: FractalFlameParams, rng: np.random.Generator) -> Flame:
    """A random flame: affine coefficients in [-1, 1], variations as asked."""
    n = p.transforms
    affine = rng.uniform(-1.0, 1.0, (n, 6))
    blend = np.zeros((n, len(VARIATIONS)))
    for i in range(n):
        if p.variation == "mixed":
            pick = rng.choice(len(VARIATIONS), 2, replace=False)
            blend[i, pick] = rng.dirichlet([1.0, 1.0])
        else:
            blend[i, VARIATIONS.index(p.variation)] = 1.0
    weight = rng.uniform(0.3, 1.0, n)
    color = np.linspace(0.0, 1.0, n)
    return Flame(affine, blend, np.cumsum(weight / weight.sum()), rng.permutation(color))


def _step(flame: Flame, x, y, col, rng: np.random.Generator):
    """Every point jumps by one transform (drawn by weight); its colour moves halfway."""
    k = np.minimum(
        np.searchsorted(flame.cumulative, rng.random(x.size), side="right"), len(flame.color) - 1
    )
    nx, ny = np.empty_like(x), np.empty_like(y)
    for i in range(len(flame.color)):
        sel = np.flatnonzero(k == i)
        if sel.size == 0:
            continue
        a, b, c, d, e, f = flame.affine[i]
        u = a * x[sel] + b * y[sel] + e
        v = c * x[sel] + d * y[sel] + f
        ox, oy = np.zeros(sel.size), np.zeros(sel.size)
        for j in np.flatnonzero(flame.blend[i]):
            flip = np.where(rng.random(sel.size) < 0.5, -1.0, 1.0) if j == _JULIA else 1.0
            vx, vy = variation(VARIATIONS[j], u, v, flip)
            ox += flame.blend[i, j] * vx
            oy += flame.blend[i, j] * vy
        nx[sel], ny[sel] = ox, oy
    bad = ~(np.isfinite(nx) & np.isfinite(ny)) | (np.abs(nx) > 1e6) | (np.abs(ny) > 1e6)
    if bad.any():  # flam3's remedy for points thrown to infinity: start them afresh
        nx[bad] = rng.uniform(-1.0, 1.0, int(bad.sum()))
        ny[bad] = rng.uniform(-1.0, 1.0, int(bad.sum()))
    return nx, ny, 0.5 * (col + flame.color[k])


def _mass_share(x: np.ndarray, y: np.ndarray) -> float:
    """Share of a 32 x 32 box over the points' bulk that holds 80 % of them."""
    fit = Fit(x, y, 0.5, 0.5, 1.0)
    u, v = fit(x, y)
    ok = np.isfinite(u) & np.isfinite(v)
    gx = np.clip((u[ok] * 32).astype(np.int64), 0, 31)
    gy = np.clip((v[ok] * 32).astype(np.int64), 0, 31)
    counts = np.sort(np.bincount(gy * 32 + gx, minlength=1024))[::-1]
    if counts.sum() == 0:
        return 0.0
    return float(np.searchsorted(np.cumsum(counts), 0.8 * counts.sum()) + 1) / 1024.0


def choose_flame(p: FractalFlameParams, rng: np.random.Generator) -> Flame:
    """A flame that neither collapses to a few points nor smears into uniform fog.

    Random flames are drawn until a short trial run puts 80 % of its points in
    between 6 % and 35 % of its box (at most a dozen draws; the last is kept).
    """
    for _ in range(_TRIES):
        flame = draw_flame(p, rng)
        x = rng.uniform(-1.0, 1.0, 2048)
        y = rng.uniform(-1.0, 1.0, 2048)
        col = np.zeros(2048)
        xs, ys = [], []
        with np.errstate(all="ignore"):
            for i in range(_BURN_IN + 8):
                x, y, col = _step(flame, x, y, col, rng)
                if i >= _BURN_IN:
                    xs.append(x)
                    ys.append(y)
        if 0.06 <= _mass_share(np.concatenate(xs), np.concatenate(ys)) <= 0.35:
            break
    return flame


def gradient_table(palette: Palette, p: FractalFlameParams) -> np.ndarray:
    """``(256, 3)`` colours along the roles first_role, first_role + 1, ... (index 0 to 1)."""
    stops = np.array([palette.role(p.first_role + i) for i in range(p.roles)])
    if p.roles == 1:
        return np.repeat(stops, 256, axis=0)
    t = np.linspace(0.0, 1.0, 256) * (p.roles - 1)
    i0 = np.minimum(t.astype(np.int64), p.roles - 2)
    f = (t - i0)[:, None]
    return stops[i0] * (1.0 - f) + stops[i0 + 1] * f


@operator(
    "curves.fractal_flame",
    kind="grid",
    version=1,
    output="rgba",
    grid=box_grid,
    bounds=box_bounds,
    tags=(
        "fractal flame",
        "flame",
        "electric sheep",
        "apophysis",
        "smoke",
        "nebula",
        "silk",
        "分形火焰",
        "火焰",
        "星云",
    ),
)
def fractal_flame(p: FractalFlameParams, call: GridCall) -> np.ndarray:
    """Fractal flame: a non-linear IFS, log-density tone mapped, coloured by index.

    Each of ``transforms`` transforms is an affine map followed by a blend of
    Draves' variations (sinusoidal, spherical, swirl, horseshoe, polar,
    handkerchief, heart, disc, spiral, hyperbolic, diamond, julia, bubble,
    eyefish, cylinder, linear). The chaos game applies a transform drawn by
    weight at every step and moves the point's colour index halfway to the
    transform's colour; the visits are binned on the operator's own grid with
    their colours (the palette roles from ``first_role``, blended by index). A
    cell's opacity is its log density, log(1 + n) / log(1 + n_ref), to the power
    1 / gamma, times ``brightness``; its colour the mean of its points' colours.
    The flame is drawn at random from the node's generator (``transforms``,
    ``variation``); draws that collapse or fog over are refused. ``symmetry``
    turns copies about the centre, as the flame's rotational symmetry.

    References
    ----------
    Draves & Reckase 2003, "The fractal flame algorithm", flam3.com/flame.pdf
    (revised 2008).
    """
    rng = call.rng
    flame = choose_flame(p, rng)
    grid = call.grid
    cells = grid.height * grid.width
    counts = np.zeros(cells)
    sums = np.zeros((3, cells))
    table = gradient_table(call.palette, p)
    batch = max(1, _BATCH // p.symmetry)
    per_orbit = max(1, math.ceil(p.samples * 1e6 / (_ORBITS * p.symmetry)))
    x = rng.uniform(-1.0, 1.0, _ORBITS)
    y = rng.uniform(-1.0, 1.0, _ORBITS)
    col = rng.random(_ORBITS)
    fitted = None

    def step(x, y, col):
        return _step(flame, x, y, col, rng)

    with np.errstate(all="ignore"):
        for _ in range(_BURN_IN):
            x, y, col = step(x, y, col)
        for xs, ys, cs in orbit_batches(step, (x, y, col), per_orbit, batch):
            if fitted is None:  # the first batch fixes the centre of turning and the fit
                centre = (float(np.median(xs)), float(np.median(ys)))
                u, v = symmetric_copies(xs, ys, p.symmetry, centre)
                fitted = Fit(u, v, p.cx, p.cy, p.size)
            else:
                u, v = symmetric_copies(xs, ys, p.symmetry, centre)
            idx, ok = cell_index(grid, fitted, u, v)
            shade = np.tile(np.clip((cs * 255.0).astype(np.int64), 0, 255), p.symmetry)
            shade = shade[ok]
            counts += np.bincount(idx, minlength=cells)
            for ch in range(3):
                sums[ch] += np.bincount(idx, weights=table[shade, ch], minlength=cells)
    alpha = np.clip(log_tone(counts, gamma=p.gamma) * p.brightness, 0.0, 1.0)
    out = np.zeros((cells, 4), np.float32)
    seen = counts > 0
    out[seen, :3] = (sums[:, seen] / counts[seen] * alpha[seen]).T
    out[:, 3] = alpha
    return out.reshape(grid.height, grid.width, 4)
