"""Microsoft Graph security incidents and alerts (v1.0 and beta, `alerts_v2`).

Reads an incident (with or without `alerts[]`), one alert, a list of alerts, or the
`{"@odata.context", "value": [...]}` list holding one incident or the alerts of one incident.
Evidence is read by graph_evidence.
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
    moment,
    prose,
    read_listing,
    records,
)
from wingman.core.incidents.formats.envelopes import sample
from wingman.core.incidents.formats.fields import (
    first_text,
    items,
    json_path,
    severity,
    text,
    texts,
)
from wingman.core.incidents.formats.graph_evidence import Evidence, kind_of, read_evidence
from wingman.core.incidents.model import SourceAlert
from wingman.core.models import IncidentFormat

# Keys only Graph spells so: M365 Defender says createdTime/firstActivity, MDE alertCreationTime.
_MARKERS = frozenset(
    {
        "createdDateTime",
        "firstActivityDateTime",
        "lastActivityDateTime",
        "lastUpdateDateTime",
        "resolvedDateTime",
        "alertWebUrl",
        "incidentWebUrl",
        "threatDisplayName",
        "actorDisplayName",
    }
)
_GRAPH_TYPE = "#microsoft.graph."
_DEVICE_EVIDENCE = frozenset({"deviceevidence", "iotdeviceevidence"})


def _is_incident(record: Mapping[str, Any]) -> bool:
    odata = text(record, "@odata.type").lower()
    return (
        "alerts" in record
        or odata.endswith((".incident", "security.incident"))
        or ("displayName" in record and "title" not in record)
    )


def _graph_evidence(alert: Mapping[str, Any]) -> bool:
    evidence = alert.get("evidence")
    first = evidence[:5] if isinstance(evidence, list) else [evidence]
    return any(text(e, "@odata.type").startswith(_GRAPH_TYPE + "security.") for e in first)


class GraphAdapter:
    """Reads Microsoft Graph security incident and alert documents."""

    format = IncidentFormat.GRAPH

    def detect(self, document: JsonValue) -> Fit:
        record = sample(document)
        if record is None:
            return Fit.no("not an incident or alert object, a `value` list or a list of alerts")
        odata = text(record, "@odata.type")
        if odata.lower().startswith(_GRAPH_TYPE) and ("incident" in odata or "alert" in odata):
            return Fit(95, f"`@odata.type` is {odata[:60]}")
        alert = next(items(record, "alerts"), {}) if _is_incident(record) else record
        if _graph_evidence(alert):
            return Fit(90, "`evidence[]` typed `#microsoft.graph.security.*Evidence`")
        found = _MARKERS & (record.keys() | alert.keys())
        if len(found) >= 2 and ("title" in alert or "displayName" in record):
            return Fit(75, "Graph keys " + ", ".join(f"`{key}`" for key in sorted(found)[:4]))
        context = text(document, "@odata.context") if isinstance(document, Mapping) else ""
        if found and "graph.microsoft.com" in context:
            return Fit(60, "a Graph `@odata.context` and Graph keys")
        return Fit.no(
            "no `#microsoft.graph.security` `@odata.type`, typed `evidence[]` or Graph"
            " `createdDateTime`/`firstActivityDateTime` keys"
        )

    def parse(self, document: JsonValue, out: IncidentBuilder) -> None:
        devices = Devices(out)
        incident_ids: set[str] = set()

        def read_alert(record: Mapping[str, Any], path: str) -> None:
            # Loose alerts name their incident: that id is the incident's when they agree.
            incident_ids.update(texts(record, "incidentId"))
            _alert(record, path, out, devices)

        incident = partial(_incident, out=out, devices=devices)
        seen_incident = read_listing(document, out, _is_incident, incident, read_alert)
        if not seen_incident and len(incident_ids) == 1:
            out.incident.id = incident_ids.pop()
        devices.resolve()


def _incident(record: Mapping[str, Any], path: str, out: IncidentBuilder, devices: Devices) -> None:
    incident = out.incident
    incident.id = text(record, "id")
    incident.title = first_text(record, "displayName", "title")
    incident.description = first_text(record, "description", "summary")
    incident.severity = severity(record.get("severity"))
    incident.status = text(record, "status")
    incident.classification = text(record, "classification")
    incident.determination = text(record, "determination")
    incident.created = moment(record, "createdDateTime", path, out)
    incident.recommended_actions = prose(record.get("recommendedActions"))
    alerts = list(records(record.get("alerts"), json_path(path, "alerts"), out))
    if not alerts:
        out.warn(f"{json_path(path, 'alerts')}: none; read the incident with $expand=alerts")
    for alert_path, alert in alerts:
        _alert(alert, alert_path, out, devices)


def _alert(record: Mapping[str, Any], path: str, out: IncidentBuilder, devices: Devices) -> None:
    alert = out.alert(
        SourceAlert(
            id=first_text(record, "id", "providerAlertId"),
            title=first_text(record, "title", "displayName"),
            severity=severity(record.get("severity")),
            description=text(record, "description"),
            status=text(record, "status"),
            source=text(record, "serviceSource"),
            detection_source=text(record, "detectionSource"),
            tactics=texts(record, "category"),
            techniques=texts(record, "mitreTechniques"),
            first_activity=moment(record, "firstActivityDateTime", path, out),
            last_activity=moment(record, "lastActivityDateTime", path, out),
            created=moment(record, "createdDateTime", path, out),
            recommended_actions=prose(record.get("recommendedActions")),
            threat_name=first_text(
                record, "threatDisplayName", "threatFamilyName", "actorDisplayName"
            ),
            classification=text(record, "classification"),
            determination=text(record, "determination"),
        )
    )
    evidence = list(records(record.get("evidence"), json_path(path, "evidence"), out))
    # Devices first, so a process or file without `mdeDeviceId` can point at the one device.
    device_refs = [
        read_evidence(Evidence(out, alert, devices, item), evidence_path)
        for evidence_path, item in evidence
        if kind_of(item).lower() in _DEVICE_EVIDENCE
    ]
    fallback = device_refs[0] if len(device_refs) == 1 else None
    for evidence_path, item in evidence:
        if kind_of(item).lower() not in _DEVICE_EVIDENCE:
            read_evidence(Evidence(out, alert, devices, item, fallback), evidence_path)
