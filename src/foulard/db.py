"""A small database layer: SQLite or PostgreSQL behind one interface.

Every component that keeps relational data (the ledger, the pattern library; batch
jobs later) uses the same three things, each with its own component name and
migrations in the one database:

- :func:`connect` opens a :class:`Database` from a URL (``sqlite:///path`` or
  ``postgresql://...``);
- :meth:`Database.transaction` is one logical change: it commits as a whole or not at
  all (a killed process leaves nothing half done), and it takes the write lock up
  front (SQLite ``BEGIN IMMEDIATE``), so concurrent writers queue instead of failing
  half way;
- :meth:`Database.migrate` brings a component's tables to its latest schema version,
  recorded in the ``schema_versions`` table, one transaction per step.

SQL is written once with ``?`` placeholders and the subset both engines share
(``INSERT ... ON CONFLICT DO NOTHING RETURNING``, ``UPDATE ... RETURNING``); DDL
that differs (an auto-increment key, a trigger) is given per dialect.

SQLite runs in WAL mode with a busy timeout: readers never block the writer, and a
writer that cannot get the lock in time raises :class:`~foulard.errors.DatabaseError`
("locked"), never a half-written row.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from foulard.errors import DatabaseError

__all__ = ["Database", "Migration", "connect", "sqlite_path"]

DEFAULT_TIMEOUT_S = 30.0
_PLACEHOLDER = re.compile(r"\?")


@dataclass(frozen=True)
class Migration:
    """One schema step of a component: the SQL statements for each dialect.

    ``sql`` is a sequence of statements run on both engines, or a mapping
    ``{"sqlite": [...], "postgresql": [...]}`` where they differ.
    """

    version: int
    description: str
    sql: Sequence[str] | Mapping[str, Sequence[str]]

    def statements(self, dialect: str) -> Sequence[str]:
        if isinstance(self.sql, Mapping):
            return self.sql[dialect]
        return self.sql


class Transaction:
    """What a transaction body sees: ``execute`` with ``?`` placeholders."""

    def __init__(self, db: Database, cursor: Any):
        self._db = db
        self._cur = cursor

    @property
    def dialect(self) -> str:
        return self._db.dialect

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Transaction:
        if params:
            self._cur.execute(self._db.translate(sql), tuple(params))
        else:
            self._cur.execute(sql)
        return self

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> Transaction:
        """One statement for many parameter rows (bulk loads)."""
        self._cur.executemany(self._db.translate(sql), [tuple(r) for r in rows])
        return self

    def fetchone(self) -> tuple | None:
        return self._cur.fetchone()

    def fetchall(self) -> list[tuple]:
        return self._cur.fetchall()

    def one(self, sql: str, params: Sequence[Any] = ()) -> tuple | None:
        return self.execute(sql, params).fetchone()

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self.execute(sql, params).fetchall()

    @property
    def rowcount(self) -> int:
        return self._cur.rowcount


class Database:
    """An open database (one connection; one per process or thread)."""

    dialect: str = ""

    def __init__(self, url: str):
        self.url = url

    def translate(self, sql: str) -> str:
        return sql

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Transaction]:  # pragma: no cover - abstract
        raise NotImplementedError
        yield

    def close(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _lock_migrations(self, tx: Transaction) -> None:
        """Serialise concurrent migrations (SQLite's write lock already does)."""

    def schema_version(self, component: str) -> int:
        with self.transaction() as tx:
            self._ensure_versions(tx)
            row = tx.one("SELECT version FROM schema_versions WHERE component = ?", (component,))
        return int(row[0]) if row else 0

    @staticmethod
    def _ensure_versions(tx: Transaction) -> None:
        tx.execute(
            "CREATE TABLE IF NOT EXISTS schema_versions ("
            " component TEXT PRIMARY KEY, version INTEGER NOT NULL, updated TEXT NOT NULL)"
        )

    def migrate(self, component: str, migrations: Sequence[Migration]) -> int:
        """Apply the missing steps of ``component`` in order; return its version.

        A database whose version is newer than the code's is refused.
        """
        latest = max((m.version for m in migrations), default=0)
        versions = [m.version for m in migrations]
        if versions != list(range(1, latest + 1)):
            raise ValueError(f"{component} migrations must be numbered 1..n, got {versions}")
        while True:
            with self.transaction() as tx:
                self._ensure_versions(tx)
                self._lock_migrations(tx)
                row = tx.one(
                    "SELECT version FROM schema_versions WHERE component = ?", (component,)
                )
                current = int(row[0]) if row else 0
                if current > latest:
                    raise DatabaseError(
                        f"the database's {component} schema is version {current}, newer than "
                        f"this foulard's ({latest}); upgrade foulard"
                    )
                if current == latest:
                    return current
                step = migrations[current]
                for statement in step.statements(self.dialect):
                    tx.execute(statement)
                now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
                if row:
                    tx.execute(
                        "UPDATE schema_versions SET version = ?, updated = ? WHERE component = ?",
                        (step.version, now, component),
                    )
                else:
                    tx.execute(
                        "INSERT INTO schema_versions (component, version, updated)"
                        " VALUES (?, ?, ?)",
                        (component, step.version, now),
                    )

    def require(self, component: str, version: int) -> None:
        """Refuse to work on a database whose ``component`` schema is not ``version``."""
        current = self.schema_version(component)
        if current == 0:
            raise DatabaseError(
                f"the database at {self.display_url()} has no {component} tables; "
                "run 'foulard init'"
            )
        if current != version:
            raise DatabaseError(
                f"the database's {component} schema is version {current}, this foulard "
                f"needs {version}; run 'foulard init' to migrate"
                if current < version
                else f"the database's {component} schema is version {current}, newer than "
                f"this foulard's ({version}); upgrade foulard"
            )

    def display_url(self) -> str:
        """The URL without a password."""
        return re.sub(r"(//[^:/@]+):[^@/]*@", r"\1:***@", self.url)


# -- SQLite ------------------------------------------------------------------------------


def _sqlite_error(exc: sqlite3.Error, url: str) -> DatabaseError:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return DatabaseError(
            f"the database {url} is locked by another process (waited for the lock); "
            "try again when it has finished"
        )
    return DatabaseError(f"database error on {url}: {text}")


class SqliteDatabase(Database):
    dialect = "sqlite"

    def __init__(self, url: str, path: Path, *, create: bool, timeout: float):
        super().__init__(url)
        self.path = path
        if str(path) != ":memory:":
            if not path.parent.is_dir():
                raise DatabaseError(f"cannot open {url}: folder {path.parent} does not exist")
            if not create and not path.exists():
                raise DatabaseError(f"no database at {path}; run 'foulard init' first")
        try:
            self._conn = sqlite3.connect(
                str(path), timeout=timeout, isolation_level=None, check_same_thread=False
            )
            self._conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            mode = self._conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(path) != ":memory:" and mode.lower() != "wal":
                raise DatabaseError(f"cannot put {path} in WAL mode (got {mode})")
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as exc:
            raise _sqlite_error(exc, url) from None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Transaction]:
        cur = self._conn.cursor()
        try:
            cur.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _sqlite_error(exc, self.url) from None
        try:
            yield Transaction(self, cur)
        except BaseException as exc:
            with contextlib.suppress(sqlite3.Error):
                cur.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise _sqlite_error(exc, self.url) from None
            raise
        else:
            try:
                cur.execute("COMMIT")
            except sqlite3.Error as exc:
                with contextlib.suppress(sqlite3.Error):
                    cur.execute("ROLLBACK")
                raise _sqlite_error(exc, self.url) from None
        finally:
            cur.close()

    def close(self) -> None:
        self._conn.close()


