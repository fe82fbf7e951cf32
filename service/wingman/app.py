"""The Wingman facade both transports call, and `build_wingman`, the one composition root."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from opentelemetry import trace

from wingman.adapters.memory_cache import MemoryCache
from wingman.adapters.redis_cache import RedisCache, connect, redacted
from wingman.config import Settings
from wingman.core.canonical import canonical_json
from wingman.core.errors import DeadlineExceeded, Unavailable, Unimplemented
from wingman.core.limits import Limits, enforce_limits
from wingman.core.models import (
    AnalyzeScriptRequest,
    AnalyzeScriptResponse,
    Degraded,
    Engine,
    EnrichIndicatorsRequest,
    EnrichIndicatorsResponse,
    NLToKQLRequest,
    NLToKQLResponse,
    Runtime,
    SummarizeIncidentRequest,
    SummarizeIncidentResponse,
    ValidateKQLRequest,
    ValidateKQLResponse,
    WireModel,
)
from wingman.core.ports import Cache, CacheKey, ComponentHealth, HealthStatus, ThreatIntel
from wingman.core.tenant import Tenant
from wingman.engines import Capability, Engines, default_engines
from wingman.enrichment import (
    NO_TI_REASON,
    Misconfigured,
    enrich_incident,
    enrich_indicators,
    enrich_script,
)
from wingman.telemetry import Telemetry

log = logging.getLogger(__name__)

# Bump when the layout of cached values changes; old entries then simply stop matching.
CACHE_SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class Method:
    """What the facade needs to know about one RPC."""

    rpc: str
    engine: str
    namespace: str
    response: type[WireModel]


METHODS: Mapping[str, Method] = {
    "SummarizeIncident": Method(
        "SummarizeIncident", "summarize_incident", "incidents", SummarizeIncidentResponse
    ),
    "AnalyzeScript": Method("AnalyzeScript", "analyze_script", "scripts", AnalyzeScriptResponse),
    "NLToKQL": Method("NLToKQL", "nl_to_kql", "kql.generate", NLToKQLResponse),
    "ValidateKQL": Method("ValidateKQL", "validate_kql", "kql.validate", ValidateKQLResponse),
}


@dataclass(frozen=True, slots=True)
class CallContext:
    """Who is calling, through which door, and by when the answer is due (monotonic seconds)."""

    tenant: Tenant
    transport: str
    deadline: float
    started: float = field(default_factory=time.perf_counter)

    def remaining(self) -> float:
        return self.deadline - time.monotonic()


class Wingman:
    """Orchestrates cache, engines and enrichment; holds no transport logic."""

    def __init__(
        self,
        *,
        settings: Settings,
        cache: Cache,
        telemetry: Telemetry,
        engines: Engines,
        executor: ThreadPoolExecutor,
        threat_intel: ThreatIntel | None = None,
    ) -> None:
        self.settings = settings
        self.threat_intel = threat_intel
        self.cache = cache
        self.telemetry = telemetry
        self.engines = engines
        self.limits: Limits = settings.limits.to_limits()
        self._executor = executor
        self._slots = asyncio.Semaphore(settings.engine_workers + settings.engine_queue)
        self._cache_timeout = settings.cache.timeout_ms / 1000.0
        self.draining = False

    def context(self, tenant: Tenant, transport: str, timeout: float | None = None) -> CallContext:
        """Start a call: its deadline is the caller's timeout, capped by the service's."""
        budget = self.settings.deadline_ms / 1000.0
        if timeout is not None and timeout > 0:
            budget = min(budget, timeout)
        return CallContext(tenant, transport, time.monotonic() + budget)

    async def summarize_incident(
        self, ctx: CallContext, request: SummarizeIncidentRequest
    ) -> SummarizeIncidentResponse:
        """Summarize an incident from a console's native JSON."""
        return await self._serve(METHODS["SummarizeIncident"], ctx, request)  # type: ignore[return-value]

    async def analyze_script(
        self, ctx: CallContext, request: AnalyzeScriptRequest
    ) -> AnalyzeScriptResponse:
        """Deobfuscate and assess a script."""
        return await self._serve(METHODS["AnalyzeScript"], ctx, request)  # type: ignore[return-value]

    async def nl_to_kql(self, ctx: CallContext, request: NLToKQLRequest) -> NLToKQLResponse:
        """Turn a question into schema-checked KQL."""
        return await self._serve(METHODS["NLToKQL"], ctx, request)  # type: ignore[return-value]

    async def validate_kql(
        self, ctx: CallContext, request: ValidateKQLRequest
    ) -> ValidateKQLResponse:
        """Check KQL for syntax and schema errors."""
        return await self._serve(METHODS["ValidateKQL"], ctx, request)  # type: ignore[return-value]

    async def enrich_indicators(
        self, ctx: CallContext, request: EnrichIndicatorsRequest
    ) -> EnrichIndicatorsResponse:
        """Look indicators up in the configured threat-intelligence providers."""
        enforce_limits(request, self.limits)
        response = await enrich_indicators(
            self.threat_intel, ctx.tenant, request, deadline=ctx.deadline
        )
        runtime = Runtime(duration_ms=round((time.perf_counter() - ctx.started) * 1000.0, 3))
        return response.model_copy(update={"runtime": runtime})

    async def readiness(self) -> list[ComponentHealth]:
        """Report each component's health for /readyz."""
        components = [await self.cache.health()]
        if self.threat_intel is not None:
            components.append(await self.threat_intel.health())
        for method in METHODS.values():
            capability = getattr(self.engines, method.engine)
            components.append(
                ComponentHealth(
                    method.rpc, HealthStatus.OK, f"{capability.name} {capability.version}"
                )
                if capability
                else ComponentHealth(method.rpc, HealthStatus.DOWN, "engine not in this build")
            )
        return components

    async def aclose(self) -> None:
        """Release the cache and the engine threads."""
        await self.cache.close()
        if self.threat_intel is not None:
            await self.threat_intel.close()
        self._executor.shutdown(wait=False, cancel_futures=True)

    async def _serve(self, method: Method, ctx: CallContext, request: WireModel) -> WireModel:
        incident = enforce_limits(request, self.limits)
        capability: Capability[Any, Any] | None = getattr(self.engines, method.engine)
        if capability is None:
            raise Unimplemented(f"{method.rpc}: this build has no engine for it yet")
        span = trace.get_current_span()
        canonical = _canonical_input(capability, request, incident)
        key = CacheKey.for_input(ctx.tenant, method.namespace, CACHE_SCHEMA_VERSION, canonical)
        response = await self._cached(method, key, ctx)
        hit = response is not None
        engine_ms = 0.0
        if response is None:
            response, engine_ms = await self._compute(capability, request, ctx)
            await self.cache.set(
                key,
                response.model_dump_json(exclude={"runtime"}).encode(),
                ttl=self.settings.cache.ttl_seconds,
                timeout=self._cache_budget(ctx),
            )
            self.telemetry.engine_duration.record(engine_ms, {"wingman.method": method.rpc})
        span.set_attribute("wingman.cache.hit", hit)
        span.set_attribute("wingman.engine.duration_ms", engine_ms)
        update: dict[str, Any] = {
            "engine": Engine(name=capability.name, version=capability.version),
            "runtime": Runtime(
                cached=hit,
                duration_ms=round((time.perf_counter() - ctx.started) * 1000.0, 3),
                engine_ms=round(engine_ms, 3),
            ),
        }
        reasons = self._degraded_reasons(request)
        if self.threat_intel is not None and self._wants_enrichment(request):
            # Reputations are composed per call, never frozen into the cached answer.
            response, looked_up = await self._enriched(response, ctx)
            reasons += looked_up
        if reasons:
            previous = response.degraded.reasons if response.degraded else ()  # type: ignore[attr-defined]
            update["degraded"] = Degraded(reasons=(*previous, *reasons))
        return response.model_copy(update=update)

    async def _cached(self, method: Method, key: CacheKey, ctx: CallContext) -> WireModel | None:
        raw = await self.cache.get(key, timeout=self._cache_budget(ctx))
        result = "miss" if raw is None else "hit"
        self.telemetry.cache_lookups.add(1, {"namespace": method.namespace, "result": result})
        if raw is None:
            return None
        try:
            return method.response.model_validate_json(raw)
        except ValueError:
            log.warning(
                "discarding an unreadable cache entry", extra={"namespace": method.namespace}
            )
            return None

    async def _compute(
        self, capability: Capability[Any, Any], request: WireModel, ctx: CallContext
    ) -> tuple[WireModel, float]:
        remaining = ctx.remaining()
        if remaining <= 0:
            raise DeadlineExceeded("the deadline passed before the engine could start")
        if self._slots.locked():
            raise Unavailable("every engine slot is busy; retry shortly")
        async with self._slots:
            started = time.perf_counter()
            loop = asyncio.get_running_loop()
            job = loop.run_in_executor(
                self._executor, lambda: capability.run(request, deadline=ctx.deadline)
            )
            try:
                response: WireModel = await asyncio.wait_for(job, timeout=ctx.remaining())
            except TimeoutError:
                raise DeadlineExceeded(
                    f"the engine did not finish within the deadline ({remaining * 1000:.0f} ms)"
                ) from None
            return response, (time.perf_counter() - started) * 1000.0

    def _cache_budget(self, ctx: CallContext) -> float:
        return max(0.001, min(self._cache_timeout, ctx.remaining()))

    def _wants_enrichment(self, request: WireModel) -> bool:
        enrich = getattr(request, "enrich", False)
        return bool(self.settings.ti.default_enrich if enrich is None else enrich)

    def _degraded_reasons(self, request: WireModel) -> list[str]:
        wanted = self._wants_enrichment(request)
        return [NO_TI_REASON] if wanted and self.threat_intel is None else []

    async def _enriched(
        self, response: WireModel, ctx: CallContext
    ) -> tuple[WireModel, tuple[str, ...]]:
        assert self.threat_intel is not None
        if isinstance(response, SummarizeIncidentResponse):
            return await enrich_incident(
                self.threat_intel, ctx.tenant, response, deadline=ctx.deadline
            )
        if isinstance(response, AnalyzeScriptResponse):
            return await enrich_script(
                self.threat_intel, ctx.tenant, response, deadline=ctx.deadline
            )
        return response, ()


