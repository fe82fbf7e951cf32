"""Elastic Security alerts: detection-engine documents, search responses and Kibana cases.

An alert is an ECS document with `kibana.alert.*` (8.x) or `signal.*` (7.x) fields, its keys
nested, flattened with dots or mixed. It comes alone, as an array, as the hits of an
Elasticsearch search response, or attached to a Kibana case (by id, or with its documents).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from itertools import islice
from typing import Any

from pydantic import JsonValue

from wingman.core.incidents.formats import Fit
from wingman.core.incidents.formats.builder import IncidentBuilder
from wingman.core.incidents.formats.elastic_ecs import read_entities
from wingman.core.incidents.formats.elastic_paths import one, value
from wingman.core.incidents.formats.fields import (
    first_time,
    get,
    items,
    severity,
    text,
    texts,
    timestamp,
)
from wingman.core.incidents.model import SourceAlert
from wingman.core.models import IncidentFormat

_ALERT_KEYS = (
    "kibana.alert.rule.uuid",
    "kibana.alert.rule.name",
    "kibana.alert.uuid",
    "signal.rule.id",
    "signal.rule.name",
)
# Where each alert field is, 8.x `kibana.alert.*` first, then 7.x `signal.*`.
_KEYS: dict[str, tuple[str, ...]] = {
    "id": ("kibana.alert.uuid",),
    "title": ("kibana.alert.rule.name", "signal.rule.name", "rule.name"),
    "severity": ("kibana.alert.severity", "kibana.alert.rule.severity", "signal.rule.severity"),
    "reason": ("kibana.alert.reason", "signal.reason"),
    "rule": ("kibana.alert.rule.description", "signal.rule.description"),
    "status": ("kibana.alert.workflow_status", "signal.status"),
    "rule_type": ("kibana.alert.rule.type", "signal.rule.type"),
    # When the source event happened; threshold alerts have a bucket start instead.
    "first": (
        "kibana.alert.original_time",
        "signal.original_time",
        "kibana.alert.threshold_result.from",
        "@timestamp",
    ),
    "last": ("kibana.alert.last_detected",),
    "created": ("kibana.alert.start", "@timestamp"),
    "threat_name": ("threat.software.name",),
}
# The rule's ATT&CK mapping: 8.x copies it to the alert, some versions only under parameters.
_THREAT_PATHS = (
    "kibana.alert.rule.threat",
    "kibana.alert.rule.parameters.threat",
    "signal.rule.threat",
)
_TECHNIQUE = re.compile(r"^T\d{4}(?:\.\d{3})?$")


def _source(hit: Any) -> tuple[Any, str]:
    """The alert document of a search hit (`_source`, else `fields`) and the hit's `_id`."""
    for key in ("_source", "fields"):
        document = get(hit, key)
        if isinstance(document, Mapping) and (key == "_source" or "_index" in hit):
            return document, text(hit, "_id")
    return hit, text(hit, "_id")


def _is_alert(obj: Any) -> bool:
    document, _ = _source(obj)
    return isinstance(document, Mapping) and any(
        value(document, k) is not None for k in _ALERT_KEYS
    )


def _is_case(obj: Any) -> bool:
    if not isinstance(obj, Mapping) or "title" not in obj or "status" not in obj:
        return False
    return (
        "totalAlerts" in obj
        or text(obj, "owner") == "securitySolution"
        or any(text(c, "type") == "alert" for c in islice(items(obj, "comments"), 20))
    )


class ElasticAdapter:
    """Reads Elastic Security alert documents and Kibana cases."""

    format = IncidentFormat.ELASTIC

    def detect(self, document: JsonValue) -> Fit:
        """Score by `kibana.alert.*`/`signal.*` keys, on the document, its hits or a case."""
        if isinstance(document, list):
            if any(_is_alert(item) for item in document[:5]):
                return Fit(85, "an array of Elastic Security alerts")
            return Fit.no("an array without kibana.alert or signal rule fields")
        if not isinstance(document, Mapping):
            return Fit.no("not a JSON object or array")
        hits = get(document, "hits", "hits")
        if isinstance(hits, list) and any(_is_alert(hit) for hit in hits[:5]):
            return Fit(90, "an Elasticsearch search response of Elastic Security alerts")
        if _is_alert(document):
            return Fit(90, "an Elastic Security alert (kibana.alert / signal rule fields)")
        if _is_case(document):
            return Fit(80, "a Kibana case (title, status, alert comments or totalAlerts)")
        if any(_is_case(case) for case in _cases(document)[:3]):
            return Fit(75, "a Kibana cases find response")
        return Fit.no("no kibana.alert or signal rule fields, search hits or Kibana case keys")

    def parse(self, document: JsonValue, out: IncidentBuilder) -> None:
        """Read every alert document, and a Kibana case's header and attached alert ids."""
        if isinstance(document, Mapping) and _is_case(document) and not _is_alert(document):
            _case(out, document)
            return
        cases = [case for case in _cases(document) if _is_case(case)]
        if cases:
            if len(cases) > 1:
                out.warn(f"cases: {len(cases)} cases; only the first one is read")
            _case(out, cases[0])
            return
        for where, hit in _hits(out, document):
            _alert(out, hit, where)


