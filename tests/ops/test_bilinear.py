"""The shared in-place bilinear blend of gathered rows."""

from __future__ import annotations

import numpy as np

from foulard.ops._common.bilinear import blend_corners


def test_blend_corners_is_bilinear_and_exact_at_the_corners():
    rng = np.random.default_rng(0)
    table = rng.random((10, 3)).astype(np.float32)
    i = [np.array([0, 4, 7]), np.array([1, 5, 8]), np.array([2, 6, 9]), np.array([3, 3, 3])]
    fx = np.array([[0.0], [0.25], [1.0]], np.float32)
    fy = np.array([[0.0], [0.5], [1.0]], np.float32)
    before = table.copy()
    got = blend_corners(lambda k: table[k], *i, fx, fy)
    c00, c01, c10, c11 = (table[k] for k in i)
    want = (1 - fy) * ((1 - fx) * c00 + fx * c01) + fy * ((1 - fx) * c10 + fx * c11)
    assert np.allclose(got, want, atol=1e-6)
    assert np.array_equal(got[0], c00[0])  # a + (b - a) * 0 is a, exactly
    assert np.allclose(got[2], c11[2], atol=1e-6)
    assert np.array_equal(table, before)  # the gathered rows are new arrays
