"""Hostile text to ValidateKQL over REST and gRPC: every answer is a verdict or a typed error.

The text mixes KQL fragments (quotes, pipes, control commands, cross-cluster calls, comments)
with arbitrary characters: controls, bidi overrides, astral characters and, over REST, UTF-16
surrogates escaped in the JSON, lone or paired. The service must never answer 500 or INTERNAL,
and every diagnostic must point inside the text it was given.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import grpc
import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ServeFactory, Server, make_settings
from wingman.engines import Engines, kql_validation_engine
from wingman.pb.wingman.v1 import wingman_pb2 as pb

PATH = "/v1/kql:validate"
MAX_BYTES = 2 * 1024
TYPED_HTTP = {200, 400, 413, 503, 504}
TYPED_GRPC = {
    grpc.StatusCode.INVALID_ARGUMENT,
    grpc.StatusCode.RESOURCE_EXHAUSTED,
    grpc.StatusCode.UNAVAILABLE,
    grpc.StatusCode.DEADLINE_EXCEEDED,
}
FRAGMENTS = (
    *("'", '"', "@'", "h'", "```", "\\", "|", ";", "//", "/*", "\n", "\r\n", "\t", " "),
    *("(", ")", "[", "]", "{", "}", "==", "=~", "!has", "..", "$left.", "*"),
    *(".drop table DeviceEvents", ".show tables", ".set-or-append T <|", ".alter"),
    *("cluster('x').database('y').", "database('y').", "externaldata(a:string)['x']"),
    *("DeviceEvents", "DeviceProcessEvents", "SigninLogs", "SecurityEvent", "DevceEvents"),
    *("| where ", "| project ", "| extend x = ", "| summarize count() by ", "| take 10"),
    *("| join kind=inner (", ") on DeviceId", "| mv-expand ", "| parse x with * 'a' y"),
    *("Timestamp", "TimeGenerated", "DeviceName", "ago(1d)", "datetime(2026-01-01)", "let x = "),
    *("\x00", "\x1b[31m", "\x7f", "\x85", "\u2028", "\u202e", "\ufeff", "é", "日本", "😀"),
)
texts = (
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=80)
    .map("".join)
    .map(lambda text: clip(text, MAX_BYTES))
)
# JSON can escape UTF-16 surrogates that are not characters; an escaped pair joins into one.
surrogates = st.sampled_from(["\ud800", "\udbff", "\udc00", "\udfff", "\ud83d\ude00"])
json_texts = texts | st.tuples(texts, surrogates, texts).map(
    lambda parts: clip("".join(parts), MAX_BYTES)
)
platforms = st.sampled_from([None, "defender", "sentinel"])


def clip(text: str, limit: int) -> str:
    """The longest prefix of `text` whose UTF-8 form fits in `limit` bytes."""
    while len(text.encode("utf-8", "surrogatepass")) > limit:
        text = text[: len(text) * 3 // 4]
    return text


def check_verdict(body: dict[str, Any], kql: str) -> None:
    """The verdict agrees with the findings, and every finding lies inside the text."""
    errors = [x for x in body["diagnostics"] if x["severity"] == "error"]
    assert body["valid"] is (not errors)
    assert body["platform"] in {"defender", "sentinel"}
    lines = kql.split("\n")
    for finding in body["diagnostics"]:
        start = (finding["line"], finding["column"])
        end = (finding["end_line"], finding["end_column"])
        assert 1 <= start[0] <= end[0] <= len(lines), finding
        assert 1 <= start[1] <= len(lines[start[0] - 1]) + 1, finding
        # A finding at the very end of the text covers the one position past its last character.
        at_end = start == (len(lines), len(lines[-1]) + 1)
        assert 1 <= end[1] <= len(lines[end[0] - 1]) + (2 if at_end else 1), finding
        assert start < end, finding


@pytest.fixture
async def server(serve: ServeFactory) -> AsyncIterator[Server]:
    engines = Engines(validate_kql=kql_validation_engine())
    async with serve(settings=make_settings(), engines=engines) as running:
        yield running


FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(kql=json_texts, platform=platforms)
async def test_rest_answers_hostile_text_with_a_verdict_or_a_typed_error(
    server: Server, kql: str, platform: str | None
) -> None:
    request: dict[str, Any] = {"kql": kql} | ({"platform": platform} if platform else {})
    body = json.dumps(request)  # escapes every non-ASCII character, lone surrogates too
    async with httpx.AsyncClient(base_url=server.rest_url) as client:
        reply = await client.post(PATH, content=body, headers={"content-type": "application/json"})
    assert reply.status_code in TYPED_HTTP, reply.text
    answer = reply.json()
    if reply.status_code == 200:
        # The server sees the parsed JSON: an escaped surrogate pair is one character there.
        check_verdict(answer, json.loads(body)["kql"])
    else:
        assert answer["code"] != "INTERNAL", answer
        if reply.status_code in {400, 413}:
            assert answer["field"] == "kql", answer


@FUZZ
@given(kql=texts, platform=platforms)
async def test_grpc_answers_hostile_text_with_a_verdict_or_a_typed_error(
    server: Server, kql: str, platform: str | None
) -> None:
    number = {None: 0, "defender": 1, "sentinel": 2}[platform]
    message = pb.ValidateKQLRequest(kql=kql, platform=number)  # type: ignore[arg-type]
    answer = await over_grpc(server, message.SerializeToString())
    if isinstance(answer, grpc.aio.AioRpcError):
        assert answer.code() in TYPED_GRPC, (answer.code(), answer.details())
    else:
        check_verdict(as_json(answer), kql)


async def over_grpc(server: Server, wire: bytes) -> pb.ValidateKQLResponse | grpc.aio.AioRpcError:
    """Send encoded request bytes; the reply, or the failed call's error as a value."""
    async with grpc.aio.insecure_channel(server.grpc_target) as channel:
        call = channel.unary_unary(
            "/wingman.v1.Wingman/ValidateKQL",
            request_serializer=None,
            response_deserializer=pb.ValidateKQLResponse.FromString,
        )
        try:
            reply: pb.ValidateKQLResponse = await call(wire)
        except grpc.aio.AioRpcError as error:
            return error
    return reply


