"""The Sentinel adapter: shapes it claims and refuses, and what it reads from each."""

from __future__ import annotations

import contextlib
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.incidents.adapter_cases import assert_survives, json_values, parser
from wingman.core.errors import WingmanError
from wingman.core.incidents.formats import read_incident
from wingman.core.incidents.formats.defender_for_cloud import DefenderForCloudAdapter
from wingman.core.incidents.formats.sentinel import SentinelAdapter
from wingman.core.models import EntityType, Severity

SENTINEL = SentinelAdapter()
_parse = parser(SENTINEL)


def _row(**overrides: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "SystemAlertId": "a-1",
        "AlertName": "Suspicious process",
        "AlertSeverity": "High",
        "StartTime": "2026-01-01T10:00:00Z",
        "EndTime": "2026-01-01T10:05:00Z",
        "TimeGenerated": "2026-01-01T10:06:00Z",
        "Tactics": "Execution, Persistence",
        "Techniques": '["T1059", "T1547"]',
        "RemediationSteps": '["Isolate the host, then scan it."]',
        "Entities": "[]",
        "ExtendedProperties": "{}",
    }
    row.update(overrides)
    return row


_PROCESS_ENTITIES = [
    {"$id": "2", "HostName": "ws-07", "DnsDomain": "corp.example", "Type": "host"},
    {"$id": "3", "Name": "bob", "NTDomain": "CORP", "Host": {"$ref": "2"}, "Type": "account"},
    {
        "$id": "4",
        "Name": "evil.exe",
        "Directory": "C:\\Temp",
        "FileHashes": [{"$ref": "5"}],
        "Type": "file",
    },
    {"$id": "5", "Algorithm": "SHA256", "Value": "ab" * 32, "Type": "filehash"},
    {"$id": "6", "ProcessId": "100", "CommandLine": "cmd.exe", "Type": "process"},
    {
        "$id": "7",
        "ProcessId": "200",
        "CommandLine": "evil.exe -run",
        "ImageFile": {"$ref": "4"},
        "ParentProcess": {"$ref": "6"},
        "Account": {"$ref": "3"},
        "Host": {"$ref": "2"},
        "CreationTimeUtc": "2026-01-01T10:00:01.1234567Z",
        "Type": "process",
    },
]


@pytest.mark.parametrize(
    ("document", "score"),
    [
        ({"kind": "SecurityAlert", "properties": {"systemAlertId": "x"}}, 95),
        ({"type": "Microsoft.SecurityInsights/Incidents", "properties": {"title": "t"}}, 95),
        ({"value": [{"name": "n", "properties": {"incidentNumber": 3}}]}, 95),
        ({"alerts": {"value": []}, "entities": [{"kind": "Host", "properties": {}}]}, 90),
        ({"incidentId": "i", "alerts": [_row()]}, 90),
        (_row(), 85),
        ([_row(), _row(SystemAlertId="a-2")], 85),
        ({"IncidentNumber": 7, "Title": "t", "Severity": "Low"}, 85),
    ],
)
def test_detects_each_shape(document: Any, score: int) -> None:
    assert SENTINEL.detect(document).score == score


@pytest.mark.parametrize(
    "document",
    [
        None,
        [],
        "SecurityAlert",
        {"id": "1", "title": "a graph alert", "evidence": []},
        {"incidentId": 5, "alerts": [{"alertId": "da1", "title": "m365d"}]},
        {"class_uid": 2004, "finding_info": {"title": "ocsf"}},
        {"type": "Microsoft.Security/Locations/alerts", "properties": {"alertDisplayName": "x"}},
    ],
)
def test_refuses_other_shapes(document: Any) -> None:
    fit = SENTINEL.detect(document)
    assert fit.score == 0
    assert "SecurityAlert" in fit.reason


