"""Duplicates: exact (same bytes) and near (the same picture, altered).

*Exact* duplicates are one record: the content hash is the id, and every file
name it came under is kept (``pattern_files``).

*Near* duplicates (resized, recompressed, cropped a little, recoloured slightly,
turned by quarter turns or mirrored) are found when a pattern arrives: its
nearest neighbours by feature vector (:mod:`~foulard.library.features`, invariant
to the 8 symmetries) are the candidates, and a pair is linked when

- the perceptual signatures agree (:func:`foulard.perceptual.distance` at most 1:
  pHash over the 8 symmetries, colour histogram and colour layout all within
  their thresholds), comparing each picture whole and without a 4 % margin (the
  smallest of the three distances: whole/whole, inner/whole, whole/inner, so a
  copy cropped by up to about 5 % per side still matches), and
- the feature vectors agree (cosine at least :data:`MIN_COSINE`): line drawings
  on a white ground have nearly equal colours and layouts, and their 64-bit pHash
  alone confuses different ornaments; the texture and structure of the feature
  vector tell them apart.
Links are stored (``near_links``); clusters are the connected groups of links.
:func:`keep_one` marks all but one member of each cluster as a duplicate of it,
which hides them from search (nothing is deleted).

Measured on the 100 small/large pairs of the real photos: see ``docs/library.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from foulard import perceptual
from foulard.library.library import Library

__all__ = [
    "MIN_COSINE",
    "NEIGHBOURS",
    "Cluster",
    "clusters",
    "exact_duplicates",
    "keep_one",
    "link_new",
    "near_distances",
    "rescan",
]

NEIGHBOURS = 10
MIN_COSINE = 0.93
_BATCH = 512


def near_distances(
    full: str, inner: str, others_full: list[str], others_inner: list[str]
) -> np.ndarray:
    """Perceptual distances (in thresholds) of one pattern to others, crop-tolerant."""
    a_full = perceptual.Signature.from_text(full)
    a_inner = perceptual.Signature.from_text(inner)
    b_full = perceptual.signature_arrays(others_full)
    b_inner = perceptual.signature_arrays(others_inner)
    return np.minimum.reduce(
        [
            perceptual.distances_to(a_full, b_full),
            perceptual.distances_to(a_inner, b_full),
            perceptual.distances_to(a_full, b_inner),
        ]
    )


def link_new(lib: Library) -> int:
    """Run the near-duplicate check for every pattern not yet checked; new links made."""
    index = lib.index
    index.load_tail()
    made = 0
    while True:
        with lib.db.transaction() as tx:
            rows = tx.all(
                "SELECT seq, id, signature, signature_inner, features FROM patterns"
                " WHERE linked = 0 ORDER BY seq LIMIT ?",
                (_BATCH,),
            )
        if not rows:
            return made
        q = np.stack([np.frombuffer(bytes(r[4]), np.float32) for r in rows])
        cos, nbr = index.knn_vectors(q, NEIGHBOURS + 1)
        all_seqs = index.all_seqs()
        cand = sorted(
            {
                int(all_seqs[p])
                for p, c in zip(nbr.ravel(), cos.ravel(), strict=True)
                if p >= 0 and c >= MIN_COSINE
            }
        )
        sigs: dict[int, tuple[str, str, str]] = {}
        with lib.db.transaction() as tx:
            for lo in range(0, len(cand), 500):
                part = cand[lo : lo + 500]
                marks = ",".join("?" * len(part))
                for seq, pid, sig, inner in tx.all(
                    "SELECT seq, id, signature, signature_inner FROM patterns"
                    f" WHERE seq IN ({marks})",
                    part,
                ):
                    sigs[int(seq)] = (pid, sig, inner)
        links = []
        for r, row_nbrs, row_cos in zip(rows, nbr, cos, strict=True):
            seq, pid = int(r[0]), r[1]
            others = [
                int(all_seqs[p])
                for p, c in zip(row_nbrs, row_cos, strict=True)
                if p >= 0 and c >= MIN_COSINE
            ]
            others = [s for s in others if s != seq and s in sigs]
            if not others:
                continue
            d = near_distances(
                r[2], r[3], [sigs[s][1] for s in others], [sigs[s][2] for s in others]
            )
            for s, dist in zip(others, d, strict=True):
                if dist <= 1.0:
                    a, b = sorted((pid, sigs[s][0]))
                    links.append((a, b, float(dist)))
        with lib.db.transaction() as tx:
            for a, b, dist in links:
                row = tx.one(
                    "INSERT INTO near_links (a, b, distance) VALUES (?, ?, ?)"
                    " ON CONFLICT DO NOTHING RETURNING a",
                    (a, b, dist),
                )
                made += row is not None
            marks = ",".join("?" * len(rows))
            tx.execute(
                f"UPDATE patterns SET linked = 1 WHERE seq IN ({marks})", [int(r[0]) for r in rows]
            )


def rescan(lib: Library) -> int:
    """Forget every near-duplicate link and check the whole library again."""
    with lib.db.transaction() as tx:
        tx.execute("DELETE FROM near_links")
        tx.execute("UPDATE patterns SET linked = 0")
    return link_new(lib)


@dataclass(frozen=True)
class Cluster:
    """A group of near-duplicate patterns (ids), the copy to keep first."""

    ids: tuple[str, ...]
    distance: float  # the largest link distance inside (in thresholds)


def clusters(lib: Library) -> list[Cluster]:
    """Connected groups of near-duplicate links, biggest groups first."""
    with lib.db.transaction() as tx:
        links = tx.all("SELECT a, b, distance FROM near_links")
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, _ in links:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for x in list(parent):
        groups.setdefault(find(x), []).append(x)
    worst: dict[str, float] = {}
    for a, _b, d in links:
        r = find(a)
        worst[r] = max(worst.get(r, 0.0), float(d))
    rank = _keeper_rank(lib, [x for g in groups.values() for x in g])
    out = [Cluster(tuple(sorted(g, key=lambda i: rank[i])), worst[r]) for r, g in groups.items()]
    return sorted(out, key=lambda c: (-len(c.ids), c.ids[0]))


def _keeper_rank(lib: Library, ids: list[str]) -> dict[str, tuple]:
    """Which copy to keep first: the most pixels, then lossless before JPEG, then the
    first ingested."""
    out: dict[str, tuple] = {}
    with lib.db.transaction() as tx:
        for lo in range(0, len(ids), 500):
            part = ids[lo : lo + 500]
            marks = ",".join("?" * len(part))
            for pid, w, h, fmt, seq in tx.all(
                f"SELECT id, width, height, format, seq FROM patterns WHERE id IN ({marks})", part
            ):
                out[pid] = (-int(w) * int(h), fmt == "jpeg", int(seq))
    return out


def exact_duplicates(lib: Library) -> list[tuple[str, list[str]]]:
    """Contents that came under more than one file name: (id, names)."""
    with lib.db.transaction() as tx:
        rows = tx.all(
            "SELECT pattern_id, name FROM pattern_files WHERE pattern_id IN"
            " (SELECT pattern_id FROM pattern_files GROUP BY pattern_id HAVING COUNT(*) > 1)"
            " ORDER BY pattern_id, name"
        )
    out: dict[str, list[str]] = {}
    for pid, name in rows:
        out.setdefault(pid, []).append(name)
    return list(out.items())


def keep_one(lib: Library) -> int:
    """In each cluster keep the largest picture; hide the others from search.

    Returns how many patterns were newly hidden.
    """
    hidden_seqs: list[int] = []
    groups = clusters(lib)
    with lib.db.transaction() as tx:
        for c in groups:
            keeper = c.ids[0]
            for other in c.ids[1:]:
                row = tx.one(
                    "UPDATE patterns SET duplicate_of = ? WHERE id = ? AND duplicate_of IS NULL"
                    " RETURNING seq",
                    (keeper, other),
                )
                if row is not None:
                    hidden_seqs.append(int(row[0]))
    lib.index.set_hidden(np.array(sorted(hidden_seqs), np.int64))
    return len(hidden_seqs)
