"""Google SecOps (Chronicle) detections: alone, in an array, in list envelopes or under a case.

A detection is a Collection: `detection[]` holds the rule's result (name, labels, outcomes) and
`collectionElements[].references[].event` the UDM events that matched. Cases (SOAR side) carry
a header and, when the console includes them, their alerts as detections.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import islice
from typing import Any

from pydantic import JsonValue

from wingman.core.incidents.formats import Fit
from wingman.core.incidents.formats.builder import IncidentBuilder
from wingman.core.incidents.formats.fields import (
    first_text,
    first_time,
    get,
    items,
    parse_time,
    text,
    timestamp,
)
from wingman.core.incidents.formats.google_secops_rules import (
    label_value,
    rule_attack,
    rule_fields,
    rule_severity,
    severity_word,
)
from wingman.core.incidents.formats.google_secops_udm import (
    objects,
    read_event,
)
from wingman.core.incidents.model import SourceAlert
from wingman.core.models import IncidentFormat

_RULE_KEYS = ("ruleName", "ruleId", "ruleType", "ruleVersion", "alertState", "ruleLabels")
_RECORD_TYPES = frozenset({"RULE_DETECTION", "GCTI_FINDING", "CURATED_DETECTION", "ALERT"})
_LISTS = ("detections", "alerts")


def _is_detection(obj: Any) -> bool:
    if not isinstance(obj, Mapping):
        return False
    for rule in islice(items(obj, "detection"), 3):
        if any(key in rule for key in _RULE_KEYS):
            return True
    return "collectionElements" in obj and (
        text(obj, "type") in _RECORD_TYPES or text(obj, "id").startswith("de_")
    )


def _is_alert_infos(obj: Any) -> bool:
    return isinstance(get(obj, "alertInfos"), list) and ("asset" in obj or "user" in obj)


def _is_record(obj: Any) -> bool:
    return _is_detection(obj) or _is_alert_infos(obj)


def _is_case(obj: Any) -> bool:
    return (
        isinstance(obj, Mapping)
        and "displayName" in obj
        and (
            text(obj, "priority").startswith("PRIORITY_")
            or ("stage" in obj and "alertCount" in obj)
        )
    )


def _any_record(value: Any) -> bool:
    return isinstance(value, list) and any(_is_record(item) for item in value[:5])


class GoogleSecOpsAdapter:
    """Reads Google SecOps detections, legacy alert lists and SOAR cases."""

    format = IncidentFormat.GOOGLE_SECOPS

    def detect(self, document: JsonValue) -> Fit:
        """Score by the detection record's rule keys, or the envelope or case holding them."""
        if isinstance(document, list):
            if _any_record(document):
                return Fit(85, "an array of Google SecOps detections")
            return Fit.no("an array without Google SecOps detection records")
        if not isinstance(document, Mapping):
            return Fit.no("not a JSON object or array")
        if _is_detection(document):
            return Fit(90, "a Google SecOps detection (detection[] with rule fields)")
        cases = get(document, "cases")
        if isinstance(cases, list) and any(_is_case(case) for case in cases[:3]):
            return Fit(80, "a Google SecOps cases envelope")
        if _is_case(document):
            return Fit(75, "a Google SecOps case (displayName, stage, priority)")
        for key in _LISTS:
            if _any_record(get(document, key)):
                return Fit(85, f"a Google SecOps {key} list")
        groups = get(document, "ruleAlerts")
        if isinstance(groups, list) and any(_any_record(get(g, "alerts")) for g in groups[:3]):
            return Fit(85, "a Google SecOps ruleAlerts list")
        if _is_alert_infos(document):
            return Fit(70, "a Google SecOps asset or user alert (alertInfos)")
        return Fit.no("no detection[] rule fields, collectionElements, alertInfos or case keys")

    def parse(self, document: JsonValue, out: IncidentBuilder) -> None:
        """Read every detection (or alert info) the document holds, and a case header."""
        for where, record in _records(out, document):
            if not isinstance(record, Mapping):
                out.warn(f"{where or 'document'}: expected an alert object, skipped")
            elif _is_alert_infos(record) and not _is_detection(record):
                _alert_infos(out, record, where)
            else:
                _detection(out, record, where)


def _records(out: IncidentBuilder, document: Any) -> Iterator[tuple[str, Any]]:
    """(JSON path, record) for every alert record, reading a case header on the way."""
    if isinstance(document, list):
        yield from ((f"[{n}]", record) for n, record in enumerate(document))
        return
    if not isinstance(document, Mapping):
        out.warn("document: expected an object or an array, nothing read")
        return
    cases = get(document, "cases")
    if isinstance(cases, list):
        readable = list(items(cases))
        if readable:
            _case(out, readable[0])
        if len(readable) > 1:
            out.warn(f"cases: {len(readable)} cases; the header is the first one's")
        for n, case in enumerate(cases):
            yield from _listed(out, case, f"cases[{n}].")
        yield from _listed(out, document, "")
        return
    if _is_case(document):
        _case(out, document)
        yield from _listed(out, document, "")
        return
    if any(key in document for key in _LISTS):
        yield from _listed(out, document, "")
        return
    groups = get(document, "ruleAlerts")
    if isinstance(groups, list):
        for n, group in enumerate(groups):
            yield from _listed(out, group, f"ruleAlerts[{n}].")
        return
    yield "", document


