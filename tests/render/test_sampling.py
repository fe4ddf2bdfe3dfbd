"""Sampling shortcuts of the renderer: the same bytes as the plain computation.

A node with declared bounds is evaluated only near them (exact zeros elsewhere), its
values are put back one item per point, and the canvas is flattened over the ground a
channel at a time.
"""

from __future__ import annotations

import numpy as np
import pytest

from foulard.genome import Genome
from foulard.genome.schema import Node
from foulard.render import TileCache
from foulard.render import evaluate as evaluate_module
from foulard.render.bands import flatten
from foulard.render.evaluate import Evaluator, _put_rows

PALETTE = Node.make("color.palette", colors=["#f3ead7", "#1d3557", "#c0392b", "#d4a72c"])


@pytest.fixture(scope="module")
def placed() -> Genome:
    """A grating inked into a box a quarter of the square wide."""
    ink = Node.make("color.ink", inputs={"source": Node.make("fields.sine_grating")}, color=2)
    root = Node.make("layout.place", inputs={"motif": ink}, x=0.4, y=0.6, size=0.25)
    return Genome.make(root, PALETTE, seed=2)


def grid(px: int):
    c = (np.arange(px) + 0.5) / px
    return np.meshgrid(c, c)


def test_a_bounded_node_is_evaluated_only_near_its_bounds(placed, monkeypatch):
    ev = Evaluator(placed, cache=TileCache())
    x, y = grid(64)
    fp = 1 / 64
    near = ev.support(ev.root, x, y, fp)
    x0, y0, x1, y1 = ev.root.bbox
    assert near.shape == x.shape
    assert near.sum() < x.size // 4
    assert near[(x > x0) & (x < x1) & (y > y0) & (y < y1)].all()
    asked = []
    sample = evaluate_module.Evaluator._sample

    def counting(self, bound, xs, ys, footprint):
        if bound is ev.root:
            asked.append(xs.size)
        return sample(self, bound, xs, ys, footprint)

    monkeypatch.setattr(evaluate_module.Evaluator, "_sample", counting)
    values = ev.sample(ev.root, x, y, fp)
    assert asked == [int(near.sum())]
    assert not values[~near].any()
    assert np.array_equal(values[near], ev._sample(ev.root, x[near], y[near], fp))
    assert values[near][:, 3].max() > 0.5  # something is drawn there


def test_a_node_without_bounds_may_be_anywhere(placed):
    ev = Evaluator(placed, cache=TileCache())
    grating = ev.root.children["motif"].children["source"]
    x, y = grid(8)
    assert grating.bbox is None and ev.support(grating, x, y, 1 / 8) is None


@pytest.mark.parametrize("channels", [1, 4])
def test_values_put_one_item_per_point_equal_fancy_assignment(channels):
    rng = np.random.default_rng(0)
    out = np.zeros((20, 30, channels), np.float32)
    where = rng.random((20, 30)) < 0.3
    values = rng.random((int(where.sum()), channels)).astype(np.float32)
    want = out.copy()
    want[where] = values
    _put_rows(out, where, values)
    assert np.array_equal(out, want)
    wide = np.zeros((20, 30, channels))  # float64: put the plain way
    _put_rows(wide, where, values)
    assert np.array_equal(wide, want)


@pytest.mark.parametrize("channels", [1, 4])
def test_flattening_over_the_ground_is_the_formula_bit_for_bit(channels):
    rng = np.random.default_rng(1)
    values = rng.random((16, 24, channels)).astype(np.float32)
    ground = (0.95, 0.9, 0.8)
    got = flatten(values, ground)
    if channels == 1:
        want = np.repeat(np.clip(values, 0.0, 1.0), 3, axis=-1)
    else:
        values[..., :3] *= values[..., 3:]
        values[0, 0] = (1.2, 0.0, 0.5, 1.3)  # out of range: clipped
        got = flatten(values, ground)
        want = values[..., :3] + (1.0 - values[..., 3:4]) * np.asarray(ground, np.float32)
        want = np.clip(want, 0.0, 1.0)
    assert got.dtype == np.float32 and got.shape == (16, 24, 3)
    assert np.array_equal(got, want)
