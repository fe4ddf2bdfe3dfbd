"""The studio's tables: the ``web`` component's migrations, in the ledger's database.

``web_accounts``
    person id (a ledger person), role, argon2id password hash (or none), created.
``web_tokens``
    SHA-256 of each bearer token, the account, created, expires, label.
``web_designs`` / ``web_access``
    Genomes the studio made or was given (canonical JSON by design id), and which
    person may see which of them (a customer sees only these and their own claims).
``web_judgements``
    Likes and dislikes, the person's taste.
``web_jobs`` (version 2)
    Export jobs (print orders): owner, design, options, state, stage, progress,
    the worker process making it and its last heartbeat, a cancel request, the
    zip's file name. Every worker process reads and writes them, so a job is
    pollable, downloadable and cancellable through any of them.
``web_buckets`` (version 2)
    Rate-limit token buckets (level, time of the last take) by key, shared by
    every worker process.
"""

from __future__ import annotations

from foulard.db import Migration

__all__ = ["COMPONENT", "MIGRATIONS", "VERSION"]

COMPONENT = "web"

MIGRATIONS = [
    Migration(
        1,
        "studio accounts, tokens, designs, access, judgements",
        [
            "CREATE TABLE web_accounts ("
            " person_id TEXT PRIMARY KEY REFERENCES persons (id),"
            " role TEXT NOT NULL CHECK (role IN ('customer', 'designer', 'admin')),"
            " password_hash TEXT,"
            " created TEXT NOT NULL)",
            "CREATE TABLE web_tokens ("
            " token_hash TEXT PRIMARY KEY,"
            " person_id TEXT NOT NULL REFERENCES web_accounts (person_id),"
            " created DOUBLE PRECISION NOT NULL,"
            " expires DOUBLE PRECISION NOT NULL,"
            " label TEXT NOT NULL DEFAULT '')",
            "CREATE INDEX web_tokens_person ON web_tokens (person_id)",
            "CREATE TABLE web_designs ("
            " design_id TEXT PRIMARY KEY,"
            " genome TEXT NOT NULL,"
            " source TEXT NOT NULL,"
            " parent TEXT,"
            " created TEXT NOT NULL)",
            "CREATE TABLE web_access ("
            " design_id TEXT NOT NULL REFERENCES web_designs (design_id),"
            " person_id TEXT NOT NULL REFERENCES persons (id),"
            " created TEXT NOT NULL,"
            " PRIMARY KEY (design_id, person_id))",
            "CREATE INDEX web_access_person ON web_access (person_id)",
            "CREATE TABLE web_judgements ("
            " person_id TEXT NOT NULL REFERENCES persons (id),"
            " design_id TEXT NOT NULL REFERENCES web_designs (design_id),"
            " liked INTEGER NOT NULL,"
            " at TEXT NOT NULL,"
            " PRIMARY KEY (person_id, design_id))",
        ],
    ),
    Migration(
        2,
        "export jobs and rate buckets shared by every worker process",
        [
            "CREATE TABLE web_jobs ("
            " id TEXT PRIMARY KEY,"
            " owner TEXT NOT NULL REFERENCES web_accounts (person_id),"
            " design_id TEXT NOT NULL,"
            " options TEXT NOT NULL,"
            " state TEXT NOT NULL"
            " CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),"
            " stage TEXT NOT NULL DEFAULT '',"
            " progress DOUBLE PRECISION NOT NULL DEFAULT 0,"
            " error TEXT,"
            " zip_name TEXT,"
            " files TEXT,"
            " worker TEXT NOT NULL,"
            " cancel INTEGER NOT NULL DEFAULT 0,"
            " created DOUBLE PRECISION NOT NULL,"
            " heartbeat DOUBLE PRECISION NOT NULL,"
            " finished DOUBLE PRECISION)",
            "CREATE INDEX web_jobs_owner ON web_jobs (owner, created)",
            "CREATE INDEX web_jobs_state ON web_jobs (state, heartbeat)",
            "CREATE TABLE web_buckets ("
            " key TEXT PRIMARY KEY,"
            " level DOUBLE PRECISION NOT NULL,"
            " at DOUBLE PRECISION NOT NULL)",
        ],
    ),
]
VERSION = len(MIGRATIONS)
