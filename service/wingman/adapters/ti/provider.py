"""A provider: a name, the indicator types it knows, and one `lookup`.

HTTP providers are declarative: `HttpProvider` subclasses say which request to send for an
indicator (`call`) and how to read the answer (`read`); the base sends it with httpx, applies the
timeout and turns transport trouble into a typed `ProviderError` the gateway knows how to treat
(never cache an auth failure, honour `Retry-After`, open the breaker on repeated outages).
"""

from __future__ import annotations

import asyncio
import json
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar, Protocol

import httpx

from wingman.core.models import Indicator, IndicatorType
from wingman.core.ti.verdicts import ProviderAnswer

# Answers larger than this are not read (a provider's answer is a few KB; a lookup is one value).
MAX_ANSWER_BYTES = 4 * 1024 * 1024


class ProviderErrorKind(StrEnum):
    AUTH = "auth"  # 401/403: the key is wrong; never cached
    RATE_LIMITED = "rate_limited"  # 429: wait `retry_after`
    UNAVAILABLE = "unavailable"  # 5xx, connection refused or reset
    TIMEOUT = "timeout"
    MALFORMED = "malformed"  # not the documented shape, not JSON
    UNSUPPORTED = "unsupported"  # the provider does not look up this type


class ProviderError(Exception):
    """Why a provider could not answer; `retry_after` in seconds when it said so."""

    def __init__(
        self, kind: ProviderErrorKind, message: str, *, retry_after: float | None = None
    ) -> None:
        super().__init__(f"{kind.value}: {message}")
        self.kind = kind
        self.message = message
        self.retry_after = retry_after


class Provider(Protocol):
    """Looks one indicator up; raises ProviderError, never anything else, on trouble.

    `rate` is the budget the gateway keeps for it (`4/60s`), None for none (offline sources).
    """

    @property
    def name(self) -> str: ...

    @property
    def types(self) -> frozenset[IndicatorType]: ...

    @property
    def rate(self) -> str | None: ...

    async def lookup(self, indicator: Indicator, *, timeout: float) -> ProviderAnswer: ...

    async def aclose(self) -> None: ...


@dataclass(frozen=True, slots=True)
class HttpCall:
    """One HTTP request, relative to the provider's base URL."""

    method: str
    path: str
    params: Mapping[str, str] = field(default_factory=dict)
    json: Any = None
    data: Mapping[str, str] | None = None
    headers: Mapping[str, str] = field(default_factory=dict)


class HttpProvider(ABC):
    """The common part of every HTTP provider: subclasses set the class fields and two methods.

    `read` gets the status and the decoded JSON (None for an empty body) of any 2xx or 404 answer
    and returns the answer, `ProviderAnswer(Verdict.UNKNOWN, found=False)` when the provider does
    not know the value; it raises ProviderError(MALFORMED) for a shape it cannot read.
    """

    name: ClassVar[str]
    types: ClassVar[frozenset[IndicatorType]]
    default_base_url: ClassVar[str]
    # The free tier's documented budget (`4/60s`), used when the settings give none.
    default_rate: ClassVar[str | None] = None

    def __init__(
        self,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        rate: str | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.base_url = (base_url or self.default_base_url).rstrip("/")
        self.api_key = api_key
        self.rate = rate or self.default_rate
        self._client = httpx.AsyncClient(
            base_url=self.base_url,
            transport=transport,
            headers={"accept": "application/json", "user-agent": "wingman"},
            follow_redirects=False,
        )

    @abstractmethod
    def call(self, indicator: Indicator) -> HttpCall:
        """The request that asks about `indicator`."""

    @abstractmethod
    def read(self, indicator: Indicator, status: int, body: Any) -> ProviderAnswer:
        """The answer in a 2xx or 404 response."""

    async def lookup(self, indicator: Indicator, *, timeout: float) -> ProviderAnswer:
        """Send the call and read the answer within `timeout` seconds."""
        if indicator.type not in self.types:
            raise ProviderError(
                ProviderErrorKind.UNSUPPORTED, f"{self.name} does not look up {indicator.type}"
            )
        call = self.call(indicator)
        request = self._client.build_request(
            call.method,
            call.path,
            params=dict(call.params),
            json=call.json,
            data=dict(call.data) if call.data is not None else None,
            headers=dict(call.headers),
            timeout=httpx.Timeout(max(timeout, 0.001)),
        )
        try:
            # httpx's timeout bounds each phase; the whole exchange has `timeout` in all.
            async with asyncio.timeout(max(timeout, 0.001)):
                status, headers, content = await self._exchange(request)
        except (TimeoutError, httpx.TimeoutException):
            raise ProviderError(
                ProviderErrorKind.TIMEOUT, f"no answer in {timeout:.2f} s"
            ) from None
        except httpx.HTTPError as error:
            raise ProviderError(ProviderErrorKind.UNAVAILABLE, type(error).__name__) from None
        _raise_for_status(status, headers)
        return self.read(indicator, status, _json(content))

    async def _exchange(self, request: httpx.Request) -> tuple[int, httpx.Headers, bytes]:
        """Send the request and read at most MAX_ANSWER_BYTES of the answer."""
        response = await self._client.send(request, stream=True)
        try:
            body = bytearray()
            async for chunk in response.aiter_bytes():
                body += chunk
                if len(body) > MAX_ANSWER_BYTES:
                    raise ProviderError(ProviderErrorKind.MALFORMED, "answer larger than 4 MiB")
            return response.status_code, response.headers, bytes(body)
        finally:
            await response.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()


def _raise_for_status(status: int, headers: httpx.Headers) -> None:
    if status in (401, 403):
        raise ProviderError(ProviderErrorKind.AUTH, f"HTTP {status}")
    if status == 429:
        raise ProviderError(
            ProviderErrorKind.RATE_LIMITED,
            "HTTP 429",
            retry_after=retry_after(headers.get("retry-after")),
        )
    if status >= 500:
        raise ProviderError(
            ProviderErrorKind.UNAVAILABLE,
            f"HTTP {status}",
            retry_after=retry_after(headers.get("retry-after")) if status == 503 else None,
        )
    if not (200 <= status < 300 or status == 404):
        raise ProviderError(ProviderErrorKind.MALFORMED, f"unexpected HTTP {status}")


def _json(content: bytes) -> Any:
    if not content.strip():
        return None
    try:
        return json.loads(content)
    except (ValueError, RecursionError):
        raise ProviderError(ProviderErrorKind.MALFORMED, "the answer is not JSON") from None


def retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta seconds or an HTTP date), or None."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    from datetime import UTC, datetime
    from email.utils import parsedate_to_datetime

    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())
