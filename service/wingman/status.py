"""The one table mapping core error codes to HTTP statuses; gRPC uses the code's own name."""

from __future__ import annotations

from wingman.core.errors import ErrorCode, Reason, WingmanError

HTTP_STATUS: dict[ErrorCode, int] = {
    ErrorCode.INVALID_ARGUMENT: 400,
    ErrorCode.RESOURCE_EXHAUSTED: 429,
    ErrorCode.UNAUTHENTICATED: 401,
    ErrorCode.PERMISSION_DENIED: 403,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.DEADLINE_EXCEEDED: 504,
    ErrorCode.UNAVAILABLE: 503,
    ErrorCode.UNIMPLEMENTED: 501,
    ErrorCode.INTERNAL: 500,
}
# RESOURCE_EXHAUSTED covers both "too big" and "too often"; the reason tells them apart.
HTTP_STATUS_BY_REASON: dict[tuple[ErrorCode, Reason], int] = {
    (ErrorCode.RESOURCE_EXHAUSTED, Reason.PAYLOAD_TOO_LARGE): 413,
}
TITLES: dict[ErrorCode, str] = {
    ErrorCode.INVALID_ARGUMENT: "Invalid argument",
    ErrorCode.RESOURCE_EXHAUSTED: "Resource exhausted",
    ErrorCode.UNAUTHENTICATED: "Unauthenticated",
    ErrorCode.PERMISSION_DENIED: "Permission denied",
    ErrorCode.NOT_FOUND: "Not found",
    ErrorCode.DEADLINE_EXCEEDED: "Deadline exceeded",
    ErrorCode.UNAVAILABLE: "Unavailable",
    ErrorCode.UNIMPLEMENTED: "Not implemented",
    ErrorCode.INTERNAL: "Internal error",
}


def http_status(error: WingmanError) -> int:
    """The HTTP status for an error."""
    if error.reason is not None:
        special = HTTP_STATUS_BY_REASON.get((error.code, error.reason))
        if special is not None:
            return special
    return HTTP_STATUS[error.code]


def error_from_http(status: int) -> ErrorCode:
    """The error code an HTTP status stands for (used where no problem body is available)."""
    if status == 413:
        return ErrorCode.RESOURCE_EXHAUSTED
    for code, mapped in HTTP_STATUS.items():
        if mapped == status:
            return code
    return ErrorCode.INVALID_ARGUMENT if 400 <= status < 500 else ErrorCode.INTERNAL
