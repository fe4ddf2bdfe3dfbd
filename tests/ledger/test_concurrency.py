"""Real processes: eight claimers racing, and a claimer killed with SIGKILL mid-way."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from foulard.ledger import Ledger
from foulard.perceptual import signature
from foulard.space.address import Address

WORKER = Path(__file__).with_name("claim_worker.py")


def did(tag: str, i: int) -> str:
    return hashlib.sha256(f"{tag} {i}".encode()).hexdigest()


def _go(start: Path, persons: list[str], procs) -> None:
    """Start every worker at once, when all are connected."""
    deadline = time.monotonic() + 60
    while not all(Path(f"{start}.ready.{p}").exists() for p in persons):
        assert all(proc.poll() is None for proc in procs), "a worker died before the start"
        assert time.monotonic() < deadline, "workers did not get ready"
        time.sleep(0.01)
    start.touch()


def _spawn(url: str, person: str, designs: list[str], tmp: Path, start: Path):
    listing = tmp / f"{person}.txt"
    listing.write_text("\n".join(designs))
    return subprocess.Popen(
        [sys.executable, str(WORKER), url, person, str(listing), str(start)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_eight_processes_racing_give_one_owner_per_design(db_url, tmp_path):
    persons = [f"racer{i}" for i in range(8)]
    designs = [did("race", i) for i in range(120)]
    with Ledger.open(db_url, create=True) as ledger:
        for p in persons:
            ledger.register(p)
        rng = random.Random(4)
        for i, d in enumerate(designs):
            # Outside designs, open to any claimer (signatures of distinct pictures).
            img = _picture(i)
            ledger.issue(d, signature=signature(img))
    start = tmp_path / "go"
    procs = []
    for p in persons:
        k = persons.index(p) * len(designs) // len(persons)
        order = designs[k:] + designs[:k]  # overlapping, from different starting points
        rng.shuffle(order[: len(designs) // 2])
        procs.append(_spawn(db_url, p, order, tmp_path, start))
    _go(start, persons, procs)
    wins: Counter = Counter()
    owner_of = {}
    for p, proc in zip(persons, procs, strict=True):
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        for line in out.splitlines():
            if line.startswith("won "):
                d = line.split()[1]
                wins[d] += 1
                owner_of[d] = p
    assert set(wins) == set(designs)
    assert max(wins.values()) == 1  # zero double owners
    with Ledger.open(db_url) as ledger:
        for d in designs:
            row = ledger.design(d)
            assert row.status == "claimed" and row.owner == owner_of[d]
        report = ledger.verify()
        assert report.ok, report.problems
        claimed = [e for e in ledger.events() if e.kind == "design.claimed"]
        assert len(claimed) == len(designs)


def _picture(i: int):
    """Clearly different pictures: random 8 x 8 colour grids, enlarged."""
    import numpy as np

    rng = np.random.default_rng(1000 + i)
    grid = rng.integers(0, 256, (8, 8, 3), dtype=np.uint8)
    return np.kron(grid, np.ones((8, 8, 1), np.uint8))


def test_sigkill_in_the_middle_of_claims_leaves_a_consistent_ledger(db_url, tmp_path):
    n = 1200
    with Ledger.open(db_url, create=True) as ledger:
        victim, _ = ledger.register("victim")
        designs = [did("kill", i) for i in range(n)]
        for i, d in enumerate(designs):
            ledger.issue(d, address=Address(victim.slot, i), owner="victim")
    start = tmp_path / "go"
    proc = _spawn(db_url, "victim", designs, tmp_path, start)
    _go(start, ["victim"], [proc])
    reported = []
    deadline = time.monotonic() + 60
    while len(reported) < 150 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        if line.startswith("won "):
            reported.append(line.split()[1])
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    assert len(reported) >= 150, "the worker made no progress before the kill"
    with Ledger.open(db_url) as ledger:
        report = ledger.verify()
        assert report.ok, report.problems
        claimed = {d for d in designs if ledger.design(d).status == "claimed"}
        events = [e.design_id for e in ledger.events() if e.kind == "design.claimed"]
        assert set(reported) <= claimed  # nothing committed was lost
        assert len(claimed) < n  # the kill really came mid-way
        assert sorted(events) == sorted(claimed)  # nothing half-claimed
        # The ledger still works after the kill.
        rest = [d for d in designs if d not in claimed]
        assert ledger.claim(rest[0], "victim").won
