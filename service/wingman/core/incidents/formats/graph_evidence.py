"""Graph security alert evidence (`alerts[].evidence[]`), read by its `@odata.type`.

Every evidence type has one reader; a type not listed (new ones appear often) becomes an `other`
entity with `kind` set to the type's name and its fields flattened.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from wingman.core.incidents.formats.builder import IncidentBuilder
from wingman.core.incidents.formats.defender import (
    Devices,
    add_device,
    add_user,
    base_attributes,
    file_path,
    flatten,
    lone,
    registry_path,
    user_value,
)
from wingman.core.incidents.formats.fields import first_text, get, text, texts, timestamp
from wingman.core.incidents.formats.graph_cloud_evidence import (
    amazon,
    azure,
    connection,
    dns,
    google,
    kubernetes,
    logon,
    storage,
)
from wingman.core.incidents.model import SourceAlert
from wingman.core.models import EntityType

_E = EntityType


@dataclass(frozen=True, slots=True)
class Evidence:
    """One evidence record being read, with what every reader needs beside it."""

    out: IncidentBuilder
    alert: SourceAlert
    devices: Devices
    record: Mapping[str, Any]
    device: str | None = None

    def entity(self, type: EntityType, value: str, **attributes: str) -> str | None:
        """Add an entity carrying the record's roles, verdict and remediation state."""
        merged = {**base_attributes(self.record), **attributes}
        return self.out.entity(self.alert, type, value, roles=texts(self.record, "roles"), **merged)

    def on_device(self, kind: str, ref: str | None) -> None:
        self.devices.link(kind, ref, text(self.record, "mdeDeviceId"), self.device)


def kind_of(record: Mapping[str, Any]) -> str:
    """The evidence type's own name ('#microsoft.graph.security.ipEvidence' -> 'ipEvidence')."""
    return text(record, "@odata.type").rsplit(".", 1)[-1].lstrip("#")


def read_evidence(evidence: Evidence, path: str) -> str | None:
    """Add the entities one evidence record names, warning when it names none; its main ref."""
    kind = kind_of(evidence.record)
    lowered = kind.lower()
    reader = _READERS.get(lowered)
    if reader is None and lowered.startswith(("kubernetes", "container")):
        reader = kubernetes
    ref = (reader or _other)(evidence)
    if ref is None:
        evidence.out.warn(f"{path}: {kind or 'evidence'} names no value; skipped")
    return ref


def _device(ev: Evidence) -> str | None:
    record = ev.record
    roles, extra = texts(record, "roles"), base_attributes(record)
    return add_device(ev.out, ev.alert, record, ev.devices, roles=roles, extra=extra)


def _user(ev: Evidence) -> str | None:
    account = lone(ev.record.get("userAccount")) or ev.record
    extra = base_attributes(ev.record)
    return add_user(ev.out, ev.alert, account, roles=texts(ev.record, "roles"), extra=extra)


def _ip(ev: Evidence) -> str | None:
    record = ev.record
    address = text(record, "ipAddress")
    return ev.entity(
        _E.IP,
        address,
        address=address,
        country=first_text(record, "countryLetterCode") or text(record, "location", "countryName"),
        city=text(record, "location", "city"),
        asn=first_text(record, "asn") or text(record, "location", "asn"),
    )


def _url(ev: Evidence) -> str | None:
    url = text(ev.record, "url")
    return ev.entity(_E.URL, url, url=url)


def _file_of(ev: Evidence, details: Mapping[str, Any] | None, *, own: bool) -> str | None:
    """A file entity for a Graph fileDetails; only the evidence's own file carries its roles."""
    if details is None:
        return None
    details = lone(details.get("fileDetails")) or details
    name = text(details, "fileName")
    path = file_path(text(details, "filePath"), name)
    attributes = {
        "name": name,
        "path": path,
        "sha256": text(details, "sha256"),
        "sha1": text(details, "sha1"),
        "md5": text(details, "md5"),
        "size": text(details, "fileSize"),
        "signer": first_text(details, "signer", "issuer"),
        "publisher": text(details, "filePublisher"),
    }
    value = name or path or attributes["sha256"] or attributes["sha1"]
    if own:
        return ev.entity(_E.FILE, value, **attributes)
    return ev.out.entity(ev.alert, _E.FILE, value, **attributes)


def _file(ev: Evidence) -> str | None:
    ref = _file_of(ev, lone(ev.record.get("fileDetails")) or ev.record, own=True)
    ev.on_device("member_of", ref)
    return ref


def _process(ev: Evidence) -> str | None:
    out, record = ev.out, ev.record
    image = lone(record.get("imageFile"))
    parent_image = lone(record.get("parentProcessImageFile"))
    account = lone(record.get("userAccount"))
    name, parent_name = text(image, "fileName"), text(parent_image, "fileName")
    command_line = text(record, "processCommandLine")
    ref = ev.entity(
        _E.PROCESS,
        command_line or name,
        pid=text(record, "processId"),
        command_line=command_line,
        image=name,
        image_path=file_path(text(image, "filePath"), name),
        parent_pid=text(record, "parentProcessId"),
        parent_image=parent_name,
        created=timestamp(record.get("processCreationDateTime")) or "",
        account=user_value(account) if account else "",
    )
    out.relate("image_of", _file_of(ev, image, own=False), ref)
    ev.on_device("ran_on", ref)
    if account:
        out.relate("ran_as", ref, add_user(out, ev.alert, account))
    parent = out.entity(
        ev.alert,
        _E.PROCESS,
        parent_name,
        pid=text(record, "parentProcessId"),
        image=parent_name,
        image_path=file_path(text(parent_image, "filePath"), parent_name),
        created=timestamp(record.get("parentProcessCreationDateTime")) or "",
    )
    out.relate("parent_of", parent, ref)
    out.relate("image_of", _file_of(ev, parent_image, own=False), parent)
    ev.on_device("ran_on", parent)
    return ref


