"""Threat-intelligence reputations on a summary: on each entity, and one cited sentence.

The facade looks the indicators up after the (cached) deterministic summary and hands the
results here, so a cached summary never freezes a stale or pending reputation.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from wingman.core.incidents.narrative import join_words
from wingman.core.models import (
    Citation,
    EntityType,
    IncidentEntity,
    Indicator,
    IndicatorResult,
    IndicatorType,
    Reputation,
    SummarizeIncidentResponse,
    Verdict,
)

_HASHES = (
    ("sha256", IndicatorType.SHA256),
    ("sha1", IndicatorType.SHA1),
    ("md5", IndicatorType.MD5),
)
_FLAGGED = (Verdict.MALICIOUS, Verdict.SUSPICIOUS)


def entity_indicators(entity: IncidentEntity) -> Iterator[Indicator]:
    """The indicators an entity stands for: its address, name, URL or file hashes."""
    kind, value = entity.type, entity.value
    if kind is EntityType.IP:
        yield Indicator(
            type=IndicatorType.IPV6 if ":" in value else IndicatorType.IPV4, value=value
        )
    elif kind is EntityType.DOMAIN:
        yield Indicator(type=IndicatorType.DOMAIN, value=value)
    elif kind is EntityType.URL:
        yield Indicator(type=IndicatorType.URL, value=entity.attributes.get("url", value))
    elif kind is EntityType.MAILBOX and "@" in value:
        yield Indicator(type=IndicatorType.EMAIL, value=value)
    elif kind is EntityType.FILE:
        for name, hash_type in _HASHES:
            if entity.attributes.get(name):
                yield Indicator(type=hash_type, value=entity.attributes[name])


def with_reputations(
    answer: SummarizeIncidentResponse,
    reputations: Mapping[str, IndicatorResult],
) -> SummarizeIncidentResponse:
    """The summary with each entity's reputation, keyed by entity id, and a sentence on the bad."""
    entities = tuple(
        entity.model_copy(update={"enrichment": reputation_of(reputations[entity.id])})
        if entity.id in reputations
        else entity
        for entity in answer.entities
    )
    flagged = [e for e in entities if e.enrichment and e.enrichment.verdict in _FLAGGED]
    if not flagged:
        return answer.model_copy(update={"entities": entities})
    parts = [
        f"{e.value} {e.enrichment.verdict.value} ({e.enrichment.reasons[0]})"
        for e in flagged[:5]
        if e.enrichment is not None and e.enrichment.reasons
    ]
    text = "Threat intelligence rates " + join_words(parts) + "."
    citation = Citation(
        sentence=len(answer.citations),
        text=text,
        alert_ids=tuple(dict.fromkeys(a for e in flagged[:5] for a in e.alert_ids))[:25],
        entity_ids=tuple(e.id for e in flagged[:5]),
    )
    return answer.model_copy(
        update={
            "entities": entities,
            "summary": f"{answer.summary} {text}".strip(),
            "citations": (*answer.citations, citation),
        }
    )


def reputation_of(result: IndicatorResult) -> Reputation:
    """The reputation an entity or indicator carries for one enrichment result."""
    reasons = result.reasons or ((f"not looked up: {result.excluded}",) if result.excluded else ())
    return Reputation(
        verdict=result.verdict, score=result.score, reasons=reasons, providers=result.providers
    )
