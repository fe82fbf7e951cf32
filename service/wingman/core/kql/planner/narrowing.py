"""Phrases that narrow a table once it is chosen ("NXDOMAIN", "blob downloads", "RDP logons"):
a fixed condition each, and no weight, so they point to no table. No text of the question
reaches a predicate."""

from __future__ import annotations

from typing import Final

from wingman.core.kql.planner.concepts import Concept, _c

_MDE = "Microsoft Defender for Endpoint"
_NOT_NON = r"(?<!non-)(?<!non )"

NARROWING: Final[tuple[Concept, ...]] = (
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
