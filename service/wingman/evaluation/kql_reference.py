"""The reference side of the KQL evaluation: corpus items, their queries validated, mutated."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from wingman.app import Wingman
from wingman.core.errors import WingmanError
from wingman.core.kql.catalog import Catalog
from wingman.core.kql.validate import check
from wingman.core.models import Diagnostic, DiagnosticSeverity, Platform, ValidateKQLRequest
from wingman.core.tenant import Tenant
from wingman.evaluation.kql_mutations import MutationResult, judge, mutations
from wingman.evaluation.stats import ratio

# Corpus platform labels -> the platform validation is told; None lets it infer from the tables.
PLATFORMS: dict[str, str | None] = {
    "defender_xdr": "defender",
    "sentinel_or_other": "sentinel",
    "mixed": None,
    "defender": "defender",
    "sentinel": "sentinel",
}
SYNTAX_CODE = "KQL100"


@dataclass(frozen=True, slots=True)
class Item:
    """One corpus pair: a question, its reference query and the tables that query reads."""

    id: str
    source: str
    question: str
    reference: str
    tables: tuple[str, ...]
    platform: str | None

    @property
    def request_platform(self) -> Platform:
        """The platform a question is asked for; a query over both platforms' tables: Defender."""
        return Platform(self.platform or "defender")


def read_item(record: dict[str, Any]) -> Item:
    """An item of either corpus: hunting queries (description, query) or NL2KQL (question, ...)."""
    item_id = str(record.get("id", ""))
    label = str(record.get("platform") or "")
    if "reference_kql" in record:
        source = f"nl2kql/{label}"
    else:
        source = str(record.get("source_repo") or "/".join(item_id.split("/")[:2]))
    return Item(
        id=item_id,
        source=source,
        question=str(record.get("question") or record.get("description") or ""),
        reference=str(record.get("reference_kql") or record.get("query") or ""),
        tables=tuple(record.get("tables") or ()),
        platform=PLATFORMS.get(label),
    )


@dataclass
class Checked:
    """What ValidateKQL said about one reference query, and how its mutations fared."""

    item: Item
    syntax_ok: bool
    covered: bool
    valid: bool
    first_error: str = ""
    # The tables generated queries are compared with: those validation resolved when the
    # reference validates, else the corpus's own list.
    tables: tuple[str, ...] = ()
    mutations: list[MutationResult] = field(default_factory=list)
    error: str = ""

    @property
    def eligible(self) -> bool:
        """Whether the reference can be expected to validate: it parses, its tables are known."""
        return self.syntax_ok and self.covered

    @property
    def accepted(self) -> bool:
        return self.eligible and self.valid


async def check_reference(wingman: Wingman, item: Item, *, catalog: Catalog) -> Checked:
    """Validate a reference through the facade, then mutate it when it is accepted."""
    covered = all(catalog.table(name) is not None for name in item.tables)
    platform = Platform(item.platform) if item.platform else None
    ctx = wingman.context(Tenant("eval"), "cli")
    try:
        response = await wingman.validate_kql(
            ctx, ValidateKQLRequest(kql=item.reference, platform=platform)
        )
    except WingmanError as error:
        return Checked(item, False, covered, False, tables=item.tables, error=error.message)
    errors = [x for x in response.diagnostics if x.severity is DiagnosticSeverity.ERROR]
    checked = Checked(
        item,
        syntax_ok=not any(x.code == SYNTAX_CODE for x in response.diagnostics),
        covered=covered,
        valid=response.valid,
        first_error=describe(errors[0]) if errors else "",
        tables=response.tables if response.valid else item.tables,
    )
    if checked.accepted:
        checked.mutations = mutate(item, catalog=catalog)
    return checked


def mutate(item: Item, *, catalog: Catalog) -> list[MutationResult]:
    """Break names of a valid reference one at a time and judge each broken query."""
    report = check(item.reference, catalog=catalog, platform=item.platform)
    return [
        judge(mutation, catalog=catalog, platform=report.platform)
        for mutation in mutations(item.id, item.reference, report)
    ]


def describe(diagnostic: Diagnostic) -> str:
    """A diagnostic on one line: code, position, message."""
    return f"{diagnostic.code} {diagnostic.line}:{diagnostic.column} {diagnostic.message}"


def reference_metrics(group: Sequence[Checked]) -> dict[str, Any]:
    """Syntax, catalog coverage and acceptance of the reference queries."""
    eligible = [c for c in group if c.eligible]
    accepted = sum(c.accepted for c in eligible)
    return {
        "items": len(group),
        "errors": sum(bool(c.error) for c in group),
        "syntax_ok": ratio(sum(c.syntax_ok for c in group), len(group)),
        "coverage": ratio(sum(c.covered for c in group), len(group)),
        "eligible": len(eligible),
        "accepted": accepted,
        "rejected": len(eligible) - accepted,
        "acceptance": ratio(accepted, len(eligible)),
    }


def mutation_metrics(results: Sequence[MutationResult]) -> dict[str, Any]:
    """Flagged and first-suggestion rates overall and per kind of mutation."""
    by_kind: dict[str, list[MutationResult]] = defaultdict(list)
    for result in results:
        by_kind[result.mutation.kind].append(result)
    return {
        **_rates(results),
        "kinds": {kind: _rates(group) for kind, group in sorted(by_kind.items())},
    }


def _rates(results: Iterable[MutationResult]) -> dict[str, Any]:
    """Rates over the judged mutations: those that broke no name after all are excluded."""
    results = list(results)
    judged = [r for r in results if not r.excluded]
    return {
        "total": len(results),
        "excluded": len(results) - len(judged),
        "flagged_rate": ratio(sum(r.flagged for r in judged), len(judged)),
        "first_suggestion_rate": ratio(sum(r.first_suggestion for r in judged), len(judged)),
    }
