"""MemoryCache: the embedded default, a bounded in-process LRU with per-entry TTL."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable

from wingman.core.ports import CacheKey, ComponentHealth, HealthStatus


class MemoryCache:
    """Least-recently-used eviction past `max_entries`; expired entries are dropped on read."""

    def __init__(self, *, max_entries: int, clock: Callable[[], float] = time.monotonic) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        self._max = max_entries
        self._clock = clock
        self._entries: OrderedDict[str, tuple[float, bytes]] = OrderedDict()

    @property
    def backend(self) -> str:
        return "memory"

    def __len__(self) -> int:
        return len(self._entries)

    async def get(self, key: CacheKey, *, timeout: float) -> bytes | None:
        name = str(key)
        entry = self._entries.get(name)
        if entry is None:
            return None
        expires, value = entry
        if expires <= self._clock():
            del self._entries[name]
            return None
        self._entries.move_to_end(name)
        return value

    async def set(self, key: CacheKey, value: bytes, *, ttl: float, timeout: float) -> None:
        name = str(key)
        self._entries[name] = (self._clock() + ttl, value)
        self._entries.move_to_end(name)
        while len(self._entries) > self._max:
            self._entries.popitem(last=False)

    async def health(self) -> ComponentHealth:
        return ComponentHealth(
            "cache", HealthStatus.OK, f"memory, {len(self._entries)}/{self._max} entries"
        )

    async def close(self) -> None:
        self._entries.clear()
