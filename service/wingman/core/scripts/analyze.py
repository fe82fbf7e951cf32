"""AnalyzeScript: decode every layer, find behaviours and indicators, and judge the script."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from wingman.core.knowledge.attack import AttackCatalog, default_catalog
from wingman.core.models import (
    AnalyzeScriptRequest,
    AnalyzeScriptResponse,
    AttackTechnique,
    Behavior,
    DeobfuscationLayer,
    Engine,
    Evidence,
    ScriptIndicator,
    ScriptLanguage,
    TextSpan,
)
from wingman.core.scripts.explain import explain_lines, summarize
from wingman.core.scripts.iocs import extract_iocs
from wingman.core.scripts.language import detect_language
from wingman.core.scripts.layers import peel
from wingman.core.scripts.parsing import parses_cleanly
from wingman.core.scripts.peelers import Peeler
from wingman.core.scripts.rules.engine import Hit, RuleSet
from wingman.core.scripts.source import read_source
from wingman.core.scripts.textpos import LineIndex
from wingman.core.scripts.types import Budget, BudgetExceeded, Lang, Layer, Span
from wingman.core.scripts.verdict import reasons, score, verdict_for

ENGINE = Engine(name="wingman-scripts", version="0.1.0")
# The static path answers within this even when the caller's deadline is later.
ANALYSIS_BUDGET_S = 3.0
EVIDENCE_CHARS = 200


@dataclass(frozen=True, slots=True)
class ScriptAnalyzer:
    """The analysis with its data injected: peelers, rules and the ATT&CK catalog."""

    peelers: Mapping[str, Peeler]
    rules: RuleSet
    attack: AttackCatalog

    def __call__(self, request: AnalyzeScriptRequest, *, deadline: float) -> AnalyzeScriptResponse:
        """Analyze one script; nothing in it is ever executed."""
        text, warnings = read_source(request)
        language, confidence = self._language(request, text)
        budget = Budget(deadline=min(deadline, time.monotonic() + ANALYSIS_BUDGET_S))
        layers, stopped = peel(text, language, peelers=self.peelers, budget=budget)
        try:
            hits = self.rules.match(layers)
        except BudgetExceeded as stop:
            hits, stopped = [], stopped or stop.reason
        if parses_cleanly(text, language) is False:
            warnings.append(f"the {language.value} parser found syntax errors (obfuscated or cut)")
        value = score(hits, layers)
        return AnalyzeScriptResponse(
            language=ScriptLanguage(language.value),
            language_confidence=confidence,
            verdict=verdict_for(value, has_content=bool(text.strip())),
            score=value,
            reasons=tuple(reasons(hits, layers)),
            summary=summarize(language, layers, hits, value),
            deobfuscation_layers=tuple(_layer_out(layer, layers) for layer in layers),
            iocs=tuple(_indicators(layers)),
            behaviors=tuple(_behaviors(hits, layers)),
            attack_techniques=tuple(self._techniques(hits)),
            explanation=tuple(explain_lines(layers[-1], hits)),
            truncated=stopped is not None,
            truncated_reason=stopped,
            warnings=tuple(warnings),
            engine=ENGINE,
        )

    def _language(self, request: AnalyzeScriptRequest, text: str) -> tuple[Lang, float | None]:
        if request.language is not ScriptLanguage.AUTO:
            return Lang(request.language.value), None
        return detect_language(text, request.filename)

    def _techniques(self, hits: Sequence[Hit]) -> list[AttackTechnique]:
        ids = sorted({technique for hit in hits for technique in hit.rule.attack})
        found = [self.attack.technique(technique) for technique in ids]
        return [technique for technique in found if technique is not None]


def _layer_out(layer: Layer, layers: Sequence[Layer]) -> DeobfuscationLayer:
    span = TextSpan()
    if layer.parent >= 0:
        span = _text_span(layers[layer.parent].content, layer.start, layer.end)
    return DeobfuscationLayer(
        index=layer.index, technique=layer.technique, content=layer.content, parent_span=span
    )


def _text_span(text: str, start: int, end: int) -> TextSpan:
    index = LineIndex(text)
    line, column = index.position(start)
    end_line, end_column = index.position(end)
    return TextSpan(line=line, column=column, end_line=end_line, end_column=end_column)


def _indicators(layers: Sequence[Layer]) -> list[ScriptIndicator]:
    found: dict[tuple[str, str], ScriptIndicator] = {}
    for layer in layers:
        index = LineIndex(layer.content)
        for ioc in extract_iocs(layer.content):
            key = (ioc.type.value, ioc.value)
            if key not in found:
                found[key] = ScriptIndicator(
                    type=ioc.type,
                    value=ioc.value,
                    defanged=ioc.defanged,
                    layer=layer.index,
                    line=index.line(ioc.start),
                )
    return list(found.values())


def _behaviors(hits: Sequence[Hit], layers: Sequence[Layer]) -> list[Behavior]:
    ordered = sorted(hits, key=lambda hit: (-hit.rule.weight, hit.rule.id))
    return [
        Behavior(
            id=hit.rule.id,
            title=hit.rule.title,
            severity=hit.rule.severity,
            attack=hit.rule.attack,
            evidence=tuple(_evidence(span, layers) for span in hit.spans),
        )
        for hit in ordered
    ]


def _evidence(span: Span, layers: Sequence[Layer]) -> Evidence:
    text = layers[span.layer].content
    return Evidence(
        layer=span.layer,
        span=_text_span(text, span.start, span.end),
        text=text[span.start : min(span.end, span.start + EVIDENCE_CHARS)],
    )


def default_analyzer() -> ScriptAnalyzer:
    """The analyzer with every registered peeler and rule."""
    from wingman.core.scripts.peelers.catalog import PEELERS
    from wingman.core.scripts.rules.catalog import RULES

    return ScriptAnalyzer(peelers=PEELERS, rules=RuleSet(RULES), attack=default_catalog())
