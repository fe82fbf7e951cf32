"""One server span per call on each transport, parented to the caller's W3C trace context."""

from __future__ import annotations

import grpc
import httpx

from tests.conftest import ServeFactory
from wingman.pb.wingman.v1 import wingman_pb2 as pb

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
PARENT_ID = "00f067aa0ba902b7"
TRACEPARENT = f"00-{TRACE_ID}-{PARENT_ID}-01"


def server_spans(server) -> list:  # type: ignore[no-untyped-def]
    from opentelemetry.trace import SpanKind

    return [s for s in server.observed.spans.get_finished_spans() if s.kind is SpanKind.SERVER]


async def test_rest_span_continues_the_callers_trace(serve: ServeFactory) -> None:
    async with serve() as server, httpx.AsyncClient(base_url=server.rest_url) as client:
        for _ in range(2):
            reply = await client.post(
                "/v1/kql:validate", json={"kql": "T"}, headers={"traceparent": TRACEPARENT}
            )
            assert reply.status_code == 200
        spans = server_spans(server)
    assert len(spans) == 2
    miss, hit = spans
    for span in spans:
        assert span.name == "POST /v1/kql:validate"
        assert format(span.context.trace_id, "032x") == TRACE_ID
        assert span.parent is not None
        assert format(span.parent.span_id, "016x") == PARENT_ID
        assert span.attributes["wingman.method"] == "ValidateKQL"
        assert span.attributes["wingman.transport"] == "rest"
        assert span.attributes["wingman.status"] == "OK"
        assert span.attributes["http.response.status_code"] == 200
        assert span.attributes["wingman.tenant"] == "default"
    assert miss.attributes["wingman.cache.hit"] is False
    assert hit.attributes["wingman.cache.hit"] is True


async def test_grpc_span_continues_the_callers_trace(serve: ServeFactory) -> None:
    async with serve() as server, grpc.aio.insecure_channel(server.grpc_target) as channel:
        call = channel.unary_unary(
            "/wingman.v1.Wingman/ValidateKQL",
            request_serializer=None,
            response_deserializer=pb.ValidateKQLResponse.FromString,
        )
        await call(
            pb.ValidateKQLRequest(kql="T").SerializeToString(),
            metadata=(("traceparent", TRACEPARENT), ("x-wingman-tenant", "acme")),
        )
        spans = server_spans(server)
    assert len(spans) == 1
    span = spans[0]
    assert span.name == "wingman.v1.Wingman/ValidateKQL"
    assert format(span.context.trace_id, "032x") == TRACE_ID
    assert format(span.parent.span_id, "016x") == PARENT_ID
    assert span.attributes["rpc.system"] == "grpc"
    assert span.attributes["rpc.method"] == "ValidateKQL"
    assert span.attributes["rpc.grpc.status_code"] == 0
    assert span.attributes["wingman.status"] == "OK"
    assert span.attributes["wingman.cache.hit"] is False
    assert span.attributes["wingman.tenant"] == "acme"
    assert "wingman.engine.duration_ms" in span.attributes


async def test_error_status_is_recorded(serve: ServeFactory) -> None:
    async with serve() as server, httpx.AsyncClient(base_url=server.rest_url) as client:
        await client.post("/v1/kql:validate", json={"kql": ""})
        (span,) = server_spans(server)
    assert span.attributes["wingman.status"] == "INVALID_ARGUMENT"
    assert span.attributes["http.response.status_code"] == 400
    assert span.status.status_code.name == "ERROR"


async def test_duration_and_cache_metrics(serve: ServeFactory) -> None:
    async with serve() as server, httpx.AsyncClient(base_url=server.rest_url) as client:
        for _ in range(3):
            await client.post("/v1/kql:validate", json={"kql": "T"})
        data = server.observed.metrics.get_metrics_data()
    points: dict[str, list] = {}
    for resource in data.resource_metrics:
        for scope in resource.scope_metrics:
            for metric in scope.metrics:
                points[metric.name] = list(metric.data.data_points)
    durations = points["wingman.rpc.duration"]
    assert sum(p.count for p in durations) == 3
    assert durations[0].attributes["wingman.method"] == "ValidateKQL"
    lookups = {p.attributes["result"]: p.value for p in points["wingman.cache.lookups"]}
    assert lookups == {"miss": 1, "hit": 2}
    assert sum(p.count for p in points["wingman.engine.duration"]) == 1
