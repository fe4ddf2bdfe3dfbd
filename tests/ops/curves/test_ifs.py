"""curves.ifs: chaos-game attractors of affine maps."""

from __future__ import annotations

import math

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops.curves.ifs import PRESETS, IFSParams, maps


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_every_map_contracts_and_probabilities_sum_to_one(preset):
    coef, cum = maps(IFSParams(preset=preset))
    assert np.isclose(cum[-1], 1.0) and (np.diff(cum) >= 0).all()
    for a, b, c, d, _e, _f in coef:
        assert np.linalg.norm([[a, b], [c, d]], 2) < 1.0


def _sierpinski(bind):
    # Triangle (0, 0), (1, 0), (1/2, sqrt(3)/2), fitted into the size box, y flipped.
    node = Node.make("curves.ifs", preset="sierpinski_triangle", size=0.8, samples=2.0, detail=512)
    f = bind(node)
    scale = 0.98 * 0.8
    h = math.sqrt(3) / 2

    def page(x, y):  # triangle coordinates to design units
        return 0.5 + (x - 0.5) * scale, 0.5 - (y - 0.5 * h) * scale

    return f, page, h


def test_sierpinski_density_is_zero_in_the_removed_triangles(bind):
    f, page, h = _sierpinski(bind)
    # The centroid of the middle hole of every sub-triangle, three levels deep.
    corners = np.array([(0.0, 0.0), (0.5, 0.0), (0.25, 0.5 * h)])
    offsets, holes = [np.zeros(2)], []
    for level in range(3):
        scale = 0.5**level
        holes += [o + scale * np.array([0.5, h / 3]) for o in offsets]
        offsets = [o + scale * c for o in offsets for c in corners]
    xs, ys = page(*np.array(holes).T)
    assert len(holes) == 1 + 3 + 9
    assert np.array_equal(f.sample(xs, ys, 1 / 512), np.zeros(len(holes), np.float32))
    # ...and not along the triangle's base.
    t = np.linspace(0.05, 0.95, 40)
    ex, ey = page(t, np.zeros_like(t))
    assert (f.sample(ex, ey - 0.001, 1 / 512) > 0).mean() > 0.9


def test_carpet_is_empty_in_its_middle_ninth(bind):
    f = bind(Node.make("curves.ifs", preset="sierpinski_carpet", size=0.9, samples=1.0))
    g = np.linspace(0.5 - 0.1, 0.5 + 0.1, 21)
    x, y = np.meshgrid(g, g)
    assert np.array_equal(f.sample(x, y, 1 / 512), np.zeros(x.shape, np.float32))
    assert f.sample(np.array([0.5]), np.array([0.5 - 0.35]), 1 / 512)[0] > 0


def test_rotation_turns_the_figure(bind):
    a = bind(Node.make("curves.ifs", preset="sierpinski_carpet", samples=1.0))
    b = bind(Node.make("curves.ifs", preset="sierpinski_carpet", samples=1.0, rotation=45.0))
    # The carpet's corner region is full unturned, empty once turned by 45 degrees.
    corner = (np.array([0.09]), np.array([0.09]))
    assert a.sample(*corner, 1 / 512)[0] > 0 and b.sample(*corner, 1 / 512)[0] == 0
