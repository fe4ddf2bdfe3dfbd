"""The ledger's rules, on SQLite and on PostgreSQL: persons, issuing, claims, verify."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from foulard.db import connect
from foulard.errors import DatabaseError, LedgerError
from foulard.ledger import Ledger
from foulard.perceptual import signature
from foulard.space.address import Address


def did(i: int) -> str:
    return hashlib.sha256(f"design {i}".encode()).hexdigest()


def picture(kind: int) -> np.ndarray:
    """Test pictures that are clearly different from each other."""
    rng = np.random.default_rng(kind)
    img = np.full((64, 64, 3), 210, np.uint8)  # a light silk ground
    for _ in range(6):
        x, y = rng.integers(0, 48, 2)
        img[y : y + 16, x : x + 16] = rng.integers(0, 256, 3)
    return img


def test_slots_are_dense_and_registration_is_idempotent(ledger):
    people = [ledger.register(f"p{i}")[0] for i in range(5)]
    assert [p.slot for p in people] == list(range(5))
    again, new = ledger.register("p3")
    assert not new and again.slot == 3
    assert ledger.person("p4").slot == 4
    assert ledger.person_by_slot(2).id == "p2"
    report = ledger.verify()
    assert report.ok, report.problems
    assert report.persons == 5


def test_unknown_and_invalid_persons(ledger):
    with pytest.raises(LedgerError, match="unknown person"):
        ledger.person("nobody")
    with pytest.raises(LedgerError, match="invalid person id"):
        ledger.register("bad id with spaces")
    with pytest.raises(LedgerError, match="unknown person"):
        ledger.claim(did(1), "nobody")


def test_space_design_is_reserved_for_its_person(ledger):
    alice, _ = ledger.register("alice")
    ledger.register("bob")
    addr = Address(alice.slot, 42)
    design, new = ledger.issue(did(1), address=addr, owner="alice", space_version=1)
    assert new and design.status == "issued" and design.owner == "alice"
    assert ledger.issue(did(1), address=addr, owner="alice")[1] is False  # idempotent
    with pytest.raises(LedgerError, match="belongs to slot"):
        ledger.issue(did(2), address=Address(alice.slot, 43), owner="bob")
    with pytest.raises(LedgerError, match="reserved for alice"):
        ledger.claim(did(1), "bob")
    result = ledger.claim(did(1), "alice")
    assert result.won and result.design.status == "claimed"
    assert ledger.claim(did(1), "alice").won is False  # already hers, no new event
    assert ledger.sell(did(1), "alice").status == "sold"
    with pytest.raises(LedgerError, match="only a design claimed by"):
        ledger.sell(did(1), "alice")
    kinds = [e.kind for e in ledger.events(design_id=did(1))]
    assert kinds == ["design.issued", "design.claimed", "design.sold"]
    assert ledger.verify().ok


def test_open_design_goes_to_the_first_claimer(ledger):
    for p in ("a", "b"):
        ledger.register(p)
    ledger.issue(did(5), signature=signature(picture(1)))
    assert ledger.claim(did(5), "b").won
    with pytest.raises(LedgerError, match="already claimed to b"):
        ledger.claim(did(5), "a")
    with pytest.raises(LedgerError, match="not in the ledger"):
        ledger.claim(did(6), "a")


def test_near_duplicates_are_refused_naming_the_original(ledger):
    original = picture(7)
    ledger.issue(did(10), signature=signature(original))
    # A mirrored, slightly brightened copy is the same design.
    copy = np.clip(original[:, ::-1].astype(int) + 6, 0, 255).astype(np.uint8)
    with pytest.raises(LedgerError, match=did(10)):
        ledger.issue(did(11), signature=signature(copy))
    # A different picture is issued.
    assert ledger.issue(did(12), signature=signature(picture(8)))[1]
    with pytest.raises(LedgerError, match="needs a perceptual signature"):
        ledger.issue(did(13))
    assert ledger.stats()["designs"]["outside"] == 2


def test_events_are_append_only(ledger):
    ledger.register("a")
    for sql in ("UPDATE events SET kind = 'x'", "DELETE FROM events"):
        with pytest.raises(Exception, match="append-only"), ledger.db.transaction() as tx:
            tx.execute(sql)
    assert len(ledger.events()) == 1


def test_verify_catches_tampering(ledger):
    ledger.register("a")
    ledger.register("b")
    ledger.issue(did(1), signature=signature(picture(1)))
    ledger.claim(did(1), "a")
    assert ledger.verify().ok
    with ledger.db.transaction() as tx:  # an owner changed behind the log's back
        tx.execute("UPDATE designs SET owner = 'b' WHERE design_id = ?", (did(1),))
    report = ledger.verify()
    assert not report.ok and any("events say" in p for p in report.problems)
    with ledger.db.transaction() as tx:
        tx.execute("UPDATE designs SET owner = 'a' WHERE design_id = ?", (did(1),))
        tx.execute("UPDATE persons SET slot = 7 WHERE id = 'b'")
    report = ledger.verify()
    assert not report.ok and any("dense" in p for p in report.problems)


def test_stats(ledger):
    ledger.register("a")
    ledger.issue(did(1), address=Address(0, 1), owner="a")
    ledger.claim(did(1), "a")
    s = ledger.stats()
    assert s["persons"] == 1 and s["designs"]["by_status"]["claimed"] == 1
    assert s["designs"]["from_space"] == 1 and s["events"]["total"] == 3


def test_schema_version_is_recorded_and_checked(db_url):
    with Ledger.open(db_url, create=True) as led:
        assert led.db.schema_version("ledger") == 1
    with Ledger.open(db_url, create=True) as led:  # migrating again is a no-op
        assert led.db.schema_version("ledger") == 1
    with Ledger.open(db_url) as led, led.db.transaction() as tx:
        tx.execute("UPDATE schema_versions SET version = 99 WHERE component = 'ledger'")
    with pytest.raises(DatabaseError, match="newer than this foulard"):
        Ledger.open(db_url)


def test_missing_database_is_a_clear_error(tmp_path):
    with pytest.raises(DatabaseError, match="run 'foulard init'"):
        Ledger.open(f"sqlite:///{tmp_path / 'none.db'}")
    with pytest.raises(DatabaseError, match="does not exist"):
        Ledger.open(f"sqlite:///{tmp_path / 'no' / 'folder.db'}", create=True)
    with pytest.raises(DatabaseError, match="unsupported database URL"):
        Ledger.open("mysql://x")


def test_unreachable_postgres_is_a_clear_error():
    pytest.importorskip("psycopg")
    with pytest.raises(DatabaseError, match="cannot connect"):
        connect("postgresql://nobody:secret@127.0.0.1:1/x", timeout=2)


def test_locked_sqlite_database_is_a_clear_error(tmp_path):
    url = f"sqlite:///{tmp_path / 'l.db'}"
    with Ledger.open(url, create=True) as holder:
        impatient = Ledger(connect(url, timeout=0.2))
        with holder.db.transaction(), pytest.raises(DatabaseError, match="locked"):
            impatient.register("x")  # the holder has the write lock
        impatient.close()


def test_empty_database_without_schema(tmp_path):
    url = f"sqlite:///{tmp_path / 'e.db'}"
    connect(url, create=True).close()
    with pytest.raises(DatabaseError, match="no ledger tables"):
        Ledger.open(url)
