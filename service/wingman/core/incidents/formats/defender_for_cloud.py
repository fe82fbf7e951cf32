"""Microsoft Defender for Cloud: the Microsoft.Security REST alert, one or a list of one incident.

An alert is the SecurityAlert schema in camelCase under `properties` (tactics are `intent`, its
entities use `$id`/`$ref`), read by the same reader as Sentinel's rows. A security incident
(`isIncident: true` with alert entities) groups alerts: it becomes the incident header, and the
alerts it names that the document does not carry are added from their summaries.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import JsonValue

from wingman.core.incidents.formats import Fit
from wingman.core.incidents.formats.builder import IncidentBuilder
from wingman.core.incidents.formats.envelopes import listing
from wingman.core.incidents.formats.fields import first_text, get, mapping, text
from wingman.core.incidents.formats.sentinel_alerts import read_records
from wingman.core.incidents.formats.sentinel_graph import lowered
from wingman.core.models import IncidentFormat

_TYPE = "microsoft.security/locations/alerts"
_ALERT_KEYS = ("compromisedEntity", "intent", "alertUri", "alertType")


def _alerts(document: Any) -> list[Mapping[str, Any]]:
    return [record for _, record in listing(document) if isinstance(record, Mapping)]


def _fit(alert: Any) -> Fit:
    if text(alert, "type").lower() == _TYPE:
        return Fit(95, "a Microsoft.Security/Locations/alerts resource")
    props = get(alert, "properties")
    if (
        isinstance(props, Mapping)
        and "kind" not in mapping(alert)
        and "alertDisplayName" in props
        and any(key in props for key in _ALERT_KEYS)
    ):
        return Fit(60, "an alert resource with Defender for Cloud properties (alertDisplayName)")
    return Fit.no(
        "no `type: Microsoft.Security/Locations/alerts` or `properties.alertDisplayName` "
        "with `compromisedEntity`/`intent`"
    )


class DefenderForCloudAdapter:
    """Reads Defender for Cloud REST alerts and security incidents."""

    format = IncidentFormat.DEFENDER_FOR_CLOUD

    def detect(self, document: JsonValue) -> Fit:
        """How well the document fits the Microsoft.Security alert shape (its first alert)."""
        alerts = _alerts(document)
        return _fit(alerts[0]) if alerts else Fit.no("no alert object")

    def parse(self, document: JsonValue, out: IncidentBuilder) -> None:
        """Read every alert (and any security incident grouping them)."""
        records = []
        for index, alert in enumerate(_alerts(document)):
            props = get(alert, "properties")
            if not isinstance(props, Mapping):
                out.warn(f"alerts[{index}]: no properties object; skipped")
                continue
            fields = lowered(props)
            records.append((fields, text(alert, "name") or first_text(fields, "systemalertid")))
        read_records(out, records, "alerts")
