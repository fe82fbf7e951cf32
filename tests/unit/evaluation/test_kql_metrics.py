"""The arithmetic of `wingman eval kql`: set F1, item reading, and the rates each side reports."""

from __future__ import annotations

from typing import Any

import pytest

from wingman.evaluation.kql_generation import Generated, generation_metrics
from wingman.evaluation.kql_mutations import Mutation, MutationResult
from wingman.evaluation.kql_reference import (
    Checked,
    Item,
    mutation_metrics,
    read_item,
    reference_metrics,
)
from wingman.evaluation.stats import mean, set_f1


@pytest.mark.parametrize(
    ("predicted", "expected", "f1"),
    [
        (set(), set(), 1.0),
        ({"a"}, set(), 0.0),
        (set(), {"a"}, 0.0),
        ({"a"}, {"b"}, 0.0),
        ({"a", "b"}, {"a", "b"}, 1.0),
        ({"a", "b"}, {"a"}, 2 / 3),
        ({"a"}, {"a", "b", "c", "d"}, 0.4),
    ],
)
def test_set_f1(predicted: set[str], expected: set[str], f1: float) -> None:
    assert set_f1(predicted, expected) == pytest.approx(f1)


def test_mean() -> None:
    assert mean([1.0, 0.0, 0.5]) == pytest.approx(0.5)
    assert mean([]) is None


@pytest.mark.parametrize(
    ("record", "source", "platform", "request_platform", "question"),
    [
        (
            {"id": "nl2kql/defender/0001", "question": "q", "reference_kql": "T"},
            "nl2kql/defender",
            "defender",
            "defender",
            "q",
        ),
        (
            {"id": "o/r/x.md", "source_repo": "o/r", "description": "d", "query": "T"},
            "o/r",
            None,
            "defender",
            "d",
        ),
    ],
)
def test_items_of_both_corpora(
    record: dict[str, Any], source: str, platform: str | None, request_platform: str, question: str
) -> None:
    labels = {"nl2kql/defender/0001": "defender", "o/r/x.md": "mixed"}
    item = read_item({**record, "platform": labels[record["id"]], "tables": ["T"]})
    assert (item.source, item.platform, item.question) == (source, platform, question)
    assert item.request_platform.value == request_platform
    assert item.reference == "T"
    assert item.tables == ("T",)


@pytest.mark.parametrize(
    ("label", "platform"),
    [("defender_xdr", "defender"), ("sentinel_or_other", "sentinel"), ("sentinel", "sentinel")],
)
def test_platform_labels(label: str, platform: str) -> None:
    item = read_item({"id": "o/r/x", "query": "T", "platform": label})
    assert item.platform == platform
    assert item.source == "o/r"


ITEM = Item("i", "s", "q", "T", ("T",), "defender")


def _checked(syntax_ok: bool, covered: bool, valid: bool, error: str = "") -> Checked:
    return Checked(ITEM, syntax_ok, covered, valid, error=error)


def test_acceptance_counts_only_parsing_covered_references() -> None:
    group = [
        _checked(True, True, True),
        _checked(True, True, False),
        _checked(False, True, False),  # does not parse: not held against the validator
        _checked(True, False, False),  # a table outside the catalog: likewise
        _checked(False, False, False, error="too large"),
    ]
    metrics = reference_metrics(group)
    assert metrics["items"] == 5
    assert metrics["errors"] == 1
    assert metrics["syntax_ok"] == pytest.approx(3 / 5)
    assert metrics["coverage"] == pytest.approx(3 / 5)
    assert (metrics["eligible"], metrics["accepted"], metrics["rejected"]) == (2, 1, 1)
    assert metrics["acceptance"] == pytest.approx(0.5)


def test_reference_rates_of_nothing_are_none() -> None:
    metrics = reference_metrics([])
    assert metrics["syntax_ok"] is None
    assert metrics["acceptance"] is None


def _result(kind: str, flagged: bool, first: bool, excluded: bool = False) -> MutationResult:
    mutation = Mutation("i", kind, "Name", "Nmae", "T | where Nmae == 1", 1, 11)
    return MutationResult(mutation, flagged, first, excluded)


def test_mutation_rates_leave_out_the_excluded() -> None:
    results = [
        _result("column_typo", True, True),
        _result("column_typo", True, False),
        _result("column_typo", False, False, excluded=True),
        _result("table_typo", False, False),
    ]
    metrics = mutation_metrics(results)
    assert (metrics["total"], metrics["excluded"]) == (4, 1)
    assert metrics["flagged_rate"] == pytest.approx(2 / 3)
    assert metrics["first_suggestion_rate"] == pytest.approx(1 / 3)
    typos = metrics["kinds"]["column_typo"]
    assert (typos["total"], typos["excluded"], typos["flagged_rate"]) == (3, 1, 1.0)
    assert typos["first_suggestion_rate"] == pytest.approx(0.5)
    assert metrics["kinds"]["table_typo"]["flagged_rate"] == 0.0


def test_mutation_rates_of_nothing_are_none() -> None:
    metrics = mutation_metrics([])
    assert metrics == {
        "total": 0,
        "excluded": 0,
        "flagged_rate": None,
        "first_suggestion_rate": None,
        "kinds": {},
    }


def test_generation_rates_and_calibration() -> None:
    group = [
        Generated("a", "T", True, True, True, ("T",), True, 1.0, 1.0, 1.0, 0.9, 10.0),
        Generated("b", "U", True, True, False, ("U",), False, 0.0, 0.5, None, 0.5, 20.0),
        Generated("c", "T|", False, False, False, (), False, 0.0, None, None, 0.3, 30.0),
        Generated("d", error="deadline exceeded", filter_f1=0.0, filter_f1_no_time=0.0),
    ]
    metrics = generation_metrics(group)
    assert (metrics["items"], metrics["errors"]) == (4, 1)
    assert metrics["valid"] == pytest.approx(0.5)
    assert metrics["syntax_ok"] == pytest.approx(0.5)
    assert metrics["schema_ok"] == pytest.approx(0.25)
    assert metrics["table_exact"] == pytest.approx(0.25)
    assert metrics["table_f1"] == pytest.approx(0.25)
    assert metrics["filter_f1"] == pytest.approx(1.5 / 3)  # None: the reference did not parse
    assert metrics["filter_f1_no_time"] == pytest.approx(0.5)
    assert metrics["confidence_table_exact"] == pytest.approx(0.9)
    assert metrics["confidence_table_miss"] == pytest.approx(0.4)  # errors have no confidence
    assert metrics["p50_ms"] == pytest.approx(20.0)
    assert metrics["p95_ms"] == pytest.approx(29.0)
