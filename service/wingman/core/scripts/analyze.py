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
    Degraded,
    Engine,
    ScriptLanguage,
)
from wingman.core.scripts.explain import explain_lines, final_layer, summarize
from wingman.core.scripts.iocs import FoundIndicator, extract_iocs
from wingman.core.scripts.language import detect_language
from wingman.core.scripts.layers import peel, superseded
from wingman.core.scripts.parsing import parses_cleanly
from wingman.core.scripts.peelers import Peeler
from wingman.core.scripts.report import behaviors, indicators, layers_out
from wingman.core.scripts.rules.engine import Hit, RuleSet
from wingman.core.scripts.rules.external import ExternalRules
from wingman.core.scripts.source import read_source
from wingman.core.scripts.types import Budget, Lang, Layer
from wingman.core.scripts.verdict import reasons, score, verdict_for

ENGINE = Engine(name="wingman-scripts", version="0.1.0")
# The static path answers within this even when the caller's deadline is later (a setting).
ANALYSIS_BUDGET_S = 3.0
# Decoding may use this share of the budget; the rest is kept for rules and indicators, so a
# script built to exhaust the peelers is still judged on what was decoded.
PEEL_SHARE = 0.6


@dataclass(frozen=True, slots=True)
class ScriptAnalyzer:
    """The analysis with its data injected: peelers, rules and the ATT&CK catalog.

    `external` rule sets (an organisation's YARA rules) run on every layer beside the catalog;
    `degraded` says what was configured but could not be used, on every answer.
    """

    peelers: Mapping[str, Peeler]
    rules: RuleSet
    attack: AttackCatalog
    budget_s: float = ANALYSIS_BUDGET_S
    external: Sequence[ExternalRules] = ()
    degraded: tuple[str, ...] = ()

    def __call__(self, request: AnalyzeScriptRequest, *, deadline: float) -> AnalyzeScriptResponse:
        """Analyze one script; nothing in it is ever executed."""
        text, warnings = read_source(request)
        language, confidence = self._language(request, text)
        now = time.monotonic()
        end = min(deadline, now + self.budget_s)
        budget = Budget(deadline=now + (end - now) * PEEL_SHARE)
        layers, stopped = peel(text, language, peelers=self.peelers, budget=budget)
        budget.deadline = end
        # The input and every layer not rewritten further: an intermediate rewrite holds the
        # same code as its child, only more hidden, and scanning it again costs without telling.
        skipped = superseded(layers)
        scanned = [layer for layer in layers if layer.index not in skipped]
        matched = self.rules.scan(scanned, budget=budget)
        hits, stopped = list(matched.hits), stopped or matched.stopped
        for extra in self.external:
            found_extra = extra.match(scanned, deadline=budget.deadline)
            hits += found_extra.hits
            stopped = stopped or found_extra.stopped
        found = _iocs(layers, skipped, budget)
        if len(found) < len(layers):
            stopped = stopped or "time budget spent before every layer was searched for indicators"
        if parses_cleanly(text, language) is False:
            warnings.append(f"the {language.value} parser found syntax errors (obfuscated or cut)")
        value = score(hits, layers)
        iocs = indicators(layers, found)
        last = final_layer(layers, hits)
        last_iocs = found[last.index] if last.index < len(found) else []
        decoded, cut = layers_out(layers)
        return AnalyzeScriptResponse(
            language=ScriptLanguage(language.value),
            language_confidence=confidence,
            verdict=verdict_for(value, has_content=bool(text.strip())),
            score=value,
            reasons=tuple(reasons(hits, layers)),
            summary=summarize(language, layers, hits, value, iocs),
            deobfuscation_layers=tuple(decoded),
            iocs=tuple(iocs),
            behaviors=tuple(behaviors(hits, layers)),
            attack_techniques=tuple(self._techniques(hits)),
            explanation=tuple(explain_lines(last, hits, last_iocs)),
            truncated=stopped is not None,
            truncated_reason=stopped,
            warnings=(*warnings, *cut),
            engine=ENGINE,
            degraded=Degraded(reasons=self.degraded) if self.degraded else None,
        )

    def _language(self, request: AnalyzeScriptRequest, text: str) -> tuple[Lang, float | None]:
        if request.language is not ScriptLanguage.AUTO:
            return Lang(request.language.value), None
        return detect_language(text, request.filename)

    def _techniques(self, hits: Sequence[Hit]) -> list[AttackTechnique]:
        ids = sorted({technique for hit in hits for technique in hit.rule.attack})
        found = [self.attack.technique(technique) for technique in ids]
        return [technique for technique in found if technique is not None]


def _iocs(layers: Sequence[Layer], skipped: set[int], budget: Budget) -> list[list[FoundIndicator]]:
    """Indicators of each layer in order (none for skipped ones), as many as the deadline allows."""
    found: list[list[FoundIndicator]] = []
    for layer in layers:
        if found and time.monotonic() >= budget.deadline:
            break
        found.append([] if layer.index in skipped else extract_iocs(layer.content))
    return found


def default_analyzer(
    *,
    budget_s: float = ANALYSIS_BUDGET_S,
    external: Sequence[ExternalRules] = (),
    degraded: tuple[str, ...] = (),
) -> ScriptAnalyzer:
    """The analyzer with every registered peeler and rule."""
    from wingman.core.scripts.peelers.catalog import PEELERS
    from wingman.core.scripts.rules.catalog import RULES

    return ScriptAnalyzer(
        peelers=PEELERS,
        rules=RuleSet(RULES),
        attack=default_catalog(),
        budget_s=budget_s,
        external=external,
        degraded=degraded,
    )
