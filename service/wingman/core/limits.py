"""The one table of input limits, enforced identically behind every transport."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from wingman.core.canonical import canonical_json, json_depth
from wingman.core.errors import InvalidArgument, PayloadTooLarge
from wingman.core.models import (
    AnalyzeScriptRequest,
    EnrichIndicatorsRequest,
    NLToKQLRequest,
    SummarizeIncidentRequest,
    ValidateKQLRequest,
    WireModel,
)

KIB = 1024
MIB = 1024 * KIB

# protobuf's binary decoder refuses messages nested more than 100 deep, and every JSON object level
# of a google.protobuf.Value costs three of them; 32 is the deepest JSON both transports can carry.
MAX_JSON_DEPTH = 32


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-field limits; the transport limit is the largest field limit plus headroom."""

    script_bytes: int = 1 * MIB
    incident_bytes: int = 8 * MIB
    question_bytes: int = 4 * KIB
    kql_bytes: int = 64 * KIB
    filename_bytes: int = 1 * KIB
    timespan_bytes: int = 64
    indicators: int = 500
    json_depth: int = MAX_JSON_DEPTH
    transport_bytes: int = 16 * MIB


@dataclass(frozen=True, slots=True)
class FieldLimit:
    """One field's size rule: `measure` returns its size, or None when the field is absent."""

    field: str
    limit: str
    measure: Callable[[Any], int | None]
    unit: str = "bytes"
    required: bool = False


def _utf8_len(text: str | None) -> int | None:
    return None if text is None else len(text.encode("utf-8", "surrogatepass"))


def _text_size(text: str) -> int:
    """The UTF-8 size of all of a text, or 0 when it is only whitespace (an empty field).

    The whole text counts, padding included: a size taken after stripping let megabytes of spaces
    through to an engine whose cost is linear in the length.
    """
    return 0 if text.isspace() else len(text.encode("utf-8", "surrogatepass"))


def _script_size(request: AnalyzeScriptRequest) -> int | None:
    return _utf8_len(request.content)


def _script_bytes_size(request: AnalyzeScriptRequest) -> int | None:
    return None if request.content_base64 is None else len(request.content_base64)


def _timespan_size(request: NLToKQLRequest) -> int | None:
    return _utf8_len(request.time_range) if isinstance(request.time_range, str) else None


FIELD_LIMITS: Mapping[type[WireModel], tuple[FieldLimit, ...]] = {
    AnalyzeScriptRequest: (
        FieldLimit("content", "script_bytes", _script_size, required=True),
        FieldLimit("content_base64", "script_bytes", _script_bytes_size, required=True),
        FieldLimit("filename", "filename_bytes", lambda r: _utf8_len(r.filename)),
    ),
    NLToKQLRequest: (
        FieldLimit("question", "question_bytes", lambda r: _text_size(r.question), required=True),
        FieldLimit("time_range", "timespan_bytes", _timespan_size),
    ),
    ValidateKQLRequest: (
        FieldLimit("kql", "kql_bytes", lambda r: _text_size(r.kql), required=True),
    ),
    SummarizeIncidentRequest: (),
    EnrichIndicatorsRequest: (
        FieldLimit(
            "indicators",
            "indicators",
            lambda r: len(r.indicators),
            unit="indicators",
            required=True,
        ),
    ),
}

# Fields that carry free-form JSON; their depth is checked before anything walks them recursively.
JSON_FIELDS: Mapping[type[WireModel], tuple[str, ...]] = {
    SummarizeIncidentRequest: ("incident",),
}


def check_json_depth(model: type[WireModel], raw: Mapping[str, Any], limits: Limits) -> None:
    """Reject a free-form JSON field nested deeper than the limit."""
    for name in JSON_FIELDS.get(model, ()):
        if name in raw:
            depth = json_depth(raw[name])
            if depth > limits.json_depth:
                raise InvalidArgument(
                    f"{name}: JSON nesting depth {depth} exceeds the limit of {limits.json_depth}",
                    field=name,
                    limit=limits.json_depth,
                )


def enforce_limits(request: WireModel, limits: Limits) -> bytes | None:
    """Check every field limit of `request`; return the incident's canonical JSON when it has one.

    Raises InvalidArgument for an empty required field or JSON nested too deep, and
    PayloadTooLarge, naming the field and its limit, for a field over its size limit.
    """
    for rule in FIELD_LIMITS.get(type(request), ()):
        size = rule.measure(request)
        if size is None:
            continue
        if rule.required and size == 0:
            raise InvalidArgument(f"{rule.field}: must not be empty", field=rule.field)
        limit = getattr(limits, rule.limit)
        if size > limit:
            raise PayloadTooLarge(rule.field, size=size, limit=limit, unit=rule.unit)
    if isinstance(request, SummarizeIncidentRequest):
        return _check_incident(request, limits)
    return None


def _check_incident(request: SummarizeIncidentRequest, limits: Limits) -> bytes:
    if request.incident is None or request.incident == {} or request.incident == []:
        raise InvalidArgument(
            "incident: must be a non-empty JSON object or array", field="incident"
        )
    check_json_depth(SummarizeIncidentRequest, {"incident": request.incident}, limits)
    encoded = canonical_json(request.incident)
    if len(encoded) > limits.incident_bytes:
        raise PayloadTooLarge("incident", size=len(encoded), limit=limits.incident_bytes)
    return encoded
