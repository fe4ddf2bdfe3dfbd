"""Reed-Solomon codes over GF(256): vectorised encoding, errors-and-erasures decoding.

An ``RS(n, k)`` code maps k message bytes to n symbols (here: genes) so that any two
codewords differ in at least ``d = n - k + 1`` positions, the most any code of that
length and size can achieve (it is maximum distance separable). The decoder finds the
message again when up to ``t = (d - 1) // 2`` symbols were changed, or more generally
when ``2 * errors + erasures <= d - 1`` (an *erasure* is a symbol known to be unknown:
a gene the reader could not recognise).

Construction. The codeword polynomial ``c(x) = sum c_p x^(n-1-p)`` is a multiple of
``g(x) = prod_{j<d-1} (x - alpha^j)``; encoding is systematic (message symbols, then
the remainder), preceded by an invertible k x k Cauchy matrix that mixes the message
bytes. The mixing changes no distance (the set of codewords is the same); it makes
every position depend on every message byte, so a message whose top byte is always
small (a 50-bit number in 7 bytes) still spreads evenly over all 256 values of every
symbol. Encoding is a product by the k x n generator matrix, done with the GF(256)
product table as ``k * n`` gathers over the whole batch.

Decoding (one word at a time; it is only used to locate designs): syndromes,
Berlekamp-Massey started from the erasure locator, Chien search for the error
positions, Forney's formula for the values, then a final syndrome check. When the
word is beyond the decoding radius, :meth:`ReedSolomon.nearest` finds the exact
distance to the nearest codeword by interpolating through every k known positions
(every word lies within ``n - k`` of some codeword, so one of those is the nearest).

>>> rs = ReedSolomon(16, 7)
>>> msg = np.arange(7, dtype=np.uint8)[None, :]
>>> word = rs.encode(msg)[0].tolist()
>>> word[3] ^= 0x55; word[9] = None
>>> result = rs.decode(word)
>>> result.message.tolist(), result.corrected
([0, 1, 2, 3, 4, 5, 6], (3, 9))

References
----------
Reed & Solomon 1960, "Polynomial codes over certain finite fields", J. SIAM 8(2);
Massey 1969, "Shift-register synthesis and BCH decoding", IEEE Trans. IT-15(1);
Forney 1965, "On decoding BCH codes", IEEE Trans. IT-11(4); Chien 1964, "Cyclic
decoding procedures for BCH codes", IEEE Trans. IT-10(4); Blahut 2003, *Algebraic
Codes for Data Transmission*, ch. 6-7 (errors and erasures).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from foulard.space.gf256 import EXP, LOG, MUL, div, inverse, mul, poly_eval

__all__ = ["DecodeResult", "ReedSolomon"]


@dataclass(frozen=True)
class DecodeResult:
    """What decoding one word gave.

    ``message`` is None when the word is beyond the decoding radius; ``corrected``
    lists the positions that were changed or filled in; ``distance`` is the number of
    positions where the word differs from the decoded codeword (erasures count).
    """

    message: np.ndarray | None
    codeword: tuple[int, ...] | None
    corrected: tuple[int, ...]
    distance: int


def _poly_mul(a: list[int], b: list[int]) -> list[int]:
    out = [0] * (len(a) + len(b) - 1)
    for i, x in enumerate(a):
        if x:
            for j, y in enumerate(b):
                out[i + j] ^= mul(x, y)
    return out


def _gauss_inverse(m: list[list[int]]) -> list[list[int]]:
    size = len(m)
    a = [row[:] + [1 if i == j else 0 for j in range(size)] for i, row in enumerate(m)]
    for col in range(size):
        pivot = next(r for r in range(col, size) if a[r][col])
        a[col], a[pivot] = a[pivot], a[col]
        inv = inverse(a[col][col])
        a[col] = [mul(v, inv) for v in a[col]]
        for r in range(size):
            if r != col and a[r][col]:
                f = a[r][col]
                a[r] = [v ^ mul(f, w) for v, w in zip(a[r], a[col], strict=True)]
    return [row[size:] for row in a]


class ReedSolomon:
    """A Reed-Solomon code RS(n, k) over GF(256), shortened to ``n <= 255``."""

    def __init__(self, n: int, k: int):
        if not 1 <= k < n <= 255:
            raise ValueError(f"need 1 <= k < n <= 255, got n={n}, k={k}")
        self.n, self.k = n, k
        self.d = n - k + 1
        self.t = (self.d - 1) // 2
        nk = n - k
        g = [1]
        for j in range(nk):
            g = _poly_mul(g, [int(EXP[j]), 1])  # (x + alpha^j), lowest degree first
        self._g = g
        # Position p holds the coefficient of x^(n-1-p); its locator is alpha^(n-1-p).
        self._loc = [int(EXP[(n - 1 - p) % 255]) for p in range(n)]
        systematic = [self._systematic_row(i) for i in range(k)]
        # Cauchy matrix 1 / (x_i + y_j) with distinct x_i, y_j: invertible.
        cauchy = [[inverse(int(EXP[i]) ^ int(EXP[k + j])) for j in range(k)] for i in range(k)]
        self._unmix = np.array(_gauss_inverse(cauchy), np.uint8)
        gen = [[0] * n for _ in range(k)]
        for i in range(k):
            for r in range(k):
                if cauchy[i][r]:
                    for p in range(n):
                        gen[i][p] ^= mul(cauchy[i][r], systematic[r][p])
        self.generator = np.array(gen, np.uint8)
        self.generator.setflags(write=False)

    def _systematic_row(self, i: int) -> list[int]:
        n, k = self.n, self.k
        # m(x) x^(n-k) with m = e_i: a single 1 at degree n-1-i; parity = remainder mod g.
        rem_full = [0] * n  # lowest degree first
        rem_full[n - 1 - i] = 1
        for deg in range(n - 1, n - k - 1, -1):
            coef = rem_full[deg]
            if coef:
                for j, gj in enumerate(self._g):
                    rem_full[deg - (n - k) + j] ^= mul(coef, gj)
        rem = rem_full[: n - k]
        row = [0] * n
        row[i] = 1
        for p in range(k, n):
            row[p] = rem[n - 1 - p]
        return row

    # -- encoding ----------------------------------------------------------------------

    def encode(self, messages: np.ndarray) -> np.ndarray:
        """Codewords ``(N, n)`` uint8 of messages ``(N, k)`` uint8."""
        msg = np.asarray(messages, np.uint8)
        if msg.ndim != 2 or msg.shape[1] != self.k:
            raise ValueError(f"messages must have shape (N, {self.k}), got {msg.shape}")
        out = np.zeros((msg.shape[0], self.n), np.uint8)
        for i in range(self.k):
            out ^= MUL[msg[:, i][:, None], self.generator[i][None, :]]
        return out

    def unmix(self, systematic: np.ndarray) -> np.ndarray:
        """Message bytes from the first k symbols of codewords ``(N, >=k)``."""
        u = np.asarray(systematic, np.uint8)[:, : self.k]
        out = np.zeros_like(u)
        for r in range(self.k):
            out ^= MUL[u[:, r][:, None], self._unmix[r][None, :]]
        return out

    def syndromes(self, word: list[int]) -> list[int]:
        """``S_j = c(alpha^j)`` for ``j < n - k``; all zero exactly for codewords."""
        coeffs = list(reversed(word))  # lowest degree first
        return [poly_eval(coeffs, int(EXP[j])) for j in range(self.n - self.k)]

    # -- decoding ----------------------------------------------------------------------

    def decode(self, word: list[int | None]) -> DecodeResult:
        """Correct a received word (``None`` marks an erasure) and recover its message."""
        if len(word) != self.n:
            raise ValueError(f"a word has {self.n} symbols, got {len(word)}")
        erased = [p for p, v in enumerate(word) if v is None]
        received = [0 if v is None else int(v) for v in word]
        if any(not 0 <= v <= 255 for v in received):
            raise ValueError("symbols are bytes (0 to 255)")
        failed = DecodeResult(None, None, (), self.n)
        nk = self.n - self.k
        if len(erased) > nk:
            return failed
        synd = self.syndromes(received)
        if not any(synd) and not erased:
            return self._result(received, received, ())
        gamma = [1]
        for p in erased:
            gamma = _poly_mul(gamma, [1, self._loc[p]])
        lam, length = self._berlekamp_massey(synd, gamma, len(erased))
        degree = len(lam) - 1
        errors = degree - len(erased)
        if degree != length or errors < 0 or 2 * errors + len(erased) > nk:
            return failed
        positions = [p for p in range(self.n) if poly_eval(lam, inverse(self._loc[p])) == 0]
        if len(positions) != degree:
            return failed
        omega = _poly_mul(synd, lam)[:nk]
        deriv = [lam[i] if i % 2 == 1 else 0 for i in range(1, len(lam))]
        fixed = received[:]
        for p in positions:
            x = self._loc[p]
            xinv = inverse(x)
            den = poly_eval(deriv, xinv)
            if den == 0:
                return failed
            fixed[p] ^= mul(x, div(poly_eval(omega, xinv), den))
        if any(self.syndromes(fixed)):
            return failed
        return self._result(received, fixed, erased)

    def _result(self, received: list[int], fixed: list[int], erased) -> DecodeResult:
        changed = sorted({p for p in range(self.n) if fixed[p] != received[p]} | set(erased))
        message = self.unmix(np.array([fixed], np.uint8))[0]
        return DecodeResult(message, tuple(fixed), tuple(changed), len(changed))

    @staticmethod
    def _berlekamp_massey(
        synd: list[int], gamma: list[int], erasures: int
    ) -> tuple[list[int], int]:
        """The errors-and-erasures locator and its register length (Massey, from gamma)."""
        lam = gamma[:]
        prev = gamma[:]
        length, shift, b = erasures, 1, 1
        for r in range(erasures, len(synd)):
            delta = 0
            for i in range(min(len(lam), r + 1)):
                delta ^= mul(lam[i], synd[r - i])
            if delta == 0:
                shift += 1
                continue
            coef = div(delta, b)
            update = [0] * shift + [mul(coef, c) for c in prev]
            new = [
                (lam[i] if i < len(lam) else 0) ^ (update[i] if i < len(update) else 0)
                for i in range(max(len(lam), len(update)))
            ]
            if 2 * length <= r + erasures:
                prev, b = lam, delta
                length = r + 1 + erasures - length
                shift = 1
            else:
                shift += 1
            lam = new
        while len(lam) > 1 and lam[-1] == 0:
            lam.pop()
        return lam, length

    # -- nearest codeword ----------------------------------------------------------------

    @cached_property
    def _subsets(self) -> np.ndarray:
        return np.array(list(itertools.combinations(range(self.n), self.k)), np.int64)

    def nearest(self, word: list[int | None]) -> tuple[int, tuple[int, ...]]:
        """The exact distance to the nearest codeword, and that codeword.

        Interpolates the codeword through every set of k known positions (the code is
        MDS, so each set determines one) and keeps the closest: a few milliseconds.
        """
        if len(word) != self.n:
            raise ValueError(f"a word has {self.n} symbols, got {len(word)}")
        known = np.array([v is not None for v in word])
        received = np.array([0 if v is None else v for v in word], np.uint8)
        subsets = self._subsets[known[self._subsets].all(axis=1)]
        if subsets.shape[0] == 0:
            return self.n, tuple([0] * self.n)
        k = self.k
        # Solve b . G[:, S] = r[S] for every subset S at once (Gauss-Jordan over GF(256)).
        gs = self.generator[:, subsets]  # (k, C, k): gs[i, c, j] = G[i, S_c[j]]
        aug = np.empty((subsets.shape[0], k, k + 1), np.uint8)
        aug[:, :, :k] = np.transpose(gs, (1, 2, 0))  # row j: G[:, S_j]
        aug[:, :, k] = received[subsets]
        rows = np.arange(subsets.shape[0])
        inv_table = np.zeros(256, np.uint8)
        inv_table[1:] = EXP[(255 - LOG[1:]) % 255]
        for col in range(k):
            pivot = col + np.argmax(aug[:, col:, col] != 0, axis=1)
            top = aug[rows, col].copy()
            aug[rows, col] = aug[rows, pivot]
            aug[rows, pivot] = top
            aug[:, col] = MUL[inv_table[aug[:, col, col]][:, None], aug[:, col]]
            factor = aug[:, :, col].copy()
            factor[:, col] = 0
            aug ^= MUL[factor[:, :, None], aug[:, col][:, None, :]]
        coeffs = aug[:, :, k]  # (C, k)
        words = np.zeros((subsets.shape[0], self.n), np.uint8)
        for i in range(k):
            words ^= MUL[coeffs[:, i][:, None], self.generator[i][None, :]]
        dist = ((words != received[None, :]) | ~known[None, :]).sum(axis=1)
        best = int(np.argmin(dist))
        return int(dist[best]), tuple(int(v) for v in words[best])
