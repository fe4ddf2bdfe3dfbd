"""The hyperbolic {p, q} tiling: its reflection group maps tiles to tiles, all in the disc.

The folding into the fundamental triangle must give the same triangle point for
``z`` and for any image of ``z`` under the group's generators (the two mirrors
through the centre and the inversion in the edge circle), with reflection counts
of opposite parity; folded points lie in the triangle; everything stays inside the
unit disc; the operator is transparent outside its disc and its tile colouring is
invariant under the turns about the centre.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from foulard.errors import FoulardError
from foulard.genome import Genome, Node
from foulard.ops.examples import EXAMPLE_PALETTE
from foulard.ops.symmetry.hyperbolic import fold, mirrors
from foulard.render import TileCache
from foulard.render.evaluate import Evaluator

PQ = [(7, 3), (5, 4), (4, 5), (6, 4), (8, 3), (3, 7)]


def disc_points(n: int, r: float = 0.9, seed: int = 0):
    rng = np.random.default_rng(seed)
    rho = r * np.sqrt(rng.random(n))
    a = 2 * np.pi * rng.random(n)
    return rho * np.cos(a), rho * np.sin(a)


def generators(m):
    a = math.pi / m.p
    c2, s2 = math.cos(2 * a), math.sin(2 * a)

    def across_x(x, y):
        return x, -y

    def across_line(x, y):
        return c2 * x + s2 * y, s2 * x - c2 * y

    def invert(x, y):
        dx = x - m.c
        k = m.r * m.r / (dx * dx + y * y)
        return m.c + dx * k, y * k

    return [across_x, across_line, invert]


@pytest.mark.parametrize(("p", "q"), PQ)
def test_folding_is_invariant_under_the_reflection_group(p, q):
    m = mirrors(p, q)
    x, y = disc_points(3000, 0.8)
    fx, fy, flips, _, _, done = fold(m, x, y)
    for g in generators(m):
        gx, gy = g(x, y)
        ok = np.hypot(gx, gy) < 0.8
        hx, hy, hflips, _, _, hdone = fold(m, gx, gy)
        sel = ok & done & hdone
        assert np.allclose(hx[sel], fx[sel], atol=1e-7)
        assert np.allclose(hy[sel], fy[sel], atol=1e-7)
        assert np.all((hflips[sel] - flips[sel]) % 2 == 1)


@pytest.mark.parametrize(("p", "q"), PQ)
def test_folded_points_lie_in_the_fundamental_triangle_inside_the_disc(p, q):
    m = mirrors(p, q)
    x, y = disc_points(5000, 0.97, seed=1)
    fx, fy, _, _, _, done = fold(m, x, y)
    a = math.pi / p
    assert done.mean() > 0.99
    fx, fy = fx[done], fy[done]
    assert np.all(fy >= -1e-12)
    assert np.all(-math.sin(a) * fx + math.cos(a) * fy <= 1e-12)
    assert np.all(np.hypot(fx - m.c, fy) >= m.r - 1e-12)
    assert np.all(np.hypot(fx, fy) < 1.0)
    # The triangle's angles: pi/q at the tile corner where the circle meets the line.
    corner = m.tile_radius * np.array([math.cos(a), math.sin(a)])
    radial = corner / np.linalg.norm(corner)
    tangent = np.array([-(corner[1]), corner[0] - m.c])
    tangent /= np.linalg.norm(tangent)
    angle = math.acos(abs(float(radial @ tangent)))
    assert math.isclose(angle, math.pi / q, abs_tol=1e-9)


def test_not_hyperbolic_pairs_are_refused():
    for p, q in ((4, 4), (3, 6), (6, 3), (3, 3)):
        with pytest.raises(FoulardError):
            Node.make("symmetry.hyperbolic", p=p, q=q)


def test_transparent_outside_the_disc_and_turn_invariant():
    node = Node.make("symmetry.hyperbolic", p=6, q=4, coloring="tiles", lines="tiles")
    genome = Genome.make(node, Node.make("color.palette", colors=EXAMPLE_PALETTE), seed=1)
    ev = Evaluator(genome, cache=TileCache())
    rng = np.random.default_rng(2)
    x, y = rng.uniform(-0.2, 1.2, 4000), rng.uniform(-0.2, 1.2, 4000)
    v = ev.sample(ev.root, x, y, 1 / 1024)
    out = np.hypot(x - 0.5, y - 0.5) > 0.48 + 2 / 1024
    assert not v[out].any()
    # A turn by 2 pi / p about the centre maps tiles onto tiles.
    inner = np.hypot(x - 0.5, y - 0.5) < 0.35
    t = 2 * math.pi / 6
    xr = 0.5 + (x - 0.5) * math.cos(t) - (y - 0.5) * math.sin(t)
    yr = 0.5 + (x - 0.5) * math.sin(t) + (y - 0.5) * math.cos(t)
    w = ev.sample(ev.root, xr, yr, 1 / 1024)
    assert np.allclose(v[inner], w[inner], atol=2e-3)
