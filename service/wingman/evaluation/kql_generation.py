"""The generation side of the KQL evaluation: NLToKQL's query against the reference's structure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from wingman.app import Wingman
from wingman.core.errors import Unimplemented, WingmanError
from wingman.core.kql.catalog import Catalog
from wingman.core.kql.validate import check
from wingman.core.models import NLToKQLRequest
from wingman.core.tenant import Tenant
from wingman.evaluation.kql_reference import SYNTAX_CODE, Checked
from wingman.evaluation.kql_structure import query_filter_columns, without_time
from wingman.evaluation.stats import mean, percentile, ratio, set_f1


@dataclass(frozen=True, slots=True)
class Generated:
    """What NLToKQL answered to one question, scored against the reference query."""

    id: str
    kql: str = ""
    valid: bool = False
    syntax_ok: bool = False
    schema_ok: bool = False
    tables: tuple[str, ...] = ()
    table_exact: bool = False
    table_f1: float = 0.0
    # None when the reference itself does not parse: there is nothing to compare with.
    filter_f1: float | None = None
    filter_f1_no_time: float | None = None
    confidence: float = 0.0
    latency_ms: float | None = None
    error: str = ""


async def generate_all(
    wingman: Wingman, checked: Sequence[Checked], *, catalog: Catalog
) -> list[Generated] | None:
    """Ask NLToKQL every question; None when this build has no NLToKQL engine."""
    results = []
    for reference in checked:
        try:
            results.append(await generate(wingman, reference, catalog=catalog))
        except Unimplemented:
            return None
    return results


async def generate(wingman: Wingman, reference: Checked, *, catalog: Catalog) -> Generated:
    """Generate a query for one question and score it; UNIMPLEMENTED is left to the caller."""
    item = reference.item
    ctx = wingman.context(Tenant("eval"), "cli")
    request = NLToKQLRequest(question=item.question, platform=item.request_platform)
    try:
        response = await wingman.nl_to_kql(ctx, request)
    except Unimplemented:
        raise
    except WingmanError as error:
        score = _no_filters(reference)
        return Generated(item.id, filter_f1=score, filter_f1_no_time=score, error=error.message)
    report = check(response.kql, catalog=catalog, platform=item.request_platform.value)
    tables = set(report.tables)
    expected = set(reference.tables)
    filters = _filter_f1(response.kql, item.reference)
    return Generated(
        id=item.id,
        kql=response.kql,
        valid=response.valid,
        syntax_ok=not any(x.code == SYNTAX_CODE for x in report.diagnostics),
        schema_ok=report.valid,
        tables=report.tables,
        table_exact=tables == expected,
        table_f1=set_f1(tables, expected),
        filter_f1=filters[0],
        filter_f1_no_time=filters[1],
        confidence=response.confidence,
        latency_ms=response.runtime.duration_ms,
    )


def _no_filters(reference: Checked) -> float | None:
    """The filter score of a failed answer: zero, unless the reference cannot be scored."""
    return None if query_filter_columns(reference.item.reference) is None else 0.0


def _filter_f1(generated: str, reference: str) -> tuple[float | None, float | None]:
    """Filter-column F1 with and without the time column; a query that does not parse gets 0."""
    expected = query_filter_columns(reference)
    if expected is None:
        return None, None
    found = query_filter_columns(generated)
    if found is None:
        return 0.0, 0.0
    return set_f1(found, expected), set_f1(without_time(found), without_time(expected))


def generation_metrics(group: Sequence[Generated]) -> dict[str, Any]:
    """Validity, structure match, confidence calibration and latency of the generated queries."""
    exact = [g.confidence for g in group if g.table_exact and not g.error]
    missed = [g.confidence for g in group if not g.table_exact and not g.error]
    latency = [g.latency_ms for g in group if g.latency_ms is not None]
    return {
        "items": len(group),
        "errors": sum(bool(g.error) for g in group),
        "valid": ratio(sum(g.valid for g in group), len(group)),
        "syntax_ok": ratio(sum(g.syntax_ok for g in group), len(group)),
        "schema_ok": ratio(sum(g.schema_ok for g in group), len(group)),
        "table_exact": ratio(sum(g.table_exact for g in group), len(group)),
        "table_f1": mean([g.table_f1 for g in group]),
        "filter_f1": mean([g.filter_f1 for g in group if g.filter_f1 is not None]),
        "filter_f1_no_time": mean(
            [g.filter_f1_no_time for g in group if g.filter_f1_no_time is not None]
        ),
        "confidence_table_exact": mean(exact),
        "confidence_table_miss": mean(missed),
        "p50_ms": percentile(latency, 50),
        "p95_ms": percentile(latency, 95),
    }


def detail(generated: Generated) -> dict[str, Any]:
    """One item's generated query and scores, for `--details`."""
    return {
        "kql": generated.kql,
        "valid": generated.valid,
        "syntax_ok": generated.syntax_ok,
        "schema_ok": generated.schema_ok,
        "tables": list(generated.tables),
        "table_exact": generated.table_exact,
        "table_f1": generated.table_f1,
        "filter_f1": generated.filter_f1,
        "filter_f1_no_time": generated.filter_f1_no_time,
        "confidence": generated.confidence,
        "latency_ms": generated.latency_ms,
        "error": generated.error,
    }
