"""The typed client against a real server: both transports, sync and async, answer the same."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Mapping
from typing import Any

import grpc
import httpx
import pytest
from google.protobuf.message import Message
from grpc_status import rpc_status

from tests.conftest import ServeFactory, Server
from wingman.core.errors import InvalidArgument, RateLimited
from wingman.grpc.errors import rich_status
from wingman_client import METHODS, AsyncWingmanClient, RetryPolicy, WingmanClient, WingmanError
from wingman_client._methods import Method
from wingman_client._transports import AsyncTransport, Transport
from wingman_client.pb.wingman.v1 import wingman_pb2 as pb

NO_RETRY = RetryPolicy.none()
WINDOW = {"start": "2026-01-01T00:00:00Z", "end": "2026-01-02T00:00:00Z"}
REQUESTS: dict[str, dict[str, Any]] = {
    "SummarizeIncident": {
        "incident": {"title": "Ransomware", "host": "pc-7", "n": 3.0, "x": [1.5, None, True]},
        "format": "auto",
        "enrich": False,
    },
    "AnalyzeScript": {"content": "curl http://example.com | sh", "enrich": True},
    "NLToKQL": {"question": "processes", "platform": "sentinel", "time_range": WINDOW},
    "ValidateKQL": {"kql": "DevceEvents | take 1", "platform": "sentinel"},
    "EnrichIndicators": {"indicators": [{"type": "domain", "value": "evil[.]example.net"}]},
}
# (method, request, tenant, code, field): every transport must report the same.
ERRORS = [
    ("AnalyzeScript", {"content": ""}, None, "INVALID_ARGUMENT", "content"),
    ("AnalyzeScript", {"content": "x" * ((1 << 20) + 1)}, None, "RESOURCE_EXHAUSTED", "content"),
    ("AnalyzeScript", {}, None, "INVALID_ARGUMENT", "request"),
    ("AnalyzeScript", {"content": "x", "language": "cobol"}, None, "INVALID_ARGUMENT", "language"),
    ("NLToKQL", {"question": "q", "platform": "splunk"}, None, "INVALID_ARGUMENT", "platform"),
    ("NLToKQL", {"question": "q", "max_rows": 0}, None, "INVALID_ARGUMENT", "max_rows"),
    ("ValidateKQL", {"kql": ""}, None, "INVALID_ARGUMENT", "kql"),
    ("ValidateKQL", {"kql": "T", "dialect": "x"}, None, "INVALID_ARGUMENT", "dialect"),
    ("ValidateKQL", {"kql": "T"}, "a:b", "INVALID_ARGUMENT", "tenant"),
    ("SummarizeIncident", {"incident": {"no": "title"}}, None, "INVALID_ARGUMENT", "incident"),
    ("AnalyzeScript", {"content": "engine-raises"}, None, "INTERNAL", None),
]


def stable(payload: dict[str, Any]) -> dict[str, Any]:
    """Drop the volatile part of a response."""
    return {key: value for key, value in payload.items() if key != "runtime"}


def closed_port() -> int:
    """Return a loopback port nothing listens on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def async_clients(server: Server, **options: Any) -> list[AsyncWingmanClient]:
    options.setdefault("retry", NO_RETRY)
    return [
        AsyncWingmanClient.rest(server.rest_url, **options),
        AsyncWingmanClient.grpc(server.grpc_target, **options),
    ]


def sync_clients(server: Server, **options: Any) -> list[WingmanClient]:
    options.setdefault("retry", NO_RETRY)
    return [
        WingmanClient.rest(server.rest_url, **options),
        WingmanClient.grpc(server.grpc_target, **options),
    ]


async def failure(call: Any) -> WingmanError:
    with pytest.raises(WingmanError) as caught:
        await call
    return caught.value


def sync_failure(client: WingmanClient, method: str, request: Any, **kw: Any) -> WingmanError:
    with pytest.raises(WingmanError) as caught:
        client.call(method, request, **kw)
    return caught.value


def summary(error: WingmanError) -> tuple[Any, ...]:
    return (error.code, error.field, error.reason, error.limit)


