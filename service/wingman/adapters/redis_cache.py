"""RedisCache: the shared cache, which degrades to "no cache" instead of failing a call."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar
from urllib.parse import unquote_plus, urlsplit

from opentelemetry.trace import SpanKind
from redis.asyncio import Redis
from redis.asyncio.cluster import RedisCluster
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisClusterException, RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

from wingman.core.ports import CacheKey, ComponentHealth, HealthStatus
from wingman.logs import RateLimitedLog
from wingman.telemetry import Telemetry

T = TypeVar("T")
log = logging.getLogger(__name__)
CLUSTER_SCHEMES = {"redis+cluster": "redis", "rediss+cluster": "rediss"}
# RedisClusterException (e.g. "cannot be connected", uncovered slots) is not a RedisError.
_FAILURES = (RedisError, RedisClusterException, OSError, asyncio.TimeoutError)


def connect(url: str, *, timeout_s: float) -> Redis | RedisCluster:
    """Make a client for a redis://, rediss://, unix:// or redis+cluster:// URL."""
    scheme, _, rest = url.partition("://")
    options: dict[str, Any] = {
        "socket_connect_timeout": timeout_s,
        "socket_timeout": timeout_s,
    }
    if scheme in CLUSTER_SCHEMES:
        return RedisCluster.from_url(f"{CLUSTER_SCHEMES[scheme]}://{rest}", **options)
    return Redis.from_url(url, retry=Retry(NoBackoff(), 0), **options)


def redacted(url: str) -> str:
    """The URL without its passwords, fit for logs.

    redis-py also reads query parameters as client options (`unix:///s.sock?password=...`,
    `ssl_password=...`), so any parameter whose name mentions a password is masked too.
    """
    parts = urlsplit(url)
    netloc = parts.netloc
    if parts.password is not None:
        userinfo, _, hostinfo = netloc.rpartition("@")
        username = userinfo.partition(":")[0]
        netloc = f"{username}:***@{hostinfo}"
    query = "&".join(
        f"{name}=***" if "password" in unquote_plus(name).lower() and sep else f"{name}{sep}{value}"
        for name, sep, value in (item.partition("=") for item in parts.query.split("&") if item)
    )
    if netloc == parts.netloc and query == parts.query:
        return url
    # Assembled by hand: urlunsplit drops the empty authority of unix:///path URLs.
    return (
        f"{parts.scheme}://{netloc}{parts.path}"
        + (f"?{query}" if query else "")
        + (f"#{parts.fragment}" if parts.fragment else "")
    )


def _consume_outcome(task: asyncio.Task[Any]) -> None:
    """Mark a background task's failure as seen; whoever awaited it has recorded it already."""
    if not task.cancelled():
        task.exception()


class RedisCache:
    """Every operation is bounded by its timeout; after a failure Redis is skipped for a while."""

    def __init__(
        self,
        client: Redis | RedisCluster,
        *,
        telemetry: Telemetry,
        display_url: str,
        retry_after_s: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client = client
        self._telemetry = telemetry
        self._display_url = display_url
        self._retry_after = retry_after_s
        self._clock = clock
        self._skip_until = 0.0
        self._warn = RateLimitedLog(log)
        self._discovery: asyncio.Task[RedisCluster] | None = None
        parts = urlsplit(display_url)
        self._peer: dict[str, str | int] = {
            "server.address": parts.hostname or "",
            "server.port": parts.port or 6379,
        }

    @property
    def backend(self) -> str:
        return "redis-cluster" if isinstance(self._client, RedisCluster) else "redis"

    async def get(self, key: CacheKey, *, timeout: float) -> bytes | None:
        value = await self._call("GET", timeout, lambda: self._client.get(str(key)))
        return value if isinstance(value, bytes) else None

    async def set(self, key: CacheKey, value: bytes, *, ttl: float, timeout: float) -> None:
        px = max(1, int(ttl * 1000))
        await self._call("SET", timeout, lambda: self._client.set(str(key), value, px=px))

    async def health(self) -> ComponentHealth:
        try:
            async with asyncio.timeout(1.0):
                await self._discovered()
                await self._client.ping()
        except _FAILURES as exc:
            return ComponentHealth(
                "cache",
                HealthStatus.DEGRADED,
                f"{self.backend} unreachable, serving uncached: {type(exc).__name__}",
            )
        self._skip_until = 0.0
        return ComponentHealth("cache", HealthStatus.OK, f"{self.backend} {self._display_url}")

    async def close(self) -> None:
        if self._discovery is not None and not self._discovery.done():
            self._discovery.cancel()
            await asyncio.gather(self._discovery, return_exceptions=True)
        await self._client.aclose()

    async def _discovered(self) -> None:
        """Wait (within the caller's budget) for a cluster client to know its nodes.

        RedisCluster discovers the slot map and command table (CLUSTER SLOTS, COMMAND: several
        round trips, tens of ms) on first use and after topology errors, inside whichever command
        comes first, and throws the work away when that command is cancelled. Bounded by one
        operation's budget (50 ms by default) it might never finish, and the cache would never
        warm up; so it runs in a task of its own that outlives the operation that started it.
        """
        if not isinstance(self._client, RedisCluster):
            return
        task = self._discovery
        if task is None or task.done():
            # initialize() returns at once when the client is already initialized.
            task = self._discovery = asyncio.ensure_future(self._client.initialize())
            task.add_done_callback(_consume_outcome)
        await asyncio.shield(task)

    async def _call(self, op: str, timeout: float, run: Callable[[], Awaitable[T]]) -> T | None:
        if self._clock() < self._skip_until:
            self._telemetry.cache_errors.add(1, {"operation": op, "error": "skipped"})
            return None
        attributes: dict[str, str | int] = {
            "db.system.name": "redis",
            "db.operation.name": op,
            **self._peer,
        }
        with self._telemetry.tracer.start_as_current_span(
            op, kind=SpanKind.CLIENT, attributes=attributes
        ) as span:
            try:
                async with asyncio.timeout(timeout):
                    await self._discovered()
                    result = await run()
            except _FAILURES as exc:
                span.set_attribute("error.type", type(exc).__name__)
                self._failed(op, exc)
                return None
        return result

    def _failed(self, op: str, exc: BaseException) -> None:
        # Our own deadline and redis-py's socket timeout are the same failure: label them alike.
        timed_out = isinstance(exc, TimeoutError | RedisTimeoutError)
        kind = "timeout" if timed_out else type(exc).__name__
        self._telemetry.cache_errors.add(1, {"operation": op, "error": kind})
        self._skip_until = self._clock() + self._retry_after
        self._warn.warning(
            "redis cache unavailable, serving uncached",
            operation=op,
            error=kind,
            redis=self._display_url,
        )
