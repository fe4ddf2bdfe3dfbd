"""Ledger fixtures: every ledger test runs on SQLite and on a real PostgreSQL server.

The PostgreSQL server is started once per test session (about a second) from the
Debian package's binaries; each test gets a fresh database in it. If PostgreSQL is
not installed, the fixture installs it with ``scripts/install-system-deps.sh``
(root with apt-get only), and skips with the reason only if it truly cannot start.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from pg_server import find_bin, postgres_server

ROOT = Path(__file__).resolve().parents[2]
_COUNTER = itertools.count()


def _install_postgres() -> str | None:
    """Try to install PostgreSQL; return why it is impossible, or None."""
    if find_bin() is not None:
        return None
    script = ROOT / "scripts" / "install-system-deps.sh"
    if os.geteuid() != 0 or not script.exists():
        return "PostgreSQL is not installed and the tests are not root (apt-get install postgresql)"
    proc = subprocess.run(
        ["bash", str(script)], capture_output=True, text=True, timeout=900, check=False
    )
    if proc.returncode != 0 or find_bin() is None:
        return f"installing PostgreSQL failed: {proc.stderr.strip()[-300:]}"
    return None


@pytest.fixture(scope="session")
def pg_url():
    why = _install_postgres()
    if why:
        pytest.skip(why)
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed (pip install 'psycopg[binary]', the pg extra)")
    try:
        server = postgres_server()
        url = server.__enter__()
    except RuntimeError as exc:
        pytest.skip(f"PostgreSQL cannot start here: {exc}")
    yield url
    server.__exit__(None, None, None)


def _fresh_pg_database(base_url: str) -> str:
    import psycopg

    name = f"t{os.getpid()}_{next(_COUNTER)}"
    with psycopg.connect(base_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return base_url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A URL of an empty database on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ledger.db'}"
    return _fresh_pg_database(request.getfixturevalue("pg_url"))


@pytest.fixture
def ledger(db_url):
    from foulard.ledger import Ledger

    with Ledger.open(db_url, create=True) as led:
        yield led
