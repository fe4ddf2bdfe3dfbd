"""Reads that never wait for a writer.

The database layer opens every transaction with SQLite's write lock taken up front
(``BEGIN IMMEDIATE``), so that writers queue instead of failing half way; for the
studio's many small reads (a token per request, who may see a design, a job's
state) that would put every request in one queue. On SQLite in WAL mode a reader
needs no lock at all: :class:`SqliteReader` is a read-only connection whose
transactions are plain ``BEGIN`` snapshots. On PostgreSQL reads never block
writers anyway, so the store reads through its ordinary transaction there.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from foulard.errors import DatabaseError

__all__ = ["SqliteReader"]


class Reads:
    """What a read sees: ``one`` and ``all`` with ``?`` placeholders, as a transaction."""

    dialect = "sqlite"

    def __init__(self, cursor: sqlite3.Cursor):
        self._cur = cursor

    def one(self, sql: str, params: Sequence[Any] = ()) -> tuple | None:
        return self._cur.execute(sql, tuple(params)).fetchone()

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self._cur.execute(sql, tuple(params)).fetchall()


class SqliteReader:
    """A read-only connection to a SQLite database in WAL mode (one per thread)."""

    def __init__(self, path: Path, timeout: float = 30.0):
        self.path = path
        try:
            self._conn = sqlite3.connect(
                f"file:{quote(str(path))}?mode=ro",
                uri=True,
                timeout=timeout,
                isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error as exc:
            raise DatabaseError(f"cannot read {path}: {exc}") from None

    @contextlib.contextmanager
    def reading(self) -> Iterator[Reads]:
        """One consistent snapshot for the statements of the block."""
        cur = self._conn.cursor()
        try:
            cur.execute("BEGIN")
            yield Reads(cur)
        except sqlite3.Error as exc:
            raise DatabaseError(f"database error reading {self.path}: {exc}") from None
        finally:
            with contextlib.suppress(sqlite3.Error):
                cur.execute("COMMIT")
            cur.close()

    def close(self) -> None:
        self._conn.close()
