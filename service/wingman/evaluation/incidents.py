"""Evaluate SummarizeIncident on a labelled JSONL corpus (fields: id, format, incident, facts)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from wingman.app import Wingman
from wingman.core.errors import WingmanError
from wingman.core.incidents.formats.fields import json_strings
from wingman.core.knowledge.attack import AttackCatalog
from wingman.core.models import IncidentEntity, SummarizeIncidentRequest, SummarizeIncidentResponse
from wingman.core.scripts.iocs import extract_iocs
from wingman.core.tenant import Tenant
from wingman.evaluation.report import render
from wingman.evaluation.stats import percentile, ratio

# Indicator kinds whose invention the report counts.
_INDICATORS = frozenset({"ipv4", "ipv6", "domain", "url", "email", "md5", "sha1", "sha256"})


@dataclass
class Outcome:
    """What the engine said about one incident, measured against its facts."""

    id: str
    format: str
    parsed: bool = False
    format_ok: bool = False
    entities_expected: int = 0
    entities_found: int = 0
    tactics_expected: int = 0
    tactics_found: int = 0
    invented: list[str] = field(default_factory=list)
    absent_targets: int = 0
    grounding_warnings: int = 0
    ms: float = 0.0
    error: str = ""
    missed: list[str] = field(default_factory=list)


async def evaluate_incidents(
    wingman: Wingman, lines: Iterable[str], out: TextIO, details: TextIO | None = None
) -> dict[str, Any]:
    """Run every incident through the facade and report parsing, recall and grounding."""
    outcomes = [await _one(wingman, json.loads(line)) for line in lines if line.strip()]
    if details is not None:
        for outcome in outcomes:
            details.write(json.dumps(outcome.__dict__, sort_keys=True) + "\n")
    formats = sorted({o.format for o in outcomes})
    groups = [
        ("overall", outcomes),
        *((f, [o for o in outcomes if o.format == f]) for f in formats),
    ]
    metrics = {
        **_metrics(outcomes),
        "formats": {name: _metrics(group) for name, group in groups[1:]},
    }
    header = [
        "format",
        "items",
        "parsed",
        "format_acc",
        "entity_recall",
        "invented",
        "tactic_recall",
        "absent_targets",
        "p50_ms",
        "p95_ms",
    ]
    rows = [_row(name, group) for name, group in groups]
    render(out, "SummarizeIncident evaluation", header, rows, metrics)
    return metrics


def expected_format(item: dict[str, Any]) -> str:
    """The format label as Wingman names it (the corpus calls MDE alerts `other`)."""
    label = str(item.get("format", ""))
    return str(item.get("source_format") or label) if label == "other" else label


async def _one(wingman: Wingman, item: dict[str, Any]) -> Outcome:
    outcome = Outcome(id=str(item.get("id", "")), format=expected_format(item))
    ctx = wingman.context(Tenant("eval"), "cli")
    try:
        response = await wingman.summarize_incident(
            ctx, SummarizeIncidentRequest(incident=item["incident"])
        )
    except WingmanError as error:
        outcome.error = error.message
        return outcome
    outcome.parsed = True
    outcome.format_ok = response.format.value == outcome.format
    outcome.ms = response.runtime.duration_ms
    _score(outcome, item, response)
    return outcome


def _score(outcome: Outcome, item: dict[str, Any], response: SummarizeIncidentResponse) -> None:
    facts = item.get("facts") or {}
    outcome.grounding_warnings = sum(w.startswith("grounding") for w in response.warnings)
    names = (
        set().union(*(entity_names(e) for e in response.entities)) if response.entities else set()
    )
    prose = " ".join([response.summary, *(s.text for s in response.timeline)]).casefold()
    for fact in facts.get("entities") or []:
        value = " ".join(str(fact.get("value", "")).split()).casefold()
        outcome.entities_expected += 1
        if value in names or (len(value) >= 4 and value in prose):
            outcome.entities_found += 1
        else:
            outcome.missed.append(f"{fact.get('type')}:{fact.get('value')}")
    expected = {AttackCatalog.normalize_tactic(t) for t in facts.get("tactics") or []} - {None}
    outcome.tactics_expected = len(expected)
    outcome.tactics_found = len(expected & set(response.tactics))
    haystack = "\n".join(json_strings(item["incident"])).casefold()
    outcome.invented = [
        f"{found.type.value}:{found.value}"
        for found in extract_iocs("\n".join(_said(response)))
        if found.type.value in _INDICATORS and not _stated(found.value, haystack)
    ]
    entities = {e.id: e for e in response.entities}
    outcome.absent_targets = sum(
        r.target.entity_id not in entities
        or not any(
            _stated(name, haystack)
            for name in (r.target.value, *entities[r.target.entity_id].attributes.values())
        )
        for r in response.recommendations
    )


def _stated(value: str, haystack: str) -> bool:
    """Whether the input states a value; an address may be stated as its two parts (a UPN)."""
    folded = value.casefold()
    if folded in haystack:
        return True
    local, _, domain = folded.partition("@")
    return bool(local and domain) and local in haystack and domain in haystack


def entity_names(entity: IncidentEntity) -> set[str]:
    """The names an entity answers to: value, attributes, DOMAIN\\account, a host's short name."""
    attributes = entity.attributes
    found = {entity.value, *attributes.values()}
    if attributes.get("domain") and attributes.get("account"):
        found.add(f"{attributes['domain']}\\{attributes['account']}")
    if entity.type.value == "device":
        found |= {name.split(".", 1)[0] for name in found}
    return {" ".join(name.split()).casefold() for name in found}


def _said(response: SummarizeIncidentResponse) -> Iterator[str]:
    """Every text the answer states."""
    yield response.summary
    yield from (step.text for step in response.timeline)
    yield from (entity.value for entity in response.entities)
    yield from (r.target.value for r in response.recommendations)
    if response.entry_point is not None:
        yield response.entry_point.value


def _metrics(group: Sequence[Outcome]) -> dict[str, Any]:
    parsed = [o for o in group if o.parsed]
    with_tactics = [o for o in parsed if o.tactics_expected]
    latencies = [o.ms for o in parsed]
    return {
        "items": len(group),
        "parse_rate": ratio(len(parsed), len(group)),
        "format_accuracy": ratio(sum(o.format_ok for o in group), len(group)),
        "entity_recall": ratio(
            sum(o.entities_found for o in parsed), sum(o.entities_expected for o in parsed)
        ),
        "invented_indicators": sum(len(o.invented) for o in parsed),
        "tactic_recall": ratio(
            sum(o.tactics_found for o in with_tactics),
            sum(o.tactics_expected for o in with_tactics),
        ),
        "absent_targets": sum(o.absent_targets for o in parsed),
        "grounding_warnings": sum(o.grounding_warnings for o in parsed),
        "p50_ms": percentile(latencies, 50),
        "p95_ms": percentile(latencies, 95),
    }


def _row(name: str, group: Sequence[Outcome]) -> list[Any]:
    m = _metrics(group)
    return [
        name,
        m["items"],
        m["parse_rate"],
        m["format_accuracy"],
        m["entity_recall"],
        m["invented_indicators"],
        m["tactic_recall"],
        m["absent_targets"],
        m["p50_ms"],
        m["p95_ms"],
    ]
