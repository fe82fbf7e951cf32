"""ValidateKQL's checks, table-driven: what must pass, and what must be flagged where."""

from __future__ import annotations

import pytest

from wingman.core.kql.catalog import load_catalog
from wingman.core.kql.diagnostics import CHECKS
from wingman.core.kql.validate import Report, check

CATALOG = load_catalog()


def _check(text: str, platform: str | None = None) -> Report:
    return check(text, catalog=CATALOG, platform=platform)


def _errors(report: Report) -> list[str]:
    return [f"{x.code}@{x.line}:{x.column} {x.message}" for x in report.diagnostics]


VALID = [
    "DeviceProcessEvents | where Timestamp > ago(1d) | take 10",
    "DeviceProcessEvents | where FileName =~ 'cmd.exe' | project Timestamp, DeviceName, "
    "ProcessCommandLine | top 10 by Timestamp desc",
    "let lookback = 7d; DeviceNetworkEvents | where Timestamp > ago(lookback) "
    "and RemotePort == 445",
    "let Hosts = DeviceInfo | distinct DeviceId; DeviceLogonEvents | where DeviceId in (Hosts)",
    "DeviceFileEvents | summarize count() by DeviceName | where count_ > 5",
    "DeviceFileEvents | summarize Files = dcount(SHA256), make_set(FileName) by bin(Timestamp, 1h)"
    " | project Timestamp, Files, set_FileName",
    "DeviceEvents | summarize count(RemoteUrl) by RemoteUrl | sort by count_RemoteUrl desc",
    "DeviceInfo | summarize LastSeen = arg_max(Timestamp, *) by DeviceId | project LastSeen, "
    "DeviceName, OSPlatform",
    "DeviceNetworkEvents | summarize Ip = arg_max(Timestamp, RemoteIP) by DeviceId "
    "| project DeviceId, Ip, RemoteIP",
    "DeviceLogonEvents | join kind=inner (DeviceInfo | project DeviceId, OSPlatform) on DeviceId "
    "| project DeviceId, DeviceId1, OSPlatform, AccountName",
    "EmailEvents | join kind=leftsemi EmailAttachmentInfo on NetworkMessageId | project Subject",
    "EmailEvents | join (EmailUrlInfo) on $left.NetworkMessageId == $right.NetworkMessageId "
    "| project Url",
    "union DeviceProcessEvents, DeviceFileEvents | where FileName endswith '.ps1'",
    "union withsource=Source Device*Events | summarize count() by Source",
    "DeviceRegistryEvents | project-away Registry* | project DeviceName",
    "DeviceRegistryEvents | project-rename Key = RegistryKey | where Key has 'Run'",
    "DeviceEvents | extend Fields = parse_json(AdditionalFields) | mv-expand Fields "
    "| extend Name = tostring(Fields.Name)",
    "DeviceNetworkEvents | parse RemoteUrl with Scheme '://' Host '/' * | where Host has 'x'",
    "SigninLogs | where TimeGenerated > ago(1d) | where ResultType != '0' "
    "| summarize Failures = count() by UserPrincipalName, IPAddress",
    "SigninLogs | make-series Logons = count() on TimeGenerated from ago(7d) to now() step 1h "
    "| project Logons, TimeGenerated",
    "SigninLogs | summarize count() by UserPrincipalName | as T | where UserPrincipalName in (T)",
    "SecurityEvent | where EventID == 4625 | summarize count() by Account, Computer",
    "datatable(Name: string, Score: long)['a', 1] | where Score > 0 | project Name",
    "range i from 1 to 5 step 1 | extend Double = i * 2",
    "DeviceProcessEvents | evaluate bag_unpack(AdditionalFields) | where AnyColumn == 1",
    "let f = (n: string) { DeviceInfo | where DeviceName == n }; f('ws-1') | take 1",
    "DeviceProcessEvents | where Timestamp > ago(1d) | count",
    "DeviceProcessEvents | getschema | project ColumnName, DataType",
    "AzureDiagnostics | where ResourceType == 'VAULTS' | project requestUri_s",
    "Heartbeat | where TimeGenerated > ago(1h) | summarize sum(_BilledSize) by Computer",
]


@pytest.mark.parametrize("text", VALID)
def test_well_formed_queries_pass(text: str) -> None:
    report = _check(text)
    assert report.valid, _errors(report)