def _listed(out: IncidentBuilder, obj: Any, prefix: str) -> Iterator[tuple[str, Any]]:
    for key in _LISTS:
        value = get(obj, key)
        if isinstance(value, list):
            yield from ((f"{prefix}{key}[{n}]", record) for n, record in enumerate(value))
        elif value is not None:
            out.warn(f"{prefix}{key}: expected a list of alerts, skipped")


def _case(out: IncidentBuilder, case: Mapping[str, Any]) -> None:
    """The incident header from a SecOps case (v1 Case or legacy SOAR case)."""
    incident = out.incident
    incident.id = first_text(case, "id", "displayId") or text(case, "name").rsplit("/", 1)[-1]
    incident.title = text(case, "displayName")
    incident.description = text(case, "description")
    incident.severity = severity_word(text(case, "priority"))
    incident.status = text(case, "status")
    incident.created = first_time(get(case, "createTime"), get(case, "createTimeMs"))
    if isinstance(get(case, "alertIds"), list) and not any(get(case, k) for k in _LISTS):
        out.warn("case: lists alertIds only; the alert documents were not included")


def _detection(out: IncidentBuilder, record: Mapping[str, Any], where: str) -> None:
    """One detection (Collection) as one alert, with the entities of its events."""
    rules = list(objects(out, record, "detection", where))
    rule = rules[0] if rules else {}
    labels = [
        (text(label, "key").lower(), text(label, "value"))
        for r in rules
        for label in items(r, "ruleLabels")
    ]
    alert = out.alert(
        SourceAlert(
            id=first_text(record, "id", "name"),
            title=text(rule, "ruleName")
            or first_text(record, "displayName", "name", "ruleGenerator"),
            severity=rule_severity(rule, labels, record),
            description=text(rule, "description") or label_value(labels, "description"),
            status=text(record, "feedbackSummary", "status") or text(rule, "alertState"),
            source="Google SecOps",
            detection_source=text(record, "type") or text(rule, "ruleType"),
            created=first_time(get(record, "createdTime"), get(record, "detectionTime")),
            threat_name=text(rule, "threatName"),
            classification=text(record, "feedbackSummary", "verdict"),
        )
    )
    if not alert.title:
        alert.title = text(record, "type") or alert.id
    rule_attack(alert, rules, labels)
    for rule_at in rules:
        rule_fields(out, alert, rule_at)
    times = _events(out, alert, record, where)
    window = get(record, "timeWindow")
    alert.first_activity = min(times, key=_moment) if times else timestamp(get(window, "startTime"))
    alert.last_activity = max(times, key=_moment) if times else timestamp(get(window, "endTime"))
    alert.tactics = tuple(dict.fromkeys(alert.tactics))
    alert.techniques = tuple(dict.fromkeys(alert.techniques))


def _events(
    out: IncidentBuilder, alert: SourceAlert, record: Mapping[str, Any], where: str
) -> list[str]:
    """Read every referenced UDM event (and entity context); their timestamps."""
    times: list[str] = []
    for n, element in enumerate(objects(out, record, "collectionElements", where)):
        at = f"{where}.collectionElements[{n}]"
        for m, reference in enumerate(objects(out, element, "references", at)):
            event = get(reference, "event")
            entity = get(reference, "entity", "entity")
            if isinstance(event, Mapping):
                read_event(out, alert, event, f"{at}.references[{m}].event")
                moment = timestamp(get(event, "metadata", "eventTimestamp"))
                times += [moment] if moment else []
            elif isinstance(entity, Mapping):
                read_event(out, alert, {"about": entity}, f"{at}.references[{m}].entity")
            else:
                out.warn(f"{at}.references[{m}]: no UDM event or entity, skipped")
    return times


def _moment(value: str) -> float:
    moment = parse_time(value)
    return moment.timestamp() if moment else 0.0


def _alert_infos(out: IncidentBuilder, record: Mapping[str, Any], where: str) -> None:
    """Legacy ListAlerts: an asset (or user) with the alerts security products raised on it."""
    asset, user = get(record, "asset"), get(record, "user")
    noun = {
        "hostname": text(asset, "hostname"),
        "ip": [text(asset, "assetIpAddress")],
        "user": {"emailAddresses": [text(user, "email")]},
    }
    for n, info in enumerate(objects(out, record, "alertInfos", where)):
        when = timestamp(get(info, "timestamp"))
        alert = out.alert(
            SourceAlert(
                id=text(info, "id"),
                title=text(info, "name") or f"alert {n + 1}",
                severity=severity_word(text(info, "severity")),
                source=text(info, "sourceProduct") or "Google SecOps",
                first_activity=when,
                created=when,
            )
        )
        read_event(out, alert, {"principal": noun}, f"{where}.alertInfos[{n}]")
        event = get(info, "udmEvent")
        if isinstance(event, Mapping):
            read_event(out, alert, event, f"{where}.alertInfos[{n}].udmEvent")
