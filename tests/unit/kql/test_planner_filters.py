"""NLToKQL's where-clauses: value lists, negation, acting processes, accounts said in prose,
values said before their column, and conditions the question does not ground."""

from __future__ import annotations

import time

import pytest

from wingman.core.kql.nl.entities import extract_entities
from wingman.core.models import NLToKQLRequest, NLToKQLResponse
from wingman.engines import kql_planner_engine
from wingman.evaluation.kql_structure import query_filter_columns, without_time

PLANNER = kql_planner_engine().run


def _ask(question: str, platform: str = "defender") -> NLToKQLResponse:
    request = NLToKQLRequest(question=question, platform=platform)
    return PLANNER(request, deadline=time.monotonic() + 10)


def _filters(answer: NLToKQLResponse) -> frozenset[str]:
    columns = query_filter_columns(answer.kql)
    assert columns is not None, answer.kql
    return without_time(columns)


def _users(text: str) -> list[str]:
    return [e.value for e in extract_entities(text) if str(e.kind) == "user"]


@pytest.mark.parametrize(
    "text",
    [
        "techniques used by attackers to move laterally",
        "users located in Germany",
        "alerts about an account deletion",
        "count risky users per risk level",
        "storage reads by users authenticated with a key",
        "cloud app activity grouped by Operation Name",
    ],
)
def test_prose_after_a_user_word_is_no_account(text: str) -> None:
    assert _users(text) == []


@pytest.mark.parametrize(
    ("text", "user"),
    [
        ("logons for the account administrator", "administrator"),
        ("processes run by the user kpatel", "kpatel"),
        ("sign-ins of user 'helpdesk'", "helpdesk"),
        ('behaviours of users containing "Maria Lopez"', "Maria Lopez"),
        ("files written by svc-build01", "svc-build01"),
    ],
)
def test_real_looking_accounts_are_still_taken(text: str, user: str) -> None:
    assert _users(text) == [user]
