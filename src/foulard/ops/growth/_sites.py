"""Sites for cell patterns: scattered or on jittered lattices, and colourings of their cells."""

from __future__ import annotations

import math

import numpy as np

from foulard.ops.growth._points import unit_torus

__all__ = ["DISTRIBUTIONS", "scatter_sites", "torus_colouring"]


def torus_colouring(adj: list[set[int]], roles: list[int], rng: np.random.Generator) -> np.ndarray:
    """A role per cell, neighbours different where the roles allow.

    DSatur (Brelaz 1979): repeatedly colour the cell whose neighbours already use
    the most different roles (ties: most neighbours, then at random), with a random
    role among those its neighbours do not use; if none is free, any role.
    """
    n = len(adj)
    out = np.full(n, -1, np.int64)
    used = [set() for _ in range(n)]
    sat = np.zeros(n, np.float64)
    degree = np.array([len(a) for a in adj], np.float64)
    key = degree / (degree.max(initial=0.0) + 1.0) + 1e-3 * rng.random(n)
    free_mask = np.ones(n, bool)
    for _ in range(n):
        score = np.where(free_mask, sat + key, -np.inf)
        i = int(np.argmax(score))
        pool = [r for r in roles if r not in used[i]] or roles
        role = pool[int(rng.integers(len(pool)))]
        out[i] = role
        free_mask[i] = False
        for j in adj[i]:
            if role not in used[j]:
                used[j].add(role)
                sat[j] += 1.0
    return out


DISTRIBUTIONS = ("random", "jittered", "hexagonal")


def scatter_sites(
    rng: np.random.Generator, count: int, distribution: str, jitter: float
) -> np.ndarray:
    """About ``count`` sites on the unit torus: uniform, or a jittered square or hex lattice.

    Lattices have whole rows and columns across the square, so they tile with it.
    """
    if distribution == "random":
        return rng.random((count, 2))
    if distribution == "jittered":
        cols = rows = max(1, round(math.sqrt(count)))
        sx = sy = 1.0
        offset = np.zeros(rows)
    else:  # hexagonal: rows offset by half a column; an even row count keeps it periodic
        cols = max(1, round(math.sqrt(count * 2.0 / math.sqrt(3.0))))
        rows = max(2, 2 * round(count / cols / 2.0))
        sx, sy = 1.0, 1.0
        offset = 0.5 * (np.arange(rows) % 2)
    iy, ix = np.mgrid[0:rows, 0:cols]
    px = (ix + 0.5 + offset[:, None]) * (sx / cols)
    py = (iy + 0.5) * (sy / rows)
    pts = np.stack([px.ravel(), py.ravel()], axis=-1)
    cell = np.array([1.0 / cols, 1.0 / rows])
    pts += (rng.random(pts.shape) - 0.5) * jitter * cell
    return unit_torus(pts)
