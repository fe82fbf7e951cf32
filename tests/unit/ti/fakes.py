"""Hand-written fakes for the gateway: a scripted provider and a clock the test moves."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from wingman.adapters.ti.provider import ProviderError
from wingman.core.models import Indicator, IndicatorType, Verdict
from wingman.core.ti.verdicts import ProviderAnswer

Behaviour = Callable[[Indicator], ProviderAnswer]


def malicious(score: int = 90) -> Behaviour:
    """A behaviour: every value is malicious with `score`."""
    return lambda indicator: ProviderAnswer(Verdict.MALICIOUS, score=score, summary="bad")


def failing(error: ProviderError) -> Behaviour:
    """A behaviour: every lookup raises `error`."""

    def behave(indicator: Indicator) -> ProviderAnswer:
        raise error

    return behave


class FakeProvider:
    """Answers by `behaviour`, counts calls per value, and can hold calls until `release()`."""

    def __init__(
        self,
        name: str = "fake",
        *,
        behaviour: Behaviour | None = None,
        types: frozenset[IndicatorType] = frozenset(IndicatorType),
        rate: str | None = None,
        held: bool = False,
    ) -> None:
        self.name = name
        self.types = types
        self.rate = rate
        self.behaviour = behaviour or malicious()
        self.calls: Counter[str] = Counter()
        self.timeouts: list[float] = []
        self.closed = False
        self._gate = asyncio.Event()
        if not held:
            self._gate.set()

    @property
    def total(self) -> int:
        return sum(self.calls.values())

    def release(self) -> None:
        self._gate.set()

    async def lookup(self, indicator: Indicator, *, timeout: float) -> ProviderAnswer:
        self.calls[indicator.value] += 1
        self.timeouts.append(timeout)
        await self._gate.wait()
        return self.behaviour(indicator)

    async def aclose(self) -> None:
        self.closed = True


class ManualClock:
    """Monotonic and wall time that move only when the test says so."""

    def __init__(self, start: float = 1000.0) -> None:
        self.at = start
        self.wall = datetime(2026, 1, 31, 12, 0, 0, tzinfo=UTC)

    def monotonic(self) -> float:
        return self.at

    def now(self) -> datetime:
        return self.wall + timedelta(seconds=self.at)

    def advance(self, seconds: float) -> None:
        self.at += seconds
