"""Proving the ledger's invariants, and counting what it holds.

:func:`verify` checks, from the tables alone:

- person slots are dense and unique: exactly 0 .. N-1, and the slot counter is N;
- every design is in one of the statuses, a claimed or sold design has exactly one
  owner who is a registered person, and a design from the space is owned by (or
  reserved for) the person of its address's slot;
- the event log replays to the current state: persons registered in slot order,
  every design issued once, claimed at most once and only while issued and open to
  the claimer, sold only by the owner who claimed it; after the replay the state
  equals the tables, row for row.

Any failure is listed; ``foulard ledger verify`` exits non-zero if there is one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from foulard.db import Database
from foulard.ledger.schema import COMPONENT, VERSION
from foulard.space.address import MAX_INDEX, PER_PERSON

__all__ = ["VerifyReport", "stats", "verify"]

_MAX_LISTED = 50


@dataclass
class VerifyReport:
    persons: int = 0
    designs: int = 0
    events: int = 0
    problems: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def fail(self, message: str) -> None:
        if len(self.problems) < _MAX_LISTED:
            self.problems.append(message)
        elif len(self.problems) == _MAX_LISTED:
            self.problems.append("... more problems not listed")

    def to_json(self) -> dict:
        return {
            "ok": self.ok,
            "persons": self.persons,
            "designs": self.designs,
            "events": self.events,
            "checks": self.checks,
            "problems": self.problems,
        }


def verify(db: Database) -> VerifyReport:
    """Check every invariant in one consistent snapshot."""
    report = VerifyReport()
    db.require(COMPONENT, VERSION)
    with db.transaction() as tx:
        persons = {r[0]: int(r[1]) for r in tx.all("SELECT id, slot FROM persons")}
        counter = tx.one("SELECT value FROM counters WHERE name = 'person_slot'")
        designs = {
            r[0]: (r[1], None if r[2] is None else int(r[2]), r[3])
            for r in tx.all("SELECT design_id, status, address, owner FROM designs")
        }
        log = tx.all("SELECT seq, kind, design_id, person_id, detail FROM events ORDER BY seq")
    report.persons, report.designs, report.events = len(persons), len(designs), len(log)

    # Slots: dense and unique.
    slots = sorted(persons.values())
    report.checks.append("person slots are 0..N-1, each once, and the counter is N")
    if slots != list(range(len(slots))):
        report.fail(f"person slots are not dense and unique (first slots: {slots[:10]})")
    if counter is None or int(counter[0]) != len(slots):
        report.fail(
            f"slot counter is {None if counter is None else counter[0]}, "
            f"but {len(slots)} persons are registered"
        )

    # Designs: status, one owner, address belongs to the owner's slot.
    report.checks.append("every claimed or sold design has one registered owner")
    report.checks.append("every design from the space belongs to its address's person")
    by_slot = {slot: pid for pid, slot in persons.items()}
    for did, (status, address, owner) in designs.items():
        if status not in ("issued", "claimed", "sold"):
            report.fail(f"design {did[:12]} has unknown status {status!r}")
        if status != "issued" and owner is None:
            report.fail(f"design {did[:12]} is {status} without an owner")
        if owner is not None and owner not in persons:
            report.fail(f"design {did[:12]} is owned by unknown person {owner!r}")
        if address is not None:
            if not 0 <= address < MAX_INDEX:
                report.fail(f"design {did[:12]} has an address out of range ({address})")
            elif by_slot.get(address // PER_PERSON) != owner:
                report.fail(
                    f"design {did[:12]} at slot {address // PER_PERSON} is owned by {owner!r}, "
                    f"not by that slot's person {by_slot.get(address // PER_PERSON)!r}"
                )

    # Events: replay to the state.
    report.checks.append("the event log replays to exactly the current state")
    state_persons: dict[str, int] = {}
    state: dict[str, list] = {}
    for seq, kind, did, pid, detail_text in log:
        try:
            detail = json.loads(detail_text)
        except ValueError:
            report.fail(f"event {seq} has detail that is not JSON")
            continue
        if kind == "person.registered":
            if pid in state_persons:
                report.fail(f"event {seq}: {pid} registered twice")
            elif detail.get("slot") != len(state_persons):
                report.fail(
                    f"event {seq}: {pid} got slot {detail.get('slot')}, "
                    f"expected {len(state_persons)}"
                )
            state_persons[pid] = detail.get("slot")
        elif kind == "design.issued":
            if did in state:
                report.fail(f"event {seq}: design {did[:12]} issued twice")
            state[did] = ["issued", detail.get("address"), detail.get("owner")]
        elif kind == "design.claimed":
            cur = state.get(did)
            if cur is None:
                report.fail(f"event {seq}: design {str(did)[:12]} claimed before it was issued")
            elif cur[0] != "issued" or cur[2] not in (None, pid):
                report.fail(
                    f"event {seq}: design {did[:12]} claimed by {pid} while {cur[0]} "
                    f"to {cur[2]} (two owners)"
                )
            else:
                cur[0], cur[2] = "claimed", pid
        elif kind == "design.sold":
            cur = state.get(did)
            if cur is None or cur[0] != "claimed" or cur[2] != pid:
                report.fail(
                    f"event {seq}: design {str(did)[:12]} sold by {pid} who does not own it"
                )
            else:
                cur[0] = "sold"
        else:
            report.fail(f"event {seq} has unknown kind {kind!r}")
    if state_persons != persons:
        missing = set(persons) ^ set(state_persons)
        report.fail(
            f"persons and registration events disagree ({len(persons)} rows, "
            f"{len(state_persons)} events; e.g. {sorted(missing)[:3]})"
        )
    for did in set(designs) | set(state):
        row = designs.get(did)
        replayed = state.get(did)
        if row is None:
            report.fail(f"design {did[:12]} is in the event log but not in the designs table")
        elif replayed is None:
            report.fail(f"design {did[:12]} is in the designs table but has no issue event")
        elif tuple(replayed) != (row[0], row[1], row[2]):
            report.fail(
                f"design {did[:12]}: the table says {row[0]}/{row[2]}, "
                f"the events say {replayed[0]}/{replayed[2]}"
            )
    return report


def stats(db: Database) -> dict:
    """Counts of persons, designs by status and origin, and events by kind."""
    db.require(COMPONENT, VERSION)
    with db.transaction() as tx:
        persons = int(tx.one("SELECT COUNT(*) FROM persons")[0])
        by_status = {
            s: int(n) for s, n in tx.all("SELECT status, COUNT(*) FROM designs GROUP BY status")
        }
        space = int(tx.one("SELECT COUNT(*) FROM designs WHERE address IS NOT NULL")[0])
        outside = int(tx.one("SELECT COUNT(*) FROM designs WHERE address IS NULL")[0])
        by_kind = {k: int(n) for k, n in tx.all("SELECT kind, COUNT(*) FROM events GROUP BY kind")}
        signed = int(tx.one("SELECT COUNT(*) FROM designs WHERE signature IS NOT NULL")[0])
    return {
        "backend": db.dialect,
        "database": db.display_url(),
        "schema_version": VERSION,
        "persons": persons,
        "designs": {
            "total": space + outside,
            "from_space": space,
            "outside": outside,
            "with_signature": signed,
            "by_status": {s: by_status.get(s, 0) for s in ("issued", "claimed", "sold")},
        },
        "events": {"total": sum(by_kind.values()), "by_kind": by_kind},
    }
