"""growth.gray_scott: reaction-diffusion on a periodic grid."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import ndimage

from foulard.genome.schema import Node
from foulard.ops import get
from foulard.ops.growth.gray_scott import PRESETS, GrayScottParams, initial_state, simulate

SMALL = {"cells": 96, "steps": 1500}


def _run(preset: str, seed: int = 0, **over) -> np.ndarray:
    p = GrayScottParams(**{**PRESETS[preset], **SMALL, **over})
    u, v = initial_state(p, np.random.default_rng(seed))
    return simulate(u, v, p.feed, p.kill, p.steps)[1]


def test_shifting_the_start_around_the_torus_shifts_the_result_exactly():
    p = GrayScottParams(**{**PRESETS["coral"], "cells": 64, "steps": 300})
    u, v = initial_state(p, np.random.default_rng(1))
    shift = (17, -29)
    u2 = np.roll(u, shift, axis=(0, 1))
    v2 = np.roll(v, shift, axis=(0, 1))
    _, a = simulate(u.copy(), v.copy(), p.feed, p.kill, p.steps)
    _, b = simulate(u2, v2, p.feed, p.kill, p.steps)
    # No edge is special: the grid is a torus, so the pattern is seamless.
    assert np.array_equal(np.roll(a, shift, axis=(0, 1)), b)


def test_edges_join_like_any_two_neighbouring_rows(bind):
    f = bind(Node.make("growth.gray_scott", **PRESETS["stripes"], **SMALL))
    _, grid = f.ev.grid_result(f.root)
    g = grid[..., 0]
    inner_rows = np.abs(np.diff(g, axis=0)).mean()
    inner_cols = np.abs(np.diff(g, axis=1)).mean()
    assert np.abs(g[0] - g[-1]).mean() < 1.5 * inner_rows
    assert np.abs(g[:, 0] - g[:, -1]).mean() < 1.5 * inner_cols


def test_deterministic_per_seed(bind):
    node = Node.make("growth.gray_scott", **PRESETS["spots"], **SMALL)
    a = bind(node, seed=3)
    b = bind(node, seed=3)
    c = bind(node, seed=4)
    ga = a.ev.grid_result(a.root)[1]
    assert np.array_equal(ga, b.ev.grid_result(b.root)[1])
    assert not np.array_equal(ga, c.ev.grid_result(c.root)[1])


def test_grid_size_comes_from_cells_not_from_the_output(bind):
    f = bind(Node.make("growth.gray_scott", cells=40, steps=10))
    grid, arr = f.ev.grid_result(f.root)
    assert (grid.width, grid.height) == (40, 40) and grid.periodic
    assert arr.shape == (40, 40, 1)
    assert get("growth.gray_scott").periods(f.root.params) == [(1.0, 0.0), (0.0, 1.0)]


def test_output_spans_zero_to_one(bind):
    f = bind(Node.make("growth.gray_scott", **PRESETS["maze"], **SMALL))
    _, arr = f.ev.grid_result(f.root)
    assert arr.min() == 0.0 and arr.max() == pytest.approx(1.0)


def _structure(v: np.ndarray) -> tuple[int, float]:
    mask = v > 0.5 * (v.min() + v.max())
    labels, count = ndimage.label(mask)
    sizes = np.bincount(labels.ravel())[1:]
    return count, float(sizes.max() / mask.sum())


def test_spots_and_stripes_are_different_structures():
    settled = {"cells": 128, "steps": 2500}
    spots, spot_largest = _structure(_run("spots", **settled))
    stripes, stripe_largest = _structure(_run("stripes", **settled))
    # Spots: many small isolated blobs. Stripes: a few long connected bands.
    assert spots > 40 and spots > 5 * stripes
    assert spot_largest < 0.05 < 0.3 < stripe_largest


def test_no_seeds_no_pattern():
    v = _run("coral", seed_density=0.0)
    assert np.ptp(v) < 0.02
