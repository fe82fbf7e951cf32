"""What both flavours of each transport share: encoding a request and decoding an answer."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import httpx
from google.protobuf.message import DecodeError, EncodeError

from wingman_client._codec import CodecError, from_json, to_json
from wingman_client._errors import WingmanError, from_problem
from wingman_client._methods import TENANT_HEADER, TIMEOUT_HEADER, Method

__all__ = [
    "CHANNEL_OPTIONS",
    "grpc_body",
    "grpc_metadata",
    "grpc_result",
    "rest_body",
    "rest_headers",
    "rest_result",
]

# The server refuses messages over 16 MiB itself, with an error naming the field; the client's own
# limit sits a little higher so that it never pre-empts the server.
_MESSAGE_LIMIT = 16 * 1024 * 1024 + 64 * 1024
CHANNEL_OPTIONS: tuple[tuple[str, int], ...] = (
    ("grpc.max_send_message_length", _MESSAGE_LIMIT),
    ("grpc.max_receive_message_length", _MESSAGE_LIMIT),
)


def rest_body(request: Mapping[str, Any]) -> bytes:
    """Serialize a request object as the JSON body of a REST call."""
    try:
        return json.dumps(request, default=_plain).encode("ascii")
    except (TypeError, ValueError) as exc:
        raise WingmanError(
            "INVALID_ARGUMENT",
            f"request: not serializable as JSON ({exc})",
            field="request",
            reason="malformed",
        ) from None


def rest_headers(tenant: str | None, timeout: float | None) -> dict[str, str]:
    """Return the headers of one REST attempt: content type, tenant and remaining deadline."""
    headers = {"content-type": "application/json", "accept": "application/json"}
    if tenant:
        headers[TENANT_HEADER] = tenant
    if timeout is not None:
        headers[TIMEOUT_HEADER] = str(max(1, int(timeout * 1000)))
    return headers


def rest_result(response: httpx.Response) -> dict[str, Any]:
    """Return the JSON object of a successful response; raise WingmanError for any other."""
    try:
        body = response.json()
    except ValueError:
        body = None
    if not response.is_success:
        raise from_problem(response.status_code, body, response.headers)
    if not isinstance(body, dict):
        raise WingmanError(
            "INTERNAL",
            f"HTTP status {response.status_code}: the response body is not a JSON object",
            http_status=response.status_code,
        )
    return body


def grpc_body(method: Method, request: Mapping[str, Any]) -> bytes:
    """Encode a request object as the protobuf bytes of a gRPC call; bad fields fail here."""
    try:
        return from_json(request, method.request).SerializeToString()
    except CodecError as exc:
        raise WingmanError(
            "INVALID_ARGUMENT",
            str(exc),
            field=exc.field,
            reason="validation",
            violations=[(exc.field, exc.problem)],
        ) from None
    except EncodeError as exc:
        raise WingmanError("INVALID_ARGUMENT", f"request: {exc}", field="request") from None


def grpc_metadata(tenant: str | None) -> tuple[tuple[str, str], ...]:
    """Return the call metadata: the tenant, when there is one."""
    return ((TENANT_HEADER, tenant),) if tenant else ()


def grpc_result(method: Method, raw: bytes) -> dict[str, Any]:
    """Decode a gRPC response into its JSON object, as REST would have returned it."""
    try:
        return to_json(method.response.FromString(raw))
    except DecodeError:
        raise WingmanError(
            "INTERNAL", f"the response is not a valid {method.response.DESCRIPTOR.full_name}"
        ) from None


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"{type(value).__name__} is not JSON")
