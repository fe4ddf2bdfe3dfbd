"""The renderer's caches: least-recently-used maps shared by threads.

Rasterised vector tiles and grid results are bounded in bytes (:class:`TileCache`);
prepared states and drawings by count. Keys name content (a node's canonical JSON
with its context), so two threads that compute the same key compute the same value:
the first one stored is kept.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import numpy as np

__all__ = ["LRU", "TileCache"]


class LRU:
    """A thread-safe least-recently-used map whose values' total ``size`` (by default,
    their count) stays within ``limit``; the newest value always stays."""

    def __init__(self, limit: int, size: Callable[[Any], int] = lambda value: 1):
        self.limit = limit
        self._size = size
        self._items: OrderedDict[Any, Any] = OrderedDict()
        self._total = 0
        self._lock = threading.Lock()

    def get(self, key: Any) -> Any:
        """The value of ``key`` (now the most recently used), or ``None``."""
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: Any, value: Any) -> None:
        """Store ``value`` under ``key`` unless a value is there already; evict the
        least recently used values beyond the limit."""
        with self._lock:
            if key in self._items:
                return
            self._items[key] = value
            self._total += self._size(value)
            while self._total > self.limit and len(self._items) > 1:
                _, old = self._items.popitem(last=False)
                self._total -= self._size(old)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._total = 0


class TileCache(LRU):
    """Rasterised vector tiles and grid results, bounded in bytes."""

    def __init__(self, max_bytes: int = 160 * 1024 * 1024):
        super().__init__(max_bytes, size=_nbytes)


def _nbytes(arr: np.ndarray) -> int:
    return arr.nbytes
