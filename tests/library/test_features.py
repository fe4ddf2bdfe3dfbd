"""Signatures: the feature vector and the dominant palette."""

from __future__ import annotations

import numpy as np
import pytest

from foulard.library.colours import dominant_palette
from foulard.library.features import DIM, feature_vector

D4 = [
    lambda a: a,
    lambda a: np.rot90(a, 1),
    lambda a: np.rot90(a, 2),
    lambda a: np.rot90(a, 3),
    lambda a: a[::-1],
    lambda a: a[:, ::-1],
    lambda a: np.swapaxes(a, 0, 1),
    lambda a: np.rot90(a, 1)[::-1],
]


def test_feature_vector_is_unit_length_and_invariant_to_the_8_symmetries(make_picture):
    img = make_picture(5, (96, 128)) / 255.0
    base = feature_vector(img)
    assert base.shape == (DIM,) and base.dtype == np.float32
    assert float(np.linalg.norm(base)) == pytest.approx(1.0, abs=1e-5)
    for t in D4:
        assert np.allclose(feature_vector(np.ascontiguousarray(t(img))), base, atol=1e-5)


def test_feature_vector_tells_pictures_apart(make_picture):
    vs = [feature_vector(make_picture(s) / 255.0) for s in range(6)]
    sims = np.array([[a @ b for b in vs] for a in vs])
    off = sims[~np.eye(6, dtype=bool)]
    assert off.max() < 0.97  # different pictures are not confused with themselves


def test_dominant_palette_shares_and_determinism(make_picture):
    img = np.zeros((50, 80, 3))
    img[:, :20] = (0.8, 0.1, 0.1)
    img[:, 20:] = (0.95, 0.92, 0.85)
    p = dominant_palette(img)
    assert len(p.shares) == 2
    assert p.shares.sum() == pytest.approx(1.0)
    assert p.shares.tolist() == pytest.approx([0.75, 0.25], abs=0.02)
    again = dominant_palette(make_picture(9) / 255.0)
    assert again.hexes == dominant_palette(make_picture(9) / 255.0).hexes
    assert sorted(again.shares, reverse=True) == pytest.approx(again.shares)
    packed = again.packed()
    assert packed.shape == (8, 4) and packed[:, 3].sum() == pytest.approx(1.0, abs=1e-5)
    with pytest.raises(ValueError, match="1 to 16"):
        dominant_palette(img, k=40)
