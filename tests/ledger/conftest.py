"""Ledger fixtures: every ledger test runs on SQLite and on a real PostgreSQL server.

The server itself (``pg_url``, ``fresh_pg_url``) is shared by every component's tests:
see ``tests/conftest.py``.
"""

from __future__ import annotations

import pytest


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A URL of an empty database on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ledger.db'}"
    return request.getfixturevalue("fresh_pg_url")


@pytest.fixture
def ledger(db_url):
    from foulard.ledger import Ledger

    with Ledger.open(db_url, create=True) as led:
        yield led