def _cases(document: Any) -> list[Any]:
    """The cases of a Kibana `_find` response (`{"cases": [...], "page": 1, ...}`)."""
    cases = get(document, "cases")
    return cases if isinstance(cases, list) else []


def _hits(out: IncidentBuilder, document: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(document, list):
        yield from ((f"[{n}]", hit) for n, hit in enumerate(document))
        return
    hits = get(document, "hits", "hits")
    if isinstance(hits, list):
        yield from ((f"hits.hits[{n}]", hit) for n, hit in enumerate(hits))
    elif isinstance(document, Mapping):
        yield "", document
    else:
        out.warn("document: expected an object or an array, nothing read")


def _alert(out: IncidentBuilder, hit: Any, where: str) -> str:
    """One alert document as one alert; returns its id."""
    document, hit_id = _source(hit)
    if not isinstance(document, Mapping):
        out.warn(f"{where or 'document'}: expected an alert document, skipped")
        return ""
    alert = out.alert(
        SourceAlert(
            id=one(document, *_KEYS["id"]) or hit_id,
            title=one(document, *_KEYS["title"]),
            severity=severity(one(document, *_KEYS["severity"])),
            description="\n\n".join(
                part
                for part in (one(document, *_KEYS["reason"]), one(document, *_KEYS["rule"]))
                if part
            ),
            status=one(document, *_KEYS["status"]),
            source="Elastic Security",
            detection_source=one(document, *_KEYS["rule_type"]),
            first_activity=_time(document, *_KEYS["first"]),
            last_activity=_time(document, *_KEYS["last"]),
            created=_time(document, *_KEYS["created"]),
            threat_name=one(document, *_KEYS["threat_name"]),
        )
    )
    if not alert.title:
        out.warn(f"{where or 'document'}: alert without a rule name")
        alert.title = alert.id
    _threat(out, alert, document, where)
    read_entities(out, alert, document)
    return alert.id


def _time(document: Any, *paths: str) -> str | None:
    return first_time(*(one(document, path) for path in paths))


def _threat(out: IncidentBuilder, alert: SourceAlert, document: Any, where: str) -> None:
    """Tactics and techniques from the rule's `threat[]` (MITRE ATT&CK mappings)."""
    for path in _THREAT_PATHS:
        threat = value(document, path)
        if threat is None:
            continue
        if not isinstance(threat, Mapping | list):
            out.warn(f"{where or 'document'}.{path}: expected a list of mappings, skipped")
            continue
        tactics: list[str] = []
        techniques: list[str] = []
        for entry in items(threat):
            tactics.append(one(entry, "tactic.id", "tactic.name"))
            for technique in items(value(entry, "technique")):
                # A sub-technique names its parent: the parent id alone is not a separate finding.
                subs = [one(sub, "id") for sub in items(value(technique, "subtechnique"))]
                techniques += [sub for sub in subs if sub] or [one(technique, "id")]
        alert.tactics = tuple(dict.fromkeys(t for t in tactics if t))
        alert.techniques = tuple(dict.fromkeys(t for t in techniques if _TECHNIQUE.match(t)))
        return


def _case(out: IncidentBuilder, case: Mapping[str, Any]) -> None:
    """A Kibana case: its header, the alert documents it carries, stubs for ids it lists."""
    incident = out.incident
    incident.id = text(case, "id")
    incident.title = text(case, "title")
    incident.description = text(case, "description")
    incident.severity = severity(text(case, "severity"))
    incident.status = text(case, "status")
    incident.created = timestamp(get(case, "created_at"))
    read: set[str] = set()
    listed: dict[str, str] = {}
    for n, entry in enumerate(_list(out, case, "alerts")):
        if _is_alert(entry):
            read.add(_alert(out, entry, f"alerts[{n}]"))
        else:
            listed.setdefault(text(entry, "id") or text(entry, "_id"), "")
    for entry in _list(out, case, "comments"):
        if text(entry, "type") != "alert":
            continue
        ids = (
            texts(entry, "alertId")
            if isinstance(get(entry, "alertId"), list)
            else (text(entry, "alertId"),)
        )
        for alert_id in ids:
            listed[alert_id] = listed.get(alert_id) or text(entry, "rule", "name")
    missing = {k: v for k, v in listed.items() if k and k not in read}
    for alert_id, rule_name in missing.items():
        out.alert(
            SourceAlert(
                id=alert_id, title=rule_name or f"alert {alert_id}", source="Elastic Security"
            )
        )
    if missing:
        out.warn(
            f"case: {len(missing)} alerts attached by id only; alert documents were not included"
        )
    if not read and not missing and text(case, "totalAlerts") not in ("", "0"):
        out.warn("case: totalAlerts says alerts are attached, but none were included")


def _list(out: IncidentBuilder, case: Mapping[str, Any], key: str) -> Iterator[Mapping[str, Any]]:
    found = get(case, key)
    if found is not None and not isinstance(found, list):
        out.warn(f"{key}: expected a list, skipped")
        return
    for n, entry in enumerate(found or []):
        if isinstance(entry, Mapping):
            yield entry
        else:
            out.warn(f"{key}[{n}]: expected an object, skipped")