def test_row_fields_entities_and_relations() -> None:
    incident = _parse([_row(Entities=json.dumps(_PROCESS_ENTITIES), CompromisedEntity="WS-07")])
    (alert,) = incident.alerts
    assert (alert.id, alert.title, alert.severity) == ("a-1", "Suspicious process", Severity.HIGH)
    assert alert.tactics == ("Execution", "Persistence")
    assert alert.techniques == ("T1059", "T1547")
    assert alert.recommended_actions == ("Isolate the host, then scan it.",)
    assert (alert.first_activity, alert.created) == ("2026-01-01T10:00:00Z", "2026-01-01T10:06:00Z")
    by_value = {entity.value: entity for entity in incident.entities.values()}
    assert by_value["ws-07.corp.example"].roles == ("compromised",)
    assert by_value["CORP\\bob"].attributes["domain"] == "CORP"
    assert by_value["evil.exe"].attributes == {
        "name": "evil.exe",
        "path": "C:\\Temp\\evil.exe",
        "sha256": "ab" * 32,
    }
    child = by_value["evil.exe -run"]
    assert child.attributes["image_path"] == "C:\\Temp\\evil.exe"
    assert child.attributes["parent_pid"] == "100"
    assert child.attributes["created"] == "2026-01-01T10:00:01.123456Z"
    kinds = {
        (r.kind, incident.entities[r.source].value, incident.entities[r.target].value)
        for r in incident.relations
    }
    assert {
        ("image_of", "evil.exe", "evil.exe -run"),
        ("parent_of", "cmd.exe", "evil.exe -run"),
        ("ran_as", "evil.exe -run", "CORP\\bob"),
        ("ran_on", "evil.exe -run", "ws-07.corp.example"),
        ("logged_on", "CORP\\bob", "ws-07.corp.example"),
    } <= kinds
    assert len([e for e in incident.entities.values() if e.type is EntityType.FILE]) == 1


def test_ref_means_the_latest_definition_before_it() -> None:
    entities = [
        {"$id": "1", "Address": "192.0.2.1", "Type": "ip"},
        {"$id": "2", "DomainName": "a.example", "IpAdresses": [{"$ref": "1"}], "Type": "dns"},
        {"$id": "1", "Address": "192.0.2.2", "Type": "ip"},
        {"$id": "3", "DomainName": "b.example", "IpAdresses": [{"$ref": "1"}], "Type": "dns"},
    ]
    incident = _parse(_row(Entities=entities))
    pairs = {
        (incident.entities[r.source].value, incident.entities[r.target].value)
        for r in incident.relations
    }
    assert pairs == {("a.example", "192.0.2.1"), ("b.example", "192.0.2.2")}


def test_extended_properties_add_only_what_entities_lack() -> None:
    entities = [{"$id": "2", "HostName": "srv-1", "Type": "host"}]
    props = {
        "Compromised Host": "srv-1",
        "User Name": "CORP\\carol",
        "Suspicious Process": "C:\\Tools\\x.exe",
        "Command Line": "x.exe -a",
        "Parent Process": "C:\\Windows\\explorer.exe",
        "Destination IP": "198.51.100.9",
        "Source IP": "not an ip",
        "Account Session Id": "0x3e7",
    }
    incident = _parse(_row(Entities=json.dumps(entities), ExtendedProperties=json.dumps(props)))
    values = {(e.type, e.value, e.roles) for e in incident.entities.values()}
    assert values == {
        (EntityType.DEVICE, "srv-1", ()),
        (EntityType.USER, "CORP\\carol", ()),
        (EntityType.PROCESS, "x.exe -a", ()),
        (EntityType.PROCESS, "C:\\Windows\\explorer.exe", ()),
        (EntityType.IP, "198.51.100.9", ("destination",)),
        (EntityType.OTHER, "0x3e7", ()),
    }
    (relation,) = incident.relations
    assert relation.kind == "parent_of"


