"""Evaluate ValidateKQL, and NLToKQL when this build has it, on question/KQL pairs in JSONL.

Either corpus format is read: hunting queries (id, description, query, tables, platform) or
NL2KQL pairs (id, question, reference_kql, tables, platform).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from wingman.app import Wingman
from wingman.core.kql.catalog import load_catalog
from wingman.evaluation.kql_generation import Generated, detail, generate_all, generation_metrics
from wingman.evaluation.kql_reference import (
    Checked,
    check_reference,
    mutation_metrics,
    read_item,
    reference_metrics,
)
from wingman.evaluation.report import render

NO_ENGINE = "generation: engine not in this build"
Pair = tuple[Checked, Generated | None]
REFERENCE_HEADER = ["source", "items", "syntax_ok", "coverage", "acceptance", "mutations"]
REFERENCE_HEADER += ["flagged", "first_sugg"]
GENERATION_HEADER = ["valid", "schema_ok", "tbl_exact", "tbl_f1", "filt_f1", "filt_f1_nt"]
GENERATION_HEADER += ["p50_ms", "p95_ms"]


async def evaluate_kql(
    wingman: Wingman, lines: Iterable[str], out: TextIO, details: TextIO | None = None
) -> dict[str, Any]:
    """Validate and mutate every reference query, then score NLToKQL's answers when it has one.

    With `details`, also write one JSON line per item: what was checked and what was found.
    """
    catalog = load_catalog()
    items = [read_item(json.loads(line)) for line in lines if line.strip()]
    checked = [await check_reference(wingman, item, catalog=catalog) for item in items]
    generated = await generate_all(wingman, checked, catalog=catalog)
    answers: Sequence[Generated | None] = generated or [None] * len(checked)
    pairs: list[Pair] = list(zip(checked, answers, strict=True))
    if details is not None:
        for pair in pairs:
            details.write(json.dumps(_detail(pair), sort_keys=True) + "\n")
    groups = _groups(pairs)
    has_generation = generated is not None
    metrics = {
        **_metrics(pairs, generation=has_generation),
        "sources": {
            name: _metrics(group, generation=has_generation)
            for name, group in groups
            if name != "overall"
        },
    }
    header = REFERENCE_HEADER + (GENERATION_HEADER if has_generation else [])
    rows = [_row(name, group, generation=has_generation) for name, group in groups]
    notes = [] if has_generation else [NO_ENGINE]
    render(out, "ValidateKQL and NLToKQL evaluation", header, rows, metrics, notes)
    return metrics


def _groups(pairs: Sequence[Pair]) -> list[tuple[str, list[Pair]]]:
    by_source: dict[str, list[Pair]] = defaultdict(list)
    for pair in pairs:
        by_source[pair[0].item.source].append(pair)
    return [*sorted(by_source.items()), ("overall", list(pairs))]


def _metrics(group: Sequence[Pair], *, generation: bool) -> dict[str, Any]:
    checked = [c for c, _ in group]
    generated = [g for _, g in group if g is not None]
    return {
        "reference": reference_metrics(checked),
        "mutations": mutation_metrics([m for c in checked for m in c.mutations]),
        "generation": generation_metrics(generated) if generation else None,
    }


def _row(name: str, group: Sequence[Pair], *, generation: bool) -> list[Any]:
    m = _metrics(group, generation=generation)
    reference, mutated = m["reference"], m["mutations"]
    row = [name, len(group), reference["syntax_ok"], reference["coverage"]]
    row += [reference["acceptance"], mutated["total"], mutated["flagged_rate"]]
    row.append(mutated["first_suggestion_rate"])
    produced = m["generation"]
    if produced is not None:
        row += [produced[key] for key in ("valid", "schema_ok", "table_exact", "table_f1")]
        row += [produced[key] for key in ("filter_f1", "filter_f1_no_time", "p50_ms", "p95_ms")]
    return row


def _detail(pair: Pair) -> dict[str, Any]:
    checked, generated = pair
    missed = [
        {
            "kind": r.mutation.kind,
            "original": r.mutation.original,
            "mutated": r.mutation.mutated,
            "line": r.mutation.line,
            "column": r.mutation.column,
        }
        for r in checked.mutations
        if not r.excluded and not (r.flagged and r.first_suggestion)
    ]
    return {
        "id": checked.item.id,
        "source": checked.item.source,
        "platform": checked.item.platform,
        "syntax_ok": checked.syntax_ok,
        "covered": checked.covered,
        "accepted": checked.accepted,
        "rejected": checked.eligible and not checked.valid,
        "first_error": checked.first_error,
        "tables": list(checked.tables),
        "mutations": len(checked.mutations),
        "mutations_missed": missed,
        "error": checked.error,
        "generation": detail(generated) if generated is not None else None,
    }
