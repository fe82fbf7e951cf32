"""Phrases that narrow a table once it is chosen ("NXDOMAIN", "blob downloads", "RDP logons"),
and a few sources named by their own words ("sysmon", "file shares"), as data.

A qualifier with no weight points to no table: it only adds its fixed predicate when the
question's other evidence has chosen one of its tables. As with concepts, no text of the
question reaches a predicate.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from wingman.core.kql.planner.concepts import Concept, _c

_MDE = "Microsoft Defender for Endpoint"
_NOT_NON = r"(?<!non-)(?<!non )"
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
        r"^(?!.*\b(devices?|machines?|hosts?|endpoints?|servers?)\b).*"
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
        "sharepoint",
        rf"{_NO_SIGNIN}\bsharepoint\b",
        "SharePoint activity",
        {"CloudAppEvents": 'Application == "Microsoft SharePoint Online"'},
        weight=2.5,
    ),
    _c(
        "onedrive",
        rf"{_NO_SIGNIN}\bone ?drive\b",
        "OneDrive activity",
        {"CloudAppEvents": 'Application == "Microsoft OneDrive for Business"'},
        weight=2.5,
    ),
    _c(
        "teams",
        rf"{_NO_SIGNIN}\b(microsoft )?teams\b",
        "Teams activity",
        {"CloudAppEvents": 'Application == "Microsoft Teams"'},
        weight=2.5,
    ),
    # Narrowing phrases: no weight of their own.
    _c(
        "forwarding",
        r"\bforward(ing|s|ed)?\b",
        "mail forwarding settings",
        {"OfficeActivity": 'Parameters has "Forwarding"'},
        weight=0.0,
    ),
    _c(
        "risky_now",
        r"\brisky\b|\bat risk\b",
        "users still at risk",
        {"AADRiskyUsers": 'RiskState == "atRisk"'},
        weight=0.0,
    ),
    _c(
        "rdp",
        r"\brdp\b|\bremote desktop\b|\bremote interactive\b",
        "remote desktop logons",
        {
            "DeviceLogonEvents": 'LogonType == "RemoteInteractive"',
            "SecurityEvent": "LogonType == 10",
        },
        weight=0.0,
    ),
    _c(
        "interactive",
        rf"{_NOT_NON}\binteractive(ly)?\b(?! sign)",
        "interactive logons",
        {"DeviceLogonEvents": 'LogonType == "Interactive"', "SecurityEvent": "LogonType == 2"},
        weight=0.0,
    ),
    _c(
        "nxdomain",
        r"\bnxdomain\b|\bnon-?existent domains?\b",
        "NXDOMAIN answers",
        {"DnsEvents": "ResultCode == 3"},
        weight=4.0,  # a DNS answer code names DNS data
    ),
    _c(
        "denied_traffic",
        r"\b(denied|blocked|dropped|rejected)\b",
        "traffic the device denied",
        {"CommonSecurityLog": 'DeviceAction in~ ("deny", "denied", "drop", "block", "reject")'},
        weight=0.0,
    ),
    _c(
        "zap",
        r"\bzap\b|\bzero[- ]hour auto purge\b",
        "zero-hour auto purge",
        {"EmailPostDeliveryEvents": 'ActionType has "ZAP"'},
        weight=0.0,
    ),
    _c(
        "blob_download",
        r"\bdownload(s|ed)?\b|\breads?\b",
        "downloads",
        {
            "StorageBlobLogs": 'OperationName == "GetBlob"',
            "StorageFileLogs": 'OperationName == "GetFile"',
        },
        weight=0.0,
    ),
    _c(
        "mde_source",
        r"\bdefender for endpoint\b|\bmde\b",
        "alerts of Defender for Endpoint",
        {"AlertInfo": f'ServiceSource == "{_MDE}"'},
        weight=0.0,
    ),
    _c(
        "defender_for_cloud",
        r"\bdefender for cloud\b(?! apps)|\bazure security center\b",
        "alerts of Defender for Cloud",
        {"SecurityAlert": 'ProductName == "Azure Security Center"'},
        weight=0.0,
    ),
    _c(
        "federation",
        r"\bfederat(ion|ed)\b",
        "federation settings",
        {"AuditLogs": 'OperationName has "federation"'},
        weight=0.0,
    ),
    _c(
        "client_secret",
        r"\b(client )?secrets?\b|\bcertificates and secrets\b",
        "application secrets and certificates",
        {"AuditLogs": 'OperationName has "Certificates and secrets management"'},
        weight=0.0,
    ),
    _c(
        "security_info",
        r"\bmfa (method )?registrations?\b|\bsecurity info\b|\bregistered (an? )?(mfa|authenticat)",
        "authentication methods registered",
        {"AuditLogs": 'OperationName has "security info"'},
        weight=0.0,
    ),
    _c(
        "azure_delete",
        r"\bdelet(e|ed|es|ion|ions)\b",
        "deletions",
        {"AzureActivity": 'OperationNameValue endswith "/delete"'},
        weight=0.0,
    ),
    _c(
        "vm_power",
        r"\b(start|stop|deallocat\w*|restart|power(ed)? off)\b.*\b(vms?|virtual machines?)\b|"
        r"\b(vms?|virtual machines?)\b.*\b(start|stop|deallocat\w*|restart)",
        "virtual machines started, stopped or deallocated",
        {
            "AzureActivity": 'OperationNameValue has_any ("virtualMachines/start", '
            '"virtualMachines/deallocate", "virtualMachines/restart", "virtualMachines/powerOff")'
        },
        weight=0.0,
    ),
    _c(
        "aws_errors",
        r"\berrors?\b|\bfail(ed|ures?)\b|\bdenied\b",
        "calls that failed",
        {"AWSCloudTrail": "isnotempty(ErrorCode)"},
        weight=0.0,
    ),
    _c(
        "url_indicators",
        r"\burls?\b",
        "URL indicators",
        {"ThreatIntelligenceIndicator": "isnotempty(Url)"},
        weight=0.0,
    ),
    _c(
        "event_errors",
        r"\berrors?\b",
        "errors",
        {"Event": 'EventLevelName == "Error"'},
        weight=0.0,
    ),
    _c(
        "event_warnings",
        r"\bwarnings?\b",
        "warnings",
        {"Event": 'EventLevelName == "Warning"'},
        weight=0.0,
    ),
    _c(
        "application_log",
        r"\bapplication (event )?logs?\b",
        "the Application log",
        {"Event": 'EventLog == "Application"'},
        weight=0.0,
    ),
    _c(
        "system_log",
        r"\bsystem (event )?logs?\b",
        "the System log",
        {"Event": 'EventLog == "System"'},
        weight=0.0,
    ),
    _c(
        "not_compliant",
        r"\b(failed|failing|non-?compliant|not compliant)\b",
        "failed configuration checks",
        {"DeviceTvmSecureConfigurationAssessment": "IsCompliant == false"},
        weight=0.0,
    ),
    _c(
        "sysmon_registry",
        r"\bregistry\b",
        "Sysmon registry events",
        {"Event": "EventID in (12, 13, 14)"},
        weight=0.0,
    ),
)

# Qualifiers with weight point to tables like concepts; the others are only looked for in a
# question once a table they narrow is chosen, which keeps long texts cheap.
POINTING: Final[tuple[Concept, ...]] = tuple(q for q in QUALIFIERS if q.weight)
_NARROWING: Final[tuple[Concept, ...]] = tuple(q for q in QUALIFIERS if not q.weight)


@lru_cache(maxsize=256)
def narrowing(table: str) -> tuple[Concept, ...]:
    """The weightless qualifiers that have a condition on `table`."""
    return tuple(q for q in _NARROWING if table in q.predicates)
