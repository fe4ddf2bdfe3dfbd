"""The perceptual audit: do designs of the space that differ in d genes look different?

The code guarantees that two addresses differ in at least d design decisions; this
measures what that means to the eye. :func:`audit` renders small thumbnails of N
random addresses and of N consecutive addresses of one person (the pairs most
likely to be compared side by side), takes their perceptual signatures
(:mod:`foulard.perceptual`), and reports, for each set, the minimum and the
distribution of pairwise perceptual distances, the pairs at or below the
near-duplicate threshold, the closest pairs with their gene distances, and a picture
of the closest pairs side by side. It also reports the minimum gene distance over a
large random sample of address pairs, which must be at least d.
"""

from __future__ import annotations

import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from foulard.perceptual import (
    COLOUR_THRESHOLD,
    LAYOUT_THRESHOLD,
    STRUCTURE_THRESHOLD,
    Signature,
    colour_distance,
    layout_distance,
    layout_distances,
    signature,
    signature_arrays,
)
from foulard.space.address import MAX_INDEX, PER_PERSON, SLOTS, Address

__all__ = ["AuditReport", "audit", "gene_distance_sample", "pairs_picture"]


@dataclass
class SetReport:
    """Pairwise perceptual distances within one set of designs."""

    name: str
    addresses: list[Address]
    genes: np.ndarray
    thumbs: np.ndarray
    sigs: list[str] = field(repr=False)
    structure: np.ndarray = field(repr=False)
    distance: np.ndarray = field(repr=False)

    def pair_values(self) -> np.ndarray:
        iu = np.triu_indices(len(self.addresses), 1)
        return self.distance[iu]

    def closest(self, count: int) -> list[tuple[int, int]]:
        iu = np.triu_indices(len(self.addresses), 1)
        order = np.argsort(self.distance[iu], kind="stable")[:count]
        return [(int(iu[0][k]), int(iu[1][k])) for k in order]

    def summary(self, shown: int) -> dict:
        values = self.pair_values()
        iu = np.triu_indices(len(self.addresses), 1)
        below = np.flatnonzero(values <= 1.0)
        pairs = []
        for i, j in self.closest(shown):
            pairs.append(self._pair(i, j))
        return {
            "set": self.name,
            "designs": len(self.addresses),
            "pairs": int(values.size),
            "min_distance": float(values.min()),
            "percentiles": {
                str(q): float(np.percentile(values, q)) for q in (0.1, 1, 5, 25, 50, 75)
            },
            "histogram": _histogram(values),
            "min_structure_bits": int(self.structure[iu].min()),
            "near_duplicates": [self._pair(int(iu[0][k]), int(iu[1][k])) for k in below[:50]],
            "near_duplicate_count": int(below.size),
            "closest_pairs": pairs,
        }

    def _pair(self, i: int, j: int) -> dict:
        a, b = Signature.from_text(self.sigs[i]), Signature.from_text(self.sigs[j])
        return {
            "a": str(self.addresses[i]),
            "b": str(self.addresses[j]),
            "distance": round(float(self.distance[i, j]), 3),
            "structure_bits": int(self.structure[i, j]),
            "colour": round(colour_distance(a, b), 3),
            "layout": round(layout_distance(a, b), 4),
            "gene_distance": int((self.genes[i] != self.genes[j]).sum()),
        }


def _histogram(values: np.ndarray) -> dict:
    edges = [0.0, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 6.0, np.inf]
    counts, _ = np.histogram(values, bins=edges)
    return {
        (f"{lo:g}-{hi:g}" if np.isfinite(hi) else f">{lo:g}"): int(c)
        for lo, hi, c in zip(edges[:-1], edges[1:], counts, strict=True)
    }


