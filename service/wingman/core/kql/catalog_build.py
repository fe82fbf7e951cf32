"""Build the packaged KQL catalog from the shared schema facts and our own catalog source.

Run from the repository root:

    python -m wingman.core.kql.catalog_build --schema ../shared/schema/kql_tables.json \
        --out service/wingman/core/kql/data/catalog.json
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from wingman.core.kql.catalog import FAMILIES, KUSTO_TYPES, PLATFORMS, TIME_COLUMN_BY_PLATFORM

SOURCE_PATH = Path(__file__).resolve().parent / "data" / "catalog_src.json"
# Rows that Defender XDR streams into a Sentinel workspace gain the workspace's ingestion time.
INGESTION_TIME_DESCRIPTION = "Time the row was written to the Sentinel workspace."

JsonObject = dict[str, Any]


class CatalogBuildError(ValueError):
    """The schema facts and the catalog source disagree or are incomplete."""


def build_catalog(*, schema: Mapping[str, Any], source: Mapping[str, Any]) -> JsonObject:
    """Merge the schema facts with the catalog source into the packaged catalog document."""
    facts: Mapping[str, Any] = schema["tables"]
    ours: Mapping[str, Any] = source["tables"]
    missing = sorted(set(facts) - set(ours))
    if missing:
        raise CatalogBuildError(f"tables without a family and description: {missing}")
    common: Mapping[str, str] = source.get("common_columns", {})
    tables = {
        name: _build_table(name, fact=facts.get(name), own=ours[name], common=common)
        for name in sorted(ours)
    }
    return {"version": source["version"], "tables": tables}


def render_catalog(catalog: Mapping[str, Any]) -> str:
    """Serialise the catalog deterministically (one-space indent, stable key order)."""
    return json.dumps(catalog, indent=1, ensure_ascii=False) + "\n"


def _build_table(
    name: str, *, fact: Mapping[str, Any] | None, own: Mapping[str, Any], common: Mapping[str, str]
) -> JsonObject:
    types = _column_types(name, fact=fact, own=own)
    platforms = _platforms(name, fact=fact, own=own)
    if "sentinel" in platforms and "TimeGenerated" not in types:
        types["TimeGenerated"] = "datetime"
    time_columns = _time_columns(name, fact=fact, own=own, platforms=platforms, types=types)
    descriptions: Mapping[str, str] = own.get("column_descriptions", {})
    values: Mapping[str, list[str]] = own.get("values", {})
    _require_columns(name, "column_descriptions", descriptions, types)
    _require_columns(name, "values", values, types)
    _require_entry(name, own)
    columns = {
        col: {"type": kind, "description": _column_description(col, descriptions, common)}
        for col, kind in types.items()
    }
    return {
        "platforms": sorted(platforms),
        "time_columns": {platform: time_columns[platform] for platform in sorted(time_columns)},
        "family": own["family"],
        "description": own["description"],
        "keywords": list(own.get("keywords", [])),
        "columns": columns,
        "values": {col: list(values[col]) for col in sorted(values)},
        "sources": _sources(fact, own),
    }


def _column_types(
    name: str, *, fact: Mapping[str, Any] | None, own: Mapping[str, Any]
) -> dict[str, str]:
    types: dict[str, str] = dict(fact["columns"]) if fact else {}
    for col, kind in own.get("columns", {}).items():
        if types.get(col, kind) != kind:
            raise CatalogBuildError(f"{name}.{col}: {kind} contradicts the schema's {types[col]}")
        types[col] = kind
    if not types:
        raise CatalogBuildError(f"{name}: no columns from any source")
    bad = sorted(f"{col}:{kind}" for col, kind in types.items() if kind not in KUSTO_TYPES)
    if bad:
        raise CatalogBuildError(f"{name}: not Kusto types: {bad}")
    return types


def _platforms(
    name: str, *, fact: Mapping[str, Any] | None, own: Mapping[str, Any]
) -> frozenset[str]:
    if "platforms" in own:
        platforms = frozenset(own["platforms"])
    elif fact is not None:
        platform = fact["platform"]
        platforms = PLATFORMS if platform == "both" else frozenset({platform})
    else:
        raise CatalogBuildError(f"{name}: no platforms from any source")
    if not platforms or not platforms <= PLATFORMS:
        raise CatalogBuildError(f"{name}: bad platforms {sorted(platforms)}")
    return platforms


def _time_columns(
    name: str,
    *,
    fact: Mapping[str, Any] | None,
    own: Mapping[str, Any],
    platforms: frozenset[str],
    types: Mapping[str, str],
) -> dict[str, str | None]:
    declared = own.get("time_columns") or (fact or {}).get("time_columns")
    if declared is not None:
        chosen: dict[str, str | None] = {p: declared.get(p) for p in platforms}
    else:
        chosen = {p: _present(TIME_COLUMN_BY_PLATFORM[p], types) for p in platforms}
        _check_fact_time_column(name, fact, chosen)
    for platform, col in chosen.items():
        if col is not None and types.get(col) != "datetime":
            raise CatalogBuildError(f"{name}: time column {col} on {platform} is not a datetime")
    return chosen


def _present(col: str, types: Mapping[str, str]) -> str | None:
    return col if col in types else None


def _check_fact_time_column(
    name: str, fact: Mapping[str, Any] | None, chosen: Mapping[str, str | None]
) -> None:
    if fact is None or fact["platform"] == "both":
        return
    if chosen.get(fact["platform"]) != fact.get("time_column"):
        raise CatalogBuildError(
            f"{name}: derived time column {chosen.get(fact['platform'])} "
            f"differs from the schema's {fact.get('time_column')}"
        )


def _column_description(col: str, own: Mapping[str, str], common: Mapping[str, str]) -> str:
    if col in own:
        return own[col]
    if col == "TimeGenerated" and col not in common:
        return INGESTION_TIME_DESCRIPTION
    return common.get(col, "")


def _require_columns(
    name: str, field: str, entries: Mapping[str, Any], types: Mapping[str, str]
) -> None:
    unknown = sorted(set(entries) - set(types))
    if unknown:
        raise CatalogBuildError(f"{name}.{field}: unknown columns {unknown}")


def _require_entry(name: str, own: Mapping[str, Any]) -> None:
    if own.get("family") not in FAMILIES:
        raise CatalogBuildError(f"{name}: bad family {own.get('family')!r}")
    if not str(own.get("description", "")).strip():
        raise CatalogBuildError(f"{name}: empty description")


def _sources(fact: Mapping[str, Any] | None, own: Mapping[str, Any]) -> list[str]:
    merged = [*(fact or {}).get("sources", []), *own.get("sources", [])]
    return list(dict.fromkeys(merged))


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def main(argv: Sequence[str] | None = None) -> int:
    """Write the catalog built from `--schema` and `--src` to `--out`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--schema", type=Path, required=True, help="kql_tables.json")
    parser.add_argument("--src", type=Path, default=SOURCE_PATH, help="catalog_src.json")
    parser.add_argument("--out", type=Path, required=True, help="catalog.json to write")
    args = parser.parse_args(argv)
    catalog = build_catalog(schema=_read_json(args.schema), source=_read_json(args.src))
    args.out.write_text(render_catalog(catalog), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
