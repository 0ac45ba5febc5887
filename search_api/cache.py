"""A small time-bounded cache of read responses (/search, /compare).

Entries live `ttl` seconds and are dropped whenever the store's version
(:func:`store_version`) changes or the API itself writes (uploads, ingest
jobs). ``ttl = 0`` disables it (DANGJIAN_CACHE_SECONDS=0).
"""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Any, Callable, Hashable


def store_version(store) -> Callable[[], Hashable]:
    """What tells the cache that the stored data changed: the store's
    `generation()` when it has one (the embedded store: any write of this
    process, any index commit of another, e.g. a `dangjian ingest` replacing a
    report, which leaves the count as it was), else its document count."""
    return getattr(store, "generation", None) or store.count


class ResponseCache:
    def __init__(self, ttl: float = 10.0, size: int = 1024) -> None:
        self.ttl = ttl
        self.size = size
        self._data: OrderedDict[Hashable, tuple[float, Hashable, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def get_or_compute(self, key: Hashable, version: Callable[[], Hashable], compute: Callable[[], Any]) -> Any:
        if self.ttl <= 0:
            return compute()
        now, current = time.monotonic(), version()
        with self._lock:
            hit = self._data.get(key)
            if hit and hit[0] > now and hit[1] == current:
                self._data.move_to_end(key)
                return hit[2]
        value = compute()
        with self._lock:
            self._data[key] = (now + self.ttl, current, value)
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)
        return value
