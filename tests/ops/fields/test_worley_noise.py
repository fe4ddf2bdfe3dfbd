"""fields.worley_noise: cellular noise, exact F1 and F2."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.spatial import cKDTree

from foulard.genome.schema import Node
from foulard.ops.fields import worley_noise as wn

_P = {"euclidean": 2, "manhattan": 1, "chebyshev": np.inf}


def _feature_points(state, n):
    pad = wn._PAD
    stride = n + 2 * pad
    fx = state[0].reshape(stride, stride)[pad : pad + n, pad : pad + n]
    fy = state[1].reshape(stride, stride)[pad : pad + n, pad : pad + n]
    iy, ix = np.mgrid[0:n, 0:n]
    return np.stack([(ix + fx).ravel(), (iy + fy).ravel()], axis=-1) / n


def _exact(points, q, metric):
    shifts = [np.array([dx, dy]) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
    tiled = np.concatenate([points + d for d in shifts])
    d, _ = cKDTree(tiled).query(q, k=2, p=_P[metric])
    return d[:, 0], d[:, 1]


@pytest.mark.parametrize("metric", ["euclidean", "manhattan", "chebyshev"])
@pytest.mark.parametrize("jitter", [0.0, 0.6, 1.0])
def test_f1_f2_are_exact(metric, jitter):
    p = wn.WorleyNoiseParams(cells=9, metric=metric, jitter=jitter)
    state = wn._prepare(p, np.random.default_rng(3))
    rng = np.random.default_rng(4)
    q = rng.random((40000, 2))
    f1, f2 = wn.worley(state, p, q[:, 0], q[:, 1])
    e1, e2 = _exact(_feature_points(state, p.cells), q, metric)
    # Distances come back in cell units, float32.
    assert np.allclose(f1 / p.cells, e1, atol=1e-6)
    assert np.allclose(f2 / p.cells, e2, atol=1e-6)


def test_f2_is_never_below_f1_and_f1_vanishes_at_feature_points():
    p = wn.WorleyNoiseParams(cells=12, jitter=1.0)
    state = wn._prepare(p, np.random.default_rng(5))
    q = np.random.default_rng(6).random((50000, 2))
    f1, f2 = wn.worley(state, p, q[:, 0], q[:, 1])
    assert (f2 >= f1).all()
    pts = _feature_points(state, p.cells)
    g1, _ = wn.worley(state, p, pts[:, 0], pts[:, 1])
    assert g1.max() < 1e-4


@pytest.mark.parametrize("feature", ["f1", "f2", "f2_minus_f1"])
def test_feature_values_in_unit_range(bind, feature):
    f = bind(Node.make("fields.worley_noise", feature=feature, metric="manhattan", jitter=1.0))
    xs = (np.arange(300) + 0.5) / 300
    v = f.sample(*np.meshgrid(xs, xs))
    assert v.min() >= 0.0 and v.max() <= 1.0
    assert v.max() - v.min() > 0.4


def test_crackle_is_normalised_by_its_exact_maximum(bind):
    # F2 - F1 at a feature point is its nearest-neighbour distance, so the most
    # isolated feature point is exactly 1 and edges (F1 = F2) are 0.
    f = bind(Node.make("fields.worley_noise", feature="f2_minus_f1", cells=7))
    state = f.root.state(None)
    pts = _feature_points(state, 7)
    v = f.sample(pts[:, 0], pts[:, 1])
    assert abs(float(v.max()) - 1.0) < 1e-5


def test_jitter_zero_is_a_regular_grid(bind):
    f = bind(Node.make("fields.worley_noise", cells=4, jitter=0.0, feature="f1"))
    centres = (np.arange(4) + 0.5) / 4
    assert np.allclose(f.sample(*np.meshgrid(centres, centres)), 0.0, atol=1e-6)
    corners = np.arange(5) / 4
    # Cell corners are the farthest points from every centre: F1 = sqrt(2)/2 cells,
    # the bound for zero jitter, so exactly 1.
    assert np.allclose(f.sample(*np.meshgrid(corners, corners)), 1.0, atol=1e-5)
