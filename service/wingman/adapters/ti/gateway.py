"""ThreatIntelGateway: the `ThreatIntel` port over the configured providers.

Each indicator that may be looked up is asked of every provider that knows its type, at once;
answers are cached per tenant in Redis, one process makes each upstream call, and budgets are
shared by every process. Without Redis everything still answers, uncached and per process.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence

from redis.asyncio import Redis
from redis.asyncio.cluster import RedisCluster

from wingman.adapters.ti.breaker import Breaker, BreakerState
from wingman.adapters.ti.clock import Clock, SystemClock
from wingman.adapters.ti.keys import checked_provider
from wingman.adapters.ti.lookup import LookupPolicy, ProviderLookup
from wingman.adapters.ti.provider import Provider
from wingman.adapters.ti.shared import SharedStore, Unavailable
from wingman.config import ProviderSettings, TISettings
from wingman.core.models import Indicator, IndicatorResult, Verdict
from wingman.core.ports import ComponentHealth, Enrichment, HealthStatus
from wingman.core.tenant import Tenant
from wingman.core.ti.exclusions import Exclusions
from wingman.core.ti.verdicts import aggregate
from wingman.telemetry import Telemetry

DEGRADED = (
    "threat intelligence: the shared cache is unavailable; "
    "answers are not cached and budgets are per process"
)
DEFAULT_TIMEOUT_S = 3.0


class ThreatIntelGateway:
    """Enriches indicators through the providers, the shared cache and the budgets."""

    def __init__(
        self,
        *,
        providers: Sequence[Provider],
        exclusions: Exclusions,
        settings: TISettings,
        redis: Redis | RedisCluster | None,
        telemetry: Telemetry,
        clock: Clock | None = None,
        redis_timeout_s: float = 0.1,
        redis_retry_after_s: float = 1.0,
        breaker_threshold: int = 5,
        breaker_cooldown_s: float = 30.0,
    ) -> None:
        self._clock = clock or SystemClock()
        self._exclusions = exclusions
        self._telemetry = telemetry
        self._store = (
            SharedStore(
                redis,
                timeout_s=redis_timeout_s,
                retry_after_s=redis_retry_after_s,
                clock=self._clock,
                telemetry=telemetry,
            )
            if redis is not None
            else None
        )
        names = [checked_provider(provider.name) for provider in providers]
        if len(set(names)) != len(names):
            raise ValueError(f"providers named twice: {', '.join(names)}")
        self._lookups = tuple(
            ProviderLookup(
                provider=provider,
                policy=LookupPolicy.of(settings, timeout_s=_timeout_s(settings, provider.name)),
                store=self._store,
                breaker=Breaker(
                    threshold=breaker_threshold,
                    cooldown_s=breaker_cooldown_s,
                    clock=self._clock,
                    on_change=self._breaker_reporter(provider.name),
                ),
                telemetry=telemetry,
                clock=self._clock,
            )
            for provider in providers
        )

    @property
    def providers(self) -> tuple[str, ...]:
        return tuple(lookup.name for lookup in self._lookups)

    async def enrich(
        self, tenant: Tenant, indicators: Sequence[Indicator], *, deadline: float
    ) -> Enrichment:
        """Look every indicator up by `deadline` (monotonic seconds), in the order given."""
        started = self._clock.monotonic()
        results = await asyncio.gather(
            *(self._enrich_one(tenant, indicator, deadline) for indicator in indicators)
        )
        troubled = self._store is not None and self._store.troubled_since(started)
        return Enrichment(results=tuple(results), degraded=(DEGRADED,) if troubled else ())

    async def health(self) -> ComponentHealth:
        """Report the providers' breakers and the shared cache."""
        problems = [
            f"{lookup.name} circuit {lookup.breaker_state.name.lower().replace('_', '-')}"
            for lookup in self._lookups
            if lookup.breaker_state is not BreakerState.CLOSED
        ]
        if self._store is None:
            cache = "no shared cache (budgets per process)"
        else:
            try:
                await self._store.ping()
                cache = "shared cache ok"
            except Unavailable as problem:
                problems.append(f"shared cache unavailable ({problem})")
                cache = ""
        names = ", ".join(self.providers) or "none"
        detail = "; ".join([f"providers: {names}", *(problems or [cache])])
        status = HealthStatus.DEGRADED if problems else HealthStatus.OK
        return ComponentHealth("threat_intel", status, detail)

    async def close(self) -> None:
        """Stop running lookups, close the providers' HTTP clients and the Redis connections."""
        await asyncio.gather(*(lookup.close() for lookup in self._lookups), return_exceptions=True)
        if self._store is not None:
            await self._store.close()

    async def _enrich_one(
        self, tenant: Tenant, indicator: Indicator, deadline: float
    ) -> IndicatorResult:
        reason = self._exclusions.reason(tenant.id, indicator)
        if reason is not None:
            self._telemetry.ti_lookups.add(1, {"outcome": "excluded"})
            return IndicatorResult(
                type=indicator.type, value=indicator.value, verdict=Verdict.UNKNOWN, excluded=reason
            )
        asked = [lookup for lookup in self._lookups if indicator.type in lookup.types]
        results = await asyncio.gather(
            *(lookup.lookup(tenant, indicator, deadline=deadline) for lookup in asked)
        )
        reputation = aggregate(results)
        return IndicatorResult(
            type=indicator.type,
            value=indicator.value,
            verdict=reputation.verdict,
            score=reputation.score,
            reasons=reputation.reasons,
            providers=reputation.providers,
        )

    def _breaker_reporter(self, provider: str) -> Callable[[BreakerState], None]:
        gauge = self._telemetry.ti_breaker_state

        def report(state: BreakerState) -> None:
            gauge.set(int(state), {"provider": provider})

        return report


def _timeout_s(settings: TISettings, provider: str) -> float:
    config = getattr(settings, provider, None)
    if isinstance(config, ProviderSettings):
        return config.timeout_ms / 1000.0
    return DEFAULT_TIMEOUT_S
