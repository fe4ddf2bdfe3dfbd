"""Worley (cellular) noise: distances to jittered feature points, one per cell."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy.spatial import cKDTree

from foulard.ops._common.chunks import in_chunks
from foulard.ops._common.geometry import wrap01
from foulard.ops.params import Params, param
from foulard.ops.registry import operator

if TYPE_CHECKING:
    from foulard.render.evaluate import Call

_PAD = 3  # wrapped cells kept around the table: enough for every search radius used


@dataclass(frozen=True)
class WorleyNoiseParams(Params):
    cells: int = param(
        10, range=(1, 256), doc="cells across the unit square (the noise tiles with it)"
    )
    feature: str = param(
        "f1",
        choices=("f1", "f2", "f2_minus_f1"),
        doc="nearest distance (cells), second nearest (soft cells), or their difference (veins)",
    )
    metric: str = param(
        "euclidean",
        choices=("euclidean", "manhattan", "chebyshev"),
        doc="how distance is measured (round, diamond or square cells)",
    )
    jitter: float = param(
        0.9, range=(0.0, 1.0), doc="how far feature points stray from cell centres (0: a grid)"
    )


_MINKOWSKI = {"euclidean": 2.0, "manhattan": 1.0, "chebyshev": np.inf}


def _prepare(p: WorleyNoiseParams, rng: np.random.Generator):
    n = p.cells
    off = rng.random((n, n, 2))
    # Feature point of each cell, in cell units relative to the cell's corner.
    fx = 0.5 + p.jitter * (off[..., 0] - 0.5)
    fy = 0.5 + p.jitter * (off[..., 1] - 0.5)
    # F2 - F1 at q is at most the distance from q's nearest point to *its* nearest
    # neighbour (triangle inequality), and equals it at that point: so the largest
    # nearest-neighbour distance is the exact maximum of F2 - F1.
    iy, ix = np.mgrid[0:n, 0:n]
    pts = np.stack([(ix + fx).ravel(), (iy + fy).ravel()], axis=-1)
    shifts = [(dx * n, dy * n) for dy in (-1, 0, 1) for dx in (-1, 0, 1)]
    tiled = np.concatenate([pts + np.array(d) for d in shifts])
    nn, _ = cKDTree(tiled).query(pts, k=2, p=_MINKOWSKI[p.metric])
    crackle_max = float(nn[:, 1].max())
    fx = np.pad(fx, _PAD, mode="wrap").astype(np.float32)
    fy = np.pad(fy, _PAD, mode="wrap").astype(np.float32)
    return fx.ravel(), fy.ravel(), crackle_max


def _distance(dx: np.ndarray, dy: np.ndarray, metric: str) -> np.ndarray:
    if metric == "euclidean":
        return dx * dx + dy * dy  # squared; rooted at the end
    if metric == "manhattan":
        return np.abs(dx) + np.abs(dy)
    return np.maximum(np.abs(dx), np.abs(dy))


def _search(
    px, py, stride, base, fx, fy, metric, ring, f1=None, f2=None
) -> tuple[np.ndarray, np.ndarray]:
    """Update (F1, F2) with the cells at Chebyshev distance ``<= ring`` (or == ring)."""
    if f1 is None:
        f1 = np.full(fx.shape, np.inf, np.float32)
        f2 = np.full(fx.shape, np.inf, np.float32)
        offsets = [(ox, oy) for oy in range(-ring, ring + 1) for ox in range(-ring, ring + 1)]
    else:
        offsets = [
            (ox, oy)
            for oy in range(-ring, ring + 1)
            for ox in range(-ring, ring + 1)
            if max(abs(ox), abs(oy)) == ring
        ]
    for ox, oy in offsets:
        k = base + (oy * stride + ox)
        dx = px[k] + np.float32(ox) - fx
        dy = py[k] + np.float32(oy) - fy
        d = _distance(dx, dy, metric)
        np.minimum(f2, np.maximum(f1, d), out=f2)
        np.minimum(f1, d, out=f1)
    return f1, f2


def worley(state, p: WorleyNoiseParams, x: np.ndarray, y: np.ndarray):
    """Exact (F1, F2) in cell units at design points (float32, metric distances)."""
    px, py = state[:2]
    n = p.cells
    shape = np.shape(x)
    u = wrap01(np.ravel(x)) * n
    v = wrap01(np.ravel(y)) * n
    ix = np.floor(u)
    iy = np.floor(v)
    fx = (u - ix).astype(np.float32)
    fy = (v - iy).astype(np.float32)
    stride = n + 2 * _PAD
    base = (iy.astype(np.intp) + _PAD) * stride + (ix.astype(np.intp) + _PAD)
    f1, f2 = _search(px, py, stride, base, fx, fy, p.metric, 1)
    # A point outside the searched block is at least `gap` away along one axis, and
    # every metric is at least that; where F2 is further than that, widen the
    # search for those points only (rare: about 1e-4 of them at full jitter).
    margin = np.float32(0.5 * (1.0 - p.jitter))
    ring = 1
    todo = None
    while True:
        gap = np.minimum(np.minimum(fx, 1 - fx), np.minimum(fy, 1 - fy)) + (ring + margin)
        limit = gap * gap if p.metric == "euclidean" else gap
        bad = f2 > limit if todo is None else f2[todo] > limit[todo]
        todo = np.flatnonzero(bad) if todo is None else todo[bad]
        if todo.size == 0 or ring >= _PAD:
            break
        ring += 1
        a, b = _search(
            px, py, stride, base[todo], fx[todo], fy[todo], p.metric, ring, f1[todo], f2[todo]
        )
        f1[todo] = a
        f2[todo] = b
    if p.metric == "euclidean":
        np.sqrt(f1, out=f1)
        np.sqrt(f2, out=f2)
    return f1.reshape(shape), f2.reshape(shape)


def bounds(p: WorleyNoiseParams) -> tuple[float, float]:
    """Largest possible F1 and F2 (cell units) for the jitter and metric."""
    b = 0.5 * (1.0 + p.jitter)  # farthest a cell's point lies from either cell edge
    # F1: the own cell's point. F2: the farther of that and the point of the
    # neighbour beside the nearer half of the cell (at most 0.5 + b and b away).
    far = (b, b), (0.5 + b, b)
    if p.metric == "euclidean":
        d = [math.hypot(*ab) for ab in far]
    elif p.metric == "manhattan":
        d = [sum(ab) for ab in far]
    else:
        d = [max(ab) for ab in far]
    return d[0], max(d)


@operator(
    "fields.worley_noise",
    kind="field",
    version=1,
    output="value",
    prepare=_prepare,
    periods=lambda p: [(1.0, 0.0), (0.0, 1.0)],
    tags=("noise", "cellular", "voronoi", "cells", "crackle", "veins", "细胞噪声", "噪声"),
    example_params={"feature": "f2_minus_f1"},
)
def worley_noise(p: WorleyNoiseParams, call: Call) -> np.ndarray:
    """Worley cellular noise: distance to the nearest feature points (cells, veins).

    One feature point per lattice cell, jittered from the centre by up to
    ``jitter`` of a cell (drawn once in ``prepare``). F1 is the distance to the
    nearest point (a Voronoi cell look), F2 to the second nearest, and F2 - F1 is
    zero on the Voronoi edges (crackle, veins). The 3 x 3 block of cells around
    each point is searched in vectorised form; the few points whose F2 could lie
    beyond it are searched further, so the result is exact. The lattice wraps, so
    the field tiles the unit square. F1 and F2 are divided by the largest distance
    the jitter allows, F2 - F1 by its exact maximum (the largest distance from a
    feature point to its nearest neighbour), so values lie in [0, 1].

    References
    ----------
    Worley 1996, "A cellular texture basis function", SIGGRAPH.
    """
    return in_chunks(_value, call.x, call.y, call.state, p)


def _value(x: np.ndarray, y: np.ndarray, state, p: WorleyNoiseParams) -> np.ndarray:
    f1, f2 = worley(state, p, x, y)
    b1, b2 = bounds(p)
    if p.feature == "f1":
        out = f1 * np.float32(1.0 / b1)
    elif p.feature == "f2":
        out = f2 * np.float32(1.0 / b2)
    else:
        out = (f2 - f1) * np.float32(1.0 / state[2])
    return np.minimum(out, np.float32(1.0))
