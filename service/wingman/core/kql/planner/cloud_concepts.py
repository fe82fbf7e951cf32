"""Cloud sources by the log that records them: the data plane of Key Vault, gateways and
firewalls is in their resource logs (AzureDiagnostics), their management in AzureActivity;
what Defender for Cloud Apps records is in CloudAppEvents."""

from __future__ import annotations

from typing import Final

from wingman.core.kql.planner.concepts import Concept, _c

CLOUD_CONCEPTS: Final[tuple[Concept, ...]] = (
    _c(
        "resource_logs",
        r"\b(key ?vaults?|app(lication)? gateways?|waf|web application firewalls?|front ?door|"
        r"azure firewalls?|nsg flows?|diagnostic (logs?|settings)|azure sql|sql (audit|database)s?|"
        r"cosmos ?db|data ?factory|logic apps?|event hubs?|aks|kubernetes audit)\b",
        "Azure resource logs",
        {"AzureDiagnostics": ""},
        weight=4.0,
    ),
    _c(
        "mailbox_access",
        r"\b(mail ?items? ?accessed|mailbox(es)? (access\w*|permissions?|audit\w*|delegat\w*)|"
        r"access\w* ([\w']+ ){0,4}mailbox(es)?|"
        r"(read|access)(ing)? (the |user |their )?(e-?)?mail\b|"
        r"mail (read|access)\w*)",
        "access to mailboxes",
        {"OfficeActivity": 'Operation == "MailItemsAccessed"', "CloudAppEvents": ""},
        weight=4.5,
    ),
    _c(
        "workspace_queries",
        r"\b(quer(y|ies|ying|ied)|ran|run) (\w+ ){0,4}(against |in |on )?(your |the )?"
        r"(log analytics|sentinel) (data|workspaces?|tables?)|\blaquery\w*|"
        r"\bquery (audit|logs?) of (the )?workspace",
        "queries run against the workspace",
        {"LAQueryLogs": ""},
        weight=5.0,
    ),
    _c(
        "heartbeat",
        r"\bheartbeats?\b|\b(computers?|machines?|agents?|servers?|vms?) (\w+ ){0,3}"
        r"(sending|sent|send|reporting|stopped sending) (any )?(data|logs|heartbeats?)\b",
        "agents reporting to the workspace",
        {"Heartbeat": ""},
        weight=5.0,
    ),
    _c(
        "ingestion",
        r"\b(billable|(data|table|log) (volume|ingestion)|ingestion (volume|size|cost|per|by|of)|"
        r"ingested (data|volume|gb)|gb (ingested|per))",
        "data ingested into the workspace",
        {"Usage": ""},
        weight=5.0,
    ),
    _c(
        "intune_compliance",
        r"\bintune\b|\bdevice compliance\b|\bmanaged by (config|configuration) manager\b",
        "devices managed by Intune",
        {"IntuneDevices": ""},
        weight=4.0,
    ),
    _c(
        "shared_files",
        r"\bfiles? (\w+ ){0,3}(downloaded|uploaded|shared|accessed|synced) (\w+ ){0,4}"
        r"(tenant|guests?|external users?|sharepoint|onedrive|teams)\b|"
        r"\b(guests?|external users?) (\w+ ){0,3}(download\w*|upload\w*|access\w*) "
        r"(\w+ ){0,2}files?",
        "files in the Microsoft 365 workloads",
        {"OfficeActivity": "", "CloudAppEvents": ""},
        weight=4.0,
    ),
    _c(
        "cloud_app_security",
        r"\b(defender for cloud apps?|cloud app security|mcas|mdca)\b",
        "activity recorded by Defender for Cloud Apps",
        {"CloudAppEvents": ""},
        weight=5.0,
    ),
)
