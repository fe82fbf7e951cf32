"""AnalyzeScript request and response."""

from __future__ import annotations

from pydantic import Field, model_validator

from wingman.core.models._base import Base64Bytes, WireEnum, WireModel
from wingman.core.models.common import (
    AttackTechnique,
    Degraded,
    Engine,
    IndicatorType,
    Reputation,
    Runtime,
    Severity,
    TextSpan,
    Verdict,
)


class ScriptLanguage(WireEnum):
    AUTO = "auto"
    POWERSHELL = "powershell"
    BATCH = "batch"
    BASH = "bash"
    PYTHON = "python"
    JAVASCRIPT = "javascript"
    VBSCRIPT = "vbscript"


class AnalyzeScriptRequest(WireModel):
    content: str | None = None
    content_base64: Base64Bytes | None = None
    language: ScriptLanguage = ScriptLanguage.AUTO
    filename: str | None = None
    enrich: bool | None = None

    @model_validator(mode="after")
    def _one_source(self) -> AnalyzeScriptRequest:
        if (self.content is None) == (self.content_base64 is None):
            raise ValueError("exactly one of content or content_base64 is required")
        return self


class DeobfuscationLayer(WireModel):
    index: int
    technique: str
    content: str
    parent_span: TextSpan = TextSpan()


class ScriptIndicator(WireModel):
    type: IndicatorType
    value: str
    defanged: bool = False
    layer: int = 0
    line: int = 0
    enrichment: Reputation | None = None


class Evidence(WireModel):
    layer: int = 0
    span: TextSpan = TextSpan()
    text: str = ""


class Behavior(WireModel):
    id: str
    title: str
    severity: Severity
    attack: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()


class ExplanationLine(WireModel):
    line: int
    text: str


class AnalyzeScriptResponse(WireModel):
    language: ScriptLanguage
    language_confidence: float | None = Field(default=None, ge=0.0, le=1.0)
    verdict: Verdict
    score: int = Field(ge=0, le=100)
    reasons: tuple[str, ...] = ()
    summary: str = ""
    deobfuscation_layers: tuple[DeobfuscationLayer, ...] = ()
    iocs: tuple[ScriptIndicator, ...] = ()
    behaviors: tuple[Behavior, ...] = ()
    attack_techniques: tuple[AttackTechnique, ...] = ()
    explanation: tuple[ExplanationLine, ...] = ()
    truncated: bool = False
    truncated_reason: str | None = None
    warnings: tuple[str, ...] = ()
    engine: Engine
    degraded: Degraded | None = None
    runtime: Runtime = Runtime()
