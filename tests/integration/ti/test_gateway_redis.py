"""ThreatIntelGateway against a real Redis and a real local HTTP provider.

Each test has its own `private_redis` (budgets are keyed by provider, shared by every tenant, so
tests must not share a Redis); the provider is the counting server over real HTTP.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import redis

from tests.conftest import Observed
from tests.integration.conftest import PrivateCluster, PrivateRedis, counter_total
from tests.integration.ti.conftest import GatewayFactory
from tests.integration.ti.counting_server import CountingServer, Reply
from tests.unit.ti.fakes import ManualClock
from wingman.adapters.ti.gateway import DEGRADED
from wingman.adapters.ti.keys import budget_key
from wingman.config import TISettings
from wingman.core.models import Indicator, IndicatorType, ProviderResult, Verdict
from wingman.core.ports import HealthStatus
from wingman.core.tenant import Tenant

pytestmark = pytest.mark.redis

ROOT = Path(__file__).resolve().parents[3]
ACME = Tenant("acme")
# Whatever the host's speed, every call below ends by its deadline; the margin only catches a hang.
MARGIN_S = 10.0


def domain(value: str) -> Indicator:
    return Indicator(type=IndicatorType.DOMAIN, value=value)


def key(tenant: str, value: str) -> str:
    digest = hashlib.sha256(value.encode()).hexdigest()
    return f"wingman:{tenant}:ti:v1:counting:domain:{digest}"


async def first(intel: Any, tenant: Tenant, value: str, *, within: float = 5.0) -> ProviderResult:
    """The counting provider's result for one domain, the call bounded by its deadline."""
    async with asyncio.timeout(within + MARGIN_S):
        enrichment = await intel.enrich(tenant, [domain(value)], deadline=time.monotonic() + within)
    result: ProviderResult = enrichment.results[0].providers[0]
    return result


def gauge_value(observed: Observed, name: str, **attributes: object) -> float | None:
    """The last value of a gauge's data point whose attributes include `attributes`."""
    data = observed.metrics.get_metrics_data()
    for resource in data.resource_metrics if data else ():
        for scope in resource.scope_metrics:
            for metric in scope.metrics:
                for point in metric.data.data_points if metric.name == name else ():
                    if all(dict(point.attributes or {}).get(k) == v for k, v in attributes.items()):
                        return float(point.value)
    return None


