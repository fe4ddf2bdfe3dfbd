"""Writing a generation of the search index: its files and their format.

A generation is a folder ``gen-...`` beside the others; ``CURRENT`` names the one in
use and is replaced atomically, so a killed build leaves the previous index in
place. The files of a generation:

- ``vectors.faiss``: the visual feature vectors (:mod:`~foulard.library.features`),
  inner product (= cosine). Exact (``IndexFlatIP``) up to ``exact_limit`` patterns,
  an inverted-file index (``IndexIVFFlat``, ``4 sqrt(N)`` lists, ``IVF_PROBES``
  probed) beyond;
- ``colours.faiss``: the colour embeddings (:func:`~foulard.library.colours.colour_embedding`),
  for colour-search candidates, always exact;
- ``vectors.pre.faiss``, ``colours.pre.faiss`` with ``*.pre.npz`` (from
  ``PREFILTER_MIN`` patterns on, exact indexes only): the bound prefilters
  (:mod:`~foulard.library.prefilter`);
- ``palettes.npy``: the packed dominant palettes, for the exact ΔE00 re-ranking;
- ``offsets.npy``, ``postings.npy``: the tags as an inverted index (CSR: the
  positions of the ``t``-th term are ``postings[offsets[t]:offsets[t + 1]]``);
- ``seqs.npy``, ``licences.npy``, ``sources.npy``, ``hidden.npy``: the row order
  and the filter columns; ``names.json``: the terms (sorted), licence and source
  names of the codes;
- ``state.json``: ``format`` (:data:`INDEX_FORMAT`), ``dim``, ``covered_seq`` (the
  last row built in), ``count``, ``kind`` (``flat`` or ``ivf``), ``prefilters``.

Faiss ids are row positions, in ``seq`` order.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import shutil
import time
from pathlib import Path

import numpy as np

from foulard.library import prefilter as _prefilter
from foulard.library.colours import EMBED_DIM, PALETTE_SIZE, colour_embedding
from foulard.library.features import DIM
from foulard.library.index_rows import Codes, Rows
from foulard.library.prefilter import PREFILTER_DIMS, Prefilter, faiss_module
from foulard.render.atomic import atomic_write_bytes

__all__ = ["INDEX_FORMAT", "IVF_PROBES", "Columns", "current_generation"]

INDEX_FORMAT = 2  # 2: bound prefilter; an index folder of another format is rebuilt
IVF_PROBES = 32
_CHUNK = 20_000


def current_generation(folder: Path) -> Path | None:
    """The generation ``CURRENT`` names, if it exists."""
    with contextlib.suppress(OSError):
        name = (folder / "CURRENT").read_text().strip()
        gen = folder / name
        if name and gen.is_dir():
            return gen
    return None


class Columns:
    """The columns of a generation, gathered in ``seq`` order, then written.

    Start empty (a rebuild) or from the columns of the current generation (folding
    the tail in), :meth:`add` rows, :meth:`write` the folder.
    """

    def __init__(self, licence_codes: Codes | None = None, source_codes: Codes | None = None):
        self.seqs: list[np.ndarray] = []
        self.vectors: list[np.ndarray] = []
        self.palettes: list[np.ndarray] = []
        self.licences: list[np.ndarray] = []
        self.sources: list[np.ndarray] = []
        self.hidden: list[np.ndarray] = []
        self.licence_codes = licence_codes or Codes()
        self.source_codes = source_codes or Codes()
        self.terms: dict[str, int] = {}
        self.pair_terms: list[np.ndarray] = []  # (term, position) pairs of the tags
        self.pair_pos: list[np.ndarray] = []
        self.count = 0

    def add_built(self, index) -> None:
        """The columns of an opened generation (an :class:`~foulard.library.index.IndexSet`)."""
        self.seqs.append(index.seqs)
        self.vectors.append(index.main_vectors())
        self.palettes.append(np.asarray(index.palettes))
        self.licences.append(index.licences)
        self.sources.append(index.sources)
        self.hidden.append(index.hidden)
        self.terms = dict(index.terms)
        counts = np.diff(index.offsets)
        self.pair_terms.append(np.repeat(np.arange(len(counts), dtype=np.int64), counts))
        self.pair_pos.append(np.asarray(index.postings, np.int64))
        self.count += index.main_count

    def add(self, rows: Rows) -> None:
        self.seqs.append(rows.seqs)
        self.vectors.append(rows.vectors)
        self.palettes.append(rows.palettes)
        self.licences.append(self.licence_codes.codes(rows.licences))
        self.sources.append(self.source_codes.codes(rows.sources))
        self.hidden.append(rows.hidden)
        t_ids, p_ids = [], []
        for i, tags in enumerate(rows.tags):
            for t in tags:
                tid = self.terms.get(t)
                if tid is None:
                    tid = self.terms[t] = len(self.terms)
                t_ids.append(tid)
                p_ids.append(self.count + i)
        self.pair_terms.append(np.array(t_ids, np.int64))
        self.pair_pos.append(np.array(p_ids, np.int64))
        self.count += len(rows)

    def _postings(self) -> tuple[list[str], np.ndarray, np.ndarray]:
        """Terms in sorted order, and the tags as CSR (offsets, positions)."""
        tp = _joined(self.pair_terms, (0,), np.int64)
        pp = _joined(self.pair_pos, (0,), np.int64)
        names = sorted(self.terms, key=self.terms.get)
        sorted_names = sorted(names)
        where = {t: i for i, t in enumerate(sorted_names)}
        renum = np.array([where[t] for t in names], np.int64)
        tp = renum[tp] if len(tp) else tp
        order = np.lexsort((pp, tp))
        tp, pp = tp[order], pp[order]
        offsets = np.zeros(len(sorted_names) + 1, np.int64)
        np.add.at(offsets, tp + 1, 1)
        return sorted_names, np.cumsum(offsets), pp

    def write(self, folder: Path, top: int, *, exact_limit: int) -> None:
        """Write a new generation covering the rows up to ``seq`` ``top``, make it current."""
        faiss = faiss_module()
        seqs = _joined(self.seqs, (0,), np.int64)
        vectors = np.ascontiguousarray(_joined(self.vectors, (0, DIM), np.float32))
        palettes = _joined(self.palettes, (0, PALETTE_SIZE, 4), np.float32)
        self.vectors = []
        vindex, kind = _vector_index(vectors, exact_limit)
        cindex = faiss.IndexFlatIP(EMBED_DIM)
        for lo in range(0, len(palettes), _CHUNK):
            part = palettes[lo : lo + _CHUNK]
            cindex.add(colour_embedding(part[..., :3], part[..., 3]))
        prefilters = {}
        if kind == "flat" and len(vectors) >= _prefilter.PREFILTER_MIN:
            prefilters["vectors"] = Prefilter.build(vectors, PREFILTER_DIMS["vectors"])
            embed = faiss.rev_swig_ptr(cindex.get_xb(), cindex.ntotal * EMBED_DIM)
            prefilters["colours"] = Prefilter.build(
                embed.reshape(-1, EMBED_DIM), PREFILTER_DIMS["colours"]
            )
        del vectors
        terms, offsets, postings = self._postings()
        gen = _new_generation(folder)
        faiss.write_index(vindex, str(gen / "vectors.faiss"))
        faiss.write_index(cindex, str(gen / "colours.faiss"))
        for name, pre in prefilters.items():
            pre.save(gen, name)
        np.save(gen / "seqs.npy", seqs)
        np.save(gen / "palettes.npy", palettes.astype(np.float32))
        np.save(gen / "offsets.npy", offsets)
        np.save(gen / "postings.npy", postings.astype(np.int32))
        np.save(gen / "licences.npy", _joined(self.licences, (0,), np.int32))
        np.save(gen / "sources.npy", _joined(self.sources, (0,), np.int32))
        np.save(gen / "hidden.npy", _joined(self.hidden, (0,), bool))
        names = {
            "terms": terms,
            "licences": self.licence_codes.names,
            "sources": self.source_codes.names,
        }
        (gen / "names.json").write_text(json.dumps(names, ensure_ascii=False), encoding="utf-8")
        state = {
            "format": INDEX_FORMAT,
            "dim": DIM,
            "covered_seq": int(top),
            "count": len(seqs),
            "kind": kind,
            "prefilters": sorted(prefilters),
            "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        _publish(folder, gen, state)


def _joined(parts: list[np.ndarray], empty: tuple[int, ...], dtype) -> np.ndarray:
    return np.concatenate(parts) if parts else np.zeros(empty, dtype)


def _vector_index(vectors: np.ndarray, exact_limit: int):
    faiss = faiss_module()
    n = len(vectors)
    if n <= exact_limit:
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


def _new_generation(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    name = f"gen-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
    gen = folder / name
    gen.mkdir()
    return gen


def _publish(folder: Path, gen: Path, state: dict) -> None:
    (gen / "state.json").write_text(json.dumps(state, indent=1))
    old = current_generation(folder)
    atomic_write_bytes(folder / "CURRENT", gen.name.encode())
    # Remove the previous generation (a reader that has it open keeps its files)
    # and those of builds that died long ago; a build running elsewhere is younger.
    for entry in folder.iterdir():
        stale = entry == old or entry.stat().st_mtime < time.time() - 3600
        if entry.is_dir() and entry.name.startswith("gen-") and entry != gen and stale:
            shutil.rmtree(entry, ignore_errors=True)
