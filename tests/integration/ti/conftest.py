"""Fixtures of the threat-intelligence integration tests: local servers, providers, gateways."""

from __future__ import annotations

import ssl
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx
import pytest

from tests.conftest import Observed
from tests.integration.ti.counting_server import CountingProvider, CountingServer
from tests.integration.ti.servers import ScriptedServer
from wingman.adapters.redis_cache import connect
from wingman.adapters.ti.gateway import ThreatIntelGateway
from wingman.adapters.ti.provider import HttpProvider
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


API_KEY = "test-key-not-a-secret"

ProviderFactory = Callable[[type[HttpProvider]], HttpProvider]


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    """A started ScriptedServer, stopped (threads joined) at teardown."""
    with ScriptedServer() as started:
        yield started


@pytest.fixture(scope="session")
def tls() -> ssl.SSLContext:
    """One TLS context for every test's client: building one per client costs ~50 ms."""
    return ssl.create_default_context()


def transport(tls: ssl.SSLContext) -> httpx.AsyncHTTPTransport:
    """A fresh transport (a client closes its own) that reuses the shared TLS context."""
    return httpx.AsyncHTTPTransport(verify=tls)


@pytest.fixture
async def provider_for(
    server: ScriptedServer, tls: ssl.SSLContext
) -> AsyncIterator[ProviderFactory]:
    """Build providers of a class against `server` with API_KEY; closed at teardown."""
    built: list[HttpProvider] = []

    def build(kind: type[HttpProvider]) -> HttpProvider:
        provider = kind(base_url=server.url, api_key=API_KEY, transport=transport(tls))
        built.append(provider)
        return provider

    yield build
    for provider in built:
        await provider.aclose()
