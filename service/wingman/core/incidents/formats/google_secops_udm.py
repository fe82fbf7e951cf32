"""Google SecOps UDM events: the nouns (principal, target, src...) and network parts as entities."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from wingman.core.incidents.formats.accounts import account_value, entra_id
from wingman.core.incidents.formats.builder import IncidentBuilder
from wingman.core.incidents.formats.devices import host_names
from wingman.core.incidents.formats.fields import (
    basename,
    first_text,
    get,
    is_ip,
    items,
    text,
    texts,
)
from wingman.core.incidents.formats.mail import add_correspondents
from wingman.core.incidents.model import SourceAlert
from wingman.core.models import EntityType

_E = EntityType
# The UDM nouns an event names, each an object or (intermediary, about) a list of them.
# `observer` is the sensor that saw the event (a firewall, an EDR console), not a party to it.
_NOUNS = ("principal", "src", "target", "intermediary", "about")
_MAX_PARENTS = 4
# In a network or mail event, a noun with none of these is a peer out there, not an asset.
_LOCAL_KEYS = ("asset", "assetId", "process", "user", "platform", "administrativeDomain", "file")
TECHNIQUE = re.compile(r"\bT\d{4}(?:\.\d{3})?\b")


def objects(out: IncidentBuilder, obj: Any, key: str, where: str) -> Iterator[Mapping[str, Any]]:
    """The objects under `key` (one or a list), warning about anything else found there."""
    value = get(obj, key)
    if value is None:
        return
    if not isinstance(value, Mapping | list):
        out.warn(f"{where}.{key}: expected an object or a list, skipped")
        return
    for n, item in enumerate(value if isinstance(value, list) else [value]):
        if isinstance(item, Mapping):
            yield item
        elif item is not None:
            out.warn(f"{where}.{key}[{n}]: expected an object, skipped")


def attack(details: Any) -> tuple[list[str], list[str]]:
    """Tactic names/ids and technique ids of one UDM `attackDetails`."""
    tactics = [first_text(t, "id", "name") for t in items(details, "tactics")]
    techniques: list[str] = []
    for technique in items(details, "techniques"):
        # A sub-technique names its parent: the parent id alone is not a separate finding.
        techniques += TECHNIQUE.findall(first_text(technique, "subtechniqueId", "id"))
    return [t for t in tactics if t], techniques


def read_event(
    out: IncidentBuilder, alert: SourceAlert, event: Mapping[str, Any], where: str
) -> None:
    """Add the entities one UDM event names, and its security results, to `alert`."""
    contents: list[str | None] = []
    event_type = text(event, "metadata", "eventType")
    network_event = event_type.startswith(("NETWORK_", "EMAIL_"))
    actor = _Actor(launch=event_type == "PROCESS_LAUNCH")
    for noun_name in _NOUNS:
        for noun in objects(out, event, noun_name, where):
            remote = network_event and not any(key in noun for key in _LOCAL_KEYS)
            contents += _noun(out, alert, noun, noun_name, remote, actor)
    network = get(event, "network")
    http_url = text(network, "http", "url")
    contents.append(out.entity(alert, _E.URL, http_url, url=http_url))
    message = _email(out, alert, get(network, "email"))
    for ref in contents:
        out.relate("contains", message, ref)
    _dns(out, alert, get(network, "dns"))
    for result in objects(out, event, "securityResult", where):
        _security_result(alert, result)


@dataclass(slots=True)
class _Actor:
    """The principal's entities, which a target process without its own host runs on."""

    launch: bool
    device: str | None = None
    user: str | None = None
    process: str | None = None


