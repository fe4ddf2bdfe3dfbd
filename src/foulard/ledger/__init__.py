"""The ledger: who owns which design (SQLite by default, PostgreSQL by URL).

>>> import tempfile, pathlib
>>> url = f"sqlite:///{pathlib.Path(tempfile.mkdtemp()) / 'l.db'}"
>>> with Ledger.open(url, create=True) as ledger:
...     alice, _ = ledger.register("alice")
...     alice.slot, ledger.verify().ok
(0, True)
"""

from __future__ import annotations

from foulard import config
from foulard.db import Database, Migration, connect
from foulard.ledger import designs, events, persons, verify
from foulard.ledger.designs import ClaimResult, Design
from foulard.ledger.events import Event
from foulard.ledger.persons import Person
from foulard.ledger.schema import COMPONENT, MIGRATIONS, VERSION
from foulard.ledger.verify import VerifyReport

__all__ = [
    "ClaimResult",
    "Database",
    "Design",
    "Event",
    "Ledger",
    "Migration",
    "Person",
    "VerifyReport",
    "connect",
]


class Ledger:
    """The ledger on one database connection (one per process)."""

    def __init__(self, db: Database):
        self.db = db

    @classmethod
    def open(cls, url: str | None = None, *, create: bool = False, timeout: float = 30.0):
        """Open the ledger at ``url`` (default: the configured one).

        With ``create``, a missing SQLite file is made and the schema migrated to the
        latest version; without, the schema must already be current.
        """
        db = connect(url or config.database_url(), create=create, timeout=timeout)
        try:
            if create:
                db.migrate(COMPONENT, MIGRATIONS)
            else:
                db.require(COMPONENT, VERSION)
        except BaseException:
            db.close()
            raise
        return cls(db)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # persons
    def register(self, person_id: str) -> tuple[Person, bool]:
        return persons.register_person(self.db, person_id)

    def person(self, person_id: str) -> Person:
        return persons.get_person(self.db, person_id)

    def person_by_slot(self, slot: int) -> Person | None:
        return persons.person_by_slot(self.db, slot)

    # designs
    def issue(self, design_id: str, **kw) -> tuple[Design, bool]:
        return designs.issue(self.db, design_id, **kw)

    def claim(self, design_id: str, person_id: str) -> ClaimResult:
        return designs.claim(self.db, design_id, person_id)

    def sell(self, design_id: str, person_id: str) -> Design:
        return designs.sell(self.db, design_id, person_id)

    def design(self, design_id: str) -> Design:
        return designs.get_design(self.db, design_id)

    def resolve(self, prefix: str) -> str:
        return designs.resolve_design_id(self.db, prefix)

    def events(self, **kw) -> list[Event]:
        return events.events(self.db, **kw)

    # proofs and counts
    def verify(self) -> VerifyReport:
        return verify.verify(self.db)

    def stats(self) -> dict:
        return verify.stats(self.db)
