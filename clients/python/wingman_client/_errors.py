"""One error type for every transport: REST problem details and gRPC rich status alike."""

from __future__ import annotations

import email.utils
import time
from collections.abc import Mapping, Sequence
from typing import Any, cast

import grpc
import httpx
from google.rpc import error_details_pb2
from grpc_status import rpc_status

__all__ = ["WingmanError", "from_grpc", "from_http_failure", "from_problem"]

# HTTP statuses without a problem body (proxies, load balancers) and what they stand for.
_HTTP_CODES = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    408: "DEADLINE_EXCEEDED",
    413: "RESOURCE_EXHAUSTED",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    501: "UNIMPLEMENTED",
    502: "UNAVAILABLE",
    503: "UNAVAILABLE",
    504: "DEADLINE_EXCEEDED",
}


class WingmanError(Exception):
    """A failed call: a canonical gRPC code name, a message, and where the problem lies."""

    def __init__(
        self,
        code: str,
        message: str,
        *,
        field: str | None = None,
        reason: str | None = None,
        limit: int | None = None,
        retry_after: float | None = None,
        http_status: int | None = None,
        violations: Sequence[tuple[str, str]] = (),
    ) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.field = field
        self.reason = reason
        self.limit = limit
        self.retry_after = retry_after
        self.http_status = http_status
        self.violations: list[tuple[str, str]] = list(violations)

    def __repr__(self) -> str:
        """Show the code, message and field."""
        return f"WingmanError({self.code!r}, {self.message!r}, field={self.field!r})"


def from_problem(status: int, body: Any, headers: Mapping[str, str]) -> WingmanError:
    """Build the error for an HTTP error response from its RFC 9457 problem body."""
    problem: Mapping[str, Any] = body if isinstance(body, Mapping) else {}
    code = _text(problem.get("code")) or http_code(status)
    message = _text(problem.get("detail")) or _text(problem.get("title")) or f"HTTP status {status}"
    reason = _text(problem.get("reason"))
    limit = problem.get("limit")
    return WingmanError(
        code,
        message,
        field=_text(problem.get("field")),
        reason=reason.lower() if reason else None,
        limit=limit if isinstance(limit, int) and not isinstance(limit, bool) else None,
        retry_after=parse_retry_after(headers.get("retry-after")),
        http_status=status,
        violations=_problem_violations(problem.get("errors")),
    )


def http_code(status: int) -> str:
    """Return the canonical code an HTTP status stands for when no problem body says."""
    if status in _HTTP_CODES:
        return _HTTP_CODES[status]
    if 400 <= status < 500:
        return "INVALID_ARGUMENT"
    return "INTERNAL" if status >= 500 else "UNKNOWN"


def parse_retry_after(value: str | None) -> float | None:
    """Parse a Retry-After header (seconds or an HTTP date) into seconds from now."""
    if not value:
        return None
    text = value.strip()
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def from_grpc(error: grpc.RpcError) -> WingmanError:
    """Build the error for a failed gRPC call, reading its google.rpc.Status details."""
    code_of = getattr(error, "code", None)
    status_code = code_of() if callable(code_of) else None
    code = status_code.name if isinstance(status_code, grpc.StatusCode) else "UNKNOWN"
    details_of = getattr(error, "details", None)
    message = (details_of() if callable(details_of) else None) or code.replace("_", " ").lower()
    found = WingmanError(code, str(message))
    for detail in _rich_details(error):
        _apply_detail(found, detail)
    return found


def from_http_failure(exc: httpx.HTTPError) -> WingmanError:
    """Build the error for an HTTP request that got no response: a timeout or a dead peer."""
    text = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.TimeoutException):
        return WingmanError("DEADLINE_EXCEEDED", f"no response within the deadline ({text})")
    return WingmanError("UNAVAILABLE", f"the service could not be reached ({text})")


def _rich_details(error: grpc.RpcError) -> list[Any]:
    try:
        status = rpc_status.from_call(cast(grpc.Call, error))  # aio errors are call-like too
    except Exception:  # a status that does not match its call, or undecodable details
        return []
    return list(status.details) if status is not None else []


def _apply_detail(error: WingmanError, detail: Any) -> None:
    if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
        info = error_details_pb2.ErrorInfo()
        detail.Unpack(info)
        reason = str(info.reason).lower()
        # With no reason of its own the server sends the code: REST then has no reason at all.
        error.reason = reason if reason and reason != error.code.lower() else None
        error.field = str(info.metadata["field"]) if "field" in info.metadata else None
        limit = str(info.metadata["limit"]) if "limit" in info.metadata else ""
        error.limit = int(limit) if limit.lstrip("-").isdigit() else None
    elif detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
        bad = error_details_pb2.BadRequest()
        detail.Unpack(bad)
        error.violations = [(str(v.field), str(v.description)) for v in bad.field_violations]
    elif detail.Is(error_details_pb2.RetryInfo.DESCRIPTOR):
        retry = error_details_pb2.RetryInfo()
        detail.Unpack(retry)
        delay = retry.retry_delay
        error.retry_after = max(0.0, int(delay.seconds) + int(delay.nanos) / 1e9)


def _problem_violations(errors: Any) -> list[tuple[str, str]]:
    if not isinstance(errors, list):
        return []
    return [
        (str(item.get("field", "")), str(item.get("message", "")))
        for item in errors
        if isinstance(item, Mapping)
    ]


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
