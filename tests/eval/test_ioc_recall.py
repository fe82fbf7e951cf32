"""Recall of the indicator extractor on the dev split of the script corpus.

The corpus holds live malware text: each `text` is only ever handled as a string and passed to
the extractor; nothing in it is executed, imported, evaluated or rendered.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from wingman.core.models.common import IndicatorType
from wingman.core.scripts.iocs import extract_iocs, refang

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus/scripts/dev.jsonl"
MIN_RECALL = 0.97
KINDS = {
    "urls": {IndicatorType.URL},
    "ips": {IndicatorType.IPV4, IndicatorType.IPV6},
    "domains": {IndicatorType.DOMAIN},
}


def _items() -> list[dict[str, Any]]:
    """Read the corpus items, or skip when the corpus is not checked out."""
    if not CORPUS.is_file():
        pytest.skip(f"corpus not found at {CORPUS}")
    with CORPUS.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _normalise(kind: str, value: str) -> str:
    """Normalise an expected value the way the extractor normalises what it reports."""
    # Values compare case-insensitively, as the evaluation of AnalyzeScript does.
    return refang(value).lower() if kind == "urls" else value.lower()


def _tally(items: list[dict[str, Any]]) -> tuple[Counter[str], Counter[str]]:
    """Count expected and recalled indicators per kind."""
    expected: Counter[str] = Counter()
    recalled: Counter[str] = Counter()
    for item in items:
        found = extract_iocs(item["text"])
        for kind, types in KINDS.items():
            values = {ioc.value.lower() for ioc in found if ioc.type in types}
            for value in (item.get("expected_iocs") or {}).get(kind) or ():
                expected[kind] += 1
                recalled[kind] += _normalise(kind, value) in values
    return expected, recalled


def test_ioc_recall_on_dev_corpus() -> None:
    expected, recalled = _tally(_items())
    per_kind = {kind: recalled[kind] / expected[kind] for kind in KINDS if expected[kind]}
    overall = sum(recalled.values()) / max(1, sum(expected.values()))
    report = ", ".join(
        f"{kind} {per_kind[kind]:.3f} ({recalled[kind]}/{expected[kind]})" for kind in per_kind
    )
    assert overall >= MIN_RECALL, f"IOC recall {overall:.3f} < {MIN_RECALL}: {report}"
