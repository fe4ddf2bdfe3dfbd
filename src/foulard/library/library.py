"""The library: the database tables, the store and the indexes, opened together."""

from __future__ import annotations

import dataclasses
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from foulard import config
from foulard.db import Database, Transaction, connect
from foulard.library.analyse import Analysis
from foulard.library.colours import DominantPalette
from foulard.library.decode import DEFAULT_MAX_MEGAPIXELS
from foulard.library.errors import LibraryError, PatternNotFound
from foulard.library.index import DEFAULT_EXACT_LIMIT, IndexSet
from foulard.library.schema import COMPONENT, MIGRATIONS
from foulard.library.store import Store, bundled_samples, library_root
from foulard.library.vocabulary import Lexicon

__all__ = ["Library", "Pattern"]

_COLUMNS = (
    "seq, id, kind, format, width, height, bytes, title_zh, title_en, source, licence, author,"
    " description, extra, origin, genome, signature, palette, duplicate_of, created"
)


@dataclass(frozen=True)
class Pattern:
    """One library record (what ``foulard library show`` prints)."""

    seq: int
    id: str
    kind: str
    format: str
    width: int
    height: int
    bytes: int
    title_zh: str | None
    title_en: str | None
    source: str | None
    licence: str | None
    author: str | None
    description: str | None
    extra: dict
    origin: str
    genome: str | None
    signature: str
    palette: list[dict]
    duplicate_of: str | None
    created: str
    names: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    @classmethod
    def from_row(cls, row: tuple) -> Pattern:
        r = list(row)
        r[13] = json.loads(r[13] or "{}")
        r[17] = json.loads(r[17])
        return cls(*r)

    @property
    def title(self) -> str:
        parts = [t for t in (self.title_zh, self.title_en) if t]
        return " / ".join(parts) if parts else (self.names[0] if self.names else self.id[:12])

    @property
    def attribution(self) -> str:
        """A credit line: title, author, source and licence as recorded."""
        bits = [self.title]
        if self.author:
            bits.append(f"by {self.author}")
        if self.source:
            bits.append(f"from {self.source}")
        bits.append(self.licence or "licence unknown")
        return ", ".join(bits)

    def to_json(self) -> dict[str, Any]:
        out = {k: getattr(self, k) for k in self.__dataclass_fields__}
        out["names"] = list(self.names)
        out["tags"] = list(self.tags)
        out["attribution"] = self.attribution
        return out


def default_index_folder(url: str) -> Path:
    """Where the index files of the database at ``url`` live (beside it)."""
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        path = Path(url.removeprefix("sqlite:///"))
        return path.parent / f"{path.stem}.library-index"
    return library_root() / "index"


