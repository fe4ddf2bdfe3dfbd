"""Blue-noise point sets on the unit torus (Bridson's algorithm, variable radius)."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

__all__ = ["GridField", "poisson_torus", "unit_torus"]


def unit_torus(a: np.ndarray) -> np.ndarray:
    """Coordinates wrapped into [0, 1) (``% 1.0`` alone can round up to exactly 1)."""
    a = np.asarray(a, np.float64) - np.floor(a)
    a[a >= 1.0] = 0.0
    return a


class GridField:
    """A periodic scalar field given on an ``m x m`` grid of cell centres (bilinear)."""

    def __init__(self, values: np.ndarray):
        self.values = np.asarray(values, np.float64)
        self.m = self.values.shape[0]

    def __call__(self, pts: np.ndarray) -> np.ndarray:
        m = self.m
        gx = np.mod(pts[..., 0], 1.0) * m - 0.5
        gy = np.mod(pts[..., 1], 1.0) * m - 0.5
        x0 = np.floor(gx)
        y0 = np.floor(gy)
        fx, fy = gx - x0, gy - y0
        i0 = x0.astype(np.intp) % m
        j0 = y0.astype(np.intp) % m
        i1, j1 = (i0 + 1) % m, (j0 + 1) % m
        v = self.values
        top = v[j0, i0] * (1 - fx) + v[j0, i1] * fx
        bot = v[j1, i0] * (1 - fx) + v[j1, i1] * fx
        return top * (1 - fy) + bot * fy


def poisson_torus(
    rng: np.random.Generator,
    radius: Callable[[np.ndarray], np.ndarray] | float,
    r_min: float,
    r_max: float,
    *,
    rounds: int = 16,
) -> tuple[np.ndarray, np.ndarray]:
    """Points on the unit torus no closer than the mean of their two radii.

    ``radius(points) -> radii`` (or a constant) gives the spacing wanted at each
    point, within ``[r_min, r_max]``. Returns points ``(n, 2)`` in [0, 1) and their
    radii; every pair satisfies ``|p - q| >= (r_p + r_q) / 2`` on the torus.

    Darts are thrown in parallel (Wei 2008): a background grid of cells narrower
    than ``r_min / sqrt(2)`` holds at most one point each; its cells are split into
    k x k phase groups whose cells are at least ``r_max`` apart, so one dart per
    free cell of a group can be tested at once against the points already placed
    around it and accepted together. Rounds over all groups continue until one
    adds (nearly) nothing, or ``rounds`` have run: a maximal, blue-noise set.
    """
    r_min = float(r_min)
    r_max = max(float(r_max), r_min)
    if callable(radius):
        rfun = radius
    else:
        value = float(radius)

        def rfun(pts: np.ndarray) -> np.ndarray:
            return np.full(len(pts), value)

    g0 = math.floor(math.sqrt(2.0) / r_min) + 1
    reach = math.ceil(r_max * g0)  # neighbour cells that can hold a conflicting point
    k = reach + 1
    g = k * math.ceil(g0 / k)  # whole phase groups around the torus
    reach = min(math.ceil(r_max * g), g // 2)
    k = max(k, reach + 1)
    g = k * math.ceil(g / k)
    occ = -np.ones(g * g, np.int64)
    pts = np.zeros((g * g + 1, 2), np.float64)
    rad = np.zeros(g * g + 1, np.float64)
    n = 0
    offs = np.unique(np.arange(-reach, reach + 1) % g)
    groups = [(a, b) for a in range(k) for b in range(k)]
    for _ in range(rounds):
        added = 0
        for gi in rng.permutation(len(groups)):
            a, b = groups[gi]
            jj, ii = np.meshgrid(np.arange(b, g, k), np.arange(a, g, k), indexing="ij")
            cells = (jj * g + ii).ravel()
            free = occ[cells] < 0
            cells = cells[free]
            if cells.size == 0:
                continue
            ci, cj = cells % g, cells // g
            dart = (np.stack([ci, cj], -1) + rng.random((cells.size, 2))) / g
            dr = np.clip(rfun(dart), r_min, r_max)
            nb = occ[
                ((cj[:, None, None] + offs[None, :, None]) % g) * g
                + (ci[:, None, None] + offs[None, None, :]) % g
            ].reshape(cells.size, -1)
            has = nb >= 0
            nb = np.where(has, nb, g * g)  # an empty slot points at a dummy
            d = dart[:, None, :] - pts[nb]
            d -= np.rint(d)
            dist = np.hypot(d[..., 0], d[..., 1])
            ok = ((dist >= 0.5 * (dr[:, None] + rad[nb])) | ~has).all(axis=1)
            m = int(ok.sum())
            if m:
                occ[cells[ok]] = np.arange(n, n + m)
                pts[n : n + m] = dart[ok]
                rad[n : n + m] = dr[ok]
                n += m
                added += m
        if added <= n // 1000:  # (nearly) maximal: a further round would add ~nothing
            break
    return unit_torus(pts[:n]), rad[:n].copy()
