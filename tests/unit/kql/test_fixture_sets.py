"""NLToKQL example index and analyst-question suite: shape, coverage, independence, syntax."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from antlr4 import CommonTokenStream, InputStream
from antlr4.error.ErrorListener import ErrorListener
from kusto_query_language_parser.parse_tools.KqlLexer import KqlLexer
from kusto_query_language_parser.parse_tools.KqlParser import KqlParser

REPO = Path(__file__).resolve().parents[3]
QUESTIONS = REPO / "tests" / "fixtures" / "kql_questions.jsonl"
SCHEMA = REPO.parent / "shared" / "schema" / "kql_tables.json"

FAMILIES = frozenset(
    {
        "process", "network", "file", "registry", "logon", "email", "identity", "cloud_app",
        "alert", "device_info", "vulnerability", "audit", "cloud_resource", "threat_intel",
        "dns", "web", "security_event", "syslog",
    }
)  # fmt: skip
# Families an analyst asks about most; the index needs enough of each to retrieve from.
CORE_FAMILIES = frozenset(
    {"process", "network", "file", "registry", "logon", "email", "identity", "cloud_app", "alert"}
)
PLATFORMS = frozenset({"defender", "sentinel"})
INTENTS = frozenset(
    {"list", "count", "top", "distinct", "first_seen", "last_seen", "timeline", "threshold"}
)
MIN_LINES = 170
# Sentinel tables the shared schema does not list yet; their columns are checked by hand.
UNLISTED_SENTINEL_TABLES = frozenset(
    {"SecurityEvent", "OfficeActivity", "SecurityAlert", "CommonSecurityLog", "DnsEvents"}
)

EXAMPLE_FIELDS: dict[str, type] = {
    "id": str,
    "question": str,
    "platform": str,
    "kql": str,
    "tables": list,
    "family": str,
}
QUESTION_FIELDS: dict[str, type | tuple[type, ...]] = {
    "id": str,
    "question": str,
    "platform": str,
    "tables": list,
    "filter_columns": list,
    "intent": (str, type(None)),
    "time": (dict, type(None)),
}


def read_jsonl(text: str) -> list[dict[str, Any]]:
    """Return one object per non-blank line."""
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@lru_cache(maxsize=1)
def examples() -> tuple[dict[str, Any], ...]:
    """Load the example index shipped as package data."""
    data = resources.files("wingman.core.kql").joinpath("data/examples.jsonl")
    return tuple(read_jsonl(data.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def questions() -> tuple[dict[str, Any], ...]:
    """Load the analyst-question suite."""
    return tuple(read_jsonl(QUESTIONS.read_text(encoding="utf-8")))


class CollectingListener(ErrorListener):
    """Collect syntax errors instead of printing them."""

    def __init__(self) -> None:
        super().__init__()
        self.errors: list[str] = []

    def syntaxError(
        self, recognizer: Any, offending: Any, line: int, column: int, msg: str, e: Any
    ) -> None:
        self.errors.append(f"{line}:{column} {msg}")


def syntax_errors(query: str) -> list[str]:
    """Parse a query with the KQL grammar and return its syntax errors."""
    listener = CollectingListener()
    lexer = KqlLexer(InputStream(query))
    lexer.removeErrorListeners()
    lexer.addErrorListener(listener)
    parser = KqlParser(CommonTokenStream(lexer))
    parser.removeErrorListeners()
    parser.addErrorListener(listener)
    parser.query()
    return listener.errors


def normalized(text: str) -> str:
    return " ".join(text.casefold().split())


@pytest.mark.parametrize(
    ("rows", "fields", "id_pattern"),
    [
        (examples, EXAMPLE_FIELDS, r"ex-[a-z_]+-\d{3}"),
        (questions, QUESTION_FIELDS, r"q-\d{3}"),
    ],
    ids=["examples", "questions"],
)
def test_rows_have_typed_fields_and_unique_ids(
    rows: Any, fields: dict[str, type | tuple[type, ...]], id_pattern: str
) -> None:
    loaded = rows()
    assert len(loaded) >= MIN_LINES
    ids = [row["id"] for row in loaded]
    assert len(ids) == len(set(ids))
    for row in loaded:
        for name, kind in fields.items():
            assert isinstance(row.get(name), kind), (row["id"], name)
        assert re.fullmatch(id_pattern, row["id"]), row["id"]
        assert row["platform"] in PLATFORMS, row["id"]
        assert row["question"].strip(), row["id"]
        assert all(isinstance(table, str) for table in row["tables"]), row["id"]


def test_examples_cover_every_family() -> None:
    counts: dict[str, int] = {}
    for row in examples():
        assert row["family"] in FAMILIES, row["id"]
        assert row["id"].startswith(f"ex-{row['family']}-"), row["id"]
        counts[row["family"]] = counts.get(row["family"], 0) + 1
    assert set(counts) == FAMILIES
    assert all(counts[family] >= 6 for family in CORE_FAMILIES), counts


def test_examples_name_the_tables_they_query() -> None:
    for row in examples():
        assert row["tables"], row["id"]
        for table in row["tables"]:
            assert re.search(rf"\b{table}\b", row["kql"]), (row["id"], table)


def test_examples_lean_towards_defender() -> None:
    defender = sum(row["platform"] == "defender" for row in examples())
    assert 0.5 <= defender / len(examples()) <= 0.7


@pytest.mark.parametrize("example", examples(), ids=lambda row: str(row["id"]))
def test_example_query_parses(example: dict[str, Any]) -> None:
    assert syntax_errors(example["kql"]) == []


def test_the_grammar_reports_a_broken_query() -> None:
    assert syntax_errors("DeviceProcessEvents | where FileName ==") != []


def test_no_question_is_in_both_sets() -> None:
    indexed = {normalized(row["question"]) for row in examples()}
    shared = [row["id"] for row in questions() if normalized(row["question"]) in indexed]
    assert shared == []


def test_question_intents_and_tables_agree() -> None:
    for row in questions():
        if row["intent"] is None:
            assert row["tables"] == [], row["id"]
            assert row["filter_columns"] == [], row["id"]
        else:
            assert row["intent"] in INTENTS, row["id"]
            assert row["tables"], row["id"]
        assert all(isinstance(column, str) for column in row["filter_columns"]), row["id"]
        assert not {"Timestamp", "TimeGenerated"} & set(row["filter_columns"]), row["id"]


def test_question_time_has_one_known_shape() -> None:
    for row in questions():
        time = row["time"]
        if time is None:
            continue
        assert len(time) == 1, row["id"]
        ((kind, value),) = time.items()
        if kind == "ago":
            assert re.fullmatch(r"\d+[mhd]", value), row["id"]
        elif kind == "between":
            assert len(value) == 2, row["id"]
            assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) for day in value), row["id"]
            assert value[0] < value[1], row["id"]
        else:
            assert kind == "phrase", row["id"]
            assert isinstance(value, str), row["id"]
            assert value.strip(), row["id"]


def test_questions_cover_every_intent_and_include_ones_to_decline() -> None:
    intents = {row["intent"] for row in questions()}
    assert intents == INTENTS | {None}
    declined = sum(row["intent"] is None for row in questions())
    assert declined >= 8


def test_questions_include_hostile_values() -> None:
    hostile = [
        row["id"]
        for row in questions()
        if row["tables"] and re.search(r"[\"'|;\\\n]|\.drop ", row["question"])
    ]
    assert len(hostile) >= 8


@pytest.mark.parametrize(
    ("rows", "flagged"),
    [(examples, "unchecked_columns"), (questions, None)],
    ids=["examples", "questions"],
)
def test_tables_exist_in_the_schema(rows: Any, flagged: str | None) -> None:
    if not SCHEMA.exists():
        pytest.skip("the shared schema is not checked out next to the repository")
    tables = json.loads(SCHEMA.read_text(encoding="utf-8"))["tables"]
    for row in rows():
        missing = {table for table in row["tables"] if table not in tables}
        assert missing <= UNLISTED_SENTINEL_TABLES, (row["id"], missing)
        if flagged is not None:
            assert row.get(flagged, False) is bool(missing), row["id"]
