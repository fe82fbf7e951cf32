"""EnrichIndicators in the facade: canonical, distinct indicators through the ThreatIntel port."""

from __future__ import annotations

from collections.abc import Sequence

from wingman.core.errors import InvalidArgument
from wingman.core.incidents.reputation import entity_indicators, reputation_of, with_reputations
from wingman.core.models import (
    AnalyzeScriptResponse,
    Degraded,
    Engine,
    EnrichIndicatorsRequest,
    EnrichIndicatorsResponse,
    Indicator,
    IndicatorResult,
    SummarizeIncidentResponse,
    Verdict,
)
from wingman.core.ports import ComponentHealth, Enrichment, HealthStatus, ThreatIntel
from wingman.core.tenant import Tenant
from wingman.core.ti.indicators import canonical
from wingman.core.ti.verdicts import VERDICT_RANK

ENGINE = Engine(name="wingman-ti", version="0.1.0")
NO_TI_REASON = "enrichment: no threat-intelligence provider is configured"


def canonical_indicators(indicators: Sequence[Indicator], *, field: str) -> list[Indicator]:
    """Each indicator in its canonical form, the item named in any error (`indicators[3]`)."""
    return [canonical(item, field=f"{field}[{i}]") for i, item in enumerate(indicators)]


async def lookup(
    threat_intel: ThreatIntel | None,
    tenant: Tenant,
    indicators: Sequence[Indicator],
    *,
    deadline: float,
) -> Enrichment:
    """The enrichment of distinct indicators; without providers, every one unknown and why."""
    distinct = list(dict.fromkeys(indicators))
    if threat_intel is None:
        unknown = tuple(
            IndicatorResult(type=i.type, value=i.value, verdict=Verdict.UNKNOWN) for i in distinct
        )
        return Enrichment(results=unknown, degraded=(NO_TI_REASON,))
    return await threat_intel.enrich(tenant, distinct, deadline=deadline)


async def enrich_indicators(
    threat_intel: ThreatIntel | None,
    tenant: Tenant,
    request: EnrichIndicatorsRequest,
    *,
    deadline: float,
) -> EnrichIndicatorsResponse:
    """One result per requested indicator, in the request's order (repeats share a lookup)."""
    indicators = canonical_indicators(request.indicators, field="indicators")
    enrichment = await lookup(threat_intel, tenant, indicators, deadline=deadline)
    by_value = {(r.type, r.value): r for r in enrichment.results}
    results = tuple(by_value[(i.type, i.value)] for i in indicators)
    degraded = Degraded(reasons=enrichment.degraded) if enrichment.degraded else None
    return EnrichIndicatorsResponse(results=results, engine=ENGINE, degraded=degraded)


def _usable(indicator: Indicator) -> Indicator | None:
    # Values read from alerts or scripts may not be of their type; they are simply not asked.
    try:
        return canonical(indicator, field="indicator")
    except InvalidArgument:
        return None


async def enrich_incident(
    threat_intel: ThreatIntel,
    tenant: Tenant,
    answer: SummarizeIncidentResponse,
    *,
    deadline: float,
) -> tuple[SummarizeIncidentResponse, tuple[str, ...]]:
    """The summary with each indicator entity's reputation (its strongest indicator's)."""
    wanted: dict[str, list[Indicator]] = {}
    for entity in answer.entities:
        found = [i for i in map(_usable, entity_indicators(entity)) if i is not None]
        if found:
            wanted[entity.id] = found
    if not wanted:
        return answer, ()
    every = [i for found in wanted.values() for i in found]
    enrichment = await lookup(threat_intel, tenant, every, deadline=deadline)
    by_value = {(r.type, r.value): r for r in enrichment.results}
    best = {
        entity_id: max(
            (by_value[(i.type, i.value)] for i in found), key=lambda r: VERDICT_RANK[r.verdict]
        )
        for entity_id, found in wanted.items()
    }
    return with_reputations(answer, best), enrichment.degraded


async def enrich_script(
    threat_intel: ThreatIntel,
    tenant: Tenant,
    answer: AnalyzeScriptResponse,
    *,
    deadline: float,
) -> tuple[AnalyzeScriptResponse, tuple[str, ...]]:
    """The analysis with each indicator's reputation."""
    usable = {id(ioc): _usable(Indicator(type=ioc.type, value=ioc.value)) for ioc in answer.iocs}
    asked = [i for i in usable.values() if i is not None]
    if not asked:
        return answer, ()
    enrichment = await lookup(threat_intel, tenant, asked, deadline=deadline)
    by_value = {(r.type, r.value): r for r in enrichment.results}
    iocs = []
    for ioc in answer.iocs:
        indicator = usable[id(ioc)]
        result = by_value.get((indicator.type, indicator.value)) if indicator else None
        iocs.append(ioc.model_copy(update={"enrichment": reputation_of(result)}) if result else ioc)
    return answer.model_copy(update={"iocs": tuple(iocs)}), enrichment.degraded


class Misconfigured:
    """A ThreatIntel whose answers also say which configured providers could not be used."""

    def __init__(self, inner: ThreatIntel, problems: Sequence[str]) -> None:
        self._inner = inner
        self._reasons = tuple(f"enrichment: provider {problem}" for problem in problems)

    @property
    def providers(self) -> tuple[str, ...]:
        return self._inner.providers

    async def enrich(
        self, tenant: Tenant, indicators: Sequence[Indicator], *, deadline: float
    ) -> Enrichment:
        found = await self._inner.enrich(tenant, indicators, deadline=deadline)
        return Enrichment(results=found.results, degraded=(*found.degraded, *self._reasons))

    async def health(self) -> ComponentHealth:
        inner = await self._inner.health()
        status = HealthStatus.DEGRADED if inner.status is HealthStatus.OK else inner.status
        detail = "; ".join(filter(None, (inner.detail, *self._reasons)))
        return ComponentHealth(inner.name, status, detail)

    async def close(self) -> None:
        await self._inner.close()
