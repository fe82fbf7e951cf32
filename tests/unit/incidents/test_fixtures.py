"""Every fixture incident, summarized by the whole engine, meets what its `expect` block says."""

from __future__ import annotations

import json
import time
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.unit.incidents.scenario import analyzer
from wingman.core.incidents.summarize import IncidentSummarizer
from wingman.core.knowledge.attack import default_catalog
from wingman.core.models import SummarizeIncidentRequest, SummarizeIncidentResponse
from wingman.evaluation.incidents import entity_names

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "incidents"
PATHS = sorted(FIXTURES.glob("*/*.json"))


@cache
def _summarizer() -> IncidentSummarizer:
    return IncidentSummarizer(attack=default_catalog(), scripts=analyzer())


@cache
def _summary(path: Path) -> tuple[dict[str, Any], SummarizeIncidentResponse]:
    fixture = json.loads(path.read_text(encoding="utf-8"))
    request = SummarizeIncidentRequest(incident=fixture["incident"])
    return fixture["expect"], _summarizer()(request, deadline=time.monotonic() + 30)


def _entity(response: SummarizeIncidentResponse, value: str, kind: str | None = None) -> bool:
    return any(
        value.casefold() in entity_names(e) and (kind is None or e.type.value == kind)
        for e in response.entities
    )


def _ids(paths: list[Path]) -> list[str]:
    return [f"{p.parent.name}/{p.stem}" for p in paths]


def test_every_format_has_three_fixtures() -> None:
    formats = {
        "graph",
        "m365d",
        "mde",
        "sentinel",
        "defender_for_cloud",
        "ocsf",
        "google_secops",
        "elastic",
        "wingman",
    }
    counts = {f: len(list((FIXTURES / f).glob("*.json"))) for f in formats}
    assert all(n >= 3 for n in counts.values()), counts


@pytest.mark.parametrize("path", PATHS, ids=_ids(PATHS))
def test_format_alerts_and_timeline_order(path: Path) -> None:
    expect, response = _summary(path)
    assert response.format.value == expect["format"]
    assert response.scope.alert_count == expect["alerts"]
    step_of = {a: i for i, step in enumerate(response.timeline) for a in step.alert_ids}
    positions = [step_of[a] for a in expect["timeline"]]
    assert positions == sorted(positions), [s.alert_ids for s in response.timeline]


@pytest.mark.parametrize("path", PATHS, ids=_ids(PATHS))
def test_attack_tactics_and_techniques(path: Path) -> None:
    expect, response = _summary(path)
    named = [t for t in response.tactics if t in expect["tactics"]]
    assert named == expect["tactics"], response.tactics
    assert set(expect["techniques"]) <= {t.id for t in response.techniques}


@pytest.mark.parametrize("path", PATHS, ids=_ids(PATHS))
def test_scope_and_impact(path: Path) -> None:
    expect, response = _summary(path)
    scope = response.scope
    for kind, singular in (
        ("devices", "device"),
        ("users", "user"),
        ("mailboxes", "mailbox"),
        ("cloud_apps", "cloud_app"),
        ("ips", "ip"),
    ):
        expected = expect["scope"].get(kind, [])
        assert len(getattr(scope, kind)) == len(expected), (kind, getattr(scope, kind))
        missing = [v for v in expected if not _entity(response, v, singular)]
        assert not missing, (kind, missing, getattr(scope, kind))
    assert sorted(scope.impact) == sorted(expect.get("impact", []))


@pytest.mark.parametrize("path", PATHS, ids=_ids(PATHS))
def test_entry_point(path: Path) -> None:
    expect, response = _summary(path)
    wanted = expect.get("entry_point")
    if wanted is None:
        assert response.entry_point is None
        return
    entry = response.entry_point
    assert entry is not None
    assert entry.type.value == wanted["type"], entry
    [entity] = [e for e in response.entities if e.id == entry.entity_id]
    assert wanted["matches"].casefold() in entity_names(entity), (entry, entity)


@pytest.mark.parametrize("path", PATHS, ids=_ids(PATHS))
def test_recommendations(path: Path) -> None:
    expect, response = _summary(path)
    by_id = {e.id: e for e in response.entities}
    got = [(r.action, by_id[r.target.entity_id]) for r in response.recommendations]
    missing = [
        want
        for want in expect["recommendations"]
        if not any(
            a == want["action"] and want["target"].casefold() in entity_names(e) for a, e in got
        )
    ]
    assert not missing, [(a, e.value) for a, e in got]
    assert all(r.target.entity_id in by_id for r in response.recommendations)


@pytest.mark.parametrize("path", PATHS, ids=_ids(PATHS))
def test_every_sentence_is_cited_and_grounded(path: Path) -> None:
    _, response = _summary(path)
    assert 3 <= len(response.citations) <= 9
    assert not [w for w in response.warnings if w.startswith("grounding")]
    for citation in response.citations:
        assert citation.text in response.summary
    ids = {e.id for e in response.entities} | {a for s in response.timeline for a in s.alert_ids}
    cited = {i for c in response.citations for i in (*c.alert_ids, *c.entity_ids)}
    assert cited <= ids


def test_relations_join_entities_of_the_answer() -> None:
    kinds: set[str] = set()
    for path in PATHS:
        _, response = _summary(path)
        ids = {e.id for e in response.entities}
        assert all({r.source_id, r.target_id} <= ids for r in response.relations), path
        kinds |= {r.kind for r in response.relations}
    assert {"parent_of", "image_of", "ran_on", "ran_as", "logged_on", "contains"} <= kinds, kinds
