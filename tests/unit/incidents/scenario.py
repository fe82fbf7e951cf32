"""A small way to write a source incident in a test, without any input format."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pydantic import JsonValue

from wingman.core.incidents.formats import Fit
from wingman.core.incidents.formats.builder import IncidentBuilder
from wingman.core.incidents.model import SourceAlert, SourceIncident
from wingman.core.models import EntityType, IncidentFormat, Severity
from wingman.core.scripts.analyze import ScriptAnalyzer, default_analyzer


@dataclass(frozen=True)
class E:
    """An entity an alert names: type, value, attributes and roles."""

    type: EntityType
    value: str
    attributes: dict[str, str] = field(default_factory=dict)
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class A:
    """An alert with the entities it names."""

    id: str
    title: str
    time: str | None = None
    entities: tuple[E, ...] = ()
    tactics: tuple[str, ...] = ()
    techniques: tuple[str, ...] = ()
    severity: Severity | None = None
    description: str = ""
    source: str = ""


def build(*alerts: A, title: str = "", severity: Severity | None = None) -> SourceIncident:
    """The source incident these alerts make, written through the real builder."""
    out = IncidentBuilder(IncidentFormat.WINGMAN)
    out.incident.title = title
    out.incident.severity = severity
    write(out, alerts)
    return out.build()


def write(out: IncidentBuilder, alerts: tuple[A, ...]) -> None:
    for spec in alerts:
        alert = out.alert(
            SourceAlert(
                id=spec.id,
                title=spec.title,
                first_activity=spec.time,
                tactics=spec.tactics,
                techniques=spec.techniques,
                severity=spec.severity,
                description=spec.description,
                source=spec.source,
            )
        )
        for entity in spec.entities:
            out.entity(alert, entity.type, entity.value, roles=entity.roles, **entity.attributes)


@dataclass(frozen=True)
class StaticAdapter:
    """An adapter that reads any document as the same alerts: the analysis under test alone."""

    alerts: tuple[A, ...]
    format: IncidentFormat = IncidentFormat.WINGMAN
    title: str = ""

    def detect(self, document: JsonValue) -> Fit:
        return Fit(10, "test adapter")

    def parse(self, document: JsonValue, out: IncidentBuilder) -> None:
        out.incident.title = self.title
        write(out, self.alerts)


@cache
def analyzer() -> ScriptAnalyzer:
    """One script analyzer for every incident test: its rules take seconds to compile."""
    return default_analyzer()


def dev(host: str, **attributes: Any) -> E:
    """A device named by host name or FQDN."""
    key = "fqdn" if "." in host else "hostname"
    return E(EntityType.DEVICE, host, {key: host, **attributes})


def user(upn: str, *roles: str) -> E:
    return E(EntityType.USER, upn, {"upn": upn}, roles)


def ip(address: str, *roles: str) -> E:
    return E(EntityType.IP, address, {"address": address}, roles)
