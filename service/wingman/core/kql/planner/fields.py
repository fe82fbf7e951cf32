"""Which column of a table holds a kind of value: the first candidate the table has wins."""

from __future__ import annotations

from typing import Final

from wingman.core.kql.catalog import Table

# Candidate columns per entity kind, most idiomatic first. A role word in the question ("from",
# "sender", "parent") picks a role-specific list first (see ROLE_COLUMNS).
ENTITY_COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    # Text said without a column ("messages mentioning sudo") is looked for in the free text of
    # a log line, where the table has one.
    "quoted_text": ("SyslogMessage", "RenderedDescription"),
    "device": ("DeviceName", "Computer", "HostName", "DestinationHostName", "DeviceDetail"),
    "user": (
        "AccountName",
        "UserPrincipalName",
        "AccountUpn",
        "TargetUserName",
        "Account",
        "UserId",
        "Caller",
        "Identity",
        "AccountDisplayName",
        "SourceUserName",
        "UserName",
        "InitiatingProcessAccountName",
        # A Linux log line names its user in its text.
        "SyslogMessage",
    ),
    "email": (
        "UserPrincipalName",
        "AccountUpn",
        "AccountUPN",
        "RecipientEmailAddress",
        "UserId",
        "Caller",
        "InitiatingProcessAccountUpn",
        "AccountId",
        "InitiatedBy",
        "Identity",
        "SenderFromAddress",
        "MailboxOwnerUPN",
        "Owner",
    ),
    "ip": (
        "RemoteIP",
        "RemoteIp",
        "IPAddress",
        "IpAddress",
        "ClientIP",
        "CallerIpAddress",
        "SenderIPv4",
        "SourceIP",
        "DestinationIP",
        "cIP",
        "NetworkIP",
        "NetworkSourceIP",
        "HostIP",
        "ClientIPAddress",
        "ActorIpAddress",
        "LocalIP",
        "FileOriginIP",
    ),
    "domain": (
        "RemoteUrl",
        "SenderFromDomain",
        "UrlDomain",
        "Name",
        "DomainName",
        "Url",
        "DestinationHostName",
        "DomainName",
        "QueryTarget",
        "csHost",
    ),
    "url": (
        "RemoteUrl",
        "Url",
        "FileOriginUrl",
        "RequestURL",
        "Site_Url",
        "csUriStem",
        "OfficeObjectId",
    ),
    "md5": ("MD5", "InitiatingProcessMD5", "FileHashValue", "FileHash"),
    "sha1": ("SHA1", "InitiatingProcessSHA1", "FileHashValue", "FileHash"),
    "sha256": ("SHA256", "InitiatingProcessSHA256", "FileHashValue", "FileHash"),
    "file_name": (
        "FileName",
        "SourceFileName",
        "ObjectName",
        "InitiatingProcessFileName",
        "FilePath",
        "NewProcessName",
        "Process",
    ),
    "process_name": (
        "FileName",
        "InitiatingProcessFileName",
        "NewProcessName",
        "Process",
        "ProcessName",
        "ClientProcessName",
    ),
    "command_line": ("ProcessCommandLine", "InitiatingProcessCommandLine", "CommandLine"),
    "port": ("RemotePort", "DestinationPort", "LocalPort", "Port", "sPort", "DestinationPort"),
    "country": ("Location", "Country", "CountryCode", "RemoteIPCountry", "RemoteCountry"),
    "registry_key": ("RegistryKey", "ObjectName", "TargetObject"),
    "cidr": ("RemoteIP", "IPAddress", "IpAddress", "ClientIP", "SourceIP", "CallerIpAddress"),
    "folder_path": ("FolderPath", "FilePath", "ObjectName", "NewProcessName", "RegistryValueData"),
    # A user said as a person's name, as DOMAIN\\name, or as an AWS ARN.
    "display_name": ("AccountDisplayName", "UserDisplayName", "DisplayName", "Identity"),
    "domain_account": ("TargetAccount", "Account", "SubjectAccount", "AccountName"),
    "arn": ("UserIdentityArn",),
    "cve": ("CveId",),
    "technique": ("AttackTechniques", "Techniques"),
    "event_id": ("EventID",),
}

