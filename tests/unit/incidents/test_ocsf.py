"""The OCSF adapter: detection, the fixtures, both OCSF generations, hostile input."""

from __future__ import annotations

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
    values,
)
from wingman.core.incidents.formats import read_incident
from wingman.core.incidents.formats.ocsf import OcsfAdapter
from wingman.core.incidents.formats.registry import ADAPTERS
from wingman.core.models import EntityType, IncidentFormat, Severity

FILES = fixture_paths("ocsf")
ADAPTER = OcsfAdapter()
parse = parser(ADAPTER)


def fixture(name: str) -> dict[str, Any]:
    data: dict[str, Any] = load(FIXTURES / "ocsf" / f"{name}.json")
    return data


def test_there_are_at_least_three_fixtures() -> None:
    assert len(FILES) >= 3


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_each_fixture_is_detected_as_ocsf_by_the_registry(path: Path) -> None:
    document = load(path)["incident"]
    fits = {fmt: adapter.detect(document) for fmt, adapter in ADAPTERS.items()}
    assert fits[IncidentFormat.OCSF].score > 0
    assert max(fits, key=lambda fmt: fits[fmt].score) is IncidentFormat.OCSF
    assert read_incident(document).format is IncidentFormat.OCSF


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_each_fixture_parses_to_its_alerts_in_the_expected_order(path: Path) -> None:
    data = load(path)
    incident = read_incident(data["incident"], IncidentFormat.OCSF)
    expect = data["expect"]
    assert len(incident.alerts) == expect["alerts"]
    ordered = sorted(incident.alerts, key=lambda alert: alert.time or "")
    assert [alert.id for alert in ordered] == expect["timeline"]
    assert incident.warnings == []
    techniques = {t for alert in incident.alerts for t in alert.techniques}
    assert set(expect["techniques"]) <= techniques
    named = {
        v.lower() for e in incident.entities.values() for v in (e.value, *e.attributes.values())
    }
    for kind in ("devices", "users", "ips", "mailboxes", "cloud_apps"):
        for value in expect["scope"][kind]:
            assert value.lower() in named, (kind, value)
    assert expect["entry_point"]["matches"].lower() in named


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        ({"kind": "wingman.incident", "version": 1, "alerts": []}, "no OCSF class_uid"),
        ({"class_uid": 3002, "category_uid": 3}, "3002 is not a finding class"),
        ({"id": "1", "alerts": [{"id": "a", "title": "x"}]}, "no OCSF class_uid"),
        ({"properties": {"alertDisplayName": "x"}}, "no OCSF class_uid"),
        ([], "empty array"),
        ([{"class_uid": 2004}, "text"], "not an object"),
        ([{"class_uid": 2004}, {"AlertName": "x"}], "no OCSF class_uid"),
        ("class_uid", "not an object"),
        (None, "not an object"),
        ({"class_uid": True}, "no OCSF class_uid"),
    ],
)
def test_other_shapes_are_not_claimed(document: Any, reason: str) -> None:
    fit = ADAPTER.detect(document)
    assert fit.score == 0
    assert reason in fit.reason


@pytest.mark.parametrize(
    ("class_uid", "name"),
    [
        (2001, "Security"),
        (2002, "Vulnerability"),
        (2003, "Compliance"),
        (2004, "Detection"),
        (2005, "Incident"),
        ("2004", "Detection"),
        (2004.0, "Detection"),
    ],
)
def test_every_finding_class_is_detected(class_uid: Any, name: str) -> None:
    fit = ADAPTER.detect({"class_uid": class_uid, "category_uid": 2})
    assert fit.score >= 80
    assert name in fit.reason


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"severity_id": 1}, Severity.INFORMATIONAL),
        ({"severity_id": 2}, Severity.LOW),
        ({"severity_id": 3}, Severity.MEDIUM),
        ({"severity_id": 4}, Severity.HIGH),
        ({"severity_id": 5}, Severity.CRITICAL),
        ({"severity_id": 6, "severity": "Fatal"}, Severity.CRITICAL),
        ({"severity_id": 0, "severity": "Unknown"}, None),
        ({"severity_id": 99, "severity": "Other"}, None),
        ({"severity": "High"}, Severity.HIGH),
        ({"severity_id": "4"}, Severity.HIGH),
    ],
)
def test_severity_ids_and_words(record: dict[str, Any], expected: Severity | None) -> None:
    incident = parse({"class_uid": 2004, "finding_info": {"uid": "f1", "title": "t"}, **record})
    assert incident.alerts[0].severity is expected