def test_rest_bundle_entities_belong_to_the_incident() -> None:
    base = "/subscriptions/s/providers/Microsoft.SecurityInsights/Entities/"
    bundle = {
        "incident": {
            "name": "guid-1",
            "type": "Microsoft.SecurityInsights/Incidents",
            "properties": {
                "title": "T",
                "severity": "Medium",
                "incidentNumber": 12,
                "additionalData": {"alertsCount": 2, "tactics": ["Execution"]},
            },
        },
        "alerts": {
            "value": [
                {
                    "kind": "SecurityAlert",
                    "name": "al-1",
                    "properties": {"alertDisplayName": "A", "compromisedEntity": "h1"},
                }
            ]
        },
        "entities": {
            "entities": [
                {"id": base + "E1", "name": "e1", "kind": "Host", "properties": {"hostName": "h1"}},
                {
                    "id": base + "e2",
                    "name": "e2",
                    "kind": "File",
                    "properties": {"fileName": "f.exe", "fileHashEntityIds": [base.lower() + "e3"]},
                },
                {
                    "id": base + "e3",
                    "name": "e3",
                    "kind": "FileHash",
                    "properties": {"algorithm": "MD5", "hashValue": "0" * 32},
                },
                {"id": base + "e4", "name": "e4", "kind": "Bookmark", "properties": {}},
            ],
            "metaData": [],
        },
    }
    incident = _parse(bundle)
    assert (incident.id, incident.title, incident.tactics) == ("12", "T", ("Execution",))
    (alert,) = incident.alerts
    host = next(e for e in incident.entities.values() if e.type is EntityType.DEVICE)
    assert alert.entity_refs == [host.ref]
    assert host.roles == ("compromised",)
    assert {e.value: e.attributes.get("md5") for e in incident.entities.values()} == {
        "h1": None,
        "f.exe": "0" * 32,
    }
    assert len(incident.incident_refs) == 2
    assert any("2 alerts" in w for w in incident.warnings)
    assert any("bookmark" in w for w in incident.warnings)


def test_incident_rows_keep_the_latest_version() -> None:
    rows = [
        {
            "IncidentNumber": 9,
            "Title": "old",
            "LastModifiedTime": "2026-01-01T00:00:00Z",
            "AlertIds": '["x"]',
            "Type": "SecurityIncident",
        },
        {
            "IncidentNumber": 9,
            "Title": "new",
            "LastModifiedTime": "2026-01-02T00:00:00Z",
            "AdditionalData": '{"techniques": ["T1078"]}',
            "AlertIds": "[]",
        },
        {"IncidentNumber": 10, "Title": "another", "LastModifiedTime": "2026-01-03T00:00:00Z"},
    ]
    incident = _parse(rows)
    assert (incident.id, incident.title, incident.techniques) == ("9", "new", ("T1078",))
    assert any("1 other incidents" in w for w in incident.warnings)


@pytest.mark.parametrize(
    "row",
    [
        _row(Entities="not json"),
        _row(Entities=42, ExtendedProperties=["x"], Tactics=None, Techniques={"a": 1}),
        _row(
            Entities=[None, 3, {"$ref": "9"}, {"Type": "host"}, {"Type": "mystery", "Foo": "bar"}]
        ),
        _row(Entities=[{"$id": "1", "Type": "process", "ParentProcess": {"$ref": "1"}}]),
        _row(RemediationSteps="one free text step, with a comma", StartTime=12),
    ],
)
def test_malformed_parts_become_warnings(row: dict[str, Any]) -> None:
    incident = _parse(row)
    assert len(incident.alerts) == 1


def test_unknown_entity_types_are_kept_as_other() -> None:
    incident = _parse(_row(Entities=[{"$id": "1", "Type": "mystery", "Foo": "bar", "value": "v"}]))
    (entity,) = incident.entities.values()
    assert entity.type is EntityType.OTHER
    assert entity.attributes == {"foo": "bar", "value_field": "v", "kind": "mystery"}


def test_nameless_entities_are_warned_about() -> None:
    incident = _parse(_row(Entities=[{"$id": "1", "Type": "host"}]))
    assert incident.warnings == ["alerts[0]: host entity 1 names nothing; skipped"]


_JSON = json_values(
    st.sampled_from(
        [
            "kind",
            "properties",
            "Type",
            "$id",
            "$ref",
            "SystemAlertId",
            "AlertName",
            "Entities",
            "alerts",
            "entities",
            "value",
            "IsIncident",
            "incident",
            "IncidentNumber",
            "Title",
            "ImageFile",
            "Host",
            "type",
            "name",
            "x",
        ]
    ),
    floats=False,
    words=["SecurityAlert", "$ref", "1", "host", "[]", "{}"],
    object_size=6,
)


@settings(max_examples=200, deadline=None)
@given(_JSON)
def test_arbitrary_json_never_raises(document: Any) -> None:
    for adapter in (SENTINEL, DefenderForCloudAdapter()):
        assert_survives(adapter, document)
    with contextlib.suppress(WingmanError):
        read_incident(document)
