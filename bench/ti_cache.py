"""`python -m bench.ti_cache`: what a threat-intel cache hit costs over loopback Redis.

Two gateways enrich one indicator `--calls` times each, one call at a time and in turn: one
answers from its Redis cache (the entry is warmed first), the other has no cache and a provider
that answers at once (the floor: exclusions, aggregation, models, single-flight, budget). The
difference is the cache hit's cost, Redis round trip included.
Prints a Markdown table and, last, one JSON line. Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
import uuid
from collections.abc import Sequence

from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from redis.asyncio import Redis

from bench.timing import Summary, summarize
from wingman.adapters.ti.gateway import ThreatIntelGateway
from wingman.config import TelemetrySettings, TISettings
from wingman.core.models import Indicator, IndicatorType, Verdict
from wingman.core.tenant import Tenant
from wingman.core.ti.exclusions import Exclusions
from wingman.core.ti.verdicts import ProviderAnswer
from wingman.telemetry import Telemetry

INDICATOR = Indicator(type=IndicatorType.DOMAIN, value="bench.example")


class InstantProvider:
    """A provider that answers every lookup at once, without I/O."""

    name = "instant"
    types = frozenset({IndicatorType.DOMAIN})
    rate: str | None = None

    async def lookup(self, indicator: Indicator, *, timeout: float) -> ProviderAnswer:
        return ProviderAnswer(Verdict.MALICIOUS, score=90, summary="instant")

    async def aclose(self) -> None:
        return None


def out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.ti_cache", description=__doc__)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0", help="loopback Redis")
    parser.add_argument("--calls", type=int, default=2000, help="enrich calls per gateway")
    parser.add_argument("--warmup", type=int, default=200, help="calls not measured")
    return parser


async def _enrich_ms(intel: ThreatIntelGateway, tenant: Tenant) -> float:
    started = time.perf_counter()
    enrichment = await intel.enrich(tenant, [INDICATOR], deadline=time.monotonic() + 5.0)
    elapsed_ms = (time.perf_counter() - started) * 1000.0
    if enrichment.degraded:
        raise SystemExit(f"redis unavailable: {enrichment.degraded[0]}")
    return elapsed_ms


async def _time(
    cached: ThreatIntelGateway,
    uncached: ThreatIntelGateway,
    tenant: Tenant,
    *,
    calls: int,
    warmup: int,
) -> dict[str, Summary]:
    """Both gateways called in turn, so a noisy moment of the machine falls on both alike."""
    hits: list[float] = []
    floor: list[float] = []
    for index in range(warmup + calls):
        hit_ms = await _enrich_ms(cached, tenant)
        floor_ms = await _enrich_ms(uncached, tenant)
        if index >= warmup:
            hits.append(hit_ms)
            floor.append(floor_ms)
    return {"cache_hit": summarize(hits), "no_cache": summarize(floor)}


async def measure(redis_url: str, *, calls: int, warmup: int) -> dict[str, Summary]:
    """p50/p99 of a cached enrich and of an uncached one with an instant provider."""
    telemetry = Telemetry.from_settings(TelemetrySettings(), metric_reader=InMemoryMetricReader())
    tenant = Tenant(f"bench-{uuid.uuid4().hex}")
    client = Redis.from_url(redis_url)

    def gateway(redis: Redis | None) -> ThreatIntelGateway:
        return ThreatIntelGateway(
            providers=[InstantProvider()],
            exclusions=Exclusions(),
            settings=TISettings(),
            redis=redis,
            telemetry=telemetry,
        )

    cached, uncached = gateway(client), gateway(None)
    try:
        await _enrich_ms(cached, tenant)  # warms the entry, and stops here without Redis
        return await _time(cached, uncached, tenant, calls=calls, warmup=warmup)
    finally:
        keys = [key async for key in client.scan_iter(match=f"wingman:{tenant.id}:*")]
        if keys:
            await client.delete(*keys)
        await cached.close()
        await uncached.close()
        telemetry.shutdown()


def main(argv: Sequence[str] | None = None) -> None:
    options = _parser().parse_args(argv)
    results = asyncio.run(measure(options.redis_url, calls=options.calls, warmup=options.warmup))
    hit, floor = results["cache_hit"], results["no_cache"]
    out(f"`python -m bench.ti_cache --calls {options.calls}` (one indicator, sequential calls)")
    out()
    out("| enrich of one indicator | p50 ms | p99 ms |")
    out("|---|---:|---:|")
    out(f"| no cache, instant provider | {floor.p50_ms:.3f} | {floor.p99_ms:.3f} |")
    out(f"| cache hit, loopback Redis | {hit.p50_ms:.3f} | {hit.p99_ms:.3f} |")
    added_p50, added_p99 = hit.p50_ms - floor.p50_ms, hit.p99_ms - floor.p99_ms
    out(f"| what the hit adds | {added_p50:.3f} | {added_p99:.3f} |")
    out()
    summary = {
        "bench": "ti_cache",
        "calls": options.calls,
        "no_cache_p50_ms": round(floor.p50_ms, 4),
        "no_cache_p99_ms": round(floor.p99_ms, 4),
        "cache_hit_p50_ms": round(hit.p50_ms, 4),
        "cache_hit_p99_ms": round(hit.p99_ms, 4),
        "hit_adds_p50_ms": round(added_p50, 4),
        "hit_adds_p99_ms": round(added_p99, 4),
    }
    out(json.dumps(summary))


if __name__ == "__main__":
    main()
