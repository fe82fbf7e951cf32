"""Elastic adapter: alert documents in any key style, search responses, Kibana cases."""

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
from wingman.core.incidents.formats.elastic import ElasticAdapter
from wingman.core.incidents.formats.elastic_paths import value
from wingman.core.incidents.formats.registry import ADAPTERS
from wingman.core.incidents.model import SourceIncident
from wingman.core.models import EntityType, IncidentFormat, Severity

FIXTURES = {p.stem: p for p in fixture_paths("elastic")}
ADAPTER = ElasticAdapter()
_parse = parser(ADAPTER)
NESTED: dict[str, Any] = {
    "@timestamp": "2024-05-01T10:05:00Z",
    "kibana": {
        "alert": {
            "uuid": "a-1",
            "severity": "high",
            "workflow_status": "open",
            "original_time": "2024-05-01T10:00:00Z",
            "reason": "process event on ws-1",
            "rule": {
                "name": "Encoded PowerShell",
                "uuid": "r-1",
                "type": "query",
                "description": "Finds encoded PowerShell.",
                "threat": [
                    {
                        "framework": "MITRE ATT&CK",
                        "tactic": {"id": "TA0002", "name": "Execution"},
                        "technique": [
                            {"id": "T1059", "subtechnique": [{"id": "T1059.001"}]},
                            {"id": "T1204"},
                        ],
                    }
                ],
            },
        }
    },
    "host": {"name": "ws-1.contoso.example", "hostname": "ws-1", "ip": ["192.0.2.7"], "id": "h1"},
    "user": {"name": "bob", "domain": "CONTOSO", "id": "S-1-5-21-1-2-3-1001"},
    "process": {
        "pid": 42,
        "name": "powershell.exe",
        "command_line": "powershell -enc AAAA",
        "executable": "C:\\Windows\\powershell.exe",
        "hash": {"sha256": "ab" * 32},
        "parent": {"pid": 7, "name": "winword.exe", "command_line": "winword.exe doc.docm"},
    },
    "destination": {"ip": "203.0.113.9", "port": 443, "domain": "c2.fabrikam.example"},
}


