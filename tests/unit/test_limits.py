"""The limits table: every field limit is enforced with an error naming the field and the limit."""

from __future__ import annotations

import pytest

from wingman.config import LimitSettings
from wingman.core.errors import ErrorCode, InvalidArgument, PayloadTooLarge, Reason
from wingman.core.limits import MAX_JSON_DEPTH, Limits, enforce_limits
from wingman.core.models import (
    AnalyzeScriptRequest,
    NLToKQLRequest,
    SummarizeIncidentRequest,
    ValidateKQLRequest,
)
from wingman.core.validation import build_request, parse_json

SMALL = Limits(script_bytes=10, question_bytes=8, kql_bytes=6, incident_bytes=40, json_depth=3)


def nested(depth: int) -> object:
    value: object = 1
    for _ in range(depth):
        value = {"a": value}
    return value


@pytest.mark.parametrize(
    ("request_", "field", "limit"),
    [
        (AnalyzeScriptRequest(content="x" * 11), "content", 10),
        (AnalyzeScriptRequest(content="é" * 6), "content", 10),  # bytes, not characters
        (AnalyzeScriptRequest(content_base64=b"eHh4eHh4eHh4eHh4"), "content_base64", 10),
        (AnalyzeScriptRequest(content="x", filename="f" * 1025), "filename", 1024),
        (NLToKQLRequest(question="q" * 9), "question", 8),
        (NLToKQLRequest(question="q", time_range="1" * 65), "time_range", 64),
        (ValidateKQLRequest(kql="T" * 7), "kql", 6),
        (SummarizeIncidentRequest(incident={"title": "x" * 40}), "incident", 40),
    ],
)
def test_field_over_its_limit_is_payload_too_large(request_, field: str, limit: int) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PayloadTooLarge) as caught:
        enforce_limits(request_, SMALL)
    error = caught.value
    assert error.code is ErrorCode.RESOURCE_EXHAUSTED
    assert error.reason is Reason.PAYLOAD_TOO_LARGE
    assert (error.field, error.limit) == (field, limit)
    assert error.message.startswith(f"{field}: ")
    assert f"limit of {limit}" in error.message


@pytest.mark.parametrize(
    ("request_", "field"),
    [
        (AnalyzeScriptRequest(content=""), "content"),
        (AnalyzeScriptRequest(content_base64=b""), "content_base64"),
        (NLToKQLRequest(question="   "), "question"),
        (ValidateKQLRequest(kql="\n"), "kql"),
        (SummarizeIncidentRequest(incident={}), "incident"),
        (SummarizeIncidentRequest(incident=None), "incident"),
    ],
)
def test_empty_required_field_is_invalid_argument(request_, field: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidArgument) as caught:
        enforce_limits(request_, SMALL)
    assert caught.value.field == field


def test_at_the_limit_passes() -> None:
    enforce_limits(AnalyzeScriptRequest(content="x" * 10), SMALL)
    enforce_limits(SummarizeIncidentRequest(incident=nested(3)), SMALL)


def test_json_depth_is_checked_before_validation() -> None:
    with pytest.raises(InvalidArgument) as caught:
        build_request(SummarizeIncidentRequest, {"incident": nested(4)}, SMALL)
    assert caught.value.field == "incident"
    assert "depth 4 exceeds the limit of 3" in caught.value.message


def test_absurd_nesting_is_a_clean_error() -> None:
    with pytest.raises(InvalidArgument) as caught:
        parse_json(b"[" * 100_000 + b"]" * 100_000)
    assert caught.value.reason is Reason.MALFORMED


def test_default_limits_are_those_documented() -> None:
    limits = LimitSettings().to_limits()
    assert limits.script_bytes == 1 << 20
    assert limits.incident_bytes == 8 << 20
    assert limits.question_bytes == 4 << 10
    assert limits.kql_bytes == 64 << 10
    assert limits.indicators == 500
    assert limits.transport_bytes == 16 << 20
    assert limits.json_depth == MAX_JSON_DEPTH


def test_transport_limit_must_fit_the_largest_field() -> None:
    with pytest.raises(ValueError, match="transport_bytes"):
        LimitSettings(transport_bytes=1024)


@pytest.mark.parametrize(
    ("request_", "field"),
    [
        (ValidateKQLRequest(kql="T" + " " * 6), "kql"),
        (NLToKQLRequest(question="\n" * 8 + "q"), "question"),
    ],
)
def test_whitespace_padding_counts_towards_the_limit(request_, field: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PayloadTooLarge) as caught:
        enforce_limits(request_, SMALL)
    assert caught.value.field == field


def test_whitespace_only_text_is_empty_however_long() -> None:
    with pytest.raises(InvalidArgument) as caught:
        enforce_limits(ValidateKQLRequest(kql=" \u3000\t" * 100), SMALL)
    assert caught.value.message == "kql: must not be empty"
