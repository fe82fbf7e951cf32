"""Vocabulary shared by every capability."""

from __future__ import annotations

from pydantic import Field

from wingman.core.models._base import WireEnum, WireModel


class Severity(WireEnum):
    INFORMATIONAL = "informational"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class Verdict(WireEnum):
    MALICIOUS = "malicious"
    SUSPICIOUS = "suspicious"
    BENIGN = "benign"
    UNKNOWN = "unknown"


class IndicatorType(WireEnum):
    IPV4 = "ipv4"
    IPV6 = "ipv6"
    DOMAIN = "domain"
    URL = "url"
    EMAIL = "email"
    MD5 = "md5"
    SHA1 = "sha1"
    SHA256 = "sha256"
    FILE_PATH = "file_path"
    REGISTRY_KEY = "registry_key"


class DiagnosticSeverity(WireEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Engine(WireModel):
    name: str
    version: str


class Degraded(WireModel):
    reasons: tuple[str, ...] = ()


class Runtime(WireModel):
    """Volatile facts about one call; contract comparisons ignore them."""

    cached: bool = False
    duration_ms: float = 0.0
    engine_ms: float = 0.0


class TextSpan(WireModel):
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0


class Diagnostic(WireModel):
    severity: DiagnosticSeverity
    code: str
    message: str
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    suggestions: tuple[str, ...] = ()


class Indicator(WireModel):
    type: IndicatorType
    value: str


class ProviderResult(WireModel):
    provider: str
    verdict: Verdict
    score: int = Field(default=0, ge=0, le=100)
    first_seen: str = ""
    last_seen: str = ""
    tags: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    error: str | None = None
    fetched_at: str = ""
    cached: bool = False
    summary: str = ""
    pending: bool = False


class Reputation(WireModel):
    verdict: Verdict
    score: int = Field(default=0, ge=0, le=100)
    reasons: tuple[str, ...] = ()
    providers: tuple[ProviderResult, ...] = ()


class AttackTechnique(WireModel):
    id: str
    name: str
    tactics: tuple[str, ...] = ()
