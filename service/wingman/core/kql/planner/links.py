"""Related tables and the words that ask for their facts: the data NLToKQL's enrichment joins
read (enrichment.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Link:
    """One related table, the words that ask for it, and what it contributes."""

    companion: str
    # The key on the chosen table's side: a column, or `Name = expression` to extend first.
    left: str
    right: str
    cue: re.Pattern[str]
    says: str
    condition: str = ""
    columns: tuple[str, ...] = ()
    # A reference table without time (a knowledge base) is looked up rather than joined.
    lookup: bool = False


def _cue(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


# "Exploitable", "an exploit is available"; not "known exploited" (a list of CVEs attacked in the
# wild, which the question names itself).
_EXPLOIT = _cue(
    r"\bexploitable\b|\bexploits?\s+(?:is\s+|are\s+)?available\b|"
    r"\b(?:available|public|known|with\s+an?|have\s+an?|has\s+an?)\s+exploits?\b"
)
_SCORE = _cue(r"\bcvss\b|\b(?:severity|risk|base)\s+scores?\b")
_DETAILS = _cue(r"\b(?:descriptions?|details|info|information|published|publication date)\b")
_KB_COLUMNS: Final = (
    "CvssScore",
    "IsExploitAvailable",
    "PublishedDate",
    "VulnerabilityDescription",
)
_EVIDENCE = _cue(
    r"\bevidence\b|\bentit(?:y|ies)\b|"
    r"\b(?:affected|impacted|involved)\s+(?:devices?|machines?|hosts?|users?|accounts?|files?)\b|"
    r"\b(?:devices?|machines?|hosts?|users?|accounts?|files?)\s+(?:involved|affected|impacted)\b"
)
_EVIDENCE_COLUMNS: Final = ("EntityType", "EvidenceRole", "DeviceName", "AccountUpn", "FileName")
# Users selected by the directory roles they hold.
PRIVILEGED = _cue(
    r"(?<!non-)(?<!non)\b(?:privileged|admin(?:istrator)?s?|administrative)\s+"
    r"(?:users?|accounts?|identities)\b|"
    r"\b(?:users?|accounts?)\s+(?:who|that)\s+(?:hold|holds|have|has)\s+(?:an?\s+)?"
    r"(?:privileged|admin(?:istrator)?|directory)\s+roles?\b|"
    r"\b(?:holding|with)\s+(?:an?\s+)?(?:privileged|admin(?:istrator)?)\s+roles?\b"
)
ROLES: Final = 'isnotempty(AssignedRoles) and AssignedRoles != "[]"'
# What users did, asked of a table that only describes them.
_ACTIVITY = _cue(
    r"\b(?:activit(?:y|ies)|actions?|operations?|changes)\s+(?:taken|made|performed|completed|done)\b|"
    r"\b(?:audit|directory)\s+(?:events?|activit(?:y|ies)|logs?)\b|\bcompleted\s+(?:any\s+)?activit"
)


def _vulnerability_links() -> tuple[Link, ...]:
    kb = "DeviceTvmSoftwareVulnerabilitiesKB"
    return (
        Link(
            kb,
            "CveId",
            "CveId",
            _EXPLOIT,
            "vulnerabilities with a known exploit",
            condition="IsExploitAvailable == true",
            columns=_KB_COLUMNS,
            lookup=True,
        ),
        Link(
            kb, "CveId", "CveId", _SCORE, "each CVE's CVSS score", columns=_KB_COLUMNS, lookup=True
        ),
        Link(
            kb,
            "CveId",
            "CveId",
            _DETAILS,
            "each CVE's description",
            columns=_KB_COLUMNS,
            lookup=True,
        ),
    )


_DEVICES = _cue(r"\b(?:devices?|machines?|hosts?|endpoints?|servers?|computers?|workstations?)\b")


# What only the message itself records, asked of a URL, attachment or post-delivery row; the
# latter two have their own verdict columns, so only the message's own words send them there.
_SENDER_SUBJECT = r"\bsubjects?\b|\bsenders?\b|\bsent by\b"
_MESSAGE = _cue(
    rf"{_SENDER_SUBJECT}|\bthreat ?types?\b|\bdelivery (?:action|location)s?\b|\bverdicts?\b|"
    r"\bphish(?:ing)?\b|\bspam\b"
)
_HEADER = _cue(_SENDER_SUBJECT)
_MESSAGE_COLUMNS: Final = (
    "SenderFromAddress",
    "RecipientEmailAddress",
    "Subject",
    "ThreatTypes",
    "DeliveryAction",
)
# "users that are in alerts", "devices involved in security alerts", "accounts with alerts".
_IN_ALERTS = (
    r"(?:\s+(?:that|which|who)\s+(?:are|were|appear|appeared))?\s+"
    r"(?:in|involved in|named in|flagged (?:in|by)|with|having|that have|that had)\s+"
    r"(?:\w+\s+){0,2}alerts?\b"
)
_USERS_IN_ALERTS = _cue(rf"\b(?:users?|accounts?|identities){_IN_ALERTS}")
_DEVICES_IN_ALERTS = _cue(rf"\b(?:devices?|machines?|hosts?|endpoints?|computers?){_IN_ALERTS}")


# The links a message carried: their addresses are in EmailUrlInfo, only their count here.
_LINKS = _cue(r"\b(?:links?|urls?|hyperlinks?)\b")


def _message(says: str, cue: re.Pattern[str] = _MESSAGE) -> Link:
    return Link(
        "EmailEvents",
        "NetworkMessageId",
        "NetworkMessageId",
        cue,
        says,
        columns=_MESSAGE_COLUMNS,
    )


def _in_alerts(left: str, right: str, devices: bool = False) -> Link:
    return Link(
        "AlertEvidence",
        left,
        right,
        _DEVICES_IN_ALERTS if devices else _USERS_IN_ALERTS,
        f"only the {'devices' if devices else 'users'} that alerts name",
        condition=f"isnotempty({right})",
    )


def _privileged(left: str) -> Link:
    return Link(
        "IdentityInfo",
        left,
        "AccountObjectId",
        PRIVILEGED,
        "users who hold a directory role",
        condition=ROLES,
    )


LINKS: Final[dict[str, tuple[Link, ...]]] = {
    "DeviceTvmSoftwareVulnerabilities": _vulnerability_links(),
    # The knowledge base describes CVEs; the devices exposed to them are in the assessment.
    "DeviceTvmSoftwareVulnerabilitiesKB": (
        Link(
            "DeviceTvmSoftwareVulnerabilities",
            "CveId",
            "CveId",
            _DEVICES,
            "the devices and software exposed to each CVE",
            columns=("DeviceName", "SoftwareName", "SoftwareVersion"),
        ),
    ),
    "AlertInfo": (
        Link(
            "AlertEvidence",
            "AlertId",
            "AlertId",
            _EVIDENCE,
            "each alert's evidence",
            columns=_EVIDENCE_COLUMNS,
        ),
    ),
    "EmailEvents": (
        Link(
            "EmailUrlInfo",
            "NetworkMessageId",
            "NetworkMessageId",
            _LINKS,
            "the links each message carried",
            columns=("Url", "UrlDomain"),
        ),
    ),
    "EmailUrlInfo": (_message("each message's sender, subject and verdict"),),
    "EmailPostDeliveryEvents": (_message("each message's sender and subject", _HEADER),),
    "EmailAttachmentInfo": (
        Link(
            "DeviceFileEvents",
            "SHA256",
            "SHA256",
            _DEVICES,
            "the devices where each attachment was written",
            columns=("DeviceName", "FolderPath"),
        ),
        _message("each message's subject", _HEADER),
    ),
    "DeviceLogonEvents": (
        _in_alerts("AccountName", "AccountName"),
        _in_alerts("DeviceId", "DeviceId", devices=True),
    ),
    "DeviceProcessEvents": (
        _in_alerts("AccountName", "AccountName"),
        _in_alerts("DeviceId", "DeviceId", devices=True),
    ),
    "DeviceNetworkEvents": (_in_alerts("DeviceId", "DeviceId", devices=True),),
    "DeviceFileEvents": (_in_alerts("DeviceId", "DeviceId", devices=True),),
    "DeviceRegistryEvents": (_in_alerts("DeviceId", "DeviceId", devices=True),),
    "SigninLogs": (_privileged("UserId"), _in_alerts("UserPrincipalName", "AccountUpn")),
    "AADNonInteractiveUserSignInLogs": (_privileged("UserId"),),
    "AuditLogs": (_privileged("AccountObjectId = tostring(InitiatedBy.user.id)"),),
    "AADSignInEventsBeta": (_privileged("AccountObjectId"),),
    "CloudAppEvents": (_privileged("AccountObjectId"),),
    "IdentityLogonEvents": (
        _privileged("AccountObjectId"),
        _in_alerts("AccountUpn", "AccountUpn"),
    ),
}
# An identity question about what its users did: their audit trail (Sentinel) or cloud-app
# activity (Defender), keyed on the directory object id.
ACTIVITY: Final[dict[str, Link]] = {
    "sentinel": Link(
        "AuditLogs",
        "AccountObjectId",
        "AccountObjectId = tostring(InitiatedBy.user.id)",
        _ACTIVITY,
        "what the users did in the directory",
        columns=("OperationName", "Result"),
    ),
    "defender": Link(
        "CloudAppEvents",
        "AccountObjectId",
        "AccountObjectId",
        _ACTIVITY,
        "what the users did in cloud apps",
        columns=("ActionType", "Application"),
    ),
}
