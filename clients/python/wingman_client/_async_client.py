"""The asyncio client: REST or gRPC behind one API that speaks REST's JSON objects."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from types import TracebackType
from typing import Any, Self

import httpx
from grpc.aio import Channel

from wingman_client._errors import WingmanError
from wingman_client._methods import method as lookup
from wingman_client._requests import (
    DEFAULT_RETRY,
    DEFAULT_TIMEOUT,
    IncidentFormat,
    JsonValue,
    Platform,
    ScriptLanguage,
    TimeRange,
    analyze_script_request,
    check_timeout,
    enrich_indicators_request,
    nl_to_kql_request,
    summarize_incident_request,
    validate_kql_request,
)
from wingman_client._retry import Deadline, RetryPolicy
from wingman_client._transports import AsyncGrpcTransport, AsyncRestTransport, AsyncTransport

__all__ = ["AsyncWingmanClient"]


class AsyncWingmanClient:
    """Call Wingman from asyncio over REST or gRPC with REST's JSON objects both ways."""

    # Over gRPC the request is encoded client-side (a field that does not fit raises
    # INVALID_ARGUMENT naming it) and the response is decoded to exactly what REST returns.
    # Failures raise WingmanError; transient ones are retried per the RetryPolicy, within the
    # call's deadline (its `timeout`, else the client's).

    def __init__(
        self,
        transport: AsyncTransport,
        *,
        timeout: float | None = DEFAULT_TIMEOUT,
        retry: RetryPolicy = DEFAULT_RETRY,
    ) -> None:
        self._transport = transport
        self._timeout = check_timeout(timeout)
        self._retry = retry

    @classmethod
    def rest(
        cls,
        base_url: str,
        *,
        tenant: str | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
        retry: RetryPolicy = DEFAULT_RETRY,
        http_client: httpx.AsyncClient | None = None,
    ) -> Self:
        """Connect to the REST endpoints at `base_url`; a given http_client stays the caller's."""
        transport = AsyncRestTransport(base_url, tenant=tenant, http=http_client)
        return cls(transport, timeout=timeout, retry=retry)

    @classmethod
    def grpc(
        cls,
        target: str,
        *,
        tenant: str | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
        retry: RetryPolicy = DEFAULT_RETRY,
        channel: Channel | None = None,
    ) -> Self:
        """Connect to the gRPC service at `target`; a given aio channel stays the caller's."""
        transport = AsyncGrpcTransport(target, tenant=tenant, channel=channel)
        return cls(transport, timeout=timeout, retry=retry)

    async def call(
        self, method: str, request: Mapping[str, Any], *, timeout: float | None = None
    ) -> dict[str, Any]:
        """Call the RPC `method` with a REST request object and return the response object."""
        spec = lookup(method)
        deadline = Deadline.after(timeout if timeout is not None else self._timeout)
        body = self._transport.encode(spec, request)
        attempt = 1
        while True:
            try:
                return await self._transport.send(spec, body, deadline.budget())
            except WingmanError as error:
                wait = self._retry.delay(attempt, error, deadline.remaining())
                if wait is None:
                    raise
            await asyncio.sleep(wait)
            attempt += 1

    async def summarize_incident(
        self,
        *,
        incident: JsonValue,
        format: IncidentFormat | None = None,
        enrich: bool | None = None,
        timeout: float | None = None,
    ) -> dict[str, Any]:
        """Summarize an incident given in a console's native JSON."""
        request = summarize_incident_request(incident, format, enrich)
        return await self.call("SummarizeIncident", request, timeout=timeout)

    async def analyze_script(
        self,
        *,
        content: str | None = None,
        content_base64: str | None = None,
        language: ScriptLanguage | None = None,
        filename: str | None = None,
        enrich: bool | None = None,
        timeout: float | None = None,
    ) -> dict[str, Any]:
        """Deobfuscate and assess a script given as text or as base64 bytes."""
        request = analyze_script_request(content, content_base64, language, filename, enrich)
        return await self.call("AnalyzeScript", request, timeout=timeout)

    async def nl_to_kql(
        self,
        *,
        question: str,
        platform: Platform | None = None,
        time_range: TimeRange | None = None,
        max_rows: int | None = None,
        timeout: float | None = None,
    ) -> dict[str, Any]:
        """Turn an analyst's question into a schema-checked KQL query."""
        request = nl_to_kql_request(question, platform, time_range, max_rows)
        return await self.call("NLToKQL", request, timeout=timeout)

    async def validate_kql(
        self, *, kql: str, platform: Platform | None = None, timeout: float | None = None
    ) -> dict[str, Any]:
        """Check a KQL query for syntax and schema errors."""
        return await self.call("ValidateKQL", validate_kql_request(kql, platform), timeout=timeout)

    async def enrich_indicators(
        self, *, indicators: Sequence[Mapping[str, str]], timeout: float | None = None
    ) -> dict[str, Any]:
        """Look `{type, value}` indicators up in the configured threat-intelligence providers."""
        return await self.call(
            "EnrichIndicators", enrich_indicators_request(indicators), timeout=timeout
        )

    async def aclose(self) -> None:
        """Release the channel or HTTP client, unless the caller passed it in."""
        await self._transport.aclose()

    async def __aenter__(self) -> Self:
        """Return the client itself."""
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Close the client."""
        await self.aclose()
