"""Time a capability in-process: percentiles of a pass over inputs, and cost per KB by size."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

KIB = 1024
DEADLINE_S = 30.0

Clock = Callable[[], float]
Run = Callable[..., Any]


def percentile(ordered: Sequence[float], q: float) -> float:
    """Return the `q` quantile (0..1) of sorted values, interpolating between ranks."""
    if not ordered:
        raise ValueError("percentile of no values")
    rank = (len(ordered) - 1) * q
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(frozen=True, slots=True)
class Summary:
    """Latency of one pass in milliseconds, and how many answers were not `valid`."""

    count: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    invalid: int = 0


def summarize(timings_ms: Sequence[float], *, invalid: int = 0) -> Summary:
    """Return p50/p95/p99/max of the timings."""
    ordered = sorted(timings_ms)
    return Summary(
        count=len(ordered),
        p50_ms=percentile(ordered, 0.50),
        p95_ms=percentile(ordered, 0.95),
        p99_ms=percentile(ordered, 0.99),
        max_ms=ordered[-1],
        invalid=invalid,
    )


@dataclass(frozen=True, slots=True)
class Pass:
    """One pass over the inputs: wall time (what a caller waits) and CPU time (the work)."""

    wall: Summary
    cpu: Summary


def time_pass(
    run: Run,
    requests: Sequence[Any],
    *,
    clock: Clock = time.perf_counter,
    cpu_clock: Clock = time.process_time,
) -> Pass:
    """Call `run(request, deadline=...)` once per request; summarize the time of each."""
    wall, cpu, invalid = [], [], 0
    for request in requests:
        deadline = time.monotonic() + DEADLINE_S
        started, cpu_started = clock(), cpu_clock()
        response = run(request, deadline=deadline)
        wall.append((clock() - started) * 1000.0)
        cpu.append((cpu_clock() - cpu_started) * 1000.0)
        invalid += getattr(response, "valid", True) is False
    return Pass(summarize(wall, invalid=invalid), summarize(cpu, invalid=invalid))


@dataclass(frozen=True, slots=True)
class SizePoint:
    """The median wall and CPU time of one input size, and each per KiB of input.

    CPU time is the steadier figure on a shared machine: it leaves out the time the process
    waited for a core.
    """

    size_bytes: int
    ms: float
    cpu_ms: float

    @property
    def ms_per_kib(self) -> float:
        return self.ms / (self.size_bytes / KIB)

    @property
    def cpu_ms_per_kib(self) -> float:
        return self.cpu_ms / (self.size_bytes / KIB)


def time_sizes(
    run: Run,
    requests: Sequence[tuple[int, Any]],
    *,
    repeat: int,
    clock: Clock = time.perf_counter,
    cpu_clock: Clock = time.process_time,
) -> list[SizePoint]:
    """Time each `(size, request)` `repeat` times after one untimed call; keep the medians."""
    points = []
    for size, request in requests:
        run(request, deadline=time.monotonic() + DEADLINE_S)
        wall, cpu = [], []
        for _ in range(repeat):
            started, cpu_started = clock(), cpu_clock()
            run(request, deadline=time.monotonic() + DEADLINE_S)
            wall.append((clock() - started) * 1000.0)
            cpu.append((cpu_clock() - cpu_started) * 1000.0)
        points.append(SizePoint(size, statistics.median(wall), statistics.median(cpu)))
    return points


def linearity(points: Sequence[SizePoint], *, cpu: bool = False) -> float:
    """Return ms/KiB at the largest size divided by ms/KiB at the smallest (1.0: linear)."""
    ordered = sorted(points, key=lambda point: point.size_bytes)
    if cpu:
        return ordered[-1].cpu_ms_per_kib / ordered[0].cpu_ms_per_kib
    return ordered[-1].ms_per_kib / ordered[0].ms_per_kib
