"""Ports: what the facade needs from the outside world, named by role."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from wingman.core.canonical import digest
from wingman.core.models import Indicator, IndicatorResult
from wingman.core.tenant import Tenant

_NAMESPACE = re.compile(r"[a-z][a-z0-9_.-]{0,31}")


@dataclass(frozen=True, slots=True)
class CacheKey:
    """A cache key; the only way to make one is `for_input`, which requires a Tenant."""

    tenant: Tenant
    namespace: str
    version: int
    digest: str

    def __post_init__(self) -> None:
        if not isinstance(self.tenant, Tenant):
            raise TypeError("a cache key needs a Tenant")
        if not _NAMESPACE.fullmatch(self.namespace):
            raise ValueError(f"bad cache namespace {self.namespace!r}")
        if type(self.version) is not int:
            raise TypeError("a cache schema version is an int")
        if self.version < 0:
            raise ValueError("cache schema versions are non-negative")
        if not re.fullmatch(r"[0-9a-f]{64}", self.digest):
            raise ValueError("a cache key digest is a hex SHA-256")

    @classmethod
    def for_input(cls, tenant: Tenant, namespace: str, version: int, canonical: bytes) -> CacheKey:
        """Key the canonical encoding of an input for `tenant`."""
        return cls(tenant, namespace, version, digest(canonical))

    def __str__(self) -> str:
        return f"wingman:{self.tenant.id}:{self.namespace}:v{self.version}:{self.digest}"


class HealthStatus(StrEnum):
    OK = "ok"
    DEGRADED = "degraded"
    DOWN = "down"


@dataclass(frozen=True, slots=True)
class ComponentHealth:
    """How one component is doing, for /readyz."""

    name: str
    status: HealthStatus
    detail: str = ""


class Cache(Protocol):
    """A byte cache with per-entry TTL. Implementations never raise for backend trouble."""

    @property
    def backend(self) -> str:
        """Name of the backend, for logs and /readyz."""
        ...

    async def get(self, key: CacheKey, *, timeout: float) -> bytes | None:
        """Return the value, or None on a miss, an error or when `timeout` seconds pass."""
        ...

    async def set(self, key: CacheKey, value: bytes, *, ttl: float, timeout: float) -> None:
        """Store the value for `ttl` seconds; give up silently after `timeout` seconds."""
        ...

    async def health(self) -> ComponentHealth:
        """Report whether the backend answers."""
        ...

    async def close(self) -> None:
        """Release connections."""
        ...


@dataclass(frozen=True, slots=True)
class Enrichment:
    """The reputation of each indicator asked about, and what could not be used."""

    results: tuple[IndicatorResult, ...]
    degraded: tuple[str, ...] = ()


class ThreatIntel(Protocol):
    """Reputation of indicators from the configured providers, cached per tenant.

    Indicators arrive canonical (`core.ti.indicators.canonical`) and distinct. An implementation
    never raises for provider or cache trouble: a provider that cannot answer says so in its
    `ProviderResult.error`, one whose budget is spent until the deadline says `pending`.
    """

    @property
    def providers(self) -> tuple[str, ...]:
        """Names of the enabled providers."""
        ...

    async def enrich(
        self, tenant: Tenant, indicators: Sequence[Indicator], *, deadline: float
    ) -> Enrichment:
        """Look every indicator up by `deadline` (monotonic seconds), in the order given."""
        ...

    async def health(self) -> ComponentHealth:
        """Report the providers' breakers and the shared cache."""
        ...

    async def close(self) -> None:
        """Release HTTP clients and connections."""
        ...
