"""Isohedral tilings by Heesch type: the tile, its symmetry group, neighbours and colours.

The machinery behind ``tiling.isohedral_escher``: affine maps as 2 x 3 arrays, the
square and hexagon types with their edge ties, the lattice neighbours across each
edge, and a colouring in which neighbours differ.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from foulard.ops.tiling._cell_pattern import CellPattern

if TYPE_CHECKING:
    from foulard.ops.tiling.isohedral_escher import EscherParams

__all__ = ["HEESCH_TYPES", "Isohedral", "isohedral"]

_S3 = math.sqrt(3.0)


def _affine(a: np.ndarray, t) -> np.ndarray:
    return np.hstack([np.asarray(a, np.float64), np.asarray(t, np.float64).reshape(2, 1)])


def _turn(deg: float, about=(0.0, 0.0)) -> np.ndarray:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    r = np.array([[c, -s], [s, c]])
    about = np.asarray(about, np.float64)
    return _affine(r, about - r @ about)


def _compose(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a`` after ``b``."""
    return _affine(a[:, :2] @ b[:, :2], a[:, :2] @ b[:, 2] + a[:, 2])


def _inverse(a: np.ndarray) -> np.ndarray:
    m = np.linalg.inv(a[:, :2])
    return _affine(m, -m @ a[:, 2])


def _apply(a: np.ndarray, p: np.ndarray) -> np.ndarray:
    return p @ a[:, :2].T + a[:, 2]


def _hexagon() -> np.ndarray:
    a = np.radians(30.0 + 60.0 * np.arange(6))
    return np.stack([np.cos(a), np.sin(a)], axis=1) / _S3  # edge 1/sqrt 3, width 1


@functools.cache
def _types():
    """Heesch types: prototile (counter-clockwise), lattice vectors, coset representatives."""
    sq = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
    hx = _hexagon()
    ident = _affine(np.eye(2), (0.0, 0.0))
    glide = _affine([[1.0, 0.0], [0.0, -1.0]], (1.0, 1.0))  # mirror across y = 1/2, then +x
    r3 = _turn(120.0, hx[0])
    lattice3 = [
        _compose(_turn(120.0, hx[2]), _inverse(r3)),
        _compose(_turn(120.0, hx[4]), _inverse(r3)),
    ]
    t3 = [tuple(_apply(m, np.zeros(2)) - 0.0) for m in lattice3]
    return {
        "TTTT": (sq, (1.0, 0.0), (0.0, 1.0), [ident]),
        "TTTTTT": (hx, (1.0, 0.0), (0.5, 0.5 * _S3), [ident]),
        "CCCC": (sq, (1.0, 1.0), (1.0, -1.0), [ident, _turn(180.0, (1.0, 0.5))]),
        "TGTG": (sq, (2.0, 0.0), (0.0, 1.0), [ident, glide]),
        "C4C4C4C4": (sq, (2.0, 0.0), (0.0, 2.0), [_turn(90.0 * k) for k in range(4)]),
        "C3C3C3C3C3C3": (hx, t3[0], t3[1], [_turn(120.0 * k, hx[0]) for k in range(3)]),
    }


HEESCH_TYPES = ("TTTT", "TTTTTT", "CCCC", "TGTG", "C4C4C4C4", "C3C3C3C3C3C3")


@dataclass
class Isohedral:
    """A tiling by copies of one polygon and the bent edges that make it Escher-like."""

    cell: CellPattern
    polygon: np.ndarray
    reps: list[np.ndarray]
    coef: np.ndarray  # (edges, harmonics) sine coefficients of each edge's bend
    across: np.ndarray  # (reps, edges, 3): rep, lattice shift (a, b) of the neighbour
    colors: np.ndarray  # (reps, m, m) colour class of each tile of an m x m block
    block: int


@functools.cache
def _tying(kind: str):
    """Per Heesch type: each edge's neighbour map and edge, and the move across each edge."""
    poly, e1, e2, reps = _types()[kind]
    nbrs = _neighbours(poly, e1, e2, reps)
    basis = np.array([e1, e2], np.float64).T
    across = np.zeros((len(reps), len(poly), 3), np.int64)
    for ri, r in enumerate(reps):
        for i, (g, _) in enumerate(nbrs):
            across[ri, i] = _locate(_compose(r, g), reps, basis)
    return nbrs, across


