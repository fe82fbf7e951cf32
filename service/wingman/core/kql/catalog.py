"""The KQL schema catalog: tables, columns and types of Defender XDR and Microsoft Sentinel."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any, Final

KUSTO_TYPES: Final = frozenset(
    {"string", "int", "long", "real", "bool", "datetime", "timespan", "dynamic", "guid", "decimal"}
)
PLATFORMS: Final = frozenset({"defender", "sentinel"})
FAMILIES: Final = frozenset(
    {
        "process",
        "network",
        "file",
        "registry",
        "logon",
        "email",
        "identity",
        "cloud_app",
        "alert",
        "device_info",
        "vulnerability",
        "audit",
        "cloud_resource",
        "threat_intel",
        "dns",
        "web",
        "security_event",
        "syslog",
        "other",
    }
)
# The event time each platform stamps on its rows.
TIME_COLUMN_BY_PLATFORM: Final[Mapping[str, str]] = MappingProxyType(
    {"defender": "Timestamp", "sentinel": "TimeGenerated"}
)


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table, with its Kusto type."""

    name: str
    type: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class Table:
    """One table as queried on one or both platforms."""

    name: str
    platforms: frozenset[str]
    time_columns: Mapping[str, str | None]
    columns: Mapping[str, Column]
    family: str
    description: str
    values: Mapping[str, tuple[str, ...]]
    keywords: tuple[str, ...]

    def column(self, name: str) -> Column | None:
        """Return the column spelled exactly `name` (KQL names are case-sensitive)."""
        return self.columns.get(name)

    def time_column(self, platform: str) -> str | None:
        """Return the event-time column on `platform`, or None for snapshot tables."""
        return self.time_columns.get(platform)


@dataclass(frozen=True, slots=True)
class Catalog:
    """Every known table, keyed by its exact name."""

    version: str
    tables: Mapping[str, Table]

    def table(self, name: str) -> Table | None:
        """Return the table spelled exactly `name`."""
        return self.tables.get(name)

    def find_table_casefold(self, name: str) -> Table | None:
        """Return the table whose name matches `name` ignoring case, to suggest a spelling."""
        wanted = name.casefold()
        for table in self.tables.values():
            if table.name.casefold() == wanted:
                return table
        return None

    def names(self) -> tuple[str, ...]:
        """Return every table name, sorted."""
        return tuple(sorted(self.tables))

    def tables_for(self, platform: str) -> tuple[Table, ...]:
        """Return the tables queryable on `platform`, sorted by name."""
        return tuple(
            self.tables[name] for name in self.names() if platform in self.tables[name].platforms
        )

    def families(self) -> frozenset[str]:
        """Return the families that at least one table belongs to."""
        return frozenset(table.family for table in self.tables.values())


@lru_cache(maxsize=1)
def load_catalog() -> Catalog:
    """Load the catalog shipped as package data."""
    source = resources.files("wingman.core.kql").joinpath("data", "catalog.json")
    raw = json.loads(source.read_text(encoding="utf-8"))
    tables = {name: _table(name, entry) for name, entry in raw["tables"].items()}
    return Catalog(version=str(raw["version"]), tables=MappingProxyType(tables))


def _table(name: str, entry: Mapping[str, Any]) -> Table:
    columns = {
        col: Column(name=col, type=spec["type"], description=spec.get("description", ""))
        for col, spec in entry["columns"].items()
    }
    values = {col: tuple(items) for col, items in entry.get("values", {}).items()}
    return Table(
        name=name,
        platforms=frozenset(entry["platforms"]),
        time_columns=MappingProxyType(dict(entry["time_columns"])),
        columns=MappingProxyType(columns),
        family=entry["family"],
        description=entry["description"],
        values=MappingProxyType(values),
        keywords=tuple(entry.get("keywords", ())),
    )