def test_cloud_fixture_reads_evidence_processes_files_and_resources() -> None:
    incident = read_incident(fixture("cloud_cryptomining_exfiltration")["incident"])
    alerts = {alert.id: alert for alert in incident.alerts}
    miner = alerts["cs-f-3b12"]
    assert miner.tactics == ("Execution", "Impact")
    assert miner.techniques == ("T1059", "T1059.004", "T1496")
    assert miner.first_activity == "2026-03-02T09:31:05Z"
    assert miner.source == "Northwind Security CloudSentry"
    assert miner.threat_name == "CoinMiner.Linux.XMRig"
    assert alerts["cs-f-3a91"].severity is Severity.MEDIUM
    assert alerts["cs-f-3a91"].recommended_actions[0].startswith("Restrict inbound SSH")
    entities = incident.entities
    miner_entities = [entities[ref] for ref in miner.entity_refs]
    files = [e for e in miner_entities if e.type is EntityType.FILE and e.attributes.get("sha256")]
    assert files[0].value == "xmrig"
    assert files[0].attributes["md5"] == "9a4c1e7b3d5f2a8c6e0b4d2f8a1c3e5b"
    process = next(e for e in miner_entities if e.attributes.get("pid") == "24811")
    assert process.value.startswith("/tmp/.x/xmrig -o")
    assert process.attributes["parent_image"] == "bash"
    device = next(e for e in miner_entities if e.type is EntityType.DEVICE)
    assert device.attributes["hostname"] == "ip-192-0-2-15"
    assert device.attributes["device_id"] == "i-0a1b2c3d4e5f60718"
    kinds = {(r.kind, entities[r.source].type, entities[r.target].type) for r in incident.relations}
    assert ("image_of", EntityType.FILE, EntityType.PROCESS) in kinds
    assert ("parent_of", EntityType.PROCESS, EntityType.PROCESS) in kinds
    assert ("ran_on", EntityType.PROCESS, EntityType.DEVICE) in kinds
    assert ("ran_as", EntityType.PROCESS, EntityType.USER) in kinds
    assert ("resolves_to", EntityType.DOMAIN, EntityType.IP) in kinds
    bucket = next(e for e in entities.values() if e.value == "arn:aws:s3:::contoso-finance-reports")
    assert bucket.attributes["subscription"] == "123456789012"
    assert bucket.attributes["provider"] == "aws"
    attacker = [e for e in entities.values() if e.value == "203.0.113.45" and "asn" in e.attributes]
    assert attacker[0].attributes["country"] == "NL"
    assert attacker[0].roles == ("source",)
    assert "pool.minexmr.fabrikam.example" not in values(incident, EntityType.DEVICE)
    apis = [e for e in entities.values() if e.type is EntityType.OTHER]
    assert {e.attributes["kind"] for e in apis} == {"api"}


def test_incident_finding_gives_the_header_and_alerts_not_detailed_elsewhere() -> None:
    incident = read_incident(fixture("edr_iso_loader_intrusion")["incident"])
    assert incident.id == "FEP-INC-20260302-0042"
    assert incident.title == "Multi-stage intrusion on ws-fin-07"
    assert incident.severity is Severity.CRITICAL
    assert incident.status == "In Progress"
    assert incident.classification == "True Positive"
    assert incident.first_activity == "2026-03-02T10:02:41Z"
    ids = [alert.id for alert in incident.alerts]
    assert sorted(ids) == [f"fep-det-10{n}" for n in range(1, 7)]
    listed_only = next(alert for alert in incident.alerts if alert.id == "fep-det-106")
    assert listed_only.techniques == ("T1021", "T1021.002")
    assert listed_only.tactics == ("Lateral Movement",)
    assert listed_only.entity_refs == []
    detailed = next(alert for alert in incident.alerts if alert.id == "fep-det-102")
    assert detailed.severity is Severity.CRITICAL
    assert detailed.entity_refs


def test_edr_fixture_names_the_same_device_and_user_two_ways() -> None:
    incident = read_incident(fixture("edr_iso_loader_intrusion")["incident"])
    assert values(incident, EntityType.DEVICE) == {"ws-fin-07", "ws-fin-07.contoso.example"}
    assert values(incident, EntityType.USER) == {"CONTOSO\\bwhite", "bwhite@contoso.example"}
    sids = {
        e.attributes.get("sid") for e in incident.entities.values() if e.type is EntityType.USER
    }
    assert sids == {"S-1-5-21-1111111111-2222222222-3333333333-1107"}
    registry = next(e for e in incident.entities.values() if e.type is EntityType.REGISTRY)
    assert registry.value == "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"
    assert registry.attributes["value_name"] == "OneDriveUpdate"
    c2 = next(e for e in incident.entities.values() if e.type is EntityType.DOMAIN)
    assert c2.value == "cdn-update.fabrikam.example"


def test_ocsf_1_0_security_findings_read_finding_and_top_level_attacks() -> None:
    incident = read_incident(fixture("idp_spray_mfa_fatigue")["incident"])
    signin = next(alert for alert in incident.alerts if alert.id == "wic-thr-5503")
    assert signin.tactics == ("Initial Access", "Defense Evasion")
    assert signin.techniques == ("T1078.004",)
    assert signin.status == "New"
    assert signin.first_activity == "2026-03-02T08:02:07Z"
    assert signin.created == "2026-03-02T08:02:11Z"
    assert signin.description.startswith("jdoe@woodgrove.example signed in")
    spray = incident.alerts[0]
    users = {incident.entities[ref].value for ref in spray.entity_refs}
    assert {"asmith@woodgrove.example", "mlee@woodgrove.example", "203.0.113.50"} <= users
    jdoe = next(e for e in incident.entities.values() if e.attributes.get("display_name"))
    assert jdoe.attributes["upn"] == "jdoe@woodgrove.example"


