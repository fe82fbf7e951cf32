"""Microsoft Sentinel: REST incidents and alerts, and SecurityAlert or SecurityIncident rows.

Shapes read (format `sentinel`):
- a REST incident (header only), or `{"value": [incident]}`;
- a bundle `{incident?, alerts, entities}` of the REST answers (`POST .../alerts`, `.../entities`),
  or any object whose `alerts`/`entities` hold them (alerts may be SecurityAlert rows);
- one REST SecurityAlert entity, or a list of them;
- SecurityAlert rows (Log Analytics or Defender for Cloud's continuous export): one, a list of
  one incident's rows, or `{..., "alerts": [rows]}`;
- SecurityIncident rows, alone (the header) or `{incident: <row>, alerts: [rows]}`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import JsonValue

from wingman.core.incidents.formats import Fit
from wingman.core.incidents.formats.builder import IncidentBuilder
from wingman.core.incidents.formats.fields import get, items, mapping, text
from wingman.core.incidents.formats.sentinel_graph import lowered
from wingman.core.incidents.formats.sentinel_rest import (
    answer,
    is_rest_alert,
    is_rest_incident,
    latest_row,
    read_alert_answer,
    read_bundle,
    read_rest_header,
    read_row_header,
)
from wingman.core.models import IncidentFormat

_ALERT_TITLES = ("alertname", "displayname", "alertdisplayname")


def is_alert_row(obj: Any) -> bool:
    """Whether the object is a SecurityAlert table row (any spelling of its columns)."""
    if not isinstance(obj, Mapping) or "properties" in obj:
        return False
    if text(obj, "Type") == "SecurityAlert":
        return True
    keys = {key.lower() for key in obj if isinstance(key, str)}
    return "systemalertid" in keys and any(title in keys for title in _ALERT_TITLES)


def is_incident_row(obj: Any) -> bool:
    """Whether the object is a SecurityIncident table row."""
    if not isinstance(obj, Mapping) or "properties" in obj:
        return False
    if text(obj, "Type") == "SecurityIncident":
        return True
    keys = {key.lower() for key in obj if isinstance(key, str)}
    return "incidentnumber" in keys and ("title" in keys or "incidentname" in keys)


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _is_bundle(doc: Mapping[str, Any]) -> bool:
    alert = _first(answer(doc.get("alerts"), "value", "alerts"))
    entity = _first(answer(doc.get("entities"), "entities", "value"))
    header = doc.get("incident")
    rest_entity = bool(text(entity, "kind")) and isinstance(get(entity, "properties"), Mapping)
    with_header = ("alerts" in doc or "entities" in doc) and (
        is_rest_incident(header) or is_incident_row(header)
    )
    return is_rest_alert(alert) or is_alert_row(alert) or rest_entity or with_header


def shape(document: Any) -> tuple[str, Fit]:
    """Which Sentinel shape the document has, and how sure that is."""
    doc = document
    if isinstance(doc, Mapping) and isinstance(doc.get("value"), list):
        doc = _first(doc["value"])
    single = _first(doc)
    if is_rest_incident(single):
        return "rest_incident", Fit(95, "a Microsoft.SecurityInsights incident resource")
    if is_rest_alert(single):
        return "rest_alerts", Fit(95, "a Sentinel SecurityAlert entity (kind SecurityAlert)")
    if isinstance(document, Mapping) and _is_bundle(document):
        return "bundle", Fit(90, "an object holding Sentinel `alerts`/`entities` answers")
    if is_incident_row(single):
        return "incident_rows", Fit(85, "a SecurityIncident row (IncidentNumber, Title)")
    if is_alert_row(single):
        return "alert_rows", Fit(85, "SecurityAlert rows (SystemAlertId, AlertName/DisplayName)")
    return "", Fit.no(
        "no SecurityInsights incident, `kind: SecurityAlert` entity, `{alerts, entities}` "
        "answers, or SecurityAlert/SecurityIncident row (SystemAlertId, IncidentNumber)"
    )


class SentinelAdapter:
    """Reads Microsoft Sentinel incidents and alerts in their REST and table shapes."""

    format = IncidentFormat.SENTINEL

    def detect(self, document: JsonValue) -> Fit:
        """How well the document fits one of Sentinel's shapes."""
        return shape(document)[1]

    def parse(self, document: JsonValue, out: IncidentBuilder) -> None:
        """Read the document's incident header, alerts and entities."""
        kind, _ = shape(document)
        expected = 0
        # A list envelope only when `value` is a list, as detection reads it.
        listed = mapping(document).get("value")
        records = list(items(listed if isinstance(listed, list) else document))
        if not records:
            out.warn("document: no record to read")
            return
        if kind == "rest_incident":
            if len(records) > 1:
                out.warn(f"value: {len(records) - 1} more incidents skipped")
            expected = read_rest_header(out, records[0])
        elif kind == "rest_alerts":
            read_alert_answer(out, records, "alerts")
        elif kind == "bundle":
            expected = read_bundle(out, mapping(document))
        elif kind == "incident_rows":
            expected = read_row_header(out, latest_row(out, [lowered(r) for r in records]))
        elif kind == "alert_rows":
            read_alert_answer(out, records, "alerts")
        if expected > len(out.incident.alerts):
            out.warn(
                f"incident: names {expected} alerts, the document carries "
                f"{len(out.incident.alerts)}; send the alerts answer or rows with it"
            )
