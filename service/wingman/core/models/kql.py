"""NLToKQL and ValidateKQL requests and responses."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Discriminator, Field, Tag

from wingman.core.models._base import WireEnum, WireModel
from wingman.core.models.common import Degraded, Diagnostic, Engine, Runtime


class Platform(WireEnum):
    DEFENDER = "defender"
    SENTINEL = "sentinel"


class TimeWindow(WireModel):
    start: str
    end: str


def _time_range_kind(value: Any) -> str:
    return "TimeWindow" if isinstance(value, dict | TimeWindow) else "str"


# A KQL timespan such as "7d", or an absolute window; the tags name the member in error paths.
TimeRange = Annotated[
    Annotated[str, Tag("str")] | Annotated[TimeWindow, Tag("TimeWindow")],
    Discriminator(_time_range_kind),
]
UNION_TAGS = frozenset({"str", "TimeWindow"})


def _defender_when_null(value: object) -> object:
    return Platform.DEFENDER if value is None else value


# NLToKQL's platform: JSON null means "not given", like an absent field or gRPC's
# PLATFORM_UNSPECIFIED, and so the default, as ValidateKQL treats it (there it means "infer it").
GeneratePlatform = Annotated[
    Platform, BeforeValidator(_defender_when_null, json_schema_input_type=Platform | None)
]


class NLToKQLRequest(WireModel):
    question: str
    platform: GeneratePlatform = Platform.DEFENDER
    time_range: TimeRange | None = None
    # Rows the query may return; the planner caps queries at 100 when unset.
    max_rows: int | None = Field(default=None, ge=1, le=10_000)


class KQLAlternative(WireModel):
    kql: str
    explanation: str = ""
    confidence: float = Field(default=0.0, ge=0.0, le=1.0)


class KQLClause(WireModel):
    kql: str
    text: str


class NLToKQLResponse(WireModel):
    kql: str
    valid: bool
    platform: Platform
    tables: tuple[str, ...] = ()
    explanation: str = ""
    clauses: tuple[KQLClause, ...] = ()
    confidence: float = Field(default=0.0, ge=0.0, le=1.0)
    diagnostics: tuple[Diagnostic, ...] = ()
    alternatives: tuple[KQLAlternative, ...] = ()
    suggestions: tuple[str, ...] = ()
    engine: Engine
    degraded: Degraded | None = None
    runtime: Runtime = Runtime()


class ValidateKQLRequest(WireModel):
    kql: str
    platform: Platform | None = None


class ValidateKQLResponse(WireModel):
    valid: bool
    platform: Platform
    tables: tuple[str, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    engine: Engine
    degraded: Degraded | None = None
    runtime: Runtime = Runtime()
