"""What every route shares: the studio object, the caller's account, rights and rates."""

from __future__ import annotations

import re
import threading
import time
from typing import Annotated

from fastapi import Depends, Request

from foulard.errors import FoulardError
from foulard.web.accounts import Account, AuthError, resolve_token
from foulard.web.limits import COST, Buckets
from foulard.web.settings import Settings
from foulard.web.store import Store
from foulard.web.work import Jobs, Pool

__all__ = ["Forbidden", "NotFound", "RateLimited", "Studio", "account", "check_design_id"]

_DESIGN_ID = re.compile(r"^[0-9a-f]{64}$")


class Forbidden(FoulardError):
    """The account may not do this."""


class NotFound(FoulardError):
    """Nothing here (or nothing this account may see)."""


class RateLimited(FoulardError):
    def __init__(self, retry_after: float):
        super().__init__(f"too many requests; retry in {retry_after:.1f} s")
        self.retry_after = retry_after


class Studio:
    """One running studio: settings, data, pools, rate buckets, the design space."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.store = Store(settings)
        self.pool = Pool(settings.workers, settings.max_queued)
        self.jobs = Jobs(settings)
        self.rates = Buckets(settings.rate_per_s, settings.rate_burst)
        self.logins = Buckets(settings.login_rate_per_s, settings.login_burst)
        self._space = None
        self._space_lock = threading.Lock()
        self.token_cache: dict[str, tuple[Account, float]] = {}

    @property
    def space(self):
        """The deployment's design space (its key must exist: ``foulard init``)."""
        if self._space is None:
            with self._space_lock:
                if self._space is None:
                    self._space = _space_of(self.settings)
        return self._space

    def shutdown(self) -> None:
        self.jobs.shutdown(self.settings.shutdown_grace_s)
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


TOKEN_CACHE_S = 30.0


def _resolve(st: Studio, token: str) -> Account:
    """``resolve_token`` through a short in-process cache (no database hit per request).

    A token revoked by logout leaves the cache at once; one revoked elsewhere (the
    CLI, another process) stops working within :data:`TOKEN_CACHE_S` seconds.
    """
    now = time.monotonic()
    hit = st.token_cache.get(token)
    if hit is not None and hit[1] > now:
        return hit[0]
    acc = resolve_token(st.store.db, token)
    if len(st.token_cache) > 50_000:
        st.token_cache.clear()
    st.token_cache[token] = (acc, now + TOKEN_CACHE_S)
    return acc


def account(request: Request) -> Account:
    """The caller's account, after the rate check (one token per request)."""
    st = studio(request)
    acc = _resolve(st, _bearer(request))
    wait = st.rates.take(acc.person_id, COST["request"])
    if wait:
        raise RateLimited(wait)
    request.state.account = acc
    return acc


def charge(request: Request, what: str) -> None:
    """Take the extra tokens of slow work (``what`` in :data:`COST`)."""
    st = studio(request)
    wait = st.rates.take(request.state.account.person_id, COST[what] - COST["request"])
    if wait:
        raise RateLimited(wait)


def designer(acc: Annotated[Account, Depends(account)]) -> Account:
    if not acc.at_least("designer"):
        raise Forbidden("only designers and admins may do this")
    return acc


def admin(acc: Annotated[Account, Depends(account)]) -> Account:
    if not acc.at_least("admin"):
        raise Forbidden("only admins may do this")
    return acc


def check_design_id(design_id: str) -> str:
    if not isinstance(design_id, str) or not _DESIGN_ID.match(design_id):
        raise FoulardError("a design id is 64 lowercase hexadecimal digits")
    return design_id
