"""Settings: built once in `main` from WINGMAN_* environment variables and passed down."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from wingman.core.limits import KIB, MAX_JSON_DEPTH, MIB, Limits


class _Group(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class LimitSettings(_Group):
    """Input limits; a field over its limit is refused naming the field and the limit."""

    script_bytes: int = Field(1 * MIB, ge=1, description="AnalyzeScript `content` size")
    incident_bytes: int = Field(8 * MIB, ge=1, description="SummarizeIncident `incident` size")
    question_bytes: int = Field(4 * KIB, ge=1, description="NLToKQL `question` size")
    kql_bytes: int = Field(64 * KIB, ge=1, description="ValidateKQL `kql` size")
    filename_bytes: int = Field(1 * KIB, ge=1, description="AnalyzeScript `filename` size")
    timespan_bytes: int = Field(64, ge=1, description="NLToKQL `time_range` timespan size")
    indicators: int = Field(500, ge=1, description="Indicators in one request")
    json_depth: int = Field(
        MAX_JSON_DEPTH, ge=1, le=MAX_JSON_DEPTH, description="Nesting of free-form JSON fields"
    )
    transport_bytes: int = Field(
        16 * MIB, ge=1, description="REST body and gRPC message size, both transports"
    )

    @model_validator(mode="after")
    def _transport_fits_fields(self) -> LimitSettings:
        largest = max(self.script_bytes, self.incident_bytes, self.kql_bytes, self.question_bytes)
        if self.transport_bytes < largest:
            raise ValueError(
                f"transport_bytes ({self.transport_bytes}) must be at least the largest field "
                f"limit ({largest})"
            )
        return self

    def to_limits(self) -> Limits:
        return Limits(**self.model_dump())


class CacheSettings(_Group):
    """The response cache: Redis when WINGMAN_REDIS_URL is set, else an in-process LRU."""

    ttl_seconds: float = Field(3600.0, gt=0, description="Lifetime of a cached result")
    memory_max_entries: int = Field(10_000, ge=1, description="Entries the in-process LRU keeps")
    timeout_ms: float = Field(50.0, gt=0, description="Budget of one Redis operation")
    retry_after_ms: float = Field(
        1000.0, ge=0, description="After a Redis failure, skip Redis this long before retrying"
    )


class ScriptSettings(_Group):
    """AnalyzeScript."""

    budget_ms: float = Field(
        3000.0, gt=0, description="Time one analysis may take; past it the answer is partial"
    )
    yara_dir: Path | None = Field(
        None, description="Directory of the organisation's .yar/.yara rules, matched on every layer"
    )


class IncidentSettings(_Group):
    """SummarizeIncident."""

    max_alerts: int = Field(
        5000, ge=1, description="Alerts one incident may hold; more is refused (413)"
    )
    max_entities: int = Field(500, ge=1, description="Entities one answer lists; the rest counted")
    max_timeline: int = Field(200, ge=1, description="Timeline steps one answer lists")
    max_recommendations: int = Field(100, ge=1, description="Recommendations one answer lists")
    analyse_commands: bool = Field(
        True, description="Read command lines in the evidence with the AnalyzeScript engine"
    )


_RATE = re.compile(r"\s*(\d+)\s*/\s*(\d+(?:\.\d+)?)\s*(s|m|h)?\s*")


def parse_rate(text: str) -> tuple[int, float]:
    """A budget such as `4/60s`, `500/24h` or `1000/1h`: (calls, per seconds)."""
    found = _RATE.fullmatch(text)
    if not found or int(found.group(1)) < 1 or float(found.group(2)) <= 0:
        raise ValueError(f"{text!r}: expected calls/period, e.g. 4/60s, 500/24h")
    unit = {"s": 1.0, "m": 60.0, "h": 3600.0, None: 1.0}[found.group(3)]
    return int(found.group(1)), float(found.group(2)) * unit


class ProviderSettings(_Group):
    """One HTTP threat-intelligence provider."""

    base_url: str | None = Field(None, description="API base URL; unset: the public service")
    api_key: SecretStr | None = Field(None, description="API key (secret)")
    timeout_ms: float = Field(3000.0, gt=0, description="Time one lookup may take")
    rate: str | None = Field(
        None, description="Budget shared by every process, e.g. 4/60s; unset: the free tier's"
    )

    @field_validator("rate")
    @classmethod
    def _rate_parses(cls, value: str | None) -> str | None:
        if value is not None:
            parse_rate(value)
        return value


class FeedSettings(_Group):
    """An offline source read at startup: files or a directory in the container."""

    path: Path | None = Field(None, description="File or directory to read")


def _names(value: object) -> object:
    # A comma list in the environment; a list or tuple from code.
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    return value


class TISettings(_Group):
    """Threat-intelligence enrichment (EnrichIndicators, and `enrich` on the other calls)."""

    enabled: Annotated[tuple[str, ...], NoDecode] = Field(
        (), description="Providers to use, comma-separated (e.g. virustotal,abuseipdb,stix)"
    )
    default_enrich: bool = Field(False, description="`enrich` when a request leaves it unset")
    internal_suffixes: Annotated[tuple[str, ...], NoDecode] = Field(
        (), description="Domain suffixes of the organisation, never looked up (comma-separated)"
    )
    exclude: dict[str, tuple[str, ...]] = Field(
        default_factory=dict,
        description='Per tenant, values, suffixes or networks never looked up (JSON: {"t": [...]})',
    )
    benign_lists: bool = Field(True, description="Skip values on the MISP warning lists")
    ttl_positive_s: float = Field(86400.0, gt=0, description="Cache lifetime of a hit")
    ttl_negative_s: float = Field(3600.0, gt=0, description="Cache lifetime of 'not known'")
    ttl_error_s: float = Field(60.0, gt=0, description="Cache lifetime of an error (never auth)")
    lease_ms: float = Field(
        5000.0, gt=0, description="How long one process may hold a lookup before others retry"
    )
    virustotal: ProviderSettings = ProviderSettings()
    abuseipdb: ProviderSettings = ProviderSettings()
    otx: ProviderSettings = ProviderSettings()
    greynoise: ProviderSettings = ProviderSettings()
    misp: ProviderSettings = ProviderSettings()
    urlhaus: ProviderSettings = ProviderSettings()
    threatfox: ProviderSettings = ProviderSettings()
    malwarebazaar: ProviderSettings = ProviderSettings()
    stix: FeedSettings = FeedSettings()
    misp_feed: FeedSettings = FeedSettings()
    ioc_list: FeedSettings = FeedSettings()

    _split = field_validator("enabled", "internal_suffixes", mode="before")(
        classmethod(lambda cls, value: _names(value))
    )


class TelemetrySettings(_Group):
    """OpenTelemetry traces and metrics."""

    exporter: Literal["none", "console", "otlp"] = Field("none", description="Where spans go")
    otlp_endpoint: str | None = Field(None, description="OTLP/gRPC collector, e.g. host:4317")
    service_name: str = Field("wingman", description="`service.name` resource attribute")
    metrics_interval_ms: int = Field(60_000, ge=100, description="Metric export interval")


class LogSettings(_Group):
    """Logs go to stderr; request content is never logged."""

    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field("INFO", description="Log level")
    format: Literal["json", "text"] = Field("json", description="One JSON object a line, or text")


class GrpcSettings(_Group):
    """gRPC server tuning."""

    keepalive_time_ms: int = Field(60_000, ge=1000, description="Server keepalive ping interval")
    keepalive_timeout_ms: int = Field(20_000, ge=1000, description="Wait for a ping ack")
    min_ping_interval_ms: int = Field(10_000, ge=1000, description="Fastest client pings allowed")
    max_concurrent_streams: int = Field(256, ge=1, description="Concurrent calls per connection")


class AuthSettings(_Group):
    """Authentication. `none` takes the tenant from `x-wingman-tenant`: loopback use only."""

    mode: Literal["none"] = Field("none", description="Authentication mode")


class Settings(BaseSettings):
    """Every setting of the service; env prefix WINGMAN_, nested groups joined with `__`."""

    model_config = SettingsConfigDict(
        env_prefix="WINGMAN_", env_nested_delimiter="__", frozen=True, extra="ignore"
    )

    host: str = Field("127.0.0.1", description="Address both transports listen on")
    rest_port: int = Field(8080, ge=0, le=65535, description="REST port (0: any free port)")
    grpc_port: int = Field(50051, ge=0, le=65535, description="gRPC port (0: any free port)")
    redis_url: str | None = Field(
        None, description="redis://, rediss://, unix:// or redis+cluster:// URL; unset: in-process"
    )
    deadline_ms: float = Field(
        10_000.0, gt=0, description="Longest any call may take; callers may ask for less"
    )
    shutdown_delay_s: float = Field(
        0.0, ge=0, description="On SIGTERM, keep serving this long while readiness reports draining"
    )
    shutdown_grace_s: float = Field(
        10.0, ge=0, description="Then how long in-flight calls may finish"
    )
    engine_workers: int = Field(2, ge=1, le=64, description="Threads for engine work")
    engine_queue: int = Field(64, ge=1, description="Engine jobs that may wait for a thread")
    limits: LimitSettings = LimitSettings()
    scripts: ScriptSettings = ScriptSettings()
    incidents: IncidentSettings = IncidentSettings()
    ti: TISettings = TISettings()
    cache: CacheSettings = CacheSettings()
    telemetry: TelemetrySettings = TelemetrySettings()
    log: LogSettings = LogSettings()
    grpc: GrpcSettings = GrpcSettings()
    auth: AuthSettings = AuthSettings()
