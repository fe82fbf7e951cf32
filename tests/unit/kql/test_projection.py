"""Listing rows shows useful columns of every table, not only of those the shared list names."""

from __future__ import annotations

import pytest

from wingman.core.kql.catalog import load_catalog
from wingman.core.kql.planner.fields import FILLED_COLUMNS, projection

CATALOG = load_catalog()
TABLES = sorted((t.name, p) for t in CATALOG.tables.values() for p in sorted(t.platforms))


@pytest.mark.parametrize(("name", "platform"), TABLES)
def test_every_table_lists_its_time_and_several_readable_columns(name: str, platform: str) -> None:
    table = CATALOG.table(name)
    assert table is not None
    columns = projection(table, platform=platform)
    assert len(columns) == len(set(columns))
    assert set(columns) <= set(table.columns)
    time = table.time_column(platform)
    if time:
        assert columns[0] == time
    readable = [
        c
        for c, column in table.columns.items()
        if column.type != "dynamic" and not c.startswith("_") and not c.endswith(("Id", "ID"))
    ]
    # A table with readable columns shows at least a handful of them (a few bookkeeping names
    # such as ReportId and TenantId are never chosen).
    assert len(columns) >= min(FILLED_COLUMNS, len(readable) - 4) + (1 if time else 0)


def test_a_knowledge_base_shows_its_facts_not_only_its_key() -> None:
    table = CATALOG.table("DeviceTvmSoftwareVulnerabilitiesKB")
    assert table is not None
    columns = projection(table, platform="defender")
    assert "CveId" in columns
    assert {"CvssScore", "IsExploitAvailable"} <= set(columns)


def test_bookkeeping_and_nested_columns_are_not_filled_in() -> None:
    for name, platform in TABLES:
        table = CATALOG.table(name)
        assert table is not None
        for column in projection(table, platform=platform):
            assert column not in {"TenantId", "SourceSystem", "ReportId", "_ResourceId"}, name