# --------------------------------------------------------------------------------------------
# Answers
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", list(METHODS))
async def test_async_clients_answer_identically_over_both_transports(
    serve: ServeFactory, method: str
) -> None:
    async with serve() as server:
        rest, grpc_ = async_clients(server)
        async with rest, grpc_:
            over_rest = await rest.call(method, REQUESTS[method])
            over_grpc = await grpc_.call(method, REQUESTS[method])
    assert "runtime" in over_rest
    assert "runtime" in over_grpc
    assert stable(over_rest) == stable(over_grpc)
    # Enrichment is no engine: without providers it answers from the facade itself.
    expected = "wingman-ti" if method == "EnrichIndicators" else "fake"
    assert over_rest["engine"]["name"] == expected


def typed_calls(client: WingmanClient) -> dict[str, dict[str, Any]]:
    """Call each method through its typed convenience method."""
    return {
        "SummarizeIncident": client.summarize_incident(
            incident=REQUESTS["SummarizeIncident"]["incident"], format="auto", enrich=False
        ),
        "AnalyzeScript": client.analyze_script(content="curl http://example.com | sh", enrich=True),
        "NLToKQL": client.nl_to_kql(question="processes", platform="sentinel", time_range=WINDOW),
        "ValidateKQL": client.validate_kql(kql="DevceEvents | take 1", platform="sentinel"),
        "EnrichIndicators": client.enrich_indicators(
            indicators=REQUESTS["EnrichIndicators"]["indicators"]
        ),
    }


def sync_answers(server: Server) -> list[dict[str, dict[str, Any]]]:
    answers = []
    for client in sync_clients(server):
        with client:
            answers.append({m: stable(r) for m, r in typed_calls(client).items()})
            for method, request in REQUESTS.items():
                assert stable(client.call(method, request)) == answers[-1][method]
    return answers


async def test_sync_clients_answer_identically_and_like_the_async_ones(serve: ServeFactory) -> None:
    async with serve() as server:
        over_rest, over_grpc = await asyncio.to_thread(sync_answers, server)
        rest, _ = async_clients(server)
        async with rest:
            over_async = {m: stable(await rest.call(m, r)) for m, r in REQUESTS.items()}
    assert over_rest == over_grpc == over_async
    assert over_rest["ValidateKQL"]["valid"] is False
    assert over_rest["ValidateKQL"]["diagnostics"][0]["suggestions"] == ["DeviceEvents"]
    assert over_rest["NLToKQL"]["platform"] == "sentinel"


async def test_async_typed_methods_send_the_same_requests_as_call(serve: ServeFactory) -> None:
    async with serve() as server:
        for client in async_clients(server):
            async with client:
                typed = [
                    await client.summarize_incident(incident={"title": "T"}, format="wingman"),
                    await client.analyze_script(
                        content_base64="ZWNobyD/", language="bash", filename="a.sh"
                    ),
                    await client.nl_to_kql(question="q", time_range="7d", max_rows=5),
                    await client.validate_kql(kql="DeviceEvents"),
                ]
                plain = [
                    await client.call(
                        "SummarizeIncident", {"incident": {"title": "T"}, "format": "wingman"}
                    ),
                    await client.call(
                        "AnalyzeScript",
                        {"content_base64": "ZWNobyD/", "language": "bash", "filename": "a.sh"},
                    ),
                    await client.call(
                        "NLToKQL", {"question": "q", "time_range": "7d", "max_rows": 5}
                    ),
                    await client.call("ValidateKQL", {"kql": "DeviceEvents"}),
                ]
                assert [stable(a) for a in typed] == [stable(b) for b in plain]
                assert typed[1]["warnings"] == ["non-UTF-8 bytes replaced"]
                assert "take 5" in typed[2]["kql"]
                assert "ago(7d)" in typed[2]["kql"]


async def test_an_unknown_method_is_a_value_error(serve: ServeFactory) -> None:
    async with serve() as server:
        for client in async_clients(server):
            async with client:
                with pytest.raises(ValueError, match="unknown method 'Summarize'"):
                    await client.call("Summarize", {})


