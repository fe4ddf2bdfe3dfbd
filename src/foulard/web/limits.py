"""Limits: a token bucket per account (and per address for logins), a body cap.

A request costs one token; slow work costs more (:data:`COST`). An empty bucket
answers 429 with ``Retry-After``. Bodies are capped while they stream in (a lying
or missing ``Content-Length`` does not help): over the cap, 413 and nothing read
further.
"""

from __future__ import annotations

import json
import math
import threading
import time

__all__ = ["COST", "BodyLimit", "Buckets"]

COST = {"request": 1.0, "preview": 2.0, "prompt": 20.0, "export": 30.0, "upload": 10.0}


class Buckets:
    """Token buckets by key, refilled at ``rate`` per second up to ``burst``."""

    def __init__(self, rate: float, burst: float, max_keys: int = 100_000):
        self.rate = float(rate)
        self.burst = float(burst)
        self.max_keys = max_keys
        self._b: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, key: str, cost: float = 1.0) -> float:
        """Take ``cost`` tokens; returns 0 when allowed, else the seconds to wait."""
        now = time.monotonic()
        with self._lock:
            level, at = self._b.get(key, (self.burst, now))
            level = min(self.burst, level + (now - at) * self.rate)
            if level >= cost:
                self._b[key] = (level - cost, now)
                return 0.0
            self._b[key] = (level, now)
            if len(self._b) > self.max_keys:  # forget the fullest buckets first
                for k in [k for k, (lv, _) in self._b.items() if lv >= self.burst][:1000]:
                    del self._b[k]
            return max(0.001, (cost - level) / self.rate)


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
