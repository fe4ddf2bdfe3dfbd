"""Search indexes of the library, kept beside the database and rebuilt from it.

The database is the truth; the index folder is a cache of it that makes search
fast at 500,000 patterns and more: faiss indexes of the feature vectors and
colour embeddings, the packed palettes, the tags as an inverted index and the
filter columns (the files: :mod:`~foulard.library.index_build`). From
``PREFILTER_MIN`` patterns on, the exact top ``k`` comes through the bound
prefilter (:mod:`~foulard.library.prefilter`), which proves its answer equal to a
full scan's or falls back to it.

Rows added since the build (the *tail*, ``seq`` above the index's
``covered_seq``) are read from the database when the index is opened and
searched by brute force, so search is never stale; :meth:`IndexSet.refresh`
folds the tail in once it is large.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from foulard.db import Database
from foulard.library.colours import EMBED_DIM, PALETTE_SIZE, colour_embedding
from foulard.library.errors import LibraryError
from foulard.library.features import DIM
from foulard.library.index_build import INDEX_FORMAT, IVF_PROBES, Columns, current_generation
from foulard.library.index_rows import Codes, Rows, iter_rows, read_rows
from foulard.library.prefilter import Prefilter, faiss_module, one_thread

__all__ = ["DEFAULT_EXACT_LIMIT", "INDEX_FORMAT", "IndexSet", "Prefilter", "Rows", "read_rows"]

DEFAULT_EXACT_LIMIT = 1_000_000
_PREFILTER_MAX_BATCH = 8  # more queries at once (duplicate linking) go to the full scan


def _touch(index) -> None:
    """Map every page of a memory-mapped flat index into this process now (one read
    of the file, mostly from the page cache), so that the re-scoring of scattered
    candidate rows does not pay a page fault for each of them, query after query."""
    n = index.ntotal * index.d
    if n:
        data = faiss_module().rev_swig_ptr(index.get_xb(), n)
        float(data[:: 1024 // 4].sum())  # one float every KiB: every page is touched


class IndexSet:
    """The index folder of one library, opened for search (main part plus tail)."""

    def __init__(self, folder: Path, db: Database, *, exact_limit: int = DEFAULT_EXACT_LIMIT):
        self.folder = Path(folder)
        self.db = db
        self.exact_limit = exact_limit
        self._load()

    # -- opening ---------------------------------------------------------------------

    def _load(self) -> None:
        faiss = faiss_module()
        gen = current_generation(self.folder)
        self.state = {"covered_seq": 0, "count": 0, "kind": "flat", "format": INDEX_FORMAT}
        outdated = False
        if gen is not None:
            try:
                state = json.loads((gen / "state.json").read_text())
                if state.get("format") != INDEX_FORMAT or state.get("dim") != DIM:
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
        self.prefilter_rescored = 0  # rows re-scored with the full vectors, all queries
        if gen is None:
            self.seqs = np.zeros(0, np.int64)
            self.vectors = faiss.IndexFlatIP(DIM)
            self.colours = faiss.IndexFlatIP(EMBED_DIM)
            self.palettes = np.zeros((0, PALETTE_SIZE, 4), np.float32)
            self.terms: dict[str, int] = {}
            self.offsets = np.zeros(1, np.int64)
            self.postings = np.zeros(0, np.int32)
            self.licence_codes = Codes()
            self.source_codes = Codes()
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
            self.licence_codes = Codes(names["licences"])
            self.source_codes = Codes(names["sources"])
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
        faiss = faiss_module()
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
                with one_thread(faiss, nq):
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
        """The exact top ``k`` of the main part, per query, through the bound prefilter
        (:meth:`Prefilter.top_k`: certified, or the full scan)."""
        n = self.main_count
        full = faiss_module().rev_swig_ptr(index.get_xb(), n * index.d).reshape(n, index.d)
        out_d = np.full((len(q), k), -np.inf, np.float32)
        out_i = np.full((len(q), k), -1, np.int64)
        for j, qj in enumerate(q):

            def scan(qj=qj):
                return index.search(qj[None], k, params=params)

            d, i, how, rescored = pre.top_k(full, qj, k, params, scan)
            out_d[j, : len(d)], out_i[j, : len(i)] = d, i
            self.prefilter_stats[how] += 1
            self.prefilter_rescored += rescored
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

    def rebuild(self) -> dict:
        """Build the whole index from the database; returns timing and sizes."""
        t0 = time.perf_counter()
        with self.db.transaction() as tx:
            top = int(tx.one("SELECT COALESCE(MAX(seq), 0) FROM patterns")[0])
        self._build(iter_rows(self.db, 0, top), top, reuse=False)
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
        if reuse:
            columns = Columns(self.licence_codes, self.source_codes)
            columns.add_built(self)
        else:
            columns = Columns()
        for rows in chunks:
            columns.add(rows)
        columns.write(self.folder, top, exact_limit=self.exact_limit)
        self._load()

    def main_vectors(self) -> np.ndarray:
        """The feature vectors of the main part (a flat index only)."""
        if self.main_count == 0:
            return np.zeros((0, DIM), np.float32)
        if self.state["kind"] == "flat":
            return self.vectors.reconstruct_n(0, self.main_count)
        raise LibraryError("an approximate index is rebuilt, not extended")  # pragma: no cover

    def set_hidden(self, seqs: np.ndarray) -> None:
        """Mark rows hidden in the current generation (after 'dupes --keep')."""
        gen = current_generation(self.folder)
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
        gen = current_generation(self.folder)
        if gen is None:
            return {"index_bytes": 0}
        total = sum(p.stat().st_size for p in gen.iterdir() if p.is_file())
        return {"index_bytes": total, "index_folder": str(gen)}
