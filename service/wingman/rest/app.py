"""FastAPI app factory: thin routes over the Wingman facade."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.openapi.utils import get_openapi
from pydantic.json_schema import models_json_schema
from starlette.exceptions import HTTPException

from wingman import __version__
from wingman.app import CallContext, Wingman
from wingman.core.errors import Internal, InvalidArgument, PayloadTooLarge, WingmanError
from wingman.core.models import (
    AnalyzeScriptRequest,
    AnalyzeScriptResponse,
    EnrichIndicatorsRequest,
    EnrichIndicatorsResponse,
    NLToKQLRequest,
    NLToKQLResponse,
    SummarizeIncidentRequest,
    SummarizeIncidentResponse,
    ValidateKQLRequest,
    ValidateKQLResponse,
    WireModel,
)
from wingman.core.ports import HealthStatus
from wingman.core.tenant import Tenant
from wingman.core.validation import build_request, parse_json
from wingman.rest.problems import PROBLEM_JSON, PROBLEM_SCHEMA, problem_response
from wingman.status import TITLES, error_from_http

log = logging.getLogger(__name__)
TENANT_HEADER = "x-wingman-tenant"
TIMEOUT_HEADER = "x-wingman-timeout-ms"


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One REST operation and the facade method behind it."""

    path: str
    rpc: str
    request: type[WireModel]
    response: type[WireModel]
    call: Callable[[Wingman], Callable[[CallContext, Any], Awaitable[WireModel]]]
    summary: str


ENDPOINTS = (
    Endpoint(
        "/v1/incidents:summarize",
        "SummarizeIncident",
        SummarizeIncidentRequest,
        SummarizeIncidentResponse,
        lambda w: w.summarize_incident,
        "Summarize an incident given in a console's native JSON",
    ),
    Endpoint(
        "/v1/scripts:analyze",
        "AnalyzeScript",
        AnalyzeScriptRequest,
        AnalyzeScriptResponse,
        lambda w: w.analyze_script,
        "Deobfuscate and assess a script or command line",
    ),
    Endpoint(
        "/v1/kql:generate",
        "NLToKQL",
        NLToKQLRequest,
        NLToKQLResponse,
        lambda w: w.nl_to_kql,
        "Turn a question into schema-checked KQL",
    ),
    Endpoint(
        "/v1/kql:validate",
        "ValidateKQL",
        ValidateKQLRequest,
        ValidateKQLResponse,
        lambda w: w.validate_kql,
        "Check KQL for syntax and schema errors",
    ),
    Endpoint(
        "/v1/indicators:enrich",
        "EnrichIndicators",
        EnrichIndicatorsRequest,
        EnrichIndicatorsResponse,
        lambda w: w.enrich_indicators,
        "Look indicators up in the configured threat-intelligence providers",
    ),
)

_ERROR_STATUSES = ("400", "413", "429", "501", "503", "504", "500")


def create_app(wingman: Wingman) -> FastAPI:
    """Build the REST app over a facade."""
    app = FastAPI(
        title="Wingman",
        version=__version__,
        description="Embedded security copilot: incidents, scripts and KQL.",
        docs_url=None,
        redoc_url=None,
    )
    for endpoint in ENDPOINTS:
        app.add_api_route(
            endpoint.path,
            _route(wingman, endpoint),
            methods=["POST"],
            name=endpoint.rpc,
            operation_id=endpoint.rpc,
            summary=endpoint.summary,
            response_model=endpoint.response,
            responses={
                status: {
                    "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
                    "description": "Error (RFC 9457 problem details)",
                }
                for status in _ERROR_STATUSES
            },
            openapi_extra={"requestBody": _request_body(endpoint.request)},
        )
    _add_health_routes(app, wingman)
    _add_error_handlers(app)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def _route(wingman: Wingman, endpoint: Endpoint) -> Callable[[Request], Awaitable[Response]]:
    facade_call = endpoint.call(wingman)
    telemetry = wingman.telemetry
    limit = wingman.limits.transport_bytes
    span_name = f"POST {endpoint.path}"

    async def handle(request: Request) -> Response:
        started = time.perf_counter()
        attributes = {
            "http.request.method": "POST",
            "http.route": endpoint.path,
            "wingman.method": endpoint.rpc,
            "wingman.transport": "rest",
        }
        with telemetry.server_span(
            span_name, carrier=request.headers, attributes=attributes
        ) as span:
            status = "OK"
            try:
                tenant = Tenant.parse(request.headers.get(TENANT_HEADER))
                span.set_attribute("wingman.tenant", tenant.id)
                body = await _read_body(request, limit)
                model = build_request(endpoint.request, parse_json(body), wingman.limits)
                ctx = wingman.context(tenant, "rest", _timeout(request))
                result = await facade_call(ctx, model)
                response = Response(
                    result.model_dump_json(exclude_none=True), media_type="application/json"
                )
            except WingmanError as error:
                status = error.code
                response = problem_response(error)
            except Exception:
                log.exception("unexpected failure", extra={"rpc": endpoint.rpc})
                status = "INTERNAL"
                response = problem_response(Internal("internal error; see the service log"))
            span.set_attribute("http.response.status_code", response.status_code)
            telemetry.record_call(
                span, method=endpoint.rpc, transport="rest", status=status, started=started
            )
            return response

    return handle


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge("body", size=int(declared), limit=limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge("body", size=size, limit=limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _timeout(request: Request) -> float | None:
    raw = request.headers.get(TIMEOUT_HEADER)
    if raw is None:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise InvalidArgument(
            f"{TIMEOUT_HEADER}: expected milliseconds, got {raw[:32]!r}", field=TIMEOUT_HEADER
        ) from None
    if value <= 0:
        raise InvalidArgument(f"{TIMEOUT_HEADER}: must be positive", field=TIMEOUT_HEADER)
    return value / 1000.0


def _add_health_routes(app: FastAPI, wingman: Wingman) -> None:
    @app.get("/healthz", summary="Liveness: the process answers", tags=["health"])
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", summary="Readiness, with the status of each component", tags=["health"])
    async def readyz() -> Response:
        components = await wingman.readiness()
        degraded = any(c.status is not HealthStatus.OK and c.name == "cache" for c in components)
        status = "draining" if wingman.draining else ("degraded" if degraded else "ok")
        body = {
            "status": status,
            "components": [
                {"name": c.name, "status": c.status.value, "detail": c.detail} for c in components
            ],
        }
        return Response(
            _json(body), status_code=503 if wingman.draining else 200, media_type="application/json"
        )


def _json(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"))


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        code = error_from_http(exc.status_code)
        body = {
            "type": f"urn:wingman:error:{code.lower()}",
            "title": TITLES[code],
            "status": exc.status_code,
            "detail": f"{request.method} {request.url.path}: {exc.detail}",
            "code": code.value,
        }
        return Response(_json(body), status_code=exc.status_code, media_type=PROBLEM_JSON)


def _request_body(model: type[WireModel]) -> dict[str, Any]:
    return {
        "required": True,
        "content": {
            "application/json": {"schema": {"$ref": f"#/components/schemas/{model.__name__}"}}
        },
    }


def _openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(
        title=app.title, version=app.version, description=app.description, routes=app.routes
    )
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    _, definitions = models_json_schema(
        [(endpoint.request, "validation") for endpoint in ENDPOINTS],
        ref_template="#/components/schemas/{model}",
    )
    components.update(definitions.get("$defs", {}))
    components["Problem"] = PROBLEM_SCHEMA
    app.openapi_schema = schema
    return schema
