"""REST (httpx) and gRPC transports, sync and async: one attempt of one call each."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

import grpc
import httpx
from grpc import aio

from wingman_client._errors import from_grpc, from_http_failure
from wingman_client._methods import METHODS, Method
from wingman_client._wire import (
    CHANNEL_OPTIONS,
    grpc_body,
    grpc_metadata,
    grpc_result,
    rest_body,
    rest_headers,
    rest_result,
)

__all__ = [
    "AsyncGrpcTransport",
    "AsyncRestTransport",
    "AsyncTransport",
    "GrpcTransport",
    "RestTransport",
    "Transport",
]


class Transport(Protocol):
    """A blocking transport: encode a request once, then send it as many times as needed."""

    def encode(self, method: Method, request: Mapping[str, Any]) -> bytes: ...

    def send(self, method: Method, body: bytes, timeout: float | None) -> dict[str, Any]: ...

    def close(self) -> None: ...


class AsyncTransport(Protocol):
    """An asyncio transport: encode a request once, then send it as many times as needed."""

    def encode(self, method: Method, request: Mapping[str, Any]) -> bytes: ...

    async def send(self, method: Method, body: bytes, timeout: float | None) -> dict[str, Any]: ...

    async def aclose(self) -> None: ...


def _timeout(timeout: float | None) -> Any:
    return httpx.USE_CLIENT_DEFAULT if timeout is None else timeout


class RestTransport:
    """POST JSON to the REST endpoints with a blocking httpx client."""

    def __init__(self, base_url: str, *, tenant: str | None, http: httpx.Client | None) -> None:
        self._base = base_url.rstrip("/")
        self._tenant = tenant
        self._owned = http is None
        self._http = http if http is not None else httpx.Client()

    def encode(self, method: Method, request: Mapping[str, Any]) -> bytes:
        """Serialize the request as JSON."""
        return rest_body(request)

    def send(self, method: Method, body: bytes, timeout: float | None) -> dict[str, Any]:
        """Send one attempt and return the response object."""
        try:
            response = self._http.post(
                self._base + method.rest_path,
                content=body,
                headers=rest_headers(self._tenant, timeout),
                timeout=_timeout(timeout),
            )
        except httpx.HTTPError as exc:
            raise from_http_failure(exc) from exc
        return rest_result(response)

    def close(self) -> None:
        """Close the httpx client if this transport created it."""
        if self._owned:
            self._http.close()


class AsyncRestTransport:
    """POST JSON to the REST endpoints with an asyncio httpx client."""

    def __init__(
        self, base_url: str, *, tenant: str | None, http: httpx.AsyncClient | None
    ) -> None:
        self._base = base_url.rstrip("/")
        self._tenant = tenant
        self._owned = http is None
        self._http = http if http is not None else httpx.AsyncClient()

    def encode(self, method: Method, request: Mapping[str, Any]) -> bytes:
        """Serialize the request as JSON."""
        return rest_body(request)

    async def send(self, method: Method, body: bytes, timeout: float | None) -> dict[str, Any]:
        """Send one attempt and return the response object."""
        try:
            response = await self._http.post(
                self._base + method.rest_path,
                content=body,
                headers=rest_headers(self._tenant, timeout),
                timeout=_timeout(timeout),
            )
        except httpx.HTTPError as exc:
            raise from_http_failure(exc) from exc
        return rest_result(response)

    async def aclose(self) -> None:
        """Close the httpx client if this transport created it."""
        if self._owned:
            await self._http.aclose()


class GrpcTransport:
    """Call the gRPC service over a blocking channel."""

    def __init__(self, target: str, *, tenant: str | None, channel: grpc.Channel | None) -> None:
        self._owned = channel is None
        self._channel = (
            channel if channel is not None else grpc.insecure_channel(target, CHANNEL_OPTIONS)
        )
        self._metadata = grpc_metadata(tenant)
        self._calls = {
            m.rpc: self._channel.unary_unary(
                m.grpc_path, request_serializer=None, response_deserializer=None
            )
            for m in METHODS.values()
        }

    def encode(self, method: Method, request: Mapping[str, Any]) -> bytes:
        """Encode the request as protobuf; fields that do not fit fail here."""
        return grpc_body(method, request)

    def send(self, method: Method, body: bytes, timeout: float | None) -> dict[str, Any]:
        """Send one attempt and return the response as its JSON object."""
        try:
            raw: bytes = self._calls[method.rpc](body, timeout=timeout, metadata=self._metadata)
        except grpc.RpcError as exc:
            raise from_grpc(exc) from exc
        return grpc_result(method, raw)

    def close(self) -> None:
        """Close the channel if this transport created it."""
        if self._owned:
            self._channel.close()


class AsyncGrpcTransport:
    """Call the gRPC service over a grpc.aio channel, created on first use when not given."""

    def __init__(self, target: str, *, tenant: str | None, channel: aio.Channel | None) -> None:
        self._target = target
        self._owned = channel is None
        self._channel = channel
        self._closed = False
        self._metadata = grpc_metadata(tenant)
        self._calls: dict[str, aio.UnaryUnaryMultiCallable[bytes, bytes]] = {}

    def encode(self, method: Method, request: Mapping[str, Any]) -> bytes:
        """Encode the request as protobuf; fields that do not fit fail here."""
        return grpc_body(method, request)

    async def send(self, method: Method, body: bytes, timeout: float | None) -> dict[str, Any]:
        """Send one attempt and return the response as its JSON object."""
        try:
            raw = await self._callable(method)(body, timeout=timeout, metadata=self._metadata)
        except grpc.RpcError as exc:
            raise from_grpc(exc) from exc
        return grpc_result(method, raw)

    async def aclose(self) -> None:
        """Close the channel if this transport created it."""
        self._closed = True
        if self._owned and self._channel is not None:
            channel, self._channel = self._channel, None
            self._calls.clear()
            await channel.close(None)

    def _callable(self, method: Method) -> aio.UnaryUnaryMultiCallable[bytes, bytes]:
        if self._closed:
            raise RuntimeError("the client is closed")
        if self._channel is None:
            self._channel = aio.insecure_channel(self._target, CHANNEL_OPTIONS)
        call = self._calls.get(method.rpc)
        if call is None:
            call = self._channel.unary_unary(
                method.grpc_path, request_serializer=None, response_deserializer=None
            )
            self._calls[method.rpc] = call
        return call