def _registry(ev: Evidence) -> str | None:
    record = ev.record
    hive, key = text(record, "registryHive"), text(record, "registryKey")
    ref = ev.entity(
        _E.REGISTRY,
        registry_path(hive, key),
        key=registry_path(hive, key),
        hive=hive,
        value_name=text(record, "registryValueName"),
        value_type=text(record, "registryValueType"),
        value_data=text(record, "registryValue"),
    )
    ev.on_device("member_of", ref)
    return ref


def _mailbox(ev: Evidence) -> str | None:
    record = ev.record
    address = first_text(record, "primaryAddress", "mailboxPrimaryAddress")
    upn = first_text(record, "upn") or text(record, "userAccount", "userPrincipalName")
    return ev.entity(
        _E.MAILBOX,
        address or upn,
        address=address,
        display_name=first_text(record, "displayName")
        or text(record, "userAccount", "displayName"),
        upn=upn,
        configuration=text(record, "configurationType"),
    )


def _message(ev: Evidence) -> str | None:
    out, record, alert = ev.out, ev.record, ev.alert
    sender = (
        first_text(get(record, "p2Sender"), "emailAddress")
        or first_text(get(record, "p1Sender"), "emailAddress")
        or first_text(record, "sender")
    )
    recipient = first_text(record, "recipientEmailAddress", "recipient")
    sender_ip = text(record, "senderIp")
    ids = text(record, "internetMessageId"), text(record, "networkMessageId")
    ref = ev.entity(
        _E.EMAIL_MESSAGE,
        text(record, "subject") or ids[0] or ids[1],
        internet_message_id=ids[0],
        network_message_id=ids[1],
        subject=text(record, "subject"),
        sender=sender,
        recipient=recipient,
        sender_ip=sender_ip,
        delivery_action=text(record, "deliveryAction"),
        delivery_location=text(record, "deliveryLocation"),
        received=timestamp(record.get("receivedDateTime") or record.get("submissionDateTime"))
        or "",
    )
    out.relate("sent_from", ref, out.entity(alert, _E.IP, sender_ip, address=sender_ip))
    out.relate("sent_from", ref, out.entity(alert, _E.MAILBOX, sender, address=sender))
    out.relate("sent_to", ref, out.entity(alert, _E.MAILBOX, recipient, address=recipient))
    for url in texts(record, "urls"):
        out.relate("contains", ref, out.entity(alert, _E.URL, url, url=url))
    return ref


def _cloud_app(ev: Evidence) -> str | None:
    record = ev.record
    app_id = first_text(record, "appId", "saasAppId", "objectId")
    name = first_text(record, "displayName", "name")
    return ev.entity(
        _E.CLOUD_APP,
        name or app_id,
        app_id=app_id,
        name=name,
        instance=first_text(record, "instanceName", "instanceId"),
        publisher=text(record, "publisher"),
    )


def _nic(ev: Evidence) -> str | None:
    inner = lone(ev.record.get("ipAddress")) or {}
    address = text(inner, "ipAddress") or text(ev.record, "ipAddress")
    return ev.entity(_E.IP, address, address=address, mac=text(ev.record, "macAddress"))


def _other(ev: Evidence) -> str | None:
    record = ev.record
    kind = kind_of(record) or "unknown"
    attributes = flatten(record, frozenset({"roles", "detailedRoles", "tags", "createdDateTime"}))
    value = first_text(
        record, "displayName", "name", "clusterByValue", "clusterBy", "query", "securityGroupId"
    ) or next(iter(attributes.values()), "")
    return ev.entity(_E.OTHER, value, kind=kind, **attributes)


_READERS: Mapping[str, Callable[[Evidence], str | None]] = {
    "deviceevidence": _device,
    "iotdeviceevidence": _device,
    "userevidence": _user,
    "ipevidence": _ip,
    "nicevidence": _nic,
    "urlevidence": _url,
    "fileevidence": _file,
    "processevidence": _process,
    "registrykeyevidence": _registry,
    "registryvalueevidence": _registry,
    "mailboxevidence": _mailbox,
    "mailboxconfigurationevidence": _mailbox,
    "analyzedmessageevidence": _message,
    "submissionmailevidence": _message,
    "cloudapplicationevidence": _cloud_app,
    "oauthapplicationevidence": _cloud_app,
    "azureresourceevidence": azure,
    "amazonresourceevidence": amazon,
    "googlecloudresourceevidence": google,
    "blobevidence": storage,
    "blobcontainerevidence": storage,
    "dnsevidence": dns,
    "hostlogonsessionevidence": logon,
    "cloudlogonsessionevidence": logon,
    "networkconnectionevidence": connection,
}
