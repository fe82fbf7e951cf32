"""A provider's call budget: a token bucket shared in Redis, or this process's when Redis is out.

The shared bucket lives at `keys.budget_key(provider)`, refilled and taken from in one Lua script
so that every process spends one budget; a 429's Retry-After pauses it for all of them.
"""

from __future__ import annotations

import math

from wingman.adapters.ti.clock import Clock
from wingman.adapters.ti.keys import budget_key
from wingman.adapters.ti.shared import SharedStore, Unavailable
from wingman.config import parse_rate


class TokenBucket:
    """An in-process token bucket of `calls` per `period_s`, full at the start, with a pause."""

    def __init__(self, *, calls: int, period_s: float, clock: Clock) -> None:
        self._calls = calls
        self._period = period_s
        self._clock = clock
        self._tokens = float(calls)
        self._at = clock.monotonic()
        self._paused_until = -math.inf

    def paused_for(self) -> float:
        """Seconds left of the pause, 0 when not paused."""
        return max(0.0, self._paused_until - self._clock.monotonic())

    def take(self) -> float:
        """Take a token: 0, or the seconds until one (or the end of the pause) is due."""
        now = self._clock.monotonic()
        if now < self._paused_until:
            return self._paused_until - now
        if self._calls <= 0:
            return 0.0
        rate = self._calls / self._period
        self._tokens = min(float(self._calls), self._tokens + max(0.0, now - self._at) * rate)
        self._at = now
        if self._tokens >= 1.0:
            self._tokens -= 1.0
            return 0.0
        return (1.0 - self._tokens) / rate

    def pause(self, seconds: float) -> None:
        """Refuse tokens for `seconds` from now (never shortening a longer pause)."""
        self._paused_until = max(self._paused_until, self._clock.monotonic() + seconds)


class Budget:
    """One provider's budget: `rate` such as `4/60s`, None for unlimited (pauses still apply)."""

    def __init__(
        self, *, provider: str, rate: str | None, store: SharedStore | None, clock: Clock
    ) -> None:
        calls, period = parse_rate(rate) if rate else (0, 1.0)
        self._key = budget_key(provider)
        self._calls = calls
        self._period = period
        self._store = store
        self._local = TokenBucket(calls=calls, period_s=period, clock=clock)

    async def take(self) -> float:
        """Take a token: 0, or the seconds until one is due (shared when Redis answers)."""
        paused = self._local.paused_for()
        if paused > 0:
            return paused
        if self._store is not None:
            try:
                return await self._store.take(self._key, calls=self._calls, period_s=self._period)
            except Unavailable:
                pass
        return self._local.take()

    async def pause(self, seconds: float) -> None:
        """Pause the provider for `seconds`, in this process and (when it answers) in Redis."""
        self._local.pause(seconds)
        if self._store is not None:
            try:
                await self._store.pause(self._key, seconds=seconds)
            except Unavailable:
                return
