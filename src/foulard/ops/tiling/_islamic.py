"""Star-pattern geometry: the periodic base tilings, Hankin's rays and Lee's rosettes.

Islamic star patterns are drawn on an underlying tiling of regular polygons
(edge 1 here; the operators scale it). Hankin's *polygons in contact*: from the
midpoint of every edge two rays leave at the contact angle theta to the edge, one
towards each end; the rays from the two edges at a corner meet inside the polygon.
Across an edge the rays of the two polygons continue each other, so the pattern is
made of straight strands crossing at the edge midpoints. Lee's rosette replaces the
simple star of a large polygon by a smaller central star ringed with hexagonal
petals, joined to the same contact points.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

__all__ = [
    "BASE_TILINGS",
    "Motif",
    "RegularPolygon",
    "base_tiling",
    "hankin",
    "lee_rosette",
    "regular_vertices",
    "rosette_ok",
]

_S3 = math.sqrt(3.0)


@dataclass(frozen=True)
class RegularPolygon:
    """A regular n-gon of edge 1: centre, and the angle (degrees) of its first corner."""

    n: int
    centre: tuple[float, float]
    phase: float

    @property
    def circumradius(self) -> float:
        return 0.5 / math.sin(math.pi / self.n)


def regular_vertices(p: RegularPolygon) -> np.ndarray:
    """Corners of ``p``, counter-clockwise (y up)."""
    a = np.radians(p.phase) + 2.0 * np.pi * np.arange(p.n) / p.n
    r = p.circumradius
    return np.stack([p.centre[0] + r * np.cos(a), p.centre[1] + r * np.sin(a)], axis=1)


def _hex_lattice(d: float):
    return (d, 0.0), (0.5 * d, 0.5 * _S3 * d)


def base_tiling(name: str):
    """Lattice vectors and the regular polygons of one cell of a base tiling (edge 1)."""
    if name == "4.4.4.4":
        return (1.0, 0.0), (0.0, 1.0), [RegularPolygon(4, (0.5, 0.5), 45.0)]
    if name == "4.8.8":
        s = 1.0 + math.sqrt(2.0)
        return (
            (s, 0.0),
            (0.0, s),
            [
                RegularPolygon(8, (0.0, 0.0), 22.5),
                RegularPolygon(4, (0.5 * s, 0.5 * s), 0.0),
            ],
        )
    if name == "6.6.6":
        e1, e2 = _hex_lattice(_S3)
        return e1, e2, [RegularPolygon(6, (0.0, 0.0), 30.0)]
    if name == "3.6.3.6":
        e1, e2 = _hex_lattice(2.0)
        return (
            e1,
            e2,
            [
                RegularPolygon(6, (0.0, 0.0), 0.0),
                RegularPolygon(3, (1.0, 1.0 / _S3), 90.0),
                RegularPolygon(3, (2.0, 2.0 / _S3), 30.0),
            ],
        )
    if name == "3.12.12":
        d = 2.0 + _S3
        e1, e2 = _hex_lattice(d)
        c1 = ((e1[0] + e2[0]) / 3, (e1[1] + e2[1]) / 3)
        c2 = (2 * c1[0], 2 * c1[1])
        return (
            e1,
            e2,
            [
                RegularPolygon(12, (0.0, 0.0), 15.0),
                RegularPolygon(3, c1, 30.0),
                RegularPolygon(3, c2, 90.0),
            ],
        )
    if name in ("3.4.6.4", "4.6.12"):
        # The big polygon on the lattice point, squares on the cell's three sides, and
        # triangles (3.4.6.4) or hexagons (4.6.12) on the two 3-fold centres.
        e1, e2 = _hex_lattice((1.0 if name == "3.4.6.4" else 3.0) + _S3)
        c1 = ((e1[0] + e2[0]) / 3, (e1[1] + e2[1]) / 3)
        c2 = (2 * c1[0], 2 * c1[1])
        squares = [
            RegularPolygon(4, (0.5 * e1[0], 0.0), 45.0),
            RegularPolygon(4, (0.5 * e2[0], 0.5 * e2[1]), 105.0),
            RegularPolygon(4, (0.5 * (e1[0] + e2[0]), 0.5 * (e1[1] + e2[1])), 165.0),
        ]
        if name == "3.4.6.4":
            ends = [RegularPolygon(3, c1, 90.0), RegularPolygon(3, c2, 30.0)]
            return e1, e2, [RegularPolygon(6, (0.0, 0.0), 30.0), *squares, *ends]
        ends = [RegularPolygon(6, c1, 0.0), RegularPolygon(6, c2, 0.0)]
        return e1, e2, [RegularPolygon(12, (0.0, 0.0), 15.0), *squares, *ends]
    raise ValueError(f"unknown base tiling {name!r}; valid: {', '.join(BASE_TILINGS)}")


BASE_TILINGS = ("4.4.4.4", "4.8.8", "6.6.6", "3.6.3.6", "3.12.12", "3.4.6.4", "4.6.12")


@dataclass
class Motif:
    """What one polygon contributes: regions with classes, and line segments."""

    regions: list[np.ndarray]
    classes: list[int]
    lines: list[np.ndarray]  # (4,) each


def _ray_meet(p: np.ndarray, d: np.ndarray, q: np.ndarray, e: np.ndarray) -> np.ndarray:
    """Where the lines ``p + s d`` and ``q + t e`` meet."""
    m = np.array([[d[0], -e[0]], [d[1], -e[1]]])
    s, _ = np.linalg.solve(m, q - p)
    return p + s * d


def hankin(vertices: np.ndarray, theta: float, star_class: int) -> Motif:
    """Hankin's star in a convex polygon (corners counter-clockwise), contact angle ``theta``.

    Returns the star (the region inside the polygon bounded by the rays, class
    ``star_class``) and the segments from each edge midpoint to the meeting
    points at its two ends.
    """
    n = len(vertices)
    t = math.radians(theta)
    mids = 0.5 * (vertices + np.roll(vertices, -1, axis=0))
    star, lines = [], []
    for k in range(n):
        a, b = vertices[k], vertices[(k + 1) % n]
        c = vertices[(k + 2) % n]
        m0, m1 = mids[k], mids[(k + 1) % n]
        u0 = (b - a) / np.linalg.norm(b - a)  # along edge k, towards corner b
        u1 = (c - b) / np.linalg.norm(c - b)  # along edge k+1, away from b
        # Inward normals (left of the edge for counter-clockwise corners).
        n0, n1 = np.array([-u0[1], u0[0]]), np.array([-u1[1], u1[0]])
        d0 = math.cos(t) * u0 + math.sin(t) * n0
        d1 = -math.cos(t) * u1 + math.sin(t) * n1
        p = _ray_meet(m0, d0, m1, d1)
        star += [m0, p]
        lines += [np.concatenate([m0, p]), np.concatenate([m1, p])]
    return Motif([np.array(star)], [star_class], lines)


def lee_rosette(poly: RegularPolygon, theta: float, petal: float, base_class: int) -> Motif:
    """Lee's rosette in a regular polygon: central star, ring of petals, contact lines.

    The central star is Hankin's star of the polygon shrunk by ``petal`` about its
    centre (points T on the edge-midpoint axes, valleys N on the corner bisectors),
    with the same contact angle. Its strands, carried on straight through the star
    points, meet the polygon's own Hankin lines (from the edge midpoints M towards
    the corners) at Q; the Hankin lines go on to meet at P on the bisector. Each
    petal is the hexagon N, T, Q, P, Q*, T* about a bisector; between petals lie
    kites M, Q, T, Q. Regions: star (``base_class``), petals (``+ 1``), kites
    (``+ 2``).
    """
    n = poly.n
    r = 0.5 / math.tan(math.pi / n)  # inradius, edge 1
    t = math.radians(theta)
    w = math.pi / n
    v = np.array([math.cos(w), math.sin(w)])
    m = np.array([r, 0.0])
    d = np.array([-math.sin(t), math.cos(t)])  # from M towards the corner side, inwards
    p = _ray_meet(m, d, np.zeros(2), v)
    tip = petal * m  # T: the inner star's point
    inner = petal * p  # N: its valley
    mirror_x = np.array([1.0, -1.0])
    # The strand through T from the valley on the other side, carried outwards.
    q = _ray_meet(tip, tip - inner * mirror_x, m, d)

    def mirror_v(a):
        return 2.0 * float(a @ v) * v - a

    phase0 = math.radians(poly.phase) + w  # direction of the first edge midpoint
    cx, cy = poly.centre

    def place(a, k):
        ang = phase0 + 2.0 * math.pi * k / n
        cs, sn = math.cos(ang), math.sin(ang)
        return np.array([cx + cs * a[0] - sn * a[1], cy + sn * a[0] + cs * a[1]])

    regions, classes, lines = [], [], []
    star = []
    for k in range(n):
        star += [place(tip, k), place(inner, k)]
        petal_poly = [inner, tip, q, p, mirror_v(q), mirror_v(tip)]
        regions.append(np.array([place(a, k) for a in petal_poly]))
        classes.append(base_class + 1)
        kite = [m, q, tip, q * mirror_x]
        regions.append(np.array([place(a, k) for a in kite]))
        classes.append(base_class + 2)
        for a, b in ((m, p), (tip, q), (inner, tip)):
            for f in (np.array([1.0, 1.0]), mirror_x):
                lines.append(np.concatenate([place(a * f, k), place(b * f, k)]))
    regions.insert(0, np.array(star))
    classes.insert(0, base_class)
    return Motif(regions, classes, lines)


def rosette_ok(n: int, theta: float, petal: float) -> bool:
    """Whether the rosette is well formed: Q lies between M and P, beyond T."""
    r = 0.5 / math.tan(math.pi / n)
    t = math.radians(theta)
    w = math.pi / n
    v = np.array([math.cos(w), math.sin(w)])
    m = np.array([r, 0.0])
    d = np.array([-math.sin(t), math.cos(t)])
    p = _ray_meet(m, d, np.zeros(2), v)
    tip, inner = petal * m, petal * p
    e = tip - inner * np.array([1.0, -1.0])
    a = np.array([[e[0], -d[0]], [e[1], -d[1]]])
    s, u = np.linalg.solve(a, m - tip)
    return bool(s > 0 and 0 < u < float(np.linalg.norm(p - m)) / float(np.linalg.norm(d)))
