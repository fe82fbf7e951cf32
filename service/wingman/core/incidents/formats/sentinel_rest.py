"""Sentinel's REST answers: the incident, its `alerts` and `entities` answers, and table rows.

The REST incident is a header only; its alerts and entities come from two more calls, so a
console sends the three together (`{incident, alerts, entities}`). REST entities carry no alert
id: they are the incident's. The Log Analytics SecurityIncident row is the same header in
table form, written again on every change of the incident.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wingman.core.incidents.formats.builder import IncidentBuilder
from wingman.core.incidents.formats.fields import (
    embedded_json,
    first_text,
    get,
    items,
    mapping,
    parse_time,
    severity,
    text,
    timestamp,
)
from wingman.core.incidents.formats.sentinel_alerts import alert_of, read_records, words
from wingman.core.incidents.formats.sentinel_entities import EntityReader
from wingman.core.incidents.formats.sentinel_graph import EntityGraph, lowered


def is_rest_incident(obj: Any) -> bool:
    """Whether the object is a `Microsoft.SecurityInsights/incidents` resource."""
    props = get(obj, "properties")
    if not isinstance(props, Mapping):
        return False
    kind = text(obj, "type").lower()
    return kind.endswith("/incidents") or "incidentNumber" in props or "incidentUrl" in props


def is_rest_alert(obj: Any) -> bool:
    """Whether the object is a REST SecurityAlert entity."""
    return text(obj, "kind").lower() == "securityalert" and isinstance(
        get(obj, "properties"), Mapping
    )


def answer(value: Any, *keys: str) -> list[Mapping[str, Any]]:
    """The objects of a REST list answer (`{"value": [...]}`, `{"entities": [...]}` or a list)."""
    for key in keys:
        if isinstance(value, Mapping) and key in value:
            return list(items(value.get(key)))
    return list(items(value))


def read_rest_header(out: IncidentBuilder, resource: Mapping[str, Any]) -> int:
    """Set the incident header from a REST incident; returns the alert count it states."""
    props = lowered(mapping(resource.get("properties")))
    extra = lowered(mapping(props.get("additionaldata")))
    incident = out.incident
    incident.id = first_text(props, "incidentnumber") or text(resource, "name")
    incident.title = text(props, "title")
    incident.description = text(props, "description")
    incident.severity = severity(props.get("severity"))
    incident.status = text(props, "status")
    incident.classification = text(props, "classification")
    incident.determination = text(props, "classificationreason")
    incident.created = timestamp(props.get("createdtimeutc"))
    incident.first_activity = timestamp(props.get("firstactivitytimeutc"))
    incident.last_activity = timestamp(props.get("lastactivitytimeutc"))
    incident.tactics = words(extra, "tactics")
    incident.techniques = words(extra, "techniques")
    count = text(extra, "alertscount")
    return int(count) if count.isdigit() else 0


def read_row_header(out: IncidentBuilder, row: Mapping[str, Any]) -> int:
    """Set the incident header from a lower-cased SecurityIncident row; returns its alert count."""
    extra = lowered(mapping(embedded_json(row.get("additionaldata"))))
    incident = out.incident
    incident.id = first_text(row, "incidentnumber", "incidentname")
    incident.title = text(row, "title")
    incident.description = text(row, "description")
    incident.severity = severity(row.get("severity"))
    incident.status = text(row, "status")
    incident.classification = text(row, "classification")
    incident.determination = text(row, "classificationreason")
    incident.created = timestamp(first_text(row, "createdtime", "createdtimeutc"))
    incident.first_activity = timestamp(first_text(row, "firstactivitytime"))
    incident.last_activity = timestamp(first_text(row, "lastactivitytime"))
    incident.tactics = words(extra, "tactics")
    incident.techniques = words(extra, "techniques")
    return len(words(row, "alertids"))


def latest_row(out: IncidentBuilder, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The latest version of the first incident among SecurityIncident rows."""
    first = first_text(rows[0], "incidentnumber", "incidentname")
    same = [row for row in rows if first_text(row, "incidentnumber", "incidentname") == first]
    if len(same) < len(rows):
        out.warn(f"incident: rows of {len(rows) - len(same)} other incidents skipped")

    def moment(row: Mapping[str, Any]) -> float:
        when = parse_time(first_text(row, "lastmodifiedtime", "timegenerated"))
        return when.timestamp() if when else 0.0

    return max(same, key=moment)


def read_bundle(out: IncidentBuilder, bundle: Mapping[str, Any]) -> int:
    """Read `{incident?, alerts, entities}`; returns the alert count the header states."""
    header = bundle.get("incident")
    expected = 0
    if is_rest_incident(header):
        expected = read_rest_header(out, mapping(header))
    elif isinstance(header, Mapping):
        expected = read_row_header(out, lowered(header))
    out.incident.id = out.incident.id or first_text(bundle, "incidentId", "incidentNumber")
    records = [_record(item) for item in answer(bundle.get("alerts"), "value", "alerts")]
    compromised = frozenset(text(record, "compromisedentity").lower() for record, _ in records)
    reader = EntityReader(out, None, "entities", compromised - {""})
    nodes = reader.read(EntityGraph.from_rest(answer(bundle.get("entities"), "entities", "value")))
    read_records(out, records, "alerts", shared=reader)
    known = {alert.id for alert in out.incident.alerts}
    for node in nodes:
        summary = alert_of(node.fields, first_text(node.fields, "systemalertid") or node.source_id)
        if summary.id not in known:
            known.add(out.alert(summary).id)
    bookmarks = sum(1 for node in reader.graph.nodes if node.kind == "bookmark")
    if bookmarks:
        out.warn(f"entities: {bookmarks} hunting bookmarks not read")
    return expected


def read_alert_answer(out: IncidentBuilder, records: list[Mapping[str, Any]], path: str) -> None:
    """Add REST SecurityAlert entities and SecurityAlert rows alike."""
    read_records(out, [_record(item) for item in records], path)


def _record(item: Mapping[str, Any]) -> tuple[dict[str, Any], str]:
    if is_rest_alert(item):
        props = lowered(mapping(item.get("properties")))
        return props, first_text(props, "systemalertid") or text(item, "name")
    return lowered(item), ""
