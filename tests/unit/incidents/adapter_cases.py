"""What the adapter tests share: fixtures, one-adapter reading, entity lookups, hostile JSON."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st

from wingman.core.errors import WingmanError
from wingman.core.incidents.actions import ACTIONS
from wingman.core.incidents.formats import Adapter
from wingman.core.incidents.formats.builder import IncidentBuilder
from wingman.core.incidents.model import SourceEntity, SourceIncident
from wingman.core.knowledge.attack import AttackCatalog
from wingman.core.models import EntityType

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "incidents"
CORPUS = Path("/work/shared/corpus/incidents/dev.jsonl")
# The fixtures' `expect.scope` keys and the entity type each lists.
SCOPE_TYPES = {
    "devices": EntityType.DEVICE,
    "users": EntityType.USER,
    "mailboxes": EntityType.MAILBOX,
    "cloud_apps": EntityType.CLOUD_APP,
    "ips": EntityType.IP,
}


def fixture_paths(*formats: str) -> list[Path]:
    """Return the fixture files of the formats named, each format's sorted by name."""
    return [path for name in formats for path in sorted((FIXTURES / name).glob("*.json"))]


def load(path: Path) -> Any:
    """Return a fixture file's content: the `incident` and what to `expect` of it."""
    return json.loads(path.read_text(encoding="utf-8"))


def corpus_items() -> Iterator[dict[str, Any]]:
    """Yield the dev corpus items, skipping the test when the corpus is not present."""
    if not CORPUS.exists():
        pytest.skip("dev corpus not present")
    for line in CORPUS.read_text().splitlines():
        yield json.loads(line)


def parser(adapter: Adapter) -> Callable[[Any], SourceIncident]:
    """Return a function reading a document with `adapter` alone, without detection."""

    def parse(document: Any) -> SourceIncident:
        out = IncidentBuilder(adapter.format)
        adapter.parse(document, out)
        return out.build()

    return parse


def values(incident: SourceIncident, type: EntityType) -> set[str]:
    """Return the values of the incident's entities of one type."""
    return {e.value for e in incident.entities.values() if e.type is type}


def related(incident: SourceIncident, kind: str) -> set[tuple[str, str]]:
    """Return the (source, target) values of the incident's relations of one kind."""
    entities = incident.entities
    return {
        (entities[r.source].value, entities[r.target].value)
        for r in incident.relations
        if r.kind == kind
    }


def names(entity: SourceEntity) -> set[str]:
    """Return every name an analyst may use for the entity, lower case."""
    attributes = entity.attributes
    found = {entity.value, *attributes.values()}
    if attributes.get("domain") and attributes.get("account"):
        found.add(f"{attributes['domain']}\\{attributes['account']}")
    return {name.lower() for name in found}


def has(incident: SourceIncident, types: set[EntityType], name: str) -> bool:
    """Tell whether an entity of one of `types` goes by `name`."""
    return any(e.type in types and name.lower() in names(e) for e in incident.entities.values())


def assert_alerts_as_expected(incident: SourceIncident, expect: dict[str, Any]) -> None:
    """Assert the alert count, their time order and the techniques a fixture expects."""
    assert len(incident.alerts) == expect["alerts"]
    ordered = sorted(incident.alerts, key=lambda a: a.time or "")
    assert [a.id for a in ordered] == expect["timeline"]
    assert sorted({t for a in incident.alerts for t in a.techniques}) == expect["techniques"]


def assert_read_as_expected(incident: SourceIncident, expect: dict[str, Any]) -> None:
    """Assert everything a fixture expects: alerts, tactics, scope, entry point, targets."""
    assert incident.warnings == []
    assert all(alert.time and alert.title for alert in incident.alerts)
    assert_alerts_as_expected(incident, expect)
    named = {AttackCatalog.normalize_tactic(t) for a in incident.alerts for t in a.tactics}
    assert None not in named
    assert expect["tactics"] == sorted(named, key=lambda t: AttackCatalog.tactic_rank(t or ""))
    for key, listed in expect["scope"].items():
        for name in listed:
            assert has(incident, {SCOPE_TYPES[key]}, name), (key, name)
    entry = expect["entry_point"]
    assert has(incident, {EntityType(entry["type"])}, entry["matches"])
    for rec in expect["recommendations"]:
        assert has(incident, set(ACTIONS[rec["action"]].targets), rec["target"]), rec


def key_names(*known: str) -> st.SearchStrategy[str]:
    """Draw object keys an adapter reads, or short arbitrary ones."""
    return st.sampled_from(known) | st.text(max_size=6)


def json_values(
    keys: st.SearchStrategy[str] | None = None,
    *,
    floats: bool = True,
    words: Sequence[Any] = (),
    object_size: int = 4,
    max_leaves: int = 20,
) -> st.SearchStrategy[Any]:
    """Draw arbitrary JSON, its scalars mixed with `words` and its object keys from `keys`."""
    scalars = st.none() | st.booleans() | st.integers()
    if floats:
        scalars |= st.floats(allow_nan=False)
    scalars |= st.text(max_size=8)
    if words:
        scalars |= st.sampled_from(list(words))
    key = keys if keys is not None else st.text(max_size=8)
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(key, inner, max_size=object_size)
        ),
        max_leaves=max_leaves,
    )


def assert_survives(adapter: Adapter, *documents: Any) -> None:
    """Detect and parse each document: detection never raises, parsing only refuses."""
    parse = parser(adapter)
    for document in documents:
        adapter.detect(document)
        with contextlib.suppress(WingmanError):
            parse(document)
