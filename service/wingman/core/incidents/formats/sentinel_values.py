"""How Sentinel's entity fields combine into the values an analyst would name."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wingman.core.incidents.formats.accounts import account_value
from wingman.core.incidents.formats.fields import first_text

_HIVES = ("HKEY_", "HKLM", "HKCU", "HKU", "HKCR", "HKCC")


def user_value(fields: Mapping[str, Any]) -> tuple[str, dict[str, str]]:
    """An account's value (UPN, else DOMAIN\\account, else name or id) and its attributes."""
    name = first_text(fields, "accountname", "name")
    domain = first_text(fields, "ntdomain")
    if "\\" in name and not domain:
        domain, _, name = name.partition("\\")
    suffix = first_text(fields, "upnsuffix")
    upn = first_text(fields, "userprincipalname", "upn")
    if not upn and "@" in name:
        upn = name
    elif not upn and name and suffix:
        upn = f"{name}@{suffix}"
    attributes = {
        "upn": upn,
        "account": name.partition("@")[0] if upn == name else name,
        "domain": domain or first_text(fields, "dnsdomain"),
        "sid": first_text(fields, "sid"),
        "aad_id": first_text(fields, "aaduserid"),
        "display_name": first_text(fields, "displayname"),
    }
    value = account_value(upn, domain, name) or attributes["aad_id"] or attributes["sid"]
    return value, attributes


def file_path(directory: str, name: str) -> str:
    """The directory and name joined with the directory's own separator."""
    if not directory:
        return ""
    if not name or directory.rstrip("\\/").lower().endswith(name.lower()):
        return directory
    separator = "\\" if "\\" in directory or directory[1:2] == ":" else "/"
    return f"{directory.rstrip(separator)}{separator}{name}"


def registry_path(hive: str, key: str) -> str:
    """The key's full path, with the hive in front unless the key already names one."""
    if not key or key.upper().startswith(_HIVES) or not hive:
        return key or hive
    return f"{hive}\\{key.lstrip(chr(92))}"
