"""Ink wash (水墨, sumi-e): wet ink spreading through the fibres of absorbent paper or silk."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy import ndimage
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import dijkstra

from foulard.ops._common.channels import as_value
from foulard.ops._common.grid import GridSpec
from foulard.ops.craft._dye import dye_rgba, role_param
from foulard.ops.params import Params, param
from foulard.ops.registry import Input, operator

if TYPE_CHECKING:
    from foulard.render.evaluate import GridCall

MARGIN = 0.1  # the grid covers the design and its hem band


@dataclass(frozen=True)
class InkWashParams(Params):
    cells: int = param(
        384, range=(96, 768), doc="grid cells across the design (more: finer feathers, slower)"
    )
    water: float = param(0.7, range=(0.0, 1.0), doc="how wet the brush was: how far the ink bleeds")
    spread: float = param(
        0.02, range=(0.002, 0.08), doc="how far wet ink can run", unit="design units"
    )
    fibres: float = param(
        0.7, range=(0.0, 1.0), doc="how strongly the paper's fibres guide the ink: feathering"
    )
    fibre_length: float = param(
        0.015, range=(0.003, 0.06), doc="length of the paper's fibres", unit="design units"
    )
    edge: float = param(
        0.5, range=(0.0, 1.0), doc="ink carried to the rim where the wet front stopped"
    )
    tones: float = param(
        0.5, range=(0.0, 1.0), doc="how much the brush's ink varies (dry brush, light wash)"
    )
    depth: float = param(1.0, range=(0.2, 2.5), doc="ink concentration where the brush was full")
    ink_color: int = role_param(1, "the ink")
    ground_color: int = role_param(0, "the paper or silk")


def _grid(p: InkWashParams) -> GridSpec:
    n = p.cells
    return GridSpec(-MARGIN, -MARGIN, 1.0 + MARGIN, 1.0 + MARGIN, n, n, periodic=False)


def fibre_map(p: InkWashParams, rng: np.random.Generator, n: int, cell: float) -> np.ndarray:
    """Permeability of the paper per cell: a felt of random fibres over a base.

    Fibres are short straight lines of random direction, drawn cell by cell; ink
    runs easily along them and slowly elsewhere, which gives the feathery,
    branching edges of ink on xuan paper.
    """
    perm = np.full((n, n), 1.0 - 0.9 * p.fibres, np.float32)
    length = max(2.0, p.fibre_length / cell)
    count = int(2.2 * n * n / length)
    x = rng.uniform(0, n, count)
    y = rng.uniform(0, n, count)
    a = rng.uniform(0, math.pi, count)
    steps = math.ceil(length)
    t = np.linspace(-0.5, 0.5, steps + 1) * length
    px = (x[:, None] + np.cos(a)[:, None] * t[None, :]).astype(np.int64) % n
    py = (y[:, None] + np.sin(a)[:, None] * t[None, :]).astype(np.int64) % n
    hits = np.bincount((py * n + px).ravel(), minlength=n * n).reshape(n, n)
    perm += np.float32(p.fibres) * hits
    return np.minimum(perm, 1.0 + 2.0 * p.fibres)


def spread_ink(p: InkWashParams, ink: np.ndarray, perm: np.ndarray, cell: float) -> np.ndarray:
    """Pigment left on the paper after the wet ink has run and dried.

    Wet ink soaks outward through the paper, fastest along the fibres: the time it
    takes to reach a cell is its shortest path from the inked cells, each step
    costing the inverse of the permeability there (Dijkstra on the cell graph), and
    a wetter brush gives the ink a head start. The front stops at ``spread``
    (times ``water``); the branching, feathery edge comes from the fibres. The ink
    that ran thins with the distance it went, and is left darker along the rim
    where the front stopped (``edge``).
    """
    n = ink.shape[0]
    reach = max(1.0, p.spread / cell * (0.3 + 0.7 * p.water))
    idx = np.arange(n * n).reshape(n, n)
    src = [idx[:, :-1].ravel(), idx[:-1].ravel()]
    dst = [idx[:, 1:].ravel(), idx[1:].ravel()]
    cost = [(2.0 / (perm[:, :-1] + perm[:, 1:])).ravel(), (2.0 / (perm[:-1] + perm[1:])).ravel()]
    # A source node joined to every inked cell; wetter ink starts ahead.
    wet = np.flatnonzero(ink.ravel() > 0.02)
    if wet.size == 0:
        return ink
    head = np.clip(ink.ravel()[wet], 0.0, 1.0) * p.water
    src.append(np.full(wet.size, n * n))
    dst.append(wet)
    cost.append(np.maximum(0.35 * reach * (1.0 - head), 1e-9))
    graph = coo_matrix(
        (np.concatenate(cost), (np.concatenate(src), np.concatenate(dst))),
        shape=(n * n + 1, n * n + 1),
    ).tocsr()
    t = dijkstra(graph, directed=False, indices=n * n, limit=1.2 * reach)[: n * n].reshape(n, n)
    # The ink nearby that feeds the run (its local level, not its area).
    sigma = max(0.7, 0.5 * reach)
    mask = (ink > 0.02).astype(np.float64)
    supply = ndimage.gaussian_filter(ink, sigma) / np.maximum(
        ndimage.gaussian_filter(mask, sigma), 1e-6
    )
    run = np.where(np.isfinite(t), np.clip(1.0 - t / reach, 0.0, 1.0), 0.0)
    bleed = 0.65 * supply * run**0.6
    width = 0.12 * reach + 0.7
    rim = np.where(np.isfinite(t), np.exp(-(((t - 0.92 * reach) / width) ** 2)), 0.0)
    rim *= p.edge * 0.6 * supply * (t <= reach)
    return np.maximum(ink, bleed) + rim


@operator(
    "craft.ink_wash",
    kind="grid",
    version=1,
    inputs=(
        Input(
            "ink",
            "what the brush laid down (alpha times darkness, or the value)",
            "motifs.plum_blossom",
            # Drawn in ink outline, as a plum blossom (墨梅) is painted.
            example_params={"petal_color": 0, "line_color": 1, "heart_color": 1, "outline": 0.02},
        ),
    ),
    output="rgba",
    grid=_grid,
    tags=(
        "ink wash",
        "sumi-e",
        "shuimo",
        "brush",
        "bleed",
        "feathering",
        "水墨",
        "晕染",
        "墨迹",
        "写意",
    ),
)
def ink_wash(p: InkWashParams, call: GridCall) -> np.ndarray:
    """Ink wash: wet ink runs through the fibres of absorbent paper, feathering as it dries.

    The input says where the brush laid ink (its darkness times its alpha, or its
    value), with a brush's uneven load (``tones``: dry-brush streaks and light
    washes). Water flows from wetter to drier paper only above a threshold and
    along a felt of random fibres (``fibres``, ``fibre_length``), so the spreading
    front branches and feathers; pigment travels with the water (``water``,
    ``spread``) and is left darker at the rim where a front stopped (``edge``).
    Computed on its own grid over the design and its hem band, ``cells`` across,
    and cached: the MoXi idea of ink on paper as fibre-guided flow, in a simple,
    fast form.

    References
    ----------
    Chu & Tai 2005, "MoXi: real-time ink dispersion in absorbent paper", ACM
    Transactions on Graphics 24(3) (SIGGRAPH).
    Curtis, Anderson, Seims, Fleischer & Salesin 1997, "Computer-generated
    watercolor", SIGGRAPH (edge darkening).
    """
    n = call.grid.width
    cell = call.grid.cell
    m = call.input("ink").astype(np.float64)
    if m.shape[-1] == 4:
        alpha = m[..., 3]
        light = as_value(m)[..., 0] / np.maximum(alpha, 1e-6)
        # Dark parts carry ink, light parts (the paper's own tone) none.
        ink = alpha * np.clip((1.0 - light) / 0.85, 0.0, 1.0)
    else:
        ink = as_value(m)[..., 0]
    rng = call.rng
    # The brush's load: streaks along a random stroke direction and broad light patches.
    angle = rng.uniform(0.0, 180.0)
    streak = ndimage.gaussian_filter(rng.standard_normal((n, n)), (0.7, 12.0))
    streak = ndimage.rotate(streak, angle, reshape=False, mode="wrap", order=1)
    patch = ndimage.gaussian_filter(rng.standard_normal((n, n)), n / 10.0, mode="wrap")
    load = 1.0 + p.tones * (
        0.1 * streak / max(float(streak.std()), 1e-9) + 0.45 * patch / max(float(patch.std()), 1e-9)
    )
    ink = np.clip(ink * np.clip(load, 0.15, 1.6), 0.0, 1.6)
    perm = fibre_map(p, rng, n, cell)
    pigment = spread_ink(p, ink, perm, cell)
    # Ink stains paper with diminishing returns: a full brush is not twice as dark.
    conc = p.depth * (1.0 - np.exp(-1.6 * pigment)) / (1.0 - math.exp(-1.6))
    return dye_rgba(call.palette, p.ground_color, [(p.ink_color, conc)])
