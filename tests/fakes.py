"""Hand-written fake engines: deterministic functions of the request that fill every field.

They stand in for the capability engines so the transports can be proven identical before the
engines land; each also lets a test slow an engine down or make it fail on purpose.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Mapping, Sequence
from typing import Any

from wingman.core.errors import InvalidArgument
from wingman.core.models import (
    AnalyzeScriptRequest,
    AnalyzeScriptResponse,
    AttackTechnique,
    Behavior,
    Citation,
    DeobfuscationLayer,
    Diagnostic,
    DiagnosticSeverity,
    Engine,
    EntityType,
    EntryPoint,
    Evidence,
    ExplanationLine,
    IncidentEntity,
    IncidentFormat,
    Indicator,
    IndicatorResult,
    IndicatorType,
    KQLAlternative,
    KQLClause,
    NLToKQLRequest,
    NLToKQLResponse,
    Platform,
    ProviderResult,
    Recommendation,
    RecommendationTarget,
    Reputation,
    ResponseCategory,
    Scope,
    ScriptIndicator,
    ScriptLanguage,
    Severity,
    SummarizeIncidentRequest,
    SummarizeIncidentResponse,
    TacticGroup,
    TechniqueRef,
    TextSpan,
    TimelineEvent,
    ValidateKQLRequest,
    ValidateKQLResponse,
    VendorAction,
    Verdict,
)
from wingman.core.ports import ComponentHealth, Enrichment, HealthStatus
from wingman.core.tenant import Tenant
from wingman.engines import Capability, Engines

FAKE = Engine(name="fake", version="1")


def _score(text: str) -> int:
    return (
        int(hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:2], 16) * 100 // 255
    )


def fake_analyze_script(request: AnalyzeScriptRequest, *, deadline: float) -> AnalyzeScriptResponse:
    text = request.content
    if text is None:
        text = (request.content_base64 or b"").decode("utf-8", "replace")
    if "slow-engine" in text:
        time.sleep(0.5)
    if "engine-raises" in text:
        raise RuntimeError("engine bug")
    score = _score(text)
    language = (
        request.language if request.language is not ScriptLanguage.AUTO else ScriptLanguage.BASH
    )
    span = TextSpan(line=1, column=1, end_line=1, end_column=len(text) + 1)
    return AnalyzeScriptResponse(
        language=language,
        language_confidence=0.5 if request.language is ScriptLanguage.AUTO else None,
        verdict=Verdict.SUSPICIOUS if score > 50 else Verdict.BENIGN,
        score=score,
        reasons=(f"{len(text)} characters",),
        summary=f"A {language.value} script of {len(text.splitlines())} lines.",
        deobfuscation_layers=(DeobfuscationLayer(index=0, technique="input", content=text),),
        iocs=(
            ScriptIndicator(
                type=IndicatorType.DOMAIN,
                value="example.com",
                defanged="[.]" in text,
                layer=0,
                line=1,
                enrichment=Reputation(
                    verdict=Verdict.UNKNOWN,
                    providers=(
                        ProviderResult(provider="fake", verdict=Verdict.UNKNOWN, error="x"),
                    ),
                ),
            ),
        )
        if "example" in text
        else (),
        behaviors=(
            Behavior(
                id="FAKE-001",
                title="Echoes text",
                severity=Severity.LOW,
                attack=("T1059",),
                evidence=(Evidence(layer=0, span=span, text=text[:40]),),
            ),
        ),
        attack_techniques=(
            AttackTechnique(
                id="T1059", name="Command and Scripting Interpreter", tactics=("execution",)
            ),
        ),
        explanation=tuple(
            ExplanationLine(line=n, text=f"line {n}") for n in range(1, len(text.splitlines()) + 1)
        ),
        truncated="truncate-me" in text,
        truncated_reason="time budget" if "truncate-me" in text else None,
        warnings=("non-UTF-8 bytes replaced",) if request.content_base64 is not None else (),
        engine=FAKE,
    )


def fake_nl_to_kql(request: NLToKQLRequest, *, deadline: float) -> NLToKQLResponse:
    if "decline" in request.question:
        return NLToKQLResponse(
            kql="",
            valid=False,
            platform=request.platform,
            suggestions=("Ask about devices",),
            engine=FAKE,
        )
    time_column = "Timestamp" if request.platform is Platform.DEFENDER else "TimeGenerated"
    span = request.time_range if isinstance(request.time_range, str) else "1d"
    rows = request.max_rows or 100
    kql = f"DeviceProcessEvents\n| where {time_column} > ago({span})\n| take {rows}"
    return NLToKQLResponse(
        kql=kql,
        valid=True,
        platform=request.platform,
        tables=("DeviceProcessEvents",),
        explanation="Process events in the window.",
        clauses=(KQLClause(kql=f"| take {rows}", text=f"at most {rows} rows"),),
        confidence=0.75,
        diagnostics=(
            Diagnostic(
                severity=DiagnosticSeverity.INFO,
                code="KQL000",
                message="fake",
                line=1,
                column=1,
                end_line=1,
                end_column=2,
                suggestions=("x",),
            ),
        ),
        alternatives=(
            KQLAlternative(kql="DeviceEvents | take 1", explanation="alt", confidence=0.2),
        ),
        engine=FAKE,
    )


def fake_validate_kql(request: ValidateKQLRequest, *, deadline: float) -> ValidateKQLResponse:
    diagnostics: tuple[Diagnostic, ...] = ()
    if "Devce" in request.kql:
        column = request.kql.index("Devce") + 1
        diagnostics = (
            Diagnostic(
                severity=DiagnosticSeverity.ERROR,
                code="KQL101",
                message="unknown table 'DevceEvents'",
                line=1,
                column=column,
                end_line=1,
                end_column=column + 11,
                suggestions=("DeviceEvents",),
            ),
        )
    return ValidateKQLResponse(
        valid=not diagnostics,
        platform=request.platform or Platform.DEFENDER,
        tables=("DeviceEvents",),
        diagnostics=diagnostics,
        engine=FAKE,
    )


def fake_summarize_incident(
    request: SummarizeIncidentRequest, *, deadline: float
) -> SummarizeIncidentResponse:
    incident: Any = request.incident
    if isinstance(incident, list) and incident:
        incident = incident[0]
    if not isinstance(incident, dict) or "title" not in incident:
        raise InvalidArgument("incident: tried format 'fake': no 'title'", field="incident")
    title = str(incident["title"])
    host = str(incident.get("host", "unknown-host"))
    return SummarizeIncidentResponse(
        format=IncidentFormat.WINGMAN,
        title=title,
        severity=Severity.HIGH,
        summary=f"{title} on {host}.",
        timeline=(
            TimelineEvent(
                time="2026-01-01T00:00:00Z", text=title, alert_ids=("a1",), entity_ids=("e1",)
            ),
        ),
        entities=(
            IncidentEntity(
                id="e1", type=EntityType.DEVICE, value=host, roles=("victim",), alert_ids=("a1",)
            ),
        ),
        attack=(TacticGroup(tactic="execution", techniques=(TechniqueRef(id="T1059", name="C"),)),),
        tactics=("execution",),
        techniques=(TechniqueRef(id="T1059", name="C"),),
        scope=Scope(devices=(host,), alert_count=1, impact=("none",)),
        entry_point=EntryPoint(
            type=EntityType.DEVICE,
            value=host,
            entity_id="e1",
            rationale="only device",
            evidence_ids=("a1",),
        ),
        recommendations=(
            Recommendation(
                category=ResponseCategory.CONTAINMENT,
                action="isolate_device",
                target=RecommendationTarget(type=EntityType.DEVICE, value=host, entity_id="e1"),
                rationale="active attack",
                evidence_ids=("a1",),
                priority=1,
            ),
        ),
        vendor_actions=(VendorAction(source="fake", alert_id="a1", text="look"),),
        citations=(
            Citation(sentence=0, text=f"{title} on {host}.", alert_ids=("a1",), entity_ids=("e1",)),
        ),
        warnings=(),
        engine=FAKE,
    )


def fake_engines() -> Engines:
    return Engines(
        summarize_incident=Capability("fake", "1", fake_summarize_incident),
        analyze_script=Capability("fake", "1", fake_analyze_script),
        nl_to_kql=Capability("fake", "1", fake_nl_to_kql),
        validate_kql=Capability("fake", "1", fake_validate_kql),
    )


class FakeThreatIntel:
    """A ThreatIntel that knows a fixed set of bad values and records what it was asked."""

    def __init__(self, bad: Mapping[str, int] | None = None) -> None:
        self.bad = dict(bad or {})
        self.asked: list[tuple[str, str]] = []

    @property
    def providers(self) -> tuple[str, ...]:
        return ("fake",)

    async def enrich(
        self, tenant: Tenant, indicators: Sequence[Indicator], *, deadline: float
    ) -> Enrichment:
        results = []
        for indicator in indicators:
            self.asked.append((tenant.id, indicator.value))
            score = self.bad.get(indicator.value, 0)
            verdict = Verdict.MALICIOUS if score else Verdict.UNKNOWN
            answer = ProviderResult(provider="fake", verdict=verdict, score=score)
            results.append(
                IndicatorResult(
                    type=indicator.type,
                    value=indicator.value,
                    verdict=verdict,
                    score=score,
                    reasons=(f"fake: {verdict.value} ({score})",),
                    providers=(answer,),
                )
            )
        return Enrichment(results=tuple(results))

    async def health(self) -> ComponentHealth:
        return ComponentHealth("threat-intel", HealthStatus.OK, "fake")

    async def close(self) -> None:
        return None