# -- PostgreSQL --------------------------------------------------------------------------


class PostgresDatabase(Database):
    dialect = "postgresql"
    _MIGRATION_LOCK = 0x666F756C  # an advisory lock number for schema changes

    def __init__(self, url: str, *, timeout: float):
        super().__init__(url)
        try:
            import psycopg
        except ImportError:
            raise DatabaseError(
                "FOULARD_DATABASE_URL names PostgreSQL, but psycopg is not installed; "
                "install foulard[pg] (or pip install 'psycopg[binary]')"
            ) from None
        self._psycopg = psycopg
        try:
            self._conn = psycopg.connect(
                url,
                autocommit=True,
                connect_timeout=max(1, int(timeout)),
                options=f"-c lock_timeout={int(timeout * 1000)}",
            )
        except psycopg.Error as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise DatabaseError(f"cannot connect to {self.display_url()}: {first}") from None

    def translate(self, sql: str) -> str:
        return _PLACEHOLDER.sub("%s", sql)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Transaction]:
        psycopg = self._psycopg
        try:
            with self._conn.transaction(), self._conn.cursor() as cur:
                yield Transaction(self, cur)
        except psycopg.errors.LockNotAvailable:
            raise DatabaseError(
                f"the database {self.display_url()} is locked by another session; try again"
            ) from None
        except psycopg.OperationalError as exc:
            raise DatabaseError(f"database error on {self.display_url()}: {exc}") from None

    def _lock_migrations(self, tx: Transaction) -> None:
        tx.execute("SELECT pg_advisory_xact_lock(?)", (self._MIGRATION_LOCK,))

    def close(self) -> None:
        self._conn.close()


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for PostgreSQL or an in-memory database)."""
    if not url.startswith("sqlite:///"):
        return None
    path = url.removeprefix("sqlite:///")
    return None if path == ":memory:" else Path(path)


def connect(url: str, *, create: bool = False, timeout: float = DEFAULT_TIMEOUT_S) -> Database:
    """Open the database at ``url``; with ``create``, a missing SQLite file is made."""
    if url.startswith("sqlite:///"):
        path = sqlite_path(url) or Path(":memory:")
        return SqliteDatabase(url, path, create=create, timeout=timeout)
    if url.startswith(("postgresql://", "postgres://")):
        return PostgresDatabase(url, timeout=timeout)
    raise DatabaseError(
        f"unsupported database URL {url!r}; use sqlite:///path/to/file.db or postgresql://..."
    )
