"""The Defender for Cloud adapter: the Microsoft.Security alert and its security incidents."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.incidents.adapter_cases import parser
from wingman.core.incidents.formats.defender_for_cloud import DefenderForCloudAdapter
from wingman.core.models import EntityType

ADAPTER = DefenderForCloudAdapter()
_parse = parser(ADAPTER)
VM = "/subscriptions/1111/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm9"


def _alert(name: str = "al-1", **props: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "alertDisplayName": "Suspicious download",
        "severity": "Medium",
        "intent": "Execution, Persistence",
        "techniques": ["T1105"],
        "subTechniques": ["T1059.004"],
        "startTimeUtc": "2026-01-01T10:00:00.1234567Z",
        "compromisedEntity": "vm9",
        "resourceIdentifiers": [
            {"type": "AzureResource", "azureResourceId": VM},
            {"type": "LogAnalytics", "workspaceId": "w"},
        ],
    }
    base.update(props)
    return {
        "id": f"/x/alerts/{name}",
        "name": name,
        "type": "Microsoft.Security/Locations/alerts",
        "properties": base,
    }


@pytest.mark.parametrize(
    ("document", "score"),
    [
        (_alert(), 95),
        ([_alert(), _alert("al-2")], 95),
        ({"value": [_alert()]}, 95),
        ({"properties": {"alertDisplayName": "x", "compromisedEntity": "vm"}}, 60),
        ({"kind": "SecurityAlert", "properties": {"alertDisplayName": "x", "intent": "y"}}, 0),
        ({"SystemAlertId": "1", "AlertDisplayName": "export row", "Intent": "Execution"}, 0),
        ({}, 0),
    ],
)
def test_detection(document: Any, score: int) -> None:
    assert ADAPTER.detect(document).score == score


def test_alert_fields_and_compromised_vm() -> None:
    incident = _parse(_alert())
    (alert,) = incident.alerts
    assert (alert.id, alert.tactics) == ("al-1", ("Execution", "Persistence"))
    assert alert.techniques == ("T1105", "T1059.004")
    assert alert.first_activity == "2026-01-01T10:00:00.123456Z"
    resource, device = incident.entities.values()
    assert resource.type is EntityType.CLOUD_RESOURCE
    assert resource.attributes == {
        "resource_id": VM,
        "subscription": "1111",
        "provider": "azure",
        "name": "vm9",
        "resource_type": "Microsoft.Compute/virtualMachines",
    }
    assert (device.type, device.value, device.roles) == (EntityType.DEVICE, "vm9", ("compromised",))
    (relation,) = incident.relations
    assert (relation.kind, relation.source, relation.target) == (
        "member_of",
        device.ref,
        resource.ref,
    )


def test_compromised_storage_account_is_a_resource() -> None:
    storage = (
        "/subscriptions/1111/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1"
    )
    incident = _parse(
        _alert(
            compromisedEntity="st1",
            resourceIdentifiers=[{"type": "AzureResource", "azureResourceId": storage}],
        )
    )
    (entity,) = incident.entities.values()
    assert (entity.type, entity.roles) == (EntityType.CLOUD_RESOURCE, ("compromised",))


def test_security_incident_groups_alerts_and_adds_missing_ones() -> None:
    grouped = [
        {"$id": "1", "type": "alerts", "systemAlertIds": ["al-1"], "displayName": "A"},
        {
            "$id": "2",
            "type": "alerts",
            "systemAlertIds": ["al-9"],
            "displayName": "Missing",
            "severity": "High",
            "startTimeUtc": "2026-01-01T09:00:00Z",
        },
    ]
    header = _alert(
        "inc-1", alertDisplayName="Security incident", isIncident=True, entities=grouped
    )
    incident = _parse([header, _alert()])
    assert (incident.id, incident.title) == ("inc-1", "Security incident")
    assert [alert.id for alert in incident.alerts] == ["al-1", "al-9"]
    assert incident.alerts[1].title == "Missing"


def test_alert_without_properties_is_warned_about() -> None:
    incident = _parse([{"type": "Microsoft.Security/Locations/alerts"}, _alert()])
    assert len(incident.alerts) == 1
    assert incident.warnings == ["alerts[0]: no properties object; skipped"]
