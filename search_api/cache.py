"""A small time-bounded cache of read responses (/search, /compare).

Entries live `ttl` seconds and are dropped whenever the store's document count
changes or the API itself writes (uploads, ingest jobs). ``ttl = 0`` disables it
(DANGJIAN_CACHE_SECONDS=0).
"""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Any, Callable, Hashable


class ResponseCache:
    def __init__(self, ttl: float = 10.0, size: int = 1024) -> None:
        self.ttl = ttl
        self.size = size
        self._data: OrderedDict[Hashable, tuple[float, int, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def get_or_compute(self, key: Hashable, version: Callable[[], int], compute: Callable[[], Any]) -> Any:
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
