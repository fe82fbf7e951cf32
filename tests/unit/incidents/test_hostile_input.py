"""Whatever JSON arrives, SummarizeIncident answers or refuses with a typed error."""

from __future__ import annotations

import json
import random
import time
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.incidents.scenario import analyzer
from wingman.core.errors import WingmanError
from wingman.core.incidents.summarize import IncidentSummarizer
from wingman.core.knowledge.attack import default_catalog
from wingman.core.models import SummarizeIncidentRequest

FIXTURES = sorted((Path(__file__).resolve().parents[2] / "fixtures" / "incidents").glob("*/*.json"))
_SCALARS = st.none() | st.booleans() | st.integers(-(2**40), 2**40) | st.text(max_size=12)
_JSON = st.recursive(
    _SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=25,
)
# Keys every format looks for, so generated documents reach past detection.
_KEYS = st.sampled_from(
    [
        "alerts",
        "evidence",
        "entities",
        "@odata.type",
        "Entities",
        "SystemAlertId",
        "properties",
        "kind",
        "class_uid",
        "finding_info",
        "kibana.alert.rule.name",
        "detection",
        "value",
        "id",
        "title",
        "incidentId",
        "alertId",
        "machineId",
        "version",
        "hits",
        "_source",
        "signal",
    ]
)
_SHAPED = st.recursive(
    _SCALARS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(_KEYS | st.text(max_size=6), children, max_size=5)
    ),
    max_leaves=30,
)


@cache
def _engine() -> IncidentSummarizer:
    return IncidentSummarizer(attack=default_catalog(), scripts=analyzer())


def _run(document: Any) -> None:
    try:
        response = _engine()(
            SummarizeIncidentRequest(incident=document), deadline=time.monotonic() + 30
        )
    except WingmanError:
        return
    ids = {e.id for e in response.entities}
    assert all(r.target.entity_id in ids for r in response.recommendations)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=_JSON | _SHAPED)
def test_arbitrary_json_never_raises_an_untyped_error(document: Any) -> None:
    _run(document)


def _mutations(value: Any, rng: random.Random) -> Any:
    """The value with some of its parts dropped, retyped or replaced by hostile text."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            roll = rng.random()
            if roll < 0.08:
                continue
            out[key] = (
                _mutations(item, rng)
                if roll > 0.2
                else rng.choice(
                    [None, [], {}, 0, "", "x" * 300, "1e309", "\u202e\x00", ["a", 1], {"$ref": "1"}]
                )
            )
        return out
    if isinstance(value, list):
        return [_mutations(item, rng) for item in value if rng.random() > 0.08]
    if isinstance(value, str) and rng.random() < 0.1:
        return rng.choice(["", "2026-13-45T99:99:99Z", "' | .drop table x", '{"$id": "1"', "\\"])
    return value


def test_damaged_fixtures_are_summarized_with_warnings_or_refused() -> None:
    assert FIXTURES, "no fixtures to damage"
    rng = random.Random(20261203)
    for path in FIXTURES:
        original = json.loads(path.read_text(encoding="utf-8"))["incident"]
        for _ in range(15):
            _run(_mutations(original, rng))


def test_shapes_found_by_fuzzing_are_read_or_refused() -> None:
    # A Sentinel row whose `value` is null, and a time written with a superscript digit.
    _run({"IncidentNumber": None, "Title": None, "value": None})
    _run({"kind": "wingman.incident", "version": 1, "created": "\u00b9", "alerts": []})
