"""The Wingman form: a console with its own alert model writes its incident in the model's terms.

`{"kind": "wingman.incident", "version": 1, ...}` with alerts, entities and relations; the fields
are documented for console developers in docs/incident-format.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import JsonValue

from wingman.core.incidents.formats import Fit
from wingman.core.incidents.formats.builder import ENTITY_PARAMETERS, IncidentBuilder
from wingman.core.incidents.formats.fields import (
    describe,
    get,
    json_path,
    mapping,
    severity,
    text,
    texts,
    timestamp,
)
from wingman.core.incidents.model import SourceAlert
from wingman.core.models import EntityType, IncidentFormat, Severity

KIND = "wingman.incident"
VERSION = 1
RELATION_KINDS = frozenset(
    {"parent_of", "image_of", "ran_on", "ran_as", "logged_on", "has_ip", "contains"}
    | {"sent_from", "sent_to", "resolves_to", "hosts", "member_of"}
)
_TYPES = {member.value: member for member in EntityType}
_ATTRIBUTE_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_MAX_ATTRIBUTES = 64
_MAX_LISTED = 200


class WingmanFormAdapter:
    """Reads the Wingman form."""

    format = IncidentFormat.WINGMAN

    def detect(self, document: JsonValue) -> Fit:
        """`kind` names the form and `version` a supported one."""
        if not isinstance(document, Mapping):
            return Fit.no("the Wingman form is one JSON object")
        kind = text(document, "kind")
        if kind != KIND:
            return Fit.no(
                f'no "kind": "{KIND}"' if not kind else f"kind {kind[:40]!r} is not {KIND}"
            )
        version = get(document, "version")
        if version is None:
            return Fit(60, f"{KIND} without a version; read as version {VERSION}")
        if isinstance(version, bool) or text(version) != str(VERSION):
            shown = text(version)[:20] or describe(version)
            return Fit.no(f"{KIND} version {shown} is not supported; supported: {VERSION}")
        return Fit(100, f"{KIND} version {VERSION}")

    def parse(self, document: JsonValue, out: IncidentBuilder) -> None:
        """Read the header, alerts, entities (owned by the alerts naming them), then relations."""
        if not isinstance(document, Mapping):
            out.warn(f"document: expected an object, got {describe(document)}")
            return
        _header(out, document)
        named: dict[str, list[SourceAlert]] = {}
        for path, raw in _objects(out, document, "alerts", ""):
            alert = out.alert(_alert(out, path, raw))
            for entity_id in _texts(out, raw, "entities", path):
                named.setdefault(entity_id, []).append(alert)
        refs = _entities(out, document, named)
        for entity_id, alerts in named.items():
            if entity_id not in refs:
                ids = ", ".join(alert.id for alert in alerts[:3])
                out.warn(f"alerts {ids}: entity {entity_id[:80]!r} is not in entities; ignored")
        _relations(out, document, refs)


def _objects(out: IncidentBuilder, obj: Any, key: str, path: str) -> Iterator[tuple[str, Any]]:
    """The objects of the list at `key`, with their paths; warn about anything else."""
    value = get(obj, key)
    where = json_path(path, key)
    if value is None:
        return
    if not isinstance(value, list):
        out.warn(f"{where}: expected a list, got {describe(value)}; skipped")
        return
    for i, item in enumerate(value):
        if isinstance(item, Mapping):
            yield f"{where}[{i}]", item
        else:
            out.warn(f"{where}[{i}]: expected an object, got {describe(item)}; skipped")


def _texts(out: IncidentBuilder, obj: Any, key: str, path: str) -> tuple[str, ...]:
    """A list of strings; warn when the field holds something else."""
    value = get(obj, key)
    if value is not None and not isinstance(value, list | str):
        out.warn(f"{path}.{key}: expected a list of strings, got {describe(value)}; skipped")
    return texts(value)[:_MAX_LISTED]


def _time(out: IncidentBuilder, obj: Any, key: str, path: str) -> str | None:
    value = get(obj, key)
    found = timestamp(value)
    if found is None and value not in (None, ""):
        out.warn(f"{path}.{key}: not a timestamp; ignored")
    return found


def _severity(out: IncidentBuilder, obj: Any, path: str) -> Severity | None:
    value = get(obj, "severity")
    found = severity(value)
    if found is None and value not in (None, ""):
        out.warn(f"{path}.severity: {text(value)[:40]!r} is not a severity; ignored")
    return found


def _header(out: IncidentBuilder, document: Mapping[str, Any]) -> None:
    incident = out.incident
    incident.id = text(document, "id")
    incident.title = text(document, "title")
    incident.description = text(document, "description")
    incident.severity = _severity(out, document, "incident")
    incident.status = text(document, "status")
    incident.classification = text(document, "classification")
    incident.determination = text(document, "determination")
    incident.created = _time(out, document, "created", "incident")
    incident.first_activity = _time(out, document, "first_activity", "incident")
    incident.last_activity = _time(out, document, "last_activity", "incident")
    incident.tactics = _texts(out, document, "tactics", "incident")
    incident.techniques = _texts(out, document, "techniques", "incident")
    incident.recommended_actions = _texts(out, document, "recommended_actions", "incident")


def _alert(out: IncidentBuilder, path: str, raw: Mapping[str, Any]) -> SourceAlert:
    return SourceAlert(
        id=text(raw, "id"),
        title=text(raw, "title"),
        severity=_severity(out, raw, path),
        description=text(raw, "description"),
        status=text(raw, "status"),
        source=text(raw, "source"),
        detection_source=text(raw, "detection_source"),
        tactics=_texts(out, raw, "tactics", path),
        techniques=_texts(out, raw, "techniques", path),
        first_activity=_time(out, raw, "first_activity", path),
        last_activity=_time(out, raw, "last_activity", path),
        created=_time(out, raw, "created", path),
        recommended_actions=_texts(out, raw, "recommended_actions", path),
        threat_name=text(raw, "threat_name"),
        classification=text(raw, "classification"),
        determination=text(raw, "determination"),
    )


def _entities(
    out: IncidentBuilder, document: Mapping[str, Any], named: Mapping[str, list[SourceAlert]]
) -> dict[str, str]:
    """Add every entity, owned by the first alert naming it; the refs by entity id."""
    refs: dict[str, str] = {}
    for path, raw in _objects(out, document, "entities", ""):
        entity_id = text(raw, "id")
        if entity_id in refs:
            out.warn(f"{path}: id {entity_id[:80]!r} repeats an earlier entity's; skipped")
            continue
        alerts = named.get(entity_id, []) if entity_id else []
        ref = _entity(out, path, raw, alerts[0] if alerts else None)
        if ref is None:
            continue
        for alert in alerts[1:]:
            out.link(alert, ref)
        if entity_id:
            refs[entity_id] = ref
    return refs


def _entity(
    out: IncidentBuilder, path: str, raw: Mapping[str, Any], owner: SourceAlert | None
) -> str | None:
    source_type = text(raw, "type").lower()
    entity_type = _TYPES.get(source_type)
    attributes = _attributes(out, path, get(raw, "attributes"))
    if entity_type is None:
        out.warn(
            f"{path}.type: {source_type[:40] or 'no type'!r} is not an entity type; kept as other"
        )
        entity_type = EntityType.OTHER
        attributes.setdefault("kind", source_type)
    ref = out.entity(
        owner,
        entity_type,
        text(raw, "value"),
        roles=_texts(out, raw, "roles", path),
        source_id=text(raw, "id"),
        **attributes,
    )
    if ref is None:
        out.warn(f"{path}: no value; skipped")
    return ref


def _attributes(out: IncidentBuilder, path: str, value: Any) -> dict[str, str]:
    """String attributes; numbers and booleans become text, lists of them comma-joined."""
    if value is not None and not isinstance(value, Mapping):
        out.warn(f"{path}.attributes: expected an object, got {describe(value)}; skipped")
    kept: dict[str, str] = {}
    for key, item in mapping(value).items():
        where = f"{path}.attributes.{str(key)[:40]}"
        if not _ATTRIBUTE_NAME.match(str(key)) or key in ENTITY_PARAMETERS:
            out.warn(f"{where}: not a usable attribute name; skipped")
        elif len(kept) >= _MAX_ATTRIBUTES:
            out.warn(f"{path}.attributes: more than {_MAX_ATTRIBUTES}; the rest skipped")
            break
        elif isinstance(item, list) and texts(item):
            kept[key] = ", ".join(texts(item))
        elif text(item):
            kept[key] = text(item)
        elif item not in (None, ""):
            out.warn(f"{where}: expected text, got {describe(item)}; skipped")
    return kept


def _relations(out: IncidentBuilder, document: Mapping[str, Any], refs: Mapping[str, str]) -> None:
    for path, raw in _objects(out, document, "relations", ""):
        kind = text(raw, "kind").lower()
        source, target = refs.get(text(raw, "source")), refs.get(text(raw, "target"))
        if kind not in RELATION_KINDS:
            out.warn(f"{path}.kind: {kind[:40]!r} is not a relation kind; skipped")
        elif source is None or target is None:
            out.warn(f"{path}: source or target is not an entity id; skipped")
        else:
            out.relate(kind, source, target)
