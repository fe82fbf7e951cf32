"""The REST transport: problem+json errors, body limits, health routes and the OpenAPI document."""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import ServeFactory, make_settings

PROBLEM = "application/problem+json"


async def post(server_url: str, path: str, content: bytes, **headers: str) -> httpx.Response:
    async with httpx.AsyncClient(base_url=server_url, timeout=10) as client:
        return await client.post(path, content=content, headers=headers)


async def test_success_is_json_with_lowercase_enums(serve: ServeFactory) -> None:
    async with serve() as server:
        reply = await post(
            server.rest_url,
            "/v1/scripts:analyze",
            b'{"content": "echo hi", "language": "powershell"}',
        )
        assert reply.status_code == 200
        assert reply.headers["content-type"] == "application/json"
        body = reply.json()
        assert body["language"] == "powershell"
        assert body["verdict"] in {"benign", "suspicious"}
        assert body["engine"] == {"name": "fake", "version": "1"}
        assert "language_confidence" not in body  # unset optional fields are omitted


@pytest.mark.parametrize(
    ("body", "status", "code", "field"),
    [
        (b"{", 400, "INVALID_ARGUMENT", "request"),
        (b"[]", 400, "INVALID_ARGUMENT", "request"),
        (b'{"content": ""}', 400, "INVALID_ARGUMENT", "content"),
        (b'{"content": "x", "colour": 1}', 400, "INVALID_ARGUMENT", "colour"),
        (b'{"content": "x", "language": "cobol"}', 400, "INVALID_ARGUMENT", "language"),
    ],
)
async def test_bad_requests_are_problems(
    serve: ServeFactory, body: bytes, status: int, code: str, field: str
) -> None:
    async with serve() as server:
        reply = await post(server.rest_url, "/v1/scripts:analyze", body)
        assert reply.status_code == status
        assert reply.headers["content-type"] == PROBLEM
        problem = reply.json()
        assert problem["status"] == status
        assert problem["code"] == code
        assert problem["field"] == field
        assert problem["detail"].startswith(field)
        assert problem["type"].startswith("urn:wingman:error:")


async def test_body_over_the_transport_limit_is_413(serve: ServeFactory) -> None:
    small = {"script_bytes": 1024, "incident_bytes": 1024, "kql_bytes": 1024}
    settings = make_settings(limits={**small, "transport_bytes": 4096})
    async with serve(settings=settings) as server:
        reply = await post(server.rest_url, "/v1/scripts:analyze", b" " * 5000)
        assert reply.status_code == 413
        assert reply.json()["field"] == "body"
        assert reply.json()["limit"] == 4096

        async def chunks():  # type: ignore[no-untyped-def]
            for _ in range(10):
                yield b" " * 1000

        async with httpx.AsyncClient(base_url=server.rest_url) as client:
            streamed = await client.post("/v1/scripts:analyze", content=chunks())
        assert streamed.status_code == 413


async def test_field_over_its_limit_is_413_naming_it(serve: ServeFactory) -> None:
    async with serve() as server:
        body = b'{"question": "' + b"q" * 5000 + b'"}'
        reply = await post(server.rest_url, "/v1/kql:generate", body)
        assert reply.status_code == 413
        problem = reply.json()
        assert (problem["code"], problem["reason"]) == ("RESOURCE_EXHAUSTED", "payload_too_large")
        assert (problem["field"], problem["limit"]) == ("question", 4096)


async def test_deep_incident_is_rejected_naming_the_field(serve: ServeFactory) -> None:
    async with serve() as server:
        body = b'{"incident": ' + b'{"a": ' * 40 + b"1" + b"}" * 40 + b"}"
        reply = await post(server.rest_url, "/v1/incidents:summarize", body)
        assert reply.status_code == 400
        assert reply.json()["field"] == "incident"
        absurd = b'{"incident": ' + b"[" * 50_000 + b"]" * 50_000 + b"}"
        assert (await post(server.rest_url, "/v1/incidents:summarize", absurd)).status_code == 400


async def test_timeout_header(serve: ServeFactory) -> None:
    async with serve() as server:
        slow = b'{"content": "slow-engine"}'
        reply = await post(
            server.rest_url, "/v1/scripts:analyze", slow, **{"x-wingman-timeout-ms": "100"}
        )
        assert reply.status_code == 504
        assert reply.json()["code"] == "DEADLINE_EXCEEDED"
        bad = await post(
            server.rest_url, "/v1/scripts:analyze", slow, **{"x-wingman-timeout-ms": "soon"}
        )
        assert bad.json()["field"] == "x-wingman-timeout-ms"


async def test_unknown_route_and_method_are_problems(serve: ServeFactory) -> None:
    async with serve() as server, httpx.AsyncClient(base_url=server.rest_url) as client:
        missing = await client.post("/v1/nothing", content=b"{}")
        assert missing.status_code == 404
        assert missing.headers["content-type"] == PROBLEM
        wrong = await client.get("/v1/scripts:analyze")
        assert wrong.status_code == 405
        assert wrong.json()["status"] == 405


async def test_health_routes(serve: ServeFactory) -> None:
    async with serve() as server, httpx.AsyncClient(base_url=server.rest_url) as client:
        assert (await client.get("/healthz")).json() == {"status": "ok"}
        ready = (await client.get("/readyz")).json()
        assert ready["status"] == "ok"
        cache = next(c for c in ready["components"] if c["name"] == "cache")
        assert cache["status"] == "ok"
        assert cache["detail"].startswith("memory")


async def test_openapi_documents_every_operation(serve: ServeFactory) -> None:
    async with serve() as server, httpx.AsyncClient(base_url=server.rest_url) as client:
        document = (await client.get("/openapi.json")).json()
    paths = document["paths"]
    for path in (
        "/v1/incidents:summarize",
        "/v1/scripts:analyze",
        "/v1/kql:generate",
        "/v1/kql:validate",
    ):
        operation = paths[path]["post"]
        assert operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        assert "413" in operation["responses"]
    schemas = document["components"]["schemas"]
    for name in (
        "AnalyzeScriptRequest",
        "NLToKQLRequest",
        "ValidateKQLRequest",
        "SummarizeIncidentRequest",
        "AnalyzeScriptResponse",
        "Problem",
    ):
        assert name in schemas
