from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Severity(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SEVERITY_UNSPECIFIED: _ClassVar[Severity]
    SEVERITY_INFORMATIONAL: _ClassVar[Severity]
    SEVERITY_LOW: _ClassVar[Severity]
    SEVERITY_MEDIUM: _ClassVar[Severity]
    SEVERITY_HIGH: _ClassVar[Severity]
    SEVERITY_CRITICAL: _ClassVar[Severity]

class Verdict(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    VERDICT_UNSPECIFIED: _ClassVar[Verdict]
    VERDICT_MALICIOUS: _ClassVar[Verdict]
    VERDICT_SUSPICIOUS: _ClassVar[Verdict]
    VERDICT_BENIGN: _ClassVar[Verdict]
    VERDICT_UNKNOWN: _ClassVar[Verdict]

class IndicatorType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    INDICATOR_TYPE_UNSPECIFIED: _ClassVar[IndicatorType]
    INDICATOR_TYPE_IPV4: _ClassVar[IndicatorType]
    INDICATOR_TYPE_IPV6: _ClassVar[IndicatorType]
    INDICATOR_TYPE_DOMAIN: _ClassVar[IndicatorType]
    INDICATOR_TYPE_URL: _ClassVar[IndicatorType]
    INDICATOR_TYPE_EMAIL: _ClassVar[IndicatorType]
    INDICATOR_TYPE_MD5: _ClassVar[IndicatorType]
    INDICATOR_TYPE_SHA1: _ClassVar[IndicatorType]
    INDICATOR_TYPE_SHA256: _ClassVar[IndicatorType]
    INDICATOR_TYPE_FILE_PATH: _ClassVar[IndicatorType]
    INDICATOR_TYPE_REGISTRY_KEY: _ClassVar[IndicatorType]

class DiagnosticSeverity(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DIAGNOSTIC_SEVERITY_UNSPECIFIED: _ClassVar[DiagnosticSeverity]
    DIAGNOSTIC_SEVERITY_ERROR: _ClassVar[DiagnosticSeverity]
    DIAGNOSTIC_SEVERITY_WARNING: _ClassVar[DiagnosticSeverity]
    DIAGNOSTIC_SEVERITY_INFO: _ClassVar[DiagnosticSeverity]

class ScriptLanguage(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SCRIPT_LANGUAGE_AUTO: _ClassVar[ScriptLanguage]
    SCRIPT_LANGUAGE_POWERSHELL: _ClassVar[ScriptLanguage]
    SCRIPT_LANGUAGE_BATCH: _ClassVar[ScriptLanguage]
    SCRIPT_LANGUAGE_BASH: _ClassVar[ScriptLanguage]
    SCRIPT_LANGUAGE_PYTHON: _ClassVar[ScriptLanguage]
    SCRIPT_LANGUAGE_JAVASCRIPT: _ClassVar[ScriptLanguage]
    SCRIPT_LANGUAGE_VBSCRIPT: _ClassVar[ScriptLanguage]

class Platform(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PLATFORM_UNSPECIFIED: _ClassVar[Platform]
    PLATFORM_DEFENDER: _ClassVar[Platform]
    PLATFORM_SENTINEL: _ClassVar[Platform]

class IncidentFormat(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    INCIDENT_FORMAT_AUTO: _ClassVar[IncidentFormat]
    INCIDENT_FORMAT_GRAPH: _ClassVar[IncidentFormat]
    INCIDENT_FORMAT_M365D: _ClassVar[IncidentFormat]
    INCIDENT_FORMAT_MDE: _ClassVar[IncidentFormat]
    INCIDENT_FORMAT_SENTINEL: _ClassVar[IncidentFormat]
    INCIDENT_FORMAT_DEFENDER_FOR_CLOUD: _ClassVar[IncidentFormat]
    INCIDENT_FORMAT_OCSF: _ClassVar[IncidentFormat]
    INCIDENT_FORMAT_GOOGLE_SECOPS: _ClassVar[IncidentFormat]
    INCIDENT_FORMAT_ELASTIC: _ClassVar[IncidentFormat]
    INCIDENT_FORMAT_WINGMAN: _ClassVar[IncidentFormat]

class EntityType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ENTITY_TYPE_UNSPECIFIED: _ClassVar[EntityType]
    ENTITY_TYPE_DEVICE: _ClassVar[EntityType]
    ENTITY_TYPE_USER: _ClassVar[EntityType]
    ENTITY_TYPE_IP: _ClassVar[EntityType]
    ENTITY_TYPE_URL: _ClassVar[EntityType]
    ENTITY_TYPE_DOMAIN: _ClassVar[EntityType]
    ENTITY_TYPE_FILE: _ClassVar[EntityType]
    ENTITY_TYPE_PROCESS: _ClassVar[EntityType]
    ENTITY_TYPE_REGISTRY: _ClassVar[EntityType]
    ENTITY_TYPE_MAILBOX: _ClassVar[EntityType]
    ENTITY_TYPE_EMAIL_MESSAGE: _ClassVar[EntityType]
    ENTITY_TYPE_CLOUD_APP: _ClassVar[EntityType]
    ENTITY_TYPE_CLOUD_RESOURCE: _ClassVar[EntityType]
    ENTITY_TYPE_OTHER: _ClassVar[EntityType]

class ResponseCategory(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RESPONSE_CATEGORY_UNSPECIFIED: _ClassVar[ResponseCategory]
    RESPONSE_CATEGORY_TRIAGE: _ClassVar[ResponseCategory]
    RESPONSE_CATEGORY_CONTAINMENT: _ClassVar[ResponseCategory]
    RESPONSE_CATEGORY_INVESTIGATION: _ClassVar[ResponseCategory]
    RESPONSE_CATEGORY_REMEDIATION: _ClassVar[ResponseCategory]
    RESPONSE_CATEGORY_PREVENTION: _ClassVar[ResponseCategory]
SEVERITY_UNSPECIFIED: Severity
SEVERITY_INFORMATIONAL: Severity
SEVERITY_LOW: Severity
SEVERITY_MEDIUM: Severity
SEVERITY_HIGH: Severity
SEVERITY_CRITICAL: Severity
VERDICT_UNSPECIFIED: Verdict
VERDICT_MALICIOUS: Verdict
VERDICT_SUSPICIOUS: Verdict
VERDICT_BENIGN: Verdict
VERDICT_UNKNOWN: Verdict
INDICATOR_TYPE_UNSPECIFIED: IndicatorType
INDICATOR_TYPE_IPV4: IndicatorType
INDICATOR_TYPE_IPV6: IndicatorType
INDICATOR_TYPE_DOMAIN: IndicatorType
INDICATOR_TYPE_URL: IndicatorType
INDICATOR_TYPE_EMAIL: IndicatorType
INDICATOR_TYPE_MD5: IndicatorType
INDICATOR_TYPE_SHA1: IndicatorType
INDICATOR_TYPE_SHA256: IndicatorType
INDICATOR_TYPE_FILE_PATH: IndicatorType
INDICATOR_TYPE_REGISTRY_KEY: IndicatorType
DIAGNOSTIC_SEVERITY_UNSPECIFIED: DiagnosticSeverity
DIAGNOSTIC_SEVERITY_ERROR: DiagnosticSeverity
DIAGNOSTIC_SEVERITY_WARNING: DiagnosticSeverity
DIAGNOSTIC_SEVERITY_INFO: DiagnosticSeverity
SCRIPT_LANGUAGE_AUTO: ScriptLanguage
SCRIPT_LANGUAGE_POWERSHELL: ScriptLanguage
SCRIPT_LANGUAGE_BATCH: ScriptLanguage
SCRIPT_LANGUAGE_BASH: ScriptLanguage
SCRIPT_LANGUAGE_PYTHON: ScriptLanguage
SCRIPT_LANGUAGE_JAVASCRIPT: ScriptLanguage
SCRIPT_LANGUAGE_VBSCRIPT: ScriptLanguage
PLATFORM_UNSPECIFIED: Platform
PLATFORM_DEFENDER: Platform
PLATFORM_SENTINEL: Platform
INCIDENT_FORMAT_AUTO: IncidentFormat
INCIDENT_FORMAT_GRAPH: IncidentFormat
INCIDENT_FORMAT_M365D: IncidentFormat
INCIDENT_FORMAT_MDE: IncidentFormat
INCIDENT_FORMAT_SENTINEL: IncidentFormat
INCIDENT_FORMAT_DEFENDER_FOR_CLOUD: IncidentFormat
INCIDENT_FORMAT_OCSF: IncidentFormat
INCIDENT_FORMAT_GOOGLE_SECOPS: IncidentFormat
INCIDENT_FORMAT_ELASTIC: IncidentFormat
INCIDENT_FORMAT_WINGMAN: IncidentFormat
ENTITY_TYPE_UNSPECIFIED: EntityType
ENTITY_TYPE_DEVICE: EntityType
ENTITY_TYPE_USER: EntityType
ENTITY_TYPE_IP: EntityType
ENTITY_TYPE_URL: EntityType
ENTITY_TYPE_DOMAIN: EntityType
ENTITY_TYPE_FILE: EntityType
ENTITY_TYPE_PROCESS: EntityType
ENTITY_TYPE_REGISTRY: EntityType
ENTITY_TYPE_MAILBOX: EntityType
ENTITY_TYPE_EMAIL_MESSAGE: EntityType
ENTITY_TYPE_CLOUD_APP: EntityType
ENTITY_TYPE_CLOUD_RESOURCE: EntityType
ENTITY_TYPE_OTHER: EntityType
RESPONSE_CATEGORY_UNSPECIFIED: ResponseCategory
RESPONSE_CATEGORY_TRIAGE: ResponseCategory
RESPONSE_CATEGORY_CONTAINMENT: ResponseCategory
RESPONSE_CATEGORY_INVESTIGATION: ResponseCategory
RESPONSE_CATEGORY_REMEDIATION: ResponseCategory
RESPONSE_CATEGORY_PREVENTION: ResponseCategory

class Engine(_message.Message):
    __slots__ = ("name", "version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    version: str
    def __init__(self, name: _Optional[str] = ..., version: _Optional[str] = ...) -> None: ...

class Degraded(_message.Message):
    __slots__ = ("reasons",)
    REASONS_FIELD_NUMBER: _ClassVar[int]
    reasons: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, reasons: _Optional[_Iterable[str]] = ...) -> None: ...

class Runtime(_message.Message):
    __slots__ = ("cached", "duration_ms", "engine_ms")
    CACHED_FIELD_NUMBER: _ClassVar[int]
    DURATION_MS_FIELD_NUMBER: _ClassVar[int]
    ENGINE_MS_FIELD_NUMBER: _ClassVar[int]
    cached: bool
    duration_ms: float
    engine_ms: float
    def __init__(self, cached: _Optional[bool] = ..., duration_ms: _Optional[float] = ..., engine_ms: _Optional[float] = ...) -> None: ...

class TextSpan(_message.Message):
    __slots__ = ("line", "column", "end_line", "end_column")
    LINE_FIELD_NUMBER: _ClassVar[int]
    COLUMN_FIELD_NUMBER: _ClassVar[int]
    END_LINE_FIELD_NUMBER: _ClassVar[int]
    END_COLUMN_FIELD_NUMBER: _ClassVar[int]
    line: int
    column: int
    end_line: int
    end_column: int
    def __init__(self, line: _Optional[int] = ..., column: _Optional[int] = ..., end_line: _Optional[int] = ..., end_column: _Optional[int] = ...) -> None: ...

class Diagnostic(_message.Message):
    __slots__ = ("severity", "code", "message", "line", "column", "end_line", "end_column", "suggestions")
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    LINE_FIELD_NUMBER: _ClassVar[int]
    COLUMN_FIELD_NUMBER: _ClassVar[int]
    END_LINE_FIELD_NUMBER: _ClassVar[int]
    END_COLUMN_FIELD_NUMBER: _ClassVar[int]
    SUGGESTIONS_FIELD_NUMBER: _ClassVar[int]
    severity: DiagnosticSeverity
    code: str
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    suggestions: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, severity: _Optional[_Union[DiagnosticSeverity, str]] = ..., code: _Optional[str] = ..., message: _Optional[str] = ..., line: _Optional[int] = ..., column: _Optional[int] = ..., end_line: _Optional[int] = ..., end_column: _Optional[int] = ..., suggestions: _Optional[_Iterable[str]] = ...) -> None: ...

class Indicator(_message.Message):
    __slots__ = ("type", "value")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    type: IndicatorType
    value: str
    def __init__(self, type: _Optional[_Union[IndicatorType, str]] = ..., value: _Optional[str] = ...) -> None: ...

class ProviderResult(_message.Message):
    __slots__ = ("provider", "verdict", "score", "first_seen", "last_seen", "tags", "references", "error", "fetched_at", "cached", "summary", "pending")
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    VERDICT_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    FIRST_SEEN_FIELD_NUMBER: _ClassVar[int]
    LAST_SEEN_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    REFERENCES_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    FETCHED_AT_FIELD_NUMBER: _ClassVar[int]
    CACHED_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    PENDING_FIELD_NUMBER: _ClassVar[int]
    provider: str
    verdict: Verdict
    score: int
    first_seen: str
    last_seen: str
    tags: _containers.RepeatedScalarFieldContainer[str]
    references: _containers.RepeatedScalarFieldContainer[str]
    error: str
    fetched_at: str
    cached: bool
    summary: str
    pending: bool
    def __init__(self, provider: _Optional[str] = ..., verdict: _Optional[_Union[Verdict, str]] = ..., score: _Optional[int] = ..., first_seen: _Optional[str] = ..., last_seen: _Optional[str] = ..., tags: _Optional[_Iterable[str]] = ..., references: _Optional[_Iterable[str]] = ..., error: _Optional[str] = ..., fetched_at: _Optional[str] = ..., cached: _Optional[bool] = ..., summary: _Optional[str] = ..., pending: _Optional[bool] = ...) -> None: ...

class Reputation(_message.Message):
    __slots__ = ("verdict", "score", "reasons", "providers")
    VERDICT_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    REASONS_FIELD_NUMBER: _ClassVar[int]
    PROVIDERS_FIELD_NUMBER: _ClassVar[int]
    verdict: Verdict
    score: int
    reasons: _containers.RepeatedScalarFieldContainer[str]
    providers: _containers.RepeatedCompositeFieldContainer[ProviderResult]
    def __init__(self, verdict: _Optional[_Union[Verdict, str]] = ..., score: _Optional[int] = ..., reasons: _Optional[_Iterable[str]] = ..., providers: _Optional[_Iterable[_Union[ProviderResult, _Mapping]]] = ...) -> None: ...

class AttackTechnique(_message.Message):
    __slots__ = ("id", "name", "tactics")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    TACTICS_FIELD_NUMBER: _ClassVar[int]
    id: str
    name: str
    tactics: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., tactics: _Optional[_Iterable[str]] = ...) -> None: ...

class AnalyzeScriptRequest(_message.Message):
    __slots__ = ("content", "content_base64", "language", "filename", "enrich")
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    CONTENT_BASE64_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    FILENAME_FIELD_NUMBER: _ClassVar[int]
    ENRICH_FIELD_NUMBER: _ClassVar[int]
    content: str
    content_base64: bytes
    language: ScriptLanguage
    filename: str
    enrich: bool
    def __init__(self, content: _Optional[str] = ..., content_base64: _Optional[bytes] = ..., language: _Optional[_Union[ScriptLanguage, str]] = ..., filename: _Optional[str] = ..., enrich: _Optional[bool] = ...) -> None: ...

class DeobfuscationLayer(_message.Message):
    __slots__ = ("index", "technique", "content", "parent_span")
    INDEX_FIELD_NUMBER: _ClassVar[int]
    TECHNIQUE_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    PARENT_SPAN_FIELD_NUMBER: _ClassVar[int]
    index: int
    technique: str
    content: str
    parent_span: TextSpan
    def __init__(self, index: _Optional[int] = ..., technique: _Optional[str] = ..., content: _Optional[str] = ..., parent_span: _Optional[_Union[TextSpan, _Mapping]] = ...) -> None: ...

class ScriptIndicator(_message.Message):
    __slots__ = ("type", "value", "defanged", "layer", "line", "enrichment")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    DEFANGED_FIELD_NUMBER: _ClassVar[int]
    LAYER_FIELD_NUMBER: _ClassVar[int]
    LINE_FIELD_NUMBER: _ClassVar[int]
    ENRICHMENT_FIELD_NUMBER: _ClassVar[int]
    type: IndicatorType
    value: str
    defanged: bool
    layer: int
    line: int
    enrichment: Reputation
    def __init__(self, type: _Optional[_Union[IndicatorType, str]] = ..., value: _Optional[str] = ..., defanged: _Optional[bool] = ..., layer: _Optional[int] = ..., line: _Optional[int] = ..., enrichment: _Optional[_Union[Reputation, _Mapping]] = ...) -> None: ...

class Evidence(_message.Message):
    __slots__ = ("layer", "span", "text")
    LAYER_FIELD_NUMBER: _ClassVar[int]
    SPAN_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    layer: int
    span: TextSpan
    text: str
    def __init__(self, layer: _Optional[int] = ..., span: _Optional[_Union[TextSpan, _Mapping]] = ..., text: _Optional[str] = ...) -> None: ...

class Behavior(_message.Message):
    __slots__ = ("id", "title", "severity", "attack", "evidence")
    ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    ATTACK_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    id: str
    title: str
    severity: Severity
    attack: _containers.RepeatedScalarFieldContainer[str]
    evidence: _containers.RepeatedCompositeFieldContainer[Evidence]
    def __init__(self, id: _Optional[str] = ..., title: _Optional[str] = ..., severity: _Optional[_Union[Severity, str]] = ..., attack: _Optional[_Iterable[str]] = ..., evidence: _Optional[_Iterable[_Union[Evidence, _Mapping]]] = ...) -> None: ...

class ExplanationLine(_message.Message):
    __slots__ = ("line", "text")
    LINE_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    line: int
    text: str
    def __init__(self, line: _Optional[int] = ..., text: _Optional[str] = ...) -> None: ...

class AnalyzeScriptResponse(_message.Message):
    __slots__ = ("language", "language_confidence", "verdict", "score", "reasons", "summary", "deobfuscation_layers", "iocs", "behaviors", "attack_techniques", "explanation", "truncated", "truncated_reason", "warnings", "engine", "degraded", "runtime")
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    VERDICT_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    REASONS_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    DEOBFUSCATION_LAYERS_FIELD_NUMBER: _ClassVar[int]
    IOCS_FIELD_NUMBER: _ClassVar[int]
    BEHAVIORS_FIELD_NUMBER: _ClassVar[int]
    ATTACK_TECHNIQUES_FIELD_NUMBER: _ClassVar[int]
    EXPLANATION_FIELD_NUMBER: _ClassVar[int]
    TRUNCATED_FIELD_NUMBER: _ClassVar[int]
    TRUNCATED_REASON_FIELD_NUMBER: _ClassVar[int]
    WARNINGS_FIELD_NUMBER: _ClassVar[int]
    ENGINE_FIELD_NUMBER: _ClassVar[int]
    DEGRADED_FIELD_NUMBER: _ClassVar[int]
    RUNTIME_FIELD_NUMBER: _ClassVar[int]
    language: ScriptLanguage
    language_confidence: float
    verdict: Verdict
    score: int
    reasons: _containers.RepeatedScalarFieldContainer[str]
    summary: str
    deobfuscation_layers: _containers.RepeatedCompositeFieldContainer[DeobfuscationLayer]
    iocs: _containers.RepeatedCompositeFieldContainer[ScriptIndicator]
    behaviors: _containers.RepeatedCompositeFieldContainer[Behavior]
    attack_techniques: _containers.RepeatedCompositeFieldContainer[AttackTechnique]
    explanation: _containers.RepeatedCompositeFieldContainer[ExplanationLine]
    truncated: bool
    truncated_reason: str
    warnings: _containers.RepeatedScalarFieldContainer[str]
    engine: Engine
    degraded: Degraded
    runtime: Runtime
    def __init__(self, language: _Optional[_Union[ScriptLanguage, str]] = ..., language_confidence: _Optional[float] = ..., verdict: _Optional[_Union[Verdict, str]] = ..., score: _Optional[int] = ..., reasons: _Optional[_Iterable[str]] = ..., summary: _Optional[str] = ..., deobfuscation_layers: _Optional[_Iterable[_Union[DeobfuscationLayer, _Mapping]]] = ..., iocs: _Optional[_Iterable[_Union[ScriptIndicator, _Mapping]]] = ..., behaviors: _Optional[_Iterable[_Union[Behavior, _Mapping]]] = ..., attack_techniques: _Optional[_Iterable[_Union[AttackTechnique, _Mapping]]] = ..., explanation: _Optional[_Iterable[_Union[ExplanationLine, _Mapping]]] = ..., truncated: _Optional[bool] = ..., truncated_reason: _Optional[str] = ..., warnings: _Optional[_Iterable[str]] = ..., engine: _Optional[_Union[Engine, _Mapping]] = ..., degraded: _Optional[_Union[Degraded, _Mapping]] = ..., runtime: _Optional[_Union[Runtime, _Mapping]] = ...) -> None: ...

class TimeWindow(_message.Message):
    __slots__ = ("start", "end")
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    start: str
    end: str
    def __init__(self, start: _Optional[str] = ..., end: _Optional[str] = ...) -> None: ...

class TimeRange(_message.Message):
    __slots__ = ("timespan", "window")
    TIMESPAN_FIELD_NUMBER: _ClassVar[int]
    WINDOW_FIELD_NUMBER: _ClassVar[int]
    timespan: str
    window: TimeWindow
    def __init__(self, timespan: _Optional[str] = ..., window: _Optional[_Union[TimeWindow, _Mapping]] = ...) -> None: ...

class NLToKQLRequest(_message.Message):
    __slots__ = ("question", "platform", "time_range", "max_rows")
    QUESTION_FIELD_NUMBER: _ClassVar[int]
    PLATFORM_FIELD_NUMBER: _ClassVar[int]
    TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    MAX_ROWS_FIELD_NUMBER: _ClassVar[int]
    question: str
    platform: Platform
    time_range: TimeRange
    max_rows: int
    def __init__(self, question: _Optional[str] = ..., platform: _Optional[_Union[Platform, str]] = ..., time_range: _Optional[_Union[TimeRange, _Mapping]] = ..., max_rows: _Optional[int] = ...) -> None: ...

class KQLAlternative(_message.Message):
    __slots__ = ("kql", "explanation", "confidence")
    KQL_FIELD_NUMBER: _ClassVar[int]
    EXPLANATION_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    kql: str
    explanation: str
    confidence: float
    def __init__(self, kql: _Optional[str] = ..., explanation: _Optional[str] = ..., confidence: _Optional[float] = ...) -> None: ...

class KQLClause(_message.Message):
    __slots__ = ("kql", "text")
    KQL_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    kql: str
    text: str
    def __init__(self, kql: _Optional[str] = ..., text: _Optional[str] = ...) -> None: ...

class NLToKQLResponse(_message.Message):
    __slots__ = ("kql", "valid", "platform", "tables", "explanation", "clauses", "confidence", "diagnostics", "alternatives", "suggestions", "engine", "degraded", "runtime")
    KQL_FIELD_NUMBER: _ClassVar[int]
    VALID_FIELD_NUMBER: _ClassVar[int]
    PLATFORM_FIELD_NUMBER: _ClassVar[int]
    TABLES_FIELD_NUMBER: _ClassVar[int]
    EXPLANATION_FIELD_NUMBER: _ClassVar[int]
    CLAUSES_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    DIAGNOSTICS_FIELD_NUMBER: _ClassVar[int]
    ALTERNATIVES_FIELD_NUMBER: _ClassVar[int]
    SUGGESTIONS_FIELD_NUMBER: _ClassVar[int]
    ENGINE_FIELD_NUMBER: _ClassVar[int]
    DEGRADED_FIELD_NUMBER: _ClassVar[int]
    RUNTIME_FIELD_NUMBER: _ClassVar[int]
    kql: str
    valid: bool
    platform: Platform
    tables: _containers.RepeatedScalarFieldContainer[str]
    explanation: str
    clauses: _containers.RepeatedCompositeFieldContainer[KQLClause]
    confidence: float
    diagnostics: _containers.RepeatedCompositeFieldContainer[Diagnostic]
    alternatives: _containers.RepeatedCompositeFieldContainer[KQLAlternative]
    suggestions: _containers.RepeatedScalarFieldContainer[str]
    engine: Engine
    degraded: Degraded
    runtime: Runtime
    def __init__(self, kql: _Optional[str] = ..., valid: _Optional[bool] = ..., platform: _Optional[_Union[Platform, str]] = ..., tables: _Optional[_Iterable[str]] = ..., explanation: _Optional[str] = ..., clauses: _Optional[_Iterable[_Union[KQLClause, _Mapping]]] = ..., confidence: _Optional[float] = ..., diagnostics: _Optional[_Iterable[_Union[Diagnostic, _Mapping]]] = ..., alternatives: _Optional[_Iterable[_Union[KQLAlternative, _Mapping]]] = ..., suggestions: _Optional[_Iterable[str]] = ..., engine: _Optional[_Union[Engine, _Mapping]] = ..., degraded: _Optional[_Union[Degraded, _Mapping]] = ..., runtime: _Optional[_Union[Runtime, _Mapping]] = ...) -> None: ...

class ValidateKQLRequest(_message.Message):
    __slots__ = ("kql", "platform")
    KQL_FIELD_NUMBER: _ClassVar[int]
    PLATFORM_FIELD_NUMBER: _ClassVar[int]
    kql: str
    platform: Platform
    def __init__(self, kql: _Optional[str] = ..., platform: _Optional[_Union[Platform, str]] = ...) -> None: ...

class ValidateKQLResponse(_message.Message):
    __slots__ = ("valid", "platform", "tables", "diagnostics", "engine", "degraded", "runtime")
    VALID_FIELD_NUMBER: _ClassVar[int]
    PLATFORM_FIELD_NUMBER: _ClassVar[int]
    TABLES_FIELD_NUMBER: _ClassVar[int]
    DIAGNOSTICS_FIELD_NUMBER: _ClassVar[int]
    ENGINE_FIELD_NUMBER: _ClassVar[int]
    DEGRADED_FIELD_NUMBER: _ClassVar[int]
    RUNTIME_FIELD_NUMBER: _ClassVar[int]
    valid: bool
    platform: Platform
    tables: _containers.RepeatedScalarFieldContainer[str]
    diagnostics: _containers.RepeatedCompositeFieldContainer[Diagnostic]
    engine: Engine
    degraded: Degraded
    runtime: Runtime
    def __init__(self, valid: _Optional[bool] = ..., platform: _Optional[_Union[Platform, str]] = ..., tables: _Optional[_Iterable[str]] = ..., diagnostics: _Optional[_Iterable[_Union[Diagnostic, _Mapping]]] = ..., engine: _Optional[_Union[Engine, _Mapping]] = ..., degraded: _Optional[_Union[Degraded, _Mapping]] = ..., runtime: _Optional[_Union[Runtime, _Mapping]] = ...) -> None: ...

class SummarizeIncidentRequest(_message.Message):
    __slots__ = ("incident", "format", "enrich")
    INCIDENT_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    ENRICH_FIELD_NUMBER: _ClassVar[int]
    incident: _struct_pb2.Value
    format: IncidentFormat
    enrich: bool
    def __init__(self, incident: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., format: _Optional[_Union[IncidentFormat, str]] = ..., enrich: _Optional[bool] = ...) -> None: ...

class TimelineEvent(_message.Message):
    __slots__ = ("time", "text", "alert_ids", "entity_ids")
    TIME_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    ALERT_IDS_FIELD_NUMBER: _ClassVar[int]
    ENTITY_IDS_FIELD_NUMBER: _ClassVar[int]
    time: str
    text: str
    alert_ids: _containers.RepeatedScalarFieldContainer[str]
    entity_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, time: _Optional[str] = ..., text: _Optional[str] = ..., alert_ids: _Optional[_Iterable[str]] = ..., entity_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class IncidentEntity(_message.Message):
    __slots__ = ("id", "type", "value", "roles", "alert_ids", "enrichment", "attributes")
    class AttributesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    ROLES_FIELD_NUMBER: _ClassVar[int]
    ALERT_IDS_FIELD_NUMBER: _ClassVar[int]
    ENRICHMENT_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTES_FIELD_NUMBER: _ClassVar[int]
    id: str
    type: EntityType
    value: str
    roles: _containers.RepeatedScalarFieldContainer[str]
    alert_ids: _containers.RepeatedScalarFieldContainer[str]
    enrichment: Reputation
    attributes: _containers.ScalarMap[str, str]
    def __init__(self, id: _Optional[str] = ..., type: _Optional[_Union[EntityType, str]] = ..., value: _Optional[str] = ..., roles: _Optional[_Iterable[str]] = ..., alert_ids: _Optional[_Iterable[str]] = ..., enrichment: _Optional[_Union[Reputation, _Mapping]] = ..., attributes: _Optional[_Mapping[str, str]] = ...) -> None: ...

class EntityRelation(_message.Message):
    __slots__ = ("kind", "source_id", "target_id")
    KIND_FIELD_NUMBER: _ClassVar[int]
    SOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    TARGET_ID_FIELD_NUMBER: _ClassVar[int]
    kind: str
    source_id: str
    target_id: str
    def __init__(self, kind: _Optional[str] = ..., source_id: _Optional[str] = ..., target_id: _Optional[str] = ...) -> None: ...

class TechniqueRef(_message.Message):
    __slots__ = ("id", "name")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    id: str
    name: str
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ...) -> None: ...

class TacticGroup(_message.Message):
    __slots__ = ("tactic", "techniques")
    TACTIC_FIELD_NUMBER: _ClassVar[int]
    TECHNIQUES_FIELD_NUMBER: _ClassVar[int]
    tactic: str
    techniques: _containers.RepeatedCompositeFieldContainer[TechniqueRef]
    def __init__(self, tactic: _Optional[str] = ..., techniques: _Optional[_Iterable[_Union[TechniqueRef, _Mapping]]] = ...) -> None: ...

class Scope(_message.Message):
    __slots__ = ("devices", "users", "mailboxes", "cloud_apps", "cloud_resources", "ips", "critical_assets", "impact", "alert_count")
    DEVICES_FIELD_NUMBER: _ClassVar[int]
    USERS_FIELD_NUMBER: _ClassVar[int]
    MAILBOXES_FIELD_NUMBER: _ClassVar[int]
    CLOUD_APPS_FIELD_NUMBER: _ClassVar[int]
    CLOUD_RESOURCES_FIELD_NUMBER: _ClassVar[int]
    IPS_FIELD_NUMBER: _ClassVar[int]
    CRITICAL_ASSETS_FIELD_NUMBER: _ClassVar[int]
    IMPACT_FIELD_NUMBER: _ClassVar[int]
    ALERT_COUNT_FIELD_NUMBER: _ClassVar[int]
    devices: _containers.RepeatedScalarFieldContainer[str]
    users: _containers.RepeatedScalarFieldContainer[str]
    mailboxes: _containers.RepeatedScalarFieldContainer[str]
    cloud_apps: _containers.RepeatedScalarFieldContainer[str]
    cloud_resources: _containers.RepeatedScalarFieldContainer[str]
    ips: _containers.RepeatedScalarFieldContainer[str]
    critical_assets: _containers.RepeatedScalarFieldContainer[str]
    impact: _containers.RepeatedScalarFieldContainer[str]
    alert_count: int
    def __init__(self, devices: _Optional[_Iterable[str]] = ..., users: _Optional[_Iterable[str]] = ..., mailboxes: _Optional[_Iterable[str]] = ..., cloud_apps: _Optional[_Iterable[str]] = ..., cloud_resources: _Optional[_Iterable[str]] = ..., ips: _Optional[_Iterable[str]] = ..., critical_assets: _Optional[_Iterable[str]] = ..., impact: _Optional[_Iterable[str]] = ..., alert_count: _Optional[int] = ...) -> None: ...

class EntryPoint(_message.Message):
    __slots__ = ("type", "value", "entity_id", "rationale", "evidence_ids")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    ENTITY_ID_FIELD_NUMBER: _ClassVar[int]
    RATIONALE_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_IDS_FIELD_NUMBER: _ClassVar[int]
    type: EntityType
    value: str
    entity_id: str
    rationale: str
    evidence_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, type: _Optional[_Union[EntityType, str]] = ..., value: _Optional[str] = ..., entity_id: _Optional[str] = ..., rationale: _Optional[str] = ..., evidence_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class RecommendationTarget(_message.Message):
    __slots__ = ("type", "value", "entity_id")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    ENTITY_ID_FIELD_NUMBER: _ClassVar[int]
    type: EntityType
    value: str
    entity_id: str
    def __init__(self, type: _Optional[_Union[EntityType, str]] = ..., value: _Optional[str] = ..., entity_id: _Optional[str] = ...) -> None: ...

class Recommendation(_message.Message):
    __slots__ = ("category", "action", "target", "rationale", "evidence_ids", "priority")
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    RATIONALE_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_IDS_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    category: ResponseCategory
    action: str
    target: RecommendationTarget
    rationale: str
    evidence_ids: _containers.RepeatedScalarFieldContainer[str]
    priority: int
    def __init__(self, category: _Optional[_Union[ResponseCategory, str]] = ..., action: _Optional[str] = ..., target: _Optional[_Union[RecommendationTarget, _Mapping]] = ..., rationale: _Optional[str] = ..., evidence_ids: _Optional[_Iterable[str]] = ..., priority: _Optional[int] = ...) -> None: ...

class VendorAction(_message.Message):
    __slots__ = ("source", "alert_id", "text")
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    ALERT_ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    source: str
    alert_id: str
    text: str
    def __init__(self, source: _Optional[str] = ..., alert_id: _Optional[str] = ..., text: _Optional[str] = ...) -> None: ...

class Citation(_message.Message):
    __slots__ = ("sentence", "text", "alert_ids", "entity_ids")
    SENTENCE_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    ALERT_IDS_FIELD_NUMBER: _ClassVar[int]
    ENTITY_IDS_FIELD_NUMBER: _ClassVar[int]
    sentence: int
    text: str
    alert_ids: _containers.RepeatedScalarFieldContainer[str]
    entity_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, sentence: _Optional[int] = ..., text: _Optional[str] = ..., alert_ids: _Optional[_Iterable[str]] = ..., entity_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class SummarizeIncidentResponse(_message.Message):
    __slots__ = ("format", "title", "severity", "summary", "timeline", "entities", "attack", "tactics", "techniques", "scope", "entry_point", "recommendations", "vendor_actions", "citations", "warnings", "truncated", "engine", "degraded", "runtime", "relations")
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    TIMELINE_FIELD_NUMBER: _ClassVar[int]
    ENTITIES_FIELD_NUMBER: _ClassVar[int]
    ATTACK_FIELD_NUMBER: _ClassVar[int]
    TACTICS_FIELD_NUMBER: _ClassVar[int]
    TECHNIQUES_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    ENTRY_POINT_FIELD_NUMBER: _ClassVar[int]
    RECOMMENDATIONS_FIELD_NUMBER: _ClassVar[int]
    VENDOR_ACTIONS_FIELD_NUMBER: _ClassVar[int]
    CITATIONS_FIELD_NUMBER: _ClassVar[int]
    WARNINGS_FIELD_NUMBER: _ClassVar[int]
    TRUNCATED_FIELD_NUMBER: _ClassVar[int]
    ENGINE_FIELD_NUMBER: _ClassVar[int]
    DEGRADED_FIELD_NUMBER: _ClassVar[int]
    RUNTIME_FIELD_NUMBER: _ClassVar[int]
    RELATIONS_FIELD_NUMBER: _ClassVar[int]
    format: IncidentFormat
    title: str
    severity: Severity
    summary: str
    timeline: _containers.RepeatedCompositeFieldContainer[TimelineEvent]
    entities: _containers.RepeatedCompositeFieldContainer[IncidentEntity]
    attack: _containers.RepeatedCompositeFieldContainer[TacticGroup]
    tactics: _containers.RepeatedScalarFieldContainer[str]
    techniques: _containers.RepeatedCompositeFieldContainer[TechniqueRef]
    scope: Scope
    entry_point: EntryPoint
    recommendations: _containers.RepeatedCompositeFieldContainer[Recommendation]
    vendor_actions: _containers.RepeatedCompositeFieldContainer[VendorAction]
    citations: _containers.RepeatedCompositeFieldContainer[Citation]
    warnings: _containers.RepeatedScalarFieldContainer[str]
    truncated: bool
    engine: Engine
    degraded: Degraded
    runtime: Runtime
    relations: _containers.RepeatedCompositeFieldContainer[EntityRelation]
    def __init__(self, format: _Optional[_Union[IncidentFormat, str]] = ..., title: _Optional[str] = ..., severity: _Optional[_Union[Severity, str]] = ..., summary: _Optional[str] = ..., timeline: _Optional[_Iterable[_Union[TimelineEvent, _Mapping]]] = ..., entities: _Optional[_Iterable[_Union[IncidentEntity, _Mapping]]] = ..., attack: _Optional[_Iterable[_Union[TacticGroup, _Mapping]]] = ..., tactics: _Optional[_Iterable[str]] = ..., techniques: _Optional[_Iterable[_Union[TechniqueRef, _Mapping]]] = ..., scope: _Optional[_Union[Scope, _Mapping]] = ..., entry_point: _Optional[_Union[EntryPoint, _Mapping]] = ..., recommendations: _Optional[_Iterable[_Union[Recommendation, _Mapping]]] = ..., vendor_actions: _Optional[_Iterable[_Union[VendorAction, _Mapping]]] = ..., citations: _Optional[_Iterable[_Union[Citation, _Mapping]]] = ..., warnings: _Optional[_Iterable[str]] = ..., truncated: _Optional[bool] = ..., engine: _Optional[_Union[Engine, _Mapping]] = ..., degraded: _Optional[_Union[Degraded, _Mapping]] = ..., runtime: _Optional[_Union[Runtime, _Mapping]] = ..., relations: _Optional[_Iterable[_Union[EntityRelation, _Mapping]]] = ...) -> None: ...

class EnrichIndicatorsRequest(_message.Message):
    __slots__ = ("indicators",)
    INDICATORS_FIELD_NUMBER: _ClassVar[int]
    indicators: _containers.RepeatedCompositeFieldContainer[Indicator]
    def __init__(self, indicators: _Optional[_Iterable[_Union[Indicator, _Mapping]]] = ...) -> None: ...

class IndicatorResult(_message.Message):
    __slots__ = ("type", "value", "verdict", "score", "reasons", "providers", "excluded")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    VERDICT_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    REASONS_FIELD_NUMBER: _ClassVar[int]
    PROVIDERS_FIELD_NUMBER: _ClassVar[int]
    EXCLUDED_FIELD_NUMBER: _ClassVar[int]
    type: IndicatorType
    value: str
    verdict: Verdict
    score: int
    reasons: _containers.RepeatedScalarFieldContainer[str]
    providers: _containers.RepeatedCompositeFieldContainer[ProviderResult]
    excluded: str
    def __init__(self, type: _Optional[_Union[IndicatorType, str]] = ..., value: _Optional[str] = ..., verdict: _Optional[_Union[Verdict, str]] = ..., score: _Optional[int] = ..., reasons: _Optional[_Iterable[str]] = ..., providers: _Optional[_Iterable[_Union[ProviderResult, _Mapping]]] = ..., excluded: _Optional[str] = ...) -> None: ...

class EnrichIndicatorsResponse(_message.Message):
    __slots__ = ("results", "engine", "degraded", "runtime")
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    ENGINE_FIELD_NUMBER: _ClassVar[int]
    DEGRADED_FIELD_NUMBER: _ClassVar[int]
    RUNTIME_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[IndicatorResult]
    engine: Engine
    degraded: Degraded
    runtime: Runtime
    def __init__(self, results: _Optional[_Iterable[_Union[IndicatorResult, _Mapping]]] = ..., engine: _Optional[_Union[Engine, _Mapping]] = ..., degraded: _Optional[_Union[Degraded, _Mapping]] = ..., runtime: _Optional[_Union[Runtime, _Mapping]] = ...) -> None: ...
