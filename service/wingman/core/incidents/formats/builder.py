"""IncidentBuilder: what an adapter writes through, so every adapter obeys the same limits."""

from __future__ import annotations

from collections.abc import Iterable

from wingman.core.errors import PayloadTooLarge
from wingman.core.incidents.formats.fields import MAX_VALUE_CHARS
from wingman.core.incidents.model import Relation, SourceAlert, SourceEntity, SourceIncident
from wingman.core.models import EntityType, IncidentFormat

# An incident with more alerts than this is refused rather than cut (consoles cap near 100).
MAX_ALERTS = 5000
MAX_ENTITIES = 50_000
MAX_WARNINGS = 50
# The names `IncidentBuilder.entity` takes itself, which no attribute may be called.
ENTITY_PARAMETERS = frozenset({"owner", "type", "value", "roles", "source_id"})


class IncidentBuilder:
    """Collects alerts, entities and relations, giving each entity a ref unique in the incident."""

    def __init__(self, format: IncidentFormat, *, max_alerts: int = MAX_ALERTS) -> None:
        self.incident = SourceIncident(format=format)
        self._max_alerts = max_alerts
        self._alert_ids: set[str] = set()
        self._dropped_warnings = 0

    def alert(self, alert: SourceAlert) -> SourceAlert:
        """Add an alert; a missing id becomes its position, a repeated id gets a suffix."""
        if len(self.incident.alerts) >= self._max_alerts:
            raise PayloadTooLarge(
                "incident.alerts",
                size=len(self.incident.alerts) + 1,
                limit=self._max_alerts,
                unit="alerts",
            )
        base = alert.id or f"alert-{len(self.incident.alerts) + 1}"
        unique, n = base, 1
        while unique in self._alert_ids:
            n += 1
            unique = f"{base}#{n}"
        alert.id = unique
        self._alert_ids.add(unique)
        self.incident.alerts.append(alert)
        return alert

    def entity(
        self,
        owner: SourceAlert | None,
        type: EntityType,
        value: str,
        *,
        roles: Iterable[str] = (),
        source_id: str = "",
        **attributes: str,
    ) -> str | None:
        """Add an entity named by `owner` (None: by the incident); None when it has no value."""
        value = (
            " ".join(value.split())[:MAX_VALUE_CHARS]
            if type is not EntityType.PROCESS
            else (value.strip()[:MAX_VALUE_CHARS])
        )
        if not value:
            return None
        entities = self.incident.entities
        if len(entities) >= MAX_ENTITIES:
            raise PayloadTooLarge(
                "incident.entities", size=len(entities) + 1, limit=MAX_ENTITIES, unit="entities"
            )
        ref = f"r{len(entities) + 1}"
        kept = {k: v.strip()[:MAX_VALUE_CHARS] for k, v in attributes.items() if v and v.strip()}
        entities[ref] = SourceEntity(
            ref=ref,
            type=type,
            value=value,
            roles=tuple(dict.fromkeys(r.strip().lower() for r in roles if r and r.strip())),
            attributes=kept,
            source_id=source_id,
        )
        (owner.entity_refs if owner is not None else self.incident.incident_refs).append(ref)
        return ref

    def link(self, owner: SourceAlert | None, ref: str | None) -> None:
        """Name an existing entity from another alert (Sentinel's shared `$ref`s)."""
        if ref is None or ref not in self.incident.entities:
            return
        refs = owner.entity_refs if owner is not None else self.incident.incident_refs
        if ref not in refs:
            refs.append(ref)

    def relate(self, kind: str, source: str | None, target: str | None) -> None:
        """Record that `source` relates to `target`; missing ends are ignored."""
        if source and target and source != target:
            self.incident.relations.append(Relation(kind, source, target))

    def warn(self, message: str) -> None:
        """Say what was skipped or could not be read; past MAX_WARNINGS only a count is kept."""
        warnings = self.incident.warnings
        if len(warnings) < MAX_WARNINGS:
            warnings.append(message)
        else:
            self._dropped_warnings += 1

    def build(self) -> SourceIncident:
        """The incident, with a last warning counting any warnings that were not kept."""
        if self._dropped_warnings:
            self.incident.warnings.append(f"{self._dropped_warnings} more warnings not shown")
            self._dropped_warnings = 0
        return self.incident
