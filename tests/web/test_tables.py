"""The studio's own tables on SQLite and on a real PostgreSQL server: accounts and
tokens, rate buckets, export jobs, as several worker processes use them (each
"worker" here has its own connections and its own worker id)."""

from __future__ import annotations

import shutil
import threading
import time
import zipfile

import pytest

from foulard.db import connect
from foulard.web.accounts import AuthError, create_account, issue_token, resolve_token, revoke_token
from foulard.web.jobs import ACTIVE, STOPPED, Jobs
from foulard.web.limits import Buckets
from foulard.web.schema import COMPONENT, VERSION
from foulard.web.settings import Settings
from foulard.web.store import Store, migrate


@pytest.fixture
def db(db_url):
    with connect(db_url, create=True) as db:
        migrate(db)
        create_account(db, "alice", "customer", "alice's password")
        create_account(db, "bob", "customer")
        yield db


def _settings(db_url, tmp_path, **kw) -> Settings:
    return Settings(home=tmp_path / "home", database_url=db_url, threads=1, **kw)


def test_the_migrations_reach_the_latest_version(db):
    assert db.schema_version(COMPONENT) == VERSION
    migrate(db)  # again: nothing to do
    assert db.schema_version(COMPONENT) == VERSION


def test_a_revoked_or_expired_token_is_refused_through_every_connection(db, db_url):
    token = issue_token(db, "alice", days=1)
    with connect(db_url) as other:  # as another worker process would
        assert resolve_token(other, token).person_id == "alice"
        assert revoke_token(db, token)
        with pytest.raises(AuthError, match="revoked"):
            resolve_token(other, token)
        short = issue_token(db, "bob", days=1e-5)
        time.sleep(1.0)
        with pytest.raises(AuthError, match="expired"):
            resolve_token(other, short)
    with pytest.raises(AuthError):
        resolve_token(db, "fst_' OR 1=1 --")


def test_a_bucket_is_one_bucket_for_every_connection(db, db_url):
    bucket = Buckets("test", rate=1e-6, burst=5)
    with connect(db_url) as other:
        waits = [bucket.take(db if i % 2 else other, "alice") for i in range(8)]
    assert waits[:5] == [0.0] * 5
    assert all(w > 0 for w in waits[5:])  # the burst is shared, not 5 per connection
    assert bucket.take(db, "bob") == 0.0  # per key
    # a take larger than a new bucket's burst takes nothing and says how long to wait
    assert bucket.take(db, "carol", cost=9) > 0
    assert bucket.take(db, "carol", cost=5) == 0.0


