"""The studio's data: per-thread database connections, genomes, access, taste.

Each thread (the event loop, every worker) opens its own connections to the one
database (SQLite in WAL mode, or PostgreSQL): connections are never shared across
threads, and a thread's are closed when it ends. Reads go through
:meth:`Store.reading`, which never waits for a writer. Genomes the studio serves
are kept by design id in ``web_designs``; who may see a design is ``web_access``
(plus the ledger's owner).
"""

from __future__ import annotations

import contextlib
import threading
import weakref
from collections import OrderedDict

from foulard.db import Database, sqlite_path
from foulard.genome.schema import Genome
from foulard.ledger import Ledger
from foulard.ledger.schema import COMPONENT as LEDGER_COMPONENT
from foulard.ledger.schema import MIGRATIONS as LEDGER_MIGRATIONS
from foulard.web import schema
from foulard.web.accounts import Account, now_text
from foulard.web.reads import SqliteReader
from foulard.web.settings import Settings

__all__ = ["Store", "migrate"]


def migrate(db: Database) -> None:
    """Bring the ledger's and the studio's tables to their latest versions."""
    db.migrate(LEDGER_COMPONENT, LEDGER_MIGRATIONS)
    db.migrate(schema.COMPONENT, schema.MIGRATIONS)


class _LRU:
    def __init__(self, size: int):
        self.size = size
        self._d: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            v = self._d.get(key)
            if v is not None:
                self._d.move_to_end(key)
            return v

    def put(self, key, value) -> None:
        with self._lock:
            self._d[key] = value
            self._d.move_to_end(key)
            while len(self._d) > self.size:
                self._d.popitem(last=False)


class _Connections:
    """One thread's ledger and library (closed when the thread ends or the studio stops)."""

    def __init__(self):
        self.ledger: Ledger | None = None
        self.library = None
        self.library_top = -1
        self.reader: SqliteReader | None = None

    def close(self) -> None:
        for thing in (self.library, self.ledger, self.reader):
            if thing is not None:
                with contextlib.suppress(Exception):
                    thing.close()
        self.ledger = self.library = self.reader = None


class _ThreadMark:
    """Held only by one thread's locals: it dies with the thread."""


