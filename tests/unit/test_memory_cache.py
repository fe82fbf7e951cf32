"""MemoryCache: the embedded LRU with per-entry TTL, driven by a fake clock (no sleeping)."""

from __future__ import annotations

import pytest

from wingman.adapters.memory_cache import MemoryCache
from wingman.core.ports import CacheKey, HealthStatus
from wingman.core.tenant import Tenant

T = 0.05  # the timeout argument; MemoryCache never waits
TENANT = Tenant("acme")


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def key(name: str, tenant: Tenant = TENANT) -> CacheKey:
    return CacheKey.for_input(tenant, "scripts", 1, name.encode())


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


async def test_miss_then_hit(clock: FakeClock) -> None:
    cache = MemoryCache(max_entries=4, clock=clock)
    assert await cache.get(key("a"), timeout=T) is None
    await cache.set(key("a"), b"value-a", ttl=60, timeout=T)
    assert await cache.get(key("a"), timeout=T) == b"value-a"
    assert await cache.get(key("b"), timeout=T) is None
    assert cache.backend == "memory"


async def test_set_overwrites_the_value(clock: FakeClock) -> None:
    cache = MemoryCache(max_entries=4, clock=clock)
    await cache.set(key("a"), b"old", ttl=60, timeout=T)
    await cache.set(key("a"), b"new", ttl=60, timeout=T)
    assert await cache.get(key("a"), timeout=T) == b"new"
    assert len(cache) == 1


async def test_entries_are_scoped_by_tenant(clock: FakeClock) -> None:
    cache = MemoryCache(max_entries=4, clock=clock)
    await cache.set(key("a", Tenant("acme")), b"acme", ttl=60, timeout=T)
    assert await cache.get(key("a", Tenant("globex")), timeout=T) is None
    assert await cache.get(key("a", Tenant("acme")), timeout=T) == b"acme"


async def test_entry_expires_after_its_ttl(clock: FakeClock) -> None:
    cache = MemoryCache(max_entries=4, clock=clock)
    await cache.set(key("a"), b"value", ttl=10, timeout=T)
    clock.advance(9.999)
    assert await cache.get(key("a"), timeout=T) == b"value"
    clock.advance(0.001)  # exactly at the TTL: expired
    assert await cache.get(key("a"), timeout=T) is None
    assert len(cache) == 0, "an expired entry is dropped when read"


async def test_each_entry_has_its_own_ttl(clock: FakeClock) -> None:
    cache = MemoryCache(max_entries=4, clock=clock)
    await cache.set(key("short"), b"s", ttl=1, timeout=T)
    await cache.set(key("long"), b"l", ttl=100, timeout=T)
    clock.advance(2)
    assert await cache.get(key("short"), timeout=T) is None
    assert await cache.get(key("long"), timeout=T) == b"l"


async def test_set_again_renews_the_ttl(clock: FakeClock) -> None:
    cache = MemoryCache(max_entries=4, clock=clock)
    await cache.set(key("a"), b"v1", ttl=10, timeout=T)
    clock.advance(8)
    await cache.set(key("a"), b"v2", ttl=10, timeout=T)
    clock.advance(8)  # 16 s after the first set, 8 s after the second
    assert await cache.get(key("a"), timeout=T) == b"v2"


async def test_a_hit_does_not_extend_the_ttl(clock: FakeClock) -> None:
    cache = MemoryCache(max_entries=4, clock=clock)
    await cache.set(key("a"), b"v", ttl=10, timeout=T)
    clock.advance(6)
    assert await cache.get(key("a"), timeout=T) == b"v"
    clock.advance(6)
    assert await cache.get(key("a"), timeout=T) is None


async def test_least_recently_set_is_evicted_first(clock: FakeClock) -> None:
    cache = MemoryCache(max_entries=3, clock=clock)
    for name in ("a", "b", "c", "d", "e"):
        await cache.set(key(name), name.encode(), ttl=60, timeout=T)
    assert len(cache) == 3
    assert [await cache.get(key(n), timeout=T) for n in ("a", "b")] == [None, None]
    assert [await cache.get(key(n), timeout=T) for n in ("c", "d", "e")] == [b"c", b"d", b"e"]


