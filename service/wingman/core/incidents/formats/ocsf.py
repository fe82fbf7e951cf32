"""OCSF findings: Detection (2004), Incident (2005), Security (2001), Vulnerability, Compliance.

A document is one finding, an array of the findings of one incident, or an Incident Finding
(whose `finding_info_list` entries become alerts, unless a finding of the array details them).
Versions before 1.1 keep the finding's details in `finding` and ATT&CK in top-level `attacks`
with a `tactics` list; later versions use `finding_info` and one `tactic` per attack.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import JsonValue

from wingman.core.incidents.formats import Fit
from wingman.core.incidents.formats import ocsf_objects as o
from wingman.core.incidents.formats.builder import IncidentBuilder
from wingman.core.incidents.formats.fields import (
    describe,
    first_text,
    first_time,
    get,
    items,
    mapping,
    text,
    texts,
)
from wingman.core.incidents.formats.fields import severity as severity_word
from wingman.core.incidents.formats.ocsf_evidence import (
    finding_info,
    finding_info_path,
    read_entities,
)
from wingman.core.incidents.model import SourceAlert
from wingman.core.models import IncidentFormat, Severity

_CLASSES = {
    2001: "Security Finding",
    2002: "Vulnerability Finding",
    2003: "Compliance Finding",
    2004: "Detection Finding",
    2005: "Incident Finding",
}
_INCIDENT = 2005
_SEVERITIES = {
    1: Severity.INFORMATIONAL,
    2: Severity.LOW,
    3: Severity.MEDIUM,
    4: Severity.HIGH,
    5: Severity.CRITICAL,
    6: Severity.CRITICAL,  # Fatal
}


class OcsfAdapter:
    """Reads OCSF finding events."""

    format = IncidentFormat.OCSF

    def detect(self, document: JsonValue) -> Fit:
        """A finding class_uid on every record looked at."""
        records = document[:5] if isinstance(document, list) else [document]
        if not records:
            return Fit.no("an empty array holds no findings")
        if not all(isinstance(record, Mapping) for record in records):
            return Fit.no("not OCSF: a record is not an object")
        classes = [_class_uid(record) for record in records]
        if None in classes:
            return Fit.no("no OCSF class_uid")
        others = [uid for uid in classes if uid not in _CLASSES]
        if others:
            return Fit.no(f"OCSF class_uid {others[0]} is not a finding class (2001-2005)")
        categorised = all(get(record, "category_uid") == 2 for record in records)
        names = sorted({_CLASSES[uid] for uid in classes if uid is not None})
        return Fit(90 if categorised else 80, f"OCSF {', '.join(names)} (class_uid {classes[0]})")

    def parse(self, document: JsonValue, out: IncidentBuilder) -> None:
        """Each finding becomes an alert; an Incident Finding gives the header and its alerts."""
        records = list(_records(document, out))
        detailed = {_uid(record) for _, record in records if _class_uid(record) != _INCIDENT}
        for path, record in records:
            if _class_uid(record) == _INCIDENT:
                _incident(out, path, record, detailed - {""})
            else:
                _finding(out, path, record)


def _records(document: Any, out: IncidentBuilder) -> Iterator[tuple[str, Mapping[str, Any]]]:
    if isinstance(document, Mapping):
        yield "finding", document
    elif isinstance(document, list):
        yield from o.objects(out, {"findings": document}, "findings", "")
    else:
        out.warn(f"document: expected an object or a list, got {describe(document)}")


def _class_uid(record: Any) -> int | None:
    return _integer(get(record, "class_uid"))


def _integer(value: Any) -> int | None:
    """A whole number, also when written as a float or a short digit string."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit() and len(value) < 8:
        return int(value)
    return value if isinstance(value, int) else None


def _uid(record: Mapping[str, Any]) -> str:
    return text(finding_info(record), "uid") or text(record, "metadata", "uid")


def _time(obj: Any, *keys: str) -> str | None:
    """The first of several time fields (epoch ms, or the `_dt` ISO sibling)."""
    return first_time(*(get(obj, name) for key in keys for name in (key, f"{key}_dt")))


def _severity(record: Mapping[str, Any]) -> Severity | None:
    found = _SEVERITIES.get(_integer(get(record, "severity_id")) or 0)
    return found or severity_word(get(record, "severity"))


