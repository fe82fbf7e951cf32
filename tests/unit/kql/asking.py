"""How the planner tests ask a question: the deterministic engine with a generous deadline."""

from __future__ import annotations

import time

from wingman.core.kql.catalog import load_catalog
from wingman.core.kql.validate import check
from wingman.core.models import NLToKQLRequest, NLToKQLResponse
from wingman.engines import kql_planner_engine

PLANNER = kql_planner_engine().run
CATALOG = load_catalog()


def ask(question: str, platform: str = "defender", **fields: object) -> NLToKQLResponse:
    request = NLToKQLRequest(question=question, platform=platform, **fields)
    return PLANNER(request, deadline=time.monotonic() + 10)


def ask_valid(question: str, platform: str = "defender") -> NLToKQLResponse:
    """The answer, which must be a valid query that ValidateKQL accepts on its own."""
    answer = ask(question, platform)
    assert answer.valid, answer.diagnostics
    assert check(answer.kql, catalog=CATALOG, platform=platform).valid
    return answer


def tables(question: str, platform: str = "defender") -> tuple[str, ...]:
    return ask(question, platform).tables
