"""The keyed Feistel permutation: a bijection of [0, 2^50), exactly invertible, keyed."""

from __future__ import annotations

import numpy as np
import pytest

from foulard.space.permutation import DOMAIN, FeistelPermutation

KEY = bytes(range(16))


def test_inverse_undoes_forward_on_random_and_edge_values():
    p = FeistelPermutation(KEY)
    rng = np.random.default_rng(1)
    x = np.concatenate(
        [
            rng.integers(0, DOMAIN, 20000, dtype=np.uint64),
            np.array([0, 1, DOMAIN - 1, DOMAIN - 2], np.uint64),
        ]
    )
    y = p.forward(x)
    assert int(y.max()) < DOMAIN
    assert np.array_equal(p.inverse(y), x)
    assert np.array_equal(p.forward(p.inverse(x)), x)


@pytest.mark.parametrize("start", [0, 123_456_789_000, DOMAIN - 50_000])
def test_bijection_on_sampled_ranges(start):
    """A contiguous range maps to as many distinct values (no collisions)."""
    x = np.arange(start, start + 50_000, dtype=np.uint64)
    y = FeistelPermutation(KEY).forward(x)
    assert np.unique(y).size == x.size


def test_neighbours_are_scattered_and_keys_give_unrelated_permutations():
    x = np.arange(1000, dtype=np.uint64)
    a = FeistelPermutation(KEY).forward(x).astype(np.float64)
    b = FeistelPermutation(bytes(16)).forward(x).astype(np.float64)
    # Consecutive inputs land all over the domain; two keys agree nowhere.
    assert abs(np.corrcoef(x, a)[0, 1]) < 0.1
    assert np.mean(np.abs(np.diff(a))) > DOMAIN / 8
    assert not np.any(a == b)
    assert abs(np.corrcoef(a, b)[0, 1]) < 0.1


def test_out_of_domain_is_refused():
    p = FeistelPermutation(KEY)
    with pytest.raises(ValueError, match="2\\^50"):
        p.forward(np.array([DOMAIN], np.uint64))
    with pytest.raises(TypeError):
        p.forward(np.array([1.5]))
