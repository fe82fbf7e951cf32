"""Related tables and the words that ask for their facts: the data NLToKQL's enrichment joins
read (enrichment.py)."""

from __future__ import annotations

import re
from typing import Final

from wingman.core.kql.planner.kb_links import KNOWLEDGE
from wingman.core.kql.planner.links_base import Link, cue

# What only an alert's evidence says: the entities it names.
_EVIDENCE = cue(
    r"\b(?:evidence|entit(?:y|ies)|upns?|involv\w*|file ?names?|files?|devices?|machines?|"
    r"accounts?|ip addresses)\b"
)
_EVIDENCE_COLUMNS: Final = ("EntityType", "EvidenceRole", "DeviceName", "AccountUpn", "FileName")
# Users selected by the directory roles they hold.
PRIVILEGED = cue(
    r"(?<!non-)(?<!non)\b(?:privileged|admin(?:istrator)?s?|administrative)\s+"
    r"(?:users?|accounts?|identities)\b|"
    r"\b(?:users?|accounts?)\s+(?:who|that)\s+(?:hold|holds|have|has)\s+(?:an?\s+)?"
    r"(?:privileged|admin(?:istrator)?|directory)\s+roles?\b|"
    r"\b(?:holding|with)\s+(?:an?\s+)?(?:privileged|admin(?:istrator)?)\s+roles?\b|"
    r"\b(?:global|exchange|security|privileged\s+role)\s+admin(?:istrator)?s?\b|\bassigned\s+roles?\b"
)
# AssignedRoles is a dynamic array: compared as text, an empty one is "[]".
ROLES: Final = 'isnotempty(AssignedRoles) and tostring(AssignedRoles) != "[]"'
# What users did, asked of a table that only describes them.
_ACTIVITY = cue(
    r"\b(?:activit(?:y|ies)|actions?|operations?|changes)\s+(?:taken|made|performed|completed|done)\b|"
    r"\b(?:audit|directory)\s+(?:events?|activit(?:y|ies)|logs?)\b|\bcompleted\s+(?:any\s+)?activit"
)


_DEVICES = cue(r"\b(?:devices?|machines?|hosts?|endpoints?|servers?|computers?|workstations?)\b")


# What only the message itself records, asked of a URL, attachment or post-delivery row; the
# latter two have their own verdict columns, so only the message's own words send them there.
# The message's own header and handling; "e-mails about invoices" describes the message too.
_SENDER_SUBJECT = (
    r"\bsubjects?\b|\bsenders?\b|\bsent (?:by|from)\b|\bdelivered\b|\binbox(?:es)?\b|\bjunk\b|"
    r"\bquarantin\w*|\bspoof\w*|\b(?:e-?mails?|messages?)\s+(?:about|that|which|whose)\b"
)
_MESSAGE = cue(
    rf"{_SENDER_SUBJECT}|\bthreat ?types?\b|\bdelivery (?:action|location)s?\b|\bverdicts?\b|"
    r"\bphish(?:ing)?\b|\bspam\b"
)
_HEADER = cue(_SENDER_SUBJECT)
# Post-delivery rows say themselves what happened to the message after delivery.
_ORIGIN = cue(r"\bsubjects?\b|\bsenders?\b|\bsent (?:by|from)\b")
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
_USERS_IN_ALERTS = cue(rf"\b(?:users?|accounts?|identities){_IN_ALERTS}")
_DEVICES_IN_ALERTS = cue(rf"\b(?:devices?|machines?|hosts?|endpoints?|computers?){_IN_ALERTS}")


# The links a message carried: their addresses are in EmailUrlInfo, only their count here.
_LINKS = cue(r"\b(?:links?|urls?|hyperlinks?)\b")


# The files a message carried, by word or by a file type said.
_ATTACHMENTS = cue(r"\battach\w*|\.(?:docx?|docm|xlsx?|xlsm|zip|rar|iso|img|lnk|html?|js|exe)\b")
# What AlertInfo says of an alert, asked of its evidence.
_ALERT_FACTS = cue(
    r"\balerts?\b.{0,30}\b(?:titles?|severit\w*|categor\w*|names?)\b|"
    r"\b(?:titles?|severit\w*|categor\w*)\b.{0,30}\balerts?\b"
)
# Where people sit in the organisation: IdentityInfo's department and job title.
_ORGANISATION = cue(r"\b(?:departments?|job titles?|managers?)\b")


def _organisation(left: str) -> Link:
    return Link(
        "IdentityInfo",
        left,
        "AccountObjectId",
        _ORGANISATION,
        "each account's department and job title",
        columns=("Department", "JobTitle"),
    )


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
    **KNOWLEDGE,
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
        Link(
            "EmailAttachmentInfo",
            "NetworkMessageId",
            "NetworkMessageId",
            _ATTACHMENTS,
            "the files each message carried",
            columns=("FileName", "FileType", "SHA256"),
        ),
    ),
    "AlertEvidence": (
        Link(
            "AlertInfo",
            "AlertId",
            "AlertId",
            _ALERT_FACTS,
            "each alert's title, severity and category",
            columns=("Title", "Severity", "Category"),
        ),
    ),
    "EmailUrlInfo": (_message("each message's sender, subject and verdict"),),
    "EmailPostDeliveryEvents": (_message("each message's sender and subject", _ORIGIN),),
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
    "CloudAppEvents": (_privileged("AccountObjectId"), _organisation("AccountObjectId")),
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
