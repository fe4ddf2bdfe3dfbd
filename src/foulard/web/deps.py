"""What every route shares: the studio object, the caller's account, rights and rates."""

from __future__ import annotations

import logging
import re
import threading
import time
from typing import Annotated

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool

from foulard.errors import FoulardError
from foulard.web.accounts import Account, AuthError, check_token, token_account
from foulard.web.jobs import Jobs
from foulard.web.limits import COST, Buckets
from foulard.web.settings import Settings
from foulard.web.store import Store
from foulard.web.work import Pool

__all__ = [
    "Forbidden",
    "NotFound",
    "RateLimited",
    "Studio",
    "account",
    "charge",
    "check_design_id",
]

_DESIGN_ID = re.compile(r"^[0-9a-f]{64}$")
PRUNE_EVERY_S = 60.0  # full rate buckets are deleted this often
log = logging.getLogger("foulard.web")


class Forbidden(FoulardError):
    """The account may not do this."""


class NotFound(FoulardError):
    """Nothing here (or nothing this account may see)."""


class RateLimited(FoulardError):
    def __init__(self, retry_after: float):
        super().__init__(f"too many requests; retry in {retry_after:.1f} s")
        self.retry_after = retry_after


class Studio:
    """One running studio process: settings, data, pools, rates, the design space.

    Everything that several worker processes must agree on (export jobs, rate
    buckets, tokens) is in the database; what stays here are caches of immutable
    things (genomes by design id, the space) and this process's thread pools.
    """

    def __init__(self, settings: Settings):
        self.settings = settings
        self.store = Store(settings)
        self.pool = Pool(settings.threads, settings.max_queued)
        self.jobs = Jobs(settings, lambda: self.store.db, self.store.reading)
        self.rates = Buckets("account", settings.rate_per_s, settings.rate_burst)
        self.logins = Buckets("login", settings.login_rate_per_s, settings.login_burst)
        self._space = None
        self._space_lock = threading.Lock()
        self._stop = threading.Event()
        self._housekeeper: threading.Thread | None = None

    @property
    def space(self):
        """The deployment's design space (its key must exist: ``foulard init``)."""
        if self._space is None:
            with self._space_lock:
                if self._space is None:
                    self._space = _space_of(self.settings)
        return self._space

    def start(self) -> None:
        """Fail the jobs of dead workers, tidy job folders, start the housekeeping."""
        self.jobs.reap()
        self.jobs.sweep()
        self._housekeeper = threading.Thread(
            target=self._housekeeping, name="studio-housekeeping", daemon=True
        )
        self._housekeeper.start()

    def _housekeeping(self) -> None:
        prune_at = time.monotonic() + PRUNE_EVERY_S
        while not self._stop.wait(self.settings.job_heartbeat_s):
            try:
                self.jobs.beat()
                self.jobs.reap()
                if time.monotonic() >= prune_at:
                    prune_at = time.monotonic() + PRUNE_EVERY_S
                    db = self.store.db
                    self.rates.forget_full(db)
                    self.logins.forget_full(db)
            except FoulardError:  # a busy database: try again at the next beat
                log.warning("studio housekeeping failed", exc_info=True)

    def shutdown(self) -> None:
        self.jobs.shutdown(self.settings.shutdown_grace_s)
        self._stop.set()
        if self._housekeeper is not None:
            self._housekeeper.join(timeout=30)
        self.pool.shutdown(wait=True)
        self.store.close()


def _space_of(settings: Settings):
    """The design space of the studio's data home (its key, made by ``foulard init``)."""
    from foulard.config import KEY_BYTES
    from foulard.space.space import space_for_key

    path = settings.home / "space.key"
    try:
        key = path.read_bytes()
    except OSError:
        raise FoulardError(f"no space key at {path}; run 'foulard init' first") from None
    if len(key) != KEY_BYTES or path.stat().st_mode & 0o077:
        raise FoulardError(f"the space key {path} is unusable (size or permissions)")
    return space_for_key(key)


def studio(request: Request) -> Studio:
    return request.app.state.studio


def _bearer(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthError("log in first (send 'Authorization: Bearer <token>')")
    return token.strip()


async def account(request: Request) -> Account:
    """The caller's account, after the rate check (one token per request).

    The token is read from the database at every request (no cache: a revoked token
    is refused by every worker process at once). On SQLite the read never waits for
    a writer, so it runs right on the event loop, and so does the rate check when
    the process holds leased tokens: a quick request (a cached preview) needs no
    thread at all. Otherwise both go to FastAPI's thread pool.
    """
    st = studio(request)
    token = check_token(_bearer(request))
    if st.store.quick_reads:
        acc = _token_account(st, token)
    else:
        acc = await run_in_threadpool(_token_account, st, token)
    if not st.rates.spend_leased(acc.person_id, COST["request"]):
        wait = await run_in_threadpool(_take, st, acc.person_id, COST["request"])
        if wait:
            raise RateLimited(wait)
    request.state.account = acc
    return acc


def _token_account(st: Studio, token: str) -> Account:
    with st.store.reading() as reads:
        return token_account(reads, token)


def _take(st: Studio, key: str, cost: float) -> float:
    return st.rates.take(st.store.db, key, cost)


def charge(request: Request, what: str) -> None:
    """Take the extra tokens of slow work (``what`` in :data:`COST`); it may write to
    the database, so call it from a worker thread."""
    wait = _take(studio(request), request.state.account.person_id, COST[what] - COST["request"])
    if wait:
        raise RateLimited(wait)


async def designer(acc: Annotated[Account, Depends(account)]) -> Account:
    if not acc.at_least("designer"):
        raise Forbidden("only designers and admins may do this")
    return acc


async def admin(acc: Annotated[Account, Depends(account)]) -> Account:
    if not acc.at_least("admin"):
        raise Forbidden("only admins may do this")
    return acc


def check_design_id(design_id: str) -> str:
    if not isinstance(design_id, str) or not _DESIGN_ID.match(design_id):
        raise FoulardError("a design id is 64 lowercase hexadecimal digits")
    return design_id
