"""Typed errors of the core; transports map `ErrorCode` to their own status in one table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


class ErrorCode(StrEnum):
    """Canonical gRPC status names (google/rpc/code.proto) used on every transport."""

    INVALID_ARGUMENT = "INVALID_ARGUMENT"
    RESOURCE_EXHAUSTED = "RESOURCE_EXHAUSTED"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    PERMISSION_DENIED = "PERMISSION_DENIED"
    NOT_FOUND = "NOT_FOUND"
    DEADLINE_EXCEEDED = "DEADLINE_EXCEEDED"
    UNAVAILABLE = "UNAVAILABLE"
    UNIMPLEMENTED = "UNIMPLEMENTED"
    INTERNAL = "INTERNAL"


class Reason(StrEnum):
    """Machine-readable refinement of a code, where one code covers several situations."""

    PAYLOAD_TOO_LARGE = "payload_too_large"
    RATE_LIMITED = "rate_limited"
    MALFORMED = "malformed"
    VALIDATION = "validation"


@dataclass(frozen=True, slots=True)
class FieldViolation:
    """One problem with one field; `field` is a dotted path such as `incident.alerts[3]`."""

    field: str
    description: str


class WingmanError(Exception):
    """An error any transport can report: a code, a human message, and where it applies."""

    code: ErrorCode = ErrorCode.INTERNAL

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        reason: Reason | None = None,
        limit: int | None = None,
        retry_after: float | None = None,
        violations: Sequence[FieldViolation] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.reason = reason
        self.limit = limit
        self.retry_after = retry_after
        self.violations = tuple(violations)


class InvalidArgument(WingmanError):
    code = ErrorCode.INVALID_ARGUMENT


class PayloadTooLarge(WingmanError):
    code = ErrorCode.RESOURCE_EXHAUSTED

    def __init__(self, field: str, *, size: int, limit: int, unit: str = "bytes") -> None:
        super().__init__(
            f"{field}: {size} {unit} exceeds the limit of {limit} {unit}",
            field=field,
            reason=Reason.PAYLOAD_TOO_LARGE,
            limit=limit,
        )


class RateLimited(WingmanError):
    code = ErrorCode.RESOURCE_EXHAUSTED

    def __init__(self, message: str, *, retry_after: float) -> None:
        super().__init__(message, reason=Reason.RATE_LIMITED, retry_after=retry_after)


class Unauthenticated(WingmanError):
    code = ErrorCode.UNAUTHENTICATED


class PermissionDenied(WingmanError):
    code = ErrorCode.PERMISSION_DENIED


class DeadlineExceeded(WingmanError):
    code = ErrorCode.DEADLINE_EXCEEDED


class Unavailable(WingmanError):
    code = ErrorCode.UNAVAILABLE


class Unimplemented(WingmanError):
    code = ErrorCode.UNIMPLEMENTED


class Internal(WingmanError):
    code = ErrorCode.INTERNAL
