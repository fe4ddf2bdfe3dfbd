"""Iterated function systems by the chaos game: ferns, leaves, gaskets and dragons."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops._common.geometry import rotate
from foulard.ops.curves._density import (
    Fit,
    accumulate,
    box_bounds,
    box_grid,
    log_tone,
    orbit_batches,
)
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.ops._common.grid import GridSpec
    from foulard.render.evaluate import GridCall

_H = math.sqrt(3.0) / 2.0


def _pentaflake() -> list[tuple[float, ...]]:
    """Six maps scaling by 1 / (1 + phi): five round a pentagon, one in the middle."""
    k = 1.0 / (1.0 + (1.0 + math.sqrt(5.0)) / 2.0)
    out = [(k, 0.0, 0.0, k, 0.0, 0.0, 1.0)]
    for j in range(5):
        a = math.pi / 2 + 2 * math.pi * j / 5
        out.append((k, 0.0, 0.0, k, (1 - k) * math.cos(a), (1 - k) * math.sin(a), 1.0))
    return out


#: Affine maps (x, y) -> (a x + b y + e, c x + d y + f), rows (a, b, c, d, e, f, p),
#: mathematical y up.
PRESETS: dict[str, tuple[tuple[float, ...], ...]] = {
    "barnsley_fern": (
        (0.0, 0.0, 0.0, 0.16, 0.0, 0.0, 0.01),
        (0.85, 0.04, -0.04, 0.85, 0.0, 1.6, 0.85),
        (0.2, -0.26, 0.23, 0.22, 0.0, 1.6, 0.07),
        (-0.15, 0.28, 0.26, 0.24, 0.0, 0.44, 0.07),
    ),
    "maple_leaf": (
        (0.14, 0.01, 0.0, 0.51, -0.08, -1.31, 0.10),
        (0.43, 0.52, -0.45, 0.5, 1.49, -0.75, 0.35),
        (0.45, -0.49, 0.47, 0.47, -1.62, -0.74, 0.35),
        (0.49, 0.0, 0.0, 0.51, 0.02, 1.62, 0.20),
    ),
    "sierpinski_triangle": (
        (0.5, 0.0, 0.0, 0.5, 0.0, 0.0, 1.0),
        (0.5, 0.0, 0.0, 0.5, 0.5, 0.0, 1.0),
        (0.5, 0.0, 0.0, 0.5, 0.25, 0.5 * _H, 1.0),
    ),
    "sierpinski_carpet": tuple(
        (1 / 3, 0.0, 0.0, 1 / 3, i / 3, j / 3, 1.0)
        for i in range(3)
        for j in range(3)
        if (i, j) != (1, 1)
    ),
    "heighway_dragon": (
        (0.5, -0.5, 0.5, 0.5, 0.0, 0.0, 1.0),
        (-0.5, -0.5, 0.5, -0.5, 1.0, 0.0, 1.0),
    ),
    "spiral": (
        (0.787879, -0.424242, 0.242424, 0.859848, 1.758647, 1.408065, 0.90),
        (-0.121212, 0.257576, 0.151515, 0.05303, -6.721654, 1.377236, 0.05),
        (0.181818, -0.136364, 0.090909, 0.181818, 6.086107, 1.568035, 0.05),
    ),
    "tree": (
        (0.05, 0.0, 0.0, 0.6, 0.0, 0.0, 0.10),
        (0.05, 0.0, 0.0, -0.5, 0.0, 1.0, 0.10),
        (0.46, -0.321, 0.386, 0.383, 0.0, 0.6, 0.20),
        (0.47, -0.154, 0.171, 0.423, 0.0, 1.0, 0.20),
        (0.433, 0.275, -0.25, 0.476, 0.0, 1.0, 0.20),
        (0.421, 0.257, -0.353, 0.306, 0.0, 0.6, 0.20),
    ),
    "pentaflake": tuple(_pentaflake()),
}
_ORBITS = 8192
_BURN_IN = 32
_BATCH = 48


@dataclass(frozen=True)
class IFSParams(Params):
    preset: str = param("barnsley_fern", choices=tuple(PRESETS), doc="the maps of the system")
    samples: float = param(
        2.0, range=(0.1, 12.0), doc="points plotted, in millions (more: smoother)"
    )
    detail: int = param(
        640, range=(64, 1536), doc="density cells per design unit (the grid, not the output)"
    )
    gamma: float = param(2.0, range=(0.5, 5.0), doc="brightening of faint regions")
    size: float = param(
        0.86, range=(0.02, 2.0), doc="side of the square the figure fills", unit="design units"
    )
    rotation: float = param(0.0, range=(-360.0, 360.0), doc="turn of the figure", unit="degrees")
    cx: float = param(0.5, range=(-2.0, 3.0), doc="centre, across", unit="design units")
    cy: float = param(0.5, range=(-2.0, 3.0), doc="centre, down", unit="design units")


def maps(p: IFSParams) -> tuple[np.ndarray, np.ndarray]:
    """The maps' coefficients ``(k, 6)`` and their cumulative probabilities ``(k,)``."""
    rows = np.array(PRESETS[p.preset], np.float64)
    prob = rows[:, 6] / rows[:, 6].sum()
    return rows[:, :6], np.cumsum(prob)


