"""The Wingman form: detection by kind and version, the fixtures, and every documented warning."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from tests.unit.incidents.adapter_cases import (
    FIXTURES,
    assert_survives,
    fixture_paths,
    json_values,
    key_names,
    load,
    parser,
)
from wingman.core.errors import InvalidArgument
from wingman.core.incidents.formats import read_incident
from wingman.core.incidents.formats.registry import ADAPTERS
from wingman.core.incidents.formats.wingman_form import WingmanFormAdapter
from wingman.core.models import EntityType, IncidentFormat, Severity

FILES = fixture_paths("wingman")
ADAPTER = WingmanFormAdapter()
parse = parser(ADAPTER)
HEAD = {"kind": "wingman.incident", "version": 1}


def fixture(name: str) -> dict[str, Any]:
    data: dict[str, Any] = load(FIXTURES / "wingman" / f"{name}.json")
    return data


def test_there_are_at_least_three_fixtures() -> None:
    assert len(FILES) >= 3


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_each_fixture_is_detected_as_the_wingman_form(path: Path) -> None:
    document = load(path)["incident"]
    fits = {fmt: adapter.detect(document) for fmt, adapter in ADAPTERS.items()}
    assert fits[IncidentFormat.WINGMAN].score == 100
    assert all(fit.score == 0 for fmt, fit in fits.items() if fmt is not IncidentFormat.WINGMAN)
    assert read_incident(document).format is IncidentFormat.WINGMAN


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_each_fixture_parses_without_warnings_to_its_alerts(path: Path) -> None:
    data = load(path)
    incident = read_incident(data["incident"], IncidentFormat.WINGMAN)
    expect = data["expect"]
    assert incident.warnings == []
    assert len(incident.alerts) == expect["alerts"]
    ordered = sorted(incident.alerts, key=lambda alert: alert.time or "")
    assert [alert.id for alert in ordered] == expect["timeline"]
    techniques = {t for alert in incident.alerts for t in alert.techniques}
    assert sorted(techniques) == expect["techniques"]
    assert len(incident.entities) == len(data["incident"]["entities"])
    assert len(incident.relations) == len(data["incident"]["relations"])


@pytest.mark.parametrize(
    ("document", "score", "reason"),
    [
        (HEAD, 100, "wingman.incident version 1"),
        ({"kind": "wingman.incident"}, 60, "without a version"),
        ({"kind": "wingman.incident", "version": 2}, 0, "version 2 is not supported; supported: 1"),
        ({"kind": "wingman.incident", "version": "one"}, 0, "supported: 1"),
        ({"kind": "wingman.incident", "version": True}, 0, "supported: 1"),
        ({"kind": "other.thing", "version": 1}, 0, "is not wingman.incident"),
        ({"version": 1, "alerts": []}, 0, 'no "kind"'),
        ({"class_uid": 2004, "finding_info": {}}, 0, 'no "kind"'),
        ([HEAD], 0, "one JSON object"),
        ("wingman.incident", 0, "one JSON object"),
        (None, 0, "one JSON object"),
    ],
)
def test_detection_by_kind_and_version(document: Any, score: int, reason: str) -> None:
    fit = ADAPTER.detect(document)
    assert fit.score == score
    assert reason in fit.reason


def test_the_documented_example_reads_without_warnings() -> None:
    doc = (Path(__file__).parents[3] / "docs" / "incident-format.md").read_text()
    example = json.loads(doc.split("```json", 1)[1].split("```", 1)[0])
    incident = read_incident(example)
    assert incident.format is IncidentFormat.WINGMAN
    assert incident.warnings == []
    assert [len(alert.entity_refs) for alert in incident.alerts] == [2, 4]
    assert len(incident.relations) == 4


def test_a_wrong_version_is_refused_naming_the_supported_one() -> None:
    with pytest.raises(InvalidArgument, match="supported: 1"):
        read_incident({"kind": "wingman.incident", "version": 3}, IncidentFormat.WINGMAN)


def test_phishing_fixture_header_alerts_entities_and_relations() -> None:
    incident = read_incident(fixture("phishing_to_exfiltration")["incident"])
    assert (incident.id, incident.severity, incident.status) == (
        "INC-1042",
        Severity.HIGH,
        "active",
    )
    assert incident.created == "2026-03-02T10:12:00Z"
    first = incident.alerts[0]
    assert first.id == "a1"
    assert first.source == "Contoso Mail Gateway"
    assert first.tactics == ("initial-access",)
    assert first.recommended_actions == ("Soft-delete the message from all mailboxes.",)
    assert first.last_activity == "2026-03-02T09:14:05Z"
    entities = incident.entities
    by_source = {e.source_id: e for e in entities.values()}
    message = by_source["e1"]
    assert message.type is EntityType.EMAIL_MESSAGE
    assert message.attributes["sender_ip"] == "198.51.100.14"
    assert by_source["e2"].roles == ("attacker", "sender")
    assert by_source["e7"].attributes["hostname"] == "ws-acc-03"
    # e5 (the attachment) is named by two alerts: one entity, linked from both.
    attachment = by_source["e5"].ref
    assert [alert.id for alert in incident.alerts if attachment in alert.entity_refs] == [
        "a1",
        "a2",
    ]
    # e17 is named by no alert: it belongs to the incident.
    assert incident.incident_refs == [by_source["e17"].ref]
    relations = {
        (r.kind, entities[r.source].source_id, entities[r.target].source_id)
        for r in incident.relations
    }
    assert ("parent_of", "e9", "e8") in relations
    assert ("logged_on", "e6", "e7") in relations


def test_other_entities_keep_their_kind() -> None:
    incident = read_incident(fixture("business_email_compromise")["incident"])
    rule = next(e for e in incident.entities.values() if e.type is EntityType.OTHER)
    assert rule.attributes["kind"] == "inbox_rule"
    app = next(e for e in incident.entities.values() if e.type is EntityType.CLOUD_APP)
    assert app.value == "Mail Archiver Pro"


def test_unknown_entity_type_is_kept_as_other_with_a_warning() -> None:
    incident = parse({**HEAD, "entities": [{"id": "x", "type": "Container", "value": "web-7f9c"}]})
    (entity,) = incident.entities.values()
    assert entity.type is EntityType.OTHER
    assert entity.attributes == {"kind": "container"}
    assert incident.warnings == [
        "entities[0].type: 'container' is not an entity type; kept as other"
    ]


def test_an_alert_naming_an_unknown_entity_warns() -> None:
    incident = parse(
        {
            **HEAD,
            "alerts": [{"id": "a1", "entities": ["e1", "nope"]}],
            "entities": [{"id": "e1", "type": "ip", "value": "192.0.2.1"}],
        }
    )
    assert incident.alerts[0].entity_refs == ["r1"]
    assert incident.warnings == ["alerts a1: entity 'nope' is not in entities; ignored"]


@pytest.mark.parametrize(
    ("attributes", "kept", "warning"),
    [
        (
            {"pid": 4410, "critical": True, "size": 1.5},
            {"pid": "4410", "critical": "true", "size": "1.5"},
            None,
        ),
        ({"tags": ["a", 2]}, {"tags": "a, 2"}, None),
        ({"os": {"name": "x"}}, {}, "entities[0].attributes.os: expected text, got an object"),
        ({"os": [{}]}, {}, "entities[0].attributes.os: expected text, got a list"),
        ({"Bad Name": "x"}, {}, "entities[0].attributes.Bad Name: not a usable attribute name"),
        ({"value": "x"}, {}, "entities[0].attributes.value: not a usable attribute name"),
        ("hostname=x", {}, "entities[0].attributes: expected an object, got a string"),
        ({"os": None, "hostname": ""}, {}, None),
    ],
)
def test_attribute_values_are_converted_or_skipped(
    attributes: Any, kept: dict[str, str], warning: str | None
) -> None:
    incident = parse(
        {
            **HEAD,
            "entities": [{"id": "d", "type": "device", "value": "ws-01", "attributes": attributes}],
        }
    )
    (entity,) = incident.entities.values()
    assert entity.attributes == kept
    if warning is None:
        assert incident.warnings == []
    else:
        assert len(incident.warnings) == 1
        assert incident.warnings[0].startswith(warning)


@pytest.mark.parametrize(
    ("document", "warning"),
    [
        ({"alerts": "a1"}, "alerts: expected a list, got a string; skipped"),
        ({"alerts": [None]}, "alerts[0]: expected an object, got null; skipped"),
        ({"alerts": [{"severity": "urgent"}]}, "alerts[0].severity: 'urgent' is not a severity"),
        ({"alerts": [{"created": "yesterday"}]}, "alerts[0].created: not a timestamp"),
        ({"alerts": [{"tactics": {"a": 1}}]}, "alerts[0].tactics: expected a list of strings"),
        ({"severity": 3}, "incident.severity: '3' is not a severity"),
        ({"entities": [{"id": "e", "type": "ip"}]}, "entities[0]: no value; skipped"),
        (
            {
                "entities": [
                    {"id": "e", "type": "ip", "value": "192.0.2.1"},
                    {"id": "e", "type": "ip", "value": "192.0.2.2"},
                ]
            },
            "entities[1]: id 'e' repeats an earlier entity's; skipped",
        ),
        (
            {
                "entities": [{"id": "e", "type": "ip", "value": "192.0.2.1"}],
                "relations": [{"kind": "knows", "source": "e", "target": "e"}],
            },
            "relations[0].kind: 'knows' is not a relation kind; skipped",
        ),
        (
            {"relations": [{"kind": "ran_on", "source": "p", "target": "d"}]},
            "relations[0]: source or target is not an entity id; skipped",
        ),
        ({"relations": {"kind": "ran_on"}}, "relations: expected a list, got an object"),
    ],
)
def test_malformed_parts_warn_and_never_raise(document: dict[str, Any], warning: str) -> None:
    incident = parse({**HEAD, **document})
    assert any(w.startswith(warning) for w in incident.warnings), incident.warnings


def test_alert_ids_fall_back_and_repeat_safely() -> None:
    incident = parse({**HEAD, "alerts": [{"title": "x"}, {"id": "a"}, {"id": "a"}]})
    assert [alert.id for alert in incident.alerts] == ["alert-1", "a", "a#2"]


KEYS = key_names(
    "kind",
    "version",
    "alerts",
    "entities",
    "relations",
    "id",
    "type",
    "value",
    "attributes",
    "roles",
    "source",
    "target",
    "severity",
    "tactics",
    "created",
    "first_activity",
)
JSON = json_values(
    KEYS,
    words=["wingman.incident", "device", "ip", "e1", "ran_on", "high", 1],
    object_size=5,
    max_leaves=25,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=JSON)
def test_arbitrary_json_never_raises_anything_but_wingman_errors(document: Any) -> None:
    assert_survives(
        ADAPTER,
        document,
        {**HEAD, "alerts": [document], "entities": [document], "relations": [document]},
    )
