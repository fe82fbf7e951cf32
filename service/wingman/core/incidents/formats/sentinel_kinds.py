"""What each Sentinel entity kind becomes: a table from kind to a small function.

Field names are looked up lower-cased, so one function reads the SecurityAlert column spelling
(`HostName`), Defender for Cloud's (`hostName`) and the REST properties (`hostName`); where the
REST API renamed a field (`accountName` for `Name`) both names are listed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from wingman.core.incidents.formats.builder import ENTITY_PARAMETERS
from wingman.core.incidents.formats.fields import first_text, mapping, text, texts, timestamp
from wingman.core.incidents.formats.files import HASHES
from wingman.core.incidents.formats.sentinel_graph import EntityGraph, Node, lowered
from wingman.core.incidents.formats.sentinel_links import (
    ACCOUNT,
    FILE_HASHES,
    IMAGE,
    PARENT,
    REGISTRY_KEY,
)
from wingman.core.incidents.formats.sentinel_resources import add_cloud_node, add_cloud_resource
from wingman.core.incidents.formats.sentinel_values import file_path, registry_path, user_value
from wingman.core.models import EntityType

if TYPE_CHECKING:
    from wingman.core.incidents.formats.sentinel_entities import EntityReader

_E = EntityType


def f(node: Node, *keys: str) -> str:
    """The first non-empty text among the node's fields."""
    return first_text(node.fields, *keys)


def emit(reader: EntityReader, node: Node) -> str | None:
    """Add the entity one node describes, warning when it names nothing."""
    writer = _EMITTERS.get(node.kind, add_cloud_node if node.kind in _CLOUD else _other)
    ref = writer(reader, node)
    if ref is None and node.kind not in _SILENT:
        named = f" {node.source_id}" if node.source_id else ""
        reader.warn(f"{node.type_name} entity{named} names nothing; skipped")
    return ref


def hashes(graph: EntityGraph, node: Node) -> dict[str, str]:
    """The file's hashes by algorithm (sha256, sha1, md5), from its linked filehash nodes."""
    found: dict[str, str] = {}
    for target in graph.linked(node, *FILE_HASHES):
        name = f(target, "algorithm").lower()
        if name in HASHES:
            found.setdefault(name, f(target, "value", "hashvalue"))
    return found


def _device(reader: EntityReader, node: Node) -> str | None:
    extra = lowered(mapping(node.fields.get("additionaldata")))
    hostname = f(node, "hostname", "devicename") or f(node, "netbiosname")
    domain = f(node, "dnsdomain")
    fqdn = hostname if "." in hostname else (f"{hostname}.{domain}" if hostname and domain else "")
    os_name = f(node, "osfamily", "operatingsystem")
    ref = reader.add(
        _E.DEVICE,
        fqdn or hostname or first_text(extra, "devicednsname") or f(node, "deviceid"),
        node=node,
        hostname=hostname,
        fqdn=fqdn or first_text(extra, "devicednsname"),
        os="" if os_name.lower() == "unknown" else os_name,
        os_version=f(node, "osversion", "firmwareversion"),
        device_id=first_text(extra, "mdatpdeviceid") or f(node, "deviceid"),
        aad_device_id=f(node, "aaddeviceid") or first_text(extra, "aaddeviceid"),
        risk=first_text(extra, "riskscore"),
    )
    if ref is not None:
        reader.remember(_E.DEVICE, ref, f(node, "netbiosname"), hostname.split(".")[0])
        resource = add_cloud_resource(reader, f(node, "azureid"))
        reader.out.relate("member_of", ref, resource)
    return ref


def _user(reader: EntityReader, node: Node) -> str | None:
    value, attributes = user_value(node.fields)
    return reader.add(_E.USER, value, node=node, **attributes)


def _ip(reader: EntityReader, node: Node) -> str | None:
    address = f(node, "address")
    where = lowered(mapping(node.fields.get("location")))
    return reader.add(
        _E.IP,
        address,
        node=node,
        address=address,
        country=first_text(where, "countrycode", "countryname"),
        city=text(where, "city"),
        asn="" if text(where, "asn") in ("", "0") else text(where, "asn"),
    )


def _url(reader: EntityReader, node: Node) -> str | None:
    url = f(node, "url")
    return reader.add(_E.URL, url, node=node, url=url)


def _file(reader: EntityReader, node: Node) -> str | None:
    name = f(node, "filename", "name")
    path = file_path(f(node, "directory"), name)
    found = hashes(reader.graph, node)
    value = name or path or next(iter(found.values()), "")
    return reader.add(_E.FILE, value, node=node, name=name, path=path, **found)


def _file_hash(reader: EntityReader, node: Node) -> str | None:
    value = f(node, "value", "hashvalue")
    algorithm = f(node, "algorithm").lower()
    algorithm = algorithm if algorithm in HASHES else ""
    return reader.add(_E.FILE, value, node=node, **({algorithm: value} if algorithm else {}))


def _process(reader: EntityReader, node: Node) -> str | None:
    graph = reader.graph
    image = graph.first(node, *IMAGE)
    parent = graph.first(node, *PARENT)
    account = graph.first(node, *ACCOUNT)
    image_name = f(image, "filename", "name") if image else ""
    image_path = file_path(f(image, "directory"), image_name) if image else ""
    parent_image = graph.first(parent, *IMAGE) if parent else None
    command_line = f(node, "commandline")
    return reader.add(
        _E.PROCESS,
        command_line or image_path or image_name,
        node=node,
        pid=f(node, "processid"),
        command_line=command_line,
        image=image_name,
        image_path=image_path,
        created=timestamp(f(node, "creationtimeutc")) or "",
        parent_pid=f(parent, "processid") if parent else "",
        parent_image=f(parent_image, "filename", "name") if parent_image else "",
        account=user_value(account.fields)[0] if account else "",
    )


