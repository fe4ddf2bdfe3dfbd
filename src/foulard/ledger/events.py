"""The append-only event log: every change of the ledger's state is one event.

Events are written in the same transaction as the change they record, so the log and
the state can never disagree (``ledger verify`` replays the log to prove it).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

from foulard.db import Database, Transaction

__all__ = ["KINDS", "Event", "append", "events", "now"]

KINDS = ("person.registered", "design.issued", "design.claimed", "design.sold")


def now() -> str:
    """The current UTC time, ISO 8601 with microseconds (sorts as text)."""
    t = time.time()
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + f".{int(t % 1 * 1e6):06d}Z"


@dataclass(frozen=True)
class Event:
    seq: int
    at: str
    kind: str
    design_id: str | None
    person_id: str | None
    detail: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "at": self.at,
            "kind": self.kind,
            "design_id": self.design_id,
            "person_id": self.person_id,
            "detail": self.detail,
        }


def append(
    tx: Transaction,
    kind: str,
    *,
    design_id: str | None = None,
    person_id: str | None = None,
    detail: dict[str, Any] | None = None,
    at: str | None = None,
) -> None:
    """Record one event inside the caller's transaction."""
    if kind not in KINDS:
        raise ValueError(f"unknown event kind {kind!r}; valid: {', '.join(KINDS)}")
    tx.execute(
        "INSERT INTO events (at, kind, design_id, person_id, detail) VALUES (?, ?, ?, ?, ?)",
        (at or now(), kind, design_id, person_id, json.dumps(detail or {}, sort_keys=True)),
    )


def _row(row: tuple) -> Event:
    return Event(int(row[0]), row[1], row[2], row[3], row[4], json.loads(row[5]))


def events(
    db: Database,
    *,
    design_id: str | None = None,
    person_id: str | None = None,
    limit: int | None = None,
) -> list[Event]:
    """Events in order, optionally of one design or one person."""
    sql = "SELECT seq, at, kind, design_id, person_id, detail FROM events"
    where, params = [], []
    if design_id is not None:
        where.append("design_id = ?")
        params.append(design_id)
    if person_id is not None:
        where.append("person_id = ?")
        params.append(person_id)
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY seq"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    with db.transaction() as tx:
        return [_row(r) for r in tx.all(sql, params)]
