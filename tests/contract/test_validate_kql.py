"""The real ValidateKQL engine answers identically over gRPC, REST and `wingman call`.

Every query is written for these tests; only table and column names come from the schemas.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from functools import cache
from typing import Any

import pytest

from tests.conftest import ServeFactory, make_settings
from tests.contract.cases import Case
from tests.contract.test_transports import clients, over_cli, over_client
from wingman.app import Wingman, build_wingman
from wingman.config import Settings
from wingman.engines import Engines, kql_validation_engine


@cache
def engines() -> Engines:
    """The real validator alone: no other engine is needed to prove the doors agree."""
    return Engines(validate_kql=kql_validation_engine())


def cli_build(settings: Settings) -> Wingman:
    return build_wingman(settings, engines=engines())


@dataclass(frozen=True)
class Expected:
    """The verdict, the platform, and the first diagnostic: code, where, and the first fix."""

    valid: bool
    platform: str
    code: str | None = None
    line: int = 0
    column: int = 0
    width: int = 0
    suggestion: str | None = None


def column_of(kql: str, needle: str) -> tuple[int, int]:
    """The 1-based line and code-point column where `needle` first occurs."""
    start = kql.index(needle)
    line_start = kql.rfind("\n", 0, start) + 1
    return kql.count("\n", 0, start) + 1, start - line_start + 1


NON_ASCII_SYNTAX = 'DeviceFileEvents\n| where FileName == "résumé_😀.docx" | projekt FileName'
NON_ASCII_COLUMN = 'DeviceFileEvents\n| where FolderPath has "日本語😀" and FileNme == "a"'

CASES: tuple[tuple[str, dict[str, Any], Expected], ...] = (
    (
        "defender valid",
        {
            "kql": "DeviceProcessEvents\n| where Timestamp > ago(3d)\n"
            '| where FileName =~ "rundll32.exe"\n'
            "| project Timestamp, DeviceName, ProcessCommandLine\n| take 50"
        },
        Expected(True, "defender"),
    ),
    (
        "sentinel valid",
        {
            "kql": 'SigninLogs\n| where TimeGenerated > ago(1d)\n| where ResultType != "0"\n'
            "| summarize Failures = count() by UserPrincipalName"
        },
        Expected(True, "sentinel"),
    ),
    (
        "shared table on sentinel",
        {"kql": "DeviceEvents | take 1", "platform": "sentinel"},
        Expected(True, "sentinel"),
    ),
    (
        "unknown table",
        {"kql": "DevicProcessEvents | take 5"},
        Expected(False, "defender", "KQL200", 1, 1, 18, "DeviceProcessEvents"),
    ),
    (
        "unknown column",
        {"kql": "DeviceNetworkEvents\n| where Timestamp > ago(1h)\n| project RemoteIPAdress"},
        Expected(False, "defender", "KQL210", 3, 11, 14, "RemoteIP"),
    ),
    (
        "wrong time column",
        {"kql": "SigninLogs | where Timestamp > ago(1d)", "platform": "sentinel"},
        Expected(False, "sentinel", "KQL211", 1, 20, 9, "TimeGenerated"),
    ),
    (
        "other platform's time column",
        {"kql": "DeviceLogonEvents | where TimeGenerated > ago(1d)", "platform": "defender"},
        Expected(True, "defender", "KQL213", 1, 27, 13, "Timestamp"),
    ),
    (
        "control command",
        {"kql": ".drop table DeviceEvents"},
        Expected(False, "defender", "KQL101", 1, 1, 5),
    ),
    (
        "control command after a query",
        {"kql": "DeviceEvents | take 1;\n  .show tables"},
        Expected(False, "defender", "KQL101", 2, 3, 5),
    ),
    (
        "cross cluster",
        {"kql": "cluster('x').database('y').DeviceEvents | take 1"},
        Expected(False, "defender", "KQL102", 1, 1, 39),
    ),
    (
        "syntax error",
        {"kql": "DeviceEvents\n| where Timestamp > ago(1d\n| take 10"},
        Expected(False, "defender", "KQL100", 3, 1, 1),
    ),
    (
        "non-ASCII before a syntax error",
        {"kql": NON_ASCII_SYNTAX},
        Expected(False, "defender", "KQL100", *column_of(NON_ASCII_SYNTAX, "projekt"), 7),
    ),
    (
        "non-ASCII before an unknown column",
        {"kql": NON_ASCII_COLUMN},
        Expected(
            False, "defender", "KQL210", *column_of(NON_ASCII_COLUMN, "FileNme"), 7, "FileName"
        ),
    ),
)


def utf16_column(kql: str, line: int, column: int) -> int:
    """The same position counted in UTF-16 units, as a JavaScript console would."""
    text = kql.split("\n")[line - 1][: column - 1]
    return len(text.encode("utf-16-le")) // 2 + 1


def test_non_ascii_cases_tell_code_points_from_utf16_units() -> None:
    # Without an astral character before the finding these cases would prove nothing.
    for kql, needle in ((NON_ASCII_SYNTAX, "projekt"), (NON_ASCII_COLUMN, "FileNme")):
        line, column = column_of(kql, needle)
        assert utf16_column(kql, line, column) == column + 1


def check_expected(payload: dict[str, Any], expected: Expected) -> None:
    assert payload["valid"] is expected.valid
    assert payload["platform"] == expected.platform
    assert payload["engine"]["name"] == "wingman-kql"
    if expected.code is None:
        assert payload["diagnostics"] == []
        return
    first = payload["diagnostics"][0]
    span = (first["line"], first["column"], first["end_line"], first["end_column"])
    line, column = expected.line, expected.column
    assert (first["code"], *span) == (expected.code, line, column, line, column + expected.width)
    if expected.suggestion is not None:
        assert first["suggestions"][0] == expected.suggestion


async def test_every_door_gives_the_same_validation(serve: ServeFactory) -> None:
    async with serve(settings=make_settings(), engines=engines()) as server:
        rest, grpc = clients(server, None)
        try:
            for name, request, expected in CASES:
                case = Case(name, "ValidateKQL", request)
                by_rest = await over_client(rest, case)
                by_grpc = await over_client(grpc, case)
                by_cli = await asyncio.to_thread(over_cli, case, build=cli_build)
                assert "ok" in by_rest, (name, by_rest)
                assert by_grpc == by_rest, name
                assert by_cli == by_rest, name
                check_expected(by_rest["ok"], expected)
        finally:
            await rest.aclose()
            await grpc.aclose()


@pytest.mark.parametrize(
    ("kql", "inferred"),
    [
        ("SigninLogs | where TimeGenerated > ago(1d) | take 3", "sentinel"),
        ("DeviceEvents | where Timestamp > ago(1d) | take 3", "defender"),
    ],
)
async def test_an_unspecified_platform_is_inferred_alike(
    serve: ServeFactory, kql: str, inferred: str
) -> None:
    # gRPC's PLATFORM_UNSPECIFIED (0), an absent JSON field and JSON null all mean "infer it".
    spellings = [{"kql": kql}, {"kql": kql, "platform": 0}]
    async with serve(settings=make_settings(), engines=engines()) as server:
        rest, grpc = clients(server, None)
        try:
            answers = [await over_client(grpc, Case("grpc", "ValidateKQL", r)) for r in spellings]
            for request in ({"kql": kql}, {"kql": kql, "platform": None}):
                answers.append(await over_client(rest, Case("rest", "ValidateKQL", request)))
        finally:
            await rest.aclose()
            await grpc.aclose()
    answers.append(
        await asyncio.to_thread(over_cli, Case("cli", "ValidateKQL", {"kql": kql}), build=cli_build)
    )
    assert all(answer == answers[0] for answer in answers), answers
    assert answers[0]["ok"]["platform"] == inferred
