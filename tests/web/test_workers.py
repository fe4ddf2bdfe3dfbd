"""``foulard serve --workers 2`` as a real subprocess: rates, tokens and export jobs
are shared by the worker processes; a dead worker's job does not stay "running";
SIGTERM with a running order stops cleanly.

Each response names the process that answered (``X-Foulard-Worker``); a client
keeps one keep-alive connection, so it talks to one worker.
"""

from __future__ import annotations

import io
import os
import signal
import time
import zipfile

import httpx
import pytest

pytestmark = pytest.mark.slow

BURST = 120  # an order costs 30 tokens; the job tests poll a few dozen times


@pytest.fixture(scope="module")
def two(tmp_path_factory, prepare_home, serve_process):
    home = tmp_path_factory.mktemp("two-workers")
    tokens = prepare_home(home)
    served = serve_process(
        home, workers=2, rate_per_s=0.001, rate_burst=BURST, job_heartbeat_s=0.5, threads=1
    )
    try:
        yield served, tokens
    finally:
        served.stop()


def _worker(response: httpx.Response) -> str:
    return response.headers["x-foulard-worker"]


def _clients(url: str, token: str) -> dict[str, httpx.Client]:
    """One client (one keep-alive connection) on each of the two workers."""
    found: dict[str, httpx.Client] = {}
    deadline = time.monotonic() + 120
    while len(found) < 2:
        assert time.monotonic() < deadline, "never reached a second worker"
        c = httpx.Client(
            base_url=url,
            headers={"Authorization": f"Bearer {token}"},
            timeout=120,
            limits=httpx.Limits(max_connections=1),
        )
        pid = _worker(c.get("/api/health"))
        if pid in found:
            c.close()
            time.sleep(0.05)
        else:
            found[pid] = c
    return found


def _close(clients: dict[str, httpx.Client]) -> None:
    for c in clients.values():
        c.close()


def test_an_accounts_rate_is_the_same_whatever_worker_answers(two):
    served, tokens = two
    clients = _clients(served.url, tokens["bob"])
    try:
        served_by: dict[str, int] = dict.fromkeys(clients, 0)
        codes = []
        for i in range(BURST + 4):
            c = list(clients.values())[i % 2]
            r = c.get("/api/me")
            codes.append(r.status_code)
            if r.status_code == 200:
                served_by[_worker(r)] += 1
        # one bucket of BURST tokens, spent through both workers (not BURST each)
        assert codes[:BURST] == [200] * BURST
        assert codes[BURST:] == [429] * 4
        assert all(n > 0 for n in served_by.values()), served_by
    finally:
        _close(clients)


def test_a_token_revoked_through_one_worker_is_refused_by_the_other(two):
    from foulard.db import connect
    from foulard.web.accounts import issue_token

    served, _ = two
    with connect(f"sqlite:///{served.home / 'foulard.db'}") as db:
        token = issue_token(db, "designer", days=1)
    clients = _clients(served.url, token)
    try:
        (pa, a), (pb, b) = clients.items()
        assert a.get("/api/me").status_code == 200 and b.get("/api/me").status_code == 200
        out = a.post("/api/logout")
        assert out.status_code == 200 and _worker(out) == pa
        refused = b.get("/api/me")
        assert refused.status_code == 401 and _worker(refused) == pb
    finally:
        _close(clients)


def _order(c: httpx.Client, design_id: str, fmt: str) -> dict:
    r = c.post(
        f"/api/designs/{design_id}/orders",
        json={"format": fmt, "ppi": 150, "inks": 3, "colourways": 0},
    )
    assert r.status_code == 202, r.text
    return r.json()


def _poll(c: httpx.Client, job_id: str, until, limit_s: float = 300.0) -> dict:
    deadline = time.monotonic() + limit_s
    while True:
        r = c.get(f"/api/jobs/{job_id}")
        assert r.status_code == 200, r.text
        job = r.json()
        if until(job):
            return job
        assert time.monotonic() < deadline, job
        time.sleep(0.25)