@dataclass
class Library:
    """The pattern library of one data home and database.

    Open it with :meth:`open`; it holds one database connection and, once search
    needs them, the indexes (main part memory-mapped, tail read from the database).
    """

    db: Database
    store: Store
    index_folder: Path
    vocabulary: tuple[Path, ...] = ()
    max_megapixels: float = DEFAULT_MAX_MEGAPIXELS
    exact_limit: int = DEFAULT_EXACT_LIMIT
    _index: IndexSet | None = field(default=None, repr=False)
    _lexicon: Lexicon | None = field(default=None, repr=False)

    @classmethod
    def open(
        cls,
        url: str | None = None,
        *,
        home: Path | None = None,
        vocabulary: tuple[str | Path, ...] | None = None,
        max_megapixels: float | None = None,
        exact_limit: int | None = None,
        index_folder: Path | None = None,
    ) -> Library:
        """Open (and if needed create) the library of the configured data home.

        ``vocabulary``: folders of vocabulary files for tags and text search
        (default: ``$FOULARD_VOCABULARY``, folders separated by ``os.pathsep``).
        ``max_megapixels``: the decompression-bomb limit (default
        ``$FOULARD_LIBRARY_MAX_MEGAPIXELS`` or 150).
        """
        home = home or config.ensure_home()
        url = url or config.database_url()
        if vocabulary is None:
            env = os.environ.get("FOULARD_VOCABULARY", "")
            vocabulary = tuple(p for p in env.split(os.pathsep) if p)
        if max_megapixels is None:
            env_mp = os.environ.get("FOULARD_LIBRARY_MAX_MEGAPIXELS")
            try:
                max_megapixels = float(env_mp) if env_mp else DEFAULT_MAX_MEGAPIXELS
            except ValueError:
                raise LibraryError(
                    f"FOULARD_LIBRARY_MAX_MEGAPIXELS must be a number, got {env_mp!r}"
                ) from None
        if not max_megapixels > 0:
            raise LibraryError(f"the megapixel limit must be positive, got {max_megapixels}")
        db = connect(url, create=True)
        try:
            db.migrate(COMPONENT, MIGRATIONS)
        except BaseException:
            db.close()
            raise
        return cls(
            db=db,
            store=Store(library_root(home)),
            index_folder=index_folder or default_index_folder(url),
            vocabulary=tuple(Path(v) for v in vocabulary),
            max_megapixels=float(max_megapixels),
            exact_limit=exact_limit or DEFAULT_EXACT_LIMIT,
        )

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- shared pieces ---------------------------------------------------------------

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            self._lexicon = Lexicon.load(self.vocabulary)
        return self._lexicon

    @property
    def index(self) -> IndexSet:
        if self._index is None:
            self._index = IndexSet(self.index_folder, self.db, exact_limit=self.exact_limit)
        return self._index

    def refresh_index(self, *, force: bool = False) -> dict:
        """Fold new rows into the index (``force``: rebuild it from the database)."""
        if force:
            return self.index.rebuild()
        folded = self.index.refresh()
        return {"folded": folded, "patterns": len(self.index)}

    # -- records ----------------------------------------------------------------------

    def insert(
        self,
        tx: Transaction,
        a: Analysis,
        meta: dict,
        tags: list[str],
        *,
        origin: str = "file",
        genome: str | None = None,
    ) -> int | None:
        """Insert one analysed pattern; its seq, or None if it was already there."""
        now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        row = tx.one(
            "INSERT INTO patterns (id, kind, format, width, height, bytes, title_zh, title_en,"
            " source, licence, author, description, extra, origin, genome, signature,"
            " signature_inner, palette, palette_lab, features, created)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (id) DO NOTHING RETURNING seq",
            (
                a.id,
                a.kind,
                a.format,
                a.width,
                a.height,
                a.bytes,
                meta.get("title_zh"),
                meta.get("title_en"),
                meta.get("source"),
                meta.get("licence"),
                meta.get("author"),
                meta.get("description"),
                json.dumps(meta.get("extra") or {}, ensure_ascii=False, sort_keys=True),
                origin,
                genome,
                a.signature,
                a.signature_inner,
                json.dumps(a.palette.to_json()),
                a.palette.packed().tobytes(),
                np.asarray(a.features, np.float32).tobytes(),
                now,
            ),
        )
        if row is None:
            return None
        seq = int(row[0])
        for tag in tags:
            tx.execute(
                "INSERT INTO tags (seq, tag) VALUES (?, ?) ON CONFLICT DO NOTHING", (seq, tag)
            )
        return seq

    @staticmethod
    def add_name(tx: Transaction, pattern_id: str, name: str) -> bool:
        now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        row = tx.one(
            "INSERT INTO pattern_files (pattern_id, name, seen) VALUES (?, ?, ?)"
            " ON CONFLICT DO NOTHING RETURNING name",
            (pattern_id, name, now),
        )
        return row is not None

    def exists(self, pattern_id: str) -> bool:
        with self.db.transaction() as tx:
            return tx.one("SELECT 1 FROM patterns WHERE id = ?", (pattern_id,)) is not None

    def resolve(self, ref: str) -> str:
        """A full pattern id from an id, a prefix (8+ hex digits) or a stored file name."""
        ref = (
            ref.strip().lower()
            if all(c in "0123456789abcdef" for c in ref.strip().lower())
            else ref
        )
        with self.db.transaction() as tx:
            if len(ref) == 64 and tx.one("SELECT 1 FROM patterns WHERE id = ?", (ref,)):
                return ref
            if len(ref) >= 8 and all(c in "0123456789abcdef" for c in ref):
                rows = tx.all(
                    "SELECT id FROM patterns WHERE id >= ? AND id < ? LIMIT 2",
                    (ref, ref + "g"),
                )
                if len(rows) == 1:
                    return rows[0][0]
                if len(rows) > 1:
                    raise LibraryError(f"pattern prefix {ref} is ambiguous; give more digits")
            rows = tx.all(
                "SELECT DISTINCT pattern_id FROM pattern_files WHERE name = ? LIMIT 2", (ref,)
            )
            if len(rows) == 1:
                return rows[0][0]
            if not rows and "/" not in ref:
                # A bare file name: stored names carry their folders ("data/x/name.jpg").
                like = "%/" + ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                rows = tx.all(
                    "SELECT DISTINCT pattern_id FROM pattern_files WHERE name LIKE ? ESCAPE '\\'"
                    " LIMIT 2",
                    (like,),
                )
            if len(rows) == 1:
                return rows[0][0]
            if len(rows) > 1:
                raise LibraryError(
                    f"several patterns were ingested under the name {ref!r}; give the id "
                    "or the name with its folders"
                )
        if ref in bundled_samples():
            return ref
        raise PatternNotFound(f"no pattern {ref!r} in the library (an id, prefix or file name)")

    def get(self, ref: str) -> Pattern:
        """The record of a pattern (by id, prefix or file name), names and tags included."""
        pattern_id = self.resolve(ref)
        with self.db.transaction() as tx:
            row = tx.one(f"SELECT {_COLUMNS} FROM patterns WHERE id = ?", (pattern_id,))
            if row is None:
                raise PatternNotFound(f"pattern {pattern_id} is a bundled sample, not a record")
            names = tx.all(
                "SELECT name FROM pattern_files WHERE pattern_id = ? ORDER BY name", (pattern_id,)
            )
            tags = tx.all("SELECT tag FROM tags WHERE seq = ? ORDER BY tag", (row[0],))
        return dataclasses.replace(
            Pattern.from_row(row),
            names=tuple(n[0] for n in names),
            tags=tuple(t[0] for t in tags),
        )

    def patterns_by_seq(self, seqs: list[int]) -> dict[int, Pattern]:
        """Records (with their file names, without tags) of many rows at once."""
        out: dict[int, Pattern] = {}
        seqs = [int(s) for s in seqs]
        with self.db.transaction() as tx:
            for lo in range(0, len(seqs), 500):
                part = seqs[lo : lo + 500]
                marks = ",".join("?" * len(part))
                rows = tx.all(f"SELECT {_COLUMNS} FROM patterns WHERE seq IN ({marks})", part)
                names: dict[str, list[str]] = {}
                for pid, name in tx.all(
                    "SELECT f.pattern_id, f.name FROM pattern_files f JOIN patterns p"
                    f" ON p.id = f.pattern_id WHERE p.seq IN ({marks}) ORDER BY f.name",
                    part,
                ):
                    names.setdefault(pid, []).append(name)
                for row in rows:
                    p = Pattern.from_row(row)
                    out[int(row[0])] = dataclasses.replace(p, names=tuple(names.get(p.id, ())))
        return out

    def features_of(self, pattern_id: str) -> np.ndarray:
        with self.db.transaction() as tx:
            row = tx.one("SELECT features FROM patterns WHERE id = ?", (pattern_id,))
        if row is None:
            raise PatternNotFound(f"no pattern {pattern_id} in the library")
        return np.frombuffer(bytes(row[0]), np.float32).copy()

    def palette_of(self, ref: str) -> DominantPalette:
        with self.db.transaction() as tx:
            row = tx.one("SELECT palette_lab FROM patterns WHERE id = ?", (self.resolve(ref),))
        if row is None:
            raise PatternNotFound(f"no pattern {ref} in the library")
        return DominantPalette.unpack(np.frombuffer(bytes(row[0]), np.float32))

    def stats(self) -> dict:
        """Counts by kind, format, source and licence; sizes of the store and index."""
        with self.db.transaction() as tx:
            total = int(tx.one("SELECT COUNT(*) FROM patterns")[0])
            hidden = int(tx.one("SELECT COUNT(*) FROM patterns WHERE duplicate_of IS NOT NULL")[0])
            names = int(tx.one("SELECT COUNT(*) FROM pattern_files")[0])
            tags = int(tx.one("SELECT COUNT(*) FROM tags")[0])
            links = int(tx.one("SELECT COUNT(*) FROM near_links")[0])
            by = {}
            for col in ("kind", "format", "origin", "source", "licence"):
                by[col] = {
                    (k if k is not None else ""): int(n)
                    for k, n in tx.all(
                        f"SELECT {col}, COUNT(*) FROM patterns GROUP BY {col} ORDER BY 2 DESC"
                    )
                }
        db_bytes = None
        if self.db.dialect == "sqlite":
            path = Path(self.db.url.removeprefix("sqlite:///"))
            db_bytes = sum(
                p.stat().st_size for p in (path, path.with_name(path.name + "-wal")) if p.exists()
            )
        return {
            "database": self.db.display_url(),
            "patterns": total,
            "hidden_duplicates": hidden,
            "file_names": names,
            "tags": tags,
            "near_duplicate_links": links,
            "by": by,
            "database_bytes": db_bytes,
            "index": {
                **self.index.sizes(),
                "covered": self.index.main_count,
                "tail": len(self.index.tail),
                "kind": self.index.state["kind"],
            },
        }
