"""EnrichIndicators in the facade: canonical, distinct indicators through the ThreatIntel port."""

from __future__ import annotations

from collections.abc import Sequence

from wingman.core.models import (
    Degraded,
    Engine,
    EnrichIndicatorsRequest,
    EnrichIndicatorsResponse,
    Indicator,
    IndicatorResult,
    Verdict,
)
from wingman.core.ports import Enrichment, ThreatIntel
from wingman.core.tenant import Tenant
from wingman.core.ti.indicators import canonical

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
