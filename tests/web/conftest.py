"""A live studio for the web tests: uvicorn in a thread on a free loopback port.

One studio per test module (a temporary data home, SQLite, the demo accounts and a
seeded library); tests talk to it over real HTTP with httpx. :func:`serve` runs
``foulard serve`` as a real subprocess instead (several worker processes, signals).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest


@pytest.fixture(autouse=True)
def _one_worker_process(monkeypatch):
    """``foulard serve`` runs one worker process in tests unless a test asks for more."""
    monkeypatch.setenv("FOULARD_STUDIO_WORKERS", "1")


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
        threads=2,
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


@dataclass
class Served:
    """``foulard serve`` in its own process group."""

    url: str
    home: Path
    proc: subprocess.Popen
    log: Path

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 120.0) -> int:
        """Send ``sig`` to the server and wait; whatever is left of it is killed."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout)
        finally:
            with _no_such_process():
                os.killpg(self.proc.pid, signal.SIGKILL)  # stray workers, if any
            if self.proc.poll() is None:
                self.proc.wait()

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]


class _no_such_process:
    def __enter__(self):
        return self

    def __exit__(self, typ, exc, tb):
        return typ is not None and issubclass(typ, ProcessLookupError)


def prepare(home: Path, persons: dict[str, str] | None = None) -> dict[str, str]:
    """A demo deployment in ``home`` (no library) and a token for each demo account."""
    from foulard.db import connect
    from foulard.web.accounts import issue_token
    from foulard.web.demo import prepare_demo

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FOULARD_HOME", str(home))
        mp.delenv("FOULARD_DATABASE_URL", raising=False)
        info = prepare_demo(seed=False)
    with connect(f"sqlite:///{home / 'foulard.db'}") as db:
        return {a["person"]: issue_token(db, a["person"], days=1) for a in info["accounts"]}


FOULARD = "import sys; from foulard.cli.main import main; sys.exit(main())"


def serve(home: Path, workers: int, **settings) -> Served:
    """Run ``foulard serve --workers N`` on ``home`` (prepared) on a free port; the
    studio settings go in as ``FOULARD_STUDIO_*`` variables."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOULARD_")}
    env["FOULARD_HOME"] = str(home)
    env.update({f"FOULARD_STUDIO_{k.upper()}": str(v) for k, v in settings.items()})
    log = home / f"serve-{port}.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-c", FOULARD, "serve", "--port", str(port),
             "--workers", str(workers)],
            env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    served = Served(f"http://127.0.0.1:{port}", home, proc, log)
    deadline = time.monotonic() + 180
    while True:
        try:
            if httpx.get(served.url + "/api/health", timeout=2).status_code == 200:
                return served
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            served.stop(signal.SIGKILL)
            raise RuntimeError(f"foulard serve did not start:\n{served.output()}")
        time.sleep(0.2)


@pytest.fixture(scope="session")
def serve_process():
    """:func:`serve` (the caller stops what it starts)."""
    return serve


@pytest.fixture(scope="session")
def prepare_home():
    """:func:`prepare`."""
    return prepare
