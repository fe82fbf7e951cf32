"""A scripted local HTTP server per test, and providers pointed at it."""

from __future__ import annotations

import ssl
from collections.abc import AsyncIterator, Callable, Iterator

import httpx
import pytest

from tests.integration.ti.servers import ScriptedServer
from wingman.adapters.ti.provider import HttpProvider

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
