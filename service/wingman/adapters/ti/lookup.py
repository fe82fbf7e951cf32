"""One provider's lookups: cache, single-flight (in-process and by lease), budget, breaker, call.

Order for one (tenant, provider, type, value): the cache; then one caller per process (a shared
task) and one process (a Redis lease) goes upstream while the others wait for its entry; the
holder checks the breaker, takes a budget token, calls, stores the answer and drops its lease.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import secrets
from dataclasses import dataclass

from wingman.adapters.ti.breaker import Breaker, BreakerState
from wingman.adapters.ti.budget import Budget
from wingman.adapters.ti.clock import Clock, stamp
from wingman.adapters.ti.keys import cache_key, lease_key
from wingman.adapters.ti.provider import Provider, ProviderError, ProviderErrorKind
from wingman.adapters.ti.record import MAX_RECORD_BYTES, Record, decoded
from wingman.adapters.ti.shared import SharedStore, Unavailable
from wingman.adapters.ti.single_flight import SingleFlight
from wingman.config import TISettings
from wingman.core.models import Indicator, IndicatorType, ProviderResult, Verdict
from wingman.core.tenant import Tenant
from wingman.telemetry import Telemetry

log = logging.getLogger(__name__)
_OUTAGES = frozenset({ProviderErrorKind.UNAVAILABLE, ProviderErrorKind.TIMEOUT})
# Not worth caching: a wrong key must be fixable at once; a 429 is handled by the pause.
_NEVER_CACHED = frozenset({ProviderErrorKind.AUTH, ProviderErrorKind.RATE_LIMITED})
_POLL_FIRST_S = 0.01
_POLL_MAX_S = 0.1
_JOINS = 3


@dataclass(frozen=True, slots=True)
class Resolved:
    """A lookup's result and the outcome label its metrics carry."""

    result: ProviderResult
    outcome: str


@dataclass(frozen=True, slots=True)
class LookupPolicy:
    """Timeouts and TTLs of one provider's lookups."""

    timeout_s: float
    ttl_positive_s: float
    ttl_negative_s: float
    ttl_error_s: float
    lease_ms: int

    @classmethod
    def of(cls, settings: TISettings, *, timeout_s: float) -> LookupPolicy:
        """The policy from the settings, with this provider's call timeout."""
        return cls(
            timeout_s=timeout_s,
            ttl_positive_s=settings.ttl_positive_s,
            ttl_negative_s=settings.ttl_negative_s,
            ttl_error_s=settings.ttl_error_s,
            lease_ms=max(1, int(settings.lease_ms)),
        )


