"""Sources named by their own words ("sysmon", "file shares", "NXDOMAIN") as data, and the
lookup of the narrowing phrases (narrowing.py) a chosen table has.

A qualifier with no weight points to no table: it only adds its fixed predicate when the
question's other evidence has chosen one of its tables. As with concepts, no text of the
question reaches a predicate.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from wingman.core.kql.planner.concepts import Concept, _c
from wingman.core.kql.planner.narrowing import NARROWING

# Sign-ins to a workload are sign-in data, not the workload's own activity.
_NO_SIGNIN = r"^(?!.*\bsign[- ]?ins?\b).*"

QUALIFIERS: Final[tuple[Concept, ...]] = (
    # Sources said by name.
    _c(
        "sysmon",
        r"\bsysmon\b",
        "Sysmon events",
        {"Event": 'Source == "Microsoft-Windows-Sysmon"'},
        # Naming the log source is as good as naming its table.
        weight=12.0,
    ),
    _c(
        "file_share_logs",
        r"\b(azure )?file shares?\b",
        "Azure Files requests",
        {"StorageFileLogs": ""},
        weight=5.0,
    ),
    _c(
        "vm_inventory",
        r"\bvm (inventory|computers?)\b|\bvms? running\b",
        "the inventory of monitored VMs",
        {"VMComputer": ""},
        weight=5.0,
    ),
    _c(
        "log_cleared",
        r"\b(audit|security|event) logs? (was |were )?(cleared|wiped)\b|\blogs? clear(ed|ing)\b",
        "event logs cleared",
        {"SecurityEvent": "EventID == 1102", "DeviceEvents": 'ActionType == "SecurityLogCleared"'},
        # Above the table "audit log" spells: the log cleared is the Windows one.
        weight=10.0,
    ),
    _c(
        "ssh_failed",
        r"\bfail\w*\b.{0,20}\bssh\b|\bssh\b.{0,30}\bfail",
        "failed SSH logons",
        {"Syslog": 'SyslogMessage has "Failed password"'},
        weight=5.0,
    ),
    _c(
        "syslog_auth",
        r"\bauth(priv)? (messages?|logs?|facility)\b",
        "authentication syslog messages",
        {"Syslog": 'Facility in ("auth", "authpriv")'},
        weight=5.0,
    ),
    _c(
        "linux_accounts",
        r"\b(useradd|usermod|userdel|groupadd|chpasswd)\b",
        "Linux account management",
        {"Syslog": 'SyslogMessage has_any ("useradd", "usermod", "userdel", "groupadd")'},
        weight=5.0,
    ),
    _c(
        "sudo",
        r"\bsudo\b",
        "sudo use",
        {"Syslog": 'ProcessName == "sudo"'},
        weight=0.0,
    ),
    _c(
        "tvm_kb",
        r"^(?!.*\b(devices?|machines?|hosts?|endpoints?|servers?|environment|tenant|"
        r"organi[sz]ations?|affected|vulnerable|active|exposed|patch\w*)\b).*"
        r"(\bcvss\b|\bexploits? (available|exist)|\bcves?\b)",
        "the vulnerability knowledge base",
        {"DeviceTvmSoftwareVulnerabilitiesKB": ""},
        weight=5.0,
    ),
    _c(
        "registry_value",
        r"\bvalues? (named|called)\b|(?-i:\b[A-Z][a-z]*[A-Z]\w* value\b)",
        "a registry value by its name",
        {"DeviceRegistryEvents": ""},
        weight=3.0,
    ),
    _c(
        "entra_directory",
        r"\bdirectory (changes?|audit|operations?)\b|\bin the directory\b",
        "changes to the Entra ID directory",
        {"AuditLogs": ""},
        weight=3.5,
    ),
    _c(
        "smartscreen",
        r"\bsmart ?screen\b",
        "SmartScreen warnings",
        {"DeviceEvents": 'ActionType startswith "SmartScreen"'},
        weight=5.0,
    ),
    _c(
        "code_signing",
        r"\bsigned by\b|\bsigners?\b|\bcode[- ]signing\b|\bunsigned\b",
        "file signatures",
        {"DeviceFileCertificateInfo": ""},
        weight=4.0,
    ),
    _c(
        "dns_client",
        r"\b(resolved|queried|looked up) by\b",
        "DNS lookups by a client",
        {"DnsEvents": ""},
        weight=2.0,
    ),
    _c(
        "nxdomain",
        r"\bnxdomain\b|\bnon-?existent domains?\b",
        "NXDOMAIN answers",
        {"DnsEvents": "ResultCode == 3"},
        weight=4.0,  # a DNS answer code names DNS data
    ),
    _c(
        "sharepoint",
        rf"{_NO_SIGNIN}\bsharepoint\b",
        "SharePoint activity",
        {
            "OfficeActivity": 'OfficeWorkload == "SharePoint"',
            "CloudAppEvents": 'Application == "Microsoft SharePoint Online"',
        },
        weight=2.5,
    ),
    _c(
        "onedrive",
        rf"{_NO_SIGNIN}\bone ?drive\b",
        "OneDrive activity",
        {
            "OfficeActivity": 'OfficeWorkload == "OneDrive"',
            "CloudAppEvents": 'Application == "Microsoft OneDrive for Business"',
        },
        weight=2.5,
    ),
    _c(
        "teams",
        rf"{_NO_SIGNIN}\b(microsoft )?teams\b",
        "Teams activity",
        {
            "OfficeActivity": 'OfficeWorkload == "MicrosoftTeams"',
            "CloudAppEvents": 'Application == "Microsoft Teams"',
        },
        weight=2.5,
    ),
)

# Qualifiers with weight point to tables like concepts; the others are only looked for in a
# question once a table they narrow is chosen, which keeps long texts cheap.
POINTING: Final[tuple[Concept, ...]] = tuple(q for q in QUALIFIERS if q.weight)
_NARROWING: Final[tuple[Concept, ...]] = tuple(q for q in QUALIFIERS + NARROWING if not q.weight)


@lru_cache(maxsize=256)
def narrowing(table: str) -> tuple[Concept, ...]:
    """The weightless qualifiers that have a condition on `table`."""
    return tuple(q for q in _NARROWING if table in q.predicates)
