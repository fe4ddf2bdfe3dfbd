"""curves.orbit_trap: escape-time orbits shaded by their nearness to a trap."""

from __future__ import annotations

import math

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops.curves.orbit_trap import OrbitTrapParams, trap_distance, trap_values
from ops.curves._helpers import grid_points


@pytest.mark.parametrize("trap", ["cross", "point", "circle", "petals"])
def test_julia_plane_is_symmetric_under_z_to_minus_z(bind, trap):
    # Traps centred on 0 (the petal rose has |cos|, so it is symmetric too).
    f = bind(Node.make("curves.orbit_trap", trap=trap))
    x, y = grid_points()
    a = f.sample(x, y, 1 / 256)
    assert np.array_equal(a, f.sample(1.0 - x, 1.0 - y, 1 / 256))
    assert a.max() > 0.5 and a.min() < 0.1


def test_trap_distances():
    p = OrbitTrapParams(trap_re=0.5, trap_im=-0.5, trap_radius=0.25, petals=3)
    x, y = np.array([0.5, 0.8, 0.5]), np.array([-0.5, -0.1, 0.0])
    assert np.allclose(trap_distance(p.replace(trap="point"), x, y), [0.0, 0.5, 0.5])
    assert np.allclose(trap_distance(p.replace(trap="cross"), x, y), [0.0, 0.3, 0.0])
    assert np.allclose(trap_distance(p.replace(trap="circle"), x, y), [0.25, 0.25, 0.25])
    # The rose r = 0.25 |cos(3 theta)| reaches its full radius along theta = 0.
    petal = p.replace(trap="petals")
    assert np.isclose(trap_distance(petal, np.array([0.75]), np.array([-0.5]))[0], 0.0)
    a = math.pi / 6  # between petals the rose passes through the centre
    d = trap_distance(
        petal, np.array([0.5 + 0.1 * math.cos(a)]), np.array([-0.5 + 0.1 * math.sin(a)])
    )
    assert np.isclose(d[0], 0.1)


def test_glow_fades_with_the_footprint_instead_of_aliasing():
    p = OrbitTrapParams(trap="circle", width=0.02)
    rng = np.random.default_rng(4)
    zx, zy = rng.uniform(-1.5, 1.5, 3000), rng.uniform(-1.0, 1.0, 3000)
    sharp = trap_values(p, zx, zy, p.c_re, p.c_im, pixel=1e-6)
    blurred = trap_values(p, zx, zy, p.c_re, p.c_im, pixel=0.05)
    # A wider pixel spreads each glow lower and wider: fewer bright points, a
    # smoother field (smaller steps between neighbours along a line).
    assert ((sharp >= 0) & (sharp <= 1)).all() and ((blurred >= 0) & (blurred <= 1)).all()
    assert (blurred > 0.9).sum() < (sharp > 0.9).sum()
    line = np.linspace(-1.2, 1.2, 4000)
    zero = np.zeros_like(line)
    fine = trap_values(p, line, zero, p.c_re, p.c_im, pixel=1e-6)
    soft = trap_values(p, line, zero, p.c_re, p.c_im, pixel=0.05)
    assert np.abs(np.diff(soft)).sum() < 0.5 * np.abs(np.diff(fine)).sum()


def test_mandelbrot_plane_shows_the_trap_itself_at_the_first_step(bind):
    # z1 = c: the first orbit point is the pixel itself, so the trap circle shows.
    node = dict(plane="mandelbrot", trap="circle", trap_radius=1.2, width=0.02, span=3.0)
    f = bind(Node.make("curves.orbit_trap", **node))
    a = np.linspace(0, 2 * math.pi, 50)
    r = 1.2 / 3.0
    assert np.allclose(f.sample(0.5 + r * np.cos(a), 0.5 + r * np.sin(a), 1e-5), 1.0)
