"""AnalyzeScript on the labelled script corpus: detection, ranking, indicators and ATT&CK.

The floors are the acceptance bar; the figures come from the same code as `wingman eval
scripts`. The corpus holds live malware text: each item is only passed to the analyzer as a
string; nothing in it is executed, imported, evaluated or rendered.
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
from wingman.evaluation.scripts import evaluate_scripts

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus/scripts/dev.jsonl"
LANGUAGES = ("bash", "batch", "javascript", "powershell", "python", "vbscript")


@cache
def _evaluate() -> dict[str, Any]:
    """Evaluate the corpus once, as `wingman eval scripts` does."""
    lines = [line for line in CORPUS.read_text(encoding="utf-8").split("\n") if line.strip()]

    async def run() -> dict[str, Any]:
        wingman = build_wingman(make_settings())
        try:
            return await evaluate_scripts(wingman, lines, io.StringIO())
        finally:
            await wingman.aclose()

    return asyncio.run(run())


def _report() -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    if not CORPUS.is_file():
        pytest.skip(f"corpus not found at {CORPUS}")
    metrics = _evaluate()
    return metrics, metrics["languages"]


def test_overall_detection() -> None:
    overall, _ = _report()
    assert overall["errors"] == 0
    assert overall["recall"] >= 0.95
    assert overall["fpr"] <= 0.03
    assert overall["roc_auc"] >= 0.98


@pytest.mark.parametrize("language", LANGUAGES)
def test_detection_per_language(language: str) -> None:
    _, per_language = _report()
    metrics = per_language[language]
    assert metrics["recall"] >= 0.90, metrics
    assert metrics["fpr"] <= 0.05, metrics


def test_indicator_and_attack_recall() -> None:
    overall, _ = _report()
    assert overall["ioc_recall"] >= 0.97
    assert overall["attack_recall"] >= 0.80
