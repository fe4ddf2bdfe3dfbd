"""Choosing and ordering palette colours: ground first, accents well spread.

Shared by the palette operators of the family. A scarf palette reads ``[ground,
accent 1, accent 2, ...]``: the ground is the quiet colour of the largest area, and
the accents come in order of emphasis, each as different as possible from those
before it, so that the first few roles a design uses are always distinct.
"""

from __future__ import annotations

import itertools
import math

import numpy as np

from foulard.color.space import delta_e_ok

__all__ = ["farthest_point_order", "ground_index", "max_min_subset", "spread_palette"]

# Exhaustive search over subsets up to this many candidates; greedy beyond.
_EXHAUSTIVE_MAX = 20_000


def farthest_point_order(lab: np.ndarray, first: int = 0) -> list[int]:
    """Indices of ``lab`` in greedy max-min order, starting from ``first``.

    Each next colour is the one farthest (OKLab distance) from all colours taken so
    far, so any prefix of the order is well spread: the order of emphasis of a
    palette whose roles are read first to last. Ties go to the lower index.

    >>> farthest_point_order(np.array([[0.9, 0, 0], [0.5, 0, 0], [0.2, 0, 0]]))
    [0, 2, 1]
    """
    lab = np.asarray(lab, np.float64)
    n = len(lab)
    order = [first]
    dist = delta_e_ok(lab, lab[first])
    dist[first] = -1.0
    for _ in range(n - 1):
        nxt = int(np.argmax(dist))
        order.append(nxt)
        dist = np.minimum(dist, delta_e_ok(lab, lab[nxt]))
        dist[order] = -1.0
    return order


def ground_index(lab: np.ndarray, ground: str) -> int:
    """Index of the lightest (``"light"``) or darkest (``"dark"``) colour (OKLab L).

    >>> ground_index(np.array([[0.5, 0, 0], [0.9, 0, 0], [0.2, 0, 0]]), "dark")
    2
    """
    if ground not in ("light", "dark"):
        raise ValueError(f"ground must be 'light' or 'dark', got {ground!r}")
    light = lab[:, 0]
    return int(np.argmax(light) if ground == "light" else np.argmin(light))


def max_min_subset(lab: np.ndarray, k: int, fixed: int) -> list[int]:
    """The ``k`` colours (including ``fixed``) whose closest pair is farthest apart.

    Exact (every subset is tried) when that is cheap, greedy farthest-point otherwise.
    Ties go to the subset that comes first in lexicographic order. Returns sorted
    indices.

    >>> lab = np.array([[0.9, 0, 0], [0.85, 0, 0], [0.5, 0, 0], [0.2, 0, 0]])
    >>> max_min_subset(lab, 3, 0)
    [0, 2, 3]
    """
    n = len(lab)
    if k >= n:
        return list(range(n))
    others = [i for i in range(n) if i != fixed]
    if math.comb(n - 1, k - 1) > _EXHAUSTIVE_MAX:
        return sorted(farthest_point_order(lab, fixed)[:k])
    dist = delta_e_ok(lab[:, None, :], lab[None, :, :])
    combos = np.array(list(itertools.combinations(others, k - 1)), np.int64).reshape(-1, k - 1)
    sets = np.concatenate([np.full((len(combos), 1), fixed), combos], axis=1)
    pair = dist[sets[:, :, None], sets[:, None, :]]
    pair[:, np.arange(k), np.arange(k)] = np.inf
    best = int(np.argmax(pair.min(axis=(1, 2))))
    return sorted(int(i) for i in sets[best])


def spread_palette(lab: np.ndarray, count: int, ground: str) -> list[int]:
    """Indices of a ``count``-colour palette: ground first, then accents by emphasis.

    The ground is the lightest or darkest colour; the other colours are the max-min
    subset (:func:`max_min_subset`) ordered by farthest-point emphasis from the ground.
    With ``count`` at least the number of colours, all of them are used.

    >>> lab = np.array([[0.5, 0.1, 0], [0.95, 0, 0], [0.3, 0, 0.1], [0.6, 0.1, 0]])
    >>> spread_palette(lab, 3, "light")
    [1, 2, 3]
    """
    g = ground_index(lab, ground)
    chosen = max_min_subset(lab, count, g)
    order = farthest_point_order(lab[chosen], chosen.index(g))
    return [chosen[i] for i in order]
