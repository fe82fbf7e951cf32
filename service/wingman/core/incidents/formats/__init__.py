"""Input formats: one adapter per console format, and detection among them.

An adapter is a small class with `format`, `detect` and `parse`, registered in `ADAPTERS`
(an explicit dict, in the order detection tries them). `detect` only looks at the shape of the
document and says how well it fits and why; `parse` reads it through an `IncidentBuilder`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from pydantic import JsonValue

from wingman.core.errors import FieldViolation, InvalidArgument
from wingman.core.incidents.formats.builder import MAX_ALERTS, IncidentBuilder
from wingman.core.incidents.model import SourceIncident
from wingman.core.models import IncidentFormat


@dataclass(frozen=True, slots=True)
class Fit:
    """How well a document fits a format: 0 means not at all; `reason` says why (or why not)."""

    score: int
    reason: str

    @classmethod
    def no(cls, reason: str) -> Fit:
        return cls(0, reason)


class Adapter(Protocol):
    """Reads one console format into the incident model."""

    format: IncidentFormat

    def detect(self, document: JsonValue) -> Fit:
        """How well the document's shape fits this format; never raises."""
        ...

    def parse(self, document: JsonValue, out: IncidentBuilder) -> None:
        """Read the document into `out`, warning (never raising) about parts it skips."""
        ...


def _registry() -> Mapping[IncidentFormat, Adapter]:
    from wingman.core.incidents.formats.registry import ADAPTERS

    return ADAPTERS


def read_incident(
    document: JsonValue,
    hint: IncidentFormat = IncidentFormat.AUTO,
    *,
    adapters: Mapping[IncidentFormat, Adapter] | None = None,
    max_alerts: int = MAX_ALERTS,
) -> SourceIncident:
    """The incident in `document`, read by the adapter the hint names or the best-fitting one.

    Raises InvalidArgument naming every format tried and why it did not match.
    """
    registry = adapters if adapters is not None else _registry()
    if hint is not IncidentFormat.AUTO:
        adapter = registry.get(hint)
        if adapter is None:
            raise InvalidArgument(
                f"format: {hint.value} is not supported; supported: "
                + ", ".join(f.value for f in registry),
                field="format",
            )
        fit = adapter.detect(document)
        if fit.score <= 0:
            raise InvalidArgument(
                f"incident: not a {hint.value} incident: {fit.reason}",
                field="incident",
                violations=[FieldViolation("incident", f"{hint.value}: {fit.reason}")],
            )
        return _parse(adapter, document, max_alerts)
    fits = [(adapter.detect(document), adapter) for adapter in registry.values()]
    best_fit, best = max(fits, key=lambda pair: pair[0].score, default=(Fit.no(""), None))
    if best is None or best_fit.score <= 0:
        tried = [FieldViolation("incident", f"{a.format.value}: {fit.reason}") for fit, a in fits]
        raise InvalidArgument(
            "incident: not an incident in any known format; tried "
            + "; ".join(violation.description for violation in tried),
            field="incident",
            violations=tried,
        )
    return _parse(best, document, max_alerts)


def _parse(adapter: Adapter, document: JsonValue, max_alerts: int) -> SourceIncident:
    out = IncidentBuilder(adapter.format, max_alerts=max_alerts)
    adapter.parse(document, out)
    return out.build()
