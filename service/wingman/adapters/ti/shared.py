"""The gateway's Redis: cache entries, leases and budgets, each operation bounded by a timeout.

Every failure becomes `Unavailable`, which the gateway catches to carry on without Redis; after
one, Redis is skipped for a while so a dead server costs one timeout, not one per lookup.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Awaitable, Callable
from typing import TypeVar

from redis.asyncio import Redis
from redis.asyncio.cluster import RedisCluster
from redis.exceptions import RedisClusterException, RedisError

from wingman.adapters.ti.clock import Clock
from wingman.logs import RateLimitedLog
from wingman.telemetry import Telemetry

T = TypeVar("T")
log = logging.getLogger(__name__)
_FAILURES = (RedisError, RedisClusterException, OSError, asyncio.TimeoutError)

# Delete the lease only while it still holds our token: an expired lease may be someone else's.
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""
# Refill and take one token atomically, on Redis's clock (the processes' clocks may disagree).
# ARGV: calls, period ms (calls <= 0: no bucket, only the pause). Returns ms to wait, 0 = taken.
_TAKE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local calls = tonumber(ARGV[1])
local period = tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at', 'paused_until')
local paused = tonumber(state[3]) or 0
if paused > now then return paused - now end
if calls <= 0 then return 0 end
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then tokens = calls; at = now end
tokens = math.min(calls, tokens + math.max(0, now - at) * calls / period)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) * period / calls) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
if redis.call('PTTL', KEYS[1]) < 2 * period then
  redis.call('PEXPIRE', KEYS[1], math.ceil(2 * period))
end
return wait
"""
# Pause the provider for ARGV[1] ms from now (a 429's Retry-After), never shortening a pause.
_PAUSE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ms = tonumber(ARGV[1])
local current = tonumber(redis.call('HGET', KEYS[1], 'paused_until')) or 0
if now + ms > current then redis.call('HSET', KEYS[1], 'paused_until', tostring(now + ms)) end
if redis.call('PTTL', KEYS[1]) < ms then redis.call('PEXPIRE', KEYS[1], ms) end
return 1
"""


class Unavailable(Exception):
    """Redis failed, timed out, or is being skipped after a recent failure."""


class SharedStore:
    """The gateway's operations on Redis; each raises Unavailable instead of Redis trouble."""

    def __init__(
        self,
        client: Redis | RedisCluster,
        *,
        timeout_s: float,
        retry_after_s: float,
        clock: Clock,
        telemetry: Telemetry,
    ) -> None:
        self._client = client
        self._timeout = timeout_s
        self._retry_after = retry_after_s
        self._clock = clock
        self._telemetry = telemetry
        self._skip_until = -math.inf
        self._troubled_at = -math.inf
        self._warn = RateLimitedLog(log)
        self._release = client.register_script(_RELEASE)
        self._take = client.register_script(_TAKE)
        self._pause = client.register_script(_PAUSE)

    def troubled_since(self, moment: float) -> bool:
        """True when an operation failed or was skipped at or after `moment` (monotonic)."""
        return self._troubled_at >= moment

    async def get(self, key: str) -> bytes | None:
        """The value at `key`, or None."""
        value = await self._run("GET", lambda: self._client.get(key))
        return value if isinstance(value, bytes) else None

    async def put(self, key: str, value: bytes, *, ttl_s: float) -> None:
        """Store `value` at `key` for `ttl_s` seconds."""
        px = max(1, math.ceil(ttl_s * 1000))
        await self._run("SET", lambda: self._client.set(key, value, px=px))

    async def acquire(self, key: str, token: str, *, ttl_ms: int) -> bool:
        """Take the lease `key` for `ttl_ms` unless someone holds it."""
        return bool(
            await self._run("SET", lambda: self._client.set(key, token, nx=True, px=ttl_ms))
        )

    async def release(self, key: str, token: str) -> None:
        """Drop the lease `key` if it still holds `token`."""
        await self._run("EVALSHA", lambda: self._release(keys=[key], args=[token]))

    async def take(self, key: str, *, calls: int, period_s: float) -> float:
        """Take a token from the bucket `key`: 0, or seconds until one (or the pause) is due."""
        period_ms = max(1, math.ceil(period_s * 1000))
        wait = await self._run("EVALSHA", lambda: self._take(keys=[key], args=[calls, period_ms]))
        return max(0, int(wait)) / 1000.0

    async def pause(self, key: str, *, seconds: float) -> None:
        """Pause the provider of bucket `key` for `seconds`."""
        ms = max(1, math.ceil(seconds * 1000))
        await self._run("EVALSHA", lambda: self._pause(keys=[key], args=[ms]))

    async def ping(self) -> None:
        """Check that Redis answers, whatever the skip window says."""
        self._skip_until = -math.inf
        await self._run("PING", self._client.ping)

    async def close(self) -> None:
        """Close the client's connections."""
        try:
            await self._client.aclose()
        except _FAILURES:
            return

    async def _run(self, op: str, make: Callable[[], Awaitable[T]]) -> T:
        now = self._clock.monotonic()
        if now < self._skip_until:
            self._troubled_at = now
            self._telemetry.cache_errors.add(1, {"operation": f"ti.{op}", "error": "skipped"})
            raise Unavailable("skipped after a recent failure")
        try:
            async with asyncio.timeout(self._timeout):
                return await make()
        except _FAILURES as exc:
            self._failed(op, exc)
            raise Unavailable(type(exc).__name__) from None

    def _failed(self, op: str, exc: BaseException) -> None:
        kind = "timeout" if isinstance(exc, TimeoutError) else type(exc).__name__
        now = self._clock.monotonic()
        self._troubled_at = now
        self._skip_until = now + self._retry_after
        self._telemetry.cache_errors.add(1, {"operation": f"ti.{op}", "error": kind})
        self._warn.warning("threat-intel redis unavailable", operation=op, error=kind)
