"""Limits: token buckets per account (and per address for logins), a body cap.

A request costs one token; slow work costs more (:data:`COST`). An empty bucket
answers 429 with ``Retry-After``. The buckets are rows of ``web_buckets`` in the
studio's database, taken with one atomic upsert, so an account's rate is the same
whatever the number of worker processes serving it (see :class:`Buckets` for the
few tokens a process takes ahead). Bodies are capped while they
stream in (a lying or missing ``Content-Length`` does not help): over the cap, 413
and nothing read further.
"""

from __future__ import annotations

import json
import math
import threading
import time

from foulard.db import Database, Transaction

__all__ = ["COST", "BodyLimit", "Buckets"]

LEASE_S = 5.0
COST = {"request": 1.0, "preview": 2.0, "prompt": 20.0, "export": 30.0, "upload": 10.0}


class Buckets:
    """Token buckets named ``name:<key>``, refilled at ``rate`` per second up to ``burst``.

    To spare the database a write per request, a process takes a few tokens ahead
    (a *lease*: at most 5 % of the burst and what the bucket earns in
    :data:`LEASE_S`) and spends them locally; unspent leased tokens lapse after
    :data:`LEASE_S`. Tokens never come from anywhere but the shared bucket, so no
    number of worker processes lets an account past its rate; a slow bucket (less
    than 20 tokens per :data:`LEASE_S`) is never leased and so is exact. Times in
    the table are wall-clock seconds (every process must agree on them).
    """

    def __init__(
        self,
        name: str,
        rate: float,
        burst: float,
        *,
        lease: int | None = None,
        max_keys: int = 100_000,
    ):
        if not name.isidentifier():
            raise ValueError(f"a bucket family name is an identifier, not {name!r}")
        self.name = name
        self.rate = float(rate)
        self.burst = float(burst)
        if lease is None:
            lease = math.floor(min(self.burst / 20.0, self.rate * LEASE_S))
        self.lease = lease
        self.max_keys = max_keys
        self._leased: dict[str, tuple[float, float]] = {}  # key -> (tokens, lapse time)
        self._lock = threading.Lock()

    def take(self, db: Database, key: str, cost: float = 1.0) -> float:
        """Take ``cost`` tokens; returns 0 when allowed, else the seconds to wait."""
        if self.spend_leased(key, cost):
            return 0.0
        with db.transaction() as tx:
            if self.lease and self.take_in(tx, key, cost + self.lease) == 0.0:
                self._add_lease(key)
                return 0.0
            return self.take_in(tx, key, cost)

    def spend_leased(self, key: str, cost: float) -> bool:
        """Take ``cost`` from this process's leased tokens, if it has enough (no
        database: safe on the event loop)."""
        if not self.lease:
            return False
        now = time.monotonic()
        with self._lock:
            have, lapse = self._leased.get(key, (0.0, 0.0))
            if lapse > now and have >= cost:
                self._leased[key] = (have - cost, lapse)
                return True
        return False

    def _add_lease(self, key: str) -> None:
        now = time.monotonic()
        with self._lock:
            have, lapse = self._leased.get(key, (0.0, 0.0))
            self._leased[key] = ((have if lapse > now else 0.0) + self.lease, now + LEASE_S)
            if len(self._leased) > self.max_keys:
                for k in [k for k, (_, t) in self._leased.items() if t <= now]:
                    del self._leased[k]

    def take_in(self, tx: Transaction, key: str, cost: float = 1.0, now: float | None = None):
        """:meth:`take` inside the caller's transaction."""
        now = time.time() if now is None else now
        full = f"{self.name}:{key}"
        # One upsert: a new key starts full; an existing one is refilled since its last
        # take (capped at the burst) and taken from only if that leaves it >= 0.
        refill = "web_buckets.level + (? - web_buckets.at) * ?"
        level = f"CASE WHEN {refill} > ? THEN ? ELSE {refill} END"
        level_args = (now, self.rate, self.burst, self.burst, now, self.rate)
        row = tx.one(
            "INSERT INTO web_buckets (key, level, at) VALUES (?, ?, ?)"
            f" ON CONFLICT (key) DO UPDATE SET level = {level} - ?, at = ?"
            f" WHERE {level} >= ? RETURNING level",
            (full, self.burst - cost, now, *level_args, cost, now, *level_args, cost),
        )
        if row is not None and float(row[0]) >= 0.0:
            return 0.0
        if row is not None:  # a new key asking for more than the burst: take nothing
            tx.execute("DELETE FROM web_buckets WHERE key = ?", (full,))
            have = self.burst
        else:
            old, at = tx.one("SELECT level, at FROM web_buckets WHERE key = ?", (full,))
            have = min(self.burst, float(old) + (now - float(at)) * self.rate)
        return max(0.001, (cost - have) / self.rate)

    def forget_full(self, db: Database, now: float | None = None) -> int:
        """Delete this family's buckets that are full again (as good as no row)."""
        now = time.time() if now is None else now
        prefix = f"{self.name}:"
        with db.transaction() as tx:
            tx.execute(
                "DELETE FROM web_buckets WHERE substr(key, 1, ?) = ? AND level + (? - at) * ? >= ?",
                (len(prefix), prefix, now, self.rate, self.burst),
            )
            return tx.rowcount


class BodyLimit:
    """ASGI middleware: refuse request bodies over ``limit`` bytes (413, JSON message).

    ``upload_limit`` applies to ``multipart/form-data`` requests instead.
    """

    def __init__(self, app, limit: int, upload_limit: int):
        self.app = app
        self.limit = limit
        self.upload_limit = upload_limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        ctype = headers.get(b"content-type", b"").decode("latin-1").lower()
        limit = self.upload_limit if ctype.startswith("multipart/") else self.limit
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                size = math.inf
            if size > limit:
                await _too_large(send, limit)
                return
        seen = 0
        refused = False
        started = False

        async def limited_receive():
            nonlocal seen, refused
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    refused = True
                    raise _TooLarge
            return message

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooLarge:
            if not started:
                await _too_large(send, limit)
        except Exception:
            if refused and not started:
                await _too_large(send, limit)
            else:
                raise


class _TooLarge(Exception):
    pass


async def _too_large(send, limit: int) -> None:
    body = json.dumps({"detail": f"the request body is larger than {limit} bytes"}).encode()
    await send({
        "type": "http.response.start",
        "status": 413,
        "headers": [(b"content-type", b"application/json"), (b"connection", b"close")],
    })  # fmt: skip
    await send({"type": "http.response.body", "body": body})
