"""Evaluate AnalyzeScript on a labelled JSONL corpus (fields: text, language, label, ...)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from wingman.app import Wingman
from wingman.core.errors import WingmanError
from wingman.core.models import AnalyzeScriptRequest, AnalyzeScriptResponse, Verdict
from wingman.core.tenant import Tenant
from wingman.evaluation.report import render
from wingman.evaluation.stats import percentile, ratio, roc_auc

FLAGGED = {Verdict.MALICIOUS, Verdict.SUSPICIOUS}
IOC_KINDS = {"urls": {"url"}, "ips": {"ipv4", "ipv6"}, "domains": {"domain"}}


@dataclass
class Outcome:
    """What the engine said about one labelled item."""

    id: str
    language: str
    malicious: bool
    score: int
    flagged: bool
    detected_language: str
    ms_per_kb: float
    iocs_expected: int = 0
    iocs_found: int = 0
    attack_expected: int = 0
    attack_found: int = 0
    attack_parent_found: int = 0
    errors: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)


async def evaluate_scripts(
    wingman: Wingman, lines: Iterable[str], out: TextIO, details: TextIO | None = None
) -> dict[str, Any]:
    """Run every item through the facade and report detection, IOC and ATT&CK metrics.

    With `details`, also write one JSON line per item: what was expected and what was found.
    """
    outcomes = [await _one(wingman, json.loads(line)) for line in lines if line.strip()]
    if details is not None:
        for outcome in outcomes:
            details.write(json.dumps(_detail(outcome), sort_keys=True) + "\n")
    groups = _groups(outcomes)
    metrics = {
        **_metrics(outcomes),
        "languages": {name: _metrics(group) for name, group in groups if name != "overall"},
    }
    rows = [_row(name, group) for name, group in groups]
    header = [
        "language",
        "items",
        "recall",
        "fpr",
        "auc",
        "ioc_recall",
        "attack_recall",
        "lang_acc",
        "p50_ms_kb",
        "p95_ms_kb",
    ]
    render(out, "AnalyzeScript evaluation", header, rows, metrics)
    return metrics


async def _one(wingman: Wingman, item: dict[str, Any]) -> Outcome:
    text = item["text"]
    ctx = wingman.context(Tenant("eval"), "cli")
    try:
        response = await wingman.analyze_script(ctx, AnalyzeScriptRequest(content=text))
    except WingmanError as error:
        return Outcome(
            str(item.get("id", "")),
            item["language"],
            item["label"] == "malicious",
            0,
            False,
            "",
            0.0,
            errors=[error.message],
        )
    return _outcome(item, response, max(len(text.encode("utf-8", "replace")) / 1024, 0.001))


def _outcome(item: dict[str, Any], response: AnalyzeScriptResponse, kb: float) -> Outcome:
    outcome = Outcome(
        id=str(item.get("id", "")),
        language=item["language"],
        malicious=item["label"] == "malicious",
        score=response.score,
        flagged=response.verdict in FLAGGED,
        detected_language=response.language.value,
        ms_per_kb=response.runtime.duration_ms / kb,
    )
    found = {(ioc.type.value, ioc.value.lower()) for ioc in response.iocs}
    missed_iocs: list[str] = []
    for kind, values in (item.get("expected_iocs") or {}).items():
        for value in values:
            hit = any((t, value.lower()) in found for t in IOC_KINDS.get(kind, ()))
            outcome.iocs_expected += 1
            outcome.iocs_found += hit
            if not hit:
                missed_iocs.append(value)
    predicted = {technique.id for technique in response.attack_techniques}
    parents = {technique.split(".")[0] for technique in predicted}
    for technique in item.get("attack_techniques") or []:
        outcome.attack_expected += 1
        outcome.attack_found += technique in predicted
        outcome.attack_parent_found += technique.split(".")[0] in parents
    outcome.details = {
        "verdict": response.verdict.value,
        "behaviors": [behavior.id for behavior in response.behaviors],
        "layers": [layer.technique for layer in response.deobfuscation_layers[1:]],
        "attack_expected": list(item.get("attack_techniques") or []),
        "attack_found": sorted(predicted),
        "missed_iocs": missed_iocs,
        "truncated": response.truncated_reason,
    }
    return outcome


def _detail(outcome: Outcome) -> dict[str, Any]:
    return {
        "id": outcome.id,
        "language": outcome.language,
        "label": "malicious" if outcome.malicious else "benign",
        "score": outcome.score,
        "flagged": outcome.flagged,
        "detected_language": outcome.detected_language,
        "ms_per_kb": round(outcome.ms_per_kb, 3),
        "errors": outcome.errors,
        **outcome.details,
    }


def _groups(outcomes: Sequence[Outcome]) -> list[tuple[str, list[Outcome]]]:
    by_language: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        by_language[outcome.language].append(outcome)
    return [*sorted(by_language.items()), ("overall", list(outcomes))]


def _row(name: str, group: Sequence[Outcome]) -> list[Any]:
    m = _metrics(group)
    return [
        name,
        len(group),
        m["recall"],
        m["fpr"],
        m["roc_auc"],
        m["ioc_recall"],
        m["attack_recall_parent"],
        m["language_accuracy"],
        m["p50_ms_per_kb"],
        m["p95_ms_per_kb"],
    ]


def _metrics(group: Sequence[Outcome]) -> dict[str, Any]:
    positives = [o for o in group if o.malicious]
    negatives = [o for o in group if not o.malicious]
    latency = [o.ms_per_kb for o in group if not o.errors]
    return {
        "items": len(group),
        "errors": sum(bool(o.errors) for o in group),
        "recall": ratio(sum(o.flagged for o in positives), len(positives)),
        "fpr": ratio(sum(o.flagged for o in negatives), len(negatives)),
        "roc_auc": roc_auc([o.score for o in group], [o.malicious for o in group]),
        "ioc_recall": ratio(sum(o.iocs_found for o in group), sum(o.iocs_expected for o in group)),
        "attack_recall": ratio(
            sum(o.attack_found for o in group), sum(o.attack_expected for o in group)
        ),
        "attack_recall_parent": ratio(
            sum(o.attack_parent_found for o in group), sum(o.attack_expected for o in group)
        ),
        "language_accuracy": ratio(
            sum(o.detected_language == o.language for o in group), len(group)
        ),
        "p50_ms_per_kb": percentile(latency, 50),
        "p95_ms_per_kb": percentile(latency, 95),
    }
