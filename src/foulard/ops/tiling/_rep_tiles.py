"""Substitution tilings with one prototile: every tile is an affine image of it.

A rule is a prototile polygon and the similarity maps (rotations, reflections,
translations and a common shrink) that place its children inside it. A tile is
stored as a map ``x -> A x + t`` of the prototile, so one substitution step is two
array products for every tile at once, and children that cannot reach the region
of interest (a disc) are dropped as they are made: children lie inside their
parent, so nothing that could show is lost.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from foulard.ops.tiling._aperiodic_patch import (
    cover_radius,
    cull,
    disc_offset,
    inflation_steps,
    place,
)

__all__ = ["Rule", "Tiles", "grow", "random_window", "similarity", "supertile_classes"]


def similarity(src: Sequence[Sequence[float]], dst: Sequence[Sequence[float]]):
    """The affine map ``(A, t)`` taking the first three points of ``src`` to ``dst``."""
    s = np.asarray(src, np.float64)[:3]
    d = np.asarray(dst, np.float64)[:3]
    m_src = np.stack([s[1] - s[0], s[2] - s[0]], axis=1)
    m_dst = np.stack([d[1] - d[0], d[2] - d[0]], axis=1)
    a = m_dst @ np.linalg.inv(m_src)
    return a, d[0] - a @ s[0]


def lattice_map(order: int, k: int, mirror: bool, t: Sequence[float], shrink: float):
    """``x -> (g x + t) * shrink`` with ``g`` the turn by ``k`` of ``order`` (then a flip)."""
    a = 2.0 * math.pi * k / order
    c, s = math.cos(a), math.sin(a)
    g = np.array([[c, s], [s, -c]]) if mirror else np.array([[c, -s], [s, c]])
    return g * shrink, np.asarray(t, np.float64) * shrink


@dataclass(frozen=True)
class Rule:
    """A prototile and its children: ``maps[i] = (A_i, t_i)`` in the prototile's frame."""

    name: str
    polygon: np.ndarray
    maps: tuple[tuple[np.ndarray, np.ndarray], ...]
    inflation: float

    @property
    def centre(self) -> np.ndarray:
        return self.polygon.mean(axis=0)

    @property
    def radius(self) -> float:
        return float(np.max(np.linalg.norm(self.polygon - self.centre, axis=1)))

    def deep_point(self) -> tuple[np.ndarray, float]:
        """A point of the prototile far from its edges, and that distance."""
        lo, hi = self.polygon.min(axis=0), self.polygon.max(axis=0)
        g = np.stack(np.meshgrid(np.linspace(lo[0], hi[0], 61), np.linspace(lo[1], hi[1], 61)), -1)
        pts = g.reshape(-1, 2)
        inside = _inside(pts, self.polygon)
        d = _edge_distance(pts, self.polygon)
        d[~inside] = -1.0
        i = int(np.argmax(d))
        return pts[i], float(d[i])


def _inside(pts: np.ndarray, poly: np.ndarray) -> np.ndarray:
    x, y = pts[:, 0], pts[:, 1]
    out = np.zeros(len(pts), bool)
    for (x1, y1), (x2, y2) in zip(poly, np.roll(poly, -1, axis=0), strict=True):
        cross = (y1 > y) != (y2 > y)
        xi = x1 + (y - y1) * (x2 - x1) / np.where(y2 == y1, 1.0, y2 - y1)
        out ^= cross & (xi > x)
    return out


def _edge_distance(pts: np.ndarray, poly: np.ndarray) -> np.ndarray:
    d = np.full(len(pts), np.inf)
    for p, q in zip(poly, np.roll(poly, -1, axis=0), strict=True):
        e = q - p
        t = np.clip(((pts - p) @ e) / (e @ e), 0.0, 1.0)
        d = np.minimum(d, np.linalg.norm(pts - (p + t[:, None] * e), axis=1))
    return d


@dataclass
class Tiles:
    """Tiles as maps of the prototile, with the index path that made each."""

    a: np.ndarray  # (n, 2, 2)
    t: np.ndarray  # (n, 2)
    child: np.ndarray  # (n,) index of the child rule at the last step
    parent: np.ndarray  # (n,) index at the step before

    def polygons(self, rule: Rule) -> np.ndarray:
        """Corners of every tile, ``(n, k, 2)``."""
        return np.einsum("nij,kj->nki", self.a, rule.polygon) + self.t[:, None, :]


def grow(rule: Rule, steps: int, origin: np.ndarray, reach: float, seed_scale: float) -> Tiles:
    """The prototile scaled by ``seed_scale``, substituted ``steps`` times.

    Keeps the tiles within ``reach`` of ``origin`` (a point in the seed's frame).
    """
    a = np.eye(2)[None] * seed_scale
    t = np.zeros((1, 2))
    child = np.zeros(1, np.int64)
    parent = np.zeros(1, np.int64)
    c, r = rule.centre, rule.radius
    for _ in range(steps):
        na, nt, nc = [], [], []
        for i, (ma, mt) in enumerate(rule.maps):
            na.append(a @ ma)
            nt.append(np.einsum("nij,j->ni", a, mt) + t)
            nc.append(np.full(len(a), i))
        parent = np.concatenate([child] * len(rule.maps))
        a, t, child = np.concatenate(na), np.concatenate(nt), np.concatenate(nc)
        mid = np.einsum("nij,j->ni", a, c) + t
        size = r * np.sqrt(np.abs(np.linalg.det(a)))
        keep = np.linalg.norm(mid - origin, axis=1) - size <= reach
        a, t, child, parent = a[keep], t[keep], child[keep], parent[keep]
    return Tiles(a, t, child, parent)


def random_window(
    rule: Rule,
    rng: np.random.Generator,
    *,
    tile_size: float,
    line_width: float,
    rotation: float,
    wander: float,
) -> tuple[np.ndarray, Tiles]:
    """The tiles (polygons in design units, and their maps) covering the design.

    A random window of the tiling: the design centre lands somewhere inside a large
    supertile, up to ``wander`` times the cover radius from a point deep in it, and
    the supertile is substituted until its tiles are ``tile_size`` (the prototile's
    unit) across. Tiles that cannot show are dropped.
    """
    reach = cover_radius(line_width) / tile_size + rule.radius
    deep, depth = rule.deep_point()
    wander = wander * reach
    steps = inflation_steps((reach + wander) / depth, rule.inflation)
    size = rule.inflation**steps
    origin = deep * size + disc_offset(rng, wander)
    tiles = grow(rule, steps, origin, reach, size)
    polys = place(tiles.polygons(rule), scale=tile_size, rotation=rotation, origin=origin)
    keep = cull(polys, line_width)
    tiles = Tiles(tiles.a[keep], tiles.t[keep], tiles.child[keep], tiles.parent[keep])
    return polys[keep], tiles


def supertile_classes(
    coloring: str, tiles: Tiles, colors: int, rng: np.random.Generator
) -> np.ndarray:
    """Colour classes by the tile's place in its supertile (``child``), the supertile's
    place in its own (``parent``), or at random (anything else: one of ``colors``)."""
    if coloring == "child":
        return tiles.child
    if coloring == "parent":
        return tiles.parent
    return rng.integers(0, max(colors, 1), size=len(tiles.a))
