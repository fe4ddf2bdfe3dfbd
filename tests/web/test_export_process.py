"""Export jobs make their order in a child process: the server process that accepted
the job never renders it, a cancel or a shutdown ends the child, and a child that
dies (killed, out of memory) fails its job with a message that says so."""

from __future__ import annotations

import os
import signal
import time
import zipfile
from pathlib import Path

import pytest

from foulard.db import connect
from foulard.scarf.random_design import random_genome
from foulard.web.accounts import create_account
from foulard.web.jobs import ACTIVE, SHUTDOWN, Jobs
from foulard.web.settings import Settings
from foulard.web.store import Store, migrate

pytestmark = pytest.mark.slow

SMALL = {"format": "custom-60x60", "ppi": 150, "inks": 3, "colourways": 0}
LONGER = {**SMALL, "format": "custom-300x300"}  # some seconds: time to catch it running


@pytest.fixture
def jobs(tmp_path):
    url = f"sqlite:///{tmp_path / 'studio.db'}"
    with connect(url, create=True) as db:
        migrate(db)
        create_account(db, "alice", "customer")
    settings = Settings(home=tmp_path / "home", database_url=url, threads=1)
    store = Store(settings)
    jobs = Jobs(settings, lambda: store.db)
    yield jobs
    jobs.shutdown(grace_s=0.0)
    store.close()


def _wait(jobs: Jobs, job_id: str, until, limit_s: float = 300.0):
    deadline = time.monotonic() + limit_s
    while True:
        job = jobs.get(job_id)
        if until(job):
            return job
        assert time.monotonic() < deadline, job
        time.sleep(0.05)


def _child_of_this_process(jobs: Jobs, job_id: str) -> int:
    """The pid of the process making ``job_id``, once it is rendering."""
    job = _wait(jobs, job_id, lambda j: j.state not in ACTIVE or j.progress > 0)
    assert job.state == "running", job
    pid = jobs.process_of(job_id)
    assert pid is not None and pid != os.getpid()
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    assert int(fields[1]) == os.getpid()  # our child (field 4 of stat: the parent's pid)
    return pid


def _gone(pid: int) -> bool:
    return not Path(f"/proc/{pid}").exists()  # exited and reaped by the job


def test_an_order_is_made_in_a_child_process_that_then_exits(jobs):
    job = jobs.submit("alice", random_genome(5), LONGER)
    pid = _child_of_this_process(jobs, job.id)
    done = _wait(jobs, job.id, lambda j: j.state not in ACTIVE)
    assert done.state == "done", done
    assert _gone(pid) and jobs.process_of(job.id) is None
    with zipfile.ZipFile(jobs.zip_path(done)) as zf:
        assert zf.testzip() is None
        assert any(n.endswith("/master.tif") for n in zf.namelist())
    assert not list(jobs.settings.jobs_dir.rglob("*.partial"))
    # the next order gets a process of its own, not the one that made this order
    second = jobs.submit("alice", random_genome(6), LONGER)
    assert _child_of_this_process(jobs, second.id) != pid
    assert _wait(jobs, second.id, lambda j: j.state not in ACTIVE).state == "done"


def test_a_killed_child_fails_its_job_with_a_clear_error(jobs):
    job = jobs.submit("alice", random_genome(7), LONGER)
    pid = _child_of_this_process(jobs, job.id)
    os.kill(pid, signal.SIGKILL)  # as the kernel's OOM killer would
    ended = _wait(jobs, job.id, lambda j: j.state not in ACTIVE, limit_s=60)
    assert ended.state == "failed", ended
    assert ended.error == (
        "the process making this order was killed (SIGKILL, perhaps for lack of memory);"
        " order it again"
    )
    assert ended.finished is not None
    assert not (jobs.settings.jobs_dir / job.id).exists()  # no half an order left
    # this process is unharmed: the next order is made
    again = jobs.submit("alice", random_genome(7), SMALL)
    assert _wait(jobs, again.id, lambda j: j.state not in ACTIVE).state == "done"


def test_cancelling_a_running_job_ends_its_process(jobs):
    job = jobs.submit("alice", random_genome(8), LONGER)
    pid = _child_of_this_process(jobs, job.id)
    jobs.cancel(job.id)
    ended = _wait(jobs, job.id, lambda j: j.state not in ACTIVE, limit_s=60)
    assert ended.state == "cancelled" and ended.error is None, ended
    assert _gone(pid)
    assert not (jobs.settings.jobs_dir / job.id).exists()


def test_shutdown_ends_the_child_of_a_running_job(jobs):
    job = jobs.submit("alice", random_genome(9), LONGER)
    pid = _child_of_this_process(jobs, job.id)
    jobs.shutdown(grace_s=0.0)
    ended = jobs.get(job.id)  # shutdown returns once its jobs are marked
    assert ended.state == "cancelled" and ended.error == SHUTDOWN, ended
    assert _gone(pid)
    assert not (jobs.settings.jobs_dir / job.id).exists()


def test_an_order_that_cannot_be_made_fails_with_the_childs_reason(jobs):
    job = jobs.submit("alice", random_genome(10), {**SMALL, "inks": 1})  # the route refuses 1
    ended = _wait(jobs, job.id, lambda j: j.state not in ACTIVE)
    assert ended.state == "failed", ended
    assert ended.error == "inks must be a whole number from 2 to 48, got 1"
    assert not (jobs.settings.jobs_dir / job.id).exists()