FLAGGED = [
    # (query, platform, code, line, column, first suggestion)
    ("DeviceProcesEvents | take 1", None, "KQL200", 1, 1, "DeviceProcessEvents"),
    ("DeviceProcessEvents | where FileNme == 'x'", None, "KQL210", 1, 29, "FileName"),
    ("DeviceProcessEvents | where filename == 'x'", None, "KQL210", 1, 29, "FileName"),
    (
        "DeviceProcessEvents\n| project DeviceName,\n    ProcesCommandLine",
        None,
        "KQL210",
        3,
        5,
        "ProcessCommandLine",
    ),
    ("SigninLogs | where Timestamp > ago(1d)", "sentinel", "KQL211", 1, 20, "TimeGenerated"),
    ("DeviceLogonEvents | where TimeGenerated > ago(1d)", "defender", "KQL213", 1, 27, "Timestamp"),
    ("DeviceInfo | summarize count() by DeviceId | project DeviceName", None, "KQL210", 1, 54, ""),
    (
        "DeviceLogonEvents | join (DeviceInfo | project OSPlatform) on DeviceId",
        None,
        "KQL212",
        1,
        63,
        "",
    ),
    (".drop table DeviceProcessEvents", None, "KQL101", 1, 1, ""),
    ("DeviceInfo | take 1;\n.set-or-append T <| DeviceInfo", None, "KQL101", 2, 1, ""),
    ("cluster('help').database('Samples').StormEvents | take 1", None, "KQL102", 1, 1, ""),
    ("DeviceInfo | evaluate http_request('https://example.com')", None, "KQL103", 1, 14, ""),
    ("externaldata(Ip: string)['https://example.com/ips.txt'] | take 1", None, "KQL104", 1, 1, ""),
    ("Custom_CL | take 1", "sentinel", "KQL201", 1, 1, ""),
    ("DeviceLogonEvents | where Timestamp > 'yesterday'", None, "KQL300", 1, 27, ""),
    ("SigninLogs | where ResultType == 0", None, "KQL301", 1, 20, ""),
    ("let x = 1\nDeviceInfo | take 1", None, "KQL100", 2, 1, ""),
    ("union Nothing*Here", None, "KQL203", 1, 7, ""),
    ("let f = (n: string) { DeviceInfo | take 1 }; f('x') | take 1", None, "KQL204", 1, 46, ""),
]


@pytest.mark.parametrize(("text", "platform", "code", "line", "column", "first"), FLAGGED)
def test_each_check_flags_at_the_right_place(
    text: str, platform: str | None, code: str, line: int, column: int, first: str
) -> None:
    report = _check(text, platform)
    found = [x for x in report.diagnostics if x.code == code]
    assert found, _errors(report)
    assert (found[0].line, found[0].column) == (line, column), _errors(report)
    if first:
        assert found[0].suggestions[:1] == (first,)


def test_a_warning_does_not_make_a_query_invalid() -> None:
    report = _check("DeviceLogonEvents | where TimeGenerated > ago(1d)", "defender")
    assert report.valid
    assert [x.severity.value for x in report.diagnostics] == ["warning"]


def test_the_platform_is_inferred_from_tables_and_time_column() -> None:
    assert _check("SigninLogs | take 1").platform == "sentinel"
    assert _check("DeviceTvmSoftwareInventory | take 1").platform == "defender"
    assert _check("DeviceInfo | where TimeGenerated > ago(1d)").platform == "sentinel"
    assert _check("DeviceInfo | where Timestamp > ago(1d)").platform == "defender"


def test_the_tables_read_are_reported_once_in_order() -> None:
    report = _check(
        "DeviceInfo | join (DeviceLogonEvents) on DeviceId | join (DeviceInfo) on DeviceId"
    )
    assert report.tables == ("DeviceInfo", "DeviceLogonEvents")


def test_the_other_platforms_table_is_a_warning() -> None:
    report = _check("DeviceTvmSoftwareInventory | take 1", "sentinel")
    assert report.valid
    assert [x.code for x in report.diagnostics] == ["KQL202"]


def test_findings_are_capped() -> None:
    text = "DeviceInfo | project " + ", ".join(f"Missing{i}" for i in range(80))
    report = _check(text)
    assert len(report.diagnostics) == 51
    assert report.diagnostics[-1].code == "KQL900"


def test_check_codes_are_unique_and_stable() -> None:
    codes = [c.code for c in CHECKS]
    assert len(codes) == len(set(codes))
    assert all(code.startswith("KQL") and len(code) == 6 for code in codes)


def test_columns_are_code_points_and_the_end_is_exclusive() -> None:
    report = _check("// é\nDeviceInfo | where DeviceNam == 'ü'")
    (finding,) = report.diagnostics
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (2, 20, 2, 29)


# A syntax error at the end of the input sits just after the last character of the query (past
# trailing blanks and comments), one column wide, 1-based like every other finding.
END_OF_INPUT = [
    ("DeviceInfo | where", (1, 19, 1, 20)),
    ("DeviceInfo | where x == 1 | where", (1, 34, 1, 35)),
    ("DeviceInfo | where (x == 1", (1, 27, 1, 28)),
    ("DeviceInfo | where x ==", (1, 24, 1, 25)),
    ("DeviceInfo\n| where  \n\n", (2, 8, 2, 9)),
    ("DeviceInfo | where // nothing yet\n", (1, 19, 1, 20)),
    ("DeviceInfo | take 1 |", (1, 22, 1, 23)),
]


@pytest.mark.parametrize(("text", "span"), END_OF_INPUT)
def test_a_syntax_error_at_the_end_points_just_past_the_query(
    text: str, span: tuple[int, int, int, int]
) -> None:
    report = _check(text)
    (finding,) = report.diagnostics
    assert finding.code == "KQL100"
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == span


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("T | where x == 1| projekt x", "projekt"),
        ("DeviceInfo | where x == 1 | projekt x", "projekt"),
        ("DeviceInfo\n| taek 1", "taek"),
    ],
)
def test_an_unknown_operator_is_flagged_where_it_stands(text: str, word: str) -> None:
    report = _check(text)
    (finding,) = report.diagnostics
    start = text.index(word)
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    assert (finding.code, finding.line, finding.column) == ("KQL100", line, column)
    assert finding.end_column == column + len(word)
    assert word in finding.message
