"""Reed-Solomon over GF(256): distance, correction up to t, erasures, failure beyond."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from foulard.space import gf256
from foulard.space.reed_solomon import ReedSolomon

RS = ReedSolomon(14, 7)


def test_field_axioms_on_the_tables():
    a = np.arange(256)
    for x in (1, 2, 3, 0x53, 0xCA, 255):
        row = gf256.MUL[x]
        assert sorted(row[1:].tolist()) == list(range(1, 256))  # multiplication permutes
        assert gf256.mul(x, gf256.inverse(x)) == 1
    assert (gf256.MUL[0] == 0).all() and (gf256.MUL[1] == a).all()
    # Distributivity over xor, on a sample.
    rng = np.random.default_rng(2)
    for x, y, z in rng.integers(0, 256, (200, 3)):
        assert gf256.mul(int(x), int(y) ^ int(z)) == gf256.mul(int(x), int(y)) ^ gf256.mul(
            int(x), int(z)
        )


def test_codewords_have_zero_syndromes_and_unmix_to_the_message():
    rng = np.random.default_rng(3)
    msgs = rng.integers(0, 256, (300, 7), dtype=np.uint8)
    words = RS.encode(msgs)
    assert all(not any(RS.syndromes(w.tolist())) for w in words[:50])
    assert np.array_equal(RS.unmix(words), msgs)


def test_minimum_distance_is_d():
    """Linear code: the minimum distance is the lowest weight of a non-zero codeword."""
    assert RS.d == 8 and RS.t == 3
    rng = np.random.default_rng(4)
    msgs = rng.integers(0, 256, (20000, 7), dtype=np.uint8)
    msgs[:7] = np.eye(7, dtype=np.uint8) * 9  # and messages with one non-zero byte
    weights = (RS.encode(msgs[msgs.any(axis=1)]) != 0).sum(axis=1)
    assert weights.min() >= RS.d
    # A codeword of weight exactly d exists (MDS): interpolate one through d-1 zeros.
    word = [0] * 6 + [None] * 8  # 6 known zeros + 1 more: a codeword vanishing on 6 places
    word[6] = 1
    _dist, cw = RS.nearest(word)
    assert sum(1 for v in cw if v) == RS.d


def test_decoding_corrects_up_to_t_errors_and_more_erasures():
    rng = np.random.default_rng(5)
    msgs = rng.integers(0, 256, (400, 7), dtype=np.uint8)
    words = RS.encode(msgs)
    for i, (msg, cw) in enumerate(zip(msgs, words, strict=True)):
        erasures = int(rng.integers(0, RS.d))  # 0..7
        errors = int(rng.integers(0, (RS.d - 1 - erasures) // 2 + 1))
        pos = rng.choice(RS.n, erasures + errors, replace=False)
        word = cw.tolist()
        for p in pos[:erasures]:
            word[p] = None
        for p in pos[erasures:]:
            word[p] ^= int(rng.integers(1, 256))
        result = RS.decode(word)
        assert result.message is not None, (i, erasures, errors)
        assert result.message.tolist() == msg.tolist()
        assert set(result.corrected) == set(int(p) for p in pos)


def test_decoding_reports_failure_beyond_the_radius():
    rng = np.random.default_rng(6)
    words = RS.encode(rng.integers(0, 256, (60, 7), dtype=np.uint8))
    for cw in words:
        word = cw.tolist()
        for p in rng.choice(RS.n, RS.t + 1, replace=False):
            word[p] ^= int(rng.integers(1, 256))
        result = RS.decode(word)
        # Never silently wrong: either refused, or a codeword that is at most t away.
        if result.message is not None:
            assert result.distance <= RS.t
            assert not any(RS.syndromes(list(result.codeword)))
        dist, nearest = RS.nearest(word)
        assert dist <= RS.t + 1
        assert not any(RS.syndromes(list(nearest)))


def test_nearest_is_exact_on_a_small_exhaustive_check():
    """Against brute force on a tiny code RS(6, 2): all 65,536 codewords."""
    small = ReedSolomon(6, 2)
    msgs = np.array(list(itertools.product(range(256), repeat=2)), np.uint8)
    book = small.encode(msgs)
    rng = np.random.default_rng(7)
    for _ in range(30):
        word = rng.integers(0, 256, 6).tolist()
        brute = int((book != np.array(word, np.uint8)).sum(axis=1).min())
        assert small.nearest(word)[0] == brute


def test_bad_words_are_refused():
    with pytest.raises(ValueError, match="14 symbols"):
        RS.decode([0] * 13)
    with pytest.raises(ValueError, match="bytes"):
        RS.decode([300] + [0] * 13)
    with pytest.raises(ValueError):
        ReedSolomon(300, 7)
