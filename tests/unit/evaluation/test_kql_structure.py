"""The filter columns of a query: what its `where` predicates read, wherever they stand."""

from __future__ import annotations

import pytest

from wingman.evaluation.kql_structure import query_filter_columns, without_time

CASES = [
    (
        "two predicates",
        'DeviceProcessEvents | where FileName =~ "a.exe" and ProcessCommandLine has "x"',
        {"FileName", "ProcessCommandLine"},
    ),
    (
        "time column kept",
        'SigninLogs | where TimeGenerated > ago(1d) | where ResultType != "0"',
        {"TimeGenerated", "ResultType"},
    ),
    (
        "paths count as their column",
        'DeviceEvents | where AdditionalFields.Command == "x" and AdditionalFields2["k"] == 1',
        {"AdditionalFields", "AdditionalFields2"},
    ),
    (
        "let values are not columns, let bodies are searched",
        "let window = 1h; let hosts = DeviceInfo | where OSPlatform == 'Windows10' "
        "| distinct DeviceId; DeviceLogonEvents | where Timestamp > ago(window) "
        "and DeviceId in (hosts)",
        {"OSPlatform", "Timestamp", "DeviceId"},
    ),
    (
        "subquery inside a predicate",
        "DeviceFileEvents | where SHA256 in ((DeviceProcessEvents "
        "| where InitiatingProcessFileName == 'x' | project SHA256))",
        {"SHA256", "InitiatingProcessFileName"},
    ),
    (
        "toscalar in a let",
        "let n = toscalar(DeviceInfo | where IsAzureADJoined == true | count); "
        "DeviceInfo | where n > 0",
        {"IsAzureADJoined"},
    ),
    (
        "join keys are not filters",
        "DeviceNetworkEvents | join kind=inner (DeviceInfo | where OnboardingStatus == 'On') "
        "on DeviceId | where RemotePort == 443",
        {"OnboardingStatus", "RemotePort"},
    ),
    (
        "join keys by side are not filters",
        "DeviceNetworkEvents | join (DeviceInfo) on $left.DeviceId == $right.DeviceId",
        set(),
    ),
    ("filter is where", "SecurityEvent | filter EventID == 4625", {"EventID"}),
    ("escaped name", "SecurityEvent | where ['Event Data'] == 1", {"Event Data"}),
    (
        "function parameters are not columns",
        "let f = (T:(*), minimum:long) { T | where Count > minimum }; f(SecurityEvent, 3)",
        {"Count"},
    ),
    (
        "as names are not columns",
        "DeviceInfo | as seen | where DeviceName in (seen)",
        {"DeviceName"},
    ),
    ("no where at all", "DeviceInfo | project DeviceName | take 5", set()),
    ("star search", 'DeviceInfo | where * has "x"', set()),
    (
        "columns made on the way",
        "DeviceInfo | summarize count() by DeviceName | where count_ > 5",
        {"count_"},
    ),
]


@pytest.mark.parametrize(("query", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_filter_columns(query: str, expected: set[str]) -> None:
    assert query_filter_columns(query) == frozenset(expected)


def test_a_query_that_does_not_parse_has_none() -> None:
    assert query_filter_columns("DeviceInfo | where") is None


def test_time_columns_are_dropped_on_request() -> None:
    assert without_time({"Timestamp", "TimeGenerated", "FileName"}) == {"FileName"}
