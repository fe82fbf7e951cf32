"""Report a WingmanError as a gRPC status with google.rpc details (ErrorInfo, BadRequest)."""

from __future__ import annotations

from google.protobuf import any_pb2, duration_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2

from wingman.core.errors import WingmanError

DOMAIN = "wingman"


def rich_status(error: WingmanError) -> status_pb2.Status:
    """The google.rpc.Status for an error, with its field, limit and reason as details."""
    metadata = {}
    if error.field:
        metadata["field"] = error.field
    if error.limit is not None:
        metadata["limit"] = str(error.limit)
    details = [
        error_details_pb2.ErrorInfo(
            reason=(error.reason or error.code).upper(), domain=DOMAIN, metadata=metadata
        )
    ]
    if error.violations:
        details.append(
            error_details_pb2.BadRequest(
                field_violations=[
                    error_details_pb2.BadRequest.FieldViolation(
                        field=v.field, description=v.description
                    )
                    for v in error.violations
                ]
            )
        )
    if error.retry_after is not None:
        delay = duration_pb2.Duration()
        delay.FromMilliseconds(int(error.retry_after * 1000))
        details.append(error_details_pb2.RetryInfo(retry_delay=delay))
    packed = []
    for detail in details:
        wrapper = any_pb2.Any()
        wrapper.Pack(detail)
        packed.append(wrapper)
    return status_pb2.Status(
        code=code_pb2.Code.Value(error.code), message=error.message, details=packed
    )
