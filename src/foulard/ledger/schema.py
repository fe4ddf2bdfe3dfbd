"""The ledger's tables, as numbered migrations (the same schema on SQLite and PostgreSQL).

``persons``
    id (text), slot (dense from 0, unique), created.
``designs``
    design id (the genome's SHA-256), address index (unique, only for designs from
    the space), owner, status (``issued``, ``claimed``, ``sold``), perceptual
    signature (text, see :mod:`foulard.perceptual`), space version, created, updated.
    An ``issued`` design may be reserved for an owner (a space design belongs to the
    person of its address) or open (a design made outside the space); ``claimed`` and
    ``sold`` designs always have one.
``events``
    The append-only log: seq, time, kind, design, person, detail (JSON). Triggers
    refuse any UPDATE or DELETE on it.
``counters``
    ``person_slot``: the next slot; taken with a row lock, in the transaction that
    registers the person, so slots stay dense and unique under concurrency.
"""

from __future__ import annotations

from foulard.db import Migration

__all__ = ["COMPONENT", "MIGRATIONS", "VERSION"]

COMPONENT = "ledger"

_COMMON = [
    "CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL)",
    "INSERT INTO counters (name, value) VALUES ('person_slot', 0)",
    "CREATE TABLE persons ("
    " id TEXT PRIMARY KEY,"
    " slot BIGINT NOT NULL UNIQUE CHECK (slot >= 0),"
    " created TEXT NOT NULL)",
    "CREATE TABLE designs ("
    " design_id TEXT PRIMARY KEY,"
    " address BIGINT UNIQUE CHECK (address >= 0),"
    " owner TEXT REFERENCES persons (id),"
    " status TEXT NOT NULL CHECK (status IN ('issued', 'claimed', 'sold')),"
    " signature TEXT,"
    " space_version INTEGER,"
    " created TEXT NOT NULL,"
    " updated TEXT NOT NULL,"
    " CHECK (status = 'issued' OR owner IS NOT NULL))",
    "CREATE INDEX designs_owner ON designs (owner)",
]

_SQLITE = [
    *_COMMON,
    "CREATE TABLE events ("
    " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    " at TEXT NOT NULL, kind TEXT NOT NULL, design_id TEXT, person_id TEXT,"
    " detail TEXT NOT NULL DEFAULT '{}')",
    "CREATE INDEX events_design ON events (design_id)",
    "CREATE TRIGGER events_no_update BEFORE UPDATE ON events"
    " BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END",
    "CREATE TRIGGER events_no_delete BEFORE DELETE ON events"
    " BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END",
]

_POSTGRES = [
    *_COMMON,
    "CREATE TABLE events ("
    " seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
    " at TEXT NOT NULL, kind TEXT NOT NULL, design_id TEXT, person_id TEXT,"
    " detail TEXT NOT NULL DEFAULT '{}')",
    "CREATE INDEX events_design ON events (design_id)",
    "CREATE FUNCTION foulard_events_append_only() RETURNS trigger AS $$"
    " BEGIN RAISE EXCEPTION 'the event log is append-only'; END $$ LANGUAGE plpgsql",
    "CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events"
    " FOR EACH ROW EXECUTE FUNCTION foulard_events_append_only()",
]

MIGRATIONS = [
    Migration(
        1,
        "persons, designs, append-only events, slot counter",
        {"sqlite": _SQLITE, "postgresql": _POSTGRES},
    ),
]
VERSION = len(MIGRATIONS)
