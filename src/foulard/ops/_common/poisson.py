"""Poisson-disk point sets (Bridson's algorithm) from a given generator.

Points no closer than ``radius`` to each other, spread evenly without a grid:
the placement of tossed motifs, dots and scatters. All randomness comes from the
generator handed in, so a node's scatter is fixed by its seed and path.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["poisson_disk"]


def poisson_disk(
    rng: np.random.Generator,
    box: tuple[float, float, float, float],
    radius: float,
    *,
    tries: int = 30,
    limit: int = 20_000,
) -> np.ndarray:
    """Points in ``box = (x0, y0, x1, y1)``, pairwise at least ``radius`` apart.

    Returns an ``(n, 2)`` float64 array in the order the points were found.

    References
    ----------
    Bridson 2007, "Fast Poisson disk sampling in arbitrary dimensions", SIGGRAPH
    sketches.

    >>> pts = poisson_disk(np.random.default_rng(0), (0, 0, 1, 1), 0.2)
    >>> bool(len(pts) > 10)
    True
    """
    x0, y0, x1, y1 = (float(v) for v in box)
    w, h = x1 - x0, y1 - y0
    if not (w > 0 and h > 0 and radius > 0):
        raise ValueError(f"need a non-empty box and a positive radius, got {box}, {radius}")
    cell = radius / math.sqrt(2.0)
    gw, gh = max(1, math.ceil(w / cell)), max(1, math.ceil(h / cell))
    grid = -np.ones((gh + 4, gw + 4), np.int64)  # padded by 2 cells on every side
    pts = np.empty((min(limit, gw * gh + 1), 2), np.float64)
    n = 0
    active: list[int] = []
    r2 = radius * radius

    def put(px: float, py: float) -> None:
        nonlocal n
        grid[int((py - y0) / cell) + 2, int((px - x0) / cell) + 2] = n
        active.append(n)
        pts[n] = px, py
        n += 1

    put(x0 + w * rng.random(), y0 + h * rng.random())
    while active and n < len(pts):
        slot = int(rng.integers(len(active)))
        px, py = pts[active[slot]]
        angles = rng.random(tries) * (2.0 * math.pi)
        dists = radius * np.sqrt(1.0 + 3.0 * rng.random(tries))  # uniform in the annulus
        qx = px + dists * np.cos(angles)
        qy = py + dists * np.sin(angles)
        ok = (qx >= x0) & (qx < x1) & (qy >= y0) & (qy < y1)
        # Neighbours of the parent within 3 radii are the only ones a candidate can meet.
        gx, gy = int((px - x0) / cell) + 2, int((py - y0) / cell) + 2
        near = grid[max(0, gy - 6) : gy + 7, max(0, gx - 6) : gx + 7].ravel()
        near = pts[near[near >= 0]]
        if near.size:
            d2 = (qx[:, None] - near[None, :, 0]) ** 2 + (qy[:, None] - near[None, :, 1]) ** 2
            ok &= (d2 >= r2).all(axis=1)
        first = np.flatnonzero(ok)
        if first.size:
            put(float(qx[first[0]]), float(qy[first[0]]))
        else:
            active[slot] = active[-1]
            active.pop()
    return pts[:n].copy()
