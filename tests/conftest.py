"""Shared fixtures: the real-data folder, a throwaway PostgreSQL server, small helpers.

The PostgreSQL server is started once per test session (about a second) from the
Debian package's binaries; each test that asks gets a fresh database in it. If
PostgreSQL is not installed, the fixture installs it with
``scripts/install-system-deps.sh`` (root with apt-get only), and skips with the
reason only if it truly cannot start.
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

ROOT = Path(__file__).resolve().parents[1]
_COUNTER = itertools.count()
SHARED_DATA = Path(os.environ.get("FOULARD_SHARED_DATA", ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real-data bundle (../shared/data); tests that need it skip without it."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real-data bundle not found at {SHARED_DATA} (set FOULARD_SHARED_DATA)")
    return SHARED_DATA


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Every test gets its own data home, never the developer's."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("FOULARD_HOME", str(home))


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
    """The URL of a PostgreSQL server started for this session (skips if impossible)."""
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


def fresh_pg_database(base_url: str) -> str:
    """A new, empty database on the server at ``base_url``; its URL."""
    import psycopg

    name = f"t{os.getpid()}_{next(_COUNTER)}"
    with psycopg.connect(base_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return base_url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture
def fresh_pg_url(pg_url) -> str:
    """The URL of an empty PostgreSQL database (a new one per test)."""
    return fresh_pg_database(pg_url)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A URL of an empty database on each backend (SQLite, then PostgreSQL)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    return request.getfixturevalue("fresh_pg_url")