@dataclass
class AuditReport:
    version: int
    d: int
    px: int
    seconds: float
    sets: list[SetReport]
    gene_pairs: int
    min_gene_distance: int
    gene_distance_histogram: dict

    def to_json(self, shown: int = 8) -> dict:
        return {
            "space_version": self.version,
            "d": self.d,
            "thumbnail_px": self.px,
            "seconds": round(self.seconds, 1),
            "threshold": {
                "structure_bits": STRUCTURE_THRESHOLD,
                "colour": COLOUR_THRESHOLD,
                "layout": LAYOUT_THRESHOLD,
                "rule": "near-duplicate when distance <= 1, "
                f"distance = max(bits / {STRUCTURE_THRESHOLD}, colour / {COLOUR_THRESHOLD}, "
                f"layout / {LAYOUT_THRESHOLD})",
            },
            "sets": [s.summary(shown) for s in self.sets],
            "gene_distance": {
                "pairs": self.gene_pairs,
                "min": self.min_gene_distance,
                "histogram": self.gene_distance_histogram,
            },
        }


# -- rendering thumbnails in worker processes ---------------------------------------------

_WORKER: dict = {}  # the worker process's design space


def _init_worker(key: bytes, version: int) -> None:
    from foulard.space.space import DesignSpace

    _WORKER["space"] = DesignSpace(key, version)


def _render_chunk(args: tuple[list[int], int]) -> tuple[np.ndarray, list[str]]:
    from foulard.render import TileCache, render

    indices, px = args
    genomes = _WORKER["space"].genomes(np.array(indices, np.uint64))
    thumbs, sigs = [], []
    for g in genomes:
        # A small private cache per design: thumbnails share nothing.
        img = render(g, px, threads=1, cache=TileCache(16 * 1024 * 1024))
        thumbs.append(img)
        sigs.append(signature(img).to_text())
    return np.stack(thumbs), sigs


def _render_all(key: bytes, version: int, sets, px: int, workers: int, progress):
    """Thumbnails and signatures of every set of indices, on one pool of processes."""
    jobs = []
    for k, indices in enumerate(sets):
        jobs += [(k, indices[i : i + 16].tolist()) for i in range(0, indices.size, 16)]
    thumbs: list[list] = [[] for _ in sets]
    sigs: list[list] = [[] for _ in sets]

    def keep(k: int, t: np.ndarray, s: list[str]) -> None:
        thumbs[k].append(t)
        sigs[k].extend(s)
        if progress:
            progress(t.shape[0])

    if workers <= 1:
        _init_worker(key, version)
        for k, chunk in jobs:
            keep(k, *_render_chunk((chunk, px)))
    else:
        with ProcessPoolExecutor(
            workers, initializer=_init_worker, initargs=(key, version)
        ) as pool:
            results = pool.map(_render_chunk, [(chunk, px) for _, chunk in jobs])
            for (k, _), (t, s) in zip(jobs, results, strict=True):
                keep(k, t, s)
    return [(np.concatenate(t), s) for t, s in zip(thumbs, sigs, strict=True)]


