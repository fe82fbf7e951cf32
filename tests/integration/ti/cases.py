"""The shape of an answer test: a scripted answer and the ProviderAnswer it must read into."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from tests.integration.ti.conftest import ProviderFactory
from tests.integration.ti.servers import Answer, ScriptedServer
from wingman.adapters.ti.provider import HttpProvider
from wingman.core.models import Indicator, Verdict
from wingman.core.ti.verdicts import ProviderAnswer

MALICIOUS, SUSPICIOUS, BENIGN, UNKNOWN = (
    Verdict.MALICIOUS,
    Verdict.SUSPICIOUS,
    Verdict.BENIGN,
    Verdict.UNKNOWN,
)
NOT_FOUND = ProviderAnswer(UNKNOWN, found=False)
FIRST, LAST = "2026-01-02T03:04:05Z", "2026-02-03T04:05:06Z"


@dataclass(frozen=True)
class Case:
    """One scripted answer and what the provider must make of it (`{base}`: the server URL)."""

    id: str
    kind: type[HttpProvider]
    indicator: Indicator
    status: int
    body: Any
    expected: ProviderAnswer


async def check(case: Case, server: ScriptedServer, provider_for: ProviderFactory) -> None:
    """Script the answer, look the indicator up once, and compare the whole ProviderAnswer."""
    provider = provider_for(case.kind)
    path = provider.call(case.indicator).path
    server.answer(path, Answer(case.status, case.body))
    answer = await provider.lookup(case.indicator, timeout=5.0)
    references = tuple(link.format(base=server.url) for link in case.expected.references)
    assert answer == replace(case.expected, references=references)
    assert server.count(path) == 1