# --------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "request_", "tenant", "code", "field"),
    ERRORS,
    ids=[f"{case[0]}-{case[3]}-{case[4]}" for case in ERRORS],
)
async def test_errors_are_the_same_on_both_transports(
    serve: ServeFactory,
    method: str,
    request_: dict[str, Any],
    tenant: str | None,
    code: str,
    field: str | None,
) -> None:
    async with serve() as server:
        rest, grpc_ = async_clients(server, tenant=tenant)
        async with rest, grpc_:
            over_rest = await failure(rest.call(method, request_))
            over_grpc = await failure(grpc_.call(method, request_))
        sync_rest, sync_grpc = sync_clients(server, tenant=tenant)
        with sync_rest, sync_grpc:
            sync = [
                await asyncio.to_thread(sync_failure, client, method, request_)
                for client in (sync_rest, sync_grpc)
            ]
    assert (over_rest.code, over_rest.field) == (code, field)
    assert summary(over_rest) == summary(over_grpc) == summary(sync[0]) == summary(sync[1])
    assert over_rest.http_status is not None
    assert over_grpc.http_status is None
    assert over_rest.message
    assert over_grpc.message


async def test_limits_and_violations_come_through_on_both_transports(serve: ServeFactory) -> None:
    async with serve() as server:
        rest, grpc_ = async_clients(server)
        async with rest, grpc_:
            big = {"content": "x" * ((1 << 20) + 1)}
            for client, status in ((rest, 413), (grpc_, None)):
                error = await failure(client.call("AnalyzeScript", big))
                assert summary(error) == (
                    "RESOURCE_EXHAUSTED",
                    "content",
                    "payload_too_large",
                    1 << 20,
                )
                assert error.http_status == status
            for client in (rest, grpc_):
                error = await failure(client.nl_to_kql(question="q", max_rows=0))
                assert error.reason == "validation"
                assert [field for field, _ in error.violations] == ["max_rows"]


async def test_grpc_refuses_unencodable_requests_before_sending() -> None:
    target = f"127.0.0.1:{closed_port()}"
    async with AsyncWingmanClient.grpc(target, retry=NO_RETRY) as client:
        error = await failure(client.call("ValidateKQL", {"kql": "T", "dialect": "x"}))
        assert summary(error) == ("INVALID_ARGUMENT", "dialect", "validation", None)
        assert "dialect: unknown field" in error.message
        error = await failure(client.call("AnalyzeScript", {"content": "x", "language": "cobol"}))
        assert error.field == "language"
        assert "'powershell'" in error.message
        error = await failure(client.call("ValidateKQL", ["kql"]))  # type: ignore[arg-type]
        assert (error.code, error.field) == ("INVALID_ARGUMENT", "request")


# --------------------------------------------------------------------------------------------
# Retries and deadlines
# --------------------------------------------------------------------------------------------


class CountingTransport:
    """Wrap a blocking transport and count the attempts it sends."""

    def __init__(self, inner: Transport) -> None:
        self.inner = inner
        self.attempts = 0

    def encode(self, method: Method, request: Mapping[str, Any]) -> bytes:
        return self.inner.encode(method, request)

    def send(self, method: Method, body: bytes, timeout: float | None) -> dict[str, Any]:
        self.attempts += 1
        return self.inner.send(method, body, timeout)

    def close(self) -> None:
        self.inner.close()


class AsyncCountingTransport:
    """Wrap an asyncio transport and count the attempts it sends."""

    def __init__(self, inner: AsyncTransport) -> None:
        self.inner = inner
        self.attempts = 0

    def encode(self, method: Method, request: Mapping[str, Any]) -> bytes:
        return self.inner.encode(method, request)

    async def send(self, method: Method, body: bytes, timeout: float | None) -> dict[str, Any]:
        self.attempts += 1
        return await self.inner.send(method, body, timeout)

    async def aclose(self) -> None:
        await self.inner.aclose()


