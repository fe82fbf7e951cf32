"""ValidateKQL, and NLToKQL once it is in the build, on the hunting-query and NL2KQL corpora.

The floors are the acceptance bar; the figures come from `wingman eval kql` itself, run through
the CLI once per corpus file.
"""

from __future__ import annotations

import io
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from wingman.cli import main
from wingman.evaluation.kql import NO_ENGINE

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
FILES = {"kql": CORPUS / "kql" / "dev.jsonl", "nl2kql": CORPUS / "nl2kql" / "dev.jsonl"}

# Floors on the generated queries, per corpus file, a little under what the deterministic
# planner measured when they were set (nl2kql: valid 1.000, table exact 0.861, table F1 0.896,
# filter-column F1 0.763; kql: 0.981, 0.620, 0.702, and 0.199 without the time column, which
# published hunting queries filter on whether or not their descriptions name a time, see
# docs/adr/008). The acceptance bar is nl2kql table exact 0.8 and filter F1 0.6, kql table
# exact 0.6 and table F1 0.7; these floors keep what is above it.
GENERATION_FLOORS: dict[str, dict[str, float]] = {
    "nl2kql": {"valid": 0.99, "table_exact": 0.85, "table_f1": 0.88, "filter_f1": 0.75},
    "kql": {"valid": 0.975, "table_exact": 0.61, "table_f1": 0.69, "filter_f1_no_time": 0.19},
}


@cache
def _run(name: str) -> tuple[str, dict[str, Any]]:
    out = io.StringIO()
    assert main(["eval", "kql", str(FILES[name])], stdout=out) == 0
    text = out.getvalue()
    return text, json.loads(text.splitlines()[-1])


def _metrics(name: str) -> dict[str, Any]:
    if not FILES[name].is_file():
        pytest.skip(f"corpus not found at {FILES[name]}")
    return _run(name)[1]


@pytest.mark.parametrize("name", sorted(FILES))
def test_reference_queries_that_parse_over_known_tables_are_accepted(name: str) -> None:
    reference = _metrics(name)["reference"]
    assert reference["errors"] == 0
    # A few published queries read columns their tables do not have; the rest must pass.
    assert reference["acceptance"] >= 0.99, reference


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_broken_name_is_flagged_in_place(name: str) -> None:
    mutations = _metrics(name)["mutations"]
    assert mutations["total"] >= 300
    assert mutations["flagged_rate"] == 1.0, mutations
    assert mutations["first_suggestion_rate"] >= 0.9, mutations


@pytest.mark.parametrize("name", sorted(FILES))
def test_generation(name: str) -> None:
    metrics = _metrics(name)
    generation = metrics["generation"]
    if generation is None:
        assert NO_ENGINE in _run(name)[0]
        pytest.skip("NLToKQL is not in this build")
    assert generation["items"] == metrics["reference"]["items"]
    # A query the planner calls valid has passed ValidateKQL: re-validated, none may fail.
    assert generation["schema_ok"] == generation["valid"], generation
    for key, floor in GENERATION_FLOORS.get(name, {}).items():
        assert generation[key] >= floor, (key, generation)