def _pairwise(sigs: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Pairwise structure bits and distances (in thresholds) of many signatures."""
    arrays = signature_arrays(sigs)
    n = len(sigs)
    blurred = arrays.spread_colours
    labs = arrays.layout_rows[0].reshape(n, -1, 3)
    structure = np.empty((n, n), np.int64)
    distance = np.empty((n, n))
    for i in range(n):
        x = np.bitwise_xor(arrays.hashes, arrays.hashes[i, 0])  # every symmetry of j vs i
        structure[i] = np.bitwise_count(x).min(axis=1)
        colour = np.maximum(0.0, 1.0 - np.minimum(blurred, blurred[i]).sum(axis=1) / 255.0)
        layout = layout_distances(labs[i], arrays)
        distance[i] = np.maximum(colour / COLOUR_THRESHOLD, layout / LAYOUT_THRESHOLD)
    # Structure: both directions, as in perceptual.structure_distance.
    structure = np.minimum(structure, structure.T)
    distance = np.maximum(np.maximum(distance, distance.T), structure / STRUCTURE_THRESHOLD)
    np.fill_diagonal(distance, np.inf)
    return structure, distance


def gene_distance_sample(space, pairs: int, seed: int = 0) -> tuple[int, dict]:
    """Minimum gene distance over ``pairs`` random address pairs, and its histogram."""
    rng = np.random.default_rng(seed)
    hist = np.zeros(len(space.genes) + 1, np.int64)
    done = 0
    while done < pairs:
        k = min(250_000, pairs - done)
        a = space.genes_of(rng.integers(0, MAX_INDEX, k, dtype=np.uint64))
        b = space.genes_of(rng.integers(0, MAX_INDEX, k, dtype=np.uint64))
        hist += np.bincount((a != b).sum(axis=1), minlength=hist.size)
        done += k
    nonzero = np.flatnonzero(hist)
    return int(nonzero.min()), {str(i): int(hist[i]) for i in nonzero}


def audit(
    space,
    key: bytes,
    sample: int,
    *,
    person_slot: int | None = None,
    px: int = 64,
    workers: int = 2,
    gene_pairs: int = 1_000_000,
    seed: int = 0,
    progress=None,
) -> AuditReport:
    """Render, sign and compare ``sample`` random designs and ``sample`` of one person."""
    if not 2 <= sample <= 20_000:
        raise ValueError(f"the sample must be between 2 and 20000 designs, got {sample}")
    t0 = time.perf_counter()
    rng = np.random.default_rng(seed)
    random_idx = np.unique(rng.integers(0, MAX_INDEX, sample, dtype=np.uint64))
    slot = int(rng.integers(0, SLOTS)) if person_slot is None else person_slot
    n0 = int(rng.integers(0, PER_PERSON - sample))
    person_idx = np.arange(n0, n0 + sample, dtype=np.uint64) + np.uint64(slot * PER_PERSON)
    named = (
        (f"{random_idx.size} random addresses", random_idx),
        (f"{sample} designs of person slot {slot}", person_idx),
    )
    rendered = _render_all(key, space.version, [i for _, i in named], px, workers, progress)
    sets = []
    for (name, idx), (thumbs, sigs) in zip(named, rendered, strict=True):
        structure, distance = _pairwise(sigs)
        addresses = [Address.from_index(int(i)) for i in idx]
        sets.append(
            SetReport(name, addresses, space.genes_of(idx), thumbs, sigs, structure, distance)
        )
    min_gene, hist = gene_distance_sample(space, gene_pairs, seed)
    return AuditReport(
        space.version, space.d, px, time.perf_counter() - t0, sets, gene_pairs, min_gene, hist
    )


def pairs_picture(report: AuditReport, count: int = 6, scale: int = 2) -> np.ndarray:
    """The closest pairs of each set side by side (rows: a pair; a gap between pairs)."""
    rows = []
    for s in report.sets:
        for i, j in s.closest(count):
            a = np.kron(s.thumbs[i], np.ones((scale, scale, 1), np.uint8))
            b = np.kron(s.thumbs[j], np.ones((scale, scale, 1), np.uint8))
            gap = np.full((a.shape[0], 4, 3), 255, np.uint8)
            rows.append(np.concatenate([a, gap, b], axis=1))
    width = rows[0].shape[1]
    out = []
    for r in rows:
        out.append(r)
        out.append(np.full((6, width, 3), 255, np.uint8))
    # Two columns of pairs keep the picture compact.
    half = (len(out) + 1) // 2
    left, right = np.concatenate(out[:half]), np.concatenate(out[half:])
    if right.shape[0] < left.shape[0]:
        pad = np.full((left.shape[0] - right.shape[0], width, 3), 255, np.uint8)
        right = np.concatenate([right, pad])
    return np.concatenate([left, np.full((left.shape[0], 16, 3), 255, np.uint8), right], axis=1)
