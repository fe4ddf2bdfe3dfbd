"""The library's tables, as numbered migrations (component ``library``).

``patterns``
    One row per distinct file content. ``seq`` is the dense row number (the id
    in the vector indexes); ``id`` the SHA-256 of the bytes. Kind (``raster`` or
    ``vector``), format, size, titles (zh/en), source, licence, author,
    description, extra metadata (JSON), origin (``file``, ``design``,
    ``generated``) and, for designs, the genome. Signatures: the perceptual
    signature (:mod:`foulard.perceptual`, text), the dominant palette (JSON for
    people, packed float32 L a b share rows for search), the visual feature
    vector (float32); the signature of the picture without a 4 % margin on each
    side (a slightly cropped copy matches it). ``duplicate_of`` hides a
    near-duplicate kept out of search; ``linked`` says the near-duplicate check has
    run for the row.
``pattern_files``
    The names under which each content was seen (exact duplicates show here).
``tags``
    Normalised words of each pattern, by ``seq`` (text search).
``near_links``
    Pairs of near-duplicate patterns (``a < b``) with their distance.
"""

from __future__ import annotations

from foulard.db import Migration

__all__ = ["COMPONENT", "MIGRATIONS", "VERSION"]

COMPONENT = "library"


def _patterns(seq: str, blob: str) -> str:
    return (
        "CREATE TABLE patterns ("
        f" seq {seq},"
        " id TEXT NOT NULL UNIQUE,"
        " kind TEXT NOT NULL CHECK (kind IN ('raster', 'vector')),"
        " format TEXT NOT NULL,"
        " width INTEGER NOT NULL, height INTEGER NOT NULL, bytes BIGINT NOT NULL,"
        " title_zh TEXT, title_en TEXT, source TEXT, licence TEXT, author TEXT,"
        " description TEXT, extra TEXT NOT NULL DEFAULT '{}',"
        " origin TEXT NOT NULL CHECK (origin IN ('file', 'design', 'generated')),"
        " genome TEXT,"
        " signature TEXT NOT NULL,"
        " signature_inner TEXT NOT NULL,"
        " palette TEXT NOT NULL,"
        f" palette_lab {blob} NOT NULL,"
        f" features {blob} NOT NULL,"
        " duplicate_of TEXT,"
        " linked INTEGER NOT NULL DEFAULT 0,"
        " created TEXT NOT NULL)"
    )


_COMMON = [
    "CREATE INDEX patterns_source ON patterns (source)",
    "CREATE INDEX patterns_licence ON patterns (licence)",
    "CREATE INDEX patterns_unlinked ON patterns (linked)",
    "CREATE TABLE pattern_files ("
    " pattern_id TEXT NOT NULL REFERENCES patterns (id),"
    " name TEXT NOT NULL,"
    " seen TEXT NOT NULL,"
    " PRIMARY KEY (pattern_id, name))",
    "CREATE TABLE tags ("
    " seq BIGINT NOT NULL REFERENCES patterns (seq),"
    " tag TEXT NOT NULL,"
    " PRIMARY KEY (seq, tag))",
    "CREATE INDEX tags_tag ON tags (tag)",
    "CREATE TABLE near_links ("
    " a TEXT NOT NULL REFERENCES patterns (id),"
    " b TEXT NOT NULL REFERENCES patterns (id),"
    " distance REAL NOT NULL,"
    " PRIMARY KEY (a, b),"
    " CHECK (a < b))",
    "CREATE INDEX near_links_b ON near_links (b)",
]

MIGRATIONS = [
    Migration(
        1,
        "patterns, file names, tags, near-duplicate links",
        {
            "sqlite": [_patterns("INTEGER PRIMARY KEY AUTOINCREMENT", "BLOB"), *_COMMON],
            "postgresql": [
                _patterns("BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "BYTEA"),
                *_COMMON,
            ],
        },
    ),
]
VERSION = len(MIGRATIONS)
