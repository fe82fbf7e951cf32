"""Google SecOps adapter: detection of its shapes only, fixtures read as an analyst expects."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from tests.unit.incidents.adapter_cases import (
    assert_read_as_expected,
    assert_survives,
    corpus_items,
    fixture_paths,
    json_values,
    key_names,
    load,
    parser,
)
from wingman.core.incidents.formats import read_incident
from wingman.core.incidents.formats.google_secops import GoogleSecOpsAdapter
from wingman.core.incidents.formats.registry import ADAPTERS
from wingman.core.models import EntityType, IncidentFormat, Severity

FIXTURES = fixture_paths("google_secops")
ADAPTER = GoogleSecOpsAdapter()
_parse = parser(ADAPTER)


def _fixture(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = load(path)
    return loaded


def _event(**nouns: Any) -> dict[str, Any]:
    metadata = {"eventTimestamp": "2024-01-02T03:04:05Z", "eventType": "PROCESS_LAUNCH"}
    return {"metadata": metadata} | nouns


def _record(record_id: str, *events: dict[str, Any], **rule: Any) -> dict[str, Any]:
    return {
        "id": record_id,
        "type": "RULE_DETECTION",
        "detection": [{"ruleName": f"rule {record_id}", **rule}],
        "collectionElements": [{"label": "e", "references": [{"event": e} for e in events]}],
    }


def test_there_are_three_multi_alert_fixtures() -> None:
    assert len(FIXTURES) >= 3
    for path in FIXTURES:
        assert 4 <= _fixture(path)["expect"]["alerts"] <= 8, path.name


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_each_fixture_is_detected_as_google_secops(path: Path) -> None:
    document = _fixture(path)["incident"]
    fit = ADAPTER.detect(document)
    assert fit.score > 0, fit.reason
    assert read_incident(document).format is IncidentFormat.GOOGLE_SECOPS


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_each_fixture_reads_as_its_expectations_say(path: Path) -> None:
    fixture = _fixture(path)
    expect = fixture["expect"]
    incident = _parse(fixture["incident"])
    assert_read_as_expected(incident, expect)


def test_fixture_alerts_are_out_of_order_in_at_least_one_file() -> None:
    shuffled = 0
    for path in FIXTURES:
        fixture = _fixture(path)
        ids = [a.id for a in _parse(fixture["incident"]).alerts]
        shuffled += ids != fixture["expect"]["timeline"]
    assert shuffled >= 1


def test_phishing_fixture_relates_message_process_and_persistence() -> None:
    incident = _parse(_fixture(FIXTURES[1])["incident"])
    by_ref = incident.entities
    kinds = {(r.kind, by_ref[r.source].value, by_ref[r.target].value) for r in incident.relations}
    assert ("sent_from", "Invoice 4471 overdue", "billing@fabrikam-invoices.example") in kinds
    assert ("sent_to", "Invoice 4471 overdue", "alice@contoso.example") in kinds
    assert ("contains", "Invoice 4471 overdue", "Invoice_4471.docm") in kinds
    assert any(k == "parent_of" and "WINWORD.EXE" in s for k, s, _ in kinds)
    registry = next(e for e in by_ref.values() if e.type is EntityType.REGISTRY)
    assert registry.attributes["value_name"] == "OneDriveSync"
    assert registry.attributes["hive"] == "HKEY_CURRENT_USER"
    c2 = [e for e in by_ref.values() if e.value == "update-cdn.fabrikam.example"]
    assert {e.type for e in c2} == {EntityType.DOMAIN}, "a network peer is not a device"
    alice = [e for e in by_ref.values() if e.type is EntityType.USER]
    assert {e.attributes.get("upn") for e in alice} == {"alice@contoso.example"}


def test_ransomware_case_header_and_repeated_user_spellings() -> None:
    incident = _parse(_fixture(FIXTURES[2])["incident"])
    assert incident.id == "4187"
    assert incident.severity is Severity.CRITICAL
    assert incident.status == "OPENED"
    assert incident.created == "2024-09-21T02:12:00Z"
    users = {e.value for e in incident.entities.values() if e.type is EntityType.USER}
    assert {"CONTOSO\\svc_backup", "svc_backup@contoso.example"} <= users
    devices = {e.value for e in incident.entities.values() if e.type is EntityType.DEVICE}
    assert {"srv-rds-01", "srv-rds-01.contoso.example"} <= devices
    spray = next(a for a in incident.alerts if a.id.startswith("de_11aa"))
    assert spray.tactics == ("TA0006", "TA0001")
    assert spray.severity is Severity.HIGH


def test_cloud_fixture_names_the_consented_app_and_forwarding_mailbox() -> None:
    incident = _parse(_fixture(FIXTURES[0])["incident"])
    apps = [e for e in incident.entities.values() if e.type is EntityType.CLOUD_APP]
    assert [e.value for e in apps] == ["MailSync Helper"]
    ip = next(e for e in incident.entities.values() if e.type is EntityType.IP)
    assert ip.attributes == {"address": "198.51.100.140", "country": "Romania", "asn": "64512"}


@pytest.mark.parametrize(
    ("document", "alerts"),
    [
        (_record("de_1", _event()), 1),
        ([_record("de_1", _event()), _record("de_2", _event())], 2),
        ({"alerts": [_record("de_1", _event())]}, 1),
        ({"detections": [_record("de_1", _event())], "nextPageToken": "x"}, 1),
        ({"ruleAlerts": [{"alerts": [_record("de_1", _event())], "ruleMetadata": {}}]}, 1),
        (
            {"cases": [{"displayName": "c", "priority": "PRIORITY_LOW"}], "alerts": [_record("a")]},
            1,
        ),
        ({"displayName": "c", "stage": "Triage", "alertCount": 1, "alerts": [_record("a")]}, 1),
        ({"asset": {"hostname": "h1"}, "alertInfos": [{"name": "AV hit", "severity": "HIGH"}]}, 1),
    ],
    ids=["record", "array", "alerts", "detections", "ruleAlerts", "cases", "case", "alertInfos"],
)
def test_envelopes_are_detected_and_read(document: Any, alerts: int) -> None:
    assert ADAPTER.detect(document).score > 0
    assert len(_parse(document).alerts) == alerts


def test_case_with_alert_ids_only_keeps_header_and_warns() -> None:
    case = {"id": "77", "displayName": "Case", "priority": "PRIORITY_HIGH", "alertIds": ["a", "b"]}
    incident = _parse(case)
    assert (incident.id, incident.title, incident.severity) == ("77", "Case", Severity.HIGH)
    assert incident.alerts == []
    assert any("were not included" in w for w in incident.warnings)


def test_times_come_from_events_else_the_time_window() -> None:
    late = _event() | {"metadata": {"eventTimestamp": "2024-01-02T05:00:00Z"}}
    early = _event() | {"metadata": {"eventTimestamp": "2024-01-02T04:00:00.5Z"}}
    alert = _parse(_record("de_1", late, early)).alerts[0]
    assert (alert.first_activity, alert.last_activity) == (
        "2024-01-02T04:00:00.500000Z",
        "2024-01-02T05:00:00Z",
    )
    windowed: dict[str, Any] = {"id": "de_2", "detection": [{"ruleName": "r"}]}
    windowed["timeWindow"] = {
        "startTime": "2024-01-01T00:00:00Z",
        "endTime": "2024-01-01T01:00:00Z",
    }
    alert = _parse(windowed).alerts[0]
    assert (alert.first_activity, alert.last_activity) == (
        "2024-01-01T00:00:00Z",
        "2024-01-01T01:00:00Z",
    )


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ({"ruleLabels": [{"key": "severity", "value": "Low"}], "riskScore": 95}, Severity.LOW),
        ({"outcomes": [{"variable": "severity", "value": "CRITICAL"}]}, Severity.CRITICAL),
        ({"riskScore": 72}, Severity.HIGH),
        ({"riskScore": 45}, Severity.MEDIUM),
        ({"riskScore": "high"}, None),
        ({"riskScore": "35"}, Severity.LOW),
        ({"riskScore": True}, None),
        ({"severity": "UNKNOWN_SEVERITY"}, None),
    ],
)
def test_severity_from_labels_outcomes_then_risk_score(
    rule: Any, expected: Severity | None
) -> None:
    assert _parse(_record("de_1", **rule)).alerts[0].severity is expected


def test_outcomes_and_match_fields_name_entities() -> None:
    rule = {
        "outcomes": [
            {"variable": "principal_ip", "value": "192.0.2.9"},
            {"variable": "zip", "value": "1"},
        ],
        "detectionFields": [
            {"key": "hostname", "value": "h9"},
            {"key": "target_user", "value": "u9"},
        ],
    }
    incident = _parse(_record("de_1", **rule))
    found = {(e.type, e.value) for e in incident.entities.values()}
    assert found == {
        (EntityType.IP, "192.0.2.9"),
        (EntityType.DEVICE, "h9"),
        (EntityType.USER, "u9"),
    }


@pytest.mark.parametrize(
    ("document", "warning"),
    [
        ({"detections": [1]}, "detections[0]: expected an alert object"),
        ({"detections": "x"}, "detections: expected a list"),
        ({"id": "de_1", "detection": "x", "collectionElements": 7}, "collectionElements: expected"),
        (_record("de_1", {"principal": "host"}), "principal: expected an object"),
        (_record("de_1", {"target": [1, {"hostname": 5}]}), "target[0]: expected an object"),
        (_record("de_1", {"securityResult": ["x"]}), "securityResult[0]: expected an object"),
        (
            {
                "id": "de_1",
                "detection": [{"ruleName": "r"}],
                "collectionElements": [{"references": [3]}],
            },
            "references[0]: expected an object",
        ),
        (
            {
                "id": "de_1",
                "detection": [{"ruleName": "r"}],
                "collectionElements": [{"references": [{}]}],
            },
            "references[0]: no UDM event",
        ),
        ("text", "document: expected an object or an array"),
    ],
)
def test_malformed_parts_warn_with_their_path(document: Any, warning: str) -> None:
    incident = _parse(document)
    assert any(warning in w for w in incident.warnings), incident.warnings


def test_wrong_types_everywhere_are_read_without_raising() -> None:
    event = {
        "metadata": {"eventTimestamp": ["x"], "eventType": 5},
        "principal": {"hostname": None, "ip": "192.0.2.1", "user": "bob", "process": [1]},
        "target": {"registry": "x", "file": {"fullPath": [3], "names": "a.exe"}, "url": None},
        "network": {
            "email": {"to": "a@b.example", "subject": "Hi, you"},
            "dns": {"questions": "x"},
        },
    }
    rule = {"ruleLabels": "tactic", "outcomes": [1, None], "riskScore": True, "attackDetails": 3}
    incident = _parse(_record("de_1", event, **rule))
    assert len(incident.alerts) == 1
    values = {e.value for e in incident.entities.values()}
    assert {"192.0.2.1", "a.exe", "Hi, you", "a@b.example"} <= values


@pytest.mark.parametrize(
    "document",
    [
        {},
        [],
        "detections",
        None,
        [1, "a"],
        {"kibana.alert.rule.name": "r", "kibana.alert.uuid": "u"},
        {"id": "i1", "displayName": "Incident", "severity": "high", "alerts": [{"title": "a"}]},
        {"incidentId": 1, "incidentName": "x", "alerts": [{"alertId": "a", "title": "t"}]},
        {"class_uid": 2004, "finding_info": {"title": "t", "uid": "u"}, "metadata": {}},
        {"title": "case", "status": "open", "owner": "securitySolution", "totalAlerts": 1},
        {"detections": [{"title": "not a detection"}]},
        {"alerts": [{"id": "a", "detection": "x"}]},
    ],
)
def test_other_shapes_are_not_claimed(document: Any) -> None:
    fit = ADAPTER.detect(document)
    assert fit.score == 0
    assert fit.reason


@pytest.mark.parametrize("path", fixture_paths("elastic"), ids=lambda p: p.stem)
def test_the_other_formats_fixtures_are_not_claimed(path: Path) -> None:
    assert ADAPTER.detect(load(path)["incident"]).score == 0


def test_dev_corpus_items_are_not_claimed() -> None:
    for item in corpus_items():
        assert ADAPTER.detect(item["incident"]).score == 0, item["id"]


def test_registered() -> None:
    assert isinstance(ADAPTERS[IncidentFormat.GOOGLE_SECOPS], GoogleSecOpsAdapter)


JSON = json_values(
    key_names(
        "id",
        "detection",
        "ruleName",
        "ruleLabels",
        "principal",
        "target",
        "ip",
        "hostname",
        "user",
        "process",
        "parentProcess",
        "file",
        "network",
        "email",
        "references",
        "event",
        "collectionElements",
        "alerts",
        "cases",
    ),
    object_size=5,
)


@settings(max_examples=200, deadline=None)
@given(JSON)
def test_arbitrary_json_never_raises(document: Any) -> None:
    wrapped = {
        "detections": [
            {
                "detection": [document],
                "collectionElements": [{"references": [{"event": document}]}],
            },
            document,
        ]
    }
    assert_survives(ADAPTER, document, wrapped, [document])
