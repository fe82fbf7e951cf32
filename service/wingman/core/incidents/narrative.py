"""The summary in prose: a few sentences, each citing the alerts and entities it rests on."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from wingman.core.incidents.attack import AttackMap
from wingman.core.incidents.normalize import Entity, Incident
from wingman.core.incidents.scope import impact_alerts, is_public_ip
from wingman.core.knowledge.attack import AttackCatalog
from wingman.core.models import EntityType, EntryPoint, Recommendation, Scope, Severity

# Citations name at most this many alerts each; the timeline carries the rest.
MAX_CITED = 25
# From this many alerts on, the summary says how they group before it tells the story.
LARGE_INCIDENT = 20
_NOUNS = {
    EntityType.DEVICE: "device",
    EntityType.USER: "account",
    EntityType.IP: "IP address",
    EntityType.URL: "URL",
    EntityType.DOMAIN: "domain",
    EntityType.FILE: "file",
    EntityType.PROCESS: "process",
    EntityType.REGISTRY: "registry key",
    EntityType.MAILBOX: "mailbox",
    EntityType.EMAIL_MESSAGE: "message",
    EntityType.CLOUD_APP: "cloud app",
    EntityType.CLOUD_RESOURCE: "cloud resource",
    EntityType.OTHER: "entity",
}
_IMPACT_WORDS = {
    "exfiltration": "data exfiltration",
    "encryption": "file encryption",
    "destruction": "data destruction",
    "financial_fraud": "financial fraud",
    "resource_hijacking": "resource hijacking",
}


@dataclass(slots=True)
class Sentence:
    text: str
    alert_ids: list[str] = field(default_factory=list)
    entity_ids: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Facts:
    """Everything the narrative may say, already derived."""

    incident: Incident
    title: str
    severity: Severity
    severity_reason: str
    first_time: str
    last_time: str
    attack: AttackMap
    scope: Scope
    entry_point: EntryPoint | None
    recommendations: Sequence[Recommendation]
    signs: dict[str, frozenset[str]]


def narrate(facts: Facts) -> list[Sentence]:
    """Three to eight sentences for a typical incident, in a fixed order."""
    sentences = [_overview(facts), *filter(None, [_volume(facts)]), _entry(facts)]
    sentences += [s for s in (_progress(facts), _scope(facts), _impact(facts)) if s]
    sentences += [s for s in (_indicators(facts), _response(facts)) if s]
    sentences.append(_severity(facts))
    return sentences


def _overview(facts: Facts) -> Sentence:
    alerts = facts.incident.alerts
    sources = sorted({a.source for a in alerts if a.source})
    origin = f" from {join_words(sources[:3])}" if sources else ""
    when = ""
    if facts.first_time and facts.last_time and facts.first_time != facts.last_time:
        when = f" between {facts.first_time} and {facts.last_time}"
    elif facts.first_time:
        when = f" at {facts.first_time}"
    count = "one alert" if len(alerts) == 1 else f"{len(alerts)} alerts"
    if not alerts:
        return Sentence(
            f"{facts.title}: the incident carries no alerts, so there is insufficient "
            "evidence to summarize what happened."
        )
    return Sentence(f"{facts.title}: {count}{origin}{when}.", _ids(a.id for a in alerts))


def _volume(facts: Facts) -> Sentence | None:
    """For a large incident, what most of its alerts are: the largest groups by title."""
    alerts = facts.incident.alerts
    if len(alerts) < LARGE_INCIDENT:
        return None
    groups: dict[str, list[str]] = {}
    for alert in alerts:
        groups.setdefault(alert.title or "Untitled alert", []).append(alert.id)
    largest = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))[:3]
    parts = [f"{title} ({len(ids)})" for title, ids in largest]
    return Sentence(
        f"They come in {len(groups)} kinds; the most frequent are {join_words(parts)}.",
        _ids(ids[0] for _, ids in largest),
    )


def _entry(facts: Facts) -> Sentence:
    entry = facts.entry_point
    if entry is None:
        return Sentence("There is insufficient evidence to tell how the attacker got in.")
    noun = _NOUNS[entry.type]
    alert_ids = [i for i in entry.evidence_ids if i != entry.entity_id]
    return Sentence(
        f"It most likely began with the {noun} {entry.value}: {entry.rationale}.",
        alert_ids,
        [entry.entity_id],
    )


def _progress(facts: Facts) -> Sentence | None:
    tactics = facts.attack.ordered()
    if not tactics:
        return None
    alerts = {a.id: a for a in facts.incident.alerts}
    parts = []
    cited: list[str] = []
    for tactic in tactics[:5]:
        name = AttackCatalog.tactic_name(tactic.shortname) or tactic.shortname
        first = next((alerts[i] for i in tactic.alert_ids if i in alerts), None)
        parts.append(f"{name} ({first.title})" if first and first.title else name)
        cited += tactic.alert_ids[:5]
    more = f" and {len(tactics) - 5} more" if len(tactics) > 5 else ""
    lead = "The alerts map to ATT&CK" if len(tactics) > 1 else "The alerts map to the ATT&CK tactic"
    return Sentence(f"{lead} {join_words(parts)}{more}.", _ids(cited))


def _scope(facts: Facts) -> Sentence | None:
    groups = [
        (EntityType.DEVICE, facts.scope.devices, "device", "devices"),
        (EntityType.USER, facts.scope.users, "account", "accounts"),
        (EntityType.MAILBOX, facts.scope.mailboxes, "mailbox", "mailboxes"),
        (EntityType.CLOUD_APP, facts.scope.cloud_apps, "cloud app", "cloud apps"),
        (
            EntityType.CLOUD_RESOURCE,
            facts.scope.cloud_resources,
            "cloud resource",
            "cloud resources",
        ),
    ]
    parts, cited = [], []
    for kind, in_scope, one, many in groups:
        # The scope's own lists: outside senders and recipients are not the organisation's.
        found = [e for e in facts.incident.of_type(kind) if e.value in in_scope]
        if not found:
            continue
        names = join_words([e.value for e in found[:3]]) + (
            f" and {len(found) - 3} more" if len(found) > 3 else ""
        )
        parts.append(f"{len(found)} {one if len(found) == 1 else many} ({names})")
        cited += [e.id for e in found[:MAX_CITED]]
    if not parts:
        return None
    text = f"It involves {join_words(parts)}"
    critical = [
        e for e in facts.incident.entities.values() if e.value in facts.scope.critical_assets
    ]
    if critical:
        text += f"; {join_words([e.value for e in critical[:3]])} flagged as critical"
        cited += [e.id for e in critical[:3]]
    return Sentence(text + ".", [], _ids(cited))


def _impact(facts: Facts) -> Sentence | None:
    if not facts.scope.impact:
        return None
    alerts = {a.id: a for a in facts.incident.alerts}
    parts, cited = [], []
    for sign in facts.scope.impact:
        ids = impact_alerts(facts.signs, sign)
        title = alerts[ids[0]].title if ids and alerts[ids[0]].title else ""
        parts.append(f"{_IMPACT_WORDS[sign]} ({title})" if title else _IMPACT_WORDS[sign])
        cited += ids[:5]
    return Sentence(f"The evidence shows signs of {join_words(parts)}.", _ids(cited))


def _indicators(facts: Facts) -> Sentence | None:
    blocked = [r for r in facts.recommendations if r.action == "block_indicator"]
    entities = facts.incident.entities
    # The containment sentence already names the first indicators to block.
    urgent = {r.target.entity_id for r in _urgent(facts)}
    shown: list[Entity] = [
        entities[r.target.entity_id] for r in blocked if r.target.entity_id not in urgent
    ][:5]
    if blocked and not shown:
        return None
    if not shown:
        public = [e for e in facts.incident.of_type(EntityType.IP) if is_public_ip(e.value)]
        shown = (public + facts.incident.of_type(EntityType.URL, EntityType.DOMAIN))[:5]
    if not shown:
        return None
    names = [_indicator(e) for e in shown]
    return Sentence(f"Indicators to act on: {join_words(names)}.", [], [e.id for e in shown])


def _response(facts: Facts) -> Sentence | None:
    urgent = _urgent(facts)
    if not urgent:
        return None
    steps = [f"{r.action.replace('_', ' ')} {r.target.value}" for r in urgent]
    alert_ids = [i for r in urgent for i in r.evidence_ids if i != r.target.entity_id]
    return Sentence(
        f"Contain first: {join_words(steps)}.",
        _ids(alert_ids),
        [r.target.entity_id for r in urgent],
    )


def _urgent(facts: Facts) -> list[Recommendation]:
    return [r for r in facts.recommendations if r.priority == 1][:3]


def _severity(facts: Facts) -> Sentence:
    return Sentence(f"Severity is {facts.severity.value}: {facts.severity_reason}.")


def _indicator(entity: Entity) -> str:
    if entity.type is EntityType.FILE:
        digest = entity.attribute("sha256") or entity.attribute("sha1") or entity.attribute("md5")
        return f"{entity.value} ({digest})" if digest else entity.value
    return entity.value


def _ids(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ids))[:MAX_CITED]


def join_words(parts: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]
