"""The bound prefilter: the exact top ``k`` by inner product without a full scan.

Each vector ``x`` is ``mean + B p + r`` with ``B`` the first principal axes of the
collection (orthonormal columns), ``p = B^T (x - mean)`` and ``r`` orthogonal to
them. For a query ``q``, Cauchy-Schwarz gives

    q.x = q.mean + (B^T q).p + q.r <= q.mean + (B^T q).p + |q_perp| |r|

(``q_perp`` the part of ``q`` off the axes), so one inner product of
``(B^T q, |q_perp|)`` with the stored rows ``(p, |r|)`` bounds every score from
above. The rows live in a faiss ``IndexFlatIP`` (``dims + 1`` floats a vector, a
quarter to a half of the full vectors), which also takes the search filters.

A search (:meth:`Prefilter.top_k`) takes the rows with the best bounds and
re-scores them with the full vectors, best bounds first, a batch at a time. Once
the ``k``-th exact score is at least the largest bound not yet re-scored, no row
left out can enter the top ``k``: the answer has exactly the top-``k`` scores of a
full scan (equal scores may come in another order). If the rows fetched run out
first, 8 times more are fetched, then the full scan decides.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable
from pathlib import Path

import numpy as np

from foulard.library.errors import LibraryError

__all__ = ["PREFILTER_DIMS", "PREFILTER_MIN", "Prefilter", "faiss_module", "one_thread"]

# Principal axes kept: what leaves the residual small enough that the bound is
# tight (measured at 500,000 patterns: 0.6 % of the variance of the feature vectors
# is left out at 48 axes, 0.03 % of the colour embeddings at 64; with 48 axes for
# the colours the certificate needs 1.4 times the rows re-scored, with 32 axes 2.8
# times, for a scan of 75 % or 51 % of the bytes: no gain).
PREFILTER_DIMS = {"vectors": 48, "colours": 64}
PREFILTER_MIN = 20_000  # below this many vectors the full scan is fast enough
PREFILTER_FACTOR = 2  # rows fetched by bound: k x this, at least PREFILTER_FLOOR
PREFILTER_FLOOR = 2048
PREFILTER_SLACK = 1e-4  # added to every bound: covers float32 rounding (~1e-6) many times
_FIRST_BATCH = 1.25  # rows re-scored at first: k x this (the median need at k = 2,000)
_MIN_BATCH = 256
_CHUNK = 20_000


def faiss_module():
    try:
        import faiss
    except ImportError:  # pragma: no cover - a base dependency
        raise LibraryError("faiss is not installed (pip install faiss-cpu)") from None
    return faiss


@contextlib.contextmanager
def one_thread(faiss, nq: int):
    """One OpenMP thread for a single query: faiss gains nothing from more there,
    and on a busy machine its spinning threads made a 20 ms scan take 100 ms+."""
    if nq > 1:
        yield
        return
    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        yield
    finally:
        faiss.omp_set_num_threads(before)


class Prefilter:
    """Upper bounds of inner products, from a few principal axes and residual norms.

    ``PREFILTER_SLACK`` covers the float32 rounding of ``p``, ``|r|`` (rounded up)
    and the sums.
    """

    def __init__(self, mean: np.ndarray, basis: np.ndarray, index):
        self.mean = np.asarray(mean, np.float64)
        self.basis = np.asarray(basis, np.float64)
        self.index = index

    @classmethod
    def build(cls, vectors: np.ndarray, dims: int) -> Prefilter:
        faiss = faiss_module()
        n, d = vectors.shape
        dims = max(1, min(dims, d, n))
        rng = np.random.default_rng(0)
        sample = vectors[np.sort(rng.choice(n, size=min(n, 100_000), replace=False))]
        mean = sample.mean(0, dtype=np.float64)
        _, _, vt = np.linalg.svd(sample.astype(np.float64) - mean, full_matrices=False)
        basis = np.ascontiguousarray(vt[:dims].T)
        index = faiss.IndexFlatIP(dims + 1)
        for lo in range(0, n, _CHUNK):
            centred = vectors[lo : lo + _CHUNK].astype(np.float64) - mean
            p = (centred @ basis).astype(np.float32)
            resid = np.linalg.norm(centred - p.astype(np.float64) @ basis.T, axis=1)
            r = np.nextafter(resid.astype(np.float32), np.float32(np.inf))  # rounded up
            index.add(np.ascontiguousarray(np.hstack([p, r[:, None]])))
        return cls(mean, basis, index)

    def save(self, gen: Path, name: str) -> None:
        faiss = faiss_module()
        faiss.write_index(self.index, str(gen / f"{name}.pre.faiss"))
        np.savez(gen / f"{name}.pre.npz", mean=self.mean, basis=self.basis)

    @classmethod
    def load(cls, gen: Path, name: str) -> Prefilter:
        faiss = faiss_module()
        flags = faiss.IO_FLAG_MMAP | faiss.IO_FLAG_READ_ONLY
        with np.load(gen / f"{name}.pre.npz") as z:
            mean, basis = z["mean"], z["basis"]
        return cls(mean, basis, faiss.read_index(str(gen / f"{name}.pre.faiss"), flags))

    def query(self, q: np.ndarray) -> tuple[np.ndarray, float]:
        """The row to search with and the constant to add: ``(B^T q, |q_perp|)``, ``q.mean``."""
        q = np.asarray(q, np.float64)
        qb = q @ self.basis
        perp = math.sqrt(max(0.0, float(q @ q) - float(qb @ qb)))
        perp += 1e-7 * math.sqrt(float(q @ q))  # the cancellation above, rounded up
        row = np.append(qb, perp).astype(np.float32)[None]
        return row, float(q @ self.mean)

    def top_k(
        self,
        full: np.ndarray,
        q: np.ndarray,
        k: int,
        params,
        full_scan: Callable[[], tuple[np.ndarray, np.ndarray]],
    ) -> tuple[np.ndarray, np.ndarray, str, int]:
        """The exact top ``k`` of ``full @ q`` over the rows ``params`` allows.

        ``full`` holds the full vectors (``(n, d)``, float32); ``full_scan()`` is the
        fallback. Returns scores, row numbers (best first), how the answer was
        proved (``'first'``: the first fetch, ``'retry'``: 8 times more rows
        fetched, or ``'full_scan'``) and how many rows were re-scored.
        """
        n = len(full)
        row, base = self.query(q)
        want = min(n, max(k * PREFILTER_FACTOR, PREFILTER_FLOOR))
        rescored = 0
        for attempt in ("first", "retry"):
            bound, cand = self.index.search(row, want, params=params)
            got = cand[0] >= 0
            cand, bound = cand[0][got], bound[0][got]
            everything = len(cand) < want or want >= n  # every allowed row was fetched
            bound = bound.astype(np.float64) + (base + PREFILTER_SLACK)
            scores, rows, count = _certified(full, q, cand, bound, k, everything)
            rescored += count
            if rows is not None:
                return scores, rows, attempt, rescored
            want = min(n, want * 8)
        d, i = full_scan()
        return d[0], i[0], "full_scan", rescored + n


def _certified(full, q, cand, bound, k, everything):
    """Re-score ``cand`` (sorted by decreasing ``bound``) in batches until the top
    ``k`` is proved. Returns the top ``k`` scores and rows (best first; rows None
    if the candidates ran out first) and how many rows were re-scored."""
    m = min(len(cand), max(_MIN_BATCH, int(k * _FIRST_BATCH)))
    scores = np.zeros(0, np.float32)
    while True:
        new = cand[len(scores) : m]
        order = np.argsort(new)  # rows read in file order
        fresh = np.empty(len(new), np.float32)
        # einsum, not BLAS: a threaded sgemv spins on a busy machine (5-15 ms
        # instead of 0.2 for 8,000 rows).
        fresh[order] = np.einsum("ij,j->i", full[new[order]], q)
        scores = np.concatenate([scores, fresh])
        if everything and m == len(cand):
            break
        if len(scores) >= k:
            kth = np.partition(scores, len(scores) - k)[len(scores) - k]
            # Rows not fetched are bounded by the last one fetched.
            left_out = bound[m:].max() if m < len(cand) else bound[-1]
            if float(kth) >= left_out:
                break
        if m == len(cand):
            return scores, None, m
        m = min(len(cand), 2 * m)
    # Best first; equal scores by row number (what a scan in file order gives).
    rows = cand[:m]
    top = np.lexsort((rows, -scores))[:k]
    return scores[top], rows[top], m