# A role word before a value changes the column: "sent from x@y" is the sender.
ROLE_COLUMNS: Final[dict[tuple[str, str], tuple[str, ...]]] = {
    ("email", "sender"): ("SenderFromAddress", "SenderMailFromAddress", "Sender"),
    ("email", "recipient"): ("RecipientEmailAddress", "Recipients", "MailboxOwnerUPN"),
    ("domain", "sender"): ("SenderFromDomain", "SenderMailFromDomain"),
    # "mail received by contoso.com addresses": the recipients' domain.
    ("domain", "recipient"): ("RecipientEmailAddress",),
    # 'attachments sent by "Acme Billing"': the sender as it is shown.
    ("quoted_text", "sender"): ("SenderFromAddress", "SenderDisplayName"),
    ("user", "sender"): ("SenderFromAddress", "SenderDisplayName"),
    ("display_name", "sender"): ("SenderDisplayName",),
    ("ip", "sender"): ("SenderIPv4", "SenderIPv6"),
    ("ip", "source"): ("SourceIP", "IPAddress", "LocalIP", "ClientIP", "CallerIpAddress"),
    ("ip", "destination"): ("DestinationIP", "RemoteIP"),
    ("port", "source"): ("SourcePort", "LocalPort"),
    ("port", "destination"): ("DestinationPort", "RemotePort"),
    # The device's own port: where a firewall log has no local side, the traffic's destination.
    ("port", "local"): ("LocalPort", "DestinationPort"),
    ("process_name", "parent"): (
        "InitiatingProcessFileName",
        "ParentProcessName",
        "InitiatingProcessParentFileName",
    ),
    ("command_line", "parent"): ("InitiatingProcessCommandLine",),
    ("user", "target"): ("TargetUserName", "TargetAccountDisplayName", "AccountName"),
    ("ip", "recipient"): ("DestinationIP", "RemoteIp", "RemoteIP", "DestinationIp"),
}

# Words that name what to group or list by ("top 10 devices", "which users").
GROUP_NOUNS: Final[dict[str, str]] = {
    **dict.fromkeys(("device", "devices", "host", "hosts", "machine", "machines"), "device"),
    **dict.fromkeys(("computer", "computers", "endpoint", "endpoints", "server"), "device"),
    **dict.fromkeys(("servers", "workstation", "workstations", "laptops"), "device"),
    **dict.fromkeys(("user", "users", "account", "accounts", "people", "identities"), "user"),
    **dict.fromkeys(("ip", "ips", "addresses", "address", "sources"), "ip"),
    **dict.fromkeys(("process", "processes", "binaries", "binary", "executables"), "process_name"),
    **dict.fromkeys(("file", "files", "filenames", "attachments"), "file_name"),
    **dict.fromkeys(("domain", "domains", "url", "urls", "sites", "websites"), "domain"),
    **dict.fromkeys(("port", "ports"), "port"),
    **dict.fromkeys(("folder", "folders", "directories", "paths"), "folder_path"),
    **dict.fromkeys(("provider", "providers", "feeds"), "provider"),
    **dict.fromkeys(("client", "clients"), "ip"),
    **dict.fromkeys(("country", "countries", "locations", "location"), "country"),
    **dict.fromkeys(("app", "apps", "application", "applications"), "app"),
    **dict.fromkeys(("sender", "senders"), "sender"),
    **dict.fromkeys(("recipient", "recipients", "mailboxes"), "recipient"),
    **dict.fromkeys(("alert", "alerts", "detections"), "alert"),
    **dict.fromkeys(("hash", "hashes"), "sha256"),
    **dict.fromkeys(("operation", "operations", "activities", "actions"), "operation"),
    **dict.fromkeys(("severity", "severities"), "severity"),
    **dict.fromkeys(("command", "commands", "commandlines"), "command_line"),
    **dict.fromkeys(("technique", "techniques", "tactic", "tactics"), "technique"),
    **dict.fromkeys(("software", "vulnerabilities", "cves", "cve"), "software"),
}

GROUP_COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    **ENTITY_COLUMNS,
    "app": ("AppDisplayName", "Application", "AppName", "ApplicationId"),
    "sender": ROLE_COLUMNS[("email", "sender")],
    "recipient": ROLE_COLUMNS[("email", "recipient")],
    "alert": ("Title", "AlertName", "DisplayName"),
    "operation": ("OperationName", "Operation", "ActionType", "Activity", "OperationNameValue"),
    "severity": ("Severity", "AlertSeverity", "SeverityLevel"),
    "technique": ("AttackTechniques", "Techniques", "Tactics"),
    "software": ("SoftwareName", "CveId", "VulnerabilitySeverityLevel"),
    "provider": ("SourceSystem", "ProviderName", "Provider"),
}

