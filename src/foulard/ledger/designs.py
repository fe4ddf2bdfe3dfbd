"""Designs in the ledger: issue, claim, sell, show.

- A design from the space is *issued* reserved for the person of its address; only
  that person can claim it.
- A design made outside the space (prompt, edit, evolution) is issued open, after its
  perceptual signature was checked against every design with a signature: a
  near-duplicate is refused, naming the design it resembles. The check and the insert
  share one transaction that holds the ledger's issuing lock, so two near-duplicates
  issued at the same moment cannot both pass.
- A claim is one conditional ``UPDATE ... WHERE status = 'issued'`` plus its event, in
  one transaction: among concurrent claims of one design exactly one changes the row,
  and a process killed in the middle leaves either both or neither.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from foulard.db import Database, Transaction
from foulard.errors import LedgerError
from foulard.ledger import events
from foulard.ledger.persons import check_person_id
from foulard.perceptual import Signature, distances_to, signature_arrays
from foulard.space.address import Address

__all__ = ["STATUSES", "ClaimResult", "Design", "claim", "get_design", "issue", "sell"]

STATUSES = ("issued", "claimed", "sold")
_COLUMNS = "design_id, address, owner, status, signature, space_version, created, updated"
_ISSUE_LOCK = 0x666F7532  # PostgreSQL advisory lock serialising outside issues


@dataclass(frozen=True)
class Design:
    design_id: str
    address: int | None
    owner: str | None
    status: str
    signature: str | None
    space_version: int | None
    created: str
    updated: str

    def to_json(self) -> dict:
        out = {
            "design_id": self.design_id,
            "address": None,
            "owner": self.owner,
            "status": self.status,
            "space_version": self.space_version,
            "created": self.created,
            "updated": self.updated,
            "has_signature": self.signature is not None,
        }
        if self.address is not None:
            out["address"] = Address.from_index(self.address).to_json()
        return out


@dataclass(frozen=True)
class ClaimResult:
    design: Design
    won: bool  # this call changed the owner (False: it was already the caller's)


def _design(row: tuple | None) -> Design | None:
    if row is None:
        return None
    return Design(
        row[0],
        None if row[1] is None else int(row[1]),
        row[2],
        row[3],
        row[4],
        None if row[5] is None else int(row[5]),
        row[6],
        row[7],
    )


def _check_design_id(design_id: str) -> str:
    if not (
        isinstance(design_id, str)
        and len(design_id) == 64
        and all(c in "0123456789abcdef" for c in design_id)
    ):
        raise LedgerError(f"a design id is 64 lowercase hex digits, got {design_id!r}")
    return design_id


def _select(tx: Transaction, design_id: str) -> Design | None:
    return _design(tx.one(f"SELECT {_COLUMNS} FROM designs WHERE design_id = ?", (design_id,)))


def get_design(db: Database, design_id: str) -> Design:
    _check_design_id(design_id)
    with db.transaction() as tx:
        d = _select(tx, design_id)
    if d is None:
        raise LedgerError(f"design {design_id[:12]} is not in the ledger")
    return d


def resolve_design_id(db: Database, prefix: str) -> str:
    """A full design id from a unique prefix (at least 8 hex digits)."""
    p = prefix.strip().lower()
    if len(p) == 64:
        return _check_design_id(p)
    if len(p) < 8 or any(c not in "0123456789abcdef" for c in p):
        raise LedgerError(f"{prefix!r} is not a design id (64 hex digits, or a prefix of 8+)")
    with db.transaction() as tx:
        rows = tx.all("SELECT design_id FROM designs WHERE design_id LIKE ? LIMIT 2", (p + "%",))
    if not rows:
        raise LedgerError(f"no design in the ledger starts with {p}")
    if len(rows) > 1:
        raise LedgerError(f"{p} names more than one design; give more digits")
    return rows[0][0]


def _person_exists(tx: Transaction, person_id: str) -> tuple | None:
    return tx.one("SELECT id, slot FROM persons WHERE id = ?", (person_id,))


def issue(
    db: Database,
    design_id: str,
    *,
    address: Address | None = None,
    owner: str | None = None,
    signature: Signature | None = None,
    space_version: int | None = None,
) -> tuple[Design, bool]:
    """Record a design as issued; returns it and whether it is new.

    With ``address`` the design comes from the space and is reserved for ``owner``,
    who must be the person of the address's slot. Without, it is an outside design:
    its ``signature`` is required and checked for near-duplicates first.
    """
    _check_design_id(design_id)
    if address is not None:
        if owner is None:
            raise LedgerError("a design from the space is issued to the person of its address")
        check_person_id(owner)
    elif signature is None:
        raise LedgerError("a design made outside the space needs a perceptual signature")
    with db.transaction() as tx:
        existing = _select(tx, design_id)
        if existing is not None:
            if address is not None and existing.address not in (None, address.index):
                raise LedgerError(f"design {design_id[:12]} is already issued at another address")
            return existing, False
        if owner is not None:
            row = _person_exists(tx, owner)
            if row is None:
                raise LedgerError(f"unknown person {owner!r}")
            if address is not None and int(row[1]) != address.slot:
                raise LedgerError(
                    f"address {address} belongs to slot {address.slot}, not to {owner} "
                    f"(slot {row[1]})"
                )
        if address is not None:
            taken = tx.one("SELECT design_id FROM designs WHERE address = ?", (address.index,))
            if taken:
                raise LedgerError(
                    f"address {address} already holds design {taken[0][:12]} "
                    "(another space key or space version?)"
                )
        if address is None:
            _refuse_near_duplicate(tx, signature)
        at = events.now()
        tx.execute(
            f"INSERT INTO designs ({_COLUMNS}) VALUES (?, ?, ?, 'issued', ?, ?, ?, ?)",
            (
                design_id,
                None if address is None else address.index,
                owner,
                None if signature is None else signature.to_text(),
                space_version,
                at,
                at,
            ),
        )
        detail: dict = {"owner": owner}
        if address is not None:
            detail["address"] = address.index
        events.append(
            tx, "design.issued", design_id=design_id, person_id=owner, detail=detail, at=at
        )
        return _select(tx, design_id), True


def _refuse_near_duplicate(tx: Transaction, signature: Signature) -> None:
    if tx.dialect == "postgresql":
        tx.execute("SELECT pg_advisory_xact_lock(?)", (_ISSUE_LOCK,))
    rows = tx.all("SELECT design_id, signature FROM designs WHERE signature IS NOT NULL")
    if not rows:
        return
    dist = distances_to(signature, signature_arrays([r[1] for r in rows]))
    best = int(np.argmin(dist))
    if dist[best] <= 1.0:
        raise LedgerError(
            f"refused: a near-duplicate of issued design {rows[best][0]} "
            f"(perceptual distance {dist[best]:.2f} <= 1)"
        )


def claim(db: Database, design_id: str, person_id: str) -> ClaimResult:
    """``person_id`` claims an issued design; exactly one of concurrent claimers wins."""
    _check_design_id(design_id)
    check_person_id(person_id)
    with db.transaction() as tx:
        if _person_exists(tx, person_id) is None:
            raise LedgerError(f"unknown person {person_id!r}")
        at = events.now()
        won = tx.one(
            "UPDATE designs SET owner = ?, status = 'claimed', updated = ? "
            "WHERE design_id = ? AND status = 'issued' AND (owner IS NULL OR owner = ?) "
            "RETURNING design_id",
            (person_id, at, design_id, person_id),
        )
        if won:
            events.append(tx, "design.claimed", design_id=design_id, person_id=person_id, at=at)
            return ClaimResult(_select(tx, design_id), True)
        current = _select(tx, design_id)
    if current is None:
        raise LedgerError(f"design {design_id[:12]} is not in the ledger; issue it first")
    if current.owner == person_id:
        return ClaimResult(current, False)
    if current.status == "issued":
        raise LedgerError(f"design {design_id[:12]} is reserved for {current.owner}")
    raise LedgerError(f"design {design_id[:12]} is already {current.status} to {current.owner}")


def sell(db: Database, design_id: str, person_id: str) -> Design:
    """Mark a design its owner has claimed as sold (printed and paid)."""
    _check_design_id(design_id)
    with db.transaction() as tx:
        at = events.now()
        done = tx.one(
            "UPDATE designs SET status = 'sold', updated = ? "
            "WHERE design_id = ? AND status = 'claimed' AND owner = ? RETURNING design_id",
            (at, design_id, person_id),
        )
        if done:
            events.append(tx, "design.sold", design_id=design_id, person_id=person_id, at=at)
        current = _select(tx, design_id)
    if current is None:
        raise LedgerError(f"design {design_id[:12]} is not in the ledger")
    if not done:
        raise LedgerError(
            f"design {design_id[:12]} is {current.status}"
            + (f" by {current.owner}" if current.owner else "")
            + f"; only a design claimed by {person_id} can be sold to them"
        )
    return current
