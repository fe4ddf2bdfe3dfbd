"""SipHash-2-4, as a scalar reference and vectorised over NumPy ``uint64`` arrays.

SipHash (Aumasson & Bernstein 2012) is a keyed pseudorandom function: 128-bit key,
any message, 64-bit output. It is the round function of the design space's Feistel
permutation (:mod:`foulard.space.permutation`), where it must run on millions of
values per second, so it is written here with NumPy's wrapping ``uint64`` arithmetic
(add, rotate, xor: an ARX design needs nothing else) over whole arrays at once.

Why it is a PRF: SipHash-2-4 was designed and analysed as a PRF (the paper's claim is
that no attack distinguishes it from a random function with fewer than about 2^128
key guesses or 2^64 queries); since 2012 it has been cryptanalysed widely (it keys the
hash tables of Python, Rust, Perl, Linux...) with no distinguisher found for the 2-4
variant. The scalar reference here follows the paper line by line, and both versions
are checked against the 64 published test vectors (key ``00..0f``, messages ``00..``
of length 0 to 63).

>>> key = bytes(range(16))
>>> hex(siphash24(key, bytes(range(15))))  # the paper's appendix A example
'0xa129ca6149be45e5'
>>> import numpy as np
>>> k0, k1 = key_words(key)
>>> fast = int(siphash24_u64(k0, k1, np.array([7], np.uint64))[0])
>>> fast == siphash24(key, (7).to_bytes(8, "little"))
True

References
----------
Aumasson & Bernstein 2012, "SipHash: a fast short-input PRF", INDOCRYPT 2012,
LNCS 7668, pp. 489-508.
"""

from __future__ import annotations

import numpy as np

__all__ = ["key_words", "siphash24", "siphash24_bytes", "siphash24_u64"]

_MASK = (1 << 64) - 1
_C0, _C1 = 0x736F6D6570736575, 0x646F72616E646F6D
_C2, _C3 = 0x6C7967656E657261, 0x7465646279746573


def key_words(key: bytes) -> tuple[int, int]:
    """The two little-endian 64-bit words of a 16-byte key."""
    if len(key) != 16:
        raise ValueError(f"a SipHash key is 16 bytes, got {len(key)}")
    return int.from_bytes(key[:8], "little"), int.from_bytes(key[8:], "little")


# -- scalar reference ------------------------------------------------------------------


def _rotl(x: int, b: int) -> int:
    return ((x << b) | (x >> (64 - b))) & _MASK


def _round(v0: int, v1: int, v2: int, v3: int) -> tuple[int, int, int, int]:
    v0 = (v0 + v1) & _MASK
    v1 = _rotl(v1, 13) ^ v0
    v0 = _rotl(v0, 32)
    v2 = (v2 + v3) & _MASK
    v3 = _rotl(v3, 16) ^ v2
    v0 = (v0 + v3) & _MASK
    v3 = _rotl(v3, 21) ^ v0
    v2 = (v2 + v1) & _MASK
    v1 = _rotl(v1, 17) ^ v2
    v2 = _rotl(v2, 32)
    return v0, v1, v2, v3


def siphash24(key: bytes, message: bytes) -> int:
    """SipHash-2-4 of ``message`` under a 16-byte ``key`` (the reference, one value)."""
    k0, k1 = key_words(key)
    v0, v1, v2, v3 = k0 ^ _C0, k1 ^ _C1, k0 ^ _C2, k1 ^ _C3
    n = len(message)
    tail = n - n % 8
    blocks = [int.from_bytes(message[i : i + 8], "little") for i in range(0, tail, 8)]
    blocks.append(int.from_bytes(message[tail:], "little") | ((n & 0xFF) << 56))
    for m in blocks:
        v3 ^= m
        for _ in range(2):
            v0, v1, v2, v3 = _round(v0, v1, v2, v3)
        v0 ^= m
    v2 ^= 0xFF
    for _ in range(4):
        v0, v1, v2, v3 = _round(v0, v1, v2, v3)
    return v0 ^ v1 ^ v2 ^ v3


# -- vectorised ------------------------------------------------------------------------


def _rotl_inplace(x: np.ndarray, b: int, tmp: np.ndarray) -> None:
    """Rotate ``x`` left by ``b`` bits in place (``tmp`` is scratch of the same shape)."""
    np.left_shift(x, np.uint64(b), out=tmp)
    np.right_shift(x, np.uint64(64 - b), out=x)
    np.bitwise_or(x, tmp, out=x)


def _rounds(v: list[np.ndarray], count: int, tmp: np.ndarray) -> None:
    """``count`` SipRounds on the state, in place (no allocation per operation)."""
    v0, v1, v2, v3 = v
    for _ in range(count):
        v0 += v1
        _rotl_inplace(v1, 13, tmp)
        v1 ^= v0
        _rotl_inplace(v0, 32, tmp)
        v2 += v3
        _rotl_inplace(v3, 16, tmp)
        v3 ^= v2
        v0 += v3
        _rotl_inplace(v3, 21, tmp)
        v3 ^= v0
        v2 += v1
        _rotl_inplace(v1, 17, tmp)
        v1 ^= v2
        _rotl_inplace(v2, 32, tmp)


def _hash_blocks(k0: int, k1: int, blocks: np.ndarray) -> np.ndarray:
    """SipHash-2-4 of each row of ``blocks`` (n, b) uint64, the last column already padded."""
    n = blocks.shape[0]
    v = [np.full(n, c, np.uint64) for c in (k0 ^ _C0, k1 ^ _C1, k0 ^ _C2, k1 ^ _C3)]
    tmp = np.empty(n, np.uint64)
    for j in range(blocks.shape[1]):
        m = blocks[:, j]
        v[3] ^= m
        _rounds(v, 2, tmp)
        v[0] ^= m
    v[2] ^= np.uint64(0xFF)
    _rounds(v, 4, tmp)
    v[0] ^= v[1]
    v[0] ^= v[2]
    v[0] ^= v[3]
    return v[0]


def siphash24_u64(k0: int, k1: int, words: np.ndarray) -> np.ndarray:
    """SipHash-2-4 of each 8-byte message ``words[i]`` (its little-endian bytes), vectorised.

    ``words`` is any array of unsigned integers below 2^64; the result is ``uint64``
    of the same shape. This is the fast path the Feistel rounds use.
    """
    w = np.asarray(words, dtype=np.uint64)
    flat = w.reshape(-1)
    blocks = np.empty((flat.size, 2), np.uint64)
    blocks[:, 0] = flat
    blocks[:, 1] = np.uint64(8 << 56)
    return _hash_blocks(k0, k1, blocks).reshape(w.shape)


def siphash24_bytes(key: bytes, messages: np.ndarray) -> np.ndarray:
    """SipHash-2-4 of each row of ``messages`` (n, L) ``uint8``, all of one length L."""
    k0, k1 = key_words(key)
    msgs = np.asarray(messages, dtype=np.uint8)
    if msgs.ndim != 2:
        raise ValueError(f"messages must be (n, L) bytes, got shape {msgs.shape}")
    n, length = msgs.shape
    nblocks = length // 8 + 1
    padded = np.zeros((n, nblocks * 8), np.uint8)
    padded[:, :length] = msgs
    padded[:, -1] = length & 0xFF
    blocks = padded.view("<u8").astype(np.uint64)
    return _hash_blocks(k0, k1, blocks)
