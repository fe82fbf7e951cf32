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
        "cloud_app_security",
        r"\b(defender for cloud apps?|cloud app security|mcas|mdca)\b",
        "activity recorded by Defender for Cloud Apps",
        {"CloudAppEvents": ""},
        weight=5.0,
    ),
)