def test_1000_concurrent_lookups_in_4_processes_make_one_upstream_call(
    private_redis: PrivateRedis, counting: CountingServer
) -> None:
    counting.script("cold.example", Reply(delay_s=0.5))
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'service'}{os.pathsep}{ROOT}"}
    command = [sys.executable, "-m", "tests.integration.ti.worker", private_redis.url]
    workers = [
        subprocess.Popen(
            [*command, counting.url, "acme", "cold.example", "250"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    try:
        for worker in workers:
            assert worker.stdout is not None
            assert worker.stdout.readline().strip() == "ready"
        for worker in workers:
            assert worker.stdin is not None
            worker.stdin.write("go\n")
            worker.stdin.flush()
        outputs = [worker.communicate(timeout=120)[0] for worker in workers]
    finally:
        for worker in workers:
            worker.kill()
    summaries = [json.loads(output.strip().splitlines()[-1]) for output in outputs]
    assert counting.calls["cold.example"] == 1
    assert sum(Counter(s["verdicts"])["malicious"] for s in summaries) == 1000
    assert {text for s in summaries for text in s["summaries"]} == {"call 1"}
    assert sum(s["pending"] + s["errors"] + s["degraded"] for s in summaries) == 0


async def test_a_burst_never_exceeds_the_shared_budget(
    private_redis: PrivateRedis, counting: CountingServer, make_gateway: GatewayFactory
) -> None:
    intel = make_gateway(private_redis.url, rate="4/60s")
    values = [domain(f"d{n}.example") for n in range(100)]
    # The next token is 15 s away, so the rest are pending at once: a deadline generous for a
    # loaded machine (100 lookups' Redis round trips) costs this test no time.
    async with asyncio.timeout(5.0 + MARGIN_S):
        enrichment = await intel.enrich(ACME, values, deadline=time.monotonic() + 5.0)
    results = [r.providers[0] for r in enrichment.results]
    assert counting.total == 4
    assert sum(r.verdict is Verdict.MALICIOUS for r in results) == 4
    pending = [r for r in results if r.pending]
    assert len(pending) == 96
    assert all(r.error is None and r.verdict is Verdict.UNKNOWN for r in pending)
    assert enrichment.degraded == ()
    # Another process (another gateway on the same Redis) finds the budget spent as well.
    other = make_gateway(private_redis.url, rate="4/60s")
    more = await other.enrich(Tenant("other"), values[:10], deadline=time.monotonic() + 0.2)
    assert all(r.providers[0].pending for r in more.results)
    assert counting.total == 4


@pytest.mark.parametrize(("one", "two"), [("tenant-a", "tenant-b"), ("tenant-b", "tenant-a")])
async def test_one_tenants_entries_are_never_read_for_another(
    private_redis: PrivateRedis,
    counting: CountingServer,
    make_gateway: GatewayFactory,
    observed: Observed,
    one: str,
    two: str,
) -> None:
    intel = make_gateway(private_redis.url)
    canary = f"canary-{one}.example"
    fresh = await first(intel, Tenant(one), canary)
    again = await first(intel, Tenant(one), canary)
    other = await first(intel, Tenant(two), canary)
    assert (fresh.summary, fresh.cached) == ("call 1", False)
    assert (again.summary, again.cached) == ("call 1", True)
    assert (other.summary, other.cached) == ("call 2", False)
    assert counting.calls[canary] == 2
    client = redis.Redis.from_url(private_redis.url)
    assert client.exists(key(one, canary), key(two, canary)) == 2
    client.close()
    assert counter_total(observed, "wingman.ti.cache", result="hit") == 1
    assert counter_total(observed, "wingman.ti.cache", result="miss") == 2
    assert counter_total(observed, "wingman.ti.lookups", outcome="hit") == 1
    assert gauge_value(observed, "wingman.ti.cache.hit_ratio") == pytest.approx(1 / 3)


async def test_entries_live_by_outcome_and_auth_failures_are_never_cached(
    private_redis: PrivateRedis, counting: CountingServer, make_gateway: GatewayFactory
) -> None:
    settings = TISettings(ttl_positive_s=5000.0, ttl_negative_s=300.0, ttl_error_s=7.0)
    intel = make_gateway(private_redis.url, settings=settings)
    counting.script("unknown.example", Reply(status=404, body=b""))
    counting.script("down.example", Reply(status=503))
    counting.script("garbage.example", Reply(body=b"<html>"))
    counting.script("auth.example", Reply(status=401))
    names = ["found.example", "unknown.example", "down.example", "garbage.example", "auth.example"]
    answers = [await first(intel, ACME, name) for name in names]
    assert [a.error for a in answers] == [
        None,
        None,
        "unavailable: HTTP 503",
        "malformed: the answer is not JSON",
        "auth: HTTP 401",
    ]
    client = redis.Redis.from_url(private_redis.url)
    ttl = {name: client.pttl(key("acme", name)) for name in names}
    client.close()
    assert 4_000_000 < ttl["found.example"] <= 5_000_000
    assert 200_000 < ttl["unknown.example"] <= 300_000
    assert 0 < ttl["down.example"] <= 7_000
    assert 0 < ttl["garbage.example"] <= 7_000
    assert ttl["auth.example"] == -2
    again = [await first(intel, ACME, name) for name in names]
    assert [a.cached for a in again] == [True, True, True, True, False]
    assert again[2].error == "unavailable: HTTP 503"
    assert counting.calls == Counter(dict.fromkeys(names[:4], 1) | {"auth.example": 2})


async def test_a_429_pauses_the_provider_for_every_process_until_retry_after(
    private_redis: PrivateRedis, counting: CountingServer, make_gateway: GatewayFactory
) -> None:
    counting.script("limited.example", Reply(status=429, headers={"retry-after": "1"}, times=1))
    intel = make_gateway(private_redis.url)
    other = make_gateway(private_redis.url)
    limited = await first(intel, ACME, "limited.example", within=0.3)
    assert limited.pending
    assert limited.error is None
    meanwhile = await first(other, ACME, "next.example", within=0.2)
    assert meanwhile.pending
    assert counting.calls["next.example"] == 0
    client = redis.Redis.from_url(private_redis.url)
    assert client.hget(budget_key("counting"), "paused_until") is not None
    assert client.exists(key("acme", "limited.example")) == 0
    client.close()
    # With a deadline past the pause, the lookup waits it out and then asks.
    later = await first(other, ACME, "next.example", within=10.0)
    assert later.verdict is Verdict.MALICIOUS
    assert counting.calls["next.example"] == 1


async def test_the_breaker_opens_on_outages_and_recovers_after_the_cool_down(
    private_redis: PrivateRedis,
    counting: CountingServer,
    make_gateway: GatewayFactory,
    observed: Observed,
) -> None:
    clock = ManualClock()
    intel = make_gateway(
        private_redis.url, clock=clock, breaker_threshold=2, breaker_cooldown_s=30.0
    )
    counting.default = Reply(status=503)
    far = clock.monotonic() + 3600.0

    async def ask(value: str) -> ProviderResult:
        enrichment = await intel.enrich(ACME, [domain(value)], deadline=far)
        result: ProviderResult = enrichment.results[0].providers[0]
        return result

    assert (await ask("a.example")).error == "unavailable: HTTP 503"
    assert (await ask("b.example")).error == "unavailable: HTTP 503"
    assert (await ask("c.example")).error == "circuit open"
    assert counting.total == 2
    client = redis.Redis.from_url(private_redis.url)
    assert client.exists(key("acme", "c.example")) == 0
    client.close()
    assert gauge_value(observed, "wingman.ti.breaker.state", provider="counting") == 2
    health = await intel.health()
    assert health.status is HealthStatus.DEGRADED
    assert "counting circuit open" in health.detail
    counting.default = Reply()
    clock.advance(30.0)
    far += 30.0
    assert (await ask("c.example")).verdict is Verdict.MALICIOUS
    assert (await ask("d.example")).verdict is Verdict.MALICIOUS
    assert counting.total == 4
    assert gauge_value(observed, "wingman.ti.breaker.state", provider="counting") == 0
    assert (await intel.health()).status is HealthStatus.OK


async def test_with_redis_down_answers_are_uncached_and_budgets_per_process(
    private_redis: PrivateRedis, counting: CountingServer, make_gateway: GatewayFactory
) -> None:
    private_redis.stop()
    unlimited = make_gateway(private_redis.url, redis_timeout_s=0.2)
    answers = [await first(unlimited, ACME, "again.example") for _ in range(2)]
    assert [a.cached for a in answers] == [False, False]
    assert counting.calls["again.example"] == 2
    enrichment = await unlimited.enrich(
        ACME, [domain("shared.example")] * 1, deadline=time.monotonic() + 5.0
    )
    assert enrichment.degraded == (DEGRADED,)
    concurrent = await asyncio.gather(
        *(first(unlimited, ACME, "together.example") for _ in range(20))
    )
    assert {c.verdict for c in concurrent} == {Verdict.MALICIOUS}
    assert counting.calls["together.example"] == 1
    health = await unlimited.health()
    assert health.status is HealthStatus.DEGRADED
    assert "shared cache unavailable" in health.detail

    budgeted = make_gateway(private_redis.url, rate="2/60s", redis_timeout_s=0.2)
    values = [domain(f"b{n}.example") for n in range(5)]
    spent = await budgeted.enrich(ACME, values, deadline=time.monotonic() + 0.5)
    assert sum(r.providers[0].pending for r in spent.results) == 3
    assert sum(counting.calls[v.value] for v in values) == 2
    assert spent.degraded == (DEGRADED,)


async def test_a_hung_redis_is_given_up_on_and_the_answer_still_comes(
    private_redis: PrivateRedis, counting: CountingServer, make_gateway: GatewayFactory
) -> None:
    intel = make_gateway(private_redis.url, redis_timeout_s=0.1)
    private_redis.pause()
    try:
        enrichment = await intel.enrich(
            ACME, [domain("hung.example")], deadline=time.monotonic() + 5
        )
    finally:
        private_redis.resume()
    assert enrichment.results[0].verdict is Verdict.MALICIOUS
    assert enrichment.degraded == (DEGRADED,)


async def test_the_entry_key_and_value_have_the_documented_form(
    private_redis: PrivateRedis, counting: CountingServer, make_gateway: GatewayFactory
) -> None:
    intel = make_gateway(private_redis.url)
    await first(intel, Tenant("acme-keys"), "keyed.example")
    digest = hashlib.sha256(b"keyed.example").hexdigest()
    expected = f"wingman:acme-keys:ti:v1:counting:domain:{digest}"
    client = redis.Redis.from_url(private_redis.url)
    keys = client.keys("*")
    raw = client.get(expected)
    client.close()
    assert keys == [expected.encode()]  # the lease is gone, an unlimited provider has no bucket
    assert raw is not None
    record = json.loads(raw)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", record.pop("fetched_at"))
    assert record == {
        "answer": {
            "verdict": "malicious",
            "score": 90,
            "first_seen": "",
            "last_seen": "",
            "tags": [],
            "references": [],
            "summary": "call 1",
            "found": True,
        }
    }


async def test_on_a_cluster_entries_leases_and_budgets_work_alike(
    private_cluster: PrivateCluster, counting: CountingServer, make_gateway: GatewayFactory
) -> None:
    tenant = Tenant(f"cluster-{uuid.uuid4().hex[:12]}")
    intel = make_gateway(private_cluster.url, rate="2/60s")
    values = [f"{n}.{tenant.id}.example" for n in range(3)]
    answers = [await first(intel, tenant, value, within=2.0) for value in values]
    assert [a.verdict for a in answers[:2]] == [Verdict.MALICIOUS] * 2
    assert answers[2].pending
    again = await first(intel, tenant, values[0])
    assert again.cached
    assert counting.total == 2
    assert (await intel.health()).status is HealthStatus.OK


async def test_a_lease_holder_waits_for_the_budget_no_longer_than_its_lease(
    private_redis: PrivateRedis, counting: CountingServer, make_gateway: GatewayFactory
) -> None:
    intel = make_gateway(private_redis.url, rate="1/2s", settings=TISettings(lease_ms=300.0))
    assert not (await first(intel, ACME, "one.example")).pending
    # The next token is ~2 s away: within the deadline but past the lease, so not waited for.
    assert (await first(intel, ACME, "two.example", within=5.0)).pending
    assert counting.total == 1
