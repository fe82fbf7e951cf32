"""The SecurityAlert schema in any of its spellings, read into alerts with their entities.

One reader serves the Log Analytics SecurityAlert row (`AlertName`, `StartTime`, JSON strings),
Defender for Cloud's continuous export (`AlertDisplayName`, `StartTimeUtc`, real lists), the
Sentinel REST alert's `properties` and the Defender for Cloud REST alert's `properties`: field
names are compared lower-cased, and each field lists its spellings.

A record with `IsIncident` true whose entities include alert entities is a Defender for Cloud
security incident: it groups those alerts, so it becomes the incident header instead of an alert.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from wingman.core.incidents.formats.builder import IncidentBuilder
from wingman.core.incidents.formats.fields import (
    embedded_json,
    first_text,
    is_ip,
    items,
    mapping,
    severity,
    text,
    texts,
    timestamp,
)
from wingman.core.incidents.formats.sentinel_entities import EntityReader
from wingman.core.incidents.formats.sentinel_extended import keyed, read_extended, threat_name
from wingman.core.incidents.formats.sentinel_graph import EntityGraph, Node, lowered
from wingman.core.incidents.formats.sentinel_resources import (
    add_cloud_resource,
    azure_parts,
    is_machine,
)
from wingman.core.incidents.model import SourceAlert
from wingman.core.models import EntityType

_TITLE = ("alertdisplayname", "displayname", "alertname", "friendlyname", "title", "alerttype")
_ID = ("systemalertid", "systemalertids", "provideralertid")


def words(record: Mapping[str, Any], *keys: str) -> tuple[str, ...]:
    """Texts under `keys`, each a list, a JSON list in a string, or a comma-separated string."""
    found: list[str] = []
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip().startswith("["):
            value = embedded_json(value)
        found.extend(texts(value))
    return tuple(dict.fromkeys(found))


def steps(value: Any) -> tuple[str, ...]:
    """Remediation steps: a list, a JSON list in a string, or one free-text step."""
    parsed = embedded_json(value) if isinstance(value, str) else value
    if isinstance(value, str) and parsed is None:
        return (value.strip(),) if value.strip() else ()
    return texts(parsed) if isinstance(parsed, list) else ()


def alert_of(record: Mapping[str, Any], alert_id: str = "") -> SourceAlert:
    """The alert a lower-cased SecurityAlert record states, without its entities."""
    ids = words(record, *_ID)
    source = first_text(record, "productname", "providername", "vendorname")
    provider = first_text(record, "providername", "productcomponentname")
    return SourceAlert(
        id=alert_id or (ids[0] if ids else ""),
        title=first_text(record, *_TITLE),
        severity=severity(first_text(record, "alertseverity", "severity")),
        description=text(record, "description"),
        status=text(record, "status"),
        source=source,
        detection_source=provider if provider != source else "",
        tactics=words(record, "tactics", "intent"),
        techniques=words(record, "techniques", "subtechniques"),
        first_activity=timestamp(first_text(record, "starttimeutc", "starttime")),
        last_activity=timestamp(first_text(record, "endtimeutc", "endtime")),
        created=timestamp(first_text(record, "timegenerated", "timegeneratedutc")),
        recommended_actions=steps(record.get("remediationsteps")),
    )


def is_grouping(record: Mapping[str, Any], graph: EntityGraph) -> bool:
    """Whether the record is a security incident grouping alert entities."""
    flag = record.get("isincident")
    grouped = flag is True or text(flag).lower() == "true"
    return grouped and any(node.kind == "alert" for node in graph.nodes)


def read_evidence(
    out: IncidentBuilder,
    owner: SourceAlert | None,
    record: Mapping[str, Any],
    path: str,
    graph: EntityGraph | None = None,
    shared: EntityReader | None = None,
) -> list[Node]:
    """Add the record's entities, extended properties and resources; returns its alert nodes.

    `shared` reads the incident's own entities (REST): a compromised entity found there is
    linked to the alert instead of being named again.
    """
    compromised = text(record, "compromisedentity")
    reader = EntityReader(out, owner, path, frozenset({compromised.lower()} - {""}))
    entities = record.get("entities")
    if entities not in (None, "") and not isinstance(embedded_json(entities), list | Mapping):
        reader.warn("entities is not a list of entities; skipped")
    nodes = reader.read(graph or EntityGraph.from_embedded(entities))
    props = keyed(mapping(embedded_json(record.get("extendedproperties"))))
    read_extended(reader, props)
    resource_ids = _resource_ids(record)
    for resource_id in resource_ids:
        add_cloud_resource(reader, resource_id)
    known = shared.named(compromised) if shared is not None else None
    if known is not None:
        out.link(owner, known)
    elif compromised:
        _add_compromised(reader, compromised, resource_ids, props.get("resourcetype", ""))
    if owner is not None:
        owner.threat_name = reader.threat_name or threat_name(props)
    return nodes


def _resource_ids(record: Mapping[str, Any]) -> list[str]:
    found = [first_text(record, "azureresourceid", "resourceid")]
    for identifier in items(embedded_json(record.get("resourceidentifiers"))):
        fields = lowered(identifier)
        if text(fields, "type").lower() == "azureresource":
            found.append(first_text(fields, "azureresourceid", "resourceid"))
    return [resource_id for resource_id in dict.fromkeys(found) if resource_id]


def _add_compromised(
    reader: EntityReader, name: str, resource_ids: Sequence[str], resource_type: str
) -> None:
    """Name the compromised entity when nothing else did: a user, an IP, a machine or resource."""
    if any(reader.find(kind, name) for kind in (EntityType.DEVICE, EntityType.USER, EntityType.IP)):
        return
    named = [
        rid for rid in resource_ids if azure_parts(rid).get("name", "").lower() == name.lower()
    ]
    machine = any(map(is_machine, named)) or "machine" in resource_type.lower()
    if reader.find(EntityType.CLOUD_RESOURCE, name) and not machine:
        return
    if "@" in name or "\\" in name:
        reader.add(EntityType.USER, name, upn=name if "@" in name else "")
    elif is_ip(name):
        reader.add(EntityType.IP, name, address=name)
    elif machine or not resource_ids:
        device = reader.add(EntityType.DEVICE, name, hostname=name.split(".")[0])
        for rid in named:
            reader.out.relate("member_of", device, reader.find(EntityType.CLOUD_RESOURCE, rid))
    else:
        reader.add(EntityType.CLOUD_RESOURCE, name, name=name, resource_type=resource_type)


def read_records(
    out: IncidentBuilder,
    records: Sequence[tuple[Mapping[str, Any], str]],
    path: str,
    shared: EntityReader | None = None,
) -> None:
    """Add the alerts of lower-cased records (with their ids, '' to read one), folding incidents."""
    groupings: list[tuple[int, Mapping[str, Any], str, EntityGraph]] = []
    for index, (record, alert_id) in enumerate(records):
        graph = EntityGraph.from_embedded(record.get("entities"))
        if is_grouping(record, graph):
            groupings.append((index, record, alert_id, graph))
        else:
            alert = out.alert(alert_of(record, alert_id))
            read_evidence(out, alert, record, f"{path}[{index}]", graph, shared)
    for index, record, alert_id, graph in groupings:
        header = alert_of(record, alert_id)
        read_grouping(
            out, record, header, f"{path}[{index}]", graph, first=index == groupings[0][0]
        )


def read_grouping(
    out: IncidentBuilder,
    record: Mapping[str, Any],
    header: SourceAlert,
    path: str,
    graph: EntityGraph,
    *,
    first: bool,
) -> None:
    """Read a security incident: its header, its entities and the alerts it groups."""
    if first:
        incident = out.incident
        incident.id, incident.title = header.id, header.title
        incident.description, incident.severity = header.description, header.severity
        incident.status, incident.created = header.status, header.created
        incident.first_activity, incident.last_activity = (
            header.first_activity,
            header.last_activity,
        )
        incident.tactics, incident.techniques = header.tactics, header.techniques
    else:
        out.warn(f"{path}: a second security incident; its alerts are read, its header is not")
    known = {alert.id for alert in out.incident.alerts}
    for node in read_evidence(out, None, record, path, graph):
        summary = alert_of(node.fields)
        if summary.id and summary.id not in known:
            known.add(out.alert(summary).id)
