"""RFC 9457 problem details for every error the REST transport returns."""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse

from wingman.core.errors import ErrorCode, WingmanError
from wingman.status import TITLES, http_status

PROBLEM_JSON = "application/problem+json"


def problem_body(error: WingmanError) -> dict[str, Any]:
    """The problem document: type, title, status, detail and the extensions code, reason, field."""
    status = http_status(error)
    body: dict[str, Any] = {
        "type": f"urn:wingman:error:{(error.reason or error.code).lower()}",
        "title": TITLES[error.code],
        "status": status,
        "detail": error.message,
        "code": error.code.value,
    }
    if error.reason:
        body["reason"] = error.reason.value
    if error.field:
        body["field"] = error.field
    if error.limit is not None:
        body["limit"] = error.limit
    if error.violations:
        body["errors"] = [{"field": v.field, "message": v.description} for v in error.violations]
    return body


def problem_response(error: WingmanError) -> JSONResponse:
    """The HTTP response for an error, with Retry-After when the caller should wait."""
    headers = {}
    if error.retry_after is not None:
        headers["Retry-After"] = str(max(1, round(error.retry_after)))
    return JSONResponse(
        problem_body(error),
        status_code=http_status(error),
        media_type=PROBLEM_JSON,
        headers=headers,
    )


PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["type", "title", "status", "detail", "code"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "code": {"type": "string", "enum": [code.value for code in ErrorCode]},
        "reason": {"type": "string"},
        "field": {"type": "string"},
        "limit": {"type": "integer"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
            },
        },
    },
}
