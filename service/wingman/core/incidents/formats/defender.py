"""What the Defender XDR formats share: records, devices, accounts, paths and late links.

Graph, the M365 Defender incidents API and the Defender for Endpoint alerts API name devices and
accounts with the same few keys under different spellings; the tables here list every spelling.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from wingman.core.incidents.formats import fields
from wingman.core.incidents.formats.builder import ENTITY_PARAMETERS, IncidentBuilder
from wingman.core.incidents.formats.envelopes import listing
from wingman.core.incidents.formats.fields import (
    first_text,
    items,
    json_path,
    text,
    texts,
    timestamp,
)
from wingman.core.incidents.model import SourceAlert
from wingman.core.models import EntityType

DEVICE_IDS = ("mdeDeviceId", "mdatpDeviceId", "machineId", "deviceId")
_AAD_DEVICE_IDS = ("azureAdDeviceId", "aadDeviceId")
_DNS_NAMES = ("deviceDnsName", "computerDnsName", "dnsName", "fqdn")
_HOST_NAMES = ("hostName", "hostname", "deviceName", "computerName")
_CRITICAL_TAG = re.compile(
    r"\b(hva|high[\s_-]*value|critical|crown[\s_-]*jewels?|tier[\s_-]*0|t0)\b", re.IGNORECASE
)
_CRITICAL_LEVELS = frozenset({"0", "1", "veryhigh", "very high", "high", "critical"})
_CRITICALITY_KEYS = ("criticalityLevel", "assetCriticality", "criticality", "deviceValue")
_MAX_FLAT_ATTRIBUTES = 24
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
# The builder's own names, and the `kind` an other entity is given: a source key spelled so is
# kept under another name.
_RESERVED = ENTITY_PARAMETERS | {"kind"}


def records(value: Any, path: str, out: IncidentBuilder) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """The objects of a list with their JSON paths, warning about members that are not objects."""
    if value is None:
        return
    if isinstance(value, Mapping):
        yield path, value
        return
    if not isinstance(value, list):
        out.warn(f"{path}: expected a list of objects, got {type(value).__name__}; skipped")
        return
    for n, item in enumerate(value):
        if isinstance(item, Mapping):
            yield f"{path}[{n}]", item
        elif item is not None:
            out.warn(f"{path}[{n}]: expected an object, got {type(item).__name__}; skipped")


def read_listing(
    document: Any,
    out: IncidentBuilder,
    is_incident: Callable[[Mapping[str, Any]], bool],
    read_incident: Callable[[Mapping[str, Any], str], None],
    read_alert: Callable[[Mapping[str, Any], str], None],
) -> bool:
    """Read a listing's first incident and its loose alerts; tell whether it held an incident."""
    seen_incident = False
    for path, record in listing(document):
        if not isinstance(record, Mapping):
            out.warn(f"{path or 'incident'}: expected an object; skipped")
        elif not is_incident(record):
            read_alert(record, path)
        elif seen_incident:
            out.warn(f"{path}: a second incident; only the first is read")
        else:
            seen_incident = True
            read_incident(record, path)
    return seen_incident


def moment(record: Mapping[str, Any], key: str, path: str, out: IncidentBuilder) -> str | None:
    """The time at `key` as ISO 8601 UTC, warning when a value is there but names no time."""
    value = record.get(key)
    found = timestamp(value)
    if found is None and value not in (None, ""):
        shown = text(value)[:40] or type(value).__name__
        out.warn(f"{json_path(path, key)}: not a time ({shown}); skipped")
    return found


def prose(value: Any) -> tuple[str, ...]:
    """Free text kept whole: one string, or the strings of a list."""
    if isinstance(value, list):
        return tuple(t for t in (text(item) for item in value) if t)
    found = text(value) if isinstance(value, str) else ""
    return (found,) if found else ()


def snake(key: str) -> str:
    """A source key in the attribute vocabulary's spelling ('fileName' -> 'file_name')."""
    name = _CAMEL.sub("_", key.lstrip("@$")).replace(".", "_").lower()
    return f"source_{name}" if name in _RESERVED else name


def flatten(record: Mapping[str, Any], skip: frozenset[str] = frozenset()) -> dict[str, str]:
    """The scalars of an object and of the objects it holds, as snake_case attributes."""
    flat: dict[str, str] = {}
    for key, value in record.items():
        if len(flat) >= _MAX_FLAT_ATTRIBUTES:
            break
        if not isinstance(key, str) or key in skip or key.startswith("@odata"):
            continue
        if isinstance(value, Mapping):
            for inner, inner_value in value.items():
                found = text(inner_value)
                if found and isinstance(inner, str) and len(flat) < _MAX_FLAT_ATTRIBUTES:
                    flat[f"{snake(key)}_{snake(inner)}"] = found
        elif isinstance(value, list):
            found = ", ".join(texts(value))
            if found:
                flat[snake(key)] = found
        elif found := text(value):
            flat[snake(key)] = found
    return flat


def file_path(folder: str, name: str) -> str:
    """A file's full path from the folder and name the Defender APIs give separately."""
    if not folder:
        return ""
    if not name or folder.lower().rstrip("\\/").endswith(name.lower()):
        return folder
    separator = "\\" if "\\" in folder or ":" in folder else "/"
    return folder.rstrip("\\/") + separator + name


def registry_path(hive: str, key: str) -> str:
    """A registry key's full path: the hive, unless the key already starts with one."""
    if not hive or not key or key.upper().startswith(("HKEY_", "HKLM", "HKCU", "HKU", "HKCR")):
        return key or hive
    return hive.rstrip("\\") + "\\" + key.lstrip("\\")


def is_ip(value: str) -> bool:
    """Tell whether the text is an IP address, ignoring an IPv6 zone ('fe80::1%eth0')."""
    return fields.is_ip(value.split("%", 1)[0])


