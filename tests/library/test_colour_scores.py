"""The exact ΔE00 re-ranking of colour search: all candidates in one call, the same scores."""

from __future__ import annotations

import numpy as np
import pytest

from foulard.color import cielab
from foulard.library.colours import PALETTE_SIZE, colour_scores


def _packed(n: int, seed: int) -> np.ndarray:
    """Palettes as the index packs them: up to 8 colours with shares, zero rows pad."""
    rng = np.random.default_rng(seed)
    out = np.zeros((n, PALETTE_SIZE, 4), np.float32)
    for i in range(n):
        k = int(rng.integers(1, PALETTE_SIZE + 1))
        out[i, :k, 0] = rng.uniform(5, 95, k)
        out[i, :k, 1:3] = rng.uniform(-60, 60, (k, 2))
        share = rng.random(k)
        out[i, :k, 3] = share / share.sum()
    return out


def _one_pass(query_lab, packed, tolerance, mode):
    """The scores as first written: every pair in one unblocked ΔE00 evaluation."""
    packed = np.asarray(packed, np.float64)
    d = cielab._ciede2000(packed[:, None, :, :3], np.asarray(query_lab, float)[None, :, None, :])
    share = packed[:, None, :, 3]
    d = np.where(share > 0, d, np.inf)
    weight = np.clip(1.0 - d / tolerance, 0.0, None)
    if mode == "palette":
        score = (packed[:, :, 3] * weight.max(1)).sum(-1)
    else:
        cover = (share * weight).sum(-1)
        score = np.exp(np.log(np.maximum(cover, 1e-12)).mean(-1))
        score[cover.min(-1) <= 0] = 0.0
    return score, d.min(-1)


@pytest.mark.parametrize("mode", ["all", "palette"])
@pytest.mark.parametrize("m", [1, 3])
def test_blocked_scores_equal_one_pass_and_rank_the_same(mode, m):
    packed = _packed(2003, seed=m)  # not a whole number of blocks
    rng = np.random.default_rng(10 + m)
    query = np.column_stack([rng.uniform(20, 80, m), rng.uniform(-40, 40, (m, 2))])
    score, nearest = colour_scores(query, packed, 30.0, mode=mode)
    ref_score, ref_nearest = _one_pass(query, packed, 30.0, mode)
    assert score.shape == (2003,) and nearest.shape == (2003, m)
    np.testing.assert_allclose(score, ref_score, rtol=0, atol=1e-12)
    np.testing.assert_allclose(nearest, ref_nearest, rtol=0, atol=1e-9)
    assert (score > 0).sum() > 50  # the comparison says something
    order = np.argsort(-score, kind="stable")
    assert np.array_equal(order, np.argsort(-ref_score, kind="stable"))


def test_no_candidates_and_bad_mode():
    score, nearest = colour_scores(np.zeros((2, 3)), np.zeros((0, PALETTE_SIZE, 4)), 20.0)
    assert score.shape == (0,) and nearest.shape == (0, 2)
    with pytest.raises(ValueError, match="'all' or 'palette'"):
        colour_scores(np.zeros((1, 3)), _packed(3, 0), 20.0, mode="any")