def _neighbours(poly, e1, e2, reps):
    """For each edge: the group element mapping the tile onto its neighbour, and the edge."""
    basis = np.array([e1, e2]).T
    k = len(poly)
    images = []
    for ri, r in enumerate(reps):
        for s0 in range(-3, 4):
            for s1 in range(-3, 4):
                if ri == 0 and s0 == 0 and s1 == 0:
                    continue
                g = _compose(_affine(np.eye(2), basis @ (s0, s1)), r)
                images.append((g, _apply(g, poly)))
    out = []
    for i in range(k):
        a, b = poly[i], poly[(i + 1) % k]
        found = None
        for g, img in images:
            nxt = np.roll(img, -1, axis=0)
            # Turned copies run the shared edge backwards, mirrored copies forwards.
            back = (np.abs(img - b).max(axis=1) < 1e-9) & (np.abs(nxt - a).max(axis=1) < 1e-9)
            fwd = (np.abs(img - a).max(axis=1) < 1e-9) & (np.abs(nxt - b).max(axis=1) < 1e-9)
            if np.linalg.det(g[:, :2]) > 0:
                fwd[:] = False
            hit = np.flatnonzero(back | fwd)
            if hit.size:
                found = (g, int(hit[0]))
                break
        if found is None:
            raise ValueError("tile has no neighbour across an edge")
        out.append(found)
    return out


def _locate(g, reps, basis) -> tuple[int, int, int]:
    """Write ``g`` as a lattice translation after a representative: (rep, a, b)."""
    inv = np.linalg.inv(basis)
    for ri, r in enumerate(reps):
        m = _compose(g, _inverse(r))
        if np.allclose(m[:, :2], np.eye(2), atol=1e-9):
            ab = inv @ m[:, 2]
            if np.allclose(ab, np.rint(ab), atol=1e-6):
                return ri, round(ab[0]), round(ab[1])
    raise ValueError("element not in the group")


def isohedral(p: EscherParams, rng: np.random.Generator) -> Isohedral:
    """The tiling, the random bend of each edge (with its symmetry) and a colouring."""
    poly, e1, e2, reps = _types()[p.heesch_type]
    nbrs, across = _tying(p.heesch_type)
    k = len(poly)
    harmonics = p.waviness
    coef = np.zeros((k, harmonics))
    done = set()
    for i, (g, j) in enumerate(nbrs):
        if i in done:
            continue
        if i == j:
            # An edge its own partner (a half-turn about its midpoint): an S-bend.
            c = rng.normal(size=harmonics) / np.arange(1, harmonics + 1)
            c[0::2] = 0.0  # only sin(2 m pi t) terms, odd about the midpoint
            if not c.any():
                c[min(1, harmonics - 1)] = 1.0
            coef[i] = c
        else:
            c = rng.normal(size=harmonics) / np.arange(1, harmonics + 1)
            coef[i] = c
            # The partner edge carries the same curve, seen from the other tile.
            kk = np.arange(1, harmonics + 1)
            flip = np.linalg.det(g[:, :2]) > 0  # turns reverse the edge, mirrors do not
            coef[j] = -c * ((-1.0) ** (kk + 1) if flip else 1.0)
            done.add(j)
        done.add(i)
    peak = max(1e-9, float(np.abs(coef).sum(axis=1).max()))
    coef *= p.amplitude / peak
    colors, block = _colouring(across, p.colors)
    scale = p.tile_size
    cell = CellPattern(
        np.multiply(e1, scale),
        np.multiply(e2, scale),
        [_apply(r, poly) * scale for r in reps],
        list(range(len(reps))),
        np.zeros((0, 4)),
        reach=0.0,
        origin=(0.5, 0.5),
        rotation=p.rotation,
    )
    return Isohedral(cell, poly, reps, coef, across, colors, block)


def _colouring(across: np.ndarray, count: int) -> tuple[np.ndarray, int]:
    """A proper colouring of the tiles over an m x m block of cells, with few colours."""
    reps = across.shape[0]
    for m in (1, 2, 3, 4, 6):
        tiles = [(r, a, b) for a in range(m) for b in range(m) for r in range(reps)]
        index = {t: n for n, t in enumerate(tiles)}
        adj = [set() for _ in tiles]
        for n, (r, a, b) in enumerate(tiles):
            for r2, da, db in across[r]:
                other = index[(int(r2), (a + da) % m, (b + db) % m)]
                adj[n].add(other)
                adj[other].add(n)
        colour = [-1] * len(tiles)
        ok = True
        for n in range(len(tiles)):
            if n in adj[n]:
                ok = False
                break
            used = {colour[o] for o in adj[n]}
            free = [c for c in range(max(count, 2)) if c not in used]
            if not free:
                ok = False
                break
            colour[n] = free[0]
        if ok:
            out = np.zeros((reps, m, m), np.int64)
            for (r, a, b), c in zip(tiles, colour, strict=True):
                out[r, a, b] = c
            return out, m
    out = np.zeros((reps, 1, 1), np.int64)
    out[:, 0, 0] = np.arange(reps) % max(count, 1)
    return out, 1
