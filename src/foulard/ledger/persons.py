"""Persons: registered once, each given the next dense slot of the design space.

The slot is taken from the ``person_slot`` counter row with ``UPDATE ... RETURNING``
in the transaction that inserts the person: concurrent registrations queue on that
row, and a transaction that fails returns its slot with everything else, so slots
stay dense (0, 1, 2, ...) and unique.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from foulard.db import Database
from foulard.errors import LedgerError
from foulard.ledger import events
from foulard.space.address import SLOTS

__all__ = ["Person", "check_person_id", "get_person", "person_by_slot", "register_person"]

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+\-]{0,127}$")


@dataclass(frozen=True)
class Person:
    id: str
    slot: int
    created: str

    def to_json(self) -> dict:
        return {"id": self.id, "slot": self.slot, "created": self.created}


def check_person_id(person_id: str) -> str:
    if not isinstance(person_id, str) or not _ID.match(person_id):
        raise LedgerError(
            f"invalid person id {person_id!r}: 1 to 128 characters, letters, digits and ._@+- "
            "(starting with a letter or digit)"
        )
    return person_id


def register_person(db: Database, person_id: str) -> tuple[Person, bool]:
    """Register ``person_id`` (or find it); returns the person and whether it is new."""
    check_person_id(person_id)
    with db.transaction() as tx:
        row = tx.one("SELECT id, slot, created FROM persons WHERE id = ?", (person_id,))
        if row:
            return Person(row[0], int(row[1]), row[2]), False
        slot = tx.one(
            "UPDATE counters SET value = value + 1 WHERE name = 'person_slot' RETURNING value - 1"
        )
        if slot is None:
            raise LedgerError("the ledger has no slot counter; run 'foulard ledger verify'")
        slot = int(slot[0])
        if slot >= SLOTS:
            raise LedgerError(f"all {SLOTS} person slots are taken")
        created = events.now()
        tx.execute(
            "INSERT INTO persons (id, slot, created) VALUES (?, ?, ?)", (person_id, slot, created)
        )
        events.append(
            tx, "person.registered", person_id=person_id, detail={"slot": slot}, at=created
        )
    return Person(person_id, slot, created), True


def get_person(db: Database, person_id: str) -> Person:
    """A registered person; a clear error for an unknown one."""
    check_person_id(person_id)
    with db.transaction() as tx:
        row = tx.one("SELECT id, slot, created FROM persons WHERE id = ?", (person_id,))
    if row is None:
        raise LedgerError(
            f"unknown person {person_id!r}; register them first: "
            f"foulard ledger register {person_id}"
        )
    return Person(row[0], int(row[1]), row[2])


def person_by_slot(db: Database, slot: int) -> Person | None:
    with db.transaction() as tx:
        row = tx.one("SELECT id, slot, created FROM persons WHERE slot = ?", (int(slot),))
    return Person(row[0], int(row[1]), row[2]) if row else None
