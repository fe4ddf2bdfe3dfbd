"""Strange attractors: density prints of 2-D chaotic maps (silky veils and feathers)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.curves._density import (
    Fit,
    accumulate,
    box_bounds,
    box_grid,
    log_tone,
    orbit_batches,
    symmetric_copies,
)
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.ops._common.grid import GridSpec
    from foulard.render.evaluate import GridCall

MAPS = ("clifford", "dejong", "svensson", "henon", "ikeda")

#: Named attractors: (map, a, b, c, d).
PRESETS: dict[str, tuple[str, float, float, float, float]] = {
    "clifford_veil": ("clifford", -1.4, 1.6, 1.0, 0.7),
    "clifford_wings": ("clifford", 1.7, 1.7, 0.6, 1.2),
    "clifford_silk": ("clifford", -1.7, 1.3, -0.1, -1.21),
    "dejong_smoke": ("dejong", 1.4, -2.3, 2.4, -2.1),
    "dejong_feather": ("dejong", -2.7, -0.09, -0.86, -2.2),
    "dejong_wave": ("dejong", 2.01, -2.53, 1.61, -0.33),
    "svensson_ribbon": ("svensson", -0.91, -1.29, -1.97, -1.56),
    "svensson_bloom": ("svensson", 1.5, -1.8, 1.6, 0.9),
    "henon": ("henon", 1.4, 0.3, 0.0, 0.0),
    "ikeda": ("ikeda", 0.9, 0.0, 0.0, 0.0),
}
_ORBITS = 8192
_BURN_IN = 64
_BATCH = 48  # steps of every orbit binned at a time


@dataclass(frozen=True)
class StrangeAttractorParams(Params):
    preset: str = param(
        "clifford_veil",
        choices=(*PRESETS, "custom"),
        doc="a named map and coefficients; 'custom' uses map and a to d",
    )
    map: str = param("clifford", choices=MAPS, doc="the map iterated (custom)")
    a: float = param(-1.4, range=(-3.0, 3.0), doc="coefficient a (custom; Ikeda: u)")
    b: float = param(1.6, range=(-3.0, 3.0), doc="coefficient b (custom)")
    c: float = param(1.0, range=(-3.0, 3.0), doc="coefficient c (custom)")
    d: float = param(0.7, range=(-7.0, 7.0), doc="coefficient d (custom)")
    samples: float = param(
        3.0, range=(0.1, 12.0), doc="points plotted, in millions (more: smoother)"
    )
    detail: int = param(
        640, range=(64, 1536), doc="density cells per design unit (the grid, not the output)"
    )
    gamma: float = param(1.6, range=(0.5, 5.0), doc="brightening of faint regions")
    symmetry: int = param(1, range=(1, 12), doc="copies turned about the centre (mandala)")
    size: float = param(
        0.86, range=(0.02, 2.0), doc="side of the square the figure fills", unit="design units"
    )
    cx: float = param(0.5, range=(-2.0, 3.0), doc="centre, across", unit="design units")
    cy: float = param(0.5, range=(-2.0, 3.0), doc="centre, down", unit="design units")


def coefficients(p: StrangeAttractorParams) -> tuple[str, float, float, float, float]:
    """The map and its coefficients, from the preset or the custom parameters."""
    return PRESETS[p.preset] if p.preset != "custom" else (p.map, p.a, p.b, p.c, p.d)


def step(name: str, a: float, b: float, c: float, d: float, x: np.ndarray, y: np.ndarray):
    """One application of the map to arrays of points."""
    if name == "clifford":
        return np.sin(a * y) + c * np.cos(a * x), np.sin(b * x) + d * np.cos(b * y)
    if name == "dejong":
        return np.sin(a * y) - np.cos(b * x), np.sin(c * x) - np.cos(d * y)
    if name == "svensson":
        return d * np.sin(a * x) - np.sin(b * y), c * np.cos(a * x) + np.cos(b * y)
    if name == "henon":
        return 1.0 - a * x * x + y, b * x
    t = 0.4 - 6.0 / (1.0 + x * x + y * y)  # Ikeda, u = a
    ct, st = np.cos(t), np.sin(t)
    return 1.0 + a * (x * ct - y * st), a * (x * st + y * ct)


def density(p: StrangeAttractorParams, rng: np.random.Generator, grid: GridSpec) -> np.ndarray:
    """Visit counts of the attractor on ``grid``.

    Many orbits run in parallel from random starts; after a burn-in, a first
    batch of points fixes the fit into the box, then every point (with its
    turned copies) is binned, batch by batch, so memory stays small. Orbits that
    run away (an unbounded custom map) are dropped.
    """
    name, a, b, c, d = coefficients(p)
    per_orbit = max(1, math.ceil(p.samples * 1e6 / (_ORBITS * p.symmetry)))
    x = rng.uniform(-0.1, 0.1, _ORBITS)
    y = rng.uniform(-0.1, 0.1, _ORBITS)
    counts = np.zeros((grid.height, grid.width))
    fitted = None
    # The trigonometric maps stay within 1 + |c| (or |d| + 1); the others may run away.
    unbounded = name in ("henon", "ikeda")

    def recorded(x, y):
        x, y = step(name, a, b, c, d, x, y)
        if unbounded:  # runaway orbits become nan and stay so (dropped when binned)
            x = np.where(np.abs(x) < 1e6, x, np.nan)
            y = np.where(np.abs(y) < 1e6, y, np.nan)
        return x, y

    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(_BURN_IN):
            x, y = step(name, a, b, c, d, x, y)
        for xs, ys in orbit_batches(recorded, (x, y), per_orbit, _BATCH):
            if fitted is None:  # the first batch fixes the centre of turning and the fit
                centre = (float(np.nanmean(xs)), float(np.nanmean(ys)))
                u, v = symmetric_copies(xs, ys, p.symmetry, centre)
                fitted = Fit(u, v, p.cx, p.cy, p.size)
            else:
                u, v = symmetric_copies(xs, ys, p.symmetry, centre)
            accumulate(counts, grid, fitted, u, v)
    return counts


@operator(
    "curves.strange_attractor",
    kind="grid",
    version=1,
    output="value",
    grid=box_grid,
    bounds=box_bounds,
    tags=(
        "strange attractor",
        "chaos",
        "clifford",
        "de jong",
        "veil",
        "silk",
        "smoke",
        "奇异吸引子",
        "混沌",
        "烟纱",
    ),
)
def strange_attractor(p: StrangeAttractorParams, call: GridCall) -> np.ndarray:
    """Strange attractor: the visit density of a 2-D chaotic map, log tone-mapped.

    Maps: Clifford x' = sin(a y) + c cos(a x), y' = sin(b x) + d cos(b y);
    Peter de Jong x' = sin(a y) - cos(b x), y' = sin(c x) - cos(d y); Johnny
    Svensson x' = d sin(a x) - sin(b y), y' = c cos(a x) + cos(b y); Hénon
    x' = 1 - a x^2 + y, y' = b x; Ikeda x' = 1 + u (x cos t - y sin t),
    y' = u (x sin t + y cos t), t = 0.4 - 6 / (1 + x^2 + y^2). Thousands of
    orbits run in parallel from random starts (after a burn-in) and every point
    is binned on the operator's own grid (``detail`` cells per design unit); the
    density is shown as log(1 + n) / log(1 + n_ref) to the power 1 / gamma, which
    brings out the silky folds of the attractor. ``symmetry`` overlays copies
    turned about the centre. The cloud is fitted into the ``size`` box.

    References
    ----------
    Pickover 1994, *Chaos in Wonderland*, St. Martin's Press (Clifford maps).
    Hénon 1976, "A two-dimensional mapping with a strange attractor",
    *Communications in Mathematical Physics* 50, pp. 69-77.
    Ikeda 1979, *Optics Communications* 30(2), pp. 257-261; Bourke, "Peter de
    Jong attractors" and "Johnny Svensson attractors", paulbourke.net/fractals.
    """
    counts = density(p, call.rng, call.grid)
    return log_tone(counts, gamma=p.gamma).astype(np.float32)