def _flatten(obj: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, item in obj.items():
        if isinstance(item, dict) and item:
            flat |= _flatten(item, f"{prefix}{key}.")
        else:
            flat[f"{prefix}{key}"] = item
    return flat


MIXED = {**_flatten({"kibana": NESTED["kibana"]})} | {
    k: v for k, v in NESTED.items() if k != "kibana"
}


def _fixture(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = load(FIXTURES[name])
    return loaded


def _shape(incident: SourceIncident) -> tuple[Any, ...]:
    entities = sorted(
        (e.type.value, e.value, tuple(sorted(e.attributes.items())), e.roles)
        for e in incident.entities.values()
    )
    return tuple(incident.alerts), tuple(entities), len(incident.relations)


def test_there_are_three_multi_alert_fixtures() -> None:
    assert len(FIXTURES) >= 3
    for name in FIXTURES:
        assert 4 <= _fixture(name)["expect"]["alerts"] <= 8, name


@pytest.mark.parametrize("name", FIXTURES)
def test_each_fixture_is_detected_as_elastic(name: str) -> None:
    document = _fixture(name)["incident"]
    assert ADAPTER.detect(document).score > 0
    assert read_incident(document).format is IncidentFormat.ELASTIC


@pytest.mark.parametrize("name", FIXTURES)
def test_each_fixture_reads_as_its_expectations_say(name: str) -> None:
    fixture = _fixture(name)
    expect = fixture["expect"]
    incident = _parse(fixture["incident"])
    assert_read_as_expected(incident, expect)
    assert all(alert.severity for alert in incident.alerts)


def test_fixture_alerts_are_out_of_order_in_at_least_one_file() -> None:
    shuffled = 0
    for name in FIXTURES:
        fixture = _fixture(name)
        ids = [a.id for a in _parse(fixture["incident"]).alerts]
        shuffled += ids != fixture["expect"]["timeline"]
    assert shuffled >= 1


def test_case_fixture_keeps_header_and_reads_attached_documents_once() -> None:
    incident = _parse(_fixture("ransomware_case")["incident"])
    assert incident.id == "5e0c7a2b-91d3-4f6e-8a4b-2c1d0e9f8a7b"
    assert incident.severity is Severity.CRITICAL
    assert incident.status == "in-progress"
    assert incident.created == "2024-10-02T23:15:44.210000Z"
    assert len({a.id for a in incident.alerts}) == 6
    devices = {e.value for e in incident.entities.values() if e.type is EntityType.DEVICE}
    assert {"srv-jump-02", "srv-jump-02.contoso.example"} <= devices


def test_bec_fixture_reads_mail_entities_and_relations() -> None:
    incident = _parse(_fixture("bec_mailbox_compromise")["incident"])
    by_ref = incident.entities
    kinds = {(r.kind, by_ref[r.source].value, by_ref[r.target].value) for r in incident.relations}
    subject = "Updated remittance details - March invoices"
    assert ("sent_to", subject, "ap-payments@contoso.example") in kinds
    assert ("sent_from", subject, "m.ortiz@contoso.example") in kinds
    ip = next(e for e in by_ref.values() if e.type is EntityType.IP)
    assert ip.attributes["country"] == "BR"
    assert ip.attributes["asn"] == "64496"


def test_legacy_signal_fixture_reads_rule_threat_and_indicator() -> None:
    incident = _parse(_fixture("aws_account_compromise")["incident"])
    match = next(a for a in incident.alerts if a.id == "Yk3pQ2sBf7vN1xR8tL0a")
    assert match.detection_source == "threat_match"
    assert match.status == "open"
    indicators = [e for e in incident.entities.values() if "indicator" in e.roles]
    assert [(e.type, e.value) for e in indicators] == [(EntityType.IP, "203.0.113.150")]
    targets = [e.value for e in incident.entities.values() if "target" in e.roles]
    assert targets == ["ci-deployer"]


@pytest.mark.parametrize(
    "document", [NESTED, MIXED, _flatten(NESTED)], ids=["nested", "mixed", "flat"]
)
def test_every_key_style_reads_the_same(document: dict[str, Any]) -> None:
    assert ADAPTER.detect(document).score > 0
    assert _shape(_parse(document)) == _shape(_parse(NESTED))


def test_nested_alert_fields() -> None:
    incident = _parse(NESTED)
    alert = incident.alerts[0]
    assert (alert.id, alert.title, alert.severity) == ("a-1", "Encoded PowerShell", Severity.HIGH)
    assert (alert.first_activity, alert.created) == ("2024-05-01T10:00:00Z", "2024-05-01T10:05:00Z")
    assert alert.tactics == ("TA0002",)
    assert alert.techniques == ("T1059.001", "T1204")
    assert alert.description == "process event on ws-1\n\nFinds encoded PowerShell."
    by_ref = incident.entities
    kinds = {(r.kind, by_ref[r.source].value, by_ref[r.target].value) for r in incident.relations}
    assert ("parent_of", "winword.exe doc.docm", "powershell -enc AAAA") in kinds
    assert ("ran_as", "powershell -enc AAAA", "CONTOSO\\bob") in kinds
    assert ("ran_on", "powershell -enc AAAA", "ws-1.contoso.example") in kinds
    assert ("image_of", "powershell.exe", "powershell -enc AAAA") in kinds
    assert ("resolves_to", "c2.fabrikam.example", "203.0.113.9") in kinds
    user = next(e for e in by_ref.values() if e.type is EntityType.USER)
    assert user.attributes == {"account": "bob", "domain": "CONTOSO", "sid": "S-1-5-21-1-2-3-1001"}


def test_threat_entries_with_flattened_keys() -> None:
    threat = [
        {"tactic.id": "TA0005", "tactic.name": "Defense Evasion", "technique": [{"id": "T1070"}]}
    ]
    alert = _parse({"kibana.alert.rule.name": "r", "kibana.alert.rule.threat": threat}).alerts[0]
    assert (alert.tactics, alert.techniques) == (("TA0005",), ("T1070",))


def test_value_tries_every_split_of_a_dotted_path() -> None:
    doc = {"a.b": {"c": 1}, "a": {"b.c": 2, "b": {"d": 3}}}
    assert value(doc, "a.b.c") == 1
    assert value(doc, "a.b.d") == 3
    assert value(doc, "a.x") is None
    assert value("nope", "a") is None


def test_legacy_signal_alert() -> None:
    doc = {
        "@timestamp": "2021-03-01T00:05:00Z",
        "signal": {
            "rule": {"name": "Old rule", "id": "r", "severity": "low", "threat": []},
            "original_time": "2021-03-01T00:00:00Z",
            "status": "closed",
        },
    }
    hit = {"_id": "sig-1", "_index": ".siem-signals-default", "_source": doc}
    alert = _parse(hit).alerts[0]
    assert (alert.id, alert.title, alert.severity, alert.status) == (
        "sig-1",
        "Old rule",
        Severity.LOW,
        "closed",
    )
    assert alert.first_activity == "2021-03-01T00:00:00Z"


def test_search_response_and_fields_api_hits() -> None:
    fields = {"kibana.alert.rule.name": ["From fields"], "kibana.alert.severity": ["medium"]}
    response: Any = {
        "hits": {
            "hits": [
                {"_id": "x1", "_index": ".alerts-security", "_source": NESTED},
                {"_id": "x2", "_index": ".alerts-security", "fields": fields},
            ]
        }
    }
    assert ADAPTER.detect(response).score > 0
    alerts = _parse(response).alerts
    assert [(a.id, a.title, a.severity) for a in alerts] == [
        ("a-1", "Encoded PowerShell", Severity.HIGH),
        ("x2", "From fields", Severity.MEDIUM),
    ]


def test_case_with_alert_ids_only_keeps_header_and_warns() -> None:
    case: Any = {
        "id": "case-1",
        "title": "Suspicious logons",
        "description": "two alerts",
        "severity": "high",
        "status": "open",
        "owner": "securitySolution",
        "totalAlerts": 3,
        "comments": [
            {"type": "alert", "alertId": "al-1", "index": "i", "rule": {"name": "Rule A"}},
            {"type": "alert", "alertId": ["al-2", "al-3"], "index": ["i", "i"]},
            {"type": "user", "comment": "looking"},
        ],
        "alerts": [{"id": "al-1", "index": "i", "attached_at": "2024-01-01T00:00:00Z"}],
    }
    assert ADAPTER.detect(case).score > 0
    incident = _parse(case)
    assert (incident.id, incident.title, incident.severity) == (
        "case-1",
        "Suspicious logons",
        Severity.HIGH,
    )
    assert [(a.id, a.title) for a in incident.alerts] == [
        ("al-1", "Rule A"),
        ("al-2", "alert al-2"),
        ("al-3", "alert al-3"),
    ]
    assert any("alert documents were not included" in w for w in incident.warnings)


def test_cases_find_response_reads_the_first_case() -> None:
    case = {"id": "c1", "title": "t", "status": "open", "owner": "securitySolution"}
    response: Any = {"cases": [case, case | {"id": "c2"}], "page": 1, "per_page": 20, "total": 2}
    assert ADAPTER.detect(response).score > 0
    incident = _parse(response)
    assert incident.id == "c1"
    assert any("only the first one" in w for w in incident.warnings)


def test_case_without_any_alert_warns() -> None:
    incident = _parse({"id": "c", "title": "t", "status": "open", "totalAlerts": 2})
    assert incident.alerts == []
    assert any("none were included" in w for w in incident.warnings)


@pytest.mark.parametrize(
    ("document", "warning"),
    [
        ([1], "[0]: expected an alert document"),
        ({"hits": {"hits": [None]}}, "hits.hits[0]: expected an alert document"),
        (NESTED | {"threat": {"indicator": "x"}}, "threat.indicator: expected an indicator"),
        ({"kibana.alert.rule.threat": "x", "kibana.alert.uuid": "u"}, "rule.threat: expected"),
        ({"kibana.alert.uuid": "u"}, "alert without a rule name"),
        ({"title": "t", "status": "s", "totalAlerts": 1, "comments": "x"}, "comments: expected"),
        ({"title": "t", "status": "s", "totalAlerts": 1, "alerts": [3]}, "alerts[0]: expected"),
        ("text", "document: expected an object or an array"),
    ],
)
def test_malformed_parts_warn(document: Any, warning: str) -> None:
    incident = _parse(document)
    assert any(warning in w for w in incident.warnings), incident.warnings


def test_wrong_types_everywhere_are_read_without_raising() -> None:
    doc = {
        "kibana.alert.rule.name": ["r"],
        "kibana.alert.severity": {"x": 1},
        "kibana.alert.original_time": [None],
        "host": "ws-2",
        "host.name": ["ws-2", "ws-2b"],
        "user": {"name": ["eve"], "domain": None},
        "process": {"pid": "x", "parent": "p"},
        "source": {"ip": ["198.51.100.3"]},
        "email": {"from": {"address": "a@b.example"}, "to": {"address": [1, "c@d.example"]}},
        "registry": {"path": "HKLM\\Run\\v", "value": "v"},
        "threat": {"enrichments": [1, {"indicator": {"type": "weird", "ip": "x"}}]},
    }
    incident = _parse(doc)
    assert incident.alerts[0].severity is None
    found = {(e.type, e.value) for e in incident.entities.values()}
    assert {
        (EntityType.DEVICE, "ws-2"),
        (EntityType.USER, "eve"),
        (EntityType.IP, "198.51.100.3"),
        (EntityType.MAILBOX, "c@d.example"),
        (EntityType.REGISTRY, "HKLM\\Run"),
        (EntityType.OTHER, "x"),
    } <= found


@pytest.mark.parametrize(
    "document",
    [
        {},
        [],
        None,
        "kibana",
        [1, "a"],
        {"hits": {"hits": [{"_source": {"event": {"kind": "event"}}}]}},
        {"@timestamp": "2024-01-01T00:00:00Z", "event": {"kind": "alert"}, "rule": {"name": "x"}},
        {"id": "de_1", "type": "RULE_DETECTION", "detection": [{"ruleName": "r"}]},
        {"id": "i1", "displayName": "Incident", "status": "active", "alerts": [{"title": "a"}]},
        {"class_uid": 2004, "finding_info": {"title": "t"}, "status": "New"},
        {"title": "t", "status": "open"},
    ],
)
def test_other_shapes_are_not_claimed(document: Any) -> None:
    fit = ADAPTER.detect(document)
    assert fit.score == 0
    assert fit.reason


@pytest.mark.parametrize("path", fixture_paths("google_secops"), ids=lambda p: p.stem)
def test_the_other_formats_fixtures_are_not_claimed(path: Path) -> None:
    assert ADAPTER.detect(load(path)["incident"]).score == 0


def test_dev_corpus_items_are_not_claimed() -> None:
    for item in corpus_items():
        assert ADAPTER.detect(item["incident"]).score == 0, item["id"]


def test_registered() -> None:
    assert isinstance(ADAPTERS[IncidentFormat.ELASTIC], ElasticAdapter)


KEYS = key_names(
    "kibana",
    "alert",
    "rule",
    "name",
    "threat",
    "technique",
    "kibana.alert.rule.name",
    "host",
    "user",
    "process",
    "parent",
    "email",
    "hits",
    "_source",
    "comments",
    "alerts",
    "title",
    "status",
    "type",
    "alertId",
    "signal",
    "indicator",
    "enrichments",
    "ip",
)
JSON = json_values(KEYS, object_size=5)


@settings(max_examples=200, deadline=None)
@given(JSON)
def test_arbitrary_json_never_raises(document: Any) -> None:
    alert = {
        "kibana.alert.rule.name": "r",
        "host": document,
        "process": document,
        "threat": document,
        "email": document,
        "kibana.alert.rule.threat": document,
    }
    case = {
        "title": "t",
        "status": "open",
        "totalAlerts": 1,
        "comments": document,
        "alerts": [document, {"_source": alert}],
    }
    assert_survives(ADAPTER, document, [document, alert], {"hits": {"hits": [document]}}, case)
