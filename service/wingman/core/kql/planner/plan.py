"""NLToKQL, deterministic: read the question, pick the table, write checked KQL, explain it."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from wingman.core.errors import InvalidArgument
from wingman.core.kql.catalog import Catalog
from wingman.core.kql.nl.entities import Entity, EntityKind, extract_entities
from wingman.core.kql.nl.timephrase import TimePhrase, parse_time_phrase
from wingman.core.kql.nl.timerange import TimeRangeError, parse_time_range
from wingman.core.kql.planner.compose import Composition, compose
from wingman.core.kql.planner.documentation import hunted, read
from wingman.core.kql.planner.examples import ExampleIndex
from wingman.core.kql.planner.intent import Intent, asked_rows, detect
from wingman.core.kql.planner.tables import Candidate, damping, rank_tables
from wingman.core.kql.planner.vocabulary import Vocabulary
from wingman.core.kql.validate import Report, check
from wingman.core.models import (
    Diagnostic,
    DiagnosticSeverity,
    Engine,
    KQLAlternative,
    KQLClause,
    NLToKQLRequest,
    NLToKQLResponse,
    Platform,
)

# Below this much evidence no table family fits the question, and the planner declines.
DECLINE_BELOW = 1.0
ALTERNATIVES = 1
_SUGGESTED_EXAMPLES = 3


@dataclass(frozen=True, slots=True)
class Planner:
    """The deterministic planner over one catalog and one example index."""

    catalog: Catalog
    examples: ExampleIndex
    vocabulary: Vocabulary
    engine: Engine

    def __call__(self, request: NLToKQLRequest, *, deadline: float) -> NLToKQLResponse:
        """Plan one question; every query it calls valid has passed ValidateKQL."""
        question = " ".join(request.question.split())
        platform = request.platform.value
        phrase = self._time(request, question)
        entities = _as_said(question, _outside(extract_entities(question), phrase))
        entities = hunted(read(question), entities)
        ranked = rank_tables(
            question,
            entities,
            catalog=self.catalog,
            platform=platform,
            examples=self.examples,
            vocabulary=self.vocabulary,
        )
        if not ranked or ranked[0].score < DECLINE_BELOW * damping(question):
            return self._decline(question, platform)
        intent = detect(question)
        rows = request.max_rows or asked_rows(question)
        built = [
            (c, *self._build(c, question, platform, phrase, entities, intent, rows))
            for c in ranked[: 1 + ALTERNATIVES]
        ]
        valid = [b for b in built if b[2].valid]
        if not valid:
            candidate, plan, report = built[0]
            return self._answer(question, candidate, plan, report, ranked, entities, [], platform)
        candidate, plan, report = valid[0]
        return self._answer(
            question, candidate, plan, report, ranked, entities, valid[1:], platform
        )

    def _time(self, request: NLToKQLRequest, question: str) -> TimePhrase | None:
        if request.time_range is None:
            return parse_time_phrase(question)
        value = request.time_range
        try:
            return parse_time_range(value)
        except TimeRangeError as problem:
            raise InvalidArgument(
                f"{problem.field}: {problem.message}", field=problem.field
            ) from None

    def _build(
        self,
        candidate: Candidate,
        question: str,
        platform: str,
        phrase: TimePhrase | None,
        entities: tuple[Entity, ...],
        intent: Intent,
        rows: int | None,
    ) -> tuple[Composition, Report]:
        plan = compose(
            candidate.table,
            question=question,
            platform=platform,
            phrase=phrase,
            entities=entities,
            concepts=candidate.concepts,
            intent=intent,
            rows=rows,
            catalog=self.catalog,
        )
        return plan, check(plan.kql, catalog=self.catalog, platform=platform)

    def _answer(
        self,
        question: str,
        candidate: Candidate,
        plan: Composition,
        report: Report,
        ranked: list[Candidate],
        entities: tuple[Entity, ...],
        others: list[tuple[Candidate, Composition, Report]],
        platform: str,
    ) -> NLToKQLResponse:
        confidence = _confidence(candidate, ranked, entities, plan)
        why = "; ".join(candidate.reasons[:3])
        notes = [f"Chose {candidate.table.name} because {why}."]
        notes += [
            f"No column of {plan.table.name} holds {e.value!r}; it is not filtered."
            for e in plan.unused
        ]
        explanation = " ".join(notes + plan.notes + [c.text for c in plan.clauses])
        alternatives = tuple(
            KQLAlternative(
                kql=alt.kql,
                explanation=f"The same question on {alt.table.name}: {'; '.join(c.reasons[:2])}.",
                confidence=round(confidence * min(1.0, c.score / candidate.score) * 0.8, 3),
            )
            for c, alt, _ in others
        )
        return NLToKQLResponse(
            kql=plan.kql,
            valid=report.valid,
            platform=Platform(platform),
            tables=report.tables or (plan.table.name,),
            explanation=explanation,
            clauses=tuple(KQLClause(kql=c.kql, text=c.text) for c in plan.clauses),
            confidence=round(confidence, 3),
            diagnostics=report.diagnostics,
            alternatives=alternatives,
            suggestions=tuple(
                e.question for e, _ in self.examples.nearest(question, platform=platform)
            ),
            engine=self.engine,
        )

    def _decline(self, question: str, platform: str) -> NLToKQLResponse:
        families: dict[str, str] = {}
        for example in self.examples.examples:
            if example.platform == platform and example.family not in families:
                families[example.family] = example.question
        suggestions = tuple(list(families.values())[:_SUGGESTED_EXAMPLES])
        return NLToKQLResponse(
            kql="",
            valid=False,
            platform=Platform(platform),
            explanation="No table of the catalog fits this question, so no query was written.",
            confidence=0.0,
            diagnostics=(
                Diagnostic(
                    severity=DiagnosticSeverity.INFO,
                    code="KQL500",
                    message="the question names no security data that a table holds; "
                    "ask about processes, network, files, registry, sign-ins, e-mail, identities, "
                    "cloud apps or alerts",
                ),
            ),
            suggestions=suggestions,
            engine=self.engine,
        )


def _outside(entities: tuple[Entity, ...], phrase: TimePhrase | None) -> tuple[Entity, ...]:
    """The entities that are not part of the time phrase (its dates are not values to filter)."""
    if phrase is None or phrase.span == (0, 0):
        return entities
    start, end = phrase.span
    return tuple(e for e in entities if e.span[1] <= start or e.span[0] >= end)


_COMMAND_WORDS = re.compile(r"command|cmd|argument|parameter|switch|flag|script", re.IGNORECASE)


def _as_said(question: str, entities: tuple[Entity, ...]) -> tuple[Entity, ...]:
    """A quoted value "containing" something is a command-line fragment only when the question
    speaks of commands; otherwise ("users containing 'Larry'") it is plain text."""
    kept = []
    for entity in entities:
        before = question[max(0, entity.span[0] - 40) : entity.span[0]]
        quoted = question[entity.span[0] : entity.span[0] + 1] in "\"'`"
        if entity.kind is EntityKind.COMMAND_LINE and quoted and not _COMMAND_WORDS.search(before):
            entity = replace(entity, kind=EntityKind.QUOTED_TEXT)
        kept.append(entity)
    return tuple(kept)


def _confidence(
    best: Candidate, ranked: list[Candidate], entities: tuple[Entity, ...], plan: Composition
) -> float:
    """Evidence for the table, its lead over the next one, and the share of values used."""
    second = ranked[1].score if len(ranked) > 1 else 0.0
    strength = 1 - math.exp(-best.score / 6)
    lead = min(1.0, (best.score - second) / max(best.score, 1e-9))
    used = 1 - len(plan.unused) / len(entities) if entities else 1.0
    return max(0.05, min(0.95, 0.15 + 0.45 * strength + 0.25 * lead + 0.15 * used))
