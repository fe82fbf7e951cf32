"""The benchmark's own KQL is valid, and grown queries have the size they are asked for."""

from __future__ import annotations

import pytest

from bench.kql_samples import KIB, SAMPLES, grown
from bench.scenarios import REGISTRY
from wingman.core.kql.catalog import load_catalog
from wingman.core.kql.validate import check
from wingman.core.limits import Limits

CATALOG = load_catalog()
GROWN_SIZES = [KIB // 2, KIB, 16 * KIB, 60 * KIB, 64 * KIB]


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_each_sample_is_valid(name: str) -> None:
    report = check(SAMPLES[name], catalog=CATALOG)
    assert report.valid, report.diagnostics
    assert not report.diagnostics


@pytest.mark.parametrize("size", GROWN_SIZES)
def test_a_grown_query_fills_its_size_and_stays_valid(size: int) -> None:
    text = grown(size)
    assert size - 200 < len(text.encode()) <= size
    assert check(text, catalog=CATALOG).valid


def test_grown_queries_fit_the_service_limit() -> None:
    assert len(grown(64 * KIB).encode()) <= Limits().kql_bytes


@pytest.mark.parametrize(
    "name",
    ["validate-small", "validate-medium", "validate-large", "validate-size-60k"],
)
def test_validate_scenarios_expect_an_answer(name: str) -> None:
    scenario = REGISTRY[name]
    assert scenario.rest is not None
    assert scenario.grpc is not None
    assert (scenario.rest.expect, scenario.grpc.expect) == (200, "OK")
    assert scenario.grpc.encode(scenario.body.render())


def test_no_scenario_still_expects_validate_to_be_missing() -> None:
    expected = {s.grpc.expect for s in REGISTRY.values() if s.grpc is not None}
    assert "UNIMPLEMENTED" not in expected
