"""A live studio for the web tests: uvicorn in a thread on a free loopback port.

One studio per test module (a temporary data home, SQLite, the demo accounts and a
seeded library); tests talk to it over real HTTP with httpx.
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LiveStudio:
    url: str
    home: Path
    passwords: dict[str, str]
    app: object
    tokens: dict[str, str] = field(default_factory=dict)

    def client(self, person: str | None = None, **kw) -> httpx.Client:
        headers = {}
        if person is not None:
            headers["Authorization"] = f"Bearer {self.token(person)}"
        return httpx.Client(base_url=self.url, headers=headers, timeout=120, **kw)

    def token(self, person: str) -> str:
        if person not in self.tokens:
            with httpx.Client(base_url=self.url, timeout=60) as c:
                r = c.post(
                    "/api/login", json={"person": person, "password": self.passwords[person]}
                )
                r.raise_for_status()
                self.tokens[person] = r.json()["token"]
        return self.tokens[person]


def start_studio(home: Path, **settings):
    """Prepare a demo deployment in ``home`` and serve it; returns (studio, stop)."""
    import uvicorn

    from foulard.web import Settings, create_app
    from foulard.web.demo import prepare_demo

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FOULARD_HOME", str(home))
        mp.delenv("FOULARD_DATABASE_URL", raising=False)
        info = prepare_demo(designs=settings.pop("seed_designs", (3, 7, 11)))
    url = f"sqlite:///{home / 'foulard.db'}"
    app = create_app(Settings(home=home, database_url=url, **settings))
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the studio did not start")
        time.sleep(0.02)
    passwords = {a["person"]: a["password"] for a in info["accounts"]}

    def stop():
        server.should_exit = True
        thread.join(60)

    return LiveStudio(f"http://127.0.0.1:{port}", home, passwords, app), stop


@pytest.fixture(scope="module")
def studio(tmp_path_factory):
    home = tmp_path_factory.mktemp("studio-home")
    live, stop = start_studio(
        home,
        max_export_px=1200,
        max_preview_px=512,
        workers=2,
        rate_burst=400,
        rate_per_s=100,
    )
    yield live
    stop()


@pytest.fixture
def studio_factory():
    """Start more studios with their own settings (stopped after the test)."""
    stops = []

    def make(home: Path, **settings) -> LiveStudio:
        live, stop = start_studio(home, **settings)
        stops.append(stop)
        return live

    yield make
    for stop in stops:
        stop()
