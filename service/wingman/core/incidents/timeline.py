"""The attack timeline: alerts in the order their activity began, repeats folded together.

An alert that fires again on the same entities within a day is one step with several alert ids.
A large incident folds further, by title alone, so a thousand alerts read as a few dozen steps.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from wingman.core.incidents.formats.fields import parse_time
from wingman.core.incidents.model import SourceAlert
from wingman.core.incidents.normalize import Incident
from wingman.core.models import EntityType

REPEAT_WINDOW = timedelta(hours=24)
# Where alerts without a time sort among the others (after all of them, by the flag before it).
_NEVER = datetime.max.replace(tzinfo=UTC)
# Past this many steps, steps of one title fold into one whatever their entities.
MAX_DETAILED_STEPS = 60


@dataclass(slots=True)
class Step:
    """One line of the timeline: when it began, what happened, which alerts say so."""

    time: str
    title: str
    alerts: list[SourceAlert]
    entity_ids: list[str] = field(default_factory=list)
    last_time: str = ""

    @property
    def alert_ids(self) -> list[str]:
        return [alert.id for alert in self.alerts]


def order_alerts(incident: Incident) -> list[SourceAlert]:
    """Alerts by the time their activity began; alerts without a time keep their place, last."""

    def key(item: tuple[int, SourceAlert]) -> tuple[bool, datetime, int]:
        moment = parse_time(item[1].time)
        return (moment is None, moment or _NEVER, item[0])

    return [alert for _, alert in sorted(enumerate(incident.alerts), key=key)]


def build_timeline(incident: Incident) -> list[Step]:
    """The timeline of the incident, folded so that repeats and floods stay readable."""
    ordered = order_alerts(incident)

    def by_title_and_entities(alert: SourceAlert) -> Hashable:
        return (alert.title.casefold(), frozenset(incident.alert_entities.get(alert.id, ())))

    steps = _fold(ordered, by_title_and_entities, incident, window=REPEAT_WINDOW)
    if len(steps) > MAX_DETAILED_STEPS:
        steps = _fold(ordered, lambda alert: alert.title.casefold(), incident, window=None)
    return steps


def describe(step: Step, incident: Incident) -> str:
    """The step in words, naming only what the alerts name."""
    entities = [incident.entities[i] for i in step.entity_ids]
    devices = [e.value for e in entities if e.type is EntityType.DEVICE]
    users = [e.value for e in entities if e.type is EntityType.USER]
    text = step.title or "Untitled alert"
    if len(devices) == 1:
        text += f" on {devices[0]}"
    elif devices:
        text += f" on {len(devices)} devices"
    if len(users) == 1:
        text += f" involving {users[0]}"
    elif users:
        text += f" involving {len(users)} users"
    count = len(step.alerts)
    if count > 1:
        until = f", the last at {step.last_time}" if step.last_time else ""
        text += f" ({count} alerts{until})"
    return text


def _fold(
    ordered: list[SourceAlert],
    key: Callable[[SourceAlert], Hashable],
    incident: Incident,
    *,
    window: timedelta | None,
) -> list[Step]:
    steps: list[Step] = []
    open_steps: dict[Hashable, tuple[Step, datetime | None]] = {}
    for alert in ordered:
        moment = parse_time(alert.time)
        found = open_steps.get(key(alert))
        if found is not None and _within(found[1], moment, window):
            step = found[0]
            step.alerts.append(alert)
            if alert.time and alert.time != step.time:
                step.last_time = alert.time
        else:
            step = Step(time=alert.time or "", title=alert.title, alerts=[alert])
            steps.append(step)
            open_steps[key(alert)] = (step, moment)
        for entity_id in incident.alert_entities.get(alert.id, ()):
            if entity_id not in step.entity_ids:
                step.entity_ids.append(entity_id)
    return steps


def _within(first: datetime | None, moment: datetime | None, window: timedelta | None) -> bool:
    if window is None:
        return True
    if first is None or moment is None:
        return first is None and moment is None
    return moment - first <= window
