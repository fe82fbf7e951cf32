"""EnrichIndicators request and response."""

from __future__ import annotations

from pydantic import Field

from wingman.core.models._base import WireModel
from wingman.core.models.common import (
    Degraded,
    Engine,
    Indicator,
    IndicatorType,
    ProviderResult,
    Runtime,
    Verdict,
)


class EnrichIndicatorsRequest(WireModel):
    indicators: tuple[Indicator, ...]


class IndicatorResult(WireModel):
    type: IndicatorType
    value: str
    verdict: Verdict
    score: int = Field(default=0, ge=0, le=100)
    reasons: tuple[str, ...] = ()
    providers: tuple[ProviderResult, ...] = ()
    excluded: str = ""


class EnrichIndicatorsResponse(WireModel):
    results: tuple[IndicatorResult, ...] = ()
    engine: Engine
    degraded: Degraded | None = None
    runtime: Runtime = Runtime()