def test_a_single_finding_is_one_alert_and_time_dt_is_read() -> None:
    incident = parse(
        {
            "class_uid": 2004,
            "time_dt": "2026-01-05T08:00:00.000Z",
            "message": "Suspicious login",
            "finding_info": {"uid": "x1"},
            "observables": [
                {"name": "actor.user.name", "type_id": 4, "value": "CONTOSO\\eve"},
                {"name": "file.hash", "type_id": 8, "value": "a" * 64},
                {"name": "custom", "type_id": 99, "type": "Other", "value": "v1"},
                {"name": "device.hostname", "type_id": 0, "value": "db-01"},
            ],
        }
    )
    alert = incident.alerts[0]
    assert (alert.id, alert.title, alert.created) == (
        "x1",
        "Suspicious login",
        "2026-01-05T08:00:00Z",
    )
    entities = list(incident.entities.values())
    assert [e.type for e in entities] == [
        EntityType.USER,
        EntityType.FILE,
        EntityType.OTHER,
        EntityType.DEVICE,
    ]
    assert entities[0].attributes == {"account": "eve", "domain": "CONTOSO"}
    assert entities[1].attributes == {"sha256": "a" * 64}
    assert entities[2].attributes == {"kind": "Other", "name": "custom"}


def test_unknown_evidence_objects_are_kept_as_other() -> None:
    incident = parse(
        {
            "class_uid": 2004,
            "finding_info": {"uid": "x"},
            "evidences": [
                {"container": {"name": "web-7f9c", "image": {"name": "nginx"}, "type": 5}}
            ],
        }
    )
    (entity,) = incident.entities.values()
    assert entity.type is EntityType.OTHER
    assert entity.value == "web-7f9c"
    assert entity.attributes == {
        "kind": "container",
        "name": "web-7f9c",
        "image_name": "nginx",
        "source_type": "5",
    }


@pytest.mark.parametrize(
    ("record", "warning"),
    [
        ({"evidences": "process"}, "finding.evidences: expected a list, got a string"),
        ({"evidences": [1]}, "finding.evidences[0]: expected an object, got a number"),
        ({"evidences": [{"process": "cmd"}]}, "finding.evidences[0].process: expected an object"),
        ({"evidences": [{"device": []}]}, "finding.evidences[0].device: expected an object"),
        ({"observables": 7}, "finding.observables: expected a list, got a number"),
        ({"resources": [None, "x"]}, "finding.resources[1]: expected an object, got a string"),
        ({"device": "ws-01"}, "finding.device: expected an object, got a string"),
        ({"actor": {"user": 5}}, "finding.actor.user: expected an object, got a number"),
        (
            {"process": {"file": "x.exe", "name": "x.exe"}},
            "finding.process.file: expected an object",
        ),
        (
            {"finding_info": {"uid": "a", "attacks": "T1059"}},
            "finding.finding_info.attacks: expected a",
        ),
        (
            {"finding": {"related_events": [{"attacks": 1}]}},
            "finding.finding.related_events[0].attacks",
        ),
        (
            {"finding_info": [], "attacks": [{"tactics": "Execution"}]},
            "finding.finding_info: expected",
        ),
        ({"time": "soon", "evidences": [{"name": "x", "verdict_id": 2, "unknown": 7}]}, None),
        ({"malware": {"name": 5, "path": ["x"]}}, None),
    ],
)
def test_malformed_parts_warn_and_never_raise(record: dict[str, Any], warning: str | None) -> None:
    incident = parse({"class_uid": 2004, **record})
    assert len(incident.alerts) == 1
    if warning is None:
        assert incident.warnings == []
    else:
        assert any(w.startswith(warning) for w in incident.warnings), incident.warnings


def test_array_paths_name_the_finding() -> None:
    incident = parse([{"class_uid": 2004}, {"class_uid": 2004, "evidences": "x"}, 3])
    assert sorted(incident.warnings) == [
        "findings[1].evidences: expected a list, got a string; skipped",
        "findings[2]: expected an object, got a number; skipped",
    ]
    assert [alert.id for alert in incident.alerts] == ["alert-1", "alert-2"]


OCSF_KEYS = key_names(
    "class_uid",
    "finding_info",
    "finding",
    "evidences",
    "observables",
    "attacks",
    "tactics",
    "technique",
    "process",
    "file",
    "hashes",
    "device",
    "user",
    "actor",
    "resources",
    "uid",
    "name",
    "value",
    "type_id",
    "severity_id",
    "time",
    "finding_info_list",
    "email",
    "to",
    "src_endpoint",
    "parent_process",
    "related_events",
    "malware",
    "vulnerabilities",
    "path",
)
JSON = json_values(
    OCSF_KEYS, words=[2001, 2004, 2005, "2005", 8, "1"], object_size=5, max_leaves=25
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=JSON)
def test_arbitrary_json_never_raises_anything_but_wingman_errors(document: Any) -> None:
    assert_survives(
        ADAPTER,
        document,
        {"class_uid": 2005, "finding_info_list": [document], "evidences": [document]},
    )