def density(p: IFSParams, rng: np.random.Generator, grid: GridSpec) -> np.ndarray:
    """Visit counts of the chaos game on ``grid``.

    Thousands of points play at once: each step every point jumps by one map
    drawn with the map's probability. After a burn-in the points lie on the
    attractor (within rounding); the first batch fixes the fit into the box.
    """
    coef, cum = maps(p)
    per_orbit = max(1, math.ceil(p.samples * 1e6 / _ORBITS))
    x = rng.random(_ORBITS)
    y = rng.random(_ORBITS)
    counts = np.zeros((grid.height, grid.width))
    fitted = None

    def jump(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        k = np.minimum(np.searchsorted(cum, rng.random(_ORBITS), side="right"), len(cum) - 1)
        a, b, c, d, e, f = coef[k].T
        return a * x + b * y + e, c * x + d * y + f

    for _ in range(_BURN_IN):
        x, y = jump(x, y)
    for xs, ys in orbit_batches(jump, (x, y), per_orbit, _BATCH):
        u, v = rotate(xs, ys, -p.rotation)  # turned clockwise on the page (y down)
        if fitted is None:
            fitted = Fit(u, v, p.cx, p.cy, p.size)
        accumulate(counts, grid, fitted, u, v)
    return counts


@operator(
    "curves.ifs",
    kind="grid",
    version=1,
    output="value",
    grid=box_grid,
    bounds=box_bounds,
    tags=(
        "ifs",
        "chaos game",
        "barnsley fern",
        "fern",
        "maple leaf",
        "sierpinski",
        "fractal leaf",
        "迭代函数系统",
        "蕨叶",
        "谢尔宾斯基",
        "分形",
    ),
)
def ifs(p: IFSParams, call: GridCall) -> np.ndarray:
    """Iterated function system by the chaos game: the attractor of a set of affine maps.

    A point jumps again and again by one of the maps (x, y) -> (a x + b y + e,
    c x + d y + f), each drawn with its probability; the points it visits lie on
    the system's attractor, the unique set made of its own images under the
    maps. Presets: Barnsley's fern and maple leaf, the Sierpinski triangle and
    carpet, Heighway's dragon, a spiral, a tree and the pentaflake. The visit
    density is binned on the operator's own grid (``detail`` cells per design
    unit) and shown as log(1 + n) / log(1 + n_ref) to the power 1 / gamma; the
    figure is fitted into the ``size`` box and turned by ``rotation``.

    References
    ----------
    Barnsley 1988, *Fractals Everywhere*, Academic Press, ch. 3 and 9.
    Hutchinson 1981, "Fractals and self similarity", *Indiana University
    Mathematics Journal* 30(5), pp. 713-747.
    """
    counts = density(p, call.rng, call.grid)
    return log_tone(counts, gamma=p.gamma).astype(np.float32)
