"""When to try a failed call again, and how long to wait first; never past the call's deadline."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from random import random as _uniform

from wingman_client._errors import WingmanError

__all__ = ["Deadline", "RetryPolicy"]

RATE_LIMITED = "rate_limited"


@dataclass(frozen=True)
class RetryPolicy:
    """Retry transient codes with exponential backoff, and rate limits after their Retry-After."""

    # `max_attempts` counts the first try. Each wait is the backoff scaled by a factor drawn from
    # [1 - jitter, 1 + jitter] with `random` (pass `jitter=0` or a fixed `random` for tests).

    max_attempts: int = 3
    initial_backoff: float = 0.1
    max_backoff: float = 2.0
    multiplier: float = 2.0
    retryable: tuple[str, ...] = ("UNAVAILABLE",)
    jitter: float = 0.2
    random: Callable[[], float] = field(default=_uniform, compare=False, repr=False)

    def __post_init__(self) -> None:
        """Reject settings that cannot work."""
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if self.initial_backoff < 0 or self.max_backoff < 0:
            raise ValueError("backoffs must not be negative")
        if self.multiplier < 1:
            raise ValueError("multiplier must be at least 1")
        if not 0 <= self.jitter <= 1:
            raise ValueError("jitter must be within [0, 1]")

    @classmethod
    def none(cls) -> RetryPolicy:
        """Return a policy that never retries."""
        return cls(max_attempts=1)

    def backoff(self, attempt: int) -> float:
        """Return the wait after failed attempt number `attempt` (1-based), with jitter."""
        base = min(self.max_backoff, self.initial_backoff * self.multiplier ** (attempt - 1))
        return base * (1.0 - self.jitter + 2.0 * self.jitter * self.random())

    def delay(self, attempt: int, error: WingmanError, remaining: float | None) -> float | None:
        """Return how long to wait before trying again, or None to give up with `error`."""
        if attempt >= self.max_attempts:
            return None
        if error.code == "RESOURCE_EXHAUSTED" and error.reason == RATE_LIMITED:
            wait = error.retry_after
        elif error.code in self.retryable:
            wait = self.backoff(attempt)
        else:
            wait = None
        if wait is None or (remaining is not None and wait >= remaining):
            return None
        return wait


@dataclass
class Deadline:
    """The absolute end of one call, across all its attempts (monotonic seconds)."""

    at: float | None
    clock: Callable[[], float] = time.monotonic

    @classmethod
    def after(cls, timeout: float | None, clock: Callable[[], float] = time.monotonic) -> Deadline:
        """Start a deadline `timeout` seconds from now; None means no deadline."""
        if timeout is not None and timeout <= 0:
            raise ValueError(f"timeout must be positive, got {timeout}")
        return cls(None if timeout is None else clock() + timeout, clock)

    def remaining(self) -> float | None:
        """Return the seconds left (None without a deadline)."""
        return None if self.at is None else self.at - self.clock()

    def budget(self) -> float | None:
        """Return the seconds left for one more attempt; raise DEADLINE_EXCEEDED when none are."""
        left = self.remaining()
        if left is not None and left <= 0:
            raise WingmanError("DEADLINE_EXCEEDED", "the deadline passed before the call was sent")
        return left
