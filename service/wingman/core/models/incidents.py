"""SummarizeIncident request and response."""

from __future__ import annotations

from pydantic import Field, JsonValue, field_validator

from wingman.core.canonical import integral_numbers
from wingman.core.models._base import WireEnum, WireModel
from wingman.core.models.common import Degraded, Engine, Reputation, Runtime, Severity


class IncidentFormat(WireEnum):
    AUTO = "auto"
    GRAPH = "graph"
    M365D = "m365d"
    MDE = "mde"
    SENTINEL = "sentinel"
    DEFENDER_FOR_CLOUD = "defender_for_cloud"
    OCSF = "ocsf"
    GOOGLE_SECOPS = "google_secops"
    ELASTIC = "elastic"
    WINGMAN = "wingman"


class EntityType(WireEnum):
    DEVICE = "device"
    USER = "user"
    IP = "ip"
    URL = "url"
    DOMAIN = "domain"
    FILE = "file"
    PROCESS = "process"
    REGISTRY = "registry"
    MAILBOX = "mailbox"
    EMAIL_MESSAGE = "email_message"
    CLOUD_APP = "cloud_app"
    CLOUD_RESOURCE = "cloud_resource"
    OTHER = "other"


class ResponseCategory(WireEnum):
    TRIAGE = "triage"
    CONTAINMENT = "containment"
    INVESTIGATION = "investigation"
    REMEDIATION = "remediation"
    PREVENTION = "prevention"


class SummarizeIncidentRequest(WireModel):
    incident: JsonValue
    format: IncidentFormat = IncidentFormat.AUTO
    enrich: bool | None = None

    @field_validator("incident", mode="after")
    @classmethod
    def _same_numbers_on_every_transport(cls, value: JsonValue) -> JsonValue:
        # protobuf's Value stores every number as a double: 3 and 3.0 must mean the same.
        return integral_numbers(value)  # type: ignore[no-any-return]


class TimelineEvent(WireModel):
    time: str
    text: str
    alert_ids: tuple[str, ...] = ()
    entity_ids: tuple[str, ...] = ()


class IncidentEntity(WireModel):
    id: str
    type: EntityType
    value: str
    roles: tuple[str, ...] = ()
    alert_ids: tuple[str, ...] = ()
    enrichment: Reputation | None = None
    attributes: dict[str, str] = Field(default_factory=dict)


class EntityRelation(WireModel):
    kind: str
    source_id: str
    target_id: str


class TechniqueRef(WireModel):
    id: str
    name: str


class TacticGroup(WireModel):
    tactic: str
    techniques: tuple[TechniqueRef, ...] = ()


class Scope(WireModel):
    devices: tuple[str, ...] = ()
    users: tuple[str, ...] = ()
    mailboxes: tuple[str, ...] = ()
    cloud_apps: tuple[str, ...] = ()
    cloud_resources: tuple[str, ...] = ()
    ips: tuple[str, ...] = ()
    critical_assets: tuple[str, ...] = ()
    impact: tuple[str, ...] = ()
    alert_count: int = 0


class EntryPoint(WireModel):
    type: EntityType
    value: str
    entity_id: str = ""
    rationale: str = ""
    evidence_ids: tuple[str, ...] = ()


class RecommendationTarget(WireModel):
    type: EntityType
    value: str
    entity_id: str = ""


class Recommendation(WireModel):
    category: ResponseCategory
    action: str
    target: RecommendationTarget
    rationale: str = ""
    evidence_ids: tuple[str, ...] = ()
    priority: int = 0


class VendorAction(WireModel):
    source: str
    alert_id: str = ""
    text: str


class Citation(WireModel):
    sentence: int
    text: str = ""
    alert_ids: tuple[str, ...] = ()
    entity_ids: tuple[str, ...] = ()


class SummarizeIncidentResponse(WireModel):
    format: IncidentFormat
    title: str = ""
    severity: Severity
    summary: str = ""
    timeline: tuple[TimelineEvent, ...] = ()
    entities: tuple[IncidentEntity, ...] = ()
    attack: tuple[TacticGroup, ...] = ()
    tactics: tuple[str, ...] = ()
    techniques: tuple[TechniqueRef, ...] = ()
    scope: Scope = Scope()
    entry_point: EntryPoint | None = None
    recommendations: tuple[Recommendation, ...] = ()
    vendor_actions: tuple[VendorAction, ...] = ()
    citations: tuple[Citation, ...] = ()
    warnings: tuple[str, ...] = ()
    truncated: bool = False
    engine: Engine
    degraded: Degraded | None = None
    runtime: Runtime = Runtime()
    relations: tuple[EntityRelation, ...] = ()
