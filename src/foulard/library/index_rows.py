"""The columns of patterns that the search index is built from, read from the database."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from foulard.db import Database
from foulard.library.colours import PALETTE_SIZE
from foulard.library.features import DIM

__all__ = ["Codes", "Rows", "iter_rows", "read_rows"]

_CHUNK = 20_000


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


def iter_rows(db: Database, after: int, upto: int) -> Iterator[Rows]:
    """Rows in chunks of seq ranges, so a rebuild never holds all tags as objects."""
    lo = after
    while lo < upto:
        hi = min(upto, lo + _CHUNK)
        chunk = read_rows(db, lo, hi)
        if len(chunk):
            yield chunk
        lo = hi


class Codes:
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
