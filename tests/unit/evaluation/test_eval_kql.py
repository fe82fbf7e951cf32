"""`wingman eval kql`: reference checks and mutations always; generation only with an engine."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from wingman.app import Wingman, build_wingman
from wingman.cli import main
from wingman.config import Settings
from wingman.core.models import Engine, NLToKQLRequest, NLToKQLResponse
from wingman.engines import Capability, Engines, kql_validation_engine
from wingman.evaluation.kql import NO_ENGINE

POWERSHELL = (
    "DeviceProcessEvents | where Timestamp > ago(7d) | where FileName =~ 'powershell.exe' "
    "| distinct DeviceName"
)
ITEMS = [
    {
        "id": "own/hunts/failed-logons.kql",
        "source_repo": "own/hunts",
        "description": "Failed logons per account over the last day",
        "query": "SecurityEvent | where TimeGenerated > ago(1d) | where EventID == 4625 "
        "| summarize count() by Account",
        "tables": ["SecurityEvent"],
        "platform": "sentinel_or_other",
    },
    {
        "id": "own/hunts/wrong-column.kql",
        "source_repo": "own/hunts",
        "description": "Processes by an invented column name",
        "query": "DeviceProcessEvents | where Timestamp > ago(1d) | where ProcessName == 'x'",
        "tables": ["DeviceProcessEvents"],
        "platform": "defender_xdr",
    },
    {
        "id": "own/hunts/no-semicolon.kql",
        "source_repo": "own/hunts",
        "description": "A let statement that never ends",
        "query": "let x = 1 DeviceInfo | take 1",
        "tables": ["DeviceInfo"],
        "platform": "mixed",
    },
    {
        "id": "own/hunts/custom.kql",
        "source_repo": "own/hunts",
        "description": "Rows of a custom table",
        "query": "MyCustom_CL | take 1",
        "tables": ["MyCustom_CL"],
        "platform": "sentinel_or_other",
    },
    {
        "id": "nl2kql/defender/9001",
        "question": "Which devices ran PowerShell this week?",
        "reference_kql": POWERSHELL,
        "tables": ["DeviceProcessEvents"],
        "platform": "defender",
    },
]


def _planner(request: NLToKQLRequest, *, deadline: float) -> NLToKQLResponse:
    """Answer every question with the same query, as a stand-in planner."""
    return NLToKQLResponse(
        kql=POWERSHELL.rsplit("|", 1)[0],
        valid=True,
        platform=request.platform,
        tables=("DeviceProcessEvents",),
        confidence=0.75,
        engine=Engine(name="test-planner", version="1"),
    )


def _with_planner(settings: Settings) -> Wingman:
    engines = Engines(
        validate_kql=kql_validation_engine(),
        nl_to_kql=Capability("test-planner", "1", _planner),
    )
    return build_wingman(settings, engines=engines)


def _without_planner(settings: Settings) -> Wingman:
    return build_wingman(settings, engines=Engines(validate_kql=kql_validation_engine()))


def run(tmp_path: Path, *extra: str, **build: Any) -> tuple[int, list[str]]:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps(i) for i in ITEMS) + "\n", "utf-8")
    out = io.StringIO()
    status = main(["eval", "kql", str(corpus), *extra], stdout=out, **build)
    return status, out.getvalue().splitlines()


@pytest.fixture(scope="module")
def no_engine(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], dict[str, Any]]:
    """One run with ValidateKQL and no NLToKQL engine, with details."""
    tmp_path = tmp_path_factory.mktemp("kql")
    details = tmp_path / "details.jsonl"
    status, lines = run(tmp_path, "--details", str(details), build=_without_planner)
    assert status == 0
    rows = [json.loads(line) for line in details.read_text("utf-8").splitlines()]
    return lines, {row["id"]: row for row in rows}


def test_without_an_engine_generation_is_absent_not_invented(
    no_engine: tuple[list[str], dict[str, Any]],
) -> None:
    lines, _ = no_engine
    assert NO_ENGINE in lines
    assert any(line.startswith("overall") for line in lines)
    metrics = json.loads(lines[-1])
    assert metrics["generation"] is None
    assert all(source["generation"] is None for source in metrics["sources"].values())
    assert sorted(metrics["sources"]) == ["nl2kql/defender", "own/hunts"]


def test_reference_metrics(no_engine: tuple[list[str], dict[str, Any]]) -> None:
    lines, _ = no_engine
    reference = json.loads(lines[-1])["reference"]
    assert reference["items"] == 5
    assert reference["syntax_ok"] == 0.8
    assert reference["coverage"] == 0.8
    assert (reference["eligible"], reference["accepted"], reference["rejected"]) == (3, 2, 1)
    mutations = json.loads(lines[-1])["mutations"]
    assert mutations["total"] > 0
    assert mutations["flagged_rate"] == 1.0


def test_details_name_the_rejected_references_and_their_first_error(
    no_engine: tuple[list[str], dict[str, Any]],
) -> None:
    _, rows = no_engine
    rejected = [name for name, row in rows.items() if row["rejected"]]
    assert rejected == ["own/hunts/wrong-column.kql"]
    assert rows["own/hunts/wrong-column.kql"]["first_error"].startswith("KQL210 1:")
    assert rows["own/hunts/no-semicolon.kql"]["syntax_ok"] is False
    assert rows["own/hunts/custom.kql"]["covered"] is False
    assert rows["nl2kql/defender/9001"]["generation"] is None


def test_generation_is_scored_when_an_engine_answers(tmp_path: Path) -> None:
    details = tmp_path / "details.jsonl"
    status, lines = run(tmp_path, "--details", str(details), build=_with_planner)
    assert status == 0
    assert NO_ENGINE not in lines
    assert "tbl_exact" in lines[1]
    metrics = json.loads(lines[-1])
    generation = metrics["generation"]
    assert generation["items"] == 5
    assert generation["valid"] == 1.0
    assert generation["schema_ok"] == 1.0
    nl2kql = metrics["sources"]["nl2kql/defender"]["generation"]
    assert nl2kql["table_exact"] == 1.0
    assert nl2kql["filter_f1"] == 1.0
    assert nl2kql["confidence_table_exact"] == 0.75
    rows = {row["id"]: row for row in map(json.loads, details.read_text("utf-8").splitlines())}
    logons = rows["own/hunts/failed-logons.kql"]["generation"]
    assert (logons["table_exact"], logons["table_f1"]) == (False, 0.0)
    # Reference filters {TimeGenerated, EventID}; generated {Timestamp, FileName}.
    assert (logons["filter_f1"], logons["filter_f1_no_time"]) == (0.0, 0.0)
    assert rows["own/hunts/no-semicolon.kql"]["generation"]["filter_f1"] is None
