"""What a Google SecOps rule result says: severity, ATT&CK labels and the entities it matched."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from wingman.core.incidents.formats.builder import IncidentBuilder
from wingman.core.incidents.formats.fields import first_text, get, is_ip, items, severity, text
from wingman.core.incidents.formats.google_secops_udm import TECHNIQUE, attack
from wingman.core.incidents.model import SourceAlert
from wingman.core.models import EntityType, Severity

_TACTIC_ID = re.compile(r"\bTA\d{4}\b")
# Rule outcome and match-variable names whose values are entities, by how the name ends.
_FIELD_TYPES: tuple[tuple[tuple[str, ...], EntityType, str], ...] = (
    (("hostname",), EntityType.DEVICE, "hostname"),
    (("ip",), EntityType.IP, "address"),
    (("url",), EntityType.URL, "url"),
    (("domain",), EntityType.DOMAIN, "domain"),
    (("user", "userid", "username"), EntityType.USER, "account"),
    (("email",), EntityType.MAILBOX, "address"),
)


def rule_attack(
    alert: SourceAlert, rules: list[Mapping[str, Any]], labels: list[tuple[str, str]]
) -> None:
    """Tactics and techniques from rule labels (`tactic`, `technique`...) and attackDetails."""
    for key, value in labels:
        if "technique" in key:
            alert.techniques += tuple(TECHNIQUE.findall(value))
        elif "tactic" in key:
            ids = _TACTIC_ID.findall(value)
            alert.tactics += (
                tuple(ids) if ids else tuple(p.strip() for p in value.split(",") if p.strip())
            )
    for rule in rules:
        tactics, techniques = attack(get(rule, "attackDetails"))
        alert.tactics += tuple(tactics)
        alert.techniques += tuple(techniques)


def rule_fields(out: IncidentBuilder, alert: SourceAlert, rule: Mapping[str, Any]) -> None:
    """Entities the rule's match variables and outcomes name (`principal_hostname`...)."""
    pairs = [
        (first_text(f, "key", "variable"), text(f, "value")) for f in items(rule, "detectionFields")
    ]
    pairs += [(first_text(f, "variable", "key"), text(f, "value")) for f in items(rule, "outcomes")]
    for key, value in pairs:
        name = re.sub(r"[^a-z0-9]", "", key.lower())
        for suffixes, entity_type, attribute in _FIELD_TYPES:
            if value and name.endswith(suffixes):
                if entity_type is EntityType.IP and not is_ip(value):
                    break
                out.entity(alert, entity_type, value, roles=[key], **{attribute: value})
                break


def label_value(labels: list[tuple[str, str]], key: str) -> str:
    """Return the first non-empty value of the rule label named `key`."""
    return next((value for k, value in labels if k == key and value), "")


def severity_word(value: str) -> Severity | None:
    """Read a severity word, with or without the `PRIORITY_` prefix."""
    return severity(value.lower().removeprefix("priority_"))


def rule_severity(
    rule: Mapping[str, Any], labels: list[tuple[str, str]], record: Mapping[str, Any]
) -> Severity | None:
    """The rule's stated severity (result, label, outcome, priority), else its risk score band."""
    outcomes = {
        first_text(o, "variable", "key").lower(): text(o, "value") for o in items(rule, "outcomes")
    }
    for word in (
        text(rule, "severity"),
        label_value(labels, "severity"),
        outcomes.get("severity", ""),
        label_value(labels, "priority"),
        text(record, "priority"),
    ):
        found = severity_word(word)
        if found is not None:
            return found
    try:
        # Numbers arrive as JSON numbers or, through some exports, as digit strings.
        score = float(text(rule, "riskScore"))
    except ValueError:
        return None
    bands = ((90, Severity.CRITICAL), (70, Severity.HIGH), (40, Severity.MEDIUM), (1, Severity.LOW))
    return next((band for floor, band in bands if score >= floor), None)
