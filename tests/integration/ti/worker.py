"""One OS process of the single-flight test: its own loop and gateway, many concurrent lookups.

`python -m tests.integration.ti.worker REDIS_URL SERVER_URL TENANT VALUE COUNT` prints `ready`,
waits for a line on stdin (so every process starts together), then prints one JSON summary.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections import Counter

from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from redis.asyncio import Redis

from tests.integration.ti.counting_server import CountingProvider
from wingman.adapters.ti.gateway import ThreatIntelGateway
from wingman.config import TelemetrySettings, TISettings
from wingman.core.models import Indicator, IndicatorType
from wingman.core.tenant import Tenant
from wingman.core.ti.exclusions import Exclusions
from wingman.telemetry import Telemetry


async def work(
    redis_url: str, server_url: str, tenant: str, value: str, count: int
) -> dict[str, object]:
    """Run `count` concurrent enrichments of one indicator once stdin says go."""
    telemetry = Telemetry.from_settings(TelemetrySettings(), metric_reader=InMemoryMetricReader())
    intel = ThreatIntelGateway(
        providers=[CountingProvider(base_url=server_url)],
        exclusions=Exclusions(),
        settings=TISettings(lease_ms=20_000),
        redis=Redis.from_url(redis_url),
        telemetry=telemetry,
        redis_timeout_s=5.0,
    )
    indicator = Indicator(type=IndicatorType.DOMAIN, value=value)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    await asyncio.to_thread(sys.stdin.readline)
    deadline = time.monotonic() + 30.0
    enrichments = await asyncio.gather(
        *(intel.enrich(Tenant(tenant), [indicator], deadline=deadline) for _ in range(count))
    )
    await intel.close()
    telemetry.shutdown()
    results = [e.results[0].providers[0] for e in enrichments]
    return {
        "verdicts": Counter(r.verdict.value for r in results),
        "summaries": sorted({r.summary for r in results}),
        "pending": sum(r.pending for r in results),
        "errors": sum(r.error is not None for r in results),
        "degraded": sum(bool(e.degraded) for e in enrichments),
    }


if __name__ == "__main__":
    redis_url, server_url, tenant, value, count = sys.argv[1:6]
    summary = asyncio.run(work(redis_url, server_url, tenant, value, int(count)))
    sys.stdout.write(json.dumps(summary) + "\n")
