"""OpenTelemetry traces and metrics, set up in one place and passed down (no global providers)."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from opentelemetry import metrics, trace
from opentelemetry.context import Context
from opentelemetry.metrics import CallbackOptions, Observation
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import (
    ConsoleMetricExporter,
    MetricReader,
    PeriodicExportingMetricReader,
)
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import (
    BatchSpanProcessor,
    ConsoleSpanExporter,
    SimpleSpanProcessor,
    SpanExporter,
)
from opentelemetry.trace import SpanKind, Status, StatusCode
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from wingman import __version__
from wingman.config import TelemetrySettings

INSTRUMENTATION = "wingman"


@dataclass
class HitRatio:
    """Cache hits and reads counted in-process, observed as a ratio gauge."""

    hits: int = 0
    reads: int = 0

    def record(self, *, hit: bool) -> None:
        """Count one cache read."""
        self.reads += 1
        self.hits += int(hit)

    def observe(self, options: CallbackOptions) -> Iterable[Observation]:
        """The ratio so far (nothing before the first read)."""
        if self.reads:
            yield Observation(self.hits / self.reads)


@dataclass
class Telemetry:
    """Tracer, meter and the instruments every layer records into."""

    tracer: trace.Tracer
    meter: metrics.Meter
    shutdown_hooks: list[Any] = field(default_factory=list)
    propagator: TraceContextTextMapPropagator = field(default_factory=TraceContextTextMapPropagator)

    def __post_init__(self) -> None:
        m = self.meter
        self.rpc_duration = m.create_histogram(
            "wingman.rpc.duration", unit="ms", description="Server time per call"
        )
        self.engine_duration = m.create_histogram(
            "wingman.engine.duration", unit="ms", description="Engine time per computed result"
        )
        self.cache_lookups = m.create_counter(
            "wingman.cache.lookups", description="Cache lookups by namespace and result"
        )
        self.cache_errors = m.create_counter(
            "wingman.cache.errors", description="Cache backend failures and timeouts"
        )
        self.ti_lookups = m.create_counter(
            "wingman.ti.lookups",
            description="Indicator lookups by provider and outcome (hit, miss, error kind, ...)",
        )
        self.ti_cache = m.create_counter(
            "wingman.ti.cache", description="Threat-intel cache reads by provider and result"
        )
        self.ti_budget_waits = m.create_counter(
            "wingman.ti.budget.waits", description="Lookups that waited for a provider's budget"
        )
        self.ti_budget_exhausted = m.create_counter(
            "wingman.ti.budget.exhausted",
            description="Lookups left pending: the provider's budget was spent until the deadline",
        )
        self.ti_breaker_state = m.create_gauge(
            "wingman.ti.breaker.state",
            description="Provider breaker: 0 closed, 1 half-open, 2 open",
        )
        self.ti_hit_ratio = HitRatio()
        m.create_observable_gauge(
            "wingman.ti.cache.hit_ratio",
            callbacks=[self.ti_hit_ratio.observe],
            description="Threat-intel cache hits over reads since start",
        )

    @classmethod
    def from_settings(
        cls,
        settings: TelemetrySettings,
        *,
        span_exporter: SpanExporter | None = None,
        metric_reader: MetricReader | None = None,
    ) -> Telemetry:
        """Build providers for the configured exporter; tests pass in-memory exporters."""
        resource = Resource.create(
            {"service.name": settings.service_name, "service.version": __version__}
        )
        tracer_provider = TracerProvider(resource=resource)
        readers: list[MetricReader] = []
        if span_exporter is not None:
            tracer_provider.add_span_processor(SimpleSpanProcessor(span_exporter))
        elif settings.exporter != "none":
            tracer_provider.add_span_processor(BatchSpanProcessor(_span_exporter(settings)))
        if metric_reader is not None:
            readers.append(metric_reader)
        elif settings.exporter != "none":
            readers.append(
                PeriodicExportingMetricReader(
                    _metric_exporter(settings),
                    export_interval_millis=settings.metrics_interval_ms,
                )
            )
        meter_provider = MeterProvider(resource=resource, metric_readers=readers)
        return cls(
            tracer=tracer_provider.get_tracer(INSTRUMENTATION, __version__),
            meter=meter_provider.get_meter(INSTRUMENTATION, __version__),
            shutdown_hooks=[tracer_provider.shutdown, meter_provider.shutdown],
        )

    def shutdown(self) -> None:
        """Flush and stop the exporters."""
        for hook in self.shutdown_hooks:
            hook()

    def extract(self, carrier: Mapping[str, str]) -> Context:
        """Continue the caller's W3C trace context from headers or metadata."""
        return self.propagator.extract(carrier=dict(carrier))

    @contextmanager
    def server_span(
        self, name: str, *, carrier: Mapping[str, str], attributes: Mapping[str, Any]
    ) -> Iterator[trace.Span]:
        """Open the SERVER span of one call, parented to the caller's trace."""
        with self.tracer.start_as_current_span(
            name,
            context=self.extract(carrier),
            kind=SpanKind.SERVER,
            attributes=dict(attributes),
            record_exception=False,
            set_status_on_exception=False,
        ) as span:
            yield span

    def record_call(
        self, span: trace.Span, *, method: str, transport: str, status: str, started: float
    ) -> None:
        """Finish a call's span and record its duration metric."""
        span.set_attribute("wingman.status", status)
        if status != "OK":
            span.set_status(Status(StatusCode.ERROR, status))
        elapsed_ms = (time.perf_counter() - started) * 1000.0
        self.rpc_duration.record(
            elapsed_ms, {"wingman.method": method, "wingman.transport": transport, "status": status}
        )


def _span_exporter(settings: TelemetrySettings) -> SpanExporter:
    if settings.exporter == "console":
        return ConsoleSpanExporter()
    from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter

    return OTLPSpanExporter(endpoint=settings.otlp_endpoint)


def _metric_exporter(settings: TelemetrySettings) -> Any:
    if settings.exporter == "console":
        return ConsoleMetricExporter()
    from opentelemetry.exporter.otlp.proto.grpc.metric_exporter import OTLPMetricExporter

    return OTLPMetricExporter(endpoint=settings.otlp_endpoint)
