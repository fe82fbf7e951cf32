"""Microsoft Defender for Endpoint alerts API (`/api/alerts`): alert records of one incident.

Reads one alert, a list of them, `{"value": [...]}` or `{"incidentId", "alerts": [...]}`. Exports
that flatten `evidence[]` repeat the alert once per evidence record: records with the same `id`
are read as one alert.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import JsonValue

from wingman.core.incidents.formats import Fit
from wingman.core.incidents.formats.builder import IncidentBuilder
from wingman.core.incidents.formats.defender import (
    Devices,
    add_device,
    add_user,
    moment,
    prose,
    records,
    user_value,
)
from wingman.core.incidents.formats.defender_entities import Reading, read_entity
from wingman.core.incidents.formats.envelopes import listing, sample
from wingman.core.incidents.formats.fields import (
    first_text,
    json_path,
    mapping,
    severity,
    text,
    texts,
)
from wingman.core.incidents.model import SourceAlert
from wingman.core.models import IncidentFormat

# Keys only the MDE alerts API spells so (M365 Defender: creationTime, Graph: createdDateTime).
_MARKERS = frozenset(
    {"alertCreationTime", "firstEventTime", "lastEventTime", "machineId", "computerDnsName"}
)


def _unwrap(document: Any) -> Any:
    """The alert list of `{"incidentId", "alerts": [...]}`, else the document itself."""
    if isinstance(document, Mapping) and "alerts" in document and "incidentName" not in document:
        return document.get("alerts")
    return document


class MDEAdapter:
    """Reads Defender for Endpoint alerts API documents."""

    format = IncidentFormat.MDE

    def detect(self, document: JsonValue) -> Fit:
        record = sample(_unwrap(document))
        if record is None:
            return Fit.no("not an alert object, a list of alerts or a `value` list")
        found = _MARKERS & record.keys()
        if len(found) >= 2 or (found and "relatedUser" in record):
            return Fit(90, "alert with " + ", ".join(f"`{key}`" for key in sorted(found)))
        if found and "id" in record and "title" in record:
            return Fit(60, f"alert with `id`, `title` and `{next(iter(found))}`")
        return Fit.no("no `alertCreationTime`, `machineId`, `computerDnsName` or `firstEventTime`")

    def parse(self, document: JsonValue, out: IncidentBuilder) -> None:
        devices = Devices(out)
        alerts: dict[str, SourceAlert] = {}
        seen: dict[tuple[str, str], str | None] = {}
        incident_ids: set[str] = set()
        for path, record in _records(document, out):
            alert_id = text(record, "id")
            alert = alerts.get(alert_id) if alert_id else None
            if alert is None:
                alert = out.alert(_source_alert(record, path, out))
                alerts.setdefault(alert_id, alert)
            if found := text(record, "incidentId"):
                incident_ids.add(found)
            device = _device(record, alert, out, devices, seen)
            reading = Reading(out, alert, devices, device)
            for evidence_path, evidence in records(
                record.get("evidence"), json_path(path, "evidence"), out
            ):
                read_entity(reading, evidence, evidence_path)
        if len(incident_ids) == 1:
            out.incident.id = incident_ids.pop()
        elif incident_ids:
            out.warn(f"alerts of {len(incident_ids)} incidents read as one")
        devices.resolve()


def _records(document: Any, out: IncidentBuilder) -> Iterator[tuple[str, Mapping[str, Any]]]:
    unwrapped = _unwrap(document)
    if unwrapped is not document:
        yield from records(unwrapped, "alerts", out)
        return
    for path, record in listing(document):
        if isinstance(record, Mapping):
            yield path, record
        else:
            out.warn(f"{path or 'alert'}: expected an alert object; skipped")


def _source_alert(record: Mapping[str, Any], path: str, out: IncidentBuilder) -> SourceAlert:
    return SourceAlert(
        id=first_text(record, "id", "alertId"),
        title=text(record, "title"),
        severity=severity(record.get("severity")),
        description=text(record, "description"),
        status=text(record, "status"),
        source=first_text(record, "serviceSource") or "Microsoft Defender for Endpoint",
        detection_source=text(record, "detectionSource"),
        tactics=texts(record, "category"),
        techniques=texts(record, "mitreTechniques"),
        first_activity=moment(record, "firstEventTime", path, out),
        last_activity=moment(record, "lastEventTime", path, out),
        created=moment(record, "alertCreationTime", path, out),
        recommended_actions=prose(record.get("recommendedActions")),
        threat_name=first_text(record, "threatName", "threatFamilyName"),
        classification=text(record, "classification"),
        determination=text(record, "determination"),
    )


def _device(
    record: Mapping[str, Any],
    alert: SourceAlert,
    out: IncidentBuilder,
    devices: Devices,
    seen: dict[tuple[str, str], str | None],
) -> str | None:
    """Add the alert's machine and related user once per alert; the machine's ref, if any."""
    user = mapping(record.get("relatedUser"))
    if user and (alert.id, f"user:{user_value(user).lower()}") not in seen:
        seen[(alert.id, f"user:{user_value(user).lower()}")] = add_user(out, alert, user)
    machine = first_text(record, "computerDnsName", "machineId").lower()
    if not machine:
        return None
    if (alert.id, machine) not in seen:
        seen[(alert.id, machine)] = add_device(out, alert, record, devices)
    return seen[(alert.id, machine)]
