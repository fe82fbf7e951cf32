"""Guided response: actions from the catalog, each aimed at an entity of the incident.

Every rule reads the signs of the alerts that name an entity and the roles the source gave it;
a recommendation never targets anything the incident does not contain. Priority 1 is the most
urgent: containment, then triage, then remediation and investigation, then prevention.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from wingman.core.incidents.actions import ACTIONS
from wingman.core.incidents.model import SourceAlert
from wingman.core.incidents.normalize import Entity, Incident
from wingman.core.incidents.scope import external_senders, is_public_ip, is_system_binary
from wingman.core.incidents.signals import HANDS_ON
from wingman.core.models import (
    EntityType,
    Recommendation,
    RecommendationTarget,
    ResponseCategory,
    Severity,
)

_PRIORITY: Mapping[ResponseCategory, int] = {
    ResponseCategory.CONTAINMENT: 1,
    ResponseCategory.TRIAGE: 2,
    ResponseCategory.REMEDIATION: 3,
    ResponseCategory.INVESTIGATION: 3,
    ResponseCategory.PREVENTION: 4,
}
_SPREAD = frozenset(
    {
        "c2",
        "lateral_movement",
        "credential_theft",
        "encryption",
        "destruction",
        "exfiltration",
        "inhibit_recovery",
        "resource_hijacking",
    }
)
_ACCOUNT_TAKEOVER = frozenset(
    {
        "token_theft",
        "suspicious_sign_in",
        "inbox_rule",
        "oauth_consent",
        "financial_fraud",
        "credential_theft",
    }
)
_BAD_VERDICTS = ("malicious", "suspicious", "compromised")
_ATTACKER_ROLES = frozenset(
    {
        "attacker",
        "c2",
        "command and control",
        "destination",
        "malicious",
        "source",
        "sender",
        "suspicious",
    }
)
_DETECTED = frozenset({"detected", "blocked", "prevented", "quarantined"})
_PLANTED = frozenset(
    {"persistence", "c2", "credential_theft", "lateral_movement", "encryption", "tampering"}
)
_PROGRAM = re.compile(
    r"\.(exe|dll|scr|sys|ps1|psm1|vbs|vbe|js|jse|hta|bat|cmd|lnk|iso|img|jar|msi|elf|so|sh)$",
    re.IGNORECASE,
)
_TRUSTED_PUBLISHER = re.compile(r"\bmicrosoft (corporation|windows)\b", re.IGNORECASE)
_SERVICE_ACCOUNT = re.compile(
    r"(\$$|^(nt authority\\)?(system|local ?service|network ?service|anonymous logon)$"
    r"|^(window manager|font driver host)\\)",
    re.IGNORECASE,
)
_PERSISTENCE_KEY = re.compile(r"\\(run|runonce|services|winlogon|image file execution)", re.I)


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the alerts naming one entity show."""

    entity: Entity
    alerts: list[SourceAlert]
    signs: frozenset[str]
    # A mailbox that sent to the organisation from outside it.
    external: bool = False

    @property
    def worst(self) -> Severity | None:
        ranked = [a.severity for a in self.alerts if a.severity is not None]
        order = list(Severity)
        return max(ranked, key=order.index) if ranked else None

    def bad_verdict(self) -> bool:
        verdict = self.entity.attribute("verdict").lower()
        detected = self.entity.attribute("detection_status").lower()
        return any(word in verdict for word in _BAD_VERDICTS) or detected in _DETECTED


Rule = Callable[[Evidence], Iterable[str]]


def recommend(incident: Incident, signs: Mapping[str, frozenset[str]]) -> list[Recommendation]:
    """Every action the evidence calls for, most urgent first."""
    alerts = {alert.id: alert for alert in incident.alerts}
    outside = external_senders(incident)
    out: dict[tuple[str, str], Recommendation] = {}
    for entity in incident.entities.values():
        # An entity only the incident names (no alert does) rests on all of its alerts.
        named = [alerts[i] for i in dict.fromkeys(entity.alert_ids) if i in alerts] or list(
            incident.alerts
        )
        found = frozenset().union(*(signs.get(a.id, frozenset()) for a in named))
        evidence = Evidence(entity, named, found, entity.id in outside)
        for action in _RULES.get(entity.type, _none)(evidence):
            if entity.type not in ACTIONS[action].targets:
                continue  # the catalog says which kinds each action can act on
            out.setdefault((action, entity.id), _recommendation(action, evidence))
    return sorted(out.values(), key=lambda r: (r.priority, list(ACTIONS).index(r.action)))


def _recommendation(action: str, evidence: Evidence) -> Recommendation:
    spec = ACTIONS[action]
    entity = evidence.entity
    titles = list(dict.fromkeys(a.title for a in evidence.alerts if a.title))
    because = "; ".join(titles[:3]) or "named in the incident"
    return Recommendation(
        category=spec.category,
        action=action,
        target=RecommendationTarget(type=entity.type, value=entity.value, entity_id=entity.id),
        rationale=f"{spec.summary}: {because}",
        evidence_ids=(*(a.id for a in evidence.alerts[:10]), entity.id),
        priority=_PRIORITY[spec.category],
    )


