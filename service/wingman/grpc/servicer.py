"""The Wingman servicer: decode, convert, call one facade method, convert back."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import grpc
from google.protobuf.message import DecodeError, Message
from grpc_status import rpc_status

from wingman.app import CallContext, Wingman
from wingman.core.errors import Internal, InvalidArgument, Reason, WingmanError
from wingman.core.models import (
    AnalyzeScriptRequest,
    EnrichIndicatorsRequest,
    NLToKQLRequest,
    SummarizeIncidentRequest,
    ValidateKQLRequest,
    WireModel,
)
from wingman.core.tenant import Tenant
from wingman.grpc.convert import to_model, to_pb
from wingman.grpc.errors import rich_status
from wingman.pb.wingman.v1 import wingman_pb2 as pb

log = logging.getLogger(__name__)
SERVICE = pb.DESCRIPTOR.services_by_name["Wingman"]
SERVICE_NAME = SERVICE.full_name
TENANT_METADATA = "x-wingman-tenant"


@dataclass(frozen=True, slots=True)
class Route:
    """One RPC: its messages, its model and the facade method that answers it."""

    rpc: str
    request_pb: type[Message]
    response_pb: type[Message]
    model: type[WireModel]
    call: Callable[[Wingman], Callable[[CallContext, Any], Awaitable[WireModel]]]


ROUTES = (
    Route(
        "SummarizeIncident",
        pb.SummarizeIncidentRequest,
        pb.SummarizeIncidentResponse,
        SummarizeIncidentRequest,
        lambda w: w.summarize_incident,
    ),
    Route(
        "AnalyzeScript",
        pb.AnalyzeScriptRequest,
        pb.AnalyzeScriptResponse,
        AnalyzeScriptRequest,
        lambda w: w.analyze_script,
    ),
    Route("NLToKQL", pb.NLToKQLRequest, pb.NLToKQLResponse, NLToKQLRequest, lambda w: w.nl_to_kql),
    Route(
        "ValidateKQL",
        pb.ValidateKQLRequest,
        pb.ValidateKQLResponse,
        ValidateKQLRequest,
        lambda w: w.validate_kql,
    ),
    Route(
        "EnrichIndicators",
        pb.EnrichIndicatorsRequest,
        pb.EnrichIndicatorsResponse,
        EnrichIndicatorsRequest,
        lambda w: w.enrich_indicators,
    ),
)


def generic_handler(wingman: Wingman) -> grpc.GenericRpcHandler[Any, Any]:
    """Register every RPC; requests arrive as bytes so a bad message is INVALID_ARGUMENT."""
    handlers = {
        route.rpc: grpc.unary_unary_rpc_method_handler(
            _handler(wingman, route),
            request_deserializer=None,
            response_serializer=route.response_pb.SerializeToString,
        )
        for route in ROUTES
    }
    return grpc.method_handlers_generic_handler(SERVICE_NAME, handlers)


def _handler(
    wingman: Wingman, route: Route
) -> Callable[[bytes, grpc.aio.ServicerContext[Any, Any]], Awaitable[Message]]:
    span_name = f"{SERVICE_NAME}/{route.rpc}"
    facade_call = route.call(wingman)
    telemetry = wingman.telemetry

    async def handle(raw: bytes, context: grpc.aio.ServicerContext[Any, Any]) -> Message:
        started = time.perf_counter()
        metadata = {
            key: value
            for key, value in context.invocation_metadata() or ()
            if isinstance(value, str)
        }
        attributes = {
            "rpc.system": "grpc",
            "rpc.service": SERVICE_NAME,
            "rpc.method": route.rpc,
            "wingman.method": route.rpc,
            "wingman.transport": "grpc",
        }
        with telemetry.server_span(span_name, carrier=metadata, attributes=attributes) as span:
            status = "OK"
            try:
                tenant = Tenant.parse(metadata.get(TENANT_METADATA))
                span.set_attribute("wingman.tenant", tenant.id)
                request = to_model(_decode(route, raw), route.model)
                ctx = wingman.context(tenant, "grpc", context.time_remaining())
                return to_pb(await facade_call(ctx, request), route.response_pb)
            except WingmanError as error:
                status = error.code
                raise_error = error
            except Exception:
                log.exception("unexpected failure", extra={"rpc": route.rpc})
                status = "INTERNAL"
                raise_error = Internal("internal error; see the service log for details")
            finally:
                span.set_attribute("rpc.grpc.status_code", _grpc_code(status).value[0])
                telemetry.record_call(
                    span, method=route.rpc, transport="grpc", status=status, started=started
                )
        await context.abort_with_status(  # type: ignore[attr-defined]
            rpc_status.to_status(rich_status(raise_error))
        )
        raise AssertionError("abort_with_status returned")  # pragma: no cover

    return handle


def _decode(route: Route, raw: bytes) -> Message:
    try:
        return route.request_pb.FromString(raw)
    except DecodeError:
        raise InvalidArgument(
            f"request: not a valid {route.request_pb.DESCRIPTOR.full_name} message (malformed, "
            "or nested deeper than protobuf allows)",
            field="request",
            reason=Reason.MALFORMED,
        ) from None


def _grpc_code(status: str) -> grpc.StatusCode:
    code: grpc.StatusCode = getattr(grpc.StatusCode, status, grpc.StatusCode.UNKNOWN)
    return code
