"""The flat entity records of the M365 Defender incidents API and the MDE alerts API.

Both APIs describe every entity with one wide record (`entityType` and every possible field,
most of them null); the entity type says which fields count. Types not listed here are kept as
`other` entities with their non-empty fields.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from wingman.core.incidents.formats.builder import IncidentBuilder
from wingman.core.incidents.formats.defender import (
    DEVICE_IDS,
    Devices,
    add_device,
    add_user,
    base_attributes,
    file_path,
    flatten,
    registry_path,
    user_value,
)
from wingman.core.incidents.formats.fields import first_text, text, timestamp
from wingman.core.incidents.model import SourceAlert
from wingman.core.models import EntityType

_ACCOUNT_KEYS = ("accountName", "userPrincipalName", "userSid", "aadUserId")


@dataclass(frozen=True, slots=True)
class Reading:
    """One alert's entities being read: where they go and the alert's own device, if known."""

    out: IncidentBuilder
    alert: SourceAlert
    devices: Devices
    device: str | None = None


def read_entity(reading: Reading, record: Mapping[str, Any], path: str) -> None:
    """Add the entity one flat record describes, warning when it names nothing."""
    kind = text(record, "entityType")
    reader = _READERS.get(kind.lower().replace("_", "").replace(" ", ""), _other)
    if reader(reading, record) is None:
        reading.out.warn(f"{path}: {kind or 'entity'} record names no value; skipped")


def _user(reading: Reading, record: Mapping[str, Any]) -> str | None:
    return add_user(reading.out, reading.alert, record, extra=base_attributes(record))


def _ip(reading: Reading, record: Mapping[str, Any]) -> str | None:
    address = first_text(record, "ipAddress", "address")
    return reading.out.entity(
        reading.alert, EntityType.IP, address, address=address, **base_attributes(record)
    )


def _url(reading: Reading, record: Mapping[str, Any]) -> str | None:
    url = text(record, "url")
    return reading.out.entity(
        reading.alert, EntityType.URL, url, url=url, **base_attributes(record)
    )


def _file(reading: Reading, record: Mapping[str, Any]) -> str | None:
    ref = _image(reading, record, base_attributes(record))
    reading.devices.link("member_of", ref, first_text(record, *DEVICE_IDS), reading.device)
    return ref


def _image(reading: Reading, record: Mapping[str, Any], extra: dict[str, str]) -> str | None:
    name = text(record, "fileName")
    path = file_path(text(record, "filePath"), name)
    sha256, sha1 = text(record, "sha256"), text(record, "sha1")
    return reading.out.entity(
        reading.alert,
        EntityType.FILE,
        name or path or sha256 or sha1,
        name=name,
        path=path,
        sha256=sha256,
        sha1=sha1,
        md5=text(record, "md5"),
        **extra,
    )


def _process(reading: Reading, record: Mapping[str, Any]) -> str | None:
    out, name = reading.out, text(record, "fileName")
    command_line = text(record, "processCommandLine")
    account = user_value(record) if any(text(record, k) for k in _ACCOUNT_KEYS) else ""
    ref = out.entity(
        reading.alert,
        EntityType.PROCESS,
        command_line or name,
        pid=text(record, "processId"),
        command_line=command_line,
        image=name,
        image_path=file_path(text(record, "filePath"), name),
        parent_pid=text(record, "parentProcessId"),
        created=timestamp(record.get("processCreationTime")) or "",
        account=account,
        **base_attributes(record),
    )
    out.relate("image_of", _image(reading, record, {}), ref)
    if account:
        out.relate("ran_as", ref, add_user(out, reading.alert, record))
    reading.devices.link("ran_on", ref, first_text(record, *DEVICE_IDS), reading.device)
    return ref


def _mailbox(reading: Reading, record: Mapping[str, Any]) -> str | None:
    address = first_text(record, "mailboxAddress", "userPrincipalName")
    return reading.out.entity(
        reading.alert,
        EntityType.MAILBOX,
        address,
        address=text(record, "mailboxAddress"),
        display_name=text(record, "mailboxDisplayName"),
        upn=text(record, "userPrincipalName"),
        **base_attributes(record),
    )


def _message(reading: Reading, record: Mapping[str, Any]) -> str | None:
    out, alert = reading.out, reading.alert
    sender, recipient = text(record, "sender"), text(record, "recipient")
    sender_ip = first_text(record, "senderIp", "senderIP", "ipAddress")
    ids = first_text(record, "internetMessageId"), text(record, "networkMessageId")
    ref = out.entity(
        alert,
        EntityType.EMAIL_MESSAGE,
        text(record, "subject") or ids[0] or ids[1],
        internet_message_id=ids[0],
        network_message_id=ids[1],
        subject=text(record, "subject"),
        sender=sender,
        recipient=recipient,
        sender_ip=sender_ip,
        delivery_action=text(record, "deliveryAction"),
        delivery_location=text(record, "deliveryLocation"),
        received=timestamp(record.get("receivedDateTime")) or "",
        **base_attributes(record),
    )
    out.relate("sent_from", ref, out.entity(alert, EntityType.MAILBOX, sender, address=sender))
    out.relate("sent_to", ref, out.entity(alert, EntityType.MAILBOX, recipient, address=recipient))
    out.relate("sent_from", ref, out.entity(alert, EntityType.IP, sender_ip, address=sender_ip))
    url = text(record, "url")
    out.relate("contains", ref, out.entity(alert, EntityType.URL, url, url=url))
    if first_text(record, "fileName", "sha256", "sha1"):
        out.relate("contains", ref, _image(reading, record, {}))
    return ref


def _registry(reading: Reading, record: Mapping[str, Any]) -> str | None:
    hive, key = text(record, "registryHive"), text(record, "registryKey")
    ref = reading.out.entity(
        reading.alert,
        EntityType.REGISTRY,
        registry_path(hive, key),
        key=registry_path(hive, key),
        hive=hive,
        value_name=text(record, "registryValueName"),
        value_type=text(record, "registryValueType"),
        value_data=text(record, "registryValue"),
        **base_attributes(record),
    )
    reading.devices.link("member_of", ref, first_text(record, *DEVICE_IDS), reading.device)
    return ref


def _cloud_app(reading: Reading, record: Mapping[str, Any]) -> str | None:
    app_id = first_text(record, "applicationId", "appId", "oAuthAppId")
    name = first_text(record, "applicationName", "appName", "oAuthApplicationName", "displayName")
    return reading.out.entity(
        reading.alert,
        EntityType.CLOUD_APP,
        name or app_id,
        app_id=app_id,
        name=name,
        instance=text(record, "instanceName"),
        publisher=text(record, "publisher"),
        **base_attributes(record),
    )


def _device(reading: Reading, record: Mapping[str, Any]) -> str | None:
    return add_device(reading.out, reading.alert, record, reading.devices)


def _other(reading: Reading, record: Mapping[str, Any]) -> str | None:
    kind = text(record, "entityType") or "unknown"
    attributes = flatten(record, frozenset({"entityType", "kind"}))
    value = (
        first_text(
            record, "securityGroupName", "clusterByValue", "clusterBy", "name", "displayName"
        )
        or first_text(record, "securityGroupId", "id", "url")
        or next(iter(attributes.values()), "")
    )
    return reading.out.entity(reading.alert, EntityType.OTHER, value, kind=kind, **attributes)


_READERS: Mapping[str, Callable[[Reading, Mapping[str, Any]], str | None]] = {
    "user": _user,
    "account": _user,
    "ip": _ip,
    "url": _url,
    "file": _file,
    "process": _process,
    "mailbox": _mailbox,
    "mailmessage": _message,
    "registry": _registry,
    "registrykey": _registry,
    "registryvalue": _registry,
    "cloudapplication": _cloud_app,
    "oauthapplication": _cloud_app,
    "machine": _device,
    "device": _device,
}