def test_concurrent_takes_never_overspend(db, db_url):
    bucket = Buckets("race", rate=1e-6, burst=10)
    got: list[float] = []
    lock = threading.Lock()

    def taker():
        with connect(db_url) as mine:
            for _ in range(4):
                w = bucket.take(mine, "alice")
                with lock:
                    got.append(w)

    threads = [threading.Thread(target=taker) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(got) == 24
    assert got.count(0.0) == 10


def test_leased_tokens_come_out_of_the_shared_bucket(db, db_url):
    workers = [Buckets("lease", rate=1e-6, burst=100, lease=10) for _ in range(2)]
    assert Buckets("x", rate=50, burst=200).lease == 10  # the defaults lease 10 at a time
    assert Buckets("x", rate=0.5, burst=10).lease == 0  # logins: exact
    with connect(db_url) as other:
        assert workers[0].take(db, "alice") == 0.0
        with db.transaction() as tx:  # one write took the request and a lease of 10
            assert tx.one("SELECT level FROM web_buckets WHERE key = 'lease:alice'")[0] == 89
        granted = 1
        for i in range(300):
            if workers[i % 2].take(db if i % 2 else other, "alice") == 0.0:
                granted += 1
    assert 100 - 2 * 10 <= granted <= 100  # never more than the one bucket holds


def test_full_buckets_are_forgotten_and_refill(db):
    fast = Buckets("fast", rate=1000.0, burst=2)
    slow = Buckets("slow", rate=1e-6, burst=2)
    assert fast.take(db, "alice", 2) == 0.0
    assert slow.take(db, "alice", 2) == 0.0
    later = time.time() + 10
    assert fast.forget_full(db, now=later) == 1  # refilled by then: the row can go
    assert slow.forget_full(db, now=later) == 0  # still empty: kept
    assert fast.take(db, "alice", 2) == 0.0
    assert slow.take(db, "alice", 1) > 0


def _two_workers(db_url, tmp_path, **kw):
    settings = _settings(db_url, tmp_path, **kw)
    stores = [Store(settings), Store(settings)]
    workers = [Jobs(settings, lambda s=s: s.db) for s in stores]
    assert workers[0].worker != workers[1].worker
    return settings, stores, workers


def _wait(jobs: Jobs, job_id: str, states=ACTIVE, limit_s: float = 300.0):
    deadline = time.monotonic() + limit_s
    job = jobs.get(job_id)
    while job.state in states:
        assert time.monotonic() < deadline, job
        time.sleep(0.1)
        job = jobs.get(job_id)
    return job


def _close(stores, workers):
    for w in workers:
        w.shutdown(grace_s=0.0)
    for s in stores:
        s.close()


def test_a_job_made_by_one_worker_is_seen_and_downloaded_through_another(db, db_url, tmp_path):
    from foulard.scarf.random_design import random_genome

    settings, stores, (a, b) = _two_workers(db_url, tmp_path)
    try:
        job = a.submit("alice", random_genome(5), _small_order())
        assert job.state in ACTIVE and job.worker == a.worker
        assert [j.id for j in b.of("alice")] == [job.id] and b.of("bob") == []
        done = _wait(b, job.id)
        assert done.state == "done", done
        assert done.progress == 1.0 and done.files
        path = b.zip_path(done)
        with zipfile.ZipFile(path) as zf:
            assert zf.testzip() is None
            assert any(n.endswith("/master.tif") for n in zf.namelist())
        assert not list(settings.jobs_dir.rglob("*.partial"))
    finally:
        _close(stores, (a, b))


def test_a_job_is_cancelled_through_another_worker_and_leaves_no_files(db, db_url, tmp_path):
    from foulard.scarf.random_design import random_genome
    from foulard.web.work import Busy

    settings, stores, (a, b) = _two_workers(db_url, tmp_path)
    try:
        first = a.submit("alice", random_genome(5), _small_order("custom-300x300"))
        second = a.submit("alice", random_genome(6), _small_order())  # waits behind the first
        with pytest.raises(Busy, match="2 orders"):
            a.submit("alice", random_genome(7), _small_order())  # two per account at once
        assert b.cancel(second.id).state == "cancelled"
        running = _wait(b, first.id, states=("queued",))
        assert running.state == "running", running
        assert b.cancel(first.id).cancel
        ended = _wait(a, first.id)
        assert ended.state == "cancelled", ended
        assert a.get(second.id).state == "cancelled"
        assert not (settings.jobs_dir / first.id).exists()
        assert not (settings.jobs_dir / second.id).exists()
    finally:
        _close(stores, (a, b))


def test_jobs_of_a_dead_worker_are_failed_and_their_files_removed(db, db_url, tmp_path):
    settings, stores, (a, b) = _two_workers(db_url, tmp_path, job_heartbeat_s=1.0)
    now = time.time()
    with db.transaction() as tx:
        for job_id, worker, beat in (
            ("a" * 24, "gone:1:dead", now - 60),  # silent for a minute: dead
            ("b" * 24, "busy:2:live", now),  # heard of just now
        ):
            tx.execute(
                "INSERT INTO web_jobs (id, owner, design_id, options, state, worker, created,"
                " heartbeat) VALUES (?, 'alice', ?, '{}', 'running', ?, ?, ?)",
                (job_id, "0" * 64, worker, now - 120, beat),
            )
    for job_id in ("a" * 24, "b" * 24):
        folder = settings.jobs_dir / job_id
        folder.mkdir(parents=True)
        (folder / "order.zip.partial").write_bytes(b"half a zip")
    stray = settings.jobs_dir / ("c" * 24)  # a folder no job row knows
    stray.mkdir()
    try:
        assert b.reap() == ["a" * 24]
        dead = b.get("a" * 24)
        assert dead.state == "failed" and dead.error == STOPPED and dead.finished
        assert not (settings.jobs_dir / ("a" * 24)).exists()
        assert b.get("b" * 24).state == "running"
        assert (settings.jobs_dir / ("b" * 24)).exists()
        assert b.sweep() == 1 and not stray.exists()
    finally:
        _close(stores, (a, b))
        shutil.rmtree(settings.jobs_dir, ignore_errors=True)


def _small_order(fmt: str = "custom-60x60") -> dict:
    return {
        "format": fmt,
        "ppi": 150,
        "inks": 3,
        "colourways": 0,
        "colourway_requests": [],
    }