def test_a_job_submitted_to_one_worker_is_polled_downloaded_and_cancelled_through_the_other(two):
    served, tokens = two
    clients = _clients(served.url, tokens["alice"])
    try:
        (_, a), (pb, b) = clients.items()
        designs = a.get("/api/stream", params={"start": 0, "count": 2}).json()["designs"]
        job = _order(a, designs[0]["design_id"], "custom-60x60")
        done = _poll(b, job["id"], lambda j: j["state"] not in ("queued", "running"))
        assert done["state"] == "done", done
        z = b.get(done["download"])
        assert z.status_code == 200 and _worker(z) == pb
        with zipfile.ZipFile(io.BytesIO(z.content)) as zf:
            assert zf.testzip() is None
        assert job["id"] in {j["id"] for j in b.get("/api/jobs").json()["jobs"]}
        # and one cancelled through the other worker, while it runs
        job = _order(a, designs[1]["design_id"], "custom-300x300")
        _poll(b, job["id"], lambda j: j["state"] != "queued")
        gone = b.delete(f"/api/jobs/{job['id']}")
        assert gone.status_code == 200 and _worker(gone) == pb
        ended = _poll(a, job["id"], lambda j: j["state"] not in ("queued", "running"))
        assert ended["state"] == "cancelled", ended
        assert not (served.home / "studio" / "jobs" / job["id"]).exists()
    finally:
        _close(clients)


def test_a_job_of_a_worker_that_died_is_marked_failed(two):
    served, tokens = two
    clients = _clients(served.url, tokens["admin"])
    try:
        (pa, a), (_, b) = clients.items()
        did = a.get("/api/stream", params={"start": 5, "count": 1}).json()["designs"][0]
        job = _order(a, did["design_id"], "custom-300x300")
        _poll(b, job["id"], lambda j: j["state"] == "running" and j["progress"] > 0)
        os.kill(int(pa), signal.SIGKILL)  # the worker making it dies mid-order
        ended = _poll(b, job["id"], lambda j: j["state"] != "running")
        assert ended["state"] == "failed" and "stopped" in ended["error"], ended
        assert not (served.home / "studio" / "jobs" / job["id"]).exists()
        assert b.get("/api/me").status_code == 200  # the other worker serves on
    finally:
        _close(clients)


def test_sigterm_with_a_running_order_stops_cleanly(tmp_path, prepare_home, serve_process):
    from foulard.db import connect

    tokens = prepare_home(tmp_path)
    served = serve_process(tmp_path, workers=2, shutdown_grace_s=1, threads=1)
    try:
        with httpx.Client(
            base_url=served.url, headers={"Authorization": f"Bearer {tokens['alice']}"}, timeout=120
        ) as c:
            did = c.get("/api/stream", params={"count": 1}).json()["designs"][0]["design_id"]
            job = _order(c, did, "custom-300x300")
            _poll(c, job["id"], lambda j: j["state"] == "running")
    finally:
        code = served.stop(signal.SIGTERM, timeout=120)  # bounded: fails the test past it
    assert code == 0, served.output()
    with connect(f"sqlite:///{tmp_path / 'foulard.db'}") as db, db.transaction() as tx:
        state, error = tx.one("SELECT state, error FROM web_jobs WHERE id = ?", (job["id"],))
    jobs = tmp_path / "studio" / "jobs"
    assert not list(jobs.rglob("*.partial"))  # never a half-written zip
    if state == "done":  # it made it within the grace period: a whole zip
        (zip_path,) = (jobs / job["id"]).glob("*.zip")
        with zipfile.ZipFile(zip_path) as zf:
            assert zf.testzip() is None
    else:
        assert state == "cancelled" and "stopped" in error, (state, error)
        assert not (jobs / job["id"]).exists()
