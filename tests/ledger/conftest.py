"""Ledger fixtures: every ledger test runs on SQLite and on a real PostgreSQL server.

The server itself (``pg_url``, ``fresh_pg_url``) is shared by every component's tests:
see ``tests/conftest.py``.
"""

from __future__ import annotations

import pytest


@pytest.fixture
def ledger(db_url):
    from foulard.ledger import Ledger

    with Ledger.open(db_url, create=True) as led:
        yield led