def _canonical_input(
    capability: Capability[Any, Any], request: WireModel, incident: bytes | None
) -> bytes:
    """What the cache key digests: the engine and the request, in canonical JSON.

    The limits check already wrote a large incident canonically; it is reused, not redone (a
    350 KB incident costs 12 ms a time). Canonical JSON holds no NUL byte, so the join is exact.
    """
    if incident is None:
        return canonical_json(
            [capability.name, capability.version, request.model_dump(mode="json")]
        )
    rest = request.model_dump(mode="json", exclude={"incident"})
    return canonical_json([capability.name, capability.version, rest]) + b"\x00" + incident


def build_cache(settings: Settings, telemetry: Telemetry) -> Cache:
    """Redis when a URL is configured, else the embedded in-process LRU."""
    if settings.redis_url:
        client = connect(settings.redis_url, timeout_s=settings.cache.timeout_ms / 1000.0)
        log.info("cache: redis", extra={"redis": redacted(settings.redis_url)})
        return RedisCache(
            client,
            telemetry=telemetry,
            display_url=redacted(settings.redis_url),
            retry_after_s=settings.cache.retry_after_ms / 1000.0,
        )
    log.info(
        "cache: in-process LRU (set WINGMAN_REDIS_URL to share a Redis)",
        extra={"max_entries": settings.cache.memory_max_entries},
    )
    return MemoryCache(max_entries=settings.cache.memory_max_entries)


