"""curves.strange_attractor: density of chaotic maps on the operator's own grid."""

from __future__ import annotations

import numpy as np
import pytest

from foulard.genome.schema import Node
from foulard.ops.curves._density import MARGIN, box_grid
from foulard.ops.curves.strange_attractor import (
    PRESETS,
    StrangeAttractorParams,
    density,
    step,
)


def test_maps_follow_their_formulas():
    x, y = np.array([0.3, -1.2]), np.array([0.7, 0.4])
    nx, ny = step("clifford", -1.4, 1.6, 1.0, 0.7, x, y)
    assert np.allclose(nx, np.sin(-1.4 * y) + np.cos(-1.4 * x))
    assert np.allclose(ny, np.sin(1.6 * x) + 0.7 * np.cos(1.6 * y))
    nx, ny = step("henon", 1.4, 0.3, 0.0, 0.0, x, y)
    assert np.allclose(nx, 1 - 1.4 * x * x + y) and np.allclose(ny, 0.3 * x)
    nx, ny = step("dejong", 1.0, 2.0, 3.0, 4.0, x, y)
    assert np.allclose(nx, np.sin(y) - np.cos(2 * x)) and np.allclose(
        ny, np.sin(3 * x) - np.cos(4 * y)
    )


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_every_point_lands_in_the_box_and_the_margins_stay_empty(preset):
    p = StrangeAttractorParams(preset=preset, samples=0.2, detail=256)
    grid = box_grid(p)
    counts = density(p, np.random.default_rng(1), grid)
    assert counts.sum() >= 0.99 * 0.2e6  # all but the fit's trimmed tails
    assert counts[:MARGIN].sum() == counts[-MARGIN:].sum() == 0
    assert counts[:, :MARGIN].sum() == counts[:, -MARGIN:].sum() == 0
    assert (counts > 0).mean() > 0.01  # an attractor, not a fixed point


def test_symmetry_overlays_turned_copies():
    p = StrangeAttractorParams(preset="clifford_wings", symmetry=4, samples=1.0, detail=256)
    counts = density(p, np.random.default_rng(2), box_grid(p))
    turned = np.rot90(counts)
    a, b = counts.ravel(), turned.ravel()
    # The copies turn about the cloud's centre, not the cell grid's: close, not exact.
    assert np.corrcoef(a, b)[0, 1] > 0.9


def test_grid_is_in_design_units_and_the_field_is_zero_outside(bind):
    p = StrangeAttractorParams(size=0.5, cx=0.4, detail=400)
    g = box_grid(p)
    assert g.width == 200 + 2 * MARGIN
    assert np.isclose(g.x1 - g.x0, 0.5 * g.width / 200)
    f = bind(Node.make("curves.strange_attractor", size=0.5, cx=0.4, samples=0.3))
    v = f.sample(np.array([0.1, 0.7, 0.4]), np.array([0.5, 0.5, 0.9]), 1 / 512)
    assert np.array_equal(v, np.zeros(3, np.float32))
