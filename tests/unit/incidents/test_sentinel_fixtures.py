"""The Sentinel and Defender for Cloud fixtures: detected as their format and read as expected."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.unit.incidents.adapter_cases import SCOPE_TYPES, fixture_paths, load
from wingman.core.incidents.formats import read_incident
from wingman.core.incidents.formats.registry import ADAPTERS
from wingman.core.incidents.model import SourceIncident
from wingman.core.models import EntityType

# Sorted by path, as the two folders' names sort.
FIXTURES = fixture_paths("defender_for_cloud", "sentinel")


def _load(path: Path) -> dict[str, Any]:
    return dict(load(path))


def _names(incident: SourceIncident, type: EntityType | None = None) -> set[str]:
    found: set[str] = set()
    for entity in incident.entities.values():
        if type is None or entity.type is type:
            found.add(entity.value.lower())
            found.update(value.lower() for value in entity.attributes.values())
    return found


def test_every_format_has_three_fixtures() -> None:
    assert len(fixture_paths("sentinel")) >= 3
    assert len(fixture_paths("defender_for_cloud")) >= 3


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_fixture_is_detected_as_its_format(path: Path) -> None:
    fixture = _load(path)
    fits = {
        adapter.format.value: adapter.detect(fixture["incident"]) for adapter in ADAPTERS.values()
    }
    best = max(fits, key=lambda name: fits[name].score)
    assert best == fixture["expect"]["format"], fits
    assert read_incident(fixture["incident"]).format.value == fixture["expect"]["format"]


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_fixture_alerts_and_timeline(path: Path) -> None:
    fixture = _load(path)
    incident = read_incident(fixture["incident"])
    expect = fixture["expect"]
    assert incident.warnings == []
    assert len(incident.alerts) == expect["alerts"]
    ordered = sorted(incident.alerts, key=lambda alert: alert.time or "")
    assert [alert.id for alert in ordered] == expect["timeline"]
    assert all(alert.title and alert.severity and alert.first_activity for alert in ordered)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_fixture_tactics_and_techniques(path: Path) -> None:
    fixture = _load(path)
    incident = read_incident(fixture["incident"])
    named = [*incident.tactics, *(t for alert in incident.alerts for t in alert.tactics)]
    reduced = {re.sub(r"[^a-z]", "", tactic.lower()) for tactic in named}
    assert reduced == {tactic.replace("-", "") for tactic in fixture["expect"]["tactics"]}
    techniques = {*incident.techniques, *(t for alert in incident.alerts for t in alert.techniques)}
    assert sorted(techniques) == fixture["expect"]["techniques"]


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_fixture_scope_entry_point_and_targets_are_entities(path: Path) -> None:
    fixture = _load(path)
    incident = read_incident(fixture["incident"])
    expect = fixture["expect"]
    for key, type in SCOPE_TYPES.items():
        for value in expect["scope"][key]:
            assert value.lower() in _names(incident, type), (key, value)
    entry = expect["entry_point"]
    assert entry["matches"].lower() in _names(incident, EntityType(entry["type"]))
    for step in expect["recommendations"]:
        values = {entity.value.lower() for entity in incident.entities.values()}
        assert step["target"].lower() in values, step
