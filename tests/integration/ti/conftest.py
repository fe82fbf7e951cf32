"""Fixtures of the gateway's integration tests: the counting server and gateways on Redis."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest

from tests.conftest import Observed
from tests.integration.ti.counting_server import CountingProvider, CountingServer
from wingman.adapters.redis_cache import connect
from wingman.adapters.ti.gateway import ThreatIntelGateway
from wingman.config import TISettings
from wingman.core.ti.exclusions import Exclusions

# Generous Redis budgets: these tests prove behaviour, never latency.
OP_TIMEOUT_S = 2.0
GatewayFactory = Callable[..., ThreatIntelGateway]


@pytest.fixture
def counting() -> Iterator[CountingServer]:
    with CountingServer().running() as server:
        yield server


@pytest.fixture
async def make_gateway(
    counting: CountingServer, observed: Observed
) -> AsyncIterator[GatewayFactory]:
    """Build gateways on a Redis URL (None: no Redis) over the counting server; closed after."""
    made: list[ThreatIntelGateway] = []

    def make(
        redis_url: str | None,
        *,
        rate: str | None = None,
        settings: TISettings | None = None,
        **options: Any,
    ) -> ThreatIntelGateway:
        options.setdefault("redis_timeout_s", OP_TIMEOUT_S)
        gateway = ThreatIntelGateway(
            providers=[CountingProvider(base_url=counting.url, rate=rate)],
            exclusions=Exclusions(),
            settings=settings or TISettings(),
            redis=connect(redis_url, timeout_s=OP_TIMEOUT_S) if redis_url else None,
            telemetry=observed.telemetry,
            **options,
        )
        made.append(gateway)
        return gateway

    yield make
    for gateway in made:
        await gateway.close()
