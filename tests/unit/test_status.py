"""One table maps error codes to HTTP statuses, and every code has a gRPC status of its name."""

from __future__ import annotations

import grpc
import pytest

from wingman.core.errors import (
    DeadlineExceeded,
    ErrorCode,
    Internal,
    InvalidArgument,
    PayloadTooLarge,
    PermissionDenied,
    RateLimited,
    Unauthenticated,
    Unavailable,
    Unimplemented,
    WingmanError,
)
from wingman.grpc.errors import rich_status
from wingman.rest.problems import problem_body
from wingman.status import HTTP_STATUS, TITLES, http_status


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (InvalidArgument("x"), 400),
        (PayloadTooLarge("content", size=2, limit=1), 413),
        (RateLimited("slow down", retry_after=2.0), 429),
        (Unauthenticated("x"), 401),
        (PermissionDenied("x"), 403),
        (DeadlineExceeded("x"), 504),
        (Unavailable("x"), 503),
        (Unimplemented("x"), 501),
        (Internal("x"), 500),
    ],
)
def test_design_table(error: WingmanError, status: int) -> None:
    assert http_status(error) == status
    assert problem_body(error)["status"] == status
    assert rich_status(error).code == getattr(grpc.StatusCode, error.code.value).value[0]


def test_every_code_is_mapped() -> None:
    assert set(HTTP_STATUS) == set(ErrorCode) == set(TITLES)
    for code in ErrorCode:
        assert hasattr(grpc.StatusCode, code.value)


def test_problem_body_carries_the_extensions() -> None:
    body = problem_body(PayloadTooLarge("content", size=20, limit=10))
    assert body["code"] == "RESOURCE_EXHAUSTED"
    assert body["reason"] == "payload_too_large"
    assert body["field"] == "content"
    assert body["limit"] == 10
    assert set(body) >= {"type", "title", "status", "detail"}
