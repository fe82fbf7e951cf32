"""The Graph security adapter: detection, each fixture's shape, evidence types, hostile input."""

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
    values,
)
from wingman.core.incidents.formats import read_incident
from wingman.core.incidents.formats.graph import GraphAdapter
from wingman.core.models import EntityType, IncidentFormat, Severity

ADAPTER = GraphAdapter()
parse = parser(ADAPTER)
T = "#microsoft.graph.security."
VM_ID = "/subscriptions/s-1/resourceGroups/g/providers/Microsoft.Compute/virtualMachines/vm7"
JSON = json_values()


def fixture(name: str) -> dict[str, Any]:
    return load(FIXTURES / name)  # type: ignore[no-any-return]


@pytest.mark.parametrize("path", fixture_paths("graph"), ids=lambda p: p.stem)
def test_each_fixture_is_detected_and_read_as_graph(path: Path) -> None:
    case = load(path)
    assert ADAPTER.detect(case["incident"]).score >= 75
    incident = read_incident(case["incident"])
    assert incident.format is IncidentFormat.GRAPH
    assert_alerts_as_expected(incident, case["expect"])
    assert incident.warnings == []


@pytest.mark.parametrize(
    "path", fixture_paths("m365d", "mde"), ids=lambda p: f"{p.parent.name}/{p.stem}"
)
def test_the_other_defender_formats_are_not_claimed(path: Path) -> None:
    assert ADAPTER.detect(load(path)["incident"]).score == 0


@pytest.mark.parametrize(
    "document",
    [
        None,
        "incident",
        42,
        [],
        {},
        {"value": []},
        {
            "properties": {"title": "x", "createdTimeUtc": "2024-01-01T00:00:00Z"},
            "kind": "SecurityAlert",
        },
        {"class_uid": 2004, "finding_info": {"title": "x"}, "time": 1700000000000},
        {"SystemAlertId": "a", "AlertName": "x", "TimeGenerated": "2024-01-01T00:00:00Z"},
    ],
)
def test_other_shapes_are_not_graph(document: Any) -> None:
    fit = ADAPTER.detect(document)
    assert fit.score == 0
    assert fit.reason


def test_incident_header_alerts_and_recommended_actions() -> None:
    incident = parse(fixture("graph/phishing_attachment_exfiltration.json")["incident"])
    assert (incident.id, incident.severity, incident.status) == ("4107", Severity.HIGH, "active")
    assert incident.created == "2024-09-17T09:16:41Z"
    first = incident.alerts[0]
    assert first.id == "da638601122334455667_1102934417"
    assert first.tactics == ("Execution",)
    assert first.techniques == ("T1059.001", "T1204.002")
    assert first.source == "microsoftDefenderForEndpoint"
    assert first.first_activity == "2024-09-17T09:14:51.221000Z"
    assert first.recommended_actions == (
        "Isolate the device, collect an investigation package and block the download URL.",
    )


def test_device_evidence_gives_names_ips_and_logged_on_users() -> None:
    incident = parse(fixture("graph/phishing_attachment_exfiltration.json")["incident"])
    devices = [e for e in incident.entities.values() if e.type is EntityType.DEVICE]
    fqdn = next(d for d in devices if d.value == "ws-fin-014.contoso.example")
    assert fqdn.attributes["hostname"] == "ws-fin-014"
    assert fqdn.attributes["device_id"] == "3f9a1c7e5b2d4f60a8e1c3b5d7f9a1c3e5b7d9f1"
    assert fqdn.roles == ("compromised",)
    assert fqdn.attributes["verdict"] == "suspicious"
    assert {d.value for d in devices} == {"ws-fin-014.contoso.example", "ws-fin-014"}
    assert ("ws-fin-014.contoso.example", "10.20.14.37") in related(incident, "has_ip")
    assert ("CONTOSO\\mkowalski", "ws-fin-014.contoso.example") in related(incident, "logged_on")


def test_process_evidence_gives_image_parent_account_and_device() -> None:
    incident = parse(fixture("graph/phishing_attachment_exfiltration.json")["incident"])
    cradle = next(
        e for e in incident.entities.values() if e.value.startswith("powershell.exe -nop")
    )
    assert cradle.type is EntityType.PROCESS
    assert cradle.attributes["pid"] == "7412"
    assert cradle.attributes["parent_image"] == "WINWORD.EXE"
    assert cradle.attributes["image_path"].endswith("\\v1.0\\powershell.exe")
    assert ("WINWORD.EXE", cradle.value) in related(incident, "parent_of")
    assert ("powershell.exe", cradle.value) in related(incident, "image_of")
    assert (cradle.value, "CONTOSO\\mkowalski") in related(incident, "ran_as")
    assert (cradle.value, "ws-fin-014.contoso.example") in related(incident, "ran_on")