def _registry_key(reader: EntityReader, node: Node) -> str | None:
    key, hive = f(node, "key"), f(node, "hive")
    return reader.add(_E.REGISTRY, registry_path(hive, key), node=node, key=key, hive=hive)


def _registry_value(reader: EntityReader, node: Node) -> str | None:
    key_node = reader.graph.first(node, *REGISTRY_KEY)
    key = f(key_node, "key") if key_node else ""
    hive = f(key_node, "hive") if key_node else ""
    name = f(node, "valuename", "name")
    return reader.add(
        _E.REGISTRY,
        registry_path(hive, key) or name,
        node=node,
        key=key,
        hive=hive,
        value_name=name,
        value_type=f(node, "valuetype"),
        value_data=f(node, "valuedata", "value"),
    )


def _mailbox(reader: EntityReader, node: Node) -> str | None:
    address = f(node, "mailboxprimaryaddress", "upn")
    return reader.add(
        _E.MAILBOX,
        address,
        node=node,
        address=address,
        display_name=f(node, "displayname"),
        upn=f(node, "upn"),
    )


def _mail_message(reader: EntityReader, node: Node) -> str | None:
    subject = f(node, "subject")
    ids = f(node, "internetmessageid"), f(node, "networkmessageid")
    sender = f(node, "sender", "p1sender", "p2sender")
    recipient, sender_ip = f(node, "recipient"), f(node, "senderip")
    ref = reader.add(
        _E.EMAIL_MESSAGE,
        subject or ids[0] or ids[1],
        node=node,
        subject=subject,
        internet_message_id=ids[0],
        network_message_id=ids[1],
        sender=sender,
        recipient=recipient,
        sender_ip=sender_ip,
        delivery_action=f(node, "deliveryaction"),
        delivery_location=f(node, "deliverylocation"),
        received=timestamp(f(node, "receivedate", "receiveddate", "submissiondate")) or "",
    )
    if ref is not None:
        relate_ = reader.out.relate
        for url in texts(node.fields, "urls"):
            relate_("contains", ref, reader.add(_E.URL, url, url=url))
        relate_("sent_from", ref, reader.add(_E.IP, sender_ip, address=sender_ip, roles=["sender"]))
        relate_("sent_from", ref, reader.add(_E.MAILBOX, sender, address=sender, roles=["sender"]))
        relate_(
            "sent_to",
            ref,
            reader.add(_E.MAILBOX, recipient, address=recipient, roles=["recipient"]),
        )
    return ref


def _cloud_app(reader: EntityReader, node: Node) -> str | None:
    app_id, name = f(node, "appid"), f(node, "appname", "name")
    return reader.add(
        _E.CLOUD_APP,
        name or app_id,
        node=node,
        app_id=app_id,
        name=name,
        instance=f(node, "instancename"),
    )


def _domain(reader: EntityReader, node: Node) -> str | None:
    domain = f(node, "domainname")
    return reader.add(_E.DOMAIN, domain, node=node, domain=domain)


def _malware(reader: EntityReader, node: Node) -> str | None:
    name = f(node, "malwarename", "name")
    reader.threat_name = reader.threat_name or name
    return _other(reader, node, value=name)


def _azure_resource(reader: EntityReader, node: Node) -> str | None:
    return add_cloud_resource(reader, f(node, "resourceid", "azureid"), node=node)


def _nothing(reader: EntityReader, node: Node) -> str | None:
    """Kinds that only qualify others (a connection gives its IPs their roles)."""
    return None


def _other(reader: EntityReader, node: Node, *, value: str = "") -> str | None:
    flat = {
        (f"{key}_field" if key in _RESERVED else key): text(item)
        for key, item in node.fields.items()
        if key not in ("$id", "type", "asset") and text(item)
    }
    flat["kind"] = node.type_name
    named = value or first_text(
        node.fields,
        "name",
        "friendlyname",
        "displayname",
        "distinguishedname",
        "sessionid",
        "clustersourceidentifier",
        "objectguid",
        "sid",
    )
    return reader.add(_E.OTHER, named or next(iter(flat.values()), ""), node=node, **flat)


_CLOUD = {
    "k8scluster",
    "k8snamespace",
    "k8spod",
    "k8sservice",
    "container",
    "containerimage",
    "blob",
    "blobcontainer",
    "gcpresource",
    "amazonresource",
    "iothub",
}
# Source field names that would collide with the builder's and the reader's own parameters.
_RESERVED = ENTITY_PARAMETERS | {"node", "kind"}
_SILENT = {"networkconnection", "bookmark"}
_EMITTERS: dict[str, Callable[[EntityReader, Node], str | None]] = {
    "host": _device,
    "iotdevice": _device,
    "account": _user,
    "ip": _ip,
    "url": _url,
    "file": _file,
    "filehash": _file_hash,
    "process": _process,
    "registrykey": _registry_key,
    "registryvalue": _registry_value,
    "mailbox": _mailbox,
    "mailmessage": _mail_message,
    "submissionmail": _mail_message,
    "cloudapplication": _cloud_app,
    "oauthapplication": _cloud_app,
    "dns": _domain,
    "malware": _malware,
    "azureresource": _azure_resource,
    "networkconnection": _nothing,
    "bookmark": _nothing,
}
