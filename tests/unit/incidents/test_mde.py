"""The Defender for Endpoint alerts API adapter: detection, each fixture's shape, hostile input."""

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
from wingman.core.incidents.formats.mde import MDEAdapter
from wingman.core.models import EntityType, IncidentFormat, Severity

ADAPTER = MDEAdapter()
parse = parser(ADAPTER)
JSON = json_values(floats=False)


def fixture(name: str) -> Any:
    return load(FIXTURES / name)["incident"]


@pytest.mark.parametrize("path", fixture_paths("mde"), ids=lambda p: p.stem)
def test_each_fixture_is_detected_and_read_as_mde(path: Path) -> None:
    case = load(path)
    assert ADAPTER.detect(case["incident"]).score >= 90
    incident = read_incident(case["incident"])
    assert incident.format is IncidentFormat.MDE
    assert_alerts_as_expected(incident, case["expect"])
    assert incident.warnings == []


@pytest.mark.parametrize(
    "path", fixture_paths("graph", "m365d"), ids=lambda p: f"{p.parent.name}/{p.stem}"
)
def test_the_other_defender_formats_are_not_claimed(path: Path) -> None:
    assert ADAPTER.detect(load(path)["incident"]).score == 0


@pytest.mark.parametrize(
    "document",
    [
        None,
        1,
        [],
        {},
        {"id": "a", "title": "t"},
        {"alertId": "a", "creationTime": "2024-01-01T00:00:00Z"},
    ],
)
def test_other_shapes_are_not_mde(document: Any) -> None:
    assert ADAPTER.detect(document).score == 0


def test_alerts_keep_the_source_category_and_name_their_machine() -> None:
    incident = parse(fixture("mde/fake_update_c2.json"))
    assert incident.id == "9021"
    malware = next(a for a in incident.alerts if a.id == "da638650112233445566_1357924680")
    assert (malware.tactics, malware.severity, malware.threat_name) == (
        ("Malware",),
        Severity.MEDIUM,
        "SocGholish",
    )
    assert malware.created == "2024-10-21T14:03:40Z"
    devices = {
        e.value: e.attributes for e in incident.entities.values() if e.type is EntityType.DEVICE
    }
    assert devices["ws-eng-033.woodgrove.example"]["hostname"] == "ws-eng-033"
    assert devices["WS-ENG-033"]["device_id"] == "8e0a2c4e6a8c0e2a4c6e8a0c2e4a6c8e0a2c4e6a"
    cradle = "powershell.exe -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAKQA="
    assert (cradle, "ws-eng-033.woodgrove.example") in related(incident, "ran_on")
    assert (cradle, "WOODGROVE\\tbecker") in related(incident, "ran_as")
    assert ("ChromeUpdate_x64.exe", "ws-eng-033.woodgrove.example") in related(
        incident, "member_of"
    )
    users = {e.value for e in incident.entities.values() if e.type is EntityType.USER}
    assert users == {"WOODGROVE\\tbecker", "theo.becker@woodgrove.example"}


def test_value_envelope_across_machines() -> None:
    incident = parse(fixture("mde/ransomware_file_servers.json"))
    encryptors = related(incident, "ran_on")
    assert ("C:\\PerfLogs\\svcupd.exe --encrypt --paths D:\\Shares", "FS-LYON-01") in encryptors
    assert (
        "C:\\PerfLogs\\svcupd.exe --encrypt --paths E:\\Data",
        "fs-lyon-02.woodgrove.example",
    ) in encryptors


def test_rows_repeating_an_alert_once_per_evidence_are_one_alert() -> None:
    base = {
        "id": "da1",
        "title": "t",
        "alertCreationTime": "2024-03-01T10:00:00Z",
        "computerDnsName": "pc-1",
        "machineId": "m1",
        "incidentId": 4,
    }
    rows = [
        {**base, "evidence": {"entityType": "File", "fileName": "a.exe", "sha1": "0" * 40}},
        {**base, "evidence": {"entityType": "Ip", "ipAddress": "192.0.2.5"}},
        {**base, "id": "da2", "evidence": []},
    ]
    incident = parse({"incidentId": 4, "alerts": rows})
    assert [a.id for a in incident.alerts] == ["da1", "da2"]
    first = incident.alerts[0]
    assert [incident.entities[r].value for r in first.entity_refs] == ["pc-1", "a.exe", "192.0.2.5"]
    assert incident.id == "4"


def test_malformed_parts_become_warnings() -> None:
    rows = [
        {
            "id": "a",
            "machineId": "m",
            "alertCreationTime": 3.5,
            "evidence": [{"entityType": "Url"}, "x"],
            "relatedUser": "me",
        },
        ["not", "an", "alert"],
        {"id": "b", "machineId": "m", "incidentId": 1, "firstEventTime": "0001-01-01T00:00:00Z"},
        {"id": "c", "machineId": "m", "incidentId": 2},
    ]
    incident = parse(rows)
    assert [a.id for a in incident.alerts] == ["a", "b", "c"]
    assert incident.warnings == [
        "[0].alertCreationTime: not a time (3.5); skipped",
        "[0].evidence[0]: Url record names no value; skipped",
        "[0].evidence[1]: expected an object, got str; skipped",
        "[1]: expected an alert object; skipped",
        "[2].firstEventTime: not a time (0001-01-01T00:00:00Z); skipped",
        "alerts of 2 incidents read as one",
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
                    "id",
                    "machineId",
                    "computerDnsName",
                    "relatedUser",
                    "evidence",
                    "alertCreationTime",
                    "category",
                ]
            ),
            JSON,
            max_size=7,
        ),
        max_size=4,
    )
)
def test_alert_shaped_noise_never_raises(alerts: list[dict[str, Any]]) -> None:
    parse({"value": alerts})
