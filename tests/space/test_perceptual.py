"""Perceptual signatures: the 8 symmetries, robustness to resizing, distinct pictures far."""

from __future__ import annotations

import numpy as np
import pytest

from foulard.perceptual import (
    Signature,
    colour_distance,
    distance,
    distances_to,
    is_near_duplicate,
    layout_distance,
    signature,
    signature_arrays,
    stack,
    structure_distance,
)


def grid_picture(seed: int, size: int = 64) -> np.ndarray:
    rng = np.random.default_rng(seed)
    grid = rng.integers(0, 256, (8, 8, 3), dtype=np.uint8)
    return np.kron(grid, np.ones((size // 8, size // 8, 1), np.uint8))


SYMMETRIES = [
    lambda a: a,
    lambda a: a[:, ::-1],
    lambda a: a[::-1],
    lambda a: a[::-1, ::-1],
    lambda a: a.transpose(1, 0, 2),
    lambda a: np.rot90(a, 1),
    lambda a: np.rot90(a, 3),
    lambda a: np.rot90(a[:, ::-1], 1),
]


@pytest.mark.parametrize("k", range(8))
def test_every_symmetry_of_the_square_is_distance_zero(k):
    img = grid_picture(1)
    a, b = signature(img), signature(np.ascontiguousarray(SYMMETRIES[k](img)))
    assert structure_distance(a, b) == 0 == structure_distance(b, a)
    assert colour_distance(a, b) < 1e-9
    assert layout_distance(a, b) < 1e-9


def test_resized_and_noisy_copies_are_near_duplicates():
    img = grid_picture(2, 128)
    small = img.reshape(64, 2, 64, 2, 3).mean(axis=(1, 3)).astype(np.uint8)
    noisy = np.clip(img + np.random.default_rng(0).normal(0, 6, img.shape), 0, 255).astype(np.uint8)
    a = signature(img)
    assert is_near_duplicate(a, signature(small))
    assert is_near_duplicate(a, signature(noisy))


def test_different_pictures_are_not_duplicates_and_distance_is_symmetric():
    sigs = [signature(grid_picture(s)) for s in range(30)]
    for i in range(30):
        for j in range(i + 1, 30):
            assert not is_near_duplicate(sigs[i], sigs[j])
            assert distance(sigs[i], sigs[j]) == pytest.approx(distance(sigs[j], sigs[i]))
    arrays = stack(sigs)
    many = distances_to(sigs[0], arrays)
    assert many[0] < 1e-6 and many[1:].min() > 1
    assert np.allclose(many, [distance(sigs[0], s) for s in sigs], atol=1e-5)
    again = signature_arrays([s.to_text() for s in sigs])
    assert np.array_equal(again.hashes, arrays.hashes)
    assert np.array_equal(again.colours, arrays.colours)
    assert np.array_equal(again.layouts, arrays.layouts)


def test_a_recolouring_is_not_a_duplicate():
    img = grid_picture(3)
    recoloured = img[..., ::-1]  # same drawing, other inks
    assert not is_near_duplicate(signature(img), signature(recoloured))


def test_text_form_round_trips_and_bad_input_is_refused():
    s = signature(grid_picture(4))
    assert Signature.from_text(s.to_text()) == s
    assert sum(s.colour) == 255
    with pytest.raises(ValueError):
        Signature.from_text("nonsense")
    with pytest.raises(ValueError):
        signature(np.zeros((4, 4, 3), np.uint8))
