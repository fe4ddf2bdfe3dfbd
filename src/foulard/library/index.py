"""Search indexes of the library, kept beside the database and rebuilt from it.

The database is the truth; the index folder is a cache of it that makes search
fast at 500,000 patterns and more:

- ``vectors.faiss``: the visual feature vectors (:mod:`~foulard.library.features`),
  inner product (= cosine). Exact (``IndexFlatIP``) up to ``exact_limit`` patterns
  (default 1,000,000), an inverted-file index (``IndexIVFFlat``, ``4 sqrt(N)``
  lists, 32 probed) beyond;
- ``colours.faiss``: the colour embeddings (:func:`~foulard.library.colours.colour_embedding`),
  for colour-search candidates, always exact;
- ``vectors.pre.faiss``, ``colours.pre.faiss`` with ``*.pre.npz`` (from
  ``PREFILTER_MIN`` patterns on, exact indexes only): the *bound prefilter*
  (:class:`Prefilter`) that makes the exact top ``k`` cheap: each vector as its
  projection on the first ``PREFILTER_DIMS`` principal axes plus the norm of what
  the projection leaves out, so that one inner product over these short rows is
  an upper bound of every pattern's true score. The best bounds are re-scored
  exactly with the full vectors; when the ``k``-th exact score is at least the
  largest bound left out, no pattern left out can be in the top ``k`` and the
  answer is the exact one (otherwise more candidates, then the full scan);
- ``palettes.npy``: the packed dominant palettes, for the exact ΔE00 re-ranking;
- ``terms.json``, ``offsets.npy``, ``postings.npy``: the tags as an inverted index;
- ``seqs.npy``, ``licences.npy``, ``sources.npy``, ``hidden.npy`` with
  ``names.json``: the row order and the filter columns.

Faiss ids are row positions, in ``seq`` order. Each build is written into a new
generation folder and made current by an atomic rename of ``CURRENT``, so a
killed build leaves the previous index in place. Rows added since the build (the
*tail*, ``seq`` above the index's ``covered_seq``) are read from the database when
the index is opened and searched by brute force, so search is never stale;
:meth:`IndexSet.refresh` folds the tail in once it is large.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from foulard.db import Database
from foulard.library.colours import EMBED_DIM, PALETTE_SIZE, colour_embedding
from foulard.library.errors import LibraryError
from foulard.library.features import DIM
from foulard.render.atomic import atomic_write_bytes

__all__ = ["DEFAULT_EXACT_LIMIT", "INDEX_FORMAT", "IndexSet", "Prefilter", "Rows", "read_rows"]

DEFAULT_EXACT_LIMIT = 1_000_000
IVF_PROBES = 32
# Principal axes kept by the bound prefilter: what leaves the residual small enough
# that the bound is tight (measured at 500,000 patterns: 0.6 % of the variance of
# the feature vectors is left out at 48 axes, 0.03 % of the colour embeddings at 64).
PREFILTER_DIMS = {"vectors": 48, "colours": 64}
PREFILTER_MIN = 20_000  # below this many patterns the full scan is fast enough
PREFILTER_FACTOR = 2  # candidates re-scored: k x this, at least PREFILTER_FLOOR
PREFILTER_FLOOR = 2048
PREFILTER_SLACK = 1e-4  # added to every bound: covers float32 rounding (~1e-6) many times
_PREFILTER_MAX_BATCH = 8
_CHUNK = 20_000
INDEX_FORMAT = 2  # 2: bound prefilter; an index folder of another format is rebuilt
_FORMAT = INDEX_FORMAT


def _faiss():
    try:
        import faiss
    except ImportError:  # pragma: no cover - a base dependency
        raise LibraryError("faiss is not installed (pip install faiss-cpu)") from None
    return faiss


@dataclass
class Rows:
    """Columns of some patterns, in ``seq`` order (what an index is built from)."""

    seqs: np.ndarray  # (n,) int64
    vectors: np.ndarray  # (n, DIM) float32
    palettes: np.ndarray  # (n, PALETTE_SIZE, 4) float32
    licences: list[str]
    sources: list[str]
    hidden: np.ndarray  # (n,) bool
    tags: list[list[str]]

    @classmethod
    def empty(cls) -> Rows:
        return cls(
            np.zeros(0, np.int64),
            np.zeros((0, DIM), np.float32),
            np.zeros((0, PALETTE_SIZE, 4), np.float32),
            [],
            [],
            np.zeros(0, bool),
            [],
        )

    def __len__(self) -> int:
        return len(self.seqs)


def read_rows(db: Database, after: int, upto: int | None = None) -> Rows:
    """The rows with ``after < seq <= upto`` (all after ``after`` by default)."""
    cond = "seq > ?" + ("" if upto is None else " AND seq <= ?")
    args: tuple = (after,) if upto is None else (after, upto)
    with db.transaction() as tx:
        rows = tx.all(
            "SELECT seq, features, palette_lab, licence, source, duplicate_of FROM patterns"
            f" WHERE {cond} ORDER BY seq",
            args,
        )
        tag_rows = tx.all(f"SELECT seq, tag FROM tags WHERE {cond}", args)
    if not rows:
        return Rows.empty()
    seqs = np.array([r[0] for r in rows], np.int64)
    vectors = np.frombuffer(b"".join(bytes(r[1]) for r in rows), np.float32).reshape(-1, DIM)
    palettes = np.frombuffer(b"".join(bytes(r[2]) for r in rows), np.float32).reshape(
        -1, PALETTE_SIZE, 4
    )
    pos = {int(s): i for i, s in enumerate(seqs)}
    tags: list[list[str]] = [[] for _ in rows]
    for seq, tag in tag_rows:
        tags[pos[int(seq)]].append(tag)
    return Rows(
        seqs,
        vectors.copy(),
        palettes.copy(),
        [(r[3] or "").lower() for r in rows],
        [r[4] or "" for r in rows],
        np.array([r[5] is not None for r in rows], bool),
        tags,
    )


def _iter_rows(db: Database, after: int, upto: int) -> Iterator[Rows]:
    """Rows in chunks of seq ranges, so a rebuild never holds all tags as objects."""
    lo = after
    while lo < upto:
        hi = min(upto, lo + _CHUNK)
        chunk = read_rows(db, lo, hi)
        if len(chunk):
            yield chunk
        lo = hi


class _Codes:
    """Names (licences, sources) to small integer codes and back."""

    def __init__(self, names: list[str] | None = None):
        self.names = list(names or [""])
        self.index = {n: i for i, n in enumerate(self.names)}

    def code(self, name: str) -> int:
        c = self.index.get(name)
        if c is None:
            c = self.index[name] = len(self.names)
            self.names.append(name)
        return c

    def codes(self, names: list[str]) -> np.ndarray:
        return np.array([self.code(n) for n in names], np.int32)


@contextlib.contextmanager
def _one_thread(faiss, nq: int):
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

    A vector ``x`` is ``mean + B p + r`` with ``B`` the first ``dims`` principal axes
    (orthonormal columns), ``p = B^T (x - mean)`` and ``r`` orthogonal to them. For a
    query ``q``: ``q.x = q.mean + (B^T q).p + q.r <= q.mean + (B^T q).p + |q_perp| |r|``
    (Cauchy-Schwarz, ``q_perp`` the part of ``q`` off the axes). So one inner product
    of ``(B^T q, |q_perp|)`` with the stored rows ``(p, |r|)`` bounds every score from
    above; ``PREFILTER_SLACK`` covers the float32 rounding of ``p``, ``|r|`` (rounded
    up) and the sums. The rows live in a faiss ``IndexFlatIP`` (``dims + 1`` floats
    a pattern, a quarter of the full vectors), which also takes the search filters.
    """

    def __init__(self, mean: np.ndarray, basis: np.ndarray, index):
        self.mean = np.asarray(mean, np.float64)
        self.basis = np.asarray(basis, np.float64)
        self.index = index

    @classmethod
    def build(cls, vectors: np.ndarray, dims: int) -> Prefilter:
        faiss = _faiss()
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
        faiss = _faiss()
        faiss.write_index(self.index, str(gen / f"{name}.pre.faiss"))
        np.savez(gen / f"{name}.pre.npz", mean=self.mean, basis=self.basis)

    @classmethod
    def load(cls, gen: Path, name: str) -> Prefilter:
        faiss = _faiss()
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


