"""Request objects for the typed convenience methods, and the vocabulary they accept."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, TypeAlias

from wingman_client._retry import RetryPolicy

__all__ = [
    "DEFAULT_RETRY",
    "DEFAULT_TIMEOUT",
    "IncidentFormat",
    "JsonValue",
    "Platform",
    "ScriptLanguage",
    "TimeRange",
    "analyze_script_request",
    "check_timeout",
    "nl_to_kql_request",
    "summarize_incident_request",
    "validate_kql_request",
]

DEFAULT_TIMEOUT = 10.0
DEFAULT_RETRY = RetryPolicy()

JsonValue: TypeAlias = Mapping[str, Any] | Sequence[Any] | str | int | float | bool | None
IncidentFormat: TypeAlias = Literal[
    "auto",
    "graph",
    "m365d",
    "mde",
    "sentinel",
    "defender_for_cloud",
    "ocsf",
    "google_secops",
    "elastic",
    "wingman",
]
ScriptLanguage: TypeAlias = Literal[
    "auto", "powershell", "batch", "bash", "python", "javascript", "vbscript"
]
Platform: TypeAlias = Literal["defender", "sentinel"]
# A KQL timespan such as "7d", or an absolute window {"start": ..., "end": ...} (ISO 8601).
TimeRange: TypeAlias = str | Mapping[str, str]


def check_timeout(timeout: float | None) -> float | None:
    """Check that a timeout is positive (None means no deadline) and return it."""
    if timeout is not None and timeout <= 0:
        raise ValueError(f"timeout must be positive, got {timeout}")
    return timeout


def summarize_incident_request(
    incident: JsonValue, format: IncidentFormat | None, enrich: bool | None
) -> dict[str, Any]:
    """Build a SummarizeIncident request object."""
    return _present(incident=incident, format=format, enrich=enrich)


def analyze_script_request(
    content: str | None,
    content_base64: str | None,
    language: ScriptLanguage | None,
    filename: str | None,
    enrich: bool | None,
) -> dict[str, Any]:
    """Build an AnalyzeScript request object."""
    return _present(
        content=content,
        content_base64=content_base64,
        language=language,
        filename=filename,
        enrich=enrich,
    )


def nl_to_kql_request(
    question: str, platform: Platform | None, time_range: TimeRange | None, max_rows: int | None
) -> dict[str, Any]:
    """Build an NLToKQL request object."""
    return _present(question=question, platform=platform, time_range=time_range, max_rows=max_rows)


def validate_kql_request(kql: str, platform: Platform | None) -> dict[str, Any]:
    """Build a ValidateKQL request object."""
    return _present(kql=kql, platform=platform)


def enrich_indicators_request(indicators: Sequence[Mapping[str, str]]) -> dict[str, Any]:
    """Build an EnrichIndicators request object from `{type, value}` items."""
    return {"indicators": [dict(item) for item in indicators]}


def _present(**fields: Any) -> dict[str, Any]:
    return {name: value for name, value in fields.items() if value is not None}
