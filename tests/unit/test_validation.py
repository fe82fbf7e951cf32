"""Untrusted JSON becomes a request model, or an InvalidArgument naming the field."""

from __future__ import annotations

import pytest

from wingman.core.errors import InvalidArgument, Reason
from wingman.core.limits import Limits
from wingman.core.models import (
    AnalyzeScriptRequest,
    NLToKQLRequest,
    Platform,
    ScriptLanguage,
    SummarizeIncidentRequest,
    TimeWindow,
    ValidateKQLRequest,
)
from wingman.core.validation import build_request, parse_json

LIMITS = Limits()


def reject(model, raw) -> InvalidArgument:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidArgument) as caught:
        build_request(model, raw, LIMITS)
    return caught.value


def test_enums_are_lowercase_strings() -> None:
    request = build_request(
        AnalyzeScriptRequest, {"content": "x", "language": "powershell"}, LIMITS
    )
    assert request.language is ScriptLanguage.POWERSHELL


def test_unknown_platform_lists_the_valid_ones() -> None:
    error = reject(NLToKQLRequest, {"question": "q", "platform": "splunk"})
    assert error.field == "platform"
    assert "'defender'" in error.message
    assert "'sentinel'" in error.message


def test_unknown_field_is_named() -> None:
    error = reject(ValidateKQLRequest, {"kql": "T", "dialect": "x"})
    assert error.field == "dialect"
    assert error.message == "dialect: unknown field"


def test_nested_paths_use_dots_and_indexes() -> None:
    error = reject(NLToKQLRequest, {"question": "q", "time_range": {"start": "a"}})
    assert error.field.startswith("time_range")
    assert "end" in error.field


def test_time_range_accepts_a_timespan_or_a_window() -> None:
    span = build_request(NLToKQLRequest, {"question": "q", "time_range": "7d"}, LIMITS)
    assert span.time_range == "7d"
    window = build_request(
        NLToKQLRequest, {"question": "q", "time_range": {"start": "a", "end": "b"}}, LIMITS
    )
    assert window.time_range == TimeWindow(start="a", end="b")
    assert window.platform is Platform.DEFENDER


def test_script_needs_exactly_one_source() -> None:
    assert "exactly one" in reject(AnalyzeScriptRequest, {}).message
    both = reject(AnalyzeScriptRequest, {"content": "x", "content_base64": "eA=="})
    assert "exactly one" in both.message


def test_bad_base64_is_named() -> None:
    assert reject(AnalyzeScriptRequest, {"content_base64": "***"}).field == "content_base64"


def test_base64_bytes_are_decoded() -> None:
    request = build_request(AnalyzeScriptRequest, {"content_base64": "/wA="}, LIMITS)
    assert request.content_base64 == b"\xff\x00"


@pytest.mark.parametrize("raw", [[], "x", 3, None, True])
def test_body_must_be_an_object(raw: object) -> None:
    error = reject(ValidateKQLRequest, raw)
    assert error.reason is Reason.MALFORMED
    assert error.field == "request"


@pytest.mark.parametrize("body", [b"{", b'{"a": }', b"\xff\xfe", b"", b"nan"])
def test_malformed_json_is_invalid_argument(body: bytes) -> None:
    with pytest.raises(InvalidArgument) as caught:
        parse_json(body)
    assert caught.value.reason is Reason.MALFORMED


def test_incident_is_free_form() -> None:
    request = build_request(SummarizeIncidentRequest, {"incident": [{"a": [1, None]}]}, LIMITS)
    assert request.incident == [{"a": [1, None]}]


def test_several_errors_are_all_listed() -> None:
    error = reject(NLToKQLRequest, {"platform": "x", "max_rows": 0})
    assert {v.field for v in error.violations} == {"question", "platform", "max_rows"}
    assert "(and 2 more)" in error.message


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (r'{"kql": "T | where x == \"\ud800\""}', "kql"),
        (r'{"question": "q\udfff"}', "question"),
        (
            r'{"incident": {"alerts": [{"title": "a"}, {"title": "\udc80"}]}}',
            "incident.alerts[1].title",
        ),
        (r'{"incident": {"alerts": [{"\ud83d": 1}]}}', "incident.alerts[0]"),
        (r'{"\ud800": "x"}', "request"),
    ],
)
def test_a_lone_surrogate_is_refused_naming_its_field(body: str, field: str) -> None:
    model = {"kql": ValidateKQLRequest, "question": NLToKQLRequest}.get(
        field.partition(".")[0], SummarizeIncidentRequest
    )
    error = reject(model, parse_json(body))
    assert error.field == field
    assert error.reason is Reason.MALFORMED
    assert "lone surrogate" in error.message
    error.message.encode("utf-8")  # the message itself must be sendable


def test_an_escaped_surrogate_pair_is_one_character() -> None:
    request = build_request(ValidateKQLRequest, parse_json(r'{"kql": "T // \ud83d\ude00"}'), LIMITS)
    assert request.kql == "T // \U0001f600"
