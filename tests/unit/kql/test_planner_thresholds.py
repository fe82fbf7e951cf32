"""A bar over a group ("more than 5 accounts", "at least 20 failures", "multiple devices") is
answered with one row per group whose count passes it."""

from __future__ import annotations

import pytest

from tests.unit.kql.asking import ask_valid as _ask
from wingman.core.kql.planner.thresholds import threshold


def test_distinct_values_of_another_kind_are_counted_per_group() -> None:
    answer = _ask("IP addresses that failed to sign in to more than 5 accounts today", "sentinel")
    lines = answer.kql.split("\n| ")
    assert "summarize DistinctUserPrincipalName = dcount(UserPrincipalName) by IPAddress" in lines
    assert "where DistinctUserPrincipalName > 5" in lines
    # The conditions come before the counting.
    assert lines.index('where ResultType != "0"') < lines.index(
        "where DistinctUserPrincipalName > 5"
    )


def test_events_are_counted_when_the_bar_names_the_events() -> None:
    lines = _ask("hosts with at least 25 failed logons since yesterday").kql.split("\n| ")
    assert "summarize Count = count() by DeviceName" in lines
    assert "where Count >= 25" in lines


def test_multiple_means_more_than_one() -> None:
    lines = _ask("accounts with failed logons on multiple machines").kql.split("\n| ")
    assert "summarize DistinctDeviceName = dcount(DeviceName) by AccountName" in lines
    assert "where DistinctDeviceName > 1" in lines


@pytest.mark.parametrize(
    "question",
    [
        "processes that ran for more than 5 minutes",
        "connections to ports above 1024",
        "how many users signed in yesterday",
        "files larger than 10 MB written to USB drives",
        "commands with multiple arguments",
    ],
)
def test_durations_sizes_and_counts_asked_are_no_bar(question: str) -> None:
    assert threshold(question) is None


@pytest.mark.parametrize(
    ("question", "operator", "value", "counted"),
    [
        ("users who signed in from more than two countries", ">", 2, "country"),
        ("senders with over 50 emails", ">", 50, ""),
        ("domains visited by fewer than 3 distinct devices", "<", 3, "device"),
        ("apps consented by no fewer than ten users", ">=", 10, "user"),
    ],
)
def test_the_bar_reads_its_comparison_number_and_kind(
    question: str, operator: str, value: int, counted: str
) -> None:
    bar = threshold(question)
    assert bar is not None
    assert (bar.operator, bar.value, bar.counted) == (operator, value, counted)
