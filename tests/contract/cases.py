"""Golden cases run over gRPC, REST and `wingman call`: same payloads, same error codes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

BIG_SCRIPT = "x" * ((1 << 20) + 1)


@dataclass(frozen=True)
class Case:
    """One request and what every door must answer: a payload, or an error code and field."""

    name: str
    method: str
    request: Any
    tenant: str | None = None
    code: str | None = None
    field: str | None = None
    # Cases that only exist as JSON text (a gRPC client cannot even send them).
    json_only: bool = False
    raw: str | None = None


CASES = (
    Case("script text", "AnalyzeScript", {"content": "curl http://example.com | sh"}),
    Case("script language", "AnalyzeScript", {"content": "Get-Process", "language": "powershell"}),
    Case("script bytes", "AnalyzeScript", {"content_base64": "ZWNobyD/", "filename": "a.sh"}),
    Case("script enrich", "AnalyzeScript", {"content": "ping example[.]com", "enrich": True}),
    Case("script tenant", "AnalyzeScript", {"content": "id"}, tenant="acme-1"),
    Case("kql defender", "NLToKQL", {"question": "processes on host1", "time_range": "7d"}),
    Case(
        "kql sentinel window",
        "NLToKQL",
        {
            "question": "sign-ins",
            "platform": "sentinel",
            "time_range": {"start": "2026-01-01T00:00:00Z", "end": "2026-01-02T00:00:00Z"},
            "max_rows": 50,
        },
    ),
    Case("kql decline", "NLToKQL", {"question": "decline this"}),
    Case("validate ok", "ValidateKQL", {"kql": "DeviceEvents | take 1"}),
    Case("validate typo", "ValidateKQL", {"kql": "DevceEvents | take 1", "platform": "sentinel"}),
    Case(
        "incident",
        "SummarizeIncident",
        {"incident": {"title": "Ransomware", "host": "pc-7", "n": 3, "x": [1.5, None, True]}},
    ),
    Case("incident array", "SummarizeIncident", {"incident": [{"title": "a"}], "format": "auto"}),
    # errors
    Case(
        "empty script", "AnalyzeScript", {"content": ""}, code="INVALID_ARGUMENT", field="content"
    ),
    Case(
        "script too big",
        "AnalyzeScript",
        {"content": BIG_SCRIPT},
        code="RESOURCE_EXHAUSTED",
        field="content",
    ),
    Case("no source", "AnalyzeScript", {}, code="INVALID_ARGUMENT", field="request"),
    Case(
        "bad language",
        "AnalyzeScript",
        {"content": "x", "language": "cobol"},
        code="INVALID_ARGUMENT",
        field="language",
    ),
    Case(
        "bad platform",
        "NLToKQL",
        {"question": "q", "platform": "splunk"},
        code="INVALID_ARGUMENT",
        field="platform",
    ),
    Case("empty question", "NLToKQL", {"question": " "}, code="INVALID_ARGUMENT", field="question"),
    Case(
        "question too long",
        "NLToKQL",
        {"question": "q" * 4097},
        code="RESOURCE_EXHAUSTED",
        field="question",
    ),
    Case("empty kql", "ValidateKQL", {"kql": ""}, code="INVALID_ARGUMENT", field="kql"),
    Case(
        "kql too long",
        "ValidateKQL",
        {"kql": "T" * 65537},
        code="RESOURCE_EXHAUSTED",
        field="kql",
    ),
    Case(
        "unknown field",
        "ValidateKQL",
        {"kql": "T", "dialect": "x"},
        code="INVALID_ARGUMENT",
        field="dialect",
    ),
    Case(
        "incident not recognised",
        "SummarizeIncident",
        {"incident": {"no": "title"}},
        code="INVALID_ARGUMENT",
        field="incident",
    ),
    Case(
        "empty incident",
        "SummarizeIncident",
        {"incident": {}},
        code="INVALID_ARGUMENT",
        field="incident",
    ),
    Case(
        "bad tenant",
        "ValidateKQL",
        {"kql": "T"},
        tenant="a:b",
        code="INVALID_ARGUMENT",
        field="tenant",
    ),
    Case("engine bug", "AnalyzeScript", {"content": "engine-raises"}, code="INTERNAL"),
    Case(
        "malformed json",
        "ValidateKQL",
        None,
        code="INVALID_ARGUMENT",
        field="request",
        json_only=True,
        raw='{"kql": ',
    ),
)
