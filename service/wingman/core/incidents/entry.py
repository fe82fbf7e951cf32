"""The likely entry point: the entity the attack came in through, and why we think so.

The earliest alert that shows a way in (a phishing message, a consented app, an exploited or
brute-forced host, a sprayed or stolen account) names it. Without such an alert the earliest
alert's device or account is the likely start; with a single alert and no way in, the evidence
is too thin to say, and no entry point is given.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from wingman.core.incidents.model import SourceAlert
from wingman.core.incidents.normalize import Entity, Incident
from wingman.core.incidents.scope import is_public_ip, is_system_binary
from wingman.core.knowledge.attack import AttackCatalog
from wingman.core.models import EntityType, EntryPoint

_T = EntityType
# For each way in, the kinds of entity that name it, best first.
_WAYS_IN: Mapping[str, tuple[EntityType, ...]] = {
    # Consent phishing comes in through the app the user consented to, not the lure.
    "oauth_consent": (_T.CLOUD_APP, _T.USER),
    "phishing": (_T.EMAIL_MESSAGE, _T.URL, _T.MAILBOX, _T.FILE, _T.USER),
    "exploit_public": (_T.DEVICE, _T.CLOUD_RESOURCE, _T.URL, _T.IP),
    "token_theft": (_T.USER, _T.CLOUD_APP, _T.IP),
    "suspicious_sign_in": (_T.USER, _T.IP),
    "brute_force": (_T.USER, _T.DEVICE, _T.CLOUD_RESOURCE, _T.IP),
    "initial-access": (
        _T.EMAIL_MESSAGE,
        _T.URL,
        _T.CLOUD_APP,
        _T.USER,
        _T.DEVICE,
        _T.CLOUD_RESOURCE,
        _T.IP,
    ),
}
_EARLIEST = (_T.URL, _T.FILE, _T.DEVICE, _T.USER, _T.CLOUD_RESOURCE, _T.MAILBOX)
# A spray tries one password on many accounts: the way in is the account it guessed.
_SPRAY = re.compile(r"password[- ]spray", re.IGNORECASE)
_NOT_ALNUM = re.compile(r"[^0-9a-z]")
_HOST_LOGON = re.compile(r"\b(rdp|ssh|remote desktop|virtual machine|\bvm\b|port \d+)", re.I)
_RATIONALE = {
    "phishing": "it delivered the phishing that the earliest way-in alert reports",
    "oauth_consent": "the earliest way-in alert reports consent granted to it",
    "exploit_public": "the earliest way-in alert reports it exploited from the internet",
    "token_theft": "the earliest way-in alert reports its session or token stolen",
    "suspicious_sign_in": "the earliest way-in alert reports a suspicious sign-in to it",
    "brute_force": "the earliest way-in alert reports it brute-forced or sprayed",
    "initial-access": "the earliest alert of the Initial Access tactic names it",
}


def find_entry_point(
    incident: Incident,
    ordered: Sequence[SourceAlert],
    signs: Mapping[str, frozenset[str]],
    catalog: AttackCatalog,
) -> EntryPoint | None:
    """The likely entry point, or None when the evidence is too thin to say."""
    for alert in ordered:
        found = signs.get(alert.id, frozenset())
        tactics = {catalog.normalize_tactic(t) for t in alert.tactics}
        ways = [w for w in _WAYS_IN if w in found or (w == "initial-access" and w in tactics)]
        for way in ways:
            entity = _pick(incident, alert, _kinds(way, alert))
            if entity is not None:
                return _entry(entity, _RATIONALE[way], alert)
    if len(ordered) < 2:
        return None
    first = ordered[0]
    # What the earliest alert names, the delivery (a URL, a file) before the device it reached.
    entity = _pick(incident, first, _EARLIEST)
    if entity is None:
        return None
    return _entry(
        entity, "no alert shows how the attacker got in; the earliest alert names it", first
    )


def _kinds(way: str, alert: SourceAlert) -> tuple[EntityType, ...]:
    kinds = _WAYS_IN[way]
    said = f"{alert.title} {alert.description[:500]}"
    if way == "brute_force" and _HOST_LOGON.search(said) and not _SPRAY.search(said):
        # Password guessing against RDP or SSH comes in through the exposed host.
        return (_T.DEVICE, _T.CLOUD_RESOURCE, _T.USER, _T.IP)
    return kinds


def _pick(incident: Incident, alert: SourceAlert, kinds: Sequence[EntityType]) -> Entity | None:
    named = [incident.entities[i] for i in incident.alert_entities.get(alert.id, ())]
    # Entities only the incident names may be what this alert is about.
    named += incident.unattached()
    for kind in kinds:
        candidates = [e for e in named if e.type is kind]
        if kind is _T.IP:
            candidates = [e for e in candidates if is_public_ip(e.value)]
        if kind is _T.MAILBOX:
            senders = [e for e in candidates if {"sender", "attacker"} & set(e.roles)]
            candidates = senders or candidates
        if kind is _T.FILE:
            candidates = [e for e in candidates if not is_system_binary(e)]
        if kind is _T.USER and not candidates:
            candidates = _same_actor_users(incident, alert)
        if candidates:
            return _mentioned(candidates, alert)
    return None


def _mentioned(candidates: list[Entity], alert: SourceAlert) -> Entity:
    """The candidate the alert's words name ('Exposed Kubernetes dashboard'), else the first."""
    words = _squash(f"{alert.title} {alert.description[:1000]}")
    for entity in candidates:
        name = _squash(entity.attribute("name") or entity.value)
        if len(name) >= 4 and name in words:
            return entity
    return candidates[0]


def _same_actor_users(incident: Incident, alert: SourceAlert) -> list[Entity]:
    """Accounts that alerts sharing this alert's outside address name: the actor's identity."""
    named = incident.alert_entities.get(alert.id, ())
    addresses = {
        i
        for i in named
        if incident.entities[i].type is _T.IP and is_public_ip(incident.entities[i].value)
    }
    found: list[Entity] = []
    for other, ids in incident.alert_entities.items():
        if other != alert.id and addresses & set(ids):
            found += [incident.entities[i] for i in ids if incident.entities[i].type is _T.USER]
    return list({entity.id: entity for entity in found}.values())


def _squash(text: str) -> str:
    return _NOT_ALNUM.sub("", text.casefold())


def _entry(entity: Entity, why: str, alert: SourceAlert) -> EntryPoint:
    title = alert.title or alert.id
    return EntryPoint(
        type=entity.type,
        value=entity.value,
        entity_id=entity.id,
        rationale=f"{why} ({title})",
        evidence_ids=(alert.id, entity.id),
    )
