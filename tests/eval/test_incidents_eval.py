"""SummarizeIncident on the published incident corpus: parsing, recall and grounding.

The floors are the acceptance bar; the figures come from the same code as `wingman eval
incidents`. Alert fields may hold attacker command lines: they are only read, as text.
"""

from __future__ import annotations

import asyncio
import io
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import make_settings
from wingman.app import build_wingman
from wingman.evaluation.incidents import evaluate_incidents

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus/incidents/dev.jsonl"


@cache
def _evaluate() -> dict[str, Any]:
    """Evaluate the corpus once, as `wingman eval incidents` does."""
    lines = [line for line in CORPUS.read_text(encoding="utf-8").split("\n") if line.strip()]

    async def run() -> dict[str, Any]:
        wingman = build_wingman(make_settings())
        try:
            return await evaluate_incidents(wingman, lines, io.StringIO())
        finally:
            await wingman.aclose()

    return asyncio.run(run())


def _metrics() -> dict[str, Any]:
    if not CORPUS.is_file():
        pytest.skip(f"corpus not found at {CORPUS}")
    return _evaluate()


def test_every_incident_is_read_and_its_format_reported() -> None:
    metrics = _metrics()
    assert metrics["parse_rate"] == 1.0
    assert metrics["format_accuracy"] == 1.0


def test_entities_and_tactics_are_recalled() -> None:
    metrics = _metrics()
    assert metrics["entity_recall"] >= 0.95
    assert metrics["tactic_recall"] >= 0.9


def test_nothing_is_invented_and_every_step_targets_the_incident() -> None:
    metrics = _metrics()
    assert metrics["invented_indicators"] == 0
    assert metrics["absent_targets"] == 0
    assert metrics["grounding_warnings"] == 0


@pytest.mark.parametrize("fmt", ["defender_for_cloud", "graph", "m365d", "mde", "ocsf", "sentinel"])
def test_each_format_of_the_corpus_is_read(fmt: str) -> None:
    per_format = _metrics()["formats"][fmt]
    assert per_format["parse_rate"] == 1.0
    assert per_format["entity_recall"] >= 0.95, per_format
