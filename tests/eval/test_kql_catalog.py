"""The committed KQL catalog against the shared schema facts and the tables the corpora query.

Only the `tables` field of the corpus files is read.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from wingman.core.kql.catalog import load_catalog
from wingman.core.kql.catalog_build import SOURCE_PATH, build_catalog, render_catalog

SHARED = Path(__file__).resolve().parents[3] / "shared"
SCHEMA = SHARED / "schema" / "kql_tables.json"
CATALOG = SOURCE_PATH.parent / "catalog.json"
CORPORA = [SHARED / "corpus" / "kql" / "dev.jsonl", SHARED / "corpus" / "nl2kql" / "dev.jsonl"]


def _json(path: Path) -> Any:
    if not path.is_file():
        pytest.skip(f"not found: {path}")
    return json.loads(path.read_text(encoding="utf-8"))


def _corpus_tables() -> set[str]:
    names: set[str] = set()
    for path in CORPORA:
        if not path.is_file():
            pytest.skip(f"corpus not found at {path}")
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    names.update(json.loads(line).get("tables") or ())
    return names


def test_committed_catalog_equals_a_rebuild() -> None:
    schema = _json(SCHEMA)
    source = json.loads(SOURCE_PATH.read_text(encoding="utf-8"))
    rebuilt = render_catalog(build_catalog(schema=schema, source=source))
    assert CATALOG.read_text(encoding="utf-8") == rebuilt


def test_every_publicly_known_corpus_table_is_in_the_catalog() -> None:
    schema_tables = set(_json(SCHEMA)["tables"])
    source_tables = set(json.loads(SOURCE_PATH.read_text(encoding="utf-8"))["tables"])
    known = _corpus_tables() & (schema_tables | source_tables)
    missing = sorted(known - set(load_catalog().tables))
    assert not missing, missing
