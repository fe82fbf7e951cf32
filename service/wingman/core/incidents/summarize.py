"""SummarizeIncident: read any console's incident, analyse it, and tell it with citations."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sized
from dataclasses import dataclass, field

from wingman.core.incidents.attack import AttackMap
from wingman.core.incidents.commands import (
    CommandFindings,
    CommandReader,
    ScriptRun,
    analyse_commands,
)
from wingman.core.incidents.entry import find_entry_point
from wingman.core.incidents.formats import Adapter, read_incident
from wingman.core.incidents.grounding import Ground, check_answer, ground_of, ungrounded
from wingman.core.incidents.narrative import Facts, Sentence, narrate
from wingman.core.incidents.normalize import Incident, normalize
from wingman.core.incidents.response import recommend
from wingman.core.incidents.scope import build_scope
from wingman.core.incidents.severity import judge_severity
from wingman.core.incidents.signals import alert_signs
from wingman.core.incidents.timeline import Step, build_timeline, describe, order_alerts
from wingman.core.knowledge.attack import AttackCatalog
from wingman.core.models import (
    AnalyzeScriptRequest,
    Citation,
    Engine,
    EntityRelation,
    IncidentEntity,
    IncidentFormat,
    SummarizeIncidentRequest,
    SummarizeIncidentResponse,
    TimelineEvent,
    VendorAction,
)

ENGINE = Engine(name="wingman-incidents", version="0.1.0")


@dataclass(frozen=True, slots=True)
class Bounds:
    """How much of a large incident one answer carries; the rest is counted in a warning."""

    alerts: int = 5000
    entities: int = 500
    timeline: int = 200
    recommendations: int = 100
    vendor_actions: int = 50


@dataclass(frozen=True, slots=True)
class IncidentSummarizer:
    """The deterministic summary, with the ATT&CK data and the script analyzer injected."""

    attack: AttackCatalog
    scripts: ScriptRun | None = None
    adapters: Mapping[IncidentFormat, Adapter] | None = None
    bounds: Bounds = field(default_factory=Bounds)
    _reader: CommandReader | None = field(init=False, default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        reader = CommandReader(self.scripts) if self.scripts is not None else None
        object.__setattr__(self, "_reader", reader)

    def __call__(
        self, request: SummarizeIncidentRequest, *, deadline: float
    ) -> SummarizeIncidentResponse:
        """Summarize one incident; nothing in it is executed or looked up."""
        source = read_incident(
            request.incident, request.format, adapters=self.adapters, max_alerts=self.bounds.alerts
        )
        incident = normalize(source)
        signs = {a.id: alert_signs(a, self.attack) for a in incident.alerts}
        commands = (
            analyse_commands(incident, self._reader, deadline=deadline)
            if self._reader is not None
            else CommandFindings()
        )
        attack = self._attack(incident, commands)
        for alert_id, implied in commands.signs.items():
            signs[alert_id] = signs.get(alert_id, frozenset()) | implied
        ordered = order_alerts(incident)
        scope = build_scope(incident, signs)
        seen = set().union(*signs.values()) if signs else set()
        severity, severity_reason = judge_severity(source, incident, scope, seen)
        recommendations = recommend(incident, signs)
        entry = find_entry_point(incident, ordered, signs, self.attack)
        times = [a.time for a in ordered if a.time]
        facts = Facts(
            incident=incident,
            title=source.title or (ordered[0].title if ordered else "") or "Untitled incident",
            severity=severity,
            severity_reason=severity_reason,
            first_time=min(times) if times else "",
            last_time=max(times) if times else "",
            attack=attack,
            scope=scope,
            entry_point=entry,
            recommendations=recommendations,
            signs=signs,
        )
        sentences = narrate(facts)
        sentences[2:2] = commands.sentences
        ground = ground_of(request.incident, source)
        warnings = list(source.warnings)
        warnings += [f"technique {t} is not in the ATT&CK data; left out" for t in attack.unknown]
        sentences = _grounded(sentences, ground, warnings)
        steps = build_timeline(incident)
        response = self._response(facts, source.format, sentences, steps, warnings)
        problems = check_answer(response, ground)
        if problems:
            # The deterministic path names only what it read; a problem here is a bug to report.
            found = tuple(
                f"grounding: the answer names {p} that the input does not" for p in problems
            )
            response = response.model_copy(update={"warnings": (*response.warnings, *found)})
        return response

    def warm(self) -> None:
        """Load what the first call would otherwise wait for: ATT&CK data, the script rules."""
        self.attack.technique("T1059.001")
        if self.scripts is not None:
            self.scripts(
                AnalyzeScriptRequest(content="powershell -nop -c Get-Date"),
                deadline=time.monotonic() + 5.0,
            )

    def _attack(self, incident: Incident, commands: CommandFindings) -> AttackMap:
        attack = AttackMap()
        source = incident.source
        for alert in incident.alerts:
            attack.add(
                self.attack, tactics=alert.tactics, techniques=alert.techniques, alert_id=alert.id
            )
        attack.add(self.attack, tactics=source.tactics, techniques=source.techniques, alert_id=None)
        for alert_id, techniques in commands.techniques.items():
            attack.add(self.attack, tactics=(), techniques=techniques, alert_id=alert_id)
        return attack

    def _response(
        self,
        facts: Facts,
        format: IncidentFormat,
        sentences: list[Sentence],
        steps: list[Step],
        warnings: list[str],
    ) -> SummarizeIncidentResponse:
        incident, bounds = facts.incident, self.bounds
        entities = [
            IncidentEntity(
                id=e.id,
                type=e.type,
                value=e.value,
                roles=e.roles,
                alert_ids=tuple(dict.fromkeys(e.alert_ids)),
                attributes=dict(sorted(e.attributes.items())),
            )
            for e in incident.entities.values()
        ]
        timeline = [
            TimelineEvent(
                time=step.time,
                text=describe(step, incident),
                alert_ids=tuple(step.alert_ids),
                entity_ids=tuple(step.entity_ids),
            )
            for step in steps
        ]
        vendor = _vendor_actions(incident)
        cut = {
            "entities": _cut(entities, bounds.entities),
            "timeline steps": _cut(timeline, bounds.timeline),
            "recommendations": _cut(facts.recommendations, bounds.recommendations),
            "vendor actions": _cut(vendor, bounds.vendor_actions),
        }
        truncated = [f"{n} {what}" for what, n in cut.items() if n]
        if truncated:
            warnings.append(
                "the answer is cut to its size bound: " + ", ".join(truncated) + " not shown"
            )
        shown = {e.id for e in entities[: bounds.entities]}
        relations = tuple(
            EntityRelation(kind=kind, source_id=source, target_id=target)
            for kind, source, target in incident.relations
            if source in shown and target in shown
        )
        groups = facts.attack.groups()
        return SummarizeIncidentResponse(
            format=format,
            title=facts.title,
            severity=facts.severity,
            summary=" ".join(s.text for s in sentences),
            timeline=tuple(timeline[: bounds.timeline]),
            entities=tuple(entities[: bounds.entities]),
            attack=groups,
            tactics=tuple(g.tactic for g in groups),
            techniques=facts.attack.techniques(),
            scope=facts.scope,
            entry_point=facts.entry_point,
            recommendations=tuple(facts.recommendations[: bounds.recommendations]),
            vendor_actions=tuple(vendor[: bounds.vendor_actions]),
            citations=tuple(
                Citation(
                    sentence=i,
                    text=s.text,
                    alert_ids=tuple(s.alert_ids),
                    entity_ids=tuple(s.entity_ids),
                )
                for i, s in enumerate(sentences)
            ),
            warnings=tuple(warnings),
            truncated=bool(truncated),
            engine=ENGINE,
            relations=relations,
        )


def _grounded(sentences: list[Sentence], ground: Ground, warnings: list[str]) -> list[Sentence]:
    """The sentences whose every indicator and time the input states; the others are dropped."""
    kept = []
    for sentence in sentences:
        problems = ungrounded(sentence.text, ground)
        if problems:
            warnings.append("grounding: a sentence was left out for naming " + ", ".join(problems))
        else:
            kept.append(sentence)
    return kept


def _vendor_actions(incident: Incident) -> list[VendorAction]:
    source = incident.source
    fallback = source.format.value
    actions = [VendorAction(source=fallback, text=t) for t in source.recommended_actions]
    for alert in incident.alerts:
        actions += [
            VendorAction(source=alert.source or fallback, alert_id=alert.id, text=text)
            for text in alert.recommended_actions
        ]
    return actions


def _cut(items: Sized, bound: int) -> int:
    return max(0, len(items) - bound)