def _attacks(
    out: IncidentBuilder, *bodies: tuple[str, Mapping[str, Any]]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Tactic names (else ids) then technique ids, of both the 1.0 and the later attack shapes."""
    tactics: list[str] = []
    techniques: list[str] = []
    for path, body in bodies:
        for _, attack in o.objects(out, body, "attacks", path):
            for tactic in [mapping(get(attack, "tactic")), *items(attack, "tactics")]:
                tactics.append(first_text(tactic, "name", "uid"))
            techniques.append(text(attack, "technique", "uid"))
            techniques.append(text(attack, "sub_technique", "uid"))
    return _unique(tactics), _unique(techniques)


def _unique(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(value for value in values if value))


def _product(record: Mapping[str, Any]) -> str:
    """The product that raised the finding, with its vendor unless the name already says it."""
    name = text(record, "metadata", "product", "name")
    vendor = text(record, "metadata", "product", "vendor_name")
    return name if vendor.lower() in name.lower() else f"{vendor} {name}".strip()


def _remediation(record: Mapping[str, Any], info: Mapping[str, Any]) -> tuple[str, ...]:
    found = mapping(get(record, "remediation")) or mapping(get(info, "remediation"))
    return _unique([text(found, "desc"), *texts(found, "kb_articles")])


def _alert(
    out: IncidentBuilder,
    path: str,
    record: Mapping[str, Any],
    located: tuple[str, Mapping[str, Any]],
) -> SourceAlert:
    """The alert a finding states, or an entry (`located`: path, object) of an Incident Finding."""
    info_path, info = located
    events = get(info, "related_events")
    related = [
        (f"{info_path}.related_events[{i}]", event)
        for i, event in enumerate(events if isinstance(events, list) else [])
        if isinstance(event, Mapping)
    ]
    tactics, techniques = _attacks(out, (path, record), located, *related)
    message = text(record, "message")
    title = first_text(info, "title") or message or text(info, "analytic", "name")
    return SourceAlert(
        id=text(info, "uid") or text(record, "metadata", "uid"),
        title=title or first_text(record, "class_name"),
        severity=_severity(record),
        description=first_text(info, "desc") or (message if message != title else ""),
        status=first_text(record, "status", "state"),
        source=_product(record),
        detection_source=text(info, "analytic", "name") or text(record, "analytic", "name"),
        tactics=tactics,
        techniques=techniques,
        first_activity=_time(info, "first_seen_time") or _time(record, "start_time"),
        last_activity=_time(info, "last_seen_time") or _time(record, "end_time"),
        created=_time(info, "created_time") or _time(record, "time"),
        recommended_actions=_remediation(record, info),
        threat_name=", ".join(_unique([text(m, "name") for m in items(record, "malware")])),
        classification=text(record, "verdict"),
    )


def _finding(out: IncidentBuilder, path: str, record: Mapping[str, Any]) -> None:
    for key in ("finding_info", "finding"):
        o.child(out, record, key, path)
    details = (finding_info_path(record, path), finding_info(record))
    alert = out.alert(_alert(out, path, record, details))
    read_entities(o.Scope(out, alert, mapping(get(record, "cloud"))), record, path)


def _incident(
    out: IncidentBuilder, path: str, record: Mapping[str, Any], detailed: set[str]
) -> None:
    """The incident header, its own evidence, and an alert per finding no other record details."""
    incident = out.incident
    if not incident.id and not incident.title:
        incident.id = first_text(record, "uid") or text(record, "metadata", "uid")
        incident.title = first_text(record, "title", "message") or text(record, "desc")[:200]
        incident.description = text(record, "desc")
        incident.severity = _severity(record)
        incident.status = first_text(record, "status", "state")
        incident.classification = text(record, "verdict")
        incident.created = _time(record, "created_time", "time")
        incident.first_activity = _time(record, "start_time")
        incident.last_activity = _time(record, "end_time")
        incident.tactics, incident.techniques = _attacks(out, (path, record))
        incident.recommended_actions = _remediation(record, {})
    read_entities(o.Scope(out, None, mapping(get(record, "cloud"))), record, path)
    product = {"metadata": get(record, "metadata")}
    for info_path, info in o.objects(out, record, "finding_info_list", path):
        if text(info, "uid") not in detailed:
            out.alert(_alert(out, info_path, product, (info_path, info)))