def _touch(index) -> None:
    """Map every page of a memory-mapped flat index into this process now (one read
    of the file, mostly from the page cache), so that the re-scoring of scattered
    candidate rows does not pay a page fault for each of them, query after query."""
    n = index.ntotal * index.d
    if n:
        data = _faiss().rev_swig_ptr(index.get_xb(), n)
        float(data[:: 1024 // 4].sum())  # one float every KiB: every page is touched


def _prefilter_min() -> int:
    return PREFILTER_MIN  # read when used, so tests can lower it


class IndexSet:
    """The index folder of one library, opened for search (main part plus tail)."""

    def __init__(self, folder: Path, db: Database, *, exact_limit: int = DEFAULT_EXACT_LIMIT):
        self.folder = Path(folder)
        self.db = db
        self.exact_limit = exact_limit
        self._load()

    # -- opening ---------------------------------------------------------------------

    def _current(self) -> Path | None:
        with contextlib.suppress(OSError):
            name = (self.folder / "CURRENT").read_text().strip()
            gen = self.folder / name
            if name and gen.is_dir():
                return gen
        return None

    def _load(self) -> None:
        faiss = _faiss()
        gen = self._current()
        self.state = {"covered_seq": 0, "count": 0, "kind": "flat", "format": _FORMAT}
        outdated = False
        if gen is not None:
            try:
                state = json.loads((gen / "state.json").read_text())
                if state.get("format") != _FORMAT or state.get("dim") != DIM:
                    gen, outdated = None, True
                else:
                    self.state = state
            except (OSError, ValueError):
                gen, outdated = None, True
        if outdated:
            # An index written by another version of this code (or damaged): the
            # database is the truth, so build the current format from it.
            self.rebuild()
            return
        self.prefilters: dict[str, Prefilter] = {}
        self.prefilter_stats = {"first": 0, "retry": 0, "full_scan": 0}
        if gen is None:
            self.seqs = np.zeros(0, np.int64)
            self.vectors = faiss.IndexFlatIP(DIM)
            self.colours = faiss.IndexFlatIP(EMBED_DIM)
            self.palettes = np.zeros((0, PALETTE_SIZE, 4), np.float32)
            self.terms: dict[str, int] = {}
            self.offsets = np.zeros(1, np.int64)
            self.postings = np.zeros(0, np.int32)
            self.licence_codes = _Codes()
            self.source_codes = _Codes()
            self.licences = np.zeros(0, np.int32)
            self.sources = np.zeros(0, np.int32)
            self.hidden = np.zeros(0, bool)
        else:
            flags = faiss.IO_FLAG_MMAP | faiss.IO_FLAG_READ_ONLY
            self.vectors = faiss.read_index(str(gen / "vectors.faiss"), flags)
            self.colours = faiss.read_index(str(gen / "colours.faiss"), flags)
            if self.state["kind"] == "ivf":
                self.vectors.nprobe = min(IVF_PROBES, self.vectors.nlist)
            self.seqs = np.load(gen / "seqs.npy")
            self.palettes = np.load(gen / "palettes.npy", mmap_mode="r")
            names = json.loads((gen / "names.json").read_text(encoding="utf-8"))
            self.terms = {t: i for i, t in enumerate(names["terms"])}
            self.offsets = np.load(gen / "offsets.npy")
            self.postings = np.load(gen / "postings.npy", mmap_mode="r")
            self.licence_codes = _Codes(names["licences"])
            self.source_codes = _Codes(names["sources"])
            self.licences = np.load(gen / "licences.npy")
            self.sources = np.load(gen / "sources.npy")
            self.hidden = np.load(gen / "hidden.npy")
            for name in self.state.get("prefilters", ()):
                self.prefilters[name] = Prefilter.load(gen, name)
                _touch(self.vectors if name == "vectors" else self.colours)
        self.covered_seq = int(self.state["covered_seq"])
        self.load_tail()

    def load_tail(self) -> None:
        """Read the rows added since the index was built."""
        self.tail = read_rows(self.db, self.covered_seq)
        self.tail_embed = (
            colour_embedding(self.tail.palettes[..., :3], self.tail.palettes[..., 3])
            if len(self.tail)
            else np.zeros((0, EMBED_DIM), np.float32)
        )
        self._all_seqs = np.concatenate([self.seqs, self.tail.seqs])
        self._hidden_mask = np.concatenate([self.hidden, self.tail.hidden])
        self._hidden_mask.flags.writeable = False
        self._all_seqs.flags.writeable = False
        self.tail_terms: dict[str, list[int]] = {}
        for i, tags in enumerate(self.tail.tags):
            for t in tags:
                self.tail_terms.setdefault(t, []).append(i)

    @property
    def main_count(self) -> int:
        return len(self.seqs)

    def __len__(self) -> int:
        return self.main_count + len(self.tail)

    # -- positions over main + tail -----------------------------------------------------

    def all_seqs(self) -> np.ndarray:
        """The ``seq`` of every position (read-only; kept until the tail is reread)."""
        return self._all_seqs

    def hidden_mask(self) -> np.ndarray:
        """Positions hidden as duplicates (read-only; kept until the tail is reread)."""
        return self._hidden_mask

    def filter_mask(
        self, *, licences: list[str] = (), sources: list[str] = ()
    ) -> np.ndarray | None:
        """Positions allowed by licence / source filters (None: no filter)."""
        if not licences and not sources:
            return None
        mask = np.ones(len(self), bool)
        if licences:
            wanted = {x.lower() for x in licences}
            main = np.isin(
                self.licences,
                [c for n, c in self.licence_codes.index.items() if n.lower() in wanted],
            )
            tail = np.array([x in wanted for x in self.tail.licences], bool)
            mask &= np.concatenate([main, tail])
        if sources:
            wanted = set(sources)
            main = np.isin(
                self.sources, [c for n, c in self.source_codes.index.items() if n in wanted]
            )
            tail = np.array([x in wanted for x in self.tail.sources], bool)
            mask &= np.concatenate([main, tail])
        return mask

    def postings_of(self, term: str) -> np.ndarray:
        """Positions (main + tail) of the patterns tagged ``term``."""
        t = self.terms.get(term)
        main = (
            np.asarray(self.postings[self.offsets[t] : self.offsets[t + 1]], np.int64)
            if t is not None
            else np.zeros(0, np.int64)
        )
        tail = np.asarray(self.tail_terms.get(term, ()), np.int64) + self.main_count
        return np.concatenate([main, tail]) if len(tail) else main

    def palettes_at(self, positions: np.ndarray) -> np.ndarray:
        positions = np.asarray(positions, np.int64)
        out = np.zeros((len(positions), PALETTE_SIZE, 4), np.float32)
        main = positions < self.main_count
        if main.any():
            out[main] = self.palettes[positions[main]]
        if (~main).any():
            out[~main] = self.tail.palettes[positions[~main] - self.main_count]
        return out

    # -- k nearest ------------------------------------------------------------------------

    def _knn(
        self,
        name: str,
        index,
        tail: np.ndarray,
        q: np.ndarray,
        k: int,
        mask: np.ndarray | None,
        exact: bool = False,
    ):
        """Top ``k`` by inner product over main (faiss) and tail (numpy), per query.

        ``exact``: scan every vector (what the bound prefilter must agree with)."""
        faiss = _faiss()
        q = np.ascontiguousarray(np.atleast_2d(q), np.float32)
        nq = len(q)
        parts_d, parts_i = [], []
        n_main = self.main_count
        if n_main and k > 0:
            params = None
            keep = None
            if mask is not None:
                main_mask = mask[:n_main]
                if not main_mask.any():
                    n_main = 0
                elif not main_mask.all():
                    keep = np.packbits(main_mask, bitorder="little")
                    sel = faiss.IDSelectorBitmap(len(main_mask), faiss.swig_ptr(keep))
                    if index is self.vectors and self.state["kind"] == "ivf":
                        params = faiss.SearchParametersIVF(sel=sel, nprobe=self.vectors.nprobe)
                    else:
                        params = faiss.SearchParameters(sel=sel)
            if n_main:
                kk = min(k, n_main)
                # Batches (duplicate linking) go to the full scan, one matrix product.
                pre = None if exact or nq > _PREFILTER_MAX_BATCH else self.prefilters.get(name)
                with _one_thread(faiss, nq):
                    if pre is not None:
                        d, i = self._bounded(pre, index, q, kk, params)
                    else:
                        d, i = index.search(q, kk, params=params) if params else index.search(q, kk)
                parts_d.append(d)
                parts_i.append(i.astype(np.int64))
                del keep
        if len(tail):
            scores = q @ tail.T
            if mask is not None:
                scores[:, ~mask[self.main_count :]] = -np.inf
            kk = min(k, len(tail))
            top = np.argpartition(-scores, kk - 1, axis=1)[:, :kk]
            parts_d.append(np.take_along_axis(scores, top, 1))
            parts_i.append(top + self.main_count)
        if not parts_d:
            return np.zeros((nq, 0), np.float32), np.zeros((nq, 0), np.int64)
        d = np.concatenate(parts_d, axis=1)
        i = np.concatenate(parts_i, axis=1)
        d = np.where(i < 0, -np.inf, d)
        order = np.argsort(-d, axis=1, kind="stable")[:, :k]
        d, i = np.take_along_axis(d, order, 1), np.take_along_axis(i, order, 1)
        return d, np.where(np.isfinite(d), i, -1)

    def _bounded(self, pre: Prefilter, index, q: np.ndarray, k: int, params):
        """The exact top ``k`` of the main part, through the bound prefilter.

        Candidates are the rows with the best upper bounds; they are re-scored with
        the full vectors. If the ``k``-th exact score is at least the bound of the
        last candidate (so of every row left out), the top ``k`` is exact (up to the
        order of equal scores); if not, 8 times more candidates, then the full scan.
        """
        n = self.main_count
        full = _faiss().rev_swig_ptr(index.get_xb(), n * index.d).reshape(n, index.d)
        out_d = np.full((len(q), k), -np.inf, np.float32)
        out_i = np.full((len(q), k), -1, np.int64)
        for j, qj in enumerate(q):
            row, base = pre.query(qj)
            want = min(n, max(k * PREFILTER_FACTOR, PREFILTER_FLOOR))
            for attempt in ("first", "retry", "full_scan"):
                if attempt == "full_scan":
                    d, i = index.search(qj[None], k, params=params)
                    out_d[j], out_i[j] = d[0], i[0]
                    break
                bound, cand = pre.index.search(row, want, params=params)
                got = cand[0] >= 0
                cand, bound = cand[0][got], bound[0][got]
                cand = np.sort(cand)  # rows read in file order
                # einsum, not BLAS: a threaded sgemv spins on a busy machine (5-15 ms
                # instead of 0.2 for 8,000 rows).
                scores = np.einsum("ij,j->i", full[cand], qj)
                top = np.argsort(-scores, kind="stable")[:k]
                done = len(cand) < want or want >= n  # every allowed row is a candidate
                if not done and len(top) == k:
                    done = float(scores[top[-1]]) >= float(bound[-1]) + base + PREFILTER_SLACK
                if done:
                    out_d[j, : len(top)], out_i[j, : len(top)] = scores[top], cand[top]
                    break
                want = min(n, want * 8)
            self.prefilter_stats[attempt] += 1
        return out_d, out_i

    def knn_vectors(
        self, q: np.ndarray, k: int, mask: np.ndarray | None = None, *, exact: bool = False
    ):
        return self._knn("vectors", self.vectors, self.tail.vectors, q, k, mask, exact)

    def knn_colours(
        self, q: np.ndarray, k: int, mask: np.ndarray | None = None, *, exact: bool = False
    ):
        return self._knn("colours", self.colours, self.tail_embed, q, k, mask, exact)

    # -- building -------------------------------------------------------------------------

    def _new_generation(self) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"gen-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
        gen = self.folder / name
        gen.mkdir()
        return gen

    def _publish(self, gen: Path, state: dict) -> None:
        (gen / "state.json").write_text(json.dumps(state, indent=1))
        old = self._current()
        atomic_write_bytes(self.folder / "CURRENT", gen.name.encode())
        # Remove the previous generation (a reader that has it open keeps its files)
        # and those of builds that died long ago; a build running elsewhere is younger.
        for entry in self.folder.iterdir():
            stale = entry == old or entry.stat().st_mtime < time.time() - 3600
            if entry.is_dir() and entry.name.startswith("gen-") and entry != gen and stale:
                shutil.rmtree(entry, ignore_errors=True)

    def _vector_index(self, vectors: np.ndarray):
        faiss = _faiss()
        n = len(vectors)
        if n <= self.exact_limit:
            index = faiss.IndexFlatIP(DIM)
            index.add(vectors)
            return index, "flat"
        nlist = max(1, min(int(4 * math.sqrt(n)), n // 39))  # faiss wants ~39 points a list
        quantizer = faiss.IndexFlatIP(DIM)
        index = faiss.IndexIVFFlat(quantizer, DIM, nlist, faiss.METRIC_INNER_PRODUCT)
        rng = np.random.default_rng(0)
        train = vectors[np.sort(rng.choice(n, size=min(n, 64 * nlist), replace=False))]
        index.train(np.ascontiguousarray(train))
        index.add(vectors)
        index.nprobe = min(IVF_PROBES, nlist)
        return index, "ivf"

    def rebuild(self) -> dict:
        """Build the whole index from the database; returns timing and sizes."""
        t0 = time.perf_counter()
        with self.db.transaction() as tx:
            top = int(tx.one("SELECT COALESCE(MAX(seq), 0) FROM patterns")[0])
        self._build(_iter_rows(self.db, 0, top), top, reuse=False)
        return {"seconds": time.perf_counter() - t0, "patterns": len(self), **self.sizes()}

    def refresh(self, *, min_tail: int = 2000, fraction: float = 0.01) -> bool:
        """Fold the tail into the index if it is large; True if it did."""
        self.load_tail()
        n = len(self.tail)
        if n == 0 or n < max(min_tail, fraction * self.main_count):
            return False
        if self.state["kind"] != "flat" or self.main_count + n > self.exact_limit:
            self.rebuild()
            return True
        top = int(self.tail.seqs[-1])
        self._build(iter([self.tail]), top, reuse=True)
        return True

    def _build(self, chunks: Iterator[Rows], top: int, *, reuse: bool) -> None:
        faiss = _faiss()
        if reuse:
            seqs = [self.seqs]
            vec_parts = [self._all_main_vectors()]
            pal_parts = [np.asarray(self.palettes)]
            licences, sources = [self.licences], [self.sources]
            hidden = [self.hidden]
            lic_codes, src_codes = self.licence_codes, self.source_codes
            terms = dict(self.terms)
            counts = np.diff(self.offsets)
            pair_terms = [np.repeat(np.arange(len(counts), dtype=np.int64), counts)]
            pair_pos = [np.asarray(self.postings, np.int64)]
            n = self.main_count
        else:
            seqs, vec_parts, pal_parts, licences, sources, hidden = [], [], [], [], [], []
            lic_codes, src_codes = _Codes(), _Codes()
            terms = {}
            pair_terms, pair_pos = [], []
            n = 0
        for rows in chunks:
            seqs.append(rows.seqs)
            vec_parts.append(rows.vectors)
            pal_parts.append(rows.palettes)
            licences.append(lic_codes.codes(rows.licences))
            sources.append(src_codes.codes(rows.sources))
            hidden.append(rows.hidden)
            t_ids, p_ids = [], []
            for i, tags in enumerate(rows.tags):
                for t in tags:
                    tid = terms.get(t)
                    if tid is None:
                        tid = terms[t] = len(terms)
                    t_ids.append(tid)
                    p_ids.append(n + i)
            pair_terms.append(np.array(t_ids, np.int64))
            pair_pos.append(np.array(p_ids, np.int64))
            n += len(rows)
        all_seqs = np.concatenate(seqs) if seqs else np.zeros(0, np.int64)
        vectors = np.ascontiguousarray(
            np.concatenate(vec_parts) if vec_parts else np.zeros((0, DIM), np.float32)
        )
        palettes = (
            np.concatenate(pal_parts) if pal_parts else np.zeros((0, PALETTE_SIZE, 4), np.float32)
        )
        vindex, kind = self._vector_index(vectors)
        cindex = faiss.IndexFlatIP(EMBED_DIM)
        for lo in range(0, len(palettes), _CHUNK):
            part = palettes[lo : lo + _CHUNK]
            cindex.add(colour_embedding(part[..., :3], part[..., 3]))
        prefilters = {}
        if kind == "flat" and len(vectors) >= _prefilter_min():
            prefilters["vectors"] = Prefilter.build(vectors, PREFILTER_DIMS["vectors"])
            embed = faiss.rev_swig_ptr(cindex.get_xb(), cindex.ntotal * EMBED_DIM)
            prefilters["colours"] = Prefilter.build(
                embed.reshape(-1, EMBED_DIM), PREFILTER_DIMS["colours"]
            )
        del vectors
        # Tags: (term, position) pairs sorted by term then position, as CSR.
        tp = np.concatenate(pair_terms) if pair_terms else np.zeros(0, np.int64)
        pp = np.concatenate(pair_pos) if pair_pos else np.zeros(0, np.int64)
        order = np.lexsort((pp, tp))
        tp, pp = tp[order], pp[order]
        # Terms in sorted order, renumbered.
        names = sorted(terms, key=terms.get)
        sorted_names = sorted(names)
        renum = np.empty(len(names), np.int64)
        where = {t: i for i, t in enumerate(sorted_names)}
        for old_id, t in enumerate(names):
            renum[old_id] = where[t]
        tp = renum[tp] if len(tp) else tp
        order = np.lexsort((pp, tp))
        tp, pp = tp[order], pp[order]
        offsets = np.zeros(len(sorted_names) + 1, np.int64)
        np.add.at(offsets, tp + 1, 1)
        offsets = np.cumsum(offsets)
        gen = self._new_generation()
        faiss.write_index(vindex, str(gen / "vectors.faiss"))
        faiss.write_index(cindex, str(gen / "colours.faiss"))
        for name, pre in prefilters.items():
            pre.save(gen, name)
        np.save(gen / "seqs.npy", all_seqs)
        np.save(gen / "palettes.npy", palettes.astype(np.float32))
        np.save(gen / "offsets.npy", offsets)
        np.save(gen / "postings.npy", pp.astype(np.int32))
        np.save(
            gen / "licences.npy", np.concatenate(licences) if licences else np.zeros(0, np.int32)
        )
        np.save(gen / "sources.npy", np.concatenate(sources) if sources else np.zeros(0, np.int32))
        np.save(gen / "hidden.npy", np.concatenate(hidden) if hidden else np.zeros(0, bool))
        (gen / "names.json").write_text(
            json.dumps(
                {"terms": sorted_names, "licences": lic_codes.names, "sources": src_codes.names},
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
        state = {
            "format": _FORMAT,
            "dim": DIM,
            "covered_seq": int(top),
            "count": len(all_seqs),
            "kind": kind,
            "prefilters": sorted(prefilters),
            "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        self._publish(gen, state)
        self._load()

    def _all_main_vectors(self) -> np.ndarray:
        if self.main_count == 0:
            return np.zeros((0, DIM), np.float32)
        if self.state["kind"] == "flat":
            return self.vectors.reconstruct_n(0, self.main_count)
        raise LibraryError("an approximate index is rebuilt, not extended")  # pragma: no cover

    def set_hidden(self, seqs: np.ndarray) -> None:
        """Mark rows hidden in the current generation (after 'dupes --keep')."""
        gen = self._current()
        if gen is None or not len(seqs):
            self.load_tail()
            return
        pos = np.searchsorted(self.seqs, seqs)
        ok = (pos < len(self.seqs)) & (self.seqs[np.minimum(pos, len(self.seqs) - 1)] == seqs)
        hidden = np.array(self.hidden, copy=True)
        hidden[pos[ok]] = True
        tmp = gen / ".hidden.tmp.npy"
        np.save(tmp, hidden)
        os.replace(tmp, gen / "hidden.npy")
        self.hidden = hidden
        self.load_tail()

    def sizes(self) -> dict:
        """Bytes on disk of the current generation."""
        gen = self._current()
        if gen is None:
            return {"index_bytes": 0}
        total = sum(p.stat().st_size for p in gen.iterdir() if p.is_file())
        return {"index_bytes": total, "index_folder": str(gen)}
