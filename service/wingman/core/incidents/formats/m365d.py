"""The legacy Microsoft 365 Defender incidents API (`/api/incidents`): incidents with alerts.

Reads one incident, the `{"value": [...]}` list holding it, or a bare list of its alerts; each
alert names `devices[]` and flat `entities[]` (see defender_entities).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

from pydantic import JsonValue

from wingman.core.incidents.formats import Fit
from wingman.core.incidents.formats.builder import IncidentBuilder
from wingman.core.incidents.formats.defender import (
    Devices,
    add_device,
    moment,
    prose,
    read_listing,
    records,
)
from wingman.core.incidents.formats.defender_entities import Reading, read_entity
from wingman.core.incidents.formats.envelopes import sample
from wingman.core.incidents.formats.fields import (
    first_text,
    items,
    json_path,
    severity,
    text,
    texts,
)
from wingman.core.incidents.model import SourceAlert
from wingman.core.models import IncidentFormat

# Keys only this API spells so (Graph says createdDateTime, MDE alertCreationTime).
_INCIDENT_KEYS = frozenset({"incidentName", "incidentUri", "createdTime", "lastUpdateTime"})
_ALERT_KEYS = frozenset({"creationTime", "firstActivity", "lastActivity", "devices", "entities"})


def _is_incident(record: Mapping[str, Any]) -> bool:
    return "alerts" in record or "incidentName" in record


class M365DAdapter:
    """Reads Microsoft 365 Defender incidents API documents."""

    format = IncidentFormat.M365D

    def detect(self, document: JsonValue) -> Fit:
        record = sample(document)
        if record is None:
            return Fit.no("not an incident object, a `value` list or a list of alerts")
        if "incidentId" in record and _is_incident(record):
            alert = next(items(record, "alerts"), {})
            if "incidentName" in record or "alertId" in alert:
                return Fit(90, "`incidentId` with `incidentName` or `alerts[].alertId`")
            if len(_INCIDENT_KEYS & record.keys()) >= 2:
                return Fit(70, "`incidentId` with `createdTime`/`lastUpdateTime`")
            return Fit.no("`incidentId` and `alerts`, but no `incidentName` nor `alerts[].alertId`")
        if "alertId" in record and _ALERT_KEYS & record.keys():
            return Fit(85, "alert with `alertId` and `creationTime`/`devices`/`entities`")
        return Fit.no("no `incidentId` with `incidentName`/`alerts`, nor `alertId` alerts")

    def parse(self, document: JsonValue, out: IncidentBuilder) -> None:
        devices = Devices(out)
        read_listing(
            document,
            out,
            _is_incident,
            partial(_incident, out=out, devices=devices),
            partial(_alert, out=out, devices=devices),
        )
        devices.resolve()


def _incident(record: Mapping[str, Any], path: str, out: IncidentBuilder, devices: Devices) -> None:
    incident = out.incident
    incident.id = text(record, "incidentId")
    incident.title = first_text(record, "incidentName", "title")
    incident.description = text(record, "description")
    incident.severity = severity(record.get("severity"))
    incident.status = text(record, "status")
    incident.classification = text(record, "classification")
    incident.determination = text(record, "determination")
    incident.created = moment(record, "createdTime", path, out)
    incident.recommended_actions = prose(record.get("recommendedActions"))
    alerts = list(records(record.get("alerts"), json_path(path, "alerts"), out))
    if not alerts:
        out.warn(f"{json_path(path, 'alerts')}: the incident lists no alerts")
    for alert_path, alert in alerts:
        _alert(alert, alert_path, out, devices)


def _alert(record: Mapping[str, Any], path: str, out: IncidentBuilder, devices: Devices) -> None:
    alert = out.alert(
        SourceAlert(
            id=first_text(record, "alertId", "providerAlertId", "id"),
            title=text(record, "title"),
            severity=severity(record.get("severity")),
            description=text(record, "description"),
            status=text(record, "status"),
            source=text(record, "serviceSource"),
            detection_source=text(record, "detectionSource"),
            tactics=texts(record, "category"),
            techniques=texts(record, "mitreTechniques"),
            first_activity=moment(record, "firstActivity", path, out),
            last_activity=moment(record, "lastActivity", path, out),
            created=moment(record, "creationTime", path, out),
            recommended_actions=prose(record.get("recommendedActions")),
            threat_name=first_text(record, "threatFamilyName", "threatName", "actorName"),
            classification=text(record, "classification"),
            determination=text(record, "determination"),
        )
    )
    refs = [
        add_device(out, alert, device, devices)
        for _, device in records(record.get("devices"), json_path(path, "devices"), out)
    ]
    # An entity that names no device id most likely ran on the alert's one device.
    fallback = refs[0] if len(refs) == 1 else None
    reading = Reading(out, alert, devices, fallback)
    for entity_path, entity in records(record.get("entities"), json_path(path, "entities"), out):
        read_entity(reading, entity, entity_path)