async def test_get_refreshes_recency(clock: FakeClock) -> None:
    cache = MemoryCache(max_entries=3, clock=clock)
    for name in ("a", "b", "c"):
        await cache.set(key(name), name.encode(), ttl=60, timeout=T)
    assert await cache.get(key("a"), timeout=T) == b"a"  # a is now the most recent
    await cache.set(key("d"), b"d", ttl=60, timeout=T)  # evicts b, the least recent
    assert await cache.get(key("b"), timeout=T) is None
    assert await cache.get(key("a"), timeout=T) == b"a"
    await cache.set(key("e"), b"e", ttl=60, timeout=T)  # order now c, d, a: evicts c
    assert await cache.get(key("c"), timeout=T) is None
    assert [await cache.get(key(n), timeout=T) for n in ("a", "d", "e")] == [b"a", b"d", b"e"]


async def test_overwriting_refreshes_recency(clock: FakeClock) -> None:
    cache = MemoryCache(max_entries=2, clock=clock)
    await cache.set(key("a"), b"a1", ttl=60, timeout=T)
    await cache.set(key("b"), b"b", ttl=60, timeout=T)
    await cache.set(key("a"), b"a2", ttl=60, timeout=T)  # a is now the most recent
    await cache.set(key("c"), b"c", ttl=60, timeout=T)  # evicts b
    assert await cache.get(key("b"), timeout=T) is None
    assert await cache.get(key("a"), timeout=T) == b"a2"
    assert await cache.get(key("c"), timeout=T) == b"c"


async def test_a_miss_does_not_disturb_the_order(clock: FakeClock) -> None:
    cache = MemoryCache(max_entries=2, clock=clock)
    await cache.set(key("a"), b"a", ttl=60, timeout=T)
    await cache.set(key("b"), b"b", ttl=60, timeout=T)
    assert await cache.get(key("zzz"), timeout=T) is None
    await cache.set(key("c"), b"c", ttl=60, timeout=T)
    assert await cache.get(key("a"), timeout=T) is None
    assert await cache.get(key("b"), timeout=T) == b"b"


async def test_single_entry_cache(clock: FakeClock) -> None:
    cache = MemoryCache(max_entries=1, clock=clock)
    await cache.set(key("a"), b"a", ttl=60, timeout=T)
    await cache.set(key("b"), b"b", ttl=60, timeout=T)
    assert await cache.get(key("a"), timeout=T) is None
    assert await cache.get(key("b"), timeout=T) == b"b"


@pytest.mark.parametrize("bad", [0, -1])
def test_max_entries_must_be_positive(bad: int) -> None:
    with pytest.raises(ValueError, match="max_entries"):
        MemoryCache(max_entries=bad)


async def test_health_reports_ok_with_the_fill_level(clock: FakeClock) -> None:
    cache = MemoryCache(max_entries=5, clock=clock)
    health = await cache.health()
    assert health.name == "cache"
    assert health.status is HealthStatus.OK
    assert health.detail == "memory, 0/5 entries"
    await cache.set(key("a"), b"a", ttl=60, timeout=T)
    await cache.set(key("b"), b"b", ttl=60, timeout=T)
    assert (await cache.health()).detail == "memory, 2/5 entries"


async def test_close_drops_everything(clock: FakeClock) -> None:
    cache = MemoryCache(max_entries=5, clock=clock)
    await cache.set(key("a"), b"a", ttl=60, timeout=T)
    await cache.close()
    assert len(cache) == 0
    assert await cache.get(key("a"), timeout=T) is None


async def test_uses_the_monotonic_clock_by_default() -> None:
    cache = MemoryCache(max_entries=2)
    await cache.set(key("a"), b"a", ttl=3600, timeout=T)
    assert await cache.get(key("a"), timeout=T) == b"a"