class ProviderLookup:
    """Looks indicators up with one provider, through the cache, shared by every tenant's calls."""

    def __init__(
        self,
        *,
        provider: Provider,
        policy: LookupPolicy,
        store: SharedStore | None,
        breaker: Breaker,
        telemetry: Telemetry,
        clock: Clock,
    ) -> None:
        self.provider = provider
        self.name = provider.name
        self._policy = policy
        self._store = store
        self._breaker = breaker
        self._telemetry = telemetry
        self._clock = clock
        self._budget = Budget(provider=self.name, rate=provider.rate, store=store, clock=clock)
        self._flights: SingleFlight[Resolved] = SingleFlight()

    @property
    def types(self) -> frozenset[IndicatorType]:
        return self.provider.types

    @property
    def breaker_state(self) -> BreakerState:
        return self._breaker.state

    async def lookup(
        self, tenant: Tenant, indicator: Indicator, *, deadline: float
    ) -> ProviderResult:
        """The provider's result for `indicator`, pending when it cannot come by `deadline`."""
        key = cache_key(tenant, self.name, indicator)
        resolved: Resolved | None = None
        # A shared task runs to its leader's deadline: a caller whose deadline is later and who
        # got "pending" from it tries again, then as the leader if nobody else started one.
        for _ in range(_JOINS):
            resolved, leader = await self._flights.run(
                key,
                lambda: self._resolve(key, indicator, deadline),
                timeout=deadline - self._clock.monotonic(),
            )
            if leader or resolved is None or not resolved.result.pending:
                break
        if resolved is None:
            resolved = self._pending("pending")
        self._telemetry.ti_lookups.add(1, {"provider": self.name, "outcome": resolved.outcome})
        return resolved.result

    async def close(self) -> None:
        """Stop running lookups and close the provider."""
        await self._flights.close()
        await self.provider.aclose()

    async def _resolve(self, key: str, indicator: Indicator, deadline: float) -> Resolved:
        store = self._store
        if store is not None:
            try:
                hit = self._hit(await store.get(key))
            except Unavailable:
                store = None
            else:
                if hit is not None:
                    return hit
        if store is None:
            return await self._fetch(None, key, indicator, deadline)
        token = secrets.token_hex(16)
        try:
            waited = await self._lease(store, key, token, deadline)
        except Unavailable:
            return await self._fetch(None, key, indicator, deadline)
        if waited is not None:
            return waited
        # Wait for the budget only while the lease holds: once it expires another process takes
        # it, and two holders would spend two tokens on one value.
        lease_end = self._clock.monotonic() + self._policy.lease_ms / 1000.0
        try:
            return await self._fetch(store, key, indicator, deadline, budget_until=lease_end)
        finally:
            # Should Redis fail now, the lease expires after lease_ms anyway.
            with contextlib.suppress(Unavailable):
                await store.release(lease_key(key), token)

    async def _lease(
        self, store: SharedStore, key: str, token: str, deadline: float
    ) -> Resolved | None:
        """None once we hold the lease; the entry when another process stored it; or pending."""
        pause = _POLL_FIRST_S
        while True:
            if await store.acquire(lease_key(key), token, ttl_ms=self._policy.lease_ms):
                # The previous holder stores its entry before it drops the lease: look again.
                hit = self._hit(await store.get(key), count=False)
                if hit is not None:
                    with contextlib.suppress(Unavailable):
                        await store.release(lease_key(key), token)
                return hit
            left = deadline - self._clock.monotonic()
            if left <= 0:
                return self._pending("pending")
            await asyncio.sleep(min(pause, left))
            pause = min(_POLL_MAX_S, pause * 1.5)
            hit = self._hit(await store.get(key), count=False)
            if hit is not None:
                return hit

    async def _fetch(
        self,
        store: SharedStore | None,
        key: str,
        indicator: Indicator,
        deadline: float,
        *,
        budget_until: float = math.inf,
    ) -> Resolved:
        """Call upstream within the breaker and the budget, and store what it said."""
        if self._breaker.blocked():
            return self._error("circuit open", "circuit_open")
        waited = await self._spend(min(deadline, budget_until))
        if waited is not None:
            return waited
        if not self._breaker.allow():
            return self._error("circuit open", "circuit_open")
        timeout = min(self._policy.timeout_s, deadline - self._clock.monotonic())
        if timeout <= 0:
            return self._pending("pending")
        try:
            answer = await self.provider.lookup(indicator, timeout=timeout)
        except ProviderError as error:
            return await self._failed(store, key, error, capped=timeout < self._policy.timeout_s)
        except Exception as error:  # a provider's bug must not fail the whole call
            log.warning("provider raised", extra={"provider": self.name, "error": repr(error)})
            failure = ProviderError(ProviderErrorKind.UNAVAILABLE, type(error).__name__)
            return await self._failed(store, key, failure, capped=False)
        self._breaker.succeeded()
        record = Record.of_answer(answer, fetched_at=stamp(self._clock.now()))
        policy = self._policy
        ttl = policy.ttl_positive_s if answer.found else policy.ttl_negative_s
        await _put(store, key, record, ttl_s=ttl)
        return Resolved(record.result(self.name, cached=False), "miss")

    async def _spend(self, until: float) -> Resolved | None:
        """Take a budget token, waiting for one only until `until`; else pending."""
        while True:
            wait = await self._budget.take()
            if wait <= 0:
                return None
            if self._clock.monotonic() + wait >= until:
                self._telemetry.ti_budget_exhausted.add(1, {"provider": self.name})
                return self._pending("pending")
            self._telemetry.ti_budget_waits.add(1, {"provider": self.name})
            await asyncio.sleep(wait)

    async def _failed(
        self, store: SharedStore | None, key: str, error: ProviderError, *, capped: bool
    ) -> Resolved:
        if error.kind is ProviderErrorKind.TIMEOUT and capped:
            # Our deadline cut the call short: not the provider's fault, nothing to remember.
            return self._pending("pending")
        if error.kind in _OUTAGES:
            self._breaker.failed()
        else:
            self._breaker.succeeded()
        if error.kind is ProviderErrorKind.RATE_LIMITED:
            await self._budget.pause(error.retry_after or self._policy.ttl_error_s)
            return self._pending(error.kind.value)
        if error.retry_after:
            # "Unavailable, come back in N seconds" (a 503 with Retry-After): nobody asks sooner.
            await self._budget.pause(error.retry_after)
        record = Record.of_error(str(error), fetched_at=stamp(self._clock.now()))
        if error.kind not in _NEVER_CACHED:
            await _put(store, key, record, ttl_s=self._policy.ttl_error_s)
        return Resolved(record.result(self.name, cached=False), error.kind.value)

    def _hit(self, raw: bytes | None, *, count: bool = True) -> Resolved | None:
        record = decoded(raw)
        if count:
            hit = record is not None
            self._telemetry.ti_cache.add(
                1, {"provider": self.name, "result": "hit" if hit else "miss"}
            )
            self._telemetry.ti_hit_ratio.record(hit=hit)
        if record is None:
            return None
        return Resolved(record.result(self.name, cached=True), "hit")

    def _pending(self, outcome: str) -> Resolved:
        return Resolved(
            ProviderResult(provider=self.name, verdict=Verdict.UNKNOWN, pending=True), outcome
        )

    def _error(self, message: str, outcome: str) -> Resolved:
        result = ProviderResult(provider=self.name, verdict=Verdict.UNKNOWN, error=message)
        return Resolved(result, outcome)


async def _put(store: SharedStore | None, key: str, record: Record, *, ttl_s: float) -> None:
    """Store the record; without Redis it is simply not cached."""
    encoded = record.encode()
    # An entry too large to read back would be a permanent miss: leave it out instead.
    if store is not None and len(encoded) <= MAX_RECORD_BYTES:
        with contextlib.suppress(Unavailable):
            await store.put(key, encoded, ttl_s=ttl_s)
