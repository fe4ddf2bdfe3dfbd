"""Studio accounts: a ledger person with a role, a password hash and tokens.

An account (``web_accounts``, see :mod:`foulard.web.schema`) is a ledger person (so
its designs of the space are that person's) with a role (``customer``,
``designer``, ``admin``) and an argon2id password hash (or none: token-only
accounts). Tokens are 256 random bits, so one SHA-256 is enough to store them
(``web_tokens``); the token itself is shown once. Every request looks its token up
in the database (no cache), so a revoked token is refused by every worker process
at once.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from foulard.db import Database, Transaction
from foulard.errors import FoulardError
from foulard.ledger.persons import check_person_id, register_person

__all__ = [
    "ROLES",
    "Account",
    "AuthError",
    "check_token",
    "create_account",
    "issue_token",
    "list_accounts",
    "login",
    "resolve_token",
    "revoke_token",
    "token_account",
]

ROLES = ("customer", "designer", "admin")
TOKEN_PREFIX = "fst_"
MIN_PASSWORD = 8
MAX_PASSWORD = 256


_HASHER = PasswordHasher()
# A hash to verify against when the account does not exist, so that a login for an
# unknown name takes as long as a wrong password (no account enumeration by timing).
_DUMMY_HASH = _HASHER.hash("not a password of anyone")


class AuthError(FoulardError):
    """A login, token or account that is not valid (the message says why, not whose)."""


@dataclass(frozen=True)
class Account:
    person_id: str
    role: str
    slot: int

    def to_json(self) -> dict:
        return {"person": self.person_id, "role": self.role, "slot": self.slot}

    def at_least(self, role: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)


def now_text() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def check_role(role: str) -> str:
    if role not in ROLES:
        raise AuthError(f"unknown role {role!r}; valid: {', '.join(ROLES)}")
    return role


def check_password(password: str) -> str:
    if not isinstance(password, str) or not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise AuthError(f"a password has {MIN_PASSWORD} to {MAX_PASSWORD} characters")
    return password


def create_account(
    db: Database, person_id: str, role: str, password: str | None = None, *, update: bool = False
) -> tuple[Account, bool]:
    """Register ``person_id`` in the ledger (if new) and give it a studio account.

    Returns the account and whether it was created now. An existing account is
    changed (role, password) only with ``update``.
    """
    check_person_id(person_id)
    check_role(role)
    digest = None if password is None else _HASHER.hash(check_password(password))
    person, _ = register_person(db, person_id)
    with db.transaction() as tx:
        row = tx.one("SELECT role FROM web_accounts WHERE person_id = ?", (person_id,))
        if row is None:
            tx.execute(
                "INSERT INTO web_accounts (person_id, role, password_hash, created)"
                " VALUES (?, ?, ?, ?)",
                (person_id, role, digest, now_text()),
            )
            return Account(person_id, role, person.slot), True
        if not update:
            return Account(person_id, row[0], person.slot), False
        if digest is None:
            tx.execute("UPDATE web_accounts SET role = ? WHERE person_id = ?", (role, person_id))
        else:
            tx.execute(
                "UPDATE web_accounts SET role = ?, password_hash = ? WHERE person_id = ?",
                (role, digest, person_id),
            )
    return Account(person_id, role, person.slot), False


def _account(db: Database, person_id: str) -> tuple[Account, str | None] | None:
    with db.transaction() as tx:
        row = tx.one(
            "SELECT a.person_id, a.role, p.slot, a.password_hash FROM web_accounts a"
            " JOIN persons p ON p.id = a.person_id WHERE a.person_id = ?",
            (person_id,),
        )
    if row is None:
        return None
    return Account(row[0], row[1], int(row[2])), row[3]


def list_accounts(db: Database) -> list[Account]:
    with db.transaction() as tx:
        rows = tx.all(
            "SELECT a.person_id, a.role, p.slot FROM web_accounts a"
            " JOIN persons p ON p.id = a.person_id ORDER BY p.slot"
        )
    return [Account(r[0], r[1], int(r[2])) for r in rows]


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_token(db: Database, person_id: str, *, days: float = 14.0, label: str = "") -> str:
    """A new bearer token for an existing account (shown once; only its hash is kept)."""
    if _account(db, person_id) is None:
        raise AuthError(f"no studio account {person_id!r}")
    if not 0 < days <= 3660:
        raise AuthError(f"a token lives 0 to 3660 days, not {days}")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    t = time.time()
    with db.transaction() as tx:
        tx.execute(
            "INSERT INTO web_tokens (token_hash, person_id, created, expires, label)"
            " VALUES (?, ?, ?, ?, ?)",
            (_digest(token), person_id, t, t + days * 86400.0, label[:100]),
        )
    return token


def login(
    db: Database, person_id: str, password: str, *, days: float = 14.0
) -> tuple[str, Account]:
    """Check a password and issue a token; one vague error for every failure."""
    bad = AuthError("wrong account name or password")
    if not isinstance(password, str) or len(password) > MAX_PASSWORD:
        raise bad
    try:
        check_person_id(person_id)
        found = _account(db, person_id)
    except FoulardError:
        found = None
    digest = found[1] if found and found[1] else _DUMMY_HASH
    try:
        _HASHER.verify(digest, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        raise bad from None
    if found is None or not found[1]:
        raise bad
    return issue_token(db, person_id, days=days, label="login"), found[0]


def check_token(token: str) -> str:
    """``token`` if it looks like a studio token (no database needed to refuse junk)."""
    if not isinstance(token, str) or not token.startswith(TOKEN_PREFIX) or len(token) > 100:
        raise AuthError("not a studio token")
    return token


def resolve_token(db: Database, token: str) -> Account:
    """The account a bearer token belongs to; an :class:`AuthError` if it is not valid."""
    check_token(token)
    with db.transaction() as tx:
        return token_account(tx, token)


def token_account(tx: Transaction, token: str) -> Account:
    """:func:`resolve_token` inside a transaction (or a read-only snapshot)."""
    row = tx.one(
        "SELECT t.expires, a.person_id, a.role, p.slot FROM web_tokens t"
        " JOIN web_accounts a ON a.person_id = t.person_id"
        " JOIN persons p ON p.id = a.person_id WHERE t.token_hash = ?",
        (_digest(check_token(token)),),
    )
    if row is None:
        raise AuthError("unknown or revoked token")
    if float(row[0]) < time.time():
        raise AuthError("the token has expired; log in again")
    return Account(row[1], row[2], int(row[3]))


def revoke_token(db: Database, token: str) -> bool:
    with db.transaction() as tx:
        tx.execute("DELETE FROM web_tokens WHERE token_hash = ?", (_digest(token),))
        return tx.rowcount > 0


def dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True)
