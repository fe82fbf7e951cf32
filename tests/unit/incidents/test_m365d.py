"""The M365 Defender incidents API adapter: detection, each fixture's shape, hostile input."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.incidents.adapter_cases import (
    FIXTURES,
    assert_alerts_as_expected,
    assert_survives,
    fixture_paths,
    json_values,
    load,
    parser,
    related,
)
from wingman.core.incidents.formats import read_incident
from wingman.core.incidents.formats.m365d import M365DAdapter
from wingman.core.models import EntityType, IncidentFormat, Severity

ADAPTER = M365DAdapter()
parse = parser(ADAPTER)
JSON = json_values(floats=False)


def fixture(name: str) -> Any:
    return load(FIXTURES / name)["incident"]


@pytest.mark.parametrize("path", fixture_paths("m365d"), ids=lambda p: p.stem)
def test_each_fixture_is_detected_and_read_as_m365d(path: Path) -> None:
    case = load(path)
    assert ADAPTER.detect(case["incident"]).score >= 85
    incident = read_incident(case["incident"])
    assert incident.format is IncidentFormat.M365D
    assert_alerts_as_expected(incident, case["expect"])
    assert incident.warnings == []


@pytest.mark.parametrize(
    "path", fixture_paths("graph", "mde"), ids=lambda p: f"{p.parent.name}/{p.stem}"
)
def test_the_other_defender_formats_are_not_claimed(path: Path) -> None:
    assert ADAPTER.detect(load(path)["incident"]).score == 0


@pytest.mark.parametrize(
    "document",
    [
        None,
        [],
        {},
        {"incidentId": 3, "alerts": [{"SystemAlertId": "x"}]},
        {"alertId": "a"},
        {"id": "a", "title": "t"},
    ],
)
def test_other_shapes_are_not_m365d(document: Any) -> None:
    assert ADAPTER.detect(document).score == 0


def test_incident_devices_and_flat_entities() -> None:
    incident = parse(fixture("m365d/phishing_macro_c2.json"))
    assert (incident.id, incident.severity, incident.created) == (
        "73014",
        Severity.HIGH,
        "2024-06-04T13:25:03.100000Z",
    )
    alert = next(a for a in incident.alerts if a.id == "da638512345678901234_-1726354410")
    assert (alert.tactics, alert.source, alert.created) == (
        ("Execution",),
        "MicrosoftDefenderForEndpoint",
        "2024-06-04T13:25:02.330000Z",
    )
    script = "wscript.exe //B //E:vbscript C:\\Users\\Public\\upd.txt"
    assert (script, "lt-sales-221.fabrikam.example") in related(incident, "ran_on")
    assert (script, "FABRIKAM\\jrivera") in related(incident, "ran_as")
    assert ("wscript.exe", script) in related(incident, "image_of")
    assert ("FABRIKAM\\jrivera", "lt-sales-221.fabrikam.example") in related(incident, "logged_on")
    subject = "Purchase order 55190 - please confirm"
    assert (subject, "orders@tailspin-procure.example") in related(incident, "sent_from")
    assert (subject, "julia.rivera@fabrikam.example") in related(incident, "sent_to")
    cluster = next(e for e in incident.entities.values() if e.type is EntityType.OTHER)
    assert (cluster.value, cluster.attributes["kind"]) == (
        "Subject;SenderIp;ContentType",
        "MailCluster",
    )
    file = next(e for e in incident.entities.values() if e.value == "PO_55190.xlsm")
    assert file.attributes["verdict"] == "Malicious"


def test_value_envelope_with_cloud_app() -> None:
    incident = parse(fixture("m365d/oauth_consent_phishing.json"))
    assert incident.id == "73188"
    apps = {
        e.value: e.attributes for e in incident.entities.values() if e.type is EntityType.CLOUD_APP
    }
    assert apps["PDF Viewer Pro Sync"]["app_id"] == "6e5d4c3b-2a1f-4e0d-9c8b-7a6f5e4d3c2b"


def test_bare_alert_list_and_critical_tags() -> None:
    incident = parse(fixture("m365d/password_spray_dcsync_exfil.json"))
    assert incident.id == ""
    devices = {
        e.value: e.attributes for e in incident.entities.values() if e.type is EntityType.DEVICE
    }
    assert devices["dc-01.fabrikam.example"]["critical"] == "true"
    assert "critical" not in devices["jmp-ops-07.fabrikam.example"]
    assert devices["JMP-OPS-07"]["device_id"] == devices["jmp-ops-07.fabrikam.example"]["device_id"]


def test_recommended_actions_and_second_incident() -> None:
    first = {
        "incidentId": 1,
        "incidentName": "a",
        "recommendedActions": "Reset the password.",
        "alerts": [],
    }
    incident = parse({"value": [first, {**first, "incidentId": 2}]})
    assert (incident.id, incident.recommended_actions) == ("1", ("Reset the password.",))
    assert incident.warnings == [
        "value[0].alerts: the incident lists no alerts",
        "value[1]: a second incident; only the first is read",
    ]


def test_malformed_parts_become_warnings() -> None:
    document = {
        "incidentId": 7,
        "incidentName": "x",
        "createdTime": {"not": "a time"},
        "alerts": [
            {
                "alertId": "a",
                "devices": "none",
                "entities": [{"entityType": "Ip"}, {"entityType": "Thing"}, 5],
            }
        ],
    }
    incident = parse(document)
    assert [a.id for a in incident.alerts] == ["a"]
    assert incident.warnings == [
        "createdTime: not a time (dict); skipped",
        "alerts[0].devices: expected a list of objects, got str; skipped",
        "alerts[0].entities[0]: Ip record names no value; skipped",
        "alerts[0].entities[1]: Thing record names no value; skipped",
        "alerts[0].entities[2]: expected an object, got int; skipped",
    ]


@settings(max_examples=200, deadline=None)
@given(JSON)
def test_arbitrary_json_never_raises_but_wingman_errors(document: Any) -> None:
    assert_survives(ADAPTER, document)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(
                [
                    "entityType",
                    "fileName",
                    "processCommandLine",
                    "accountName",
                    "deviceId",
                    "sender",
                    "registryKey",
                    "value",
                ]
            ),
            JSON,
            max_size=6,
        ),
        max_size=4,
    )
)
def test_entity_shaped_noise_never_raises(entities: list[dict[str, Any]]) -> None:
    kinds = [
        "User",
        "Process",
        "File",
        "MailMessage",
        "Registry",
        "CloudApplication",
        "Machine",
        "Other",
    ]
    for n, entity in enumerate(entities):
        entity["entityType"] = kinds[n % len(kinds)]
    parse(
        {
            "incidentId": 1,
            "incidentName": "n",
            "alerts": [{"alertId": "a", "devices": entities, "entities": entities}],
        }
    )
