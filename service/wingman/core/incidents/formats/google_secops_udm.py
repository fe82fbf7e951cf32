"""Google SecOps UDM events: the nouns (principal, target, src...) and network parts as entities."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from wingman.core.incidents.formats import google_secops_nouns as nouns
from wingman.core.incidents.formats.builder import IncidentBuilder
from wingman.core.incidents.formats.fields import (
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
        nouns.add_remote(out, alert, noun, role)
    else:
        device = nouns.add_device(out, alert, noun, role)
    user = nouns.add_user(out, alert, noun, role)
    out.relate("logged_on", user, device)
    if role == "target":
        # PROCESS_LAUNCH: the principal process started the target one, on its own host.
        runs_on, runs_as = device or actor.device, user or (actor.user if actor.launch else None)
        process = nouns.add_process(out, alert, get(noun, "process"), role, runs_on, runs_as, 0)
        out.relate("parent_of", actor.process if actor.launch else None, process)
    else:
        process = nouns.add_process(out, alert, get(noun, "process"), role, device, user, 0)
    if role == "principal":
        actor.device, actor.user, actor.process = device, user, process
    file = nouns.add_file(out, alert, get(noun, "file"), role)
    url = text(noun, "url")
    url_ref = out.entity(alert, _E.URL, url, roles=[role], url=url)
    nouns.add_registry(out, alert, get(noun, "registry"), role)
    nouns.add_resource(out, alert, get(noun, "resource"), role)
    app = text(noun, "application")
    out.entity(alert, _E.CLOUD_APP, app, roles=[role], name=app)
    mail = text(noun, "email")
    out.entity(alert, _E.MAILBOX, mail, roles=[role], address=mail)
    return [file, url_ref]


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
