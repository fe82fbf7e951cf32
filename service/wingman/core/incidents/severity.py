"""Severity with its reasons: the source's rating, raised when the evidence shows more harm."""

from __future__ import annotations

from wingman.core.incidents.model import SourceIncident
from wingman.core.incidents.normalize import Incident
from wingman.core.incidents.signals import HANDS_ON
from wingman.core.models import EntityType, Scope, Severity

_ORDER = list(Severity)


def judge_severity(
    source: SourceIncident, incident: Incident, scope: Scope, signs: set[str]
) -> tuple[Severity, str]:
    """The incident's severity and why, in words."""
    rated = [a.severity for a in incident.alerts if a.severity is not None]
    if source.severity is not None:
        severity = source.severity
        reason = f"the source rates the incident {severity.value}"
    elif rated:
        severity = max(rated, key=_ORDER.index)
        reason = "the highest severity among its alerts"
    elif scope.impact:
        severity, reason = Severity.HIGH, "the source gives none, and there are signs of impact"
    elif signs & HANDS_ON:
        severity = Severity.MEDIUM
        reason = "the source gives none, and an attacker ran code or tools"
    else:
        severity, reason = Severity.LOW, "the source gives none, and no alert shows harm"
    devices = len(incident.of_type(EntityType.DEVICE))
    if {"encryption", "destruction"} & set(scope.impact) and devices >= 2:
        if severity is not Severity.CRITICAL:
            severity = Severity.CRITICAL
            reason += "; raised to critical: encryption or destruction across several devices"
    elif scope.impact and _ORDER.index(severity) < _ORDER.index(Severity.HIGH):
        severity = Severity.HIGH
        reason += f"; raised to high: signs of {scope.impact[0].replace('_', ' ')}"
    elif (
        scope.critical_assets
        and signs & HANDS_ON
        and _ORDER.index(severity) < _ORDER.index(Severity.HIGH)
    ):
        severity = Severity.HIGH
        reason += "; raised to high: a critical asset is involved"
    return severity, reason
