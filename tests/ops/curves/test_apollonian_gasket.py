"""curves.apollonian_gasket: Descartes circle packings."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops.curves.apollonian_gasket import (
    ApollonianGasketParams,
    _tangency_error,
    gasket,
    initial_circles,
)

PARAMS = [
    {},
    {"split": 0.6, "second": 0.6},
    {"split": 0.3, "second": 0.5, "rotation": 17.0},
    {"split": 0.8, "second": 0.3, "min_radius": 0.01},
]


@pytest.mark.parametrize("params", PARAMS)
def test_every_circle_is_tangent_to_the_three_it_was_made_from(params):
    p = ApollonianGasketParams(**params)
    circles, generation, parents = gasket(p)
    assert len(circles) > 50
    start = initial_circles(p)
    for a, b in itertools.combinations(start, 2):
        assert _tangency_error(a, b) < 1e-9
    for circle, triple in zip(circles[4:], parents[4:], strict=True):
        for i in triple:
            assert _tangency_error(circle, circles[i]) < 1e-9
        # Descartes' theorem for the quadruple: (sum k)^2 = 2 sum k^2.
        ks = [circle.k] + [circles[i].k for i in triple]
        assert np.isclose(sum(ks) ** 2, 2 * sum(k * k for k in ks), rtol=1e-9)
    assert generation[:4] == [0, 0, 0, 0] and min(generation[4:]) == 1


@pytest.mark.parametrize("params", PARAMS)
def test_circles_never_overlap_and_stay_inside(params):
    p = ApollonianGasketParams(**params)
    circles, _, _ = gasket(p)
    inner = circles[1:400]
    z = np.array([c.centre for c in inner])
    r = np.array([c.radius for c in inner])
    d = np.abs(z[:, None] - z[None, :])
    gap = d - (r[:, None] + r[None, :])
    np.fill_diagonal(gap, 0.0)
    assert gap.min() > -1e-9
    outer = circles[0]
    assert (np.abs(z - outer.centre) + r <= outer.radius + 1e-9).all()
    assert min(c.radius for c in circles) >= p.min_radius


def test_integral_curvatures_stay_integral():
    # Outer radius 1 with split 1/2 on a diameter: curvatures -1, 2, 2, 3.
    p = ApollonianGasketParams(radius=1.0, split=0.5, second=1.0, min_radius=0.01, cx=0, cy=0)
    circles, _, _ = gasket(p)
    ks = np.array([c.k for c in circles])
    assert sorted(ks[:4].round(9)) == [-1, 2, 2, 3]
    assert np.allclose(ks, np.round(ks), atol=1e-6)
    assert {6, 11, 15, 14, 23} <= set(np.round(ks).astype(int))


def test_drawing_fills_circles_in_palette_roles_and_leaves_gaps_clear(bind):
    f = bind(Node.make("curves.apollonian_gasket", line_width=0.0, roles=2, first_role=1))
    circles, generation, _ = gasket(ApollonianGasketParams(line_width=0.0, roles=2, first_role=1))
    big = [(c, g) for c, g in zip(circles[1:], generation[1:], strict=True) if c.radius > 0.02]
    x = np.array([c.centre.real for c, _ in big])
    y = np.array([c.centre.imag for c, _ in big])
    v = f.sample(x, y, 1 / 1024, channel=None)
    navy, red = np.array([0x1D, 0x35, 0x57]) / 255, np.array([0xC0, 0x39, 0x2B]) / 255
    for (_c, g), colour in zip(big, v, strict=True):
        assert np.allclose(colour[:3], navy if g % 2 == 0 else red, atol=0.01)
        assert colour[3] == pytest.approx(1.0)
    # Outside the enclosing circle nothing is painted.
    assert f.sample(np.array([0.02]), np.array([0.02]), 1 / 1024, channel=3)[0] == 0.0