def _none(evidence: Evidence) -> Iterable[str]:
    return ()


def _device(evidence: Evidence) -> Iterable[str]:
    signs = evidence.signs
    hands_on = bool(signs & HANDS_ON) or "compromised" in evidence.entity.roles
    if not hands_on:
        return
    if signs & _SPREAD or (evidence.worst in (Severity.HIGH, Severity.CRITICAL)):
        yield "isolate_device"
    yield "collect_investigation_package"
    yield "run_antivirus_scan"
    if signs & {"encryption", "destruction"}:
        yield "restore_from_backup"


def _user(evidence: Evidence) -> Iterable[str]:
    if _SERVICE_ACCOUNT.search(evidence.entity.attribute("account") or evidence.entity.value):
        return  # a computer or built-in account is contained through its device
    signs, roles = evidence.signs, set(evidence.entity.roles)
    # An account named where the attacker ran code and went further (C2, spread, theft) is
    # one the attacker may hold: its sessions and password are suspect too.
    hands_on = bool(signs & HANDS_ON and signs & _SPREAD)
    if signs & _ACCOUNT_TAKEOVER or "compromised" in roles or hands_on:
        yield "confirm_user_compromised"
        yield "revoke_sessions"
        yield "reset_password"
        if signs & {"exfiltration", "financial_fraud", "encryption"}:
            yield "disable_user"
        yield "require_mfa"
    elif signs & {"brute_force", "phishing"}:
        yield "review_sign_ins"
        yield "require_mfa"


def _file(evidence: Evidence) -> Iterable[str]:
    entity = evidence.entity
    if is_system_binary(entity) or _TRUSTED_PUBLISHER.search(
        f"{entity.attribute('publisher')} {entity.attribute('signer')}"
    ):
        return  # blocking a vendor-signed program by its hash breaks every device that runs it
    # A program the attacker persists or calls out with is theirs, whatever its name says.
    planted = bool(_PROGRAM.search(entity.value) and evidence.signs & _PLANTED)
    # What a phishing message carried is the attacker's too.
    delivered = "phishing" in evidence.signs
    hostile = evidence.bad_verdict() or evidence.signs & {"malware", "resource_hijacking"}
    if hostile or planted or delivered:
        yield "quarantine_file"
        if any(entity.attribute(h) for h in ("sha256", "sha1", "md5")):
            yield "block_indicator"
            yield "hunt_indicator"


def _network(evidence: Evidence) -> Iterable[str]:
    entity = evidence.entity
    if entity.type is EntityType.IP and not is_public_ip(entity.value):
        return
    hostile = bool(set(entity.roles) & _ATTACKER_ROLES) or evidence.bad_verdict()
    context = evidence.signs & {
        "c2",
        "exfiltration",
        "phishing",
        "token_theft",
        "brute_force",
        "suspicious_sign_in",
        "malware",
        "exploit_public",
        "resource_hijacking",
    }
    if hostile or context:
        yield "block_indicator"
        yield "hunt_indicator"


def _mailbox(evidence: Evidence) -> Iterable[str]:
    if evidence.external:
        if evidence.signs & {"phishing", "malware", "financial_fraud"}:
            yield "block_sender"
    elif "inbox_rule" in evidence.signs:
        yield "remove_inbox_rule"


def _message(evidence: Evidence) -> Iterable[str]:
    if evidence.signs & {"phishing", "malware", "financial_fraud"} or evidence.bad_verdict():
        yield "soft_delete_email"


def _cloud_app(evidence: Evidence) -> Iterable[str]:
    if "oauth_consent" in evidence.signs:
        yield "revoke_oauth_consent"
    if "oauth_consent" in evidence.signs or "compromised" in evidence.entity.roles:
        yield "rotate_credentials"


def _registry(evidence: Evidence) -> Iterable[str]:
    key = f"{evidence.entity.attribute('key')} {evidence.entity.value}"
    if "persistence" in evidence.signs or _PERSISTENCE_KEY.search(key):
        yield "remove_persistence"


def _cloud_resource(evidence: Evidence) -> Iterable[str]:
    # Actions act on the provider's resources (an ARM id, an ARN); a pod or container image
    # named beside its cluster is reviewed and rotated through the cluster.
    if not evidence.entity.attribute("resource_id") and "compromised" not in evidence.entity.roles:
        return
    yield "review_cloud_resource_activity"
    if evidence.signs & {"resource_hijacking", "exfiltration"}:
        yield "rotate_credentials"
    if evidence.signs & {"encryption", "destruction"}:
        yield "restore_from_backup"


_RULES: Mapping[EntityType, Rule] = {
    EntityType.DEVICE: _device,
    EntityType.USER: _user,
    EntityType.FILE: _file,
    EntityType.IP: _network,
    EntityType.URL: _network,
    EntityType.DOMAIN: _network,
    EntityType.MAILBOX: _mailbox,
    EntityType.EMAIL_MESSAGE: _message,
    EntityType.CLOUD_APP: _cloud_app,
    EntityType.REGISTRY: _registry,
    EntityType.CLOUD_RESOURCE: _cloud_resource,
}
