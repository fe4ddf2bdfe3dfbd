"""curves.julia_set: escape time, distance-estimated lace."""

from __future__ import annotations

import math

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops.curves._escape import View, escape_time
from ops.curves._helpers import grid_points


@pytest.mark.parametrize("style", ["lace", "escape", "filled"])
@pytest.mark.parametrize(("c_re", "c_im"), [(-0.8, 0.2), (0.0, 1.0), (-0.123, 0.745)])
def test_symmetric_under_z_to_minus_z(bind, style, c_re, c_im):
    f = bind(Node.make("curves.julia_set", c_re=c_re, c_im=c_im, style=style))
    x, y = grid_points()
    a = f.sample(x, y, footprint=1 / 256)
    b = f.sample(1.0 - x, 1.0 - y, footprint=1 / 256)
    assert np.array_equal(a, b)
    assert a.max() > 0.1


def test_d_fold_symmetry_for_higher_powers(bind):
    f = bind(Node.make("curves.julia_set", power=3, c_re=0.4, c_im=0.1, style="escape"))
    rng = np.random.default_rng(2)
    r = 0.4 * np.sqrt(rng.random(4000))
    a = rng.uniform(0, 2 * math.pi, 4000)
    # A turn of the plane by 2 pi / 3 is a turn of the page the other way (y down).
    base = f.sample(0.5 + r * np.cos(a), 0.5 + r * np.sin(a), footprint=1e-4)
    turned = f.sample(
        0.5 + r * np.cos(a - 2 * math.pi / 3), 0.5 + r * np.sin(a - 2 * math.pi / 3), footprint=1e-4
    )
    assert np.median(np.abs(base - turned)) < 1e-6  # equal but where rounding flips an escape


def test_c_zero_gives_the_unit_circle(bind):
    span = 3.2
    f = bind(Node.make("curves.julia_set", c_re=0.0, c_im=0.0, inside=0.25, glow=0.0))
    a = np.linspace(0, 2 * math.pi, 64, endpoint=False)

    def ring(modulus):
        r = modulus / span
        return f.sample(0.5 + r * np.cos(a), 0.5 + r * np.sin(a), footprint=1e-5)

    assert np.allclose(ring(0.5), 0.25)  # inside the set
    assert np.allclose(ring(1.001), 1.0)  # on the boundary line, just outside
    assert np.allclose(ring(1.5), 0.0)  # far outside, no glow


def test_smooth_iteration_count_is_continuous():
    # Along a ray outside the filled set, nu changes by small steps only.
    t = np.linspace(2.0, 4.0, 2000)
    res = escape_time(
        t,
        np.zeros_like(t),
        0.3,
        0.0,
        formula="standard",
        power=2,
        iterations=100,
        parameter_plane=False,
    )
    assert not res.inside.any()
    assert np.abs(np.diff(res.nu)).max() < 0.01


def test_view_maps_the_centre_and_span():
    v = View(0.25, -0.5, 2.0, 0.0)
    re, im = v.to_plane(np.array([0.5, 1.0, 0.5]), np.array([0.5, 0.5, 0.0]))
    assert np.allclose(re, [0.25, 1.25, 0.25]) and np.allclose(im, [-0.5, -0.5, 0.5])