POLICY = RetryPolicy(max_attempts=3, initial_backoff=0.05, multiplier=2.0, jitter=0.0)


@pytest.mark.parametrize("transport", ["rest", "grpc"])
def test_a_down_server_is_unavailable_after_max_attempts(transport: str) -> None:
    port = closed_port()
    client = (
        WingmanClient.rest(f"http://127.0.0.1:{port}", retry=POLICY)
        if transport == "rest"
        else WingmanClient.grpc(f"127.0.0.1:{port}", retry=POLICY)
    )
    counting = CountingTransport(client._transport)
    client._transport = counting
    with client, pytest.raises(WingmanError) as caught:
        client.validate_kql(kql="T")
    assert caught.value.code == "UNAVAILABLE"
    assert counting.attempts == POLICY.max_attempts


@pytest.mark.parametrize("transport", ["rest", "grpc"])
async def test_async_down_server_and_no_retry_policy(transport: str) -> None:
    port = closed_port()
    for policy, attempts in ((POLICY, 3), (NO_RETRY, 1)):
        client = (
            AsyncWingmanClient.rest(f"http://127.0.0.1:{port}", retry=policy)
            if transport == "rest"
            else AsyncWingmanClient.grpc(f"127.0.0.1:{port}", retry=policy)
        )
        counting = AsyncCountingTransport(client._transport)
        client._transport = counting
        async with client:
            error = await failure(client.call("ValidateKQL", {"kql": "T"}))
        assert error.code == "UNAVAILABLE"
        assert counting.attempts == attempts


async def test_retries_never_outlast_the_deadline() -> None:
    slow = RetryPolicy(max_attempts=10, initial_backoff=0.3, jitter=0.0)
    async with AsyncWingmanClient.grpc(f"127.0.0.1:{closed_port()}", retry=slow) as client:
        counting = AsyncCountingTransport(client._transport)
        client._transport = counting
        error = await failure(client.call("ValidateKQL", {"kql": "T"}, timeout=0.5))
    assert error.code == "UNAVAILABLE"
    assert counting.attempts == 2  # waits 0.3 s once; the next 0.6 s wait does not fit


async def test_a_slow_engine_misses_a_short_deadline_on_both_transports(
    serve: ServeFactory,
) -> None:
    async with serve() as server:
        for client in async_clients(server, timeout=10.0):
            async with client:
                error = await failure(client.analyze_script(content="slow-engine", timeout=0.1))
                assert error.code == "DEADLINE_EXCEEDED"
        for blocking in sync_clients(server, timeout=0.1):
            with blocking:
                error = await asyncio.to_thread(
                    sync_failure, blocking, "AnalyzeScript", {"content": "slow-engine 2"}
                )
                assert error.code == "DEADLINE_EXCEEDED"


def test_policy_backoff_and_decisions_are_deterministic() -> None:
    policy = RetryPolicy(initial_backoff=0.1, max_backoff=0.3, jitter=0.5, random=lambda: 1.0)
    assert [policy.backoff(n) for n in (1, 2, 3)] == pytest.approx([0.15, 0.3, 0.45])
    unavailable = WingmanError("UNAVAILABLE", "down")
    assert policy.delay(1, unavailable, None) == pytest.approx(0.15)
    assert policy.delay(3, unavailable, None) is None  # max_attempts reached
    assert policy.delay(1, unavailable, 0.1) is None  # does not fit the deadline
    assert policy.delay(1, WingmanError("INTERNAL", "bug"), None) is None
    limited = WingmanError("RESOURCE_EXHAUSTED", "slow down", reason="rate_limited", retry_after=1)
    assert policy.delay(1, limited, 5.0) == 1
    assert policy.delay(1, limited, 0.5) is None
    too_big = WingmanError("RESOURCE_EXHAUSTED", "big", reason="payload_too_large")
    assert policy.delay(1, too_big, None) is None
    assert RetryPolicy.none().delay(1, unavailable, None) is None
    with pytest.raises(ValueError, match="max_attempts"):
        RetryPolicy(max_attempts=0)


