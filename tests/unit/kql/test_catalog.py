"""The packaged KQL catalog: its invariants, its lookups and the builder's checks."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from wingman.core.kql.catalog import (
    FAMILIES,
    KUSTO_TYPES,
    PLATFORMS,
    TIME_COLUMN_BY_PLATFORM,
    Catalog,
    Table,
    load_catalog,
)
from wingman.core.kql.catalog_build import CatalogBuildError, build_catalog, render_catalog

CATALOG = load_catalog()
TABLES = [CATALOG.tables[name] for name in CATALOG.names()]


def _ids(table: Table) -> str:
    return table.name


def test_catalog_loads_once_with_a_version() -> None:
    assert load_catalog() is CATALOG
    assert CATALOG.version
    assert len(CATALOG.tables) >= 80


@pytest.mark.parametrize("table", TABLES, ids=_ids)
def test_table_has_family_description_and_platforms(table: Table) -> None:
    assert table.family in FAMILIES
    assert table.description.strip()
    assert table.platforms
    assert table.platforms <= PLATFORMS
    assert set(table.time_columns) == set(table.platforms)


@pytest.mark.parametrize("table", TABLES, ids=_ids)
def test_columns_have_kusto_types(table: Table) -> None:
    assert table.columns
    for name, column in table.columns.items():
        assert column.name == name
        assert column.type in KUSTO_TYPES, f"{table.name}.{name}: {column.type}"


@pytest.mark.parametrize("table", TABLES, ids=_ids)
def test_time_columns_are_the_platform_datetime_columns(table: Table) -> None:
    for platform in table.platforms:
        name = table.time_column(platform)
        if name is None:
            continue
        assert name == TIME_COLUMN_BY_PLATFORM[platform]
        column = table.column(name)
        assert column is not None
        assert column.type == "datetime"


@pytest.mark.parametrize("table", TABLES, ids=_ids)
def test_value_sets_name_real_columns(table: Table) -> None:
    for name, values in table.values.items():
        assert table.column(name) is not None, f"{table.name}.{name}"
        assert values
        assert len(set(values)) == len(values)


@pytest.mark.parametrize(
    ("table", "platforms", "time_columns"),
    [
        (
            "DeviceProcessEvents",
            {"defender", "sentinel"},
            {"defender": "Timestamp", "sentinel": "TimeGenerated"},
        ),
        ("SigninLogs", {"sentinel"}, {"sentinel": "TimeGenerated"}),
        ("DeviceTvmSoftwareInventory", {"defender"}, {"defender": None}),
        (
            "IdentityInfo",
            {"defender", "sentinel"},
            {"defender": "Timestamp", "sentinel": "TimeGenerated"},
        ),
        ("OfficeActivity", {"sentinel"}, {"sentinel": "TimeGenerated"}),
    ],
)
def test_known_platforms_and_time_columns(
    table: str, platforms: set[str], time_columns: dict[str, str | None]
) -> None:
    found = CATALOG.table(table)
    assert found is not None
    assert found.platforms == platforms
    assert dict(found.time_columns) == time_columns


@pytest.mark.parametrize(
    ("table", "family"),
    [
        ("DeviceProcessEvents", "process"),
        ("DeviceNetworkEvents", "network"),
        ("SigninLogs", "logon"),
        ("EmailEvents", "email"),
        ("AlertInfo", "alert"),
        ("DeviceTvmSoftwareVulnerabilities", "vulnerability"),
        ("SecurityEvent", "security_event"),
        ("Syslog", "syslog"),
    ],
)
def test_known_families(table: str, family: str) -> None:
    found = CATALOG.table(table)
    assert found is not None
    assert found.family == family


def test_streamed_defender_tables_gain_time_generated() -> None:
    table = CATALOG.table("DeviceNetworkEvents")
    assert table is not None
    column = table.column("TimeGenerated")
    assert column is not None
    assert column.type == "datetime"
    assert "ConnectionSuccess" in table.values["ActionType"]


@pytest.mark.parametrize(
    ("name", "exact", "casefold"),
    [
        ("DeviceProcessEvents", "DeviceProcessEvents", "DeviceProcessEvents"),
        ("deviceprocessevents", None, "DeviceProcessEvents"),
        ("SIGNINLOGS", None, "SigninLogs"),
        ("NoSuchTable", None, None),
    ],
)
def test_table_lookup_is_exact_with_a_casefold_fallback(
    name: str, exact: str | None, casefold: str | None
) -> None:
    found = CATALOG.table(name)
    assert (found.name if found else None) == exact
    folded = CATALOG.find_table_casefold(name)
    assert (folded.name if folded else None) == casefold


def test_column_lookup_is_case_sensitive() -> None:
    table = CATALOG.table("DeviceProcessEvents")
    assert table is not None
    assert table.column("ProcessCommandLine") is not None
    assert table.column("processcommandline") is None


def test_listing_helpers() -> None:
    names = CATALOG.names()
    assert list(names) == sorted(names)
    defender = CATALOG.tables_for("defender")
    assert all("defender" in table.platforms for table in defender)
    assert {table.name for table in CATALOG.tables_for("sentinel")} >= {
        "SigninLogs",
        "DeviceEvents",
    }
    assert CATALOG.families() <= FAMILIES


def test_mappings_are_read_only() -> None:
    table = CATALOG.table("Syslog")
    assert table is not None
    with pytest.raises(TypeError):
        CATALOG.tables["X"] = table  # type: ignore[index]
    with pytest.raises(TypeError):
        table.columns["X"] = table.columns["Computer"]  # type: ignore[index]


def test_catalog_is_constructible_in_memory() -> None:
    catalog = Catalog(version="v", tables={})
    assert catalog.names() == ()
    assert catalog.families() == frozenset()


# The builder, on a small schema and source of our own.
SCHEMA: dict[str, Any] = {
    "tables": {
        "ProcEvents": {
            "platform": "defender",
            "time_column": "Timestamp",
            "columns": {"Timestamp": "datetime", "DeviceName": "string", "ActionType": "string"},
            "sources": ["schema page"],
        },
        "Snapshot": {
            "platform": "defender",
            "time_column": None,
            "columns": {"DeviceId": "string"},
            "sources": [],
        },
    }
}
SOURCE: dict[str, Any] = {
    "version": "2026.01.01",
    "common_columns": {"DeviceName": "Name of the device."},
    "tables": {
        "ProcEvents": {
            "family": "process",
            "description": "Processes.",
            "keywords": ["process"],
            "platforms": ["defender", "sentinel"],
            "values": {"ActionType": ["ProcessCreated"]},
        },
        "Snapshot": {"family": "device_info", "description": "A snapshot."},
        "WorkspaceLog": {
            "family": "other",
            "description": "A workspace table.",
            "platforms": ["sentinel"],
            "columns": {"TimeGenerated": "datetime", "Computer": "string"},
            "column_descriptions": {"Computer": "Sender."},
            "sources": ["reference page"],
        },
    },
}


def test_builder_merges_facts_and_source() -> None:
    built = build_catalog(schema=SCHEMA, source=SOURCE)
    proc = built["tables"]["ProcEvents"]
    assert proc["platforms"] == ["defender", "sentinel"]
    assert proc["time_columns"] == {"defender": "Timestamp", "sentinel": "TimeGenerated"}
    assert proc["columns"]["TimeGenerated"]["type"] == "datetime"
    assert proc["columns"]["DeviceName"]["description"] == "Name of the device."
    assert proc["sources"] == ["schema page"]
    assert built["tables"]["Snapshot"]["time_columns"] == {"defender": None}
    log = built["tables"]["WorkspaceLog"]
    assert log["time_columns"] == {"sentinel": "TimeGenerated"}
    assert log["columns"]["Computer"]["description"] == "Sender."


def test_builder_output_is_deterministic() -> None:
    first = render_catalog(build_catalog(schema=SCHEMA, source=SOURCE))
    second = render_catalog(build_catalog(schema=copy.deepcopy(SCHEMA), source=SOURCE))
    assert first == second
    assert json.loads(first)["version"] == "2026.01.01"


def _broken(path: tuple[str, ...], value: Any) -> dict[str, Any]:
    source = copy.deepcopy(SOURCE)
    target = source
    for key in path[:-1]:
        target = target[key]
    if value is None:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return source


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("tables", "Snapshot"), None, "without a family"),
        (("tables", "Snapshot", "family"), "bogus", "bad family"),
        (("tables", "Snapshot", "description"), " ", "empty description"),
        (("tables", "ProcEvents", "values"), {"Nope": ["x"]}, "unknown columns"),
        (("tables", "ProcEvents", "columns"), {"DeviceName": "long"}, "contradicts"),
        (("tables", "WorkspaceLog", "columns"), {"Computer": "text"}, "not Kusto types"),
        (("tables", "WorkspaceLog", "platforms"), ["splunk"], "bad platforms"),
        (("tables", "WorkspaceLog", "columns"), {"Computer": "string"}, None),
    ],
)
def test_builder_rejects_inconsistent_sources(
    path: tuple[str, ...], value: Any, message: str | None
) -> None:
    source = _broken(path, value)
    if message is None:
        build_catalog(schema=SCHEMA, source=source)
        return
    with pytest.raises(CatalogBuildError, match=message):
        build_catalog(schema=SCHEMA, source=source)


def test_builder_rejects_a_time_column_that_is_not_a_datetime() -> None:
    source = _broken(("tables", "WorkspaceLog", "columns"), {"TimeGenerated": "string"})
    with pytest.raises(CatalogBuildError, match="not a datetime"):
        build_catalog(schema=SCHEMA, source=source)