# Columns worth showing when listing rows, in order; the first eight a table has are projected.
PROJECTION: Final[tuple[str, ...]] = (
    "DeviceName",
    "Computer",
    "AccountName",
    "UserPrincipalName",
    "AccountUpn",
    "UserId",
    "Caller",
    "ActionType",
    "OperationName",
    "Operation",
    "Activity",
    "EventID",
    "Title",
    "AlertName",
    "Severity",
    "AlertSeverity",
    "FileName",
    "FolderPath",
    "ProcessCommandLine",
    "CommandLine",
    "RemoteIP",
    "RemotePort",
    "RemoteUrl",
    "IPAddress",
    "IpAddress",
    "ClientIP",
    "SourceIP",
    "DestinationIP",
    "DestinationPort",
    "AppDisplayName",
    "Application",
    "Location",
    "ResultType",
    "ResultDescription",
    "LogonType",
    "SenderFromAddress",
    "RecipientEmailAddress",
    "Subject",
    "DeliveryAction",
    "ThreatTypes",
    "RegistryKey",
    "RegistryValueName",
    "RegistryValueData",
    "SHA256",
    "InitiatingProcessFileName",
    "InitiatingProcessCommandLine",
    "Name",
    "SyslogMessage",
    "Status",
    "Description",
    "SoftwareName",
    "CveId",
)
PROJECTED_COLUMNS = 8
# A table few of those name (a knowledge base, an inventory) shows its own first columns up to
# this many, leaving out bookkeeping: ids, tenant and ingestion fields, nested values.
FILLED_COLUMNS = 5
_BOOKKEEPING: Final = frozenset(
    {"ReportId", "TenantId", "SourceSystem", "Type", "MG", "ManagementGroupName"}
    | {"AdditionalFields", "AdditionalExtensions", "Computer", "TimeGenerated", "Timestamp"}
)


# Outside process events a process is the one that acted: the initiating process.
_ACTOR_COLUMNS = {
    "process_name": ("InitiatingProcessFileName",),
    "command_line": ("InitiatingProcessCommandLine",),
}
# What "named X" / "called X" names, by family.
NAME_COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    "process": ("FileName", "ProcessName", "NewProcessName"),
    "file": ("FileName", "SourceFileName"),
    "device_info": ("DeviceName", "Computer"),
    "identity": ("AccountName", "AccountDisplayName", "UserDisplayName", "DisplayName"),
    "alert": ("Title", "AlertName"),
    "registry": ("RegistryValueName",),
}


def column_kind(entity_kind: str) -> str:
    """The kind of column an entity kind is looked up in: both IP versions live in IP columns."""
    return "ip" if entity_kind in ("ipv4", "ipv6") else entity_kind


_OPPOSITE_ROLES: Final = {"sender": "recipient", "recipient": "sender"}


def column_for(table: Table, kind: str, role: str = "") -> str:
    """The column of `table` that holds values of `kind` (in `role`), or "" when none does."""
    actor = _ACTOR_COLUMNS.get(kind, ()) if table.family != "process" else ()
    if kind == "user" and "SubjectUserName" in table.columns and role != "parent":
        # In Windows security events the account an event is about (who logged on, whose
        # password was reset) is its target; the subject is who acted.
        actor = ("TargetUserName",)
    fallback = ENTITY_COLUMNS["user"] if kind in ("display_name", "domain_account") else ()
    candidates = ROLE_COLUMNS.get((kind, role), ()) + actor + ENTITY_COLUMNS.get(kind, ())
    candidates += fallback
    # A sender's address is never looked for among recipients, nor the other way round: a table
    # without the role's column has no column for it. ("from 10.0.0.5" is a source, not a sender.)
    other = ROLE_COLUMNS.get((kind, _OPPOSITE_ROLES.get(role, "")), ()) if kind == "email" else ()
    return _first(table, tuple(c for c in candidates if c not in other))


def name_column(table: Table) -> str:
    """The column that "named X" refers to in this table."""
    fallback = ("FileName", "Name", "DisplayName", "DeviceName")
    return _first(table, NAME_COLUMNS.get(table.family, ()) + fallback)


def group_column(table: Table, noun_kind: str) -> str:
    """The column to group or list by for a noun kind ("device", "app", ...)."""
    return _first(table, GROUP_COLUMNS.get(noun_kind, ()))


def projection(table: Table, *, platform: str, first: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The time column, the filtered columns, then the most useful others the table has."""
    chosen: list[str] = []
    time = table.time_column(platform)
    for name in (time, *first, *PROJECTION):
        if name and name in table.columns and name not in chosen:
            chosen.append(name)
        if len(chosen) >= PROJECTED_COLUMNS + (1 if time else 0):
            break
    for name, column in table.columns.items():
        if len(chosen) >= FILLED_COLUMNS + (1 if time else 0):
            break
        if name not in chosen and _shown(name, column.type):
            chosen.append(name)
    return tuple(chosen)


def _shown(name: str, kind: str) -> bool:
    """Whether a column says something to a reader of the rows: not bookkeeping or nested."""
    if name in _BOOKKEEPING or name.startswith("_") or kind == "dynamic":
        return False
    return not name.endswith(("Id", "ID", "Guid"))


def _first(table: Table, candidates: tuple[str, ...]) -> str:
    return next((c for c in candidates if c in table.columns), "")