def problem(status: int, body: dict[str, Any], **headers: str) -> httpx.Response:
    return httpx.Response(
        status, json=body, headers={"content-type": "application/problem+json", **headers}
    )


RATE_LIMITED = {
    "type": "urn:wingman:error:rate_limited",
    "title": "Resource exhausted",
    "status": 429,
    "detail": "too many calls",
    "code": "RESOURCE_EXHAUSTED",
    "reason": "rate_limited",
}


def test_rest_rate_limits_are_retried_after_retry_after() -> None:
    replies = [problem(429, RATE_LIMITED, **{"Retry-After": "0"}), httpx.Response(200, json={})]
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return replies.pop(0)

    with httpx.Client(transport=httpx.MockTransport(handler)) as http:
        client = WingmanClient.rest("http://wingman", tenant="acme", http_client=http)
        assert client.validate_kql(kql="T") == {}
        client.close()
        assert not http.is_closed  # the caller's client stays the caller's
    assert len(seen) == 2
    assert seen[0].url == "http://wingman/v1/kql:validate"
    assert seen[0].headers["x-wingman-tenant"] == "acme"
    assert 9000 < int(seen[0].headers["x-wingman-timeout-ms"]) <= 10000


async def test_rest_rate_limits_that_do_not_fit_the_deadline_are_raised() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return problem(429, RATE_LIMITED, **{"Retry-After": "5"})

    async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:
        client = AsyncWingmanClient.rest("http://wingman/", http_client=http, timeout=1.0)
        error = await failure(client.validate_kql(kql="T"))
        await client.aclose()
        assert not http.is_closed
    assert summary(error) == ("RESOURCE_EXHAUSTED", None, "rate_limited", None)
    assert error.retry_after == 5.0
    assert error.http_status == 429


async def test_rest_errors_without_a_problem_body_map_by_status() -> None:
    replies = {
        "/v1/kql:validate": httpx.Response(502, text="<html>bad gateway</html>"),
        "/v1/kql:generate": httpx.Response(200, text="not json"),
        "/v1/scripts:analyze": httpx.Response(404, json={"detail": "Not Found"}),
    }

    def handler(request: httpx.Request) -> httpx.Response:
        return replies[request.url.path]

    async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:
        client = AsyncWingmanClient.rest("http://wingman", http_client=http, retry=POLICY)
        bad_gateway = await failure(client.validate_kql(kql="T"))
        not_json = await failure(client.nl_to_kql(question="q"))
        not_found = await failure(client.analyze_script(content="x"))
    assert (bad_gateway.code, bad_gateway.http_status) == ("UNAVAILABLE", 502)
    assert (not_json.code, not_json.http_status) == ("INTERNAL", 200)
    assert (not_found.code, not_found.message) == ("NOT_FOUND", "Not Found")


class FlakyServicer:
    """A gRPC ValidateKQL that fails with prepared statuses first, then answers."""

    def __init__(self, failures: list[Any]) -> None:
        self.failures = failures
        self.calls = 0
        self.metadata: list[dict[str, Any]] = []

    async def validate(self, raw: bytes, context: grpc.aio.ServicerContext[Any, Any]) -> bytes:
        self.calls += 1
        self.metadata.append(dict(context.invocation_metadata() or ()))
        if self.failures:
            failure_ = self.failures.pop(0)
            if isinstance(failure_, grpc.StatusCode):
                await context.abort(failure_, "plain failure")
            await context.abort_with_status(rpc_status.to_status(failure_))  # type: ignore[attr-defined]
        return pb.ValidateKQLResponse(valid=True, tables=["T"]).SerializeToString()


async def flaky_server(servicer: FlakyServicer) -> tuple[grpc.aio.Server, str]:
    server = grpc.aio.server()
    handler = grpc.unary_unary_rpc_method_handler(servicer.validate)
    server.add_generic_rpc_handlers(
        (grpc.method_handlers_generic_handler("wingman.v1.Wingman", {"ValidateKQL": handler}),)
    )
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    return server, f"127.0.0.1:{port}"