class Store:
    """Connections (one per thread), genomes and access rules of one studio."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._local = threading.local()
        self._open: set[_Connections] = set()
        self._lock = threading.RLock()
        self.genomes = _LRU(4096)
        self._sqlite = sqlite_path(settings.database_url)

    # -- connections --------------------------------------------------------------------

    def _mine(self) -> _Connections:
        conns = getattr(self._local, "conns", None)
        if conns is None:
            conns = _Connections()
            mark = _ThreadMark()
            self._local.conns, self._local.mark = conns, mark
            # The server's thread pools retire idle threads: close their connections then.
            weakref.finalize(mark, self._retire, conns)
            with self._lock:
                self._open.add(conns)
        return conns

    def _retire(self, conns: _Connections) -> None:
        conns.close()
        with self._lock:
            self._open.discard(conns)

    @property
    def ledger(self) -> Ledger:
        conns = self._mine()
        if conns.ledger is None:
            conns.ledger = Ledger.open(self.settings.database_url)
        return conns.ledger

    @property
    def db(self) -> Database:
        """This thread's connection (its transactions take the write lock on SQLite)."""
        return self.ledger.db

    @property
    def quick_reads(self) -> bool:
        """Whether :meth:`reading` never waits (SQLite in WAL mode: a local file read;
        fine on the event loop). On PostgreSQL a read is a network round trip."""
        return self._sqlite is not None

    @contextlib.contextmanager
    def reading(self):
        """A read-only snapshot that never waits for a writer (see :mod:`.reads`);
        it has ``one`` and ``all`` like a transaction."""
        if self._sqlite is None:
            with self.db.transaction() as tx:
                yield tx
            return
        conns = self._mine()
        if conns.reader is None:
            conns.reader = SqliteReader(self._sqlite)
        with conns.reader.reading() as reads:
            yield reads

    def library(self):
        """This thread's library, its index refreshed when patterns were added (by any
        worker process: the newest pattern's number is read from the database)."""
        from foulard.library import Library

        conns = self._mine()
        if conns.library is None:
            conns.library = Library.open(self.settings.database_url, home=self.settings.home)
        lib = conns.library
        with self.reading() as tx:
            top = int(tx.one("SELECT COALESCE(MAX(seq), 0) FROM patterns")[0])
        if top != conns.library_top:
            if conns.library_top >= 0:
                lib.refresh_index()
            conns.library_top = top
        return lib

    def close(self) -> None:
        with self._lock:
            for conns in list(self._open):
                conns.close()
            self._open.clear()

    # -- genomes and access ------------------------------------------------------------

    def put_design(
        self, genome: Genome, source: str, *, person: str | None = None, parent: str | None = None
    ) -> str:
        """Keep a genome (and let ``person`` see it); returns its design id."""
        did = genome.design_id
        with self.db.transaction() as tx:
            tx.execute(
                "INSERT INTO web_designs (design_id, genome, source, parent, created)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (did, genome.canonical(), source, parent, now_text()),
            )
            if person is not None:
                tx.execute(
                    "INSERT INTO web_access (design_id, person_id, created) VALUES (?, ?, ?)"
                    " ON CONFLICT DO NOTHING",
                    (did, person, now_text()),
                )
        self.genomes.put(did, genome)
        return did

    def put_many(self, genomes: list[Genome], source: str, person: str) -> None:
        rows = [(g.design_id, g.canonical(), source, None, now_text()) for g in genomes]
        with self.db.transaction() as tx:
            tx.executemany(
                "INSERT INTO web_designs (design_id, genome, source, parent, created)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                rows,
            )
            tx.executemany(
                "INSERT INTO web_access (design_id, person_id, created) VALUES (?, ?, ?)"
                " ON CONFLICT DO NOTHING",
                [(r[0], person, r[4]) for r in rows],
            )
        for g in genomes:
            self.genomes.put(g.design_id, g)

    def genome(self, design_id: str) -> Genome | None:
        g = self.genomes.get(design_id)
        if g is not None:
            return g
        with self.reading() as tx:
            row = tx.one("SELECT genome FROM web_designs WHERE design_id = ?", (design_id,))
        if row is None:
            return None
        g = Genome.from_json(row[0])
        self.genomes.put(design_id, g)
        return g

    def can_see(self, account: Account, design_id: str) -> bool:
        """Designers and admins see every design of the studio; a customer, only theirs."""
        if account.at_least("designer"):
            return True
        with self.reading() as tx:
            row = tx.one(
                "SELECT 1 FROM web_access WHERE design_id = ? AND person_id = ?",
                (design_id, account.person_id),
            )
            if row is None:
                row = tx.one(
                    "SELECT 1 FROM designs WHERE design_id = ? AND owner = ?",
                    (design_id, account.person_id),
                )
        return row is not None

    def owned(self, person_id: str) -> list[dict]:
        with self.reading() as tx:
            rows = tx.all(
                "SELECT design_id, status, address, updated FROM designs WHERE owner = ?"
                " ORDER BY updated DESC, design_id LIMIT 500",
                (person_id,),
            )
        return [
            {"design_id": r[0], "status": r[1], "from_space": r[2] is not None, "updated": r[3]}
            for r in rows
        ]

    def judge(self, person_id: str, design_id: str, liked: bool) -> None:
        with self.db.transaction() as tx:
            tx.execute(
                "DELETE FROM web_judgements WHERE person_id = ? AND design_id = ?",
                (person_id, design_id),
            )
            tx.execute(
                "INSERT INTO web_judgements (person_id, design_id, liked, at) VALUES (?, ?, ?, ?)",
                (person_id, design_id, 1 if liked else 0, now_text()),
            )

    def judgements(self, person_id: str) -> list[tuple[str, bool]]:
        with self.reading() as tx:
            rows = tx.all(
                "SELECT design_id, liked FROM web_judgements WHERE person_id = ?"
                " ORDER BY at, design_id",
                (person_id,),
            )
        return [(r[0], bool(r[1])) for r in rows]
