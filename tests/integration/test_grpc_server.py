"""The gRPC server: health, reflection, limits, deadlines and errors with rich details."""

from __future__ import annotations

from typing import Any

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc
from grpc_status import rpc_status

from tests.conftest import ServeFactory, make_settings
from wingman.pb.wingman.v1 import wingman_pb2 as pb

METHOD = "/wingman.v1.Wingman/"


def unary(channel: grpc.aio.Channel, rpc: str, response: Any) -> Any:
    return channel.unary_unary(
        METHOD + rpc, request_serializer=None, response_deserializer=response.FromString
    )


def error_info(error: grpc.aio.AioRpcError) -> error_details_pb2.ErrorInfo:
    status = rpc_status.from_call(error)  # type: ignore[arg-type]
    assert status is not None
    for detail in status.details:
        if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            detail.Unpack(info)
            return info
    raise AssertionError("no ErrorInfo detail")


async def test_health_is_serving_and_reflection_lists_the_services(serve: ServeFactory) -> None:
    async with serve() as server, grpc.aio.insecure_channel(server.grpc_target) as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        for service in ("", "wingman.v1.Wingman"):
            reply = await stub.Check(health_pb2.HealthCheckRequest(service=service))
            assert reply.status == health_pb2.HealthCheckResponse.SERVING
        reflection = reflection_pb2_grpc.ServerReflectionStub(channel)
        request = reflection_pb2.ServerReflectionRequest(list_services="")
        names: set[str] = set()
        async for answer in reflection.ServerReflectionInfo(iter([request])):
            names |= {s.name for s in answer.list_services_response.service}
        assert {"wingman.v1.Wingman", "grpc.health.v1.Health"} <= names


async def test_a_call_answers_from_the_engine(serve: ServeFactory) -> None:
    async with serve() as server, grpc.aio.insecure_channel(server.grpc_target) as channel:
        call = unary(channel, "ValidateKQL", pb.ValidateKQLResponse)
        reply = await call(pb.ValidateKQLRequest(kql="DevceEvents").SerializeToString())
        assert not reply.valid
        assert reply.diagnostics[0].suggestions == ["DeviceEvents"]
        assert reply.engine.name == "fake"


async def test_undecodable_bytes_are_invalid_argument(serve: ServeFactory) -> None:
    async with serve() as server, grpc.aio.insecure_channel(server.grpc_target) as channel:
        call = unary(channel, "AnalyzeScript", pb.AnalyzeScriptResponse)
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await call(b"\xff\xff\xff\xff")
        assert caught.value.code() is grpc.StatusCode.INVALID_ARGUMENT
        assert error_info(caught.value).metadata["field"] == "request"


async def test_field_limit_is_resource_exhausted_naming_the_field(serve: ServeFactory) -> None:
    async with serve() as server, grpc.aio.insecure_channel(server.grpc_target) as channel:
        call = unary(channel, "AnalyzeScript", pb.AnalyzeScriptResponse)
        big = pb.AnalyzeScriptRequest(content="x" * ((1 << 20) + 1)).SerializeToString()
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await call(big)
        assert caught.value.code() is grpc.StatusCode.RESOURCE_EXHAUSTED
        info = error_info(caught.value)
        assert info.reason == "PAYLOAD_TOO_LARGE"
        assert dict(info.metadata) == {"field": "content", "limit": str(1 << 20)}


async def test_message_over_the_transport_limit_is_refused(serve: ServeFactory) -> None:
    settings = make_settings(
        limits={"script_bytes": 1024, "incident_bytes": 1024, "transport_bytes": 64 * 1024}
    )
    async with (
        serve(settings=settings) as server,
        grpc.aio.insecure_channel(
            server.grpc_target, options=[("grpc.max_send_message_length", 1 << 24)]
        ) as channel,
    ):
        call = unary(channel, "AnalyzeScript", pb.AnalyzeScriptResponse)
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await call(pb.AnalyzeScriptRequest(content="x" * 70_000).SerializeToString())
        assert caught.value.code() is grpc.StatusCode.RESOURCE_EXHAUSTED


async def test_deadline_is_honoured(serve: ServeFactory) -> None:
    async with serve() as server, grpc.aio.insecure_channel(server.grpc_target) as channel:
        call = unary(channel, "AnalyzeScript", pb.AnalyzeScriptResponse)
        request = pb.AnalyzeScriptRequest(content="slow-engine").SerializeToString()
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await call(request, timeout=0.1)
        assert caught.value.code() is grpc.StatusCode.DEADLINE_EXCEEDED


async def test_bad_tenant_is_invalid_argument(serve: ServeFactory) -> None:
    async with serve() as server, grpc.aio.insecure_channel(server.grpc_target) as channel:
        call = unary(channel, "ValidateKQL", pb.ValidateKQLResponse)
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await call(
                pb.ValidateKQLRequest(kql="T").SerializeToString(),
                metadata=(("x-wingman-tenant", "a:b"),),
            )
        assert caught.value.code() is grpc.StatusCode.INVALID_ARGUMENT
        assert error_info(caught.value).metadata["field"] == "tenant"


async def test_engine_bug_is_internal_without_leaking_details(serve: ServeFactory) -> None:
    async with serve() as server, grpc.aio.insecure_channel(server.grpc_target) as channel:
        call = unary(channel, "AnalyzeScript", pb.AnalyzeScriptResponse)
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await call(pb.AnalyzeScriptRequest(content="engine-raises").SerializeToString())
        assert caught.value.code() is grpc.StatusCode.INTERNAL
        assert "engine bug" not in (caught.value.details() or "")


async def test_missing_engine_is_unimplemented(serve: ServeFactory) -> None:
    from wingman.engines import Engines

    async with (
        serve(engines=Engines()) as server,
        grpc.aio.insecure_channel(server.grpc_target) as channel,
    ):
        call = unary(channel, "NLToKQL", pb.NLToKQLResponse)
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await call(pb.NLToKQLRequest(question="q").SerializeToString())
        assert caught.value.code() is grpc.StatusCode.UNIMPLEMENTED