async def test_grpc_rich_details_and_rate_limit_retries() -> None:
    limited = rich_status(RateLimited("too many calls", retry_after=0.05))
    invalid = rich_status(InvalidArgument("kql: bad", field="kql"))
    servicer = FlakyServicer([limited, invalid, grpc.StatusCode.PERMISSION_DENIED])
    server, target = await flaky_server(servicer)
    try:
        async with AsyncWingmanClient.grpc(target, tenant="acme", retry=NO_RETRY) as client:
            first = await failure(client.validate_kql(kql="T"))
            second = await failure(client.validate_kql(kql="T"))
            third = await failure(client.validate_kql(kql="T"))
        assert summary(first) == ("RESOURCE_EXHAUSTED", None, "rate_limited", None)
        assert first.retry_after == pytest.approx(0.05)
        assert summary(second) == ("INVALID_ARGUMENT", "kql", None, None)
        assert (third.code, third.message, third.field) == (
            "PERMISSION_DENIED",
            "plain failure",
            None,
        )
        servicer.failures.append(limited)
        async with AsyncWingmanClient.grpc(target, tenant="acme") as client:
            answer = await client.validate_kql(kql="T")
        assert answer == {"valid": True, "tables": ["T"], "diagnostics": []}
        assert servicer.calls == 5
        assert {m["x-wingman-tenant"] for m in servicer.metadata} == {"acme"}
    finally:
        await server.stop(None)


# --------------------------------------------------------------------------------------------
# Tenant, headers and owned resources
# --------------------------------------------------------------------------------------------


def tenants_seen(server: Server) -> dict[str, set[str]]:
    seen: dict[str, set[str]] = {}
    for span in server.observed.spans.get_finished_spans():
        attributes = dict(span.attributes or {})
        if "wingman.tenant" in attributes:
            transport = str(attributes["wingman.transport"])
            seen.setdefault(transport, set()).add(str(attributes["wingman.tenant"]))
    return seen


async def test_the_tenant_reaches_the_server_on_both_transports(serve: ServeFactory) -> None:
    async with serve() as server:
        for client in async_clients(server, tenant="acme-1"):
            async with client:
                await client.validate_kql(kql="T")
        for blocking in sync_clients(server, tenant="acme-2"):
            with blocking:
                await asyncio.to_thread(blocking.validate_kql, kql="T")
        for client in async_clients(server):
            async with client:
                await client.validate_kql(kql="T")
        assert tenants_seen(server) == {
            "rest": {"acme-1", "acme-2", "default"},
            "grpc": {"acme-1", "acme-2", "default"},
        }


async def test_callers_keep_their_own_http_client_and_channel(serve: ServeFactory) -> None:
    async with serve() as server:
        sent: list[httpx.Request] = []

        async def record(request: httpx.Request) -> None:
            sent.append(request)

        async with (
            httpx.AsyncClient(event_hooks={"request": [record]}) as http,
            grpc.aio.insecure_channel(server.grpc_target) as channel,
        ):
            for _ in range(2):
                for client in (
                    AsyncWingmanClient.rest(server.rest_url, tenant="t1", http_client=http),
                    AsyncWingmanClient.grpc("ignored:1", tenant="t1", channel=channel),
                ):
                    async with client:
                        assert (await client.validate_kql(kql="T", timeout=2.5))["valid"]
            assert not http.is_closed
    assert len(sent) == 2
    assert sent[0].headers["x-wingman-tenant"] == "t1"
    assert 2000 <= int(sent[0].headers["x-wingman-timeout-ms"]) <= 2500
    assert sent[0].headers["content-type"] == "application/json"


def test_the_message_types_match_the_methods() -> None:
    assert set(METHODS) == {
        "SummarizeIncident",
        "AnalyzeScript",
        "NLToKQL",
        "ValidateKQL",
        "EnrichIndicators",
    }
    for name, method in METHODS.items():
        assert method.grpc_path == f"/wingman.v1.Wingman/{name}"
        request: Message = method.request()
        assert request.DESCRIPTOR.full_name == f"wingman.v1.{name}Request"