def _noun(
    out: IncidentBuilder,
    alert: SourceAlert,
    noun: Mapping[str, Any],
    role: str,
    remote: bool,
    actor: _Actor,
) -> list[str | None]:
    """Entities of one noun; returns the url and file refs an e-mail event may contain."""
    device = None
    if remote:
        _remote(out, alert, noun, role)
    else:
        device = _device(out, alert, noun, role)
    user = _user(out, alert, noun, role)
    out.relate("logged_on", user, device)
    if role == "target":
        # PROCESS_LAUNCH: the principal process started the target one, on its own host.
        runs_on, runs_as = device or actor.device, user or (actor.user if actor.launch else None)
        process = _process(out, alert, get(noun, "process"), role, runs_on, runs_as, 0)
        out.relate("parent_of", actor.process if actor.launch else None, process)
    else:
        process = _process(out, alert, get(noun, "process"), role, device, user, 0)
    if role == "principal":
        actor.device, actor.user, actor.process = device, user, process
    file = _file(out, alert, get(noun, "file"), role)
    url = text(noun, "url")
    url_ref = out.entity(alert, _E.URL, url, roles=[role], url=url)
    _registry(out, alert, get(noun, "registry"), role)
    _resource(out, alert, get(noun, "resource"), role)
    app = text(noun, "application")
    out.entity(alert, _E.CLOUD_APP, app, roles=[role], name=app)
    mail = text(noun, "email")
    out.entity(alert, _E.MAILBOX, mail, roles=[role], address=mail)
    return [file, url_ref]


def _remote(out: IncidentBuilder, alert: SourceAlert, noun: Mapping[str, Any], role: str) -> None:
    """A network peer named by host name and addresses only: a domain and its IPs, no device."""
    host = text(noun, "hostname")
    domain = out.entity(alert, _E.DOMAIN, host, roles=[role], domain=host)
    for ip in texts(noun, "ip"):
        out.relate("resolves_to", domain, out.entity(alert, _E.IP, ip, roles=[role], address=ip))


def _device(
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


def _user(
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


def _process(
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
    out.relate("image_of", _file(out, alert, get(process, "file"), role), ref)
    out.relate("ran_on", ref, device)
    if depth == 0:
        out.relate("ran_as", ref, user)
    out.relate("parent_of", _process(out, alert, parent, role, device, None, depth + 1), ref)
    return ref


def _file(out: IncidentBuilder, alert: SourceAlert, file: Any, role: str) -> str | None:
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


def _registry(out: IncidentBuilder, alert: SourceAlert, registry: Any, role: str) -> None:
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


def _resource(out: IncidentBuilder, alert: SourceAlert, resource: Any, role: str) -> None:
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


def _email(out: IncidentBuilder, alert: SourceAlert, email: Any) -> str | None:
    sender = text(email, "from")
    recipients = texts(email, "to") + texts(email, "cc") + texts(email, "bcc")
    # UDM's subject is a list; a lone string is one subject, commas and all.
    subjects = texts(email, "subject") if isinstance(get(email, "subject"), list) else ()
    subject = subjects[0] if subjects else text(email, "subject")
    message_id = text(email, "mailId")
    message = out.entity(
        alert,
        _E.EMAIL_MESSAGE,
        subject or message_id,
        internet_message_id=message_id,
        subject=subject,
        sender=sender,
        recipient=", ".join(recipients),
    )
    # Sender and recipients are named even when the message itself has no subject or id.
    add_correspondents(out, alert, message, sender, recipients)
    return message


def _dns(out: IncidentBuilder, alert: SourceAlert, dns: Any) -> None:
    domains: dict[str, str | None] = {}
    for question in items(dns, "questions"):
        name = text(question, "name")
        domains[name.lower()] = out.entity(alert, _E.DOMAIN, name, roles=["query"], domain=name)
    for answer in items(dns, "answers"):
        data = text(answer, "data")
        if is_ip(data):
            ip = out.entity(alert, _E.IP, data, roles=["resolved"], address=data)
            out.relate("resolves_to", domains.get(text(answer, "name").lower()), ip)


def _security_result(alert: SourceAlert, result: Mapping[str, Any]) -> None:
    tactics, techniques = attack(get(result, "attackDetails"))
    alert.tactics += tuple(tactics)
    alert.techniques += tuple(techniques)
    alert.threat_name = alert.threat_name or text(result, "threatName")
    alert.description = alert.description or first_text(result, "summary", "description")
