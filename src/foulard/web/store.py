"""The studio's data: per-thread database connections, genomes, access, taste.

Each thread (the event loop, every worker) opens its own connection to the one
database (SQLite in WAL mode, or PostgreSQL): connections are never shared across
threads. Genomes the studio serves are kept by design id in ``web_designs``; who may
see a design is ``web_access`` (plus the ledger's owner).
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from foulard.db import Database
from foulard.genome.schema import Genome
from foulard.ledger import Ledger
from foulard.ledger.schema import COMPONENT as LEDGER_COMPONENT
from foulard.ledger.schema import MIGRATIONS as LEDGER_MIGRATIONS
from foulard.web import accounts
from foulard.web.accounts import Account, now_text
from foulard.web.settings import Settings

__all__ = ["Store", "migrate"]


def migrate(db: Database) -> None:
    """Bring the ledger's and the studio's tables to their latest versions."""
    db.migrate(LEDGER_COMPONENT, LEDGER_MIGRATIONS)
    db.migrate(accounts.COMPONENT, accounts.MIGRATIONS)


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


class Store:
    """Connections (one per thread), genomes and access rules of one studio."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._local = threading.local()
        self._all: list[Ledger] = []
        self._lock = threading.Lock()
        self.genomes = _LRU(4096)
        self.library_generation = 0

    # -- connections --------------------------------------------------------------------

    @property
    def ledger(self) -> Ledger:
        led = getattr(self._local, "ledger", None)
        if led is None:
            led = Ledger.open(self.settings.database_url)
            self._local.ledger = led
            with self._lock:
                self._all.append(led)
        return led

    @property
    def db(self) -> Database:
        return self.ledger.db

    def library(self):
        """This thread's library, with the index refreshed after any ingest."""
        from foulard.library import Library

        lib = getattr(self._local, "library", None)
        if lib is None:
            lib = Library.open(self.settings.database_url, home=self.settings.home)
            self._local.library = lib
            self._local.library_gen = self.library_generation
            with self._lock:
                self._all.append(lib)
        elif self._local.library_gen != self.library_generation:
            lib.refresh_index()
            self._local.library_gen = self.library_generation
        return lib

    def close(self) -> None:
        with self._lock:
            for thing in self._all:
                thing.close()
            self._all.clear()

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
        with self.db.transaction() as tx:
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
        with self.db.transaction() as tx:
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
        with self.db.transaction() as tx:
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
        with self.db.transaction() as tx:
            rows = tx.all(
                "SELECT design_id, liked FROM web_judgements WHERE person_id = ?"
                " ORDER BY at, design_id",
                (person_id,),
            )
        return [(r[0], bool(r[1])) for r in rows]