def is_critical(record: Mapping[str, Any]) -> bool:
    """Whether the source flags the device as high value or critical (tags or a level)."""
    tags = texts(record, "tags") + texts(record, "machineTags") + texts(record, "deviceTags")
    if any(_CRITICAL_TAG.search(tag) for tag in tags):
        return True
    return any(text(record, key).lower() in _CRITICAL_LEVELS for key in _CRITICALITY_KEYS)


def base_attributes(record: Mapping[str, Any]) -> dict[str, str]:
    """The evidence verdict and remediation state every Defender evidence record may carry."""
    found = {
        "verdict": text(record, "verdict"),
        "remediation_status": text(record, "remediationStatus"),
        "detection_status": text(record, "detectionStatus"),
    }
    return {k: v for k, v in found.items() if v}


@dataclass(slots=True)
class Devices:
    """Device refs by the source's device id, so processes and files can point at their device."""

    out: IncidentBuilder
    refs: dict[str, str] = field(default_factory=dict)
    pending: list[tuple[str, str, str]] = field(default_factory=list)

    def remember(self, device_id: str, ref: str | None) -> None:
        if device_id and ref:
            self.refs.setdefault(device_id.lower(), ref)

    def link(self, kind: str, source: str | None, device_id: str, fallback: str | None) -> None:
        """Relate `source` to the device with `device_id` once all devices are read."""
        if not source:
            return
        if device_id:
            self.pending.append((kind, source, device_id.lower()))
        elif fallback:
            self.out.relate(kind, source, fallback)

    def resolve(self) -> None:
        for kind, source, device_id in self.pending:
            self.out.relate(kind, source, self.refs.get(device_id))
        self.pending.clear()


def add_device(
    out: IncidentBuilder,
    owner: SourceAlert | None,
    record: Mapping[str, Any],
    devices: Devices,
    *,
    roles: tuple[str, ...] = (),
    extra: Mapping[str, str] | None = None,
) -> str | None:
    """Add the device a record describes, with its IPs and logged-on users."""
    host, fqdn, dns = _device_names(record)
    device_id = first_text(record, *DEVICE_IDS)
    ref = out.entity(
        owner,
        EntityType.DEVICE,
        fqdn or host or dns or device_id,
        roles=roles,
        hostname=host,
        fqdn=fqdn,
        device_id=device_id,
        aad_device_id=first_text(record, *_AAD_DEVICE_IDS),
        domain=text(record, "ntDomain"),
        os=first_text(record, "osPlatform", "os"),
        os_version=first_text(record, "osBuild", "version", "osVersion"),
        risk=text(record, "riskScore"),
        exposure=text(record, "exposureLevel"),
        critical="true" if is_critical(record) else "",
        tags=", ".join(texts(record, "tags")),
        rbac_group=text(record, "rbacGroupName"),
        cloud_resource_id=text(record, "vmMetadata", "resourceId"),
        **dict(extra or {}),
    )
    devices.remember(device_id, ref)
    for address in _addresses(record.get("ipInterfaces")):
        out.relate("has_ip", ref, out.entity(owner, EntityType.IP, address, address=address))
    for user in items(record, "loggedOnUsers"):
        out.relate("logged_on", add_user(out, owner, user), ref)
    return ref


def _device_names(record: Mapping[str, Any]) -> tuple[str, str, str]:
    """Return the device's host name, FQDN and DNS name, however the record spells them."""
    dns = first_text(record, *_DNS_NAMES)
    host = first_text(record, *_HOST_NAMES) or dns.split(".", 1)[0]
    fqdn = dns if "." in dns else ""
    if not fqdn and host and (suffix := text(record, "dnsDomain")):
        fqdn = f"{host}.{suffix}"
    return host, fqdn, dns


def _addresses(value: Any) -> Iterator[str]:
    for item in value if isinstance(value, list) else []:
        address = (
            first_text(item, "ipAddress", "address") if isinstance(item, Mapping) else text(item)
        )
        if (
            address
            and is_ip(address)
            and not ipaddress.ip_address(address.split("%")[0]).is_loopback
        ):
            yield address


def user_value(account: Mapping[str, Any]) -> str:
    """What an analyst calls an account: UPN, else DOMAIN\\account, else a name or an id."""
    upn = first_text(account, "userPrincipalName", "upn")
    name = first_text(account, "accountName", "userName", "name")
    domain = first_text(account, "domainName", "ntDomain", "domain")
    if upn:
        return upn
    if name and domain and "\\" not in name and "@" not in name:
        return f"{domain}\\{name}"
    return name or first_text(account, "azureAdUserId", "aadUserId", "userSid", "sid")


def add_user(
    out: IncidentBuilder,
    owner: SourceAlert | None,
    account: Mapping[str, Any],
    *,
    roles: tuple[str, ...] = (),
    extra: Mapping[str, str] | None = None,
) -> str | None:
    """Add the account an object names (Graph userAccount, a flat entity, loggedOnUsers)."""
    return out.entity(
        owner,
        EntityType.USER,
        user_value(account),
        roles=roles,
        upn=first_text(account, "userPrincipalName", "upn"),
        account=first_text(account, "accountName", "userName", "name"),
        domain=first_text(account, "domainName", "ntDomain", "domain"),
        sid=first_text(account, "userSid", "sid"),
        aad_id=first_text(account, "azureAdUserId", "aadUserId"),
        display_name=first_text(account, "displayName", "accountDisplayName"),
        **dict(extra or {}),
    )


def lone(value: Any) -> Mapping[str, Any] | None:
    """The object a value is, or None (a Graph sub-object such as `userAccount` or `imageFile`)."""
    return value if isinstance(value, Mapping) and value else None
