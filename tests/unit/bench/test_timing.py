"""The in-process timing arithmetic, on a fake capability that advances a fake clock."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pytest

from bench.kql_engine import Entry, measure, read_texts
from bench.timing import KIB, SizePoint, linearity, percentile, summarize, time_pass, time_sizes
from wingman.core.models import NLToKQLRequest, ValidateKQLRequest


@dataclass
class Clock:
    """A clock that only moves when the fake capability says so (seconds)."""

    now: float = 0.0

    def __call__(self) -> float:
        return self.now


@dataclass(frozen=True)
class Answer:
    valid: bool


@dataclass
class FakeCapability:
    """Costs `fixed_ms + per_kib_ms` per KiB of the request's text; invalid when it says 'bad'."""

    clock: Clock
    fixed_ms: float = 0.0
    per_kib_ms: float = 0.0
    costs_ms: dict[str, float] = field(default_factory=dict)
    calls: list[float] = field(default_factory=list)

    def __call__(self, request: Any, *, deadline: float) -> Answer:
        self.calls.append(deadline)
        text = request if isinstance(request, str) else getattr(request, "kql", "")
        cost = self.costs_ms.get(text, self.fixed_ms + self.per_kib_ms * len(text) / KIB)
        self.clock.now += cost / 1000.0
        return Answer(valid="bad" not in text)


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [
        ([5.0], 0.99, 5.0),
        ([1.0, 2.0, 3.0, 4.0], 0.0, 1.0),
        ([1.0, 2.0, 3.0, 4.0], 0.5, 2.5),
        ([1.0, 2.0, 3.0, 4.0], 1.0, 4.0),
        ([float(n) for n in range(1, 101)], 0.95, 95.05),
        ([float(n) for n in range(1, 101)], 0.99, 99.01),
    ],
)
def test_percentile_interpolates_between_ranks(
    values: list[float], q: float, expected: float
) -> None:
    assert percentile(values, q) == pytest.approx(expected)


def test_percentile_of_nothing_is_an_error() -> None:
    with pytest.raises(ValueError, match="no values"):
        percentile([], 0.5)


def test_summarize_sorts_before_taking_percentiles() -> None:
    summary = summarize([4.0, 1.0, 3.0, 2.0], invalid=1)
    assert (summary.count, summary.p50_ms, summary.max_ms, summary.invalid) == (4, 2.5, 4.0, 1)


def test_time_pass_times_each_call_and_counts_invalid_answers() -> None:
    clock = Clock()
    costs = {f"q{n}": float(n) for n in range(1, 101)}
    capability = FakeCapability(clock, costs_ms={**costs, "bad": 500.0})
    timed = time_pass(capability, [*costs, "bad"], clock=clock, cpu_clock=clock)
    assert timed.cpu == timed.wall
    summary = timed.wall
    assert summary.count == 101
    assert summary.p50_ms == pytest.approx(51.0)
    assert summary.max_ms == pytest.approx(500.0)
    assert summary.invalid == 1
    assert len(capability.calls) == 101  # every call got a deadline


def test_time_sizes_keeps_the_median_and_skips_the_first_call() -> None:
    clock = Clock()
    capability = FakeCapability(clock, fixed_ms=1.0, per_kib_ms=2.0)
    sizes = [KIB // 2, 4 * KIB, 64 * KIB]
    requests = [(size, "x" * size) for size in sizes]
    points = time_sizes(capability, requests, repeat=3, clock=clock, cpu_clock=clock)
    assert [point.ms for point in points] == pytest.approx([2.0, 9.0, 129.0])
    assert [point.cpu_ms for point in points] == pytest.approx([2.0, 9.0, 129.0])
    assert [point.ms_per_kib for point in points] == pytest.approx([4.0, 2.25, 2.015625])
    assert linearity(points, cpu=True) == pytest.approx(2.015625 / 4.0)
    assert len(capability.calls) == 3 * 4  # one untimed call per size, then three timed


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        ([SizePoint(KIB, 10.0, 5.0), SizePoint(64 * KIB, 640.0, 320.0)], 1.0),  # proportional
        (
            [SizePoint(64 * KIB, 1280.0, 1.0), SizePoint(KIB, 10.0, 1.0)],
            2.0,
        ),  # order does not matter
        (
            [SizePoint(KIB // 2, 5.0, 1.0), SizePoint(2 * KIB, 10.0, 1.0)],
            0.5,
        ),  # a fixed cost dominates
    ],
)
def test_linearity_compares_cost_per_kib_at_both_ends(
    points: list[SizePoint], expected: float
) -> None:
    assert linearity(points) == pytest.approx(expected)


def test_read_texts_takes_the_first_field_present_once_and_under_the_limit() -> None:
    lines = [
        json.dumps({"query": "A | take 1", "kql": "ignored"}),
        "",
        json.dumps({"reference_kql": "B | take 1"}),
        json.dumps({"query": "A | take 1"}),  # a repeat
        json.dumps({"query": "C" * 50}),  # too long
        json.dumps({"question": "not a query field"}),
        json.dumps({"query": "   "}),
    ]
    texts = read_texts(lines, ("query", "reference_kql", "kql"), max_bytes=40)
    assert texts == ["A | take 1", "B | take 1"]


def test_measure_runs_one_cold_pass_then_the_steady_ones_then_each_size() -> None:
    capability = FakeCapability(Clock())
    entry = Entry(
        build=lambda: capability,
        request=lambda text: ValidateKQLRequest(kql=text),
        fields=("q",),
        grown=lambda n: "x" * n,
    )
    timings = measure(entry, ["a", "b", "bad"], passes=3, sizes=[2 * KIB, KIB], repeat=2)
    assert (timings.inputs, timings.cold.wall.count, timings.steady.cpu.count) == (3, 3, 6)
    assert (timings.cold.wall.invalid, timings.steady.wall.invalid) == (1, 2)
    assert [point.size_bytes for point in timings.sizes] == [KIB, 2 * KIB]


def test_an_entry_without_a_grown_input_skips_linearity() -> None:
    capability = FakeCapability(Clock())
    entry = Entry(
        build=lambda: capability,
        request=lambda text: NLToKQLRequest(question=text),
        fields=("question",),
    )
    timings = measure(entry, ["who logged on?"], passes=2, sizes=[KIB], repeat=1)
    assert (timings.cold.wall.count, timings.steady.wall.count, timings.sizes) == (1, 1, [])
