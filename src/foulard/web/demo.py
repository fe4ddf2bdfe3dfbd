"""A demo deployment: the space key, the database, demo accounts, a seeded library.

:func:`prepare_demo` is what ``foulard studio`` (``make demo``) runs before serving.
It is idempotent: the first run creates everything and picks random passwords
(kept, owner-only, in ``<home>/studio/demo-accounts.json``, so later runs print the
same ones); later runs only print them again.

The library is seeded from bundled content only: the redistributable samples that
ship with the library (``foulard/library/samples``, see their SOURCES.md) and a few
of foulard's own random designs (added with their genomes).
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

from foulard import config
from foulard.db import connect
from foulard.web.accounts import create_account
from foulard.web.store import migrate

__all__ = ["DEMO_ACCOUNTS", "prepare_demo"]

# (person id, role)
DEMO_ACCOUNTS = (
    ("admin", "admin"),
    ("designer", "designer"),
    ("alice", "customer"),
    ("bob", "customer"),
)
SEED_DESIGNS = (3, 7, 11, 19, 23, 42, 57, 64, 88, 101, 128, 256)


def _passwords(path: Path) -> dict[str, str]:
    if path.is_file():
        data = json.loads(path.read_text("utf-8"))
        if all(name in data for name, _ in DEMO_ACCOUNTS):
            return data
    data = {name: secrets.token_urlsafe(9) for name, _ in DEMO_ACCOUNTS}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".partial")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=2)
    os.replace(tmp, path)
    return data


def seed_library(home: Path, url: str, *, designs=SEED_DESIGNS, px: int = 256) -> dict:
    """Ingest the bundled samples and add a few random designs; returns counts."""
    from importlib import resources

    from foulard.library import Library, ingest
    from foulard.library.ingest import add_design
    from foulard.scarf.random_design import random_genome

    samples = resources.files("foulard.library").joinpath("samples")
    with Library.open(url, home=home) as lib, resources.as_file(samples) as folder:
        meta = Path(folder) / "samples.json"
        report = ingest(lib, [Path(folder)], meta=meta, workers=1)
        added = 0
        for seed in designs:
            _, new = add_design(lib, random_genome(seed), px=px, licence="Apache-2.0")
            added += new
        lib.refresh_index()
        return {"samples": report.to_json().get("added", 0), "designs": added}


def prepare_demo(*, seed: bool = True, designs=SEED_DESIGNS) -> dict:
    """Initialise the data home for the demo; returns what to print."""
    home = config.ensure_home()
    config.create_space_key()
    url = config.database_url()
    db = connect(url, create=True)
    try:
        migrate(db)
        passwords = _passwords(home / "studio" / "demo-accounts.json")
        for name, role in DEMO_ACCOUNTS:
            create_account(db, name, role, passwords[name], update=True)
    finally:
        db.close()
    marker = home / "studio" / "library-seeded"
    seeded = None
    if seed and not marker.exists():
        seeded = seed_library(home, url, designs=designs)
        marker.write_text(json.dumps(seeded) + "\n", "utf-8")
    return {
        "home": str(home),
        "database": url if url.startswith("sqlite") else "postgresql",
        "accounts": [
            {"person": name, "role": role, "password": passwords[name]}
            for name, role in DEMO_ACCOUNTS
        ],
        "library": seeded,
    }
