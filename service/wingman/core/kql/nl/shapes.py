"""Values recognised by their shape alone: web paths, ARNs, service accounts, people's names
after "by", and ports said after their protocol. Each is yielded as (kind, value, start, end)
with the kind's name, most specific first as entities.py expects."""

from __future__ import annotations

import re
from collections.abc import Iterator

Found = Iterator[tuple[str, str, int, int]]

# Service accounts by their usual prefix ("svc_scan", "svc-backup").
_SERVICE_ACCOUNT_RE = re.compile(r"(?<![\w\\.-])svc[_-][\w.-]*[A-Za-z0-9]", re.IGNORECASE)
# A person's display name after "by": "downloaded by Ravi Patel"; not a product ("by Microsoft").
_DISPLAY_NAME_RE = re.compile(r"\bby\s+(?P<v>[A-Z][a-z]+\s+[A-Z][a-z]+)\b(?!\s+[A-Z])")
_NOT_PEOPLE = frozenset(
    {"microsoft", "azure", "defender", "windows", "google", "amazon", "palo", "check", "cisco"}
)
# Words of a column or a category, not of a person's name: "by Resource Group".
_NOT_NAMES = frozenset(
    {
      "name", "names", "type", "types", "id", "count", "level", "time", "date", "group",
      "category", "operation", "resource", "status", "severity", "user", "account", "device",
      "computer", "address", "location", "country", "app", "application", "service", "policy",
      "rule", "result", "source", "title", "description", "identity", "display", "principal",
    }
)  # fmt: skip
# Amazon resource names: "arn:aws:iam::111122223333:role/ci-deploy".
_ARN_RE = re.compile(r"\barn:aws[\w-]*:[\w-]*:[\w-]*:\d*:[\w+=,.@/:-]+")
# A port said after its protocol: "SMB 445", "RDP 3389".
_PROTOCOL_PORT_RE = re.compile(
    r"\b(?:smb|rdp|ssh|https?|dns|ldaps?|ftp|telnet|winrm|tcp|udp|sql|mssql)\s+(?P<v>\d{1,5})\b",
    re.IGNORECASE,
)
# A web path: "/owa/auth/errorFE.aspx", "/api/login", "/index.php?id=1"; two segments, or a
# page with an extension, so a switch ("/transfer") is not one.
_URI_PATH_RE = re.compile(
    r"(?<![\w.:/\\])/(?:[\w.~%-]+/)+[\w.~%-]*(?:\?[^\s'\"]*)?|"
    r"(?<![\w.:/\\])/[\w~%-]+\.(?:aspx?|php|jsp|html?|cgi|axd|asmx)(?:\?[^\s'\"]*)?"
)
_UNIX_ROOT = re.compile(r"/(?:tmp|etc|var|usr|home|bin|sbin|opt|root|dev|proc|lib|mnt|srv|run)/")


def arns(text: str) -> Found:
    """Amazon resource names, as users (they name a role or a user)."""
    for match in _ARN_RE.finditer(text):
        yield "user", match.group(), match.start(), match.end()


def web_paths(text: str) -> Found:
    """Web paths as URLs; a path under a Unix root is a folder."""
    for match in _URI_PATH_RE.finditer(text):
        value = match.group().rstrip(".,;:!?)]}")
        kind = "folder_path" if _UNIX_ROOT.match(value) else "url"
        yield kind, value, match.start(), match.start() + len(value)


def protocol_ports(text: str) -> Found:
    """Ports said after their protocol."""
    for match in _PROTOCOL_PORT_RE.finditer(text):
        if 0 < int(match["v"]) <= 65535:
            yield "port", match["v"], match.start("v"), match.end("v")


def service_accounts(text: str) -> Found:
    """Accounts named with the usual service-account prefix."""
    for match in _SERVICE_ACCOUNT_RE.finditer(text):
        yield "user", match.group(), match.start(), match.end()


def display_names(text: str) -> Found:
    """People's names after "by", not a vendor's."""
    for match in _DISPLAY_NAME_RE.finditer(text):
        words = [w.lower() for w in match["v"].split()]
        if words[0] not in _NOT_PEOPLE and not _NOT_NAMES.intersection(words):
            yield "user", match["v"], match.start("v"), match.end("v")