def test_message_mailbox_registry_and_file_evidence() -> None:
    incident = parse(fixture("graph/phishing_attachment_exfiltration.json")["incident"])
    message = next(e for e in incident.entities.values() if e.type is EntityType.EMAIL_MESSAGE)
    assert message.value == "Invoice 88213 overdue - final notice"
    assert message.attributes["sender"] == "ar@fabrikam-billing.example"
    assert message.attributes["delivery_action"] == "delivered"
    assert (message.value, "203.0.113.77") in related(incident, "sent_from")
    assert (message.value, "ar@fabrikam-billing.example") in related(incident, "sent_from")
    assert (message.value, "marta.kowalski@contoso.example") in related(incident, "sent_to")
    run_key = "HKEY_CURRENT_USER\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run"
    registry = next(e for e in incident.entities.values() if e.type is EntityType.REGISTRY)
    assert (registry.value, registry.attributes["value_name"]) == (run_key, "OneDriveSync")
    assert "Invoice_88213.docm" in values(incident, EntityType.FILE)


def test_value_list_of_alerts_with_identity_and_mail_evidence() -> None:
    incident = parse(fixture("graph/bec_aitm_inbox_rule.json")["incident"])
    assert incident.id == "4219"
    assert values(incident, EntityType.CLOUD_APP) == {"Microsoft Exchange Online"}
    rule = [e for e in incident.entities.values() if e.attributes.get("configuration")]
    assert [(e.type, e.value) for e in rule] == [
        (EntityType.MAILBOX, "daniel.nakamura@contoso.example")
    ]
    ip = next(e for e in incident.entities.values() if e.value == "198.51.100.140")
    assert (ip.attributes["country"], ip.attributes["city"], ip.roles) == (
        "US",
        "Ashburn",
        ("attacker",),
    )
    urls = related(incident, "contains")
    assert (
        "Daniel, a document was shared with you: Q4 vendor contract",
        "https://login.contoso-sso.example/oauth2/authorize?client=office",
    ) in urls


def test_bare_alert_list_flags_the_high_value_device() -> None:
    incident = parse(fixture("graph/ransomware_rdp_lateral.json")["incident"])
    assert incident.id == "4388"
    critical = {
        e.value for e in incident.entities.values() if e.attributes.get("critical") == "true"
    }
    assert critical == {"srv-file-01.corp.contoso.example", "SRV-FILE-01"}
    assert (
        "C:\\ProgramData\\svchelper\\lckr.exe -path D:\\ -nolog",
        "srv-db-03.corp.contoso.example",
    ) in related(incident, "ran_on")


def test_one_bare_alert_and_an_incident_without_alerts() -> None:
    alert = fixture("graph/bec_aitm_inbox_rule.json")["incident"]["value"][0]
    assert len(parse(alert).alerts) == 1
    header: dict[str, Any] = {
        "@odata.type": "#microsoft.graph.security.incident",
        "id": "9",
        "displayName": "x",
    }
    assert ADAPTER.detect(header).score > 0
    incident = parse(header)
    assert (incident.id, incident.title, incident.alerts) == ("9", "x", [])
    assert incident.warnings == ["alerts: none; read the incident with $expand=alerts"]


