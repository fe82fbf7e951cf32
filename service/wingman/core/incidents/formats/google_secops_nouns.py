"""The parts of one UDM noun (host, user, process, file, registry, resource) as entities."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wingman.core.incidents.formats.accounts import account_value, entra_id
from wingman.core.incidents.formats.builder import IncidentBuilder
from wingman.core.incidents.formats.devices import host_names
from wingman.core.incidents.formats.fields import basename, first_text, get, items, text, texts
from wingman.core.incidents.model import SourceAlert
from wingman.core.models import EntityType

_E = EntityType


_MAX_PARENTS = 4


def add_remote(
    out: IncidentBuilder, alert: SourceAlert, noun: Mapping[str, Any], role: str
) -> None:
    """A network peer named by host name and addresses only: a domain and its IPs, no device."""
    host = text(noun, "hostname")
    domain = out.entity(alert, _E.DOMAIN, host, roles=[role], domain=host)
    for ip in texts(noun, "ip"):
        out.relate("resolves_to", domain, out.entity(alert, _E.IP, ip, roles=[role], address=ip))


def add_device(
    out: IncidentBuilder, alert: SourceAlert, noun: Mapping[str, Any], role: str
) -> str | None:
    asset = get(noun, "asset")
    host = text(noun, "hostname") or text(asset, "hostname")
    ips = tuple(dict.fromkeys(texts(noun, "ip") + texts(asset, "ip")))
    device = None
    if host:
        short, fqdn = host_names(host)
        device = out.entity(
            alert,
            _E.DEVICE,
            host,
            roles=[role],
            hostname=short,
            fqdn=fqdn,
            device_id=text(noun, "assetId") or text(asset, "assetId"),
            os=text(noun, "platform") or text(asset, "platformSoftware", "platform"),
            os_version=text(asset, "platformSoftware", "platformVersion"),
        )
    geo = {text(g, "ip"): g for g in items(noun, "ipGeoArtifact")}
    for ip in ips:
        where = geo.get(ip, {})
        ref = out.entity(
            alert,
            _E.IP,
            ip,
            roles=[role],
            address=ip,
            country=text(where, "location", "countryOrRegion"),
            city=text(where, "location", "city"),
            asn=text(where, "network", "asn"),
        )
        out.relate("has_ip", device, ref)
    return device


def add_user(
    out: IncidentBuilder, alert: SourceAlert, noun: Mapping[str, Any], role: str
) -> str | None:
    user = get(noun, "user")
    userid = text(user, "userid")
    domain = text(noun, "administrativeDomain")
    if "\\" in userid:
        domain, _, userid = userid.partition("\\")
    emails = texts(user, "emailAddresses")
    email = emails[0] if emails else ""
    upn = userid if "@" in userid else ""
    if not upn and email and email.split("@")[0].lower() == userid.lower():
        upn = email
    account = userid.split("@")[0] if userid else ""
    sid = text(user, "windowsSid")
    object_id = text(user, "productObjectId")
    return out.entity(
        alert,
        _E.USER,
        account_value(upn, domain, account) or email or object_id or sid,
        roles=[role],
        upn=upn,
        account=account,
        domain=domain,
        sid=sid,
        display_name=text(user, "userDisplayName"),
        email=email,
        aad_id=entra_id(object_id),
    )


def add_process(
    out: IncidentBuilder,
    alert: SourceAlert,
    process: Any,
    role: str,
    device: str | None,
    user: str | None,
    depth: int,
) -> str | None:
    if not isinstance(process, Mapping) or depth > _MAX_PARENTS:
        return None
    path = text(process, "file", "fullPath")
    names = texts(process, "file", "names")
    image = basename(path) or (names[0] if names else "")
    command_line = text(process, "commandLine")
    parent = get(process, "parentProcess")
    ref = out.entity(
        alert,
        _E.PROCESS,
        command_line or image,
        roles=[role] if depth == 0 else ["parent"],
        pid=text(process, "pid"),
        command_line=command_line,
        image=image,
        image_path=path,
        parent_pid=text(parent, "pid"),
        parent_image=basename(text(parent, "file", "fullPath")),
    )
    if ref is None:
        return None
    out.relate("image_of", add_file(out, alert, get(process, "file"), role), ref)
    out.relate("ran_on", ref, device)
    if depth == 0:
        out.relate("ran_as", ref, user)
    out.relate("parent_of", add_process(out, alert, parent, role, device, None, depth + 1), ref)
    return ref


def add_file(out: IncidentBuilder, alert: SourceAlert, file: Any, role: str) -> str | None:
    path = text(file, "fullPath")
    names = texts(file, "names")
    name = basename(path) or (names[0] if names else "")
    return out.entity(
        alert,
        _E.FILE,
        name or path,
        roles=[role],
        name=name,
        path=path,
        sha256=text(file, "sha256"),
        sha1=text(file, "sha1"),
        md5=text(file, "md5"),
        size=text(file, "size"),
    )


def add_registry(out: IncidentBuilder, alert: SourceAlert, registry: Any, role: str) -> None:
    key = text(registry, "registryKey")
    out.entity(
        alert,
        _E.REGISTRY,
        key,
        roles=[role],
        key=key,
        hive=key.split("\\")[0] if "\\" in key else "",
        value_name=text(registry, "registryValueName"),
        value_data=text(registry, "registryValueData"),
    )


def add_resource(out: IncidentBuilder, alert: SourceAlert, resource: Any, role: str) -> None:
    resource_id = text(resource, "productObjectId")
    name = text(resource, "name")
    out.entity(
        alert,
        _E.CLOUD_RESOURCE,
        resource_id or name,
        roles=[role],
        resource_id=resource_id,
        name=name,
        resource_type=first_text(resource, "resourceType", "type", "resourceSubtype"),
    )
