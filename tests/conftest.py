"""Shared fixtures: settings, in-memory telemetry, and a real server on free ports."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from tests.fakes import fake_engines
from wingman.app import Wingman, build_wingman
from wingman.config import Settings, TelemetrySettings
from wingman.core.ports import Cache, ThreatIntel
from wingman.engines import Engines
from wingman.serve import Runner
from wingman.telemetry import Telemetry

SHARED = Path(__file__).resolve().parents[2] / "shared"


def make_settings(**overrides: Any) -> Settings:
    """Settings for tests: free ports, loopback, in-process cache unless a URL is given."""
    values: dict[str, Any] = {
        "rest_port": 0,
        "grpc_port": 0,
        "host": "127.0.0.1",
        "shutdown_grace_s": 2.0,
    }
    values.update(overrides)
    return Settings(**values)


@dataclass
class Observed:
    """Telemetry wired to in-memory exporters."""

    telemetry: Telemetry
    spans: InMemorySpanExporter
    metrics: InMemoryMetricReader


@pytest.fixture
def observed() -> Observed:
    spans = InMemorySpanExporter()
    metrics = InMemoryMetricReader()
    telemetry = Telemetry.from_settings(
        TelemetrySettings(), span_exporter=spans, metric_reader=metrics
    )
    yield Observed(telemetry, spans, metrics)  # type: ignore[misc]
    telemetry.shutdown()


@dataclass
class Server:
    """A running Wingman: both transports on free ports."""

    wingman: Wingman
    runner: Runner
    observed: Observed

    @property
    def rest_url(self) -> str:
        return f"http://127.0.0.1:{self.runner.rest_port}"

    @property
    def grpc_target(self) -> str:
        assert self.runner.grpc is not None
        return f"127.0.0.1:{self.runner.grpc.port}"


ServeFactory = Callable[..., contextlib.AbstractAsyncContextManager[Server]]


@pytest.fixture
def serve(observed: Observed) -> ServeFactory:
    """Start a server: `async with serve(settings=..., cache=..., engines=...) as server`."""

    @contextlib.asynccontextmanager
    async def start(
        *,
        settings: Settings | None = None,
        cache: Cache | None = None,
        engines: Engines | None = None,
        threat_intel: ThreatIntel | None = None,
    ) -> AsyncIterator[Server]:
        settings = settings or make_settings()
        wingman = build_wingman(
            settings,
            telemetry=observed.telemetry,
            cache=cache,
            engines=engines if engines is not None else fake_engines(),
            threat_intel=threat_intel,
        )
        runner = Runner(
            wingman, host=settings.host, rest_port=settings.rest_port, grpc_port=settings.grpc_port
        )
        task = asyncio.create_task(runner.run(install_signals=False))
        started = asyncio.create_task(runner.started.wait())
        await asyncio.wait({task, started}, return_when=asyncio.FIRST_COMPLETED)
        if task.done():
            task.result()
        try:
            yield Server(wingman, runner, observed)
        finally:
            runner.stop()
            await asyncio.wait_for(task, timeout=15)

    return start


def shared_file(*parts: str) -> Path:
    """A file of the shared corpus; skips the test when the corpus is not beside the project."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared corpus not present: {'/'.join(parts)}")
    return path