def build_threat_intel(settings: Settings, telemetry: Telemetry) -> ThreatIntel | None:
    """The gateway over the enabled providers, or None when `WINGMAN_TI__ENABLED` names none."""
    if not settings.ti.enabled:
        return None
    from wingman.adapters.ti.gateway import ThreatIntelGateway
    from wingman.adapters.ti.offline.warning_lists import benign_lists
    from wingman.adapters.ti.registry import build_providers
    from wingman.core.ti.exclusions import Exclusions

    providers, problems = build_providers(settings.ti)
    for problem in problems:
        log.error("threat intelligence: provider not used", extra={"reason": problem})
    exclusions = Exclusions(
        internal_suffixes=settings.ti.internal_suffixes,
        tenants=settings.ti.exclude,
        benign=benign_lists(settings.ti),
    )
    # The gateway owns (and closes) its client, apart from the response cache's.
    timeout = settings.cache.timeout_ms / 1000.0
    redis = connect(settings.redis_url, timeout_s=timeout) if settings.redis_url else None
    log.info(
        "threat intelligence",
        extra={"providers": [p.name for p in providers], "shared": redis is not None},
    )
    gateway = ThreatIntelGateway(
        providers=providers,
        exclusions=exclusions,
        settings=settings.ti,
        redis=redis,
        telemetry=telemetry,
        redis_timeout_s=timeout,
    )
    # A provider named in the settings but not usable is said on every answer, not only logged.
    return Misconfigured(gateway, problems) if problems else gateway


def build_wingman(
    settings: Settings,
    *,
    telemetry: Telemetry | None = None,
    cache: Cache | None = None,
    engines: Engines | None = None,
    threat_intel: ThreatIntel | None = None,
) -> Wingman:
    """Compose the service from settings; tests inject any adapter explicitly."""
    telemetry = telemetry or Telemetry.from_settings(settings.telemetry)
    return Wingman(
        threat_intel=threat_intel
        if threat_intel is not None
        else build_threat_intel(settings, telemetry),
        settings=settings,
        cache=cache if cache is not None else build_cache(settings, telemetry),
        telemetry=telemetry,
        engines=engines if engines is not None else default_engines(settings),
        executor=ThreadPoolExecutor(settings.engine_workers, thread_name_prefix="wingman-engine"),
    )
