"""The families of data a question may ask for: the table each stands for on a platform, and
what each kind of value says about the family."""

from __future__ import annotations

from typing import Final

# The table a family stands for on each platform when nothing more specific is known.
FAMILY_TABLES: Final[dict[str, dict[str, str]]] = {
    "defender": {
        "process": "DeviceProcessEvents",
        "network": "DeviceNetworkEvents",
        "file": "DeviceFileEvents",
        "registry": "DeviceRegistryEvents",
        "logon": "DeviceLogonEvents",
        "email": "EmailEvents",
        "identity": "IdentityInfo",
        "cloud_app": "CloudAppEvents",
        "alert": "AlertInfo",
        "device_info": "DeviceInfo",
        "vulnerability": "DeviceTvmSoftwareVulnerabilities",
        "dns": "DeviceNetworkEvents",
        "other": "DeviceEvents",
    },
    "sentinel": {
        "process": "DeviceProcessEvents",
        "network": "DeviceNetworkEvents",
        "file": "DeviceFileEvents",
        "registry": "DeviceRegistryEvents",
        "logon": "SigninLogs",
        "email": "EmailEvents",
        "identity": "AuditLogs",
        "cloud_app": "OfficeActivity",
        "alert": "SecurityAlert",
        "device_info": "DeviceInfo",
        "dns": "DnsEvents",
        "cloud_resource": "AzureActivity",
        "threat_intel": "ThreatIntelligenceIndicator",
        "security_event": "SecurityEvent",
        "syslog": "Syslog",
        "web": "W3CIISLog",
        "other": "DeviceEvents",
    },
}

# What a kind of value suggests about the family, beyond "a table with a column for it".
ENTITY_FAMILIES: Final[dict[str, dict[str, float]]] = {
    "ipv4": {"network": 1.0, "logon": 0.6},
    "ipv6": {"network": 1.0, "logon": 0.6},
    "cidr": {"network": 1.0},
    "url": {"network": 1.2, "email": 0.6},
    "domain": {"network": 1.2, "dns": 0.8, "email": 0.3},
    "md5": {"file": 1.0, "process": 0.8},
    "sha1": {"file": 1.0, "process": 0.8},
    "sha256": {"file": 1.0, "process": 0.8},
    "file_name": {"file": 1.2, "process": 0.6},
    "process_name": {"process": 1.2, "file": 0.4},
    "command_line": {"process": 2.5},
    "registry_key": {"registry": 4.0},
    "email": {"email": 0.8, "logon": 0.8},
    # A country alone ("the capital of Australia") is no question about sign-ins.
    "country": {"logon": 0.3},
    "port": {"network": 2.0},
    "device": {"device_info": 0.3},
    "folder_path": {"file": 1.5, "process": 0.5},
    "cve": {"vulnerability": 4.0},
    "technique": {"alert": 3.0},
    "event_id": {"security_event": 4.0},
    "user": {"logon": 0.4},
}
WINDOWS_ACCOUNT: Final[dict[str, float]] = {"security_event": 3.0, "logon": 0.4}
