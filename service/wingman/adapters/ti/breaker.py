"""A provider's circuit breaker: after repeated outages, stop asking until a cool-down passes.

In-process: each process learns on its own that a provider is down, which costs at most
`threshold` failed calls per process.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from enum import IntEnum

from wingman.adapters.ti.clock import Clock


class BreakerState(IntEnum):
    CLOSED = 0
    HALF_OPEN = 1
    OPEN = 2


class Breaker:
    """Opens after `threshold` consecutive outages; one probe is let through after `cooldown_s`."""

    def __init__(
        self,
        *,
        threshold: int,
        cooldown_s: float,
        clock: Clock,
        on_change: Callable[[BreakerState], None],
    ) -> None:
        self._threshold = max(1, threshold)
        self._cooldown = cooldown_s
        self._clock = clock
        self._on_change = on_change
        self._failures = 0
        self._state = BreakerState.CLOSED
        self._opened_at = -math.inf
        self._probe_at = -math.inf

    @property
    def state(self) -> BreakerState:
        return self._state

    def blocked(self) -> bool:
        """True when a call would be refused now (a pure check: it lets no probe through)."""
        now = self._clock.monotonic()
        if self._state is BreakerState.OPEN:
            return now < self._opened_at + self._cooldown
        if self._state is BreakerState.HALF_OPEN:
            # A probe that never reported (cancelled) frees the slot after one cool-down.
            return now < self._probe_at + self._cooldown
        return False

    def allow(self) -> bool:
        """Whether to call now; from open after the cool-down, this call is the probe."""
        if self.blocked():
            return False
        if self._state is not BreakerState.CLOSED:
            self._probe_at = self._clock.monotonic()
            self._set(BreakerState.HALF_OPEN)
        return True

    def succeeded(self) -> None:
        """The provider answered (whatever it said)."""
        self._failures = 0
        self._set(BreakerState.CLOSED)

    def failed(self) -> None:
        """The provider was unreachable or timed out."""
        self._failures += 1
        if self._state is BreakerState.HALF_OPEN or self._failures >= self._threshold:
            self._opened_at = self._clock.monotonic()
            self._set(BreakerState.OPEN)

    def _set(self, state: BreakerState) -> None:
        if state is not self._state:
            self._state = state
            self._on_change(state)