@pytest.mark.parametrize(
    ("evidence", "type", "value", "attribute"),
    [
        (
            {
                "@odata.type": T + "azureResourceEvidence",
                "resourceId": VM_ID,
                "resourceName": "vm7",
            },
            EntityType.CLOUD_RESOURCE,
            VM_ID,
            ("subscription", "s-1"),
        ),
        (
            {
                "@odata.type": T + "amazonResourceEvidence",
                "amazonAccountId": "111122223333",
                "amazonResourceId": "arn:aws:s3:::bucket-x",
                "resourceName": "bucket-x",
            },
            EntityType.CLOUD_RESOURCE,
            "arn:aws:s3:::bucket-x",
            ("provider", "aws"),
        ),
        (
            {
                "@odata.type": T + "googleCloudResourceEvidence",
                "fullResourceName": "//compute.googleapis.example/p/vm",
                "projectId": "p-9",
                "location": "europe-west1",
            },
            EntityType.CLOUD_RESOURCE,
            "//compute.googleapis.example/p/vm",
            ("region", "europe-west1"),
        ),
        (
            {
                "@odata.type": T + "kubernetesPodEvidence",
                "name": "miner-7f",
                "namespace": {"name": "default", "cluster": None},
            },
            EntityType.CLOUD_RESOURCE,
            "default/miner-7f",
            ("resource_type", "kubernetesPodEvidence"),
        ),
        (
            {
                "@odata.type": T + "blobEvidence",
                "name": "dump.zip",
                "url": "https://acct.blob.example/c/dump.zip",
            },
            EntityType.CLOUD_RESOURCE,
            "https://acct.blob.example/c/dump.zip",
            ("name", "dump.zip"),
        ),
        (
            {
                "@odata.type": T + "oauthApplicationEvidence",
                "appId": "a-1",
                "displayName": "Mail Sync",
                "publisher": "Unverified",
            },
            EntityType.CLOUD_APP,
            "Mail Sync",
            ("publisher", "Unverified"),
        ),
        (
            {
                "@odata.type": T + "securityGroupEvidence",
                "securityGroupId": "g-1",
                "displayName": "Domain Admins",
            },
            EntityType.OTHER,
            "Domain Admins",
            ("kind", "securityGroupEvidence"),
        ),
        (
            {
                "@odata.type": T + "mailClusterEvidence",
                "clusterBy": "Subject;SenderIp",
                "clusterByValue": "x;192.0.2.1",
                "emailCount": 12,
            },
            EntityType.OTHER,
            "x;192.0.2.1",
            ("email_count", "12"),
        ),
        (
            {
                "@odata.type": T + "dnsEvidence",
                "domainName": "bad.example",
                "ipAddresses": [{"ipAddress": "192.0.2.9"}],
            },
            EntityType.DOMAIN,
            "bad.example",
            ("domain", "bad.example"),
        ),
        (
            {"@odata.type": T + "futureThingEvidence", "name": "thing", "value": "v", "kind": "k"},
            EntityType.OTHER,
            "thing",
            ("source_value", "v"),
        ),
    ],
)
def test_evidence_types(
    evidence: dict[str, Any], type: EntityType, value: str, attribute: tuple[str, str]
) -> None:
    alert = {"@odata.type": T + "alert", "id": "a", "title": "t", "evidence": [evidence]}
    incident = parse(alert)
    entity = next(e for e in incident.entities.values() if e.value == value)
    assert entity.type is type
    assert entity.attributes[attribute[0]] == attribute[1]


def test_malformed_parts_become_warnings() -> None:
    document = {
        "@odata.type": T + "incident",
        "id": 5,
        "alerts": [
            "not an alert",
            {
                "id": "a1",
                "title": ["x"],
                "firstActivityDateTime": "yesterday",
                "evidence": {"@odata.type": T + "userEvidence"},
            },
            {"id": "a2", "evidence": 7, "mitreTechniques": "T1059, T1105", "category": None},
            {
                "id": "a3",
                "evidence": [
                    None,
                    3,
                    {"@odata.type": T + "processEvidence", "imageFile": "x", "userAccount": []},
                ],
            },
        ],
    }
    incident = parse(document)
    assert [a.id for a in incident.alerts] == ["a1", "a2", "a3"]
    assert incident.alerts[1].techniques == ("T1059", "T1105")
    assert incident.warnings == [
        "alerts[0]: expected an object, got str; skipped",
        "alerts[1].firstActivityDateTime: not a time (yesterday); skipped",
        "alerts[1].evidence: userEvidence names no value; skipped",
        "alerts[2].evidence: expected a list of objects, got int; skipped",
        "alerts[3].evidence[1]: expected an object, got int; skipped",
        "alerts[3].evidence[2]: processEvidence names no value; skipped",
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
                    "@odata.type",
                    "id",
                    "title",
                    "evidence",
                    "alerts",
                    "roles",
                    "userAccount",
                    "imageFile",
                    "ipInterfaces",
                    "loggedOnUsers",
                    "fileDetails",
                ]
            ),
            JSON,
            max_size=6,
        ),
        max_size=3,
    )
)
def test_graph_shaped_noise_never_raises(alerts: list[dict[str, Any]]) -> None:
    for alert in alerts:
        alert["@odata.type"] = T + "alert"
        alert["evidence"] = [
            {"@odata.type": T + k, **alert}
            for k in ("deviceEvidence", "processEvidence", "analyzedMessageEvidence", "dnsEvidence")
        ]
    parse({"@odata.type": T + "incident", "alerts": alerts})