def as_json(reply: pb.ValidateKQLResponse) -> dict[str, Any]:
    """The fields `check_verdict` reads, named as in JSON."""
    severities = {value.number: value.name for value in pb.DiagnosticSeverity.DESCRIPTOR.values}
    return {
        "valid": reply.valid,
        "platform": pb.Platform.Name(reply.platform).removeprefix("PLATFORM_").lower(),
        "diagnostics": [
            {
                "severity": severities[x.severity].removeprefix("DIAGNOSTIC_SEVERITY_").lower(),
                "line": x.line,
                "column": x.column,
                "end_line": x.end_line,
                "end_column": x.end_column,
            }
            for x in reply.diagnostics
        ],
    }


@pytest.mark.parametrize(
    "kql", ['T | where x == "\ud800"', "\udfff", "DeviceEvents // \udc80\n| take 1"]
)
async def test_a_lone_surrogate_is_invalid_argument_over_rest_and_grpc(
    server: Server, kql: str
) -> None:
    async with httpx.AsyncClient(base_url=server.rest_url) as client:
        reply = await client.post(PATH, content=json.dumps({"kql": kql}))
    assert reply.status_code == 400
    assert (reply.json()["code"], reply.json()["field"]) == ("INVALID_ARGUMENT", "kql")
    # gRPC cannot even encode the text; the same bytes sent raw are refused as malformed.
    raw = kql.encode("utf-8", "surrogatepass")
    wire = b"\x0a" + bytes([len(raw)]) + raw
    answer = await over_grpc(server, wire)
    assert isinstance(answer, grpc.aio.AioRpcError)
    assert answer.code() is grpc.StatusCode.INVALID_ARGUMENT
