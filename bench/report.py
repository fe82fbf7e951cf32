"""Machine facts, ratios against echo, and the Markdown and JSON reports."""

from __future__ import annotations

import dataclasses
import json
import math
import os
import platform
import shlex
import subprocess
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any, NamedTuple

from bench.measure import Measurement, Options
from bench.scenarios import BASELINE, Scenario

HEADER = (
    "| scenario | transport | rps | p50 ms | p99 ms | rps vs echo | p99 vs echo "
    "| server CPU us/req | CPU vs echo | load-gen CPU | unexpected |"
)
RULE = "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
IDLE_SHARE = 0.5
LEGEND = (
    "rps vs echo: the scenario's rps divided by echo's on the same transport in the same run "
    "(1.00x = as fast as the floor, lower is slower). p99 vs echo: its p99 divided by echo's "
    "(higher is slower). server CPU us/req: user+system CPU of the whole server process per "
    "request; CPU vs echo: that divided by echo's (higher costs more). load-gen CPU: the load "
    "generator's CPU over the run, in % of one core. unexpected: answers whose status differs "
    "from the scenario's expected one, plus socket errors."
)


class Ratios(NamedTuple):
    """A result's figures divided by echo's on the same transport in the same run."""

    rps: float
    p99: float
    cpu: float


def command_line(argv: Sequence[str]) -> str:
    """Return the command line that ran this benchmark, as a shell would read it."""
    python = sys.executable
    relative = os.path.relpath(python)
    if not relative.startswith(".."):
        python = relative
    return shlex.join([python, "-m", "bench", *argv])


def _first_line(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=5, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "unavailable"
    lines = (done.stdout or done.stderr).strip().splitlines()
    return lines[0] if lines else ""


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine_facts(wrk: str | None) -> dict[str, Any]:
    """Return the facts that make a run's figures interpretable."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    return {
        "nproc": os.cpu_count(),
        "usable_cpus": usable,
        "cpu_model": _cpu_model(),
        "platform": platform.platform(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "grpcio": metadata.version("grpcio"),
        "uvicorn": metadata.version("uvicorn"),
        "wrk": _first_line([wrk, "--version"]).split(" Copyright")[0] if wrk else "not installed",
        "loadavg_before": [round(value, 2) for value in os.getloadavg()],
        "wingman_env": sorted(name for name in os.environ if name.startswith("WINGMAN_")),
    }


def _baseline(results: Sequence[Measurement], transport: str) -> Measurement | None:
    for result in results:
        if result.scenario == BASELINE and result.transport == transport and not result.error:
            return result
    return None


def cpu_per_request(result: Measurement) -> float | None:
    """Return the server's CPU microseconds per request, when known."""
    if result.server_cpu_s is None or not result.requests:
        return None
    return result.server_cpu_s / result.requests * 1e6


def _divide(value: float | None, base: float | None) -> float:
    if value is None or not base or math.isnan(base):
        return math.nan
    return value / base


def ratios(result: Measurement, results: Sequence[Measurement]) -> Ratios:
    """Return `result`'s figures divided by echo's on the same transport (NaN when unknown)."""
    echo = _baseline(results, result.transport)
    if echo is None or result.error:
        return Ratios(math.nan, math.nan, math.nan)
    return Ratios(
        rps=_divide(result.rps, echo.rps),
        p99=_divide(result.percentiles_ms.get("p99"), echo.percentiles_ms.get("p99")),
        cpu=_divide(cpu_per_request(result), cpu_per_request(echo)),
    )


def _share(seconds: float | None, result: Measurement) -> float | None:
    if seconds is None or not result.elapsed_s:
        return None
    return seconds / result.elapsed_s


def diagnostics(results: Sequence[Measurement]) -> list[str]:
    """Return warnings about runs whose figures measure waiting rather than work."""
    notes = []
    for result in results:
        server = _share(result.server_cpu_s, result)
        loadgen = _share(result.loadgen_cpu_s, result)
        if server is None or loadgen is None or max(server, loadgen) >= IDLE_SHARE:
            continue
        notes.append(
            f"- WARNING {result.scenario} ({result.transport}): neither process was CPU-bound "
            f"(server {server:.0%} of a core, load generator {loadgen:.0%}); latency is waiting, "
            "not work (see docs/benchmarks.md, known issues)"
        )
    return notes


def _num(value: float | None, spec: str, suffix: str = "") -> str:
    if value is None or math.isnan(value):
        return "n/a"
    return f"{value:{spec}}{suffix}"


def _row(result: Measurement, results: Sequence[Measurement]) -> str:
    vs_echo = ratios(result, results)
    loadgen = _share(result.loadgen_cpu_s, result)
    cells = [
        result.scenario,
        result.transport,
        _num(result.rps, ",.0f"),
        _num(result.percentiles_ms.get("p50"), ".2f"),
        _num(result.percentiles_ms.get("p99"), ".2f"),
        _num(vs_echo.rps, ".2f", "x"),
        _num(vs_echo.p99, ".2f", "x"),
        _num(cpu_per_request(result), ",.0f"),
        _num(vs_echo.cpu, ".2f", "x"),
        _num(None if loadgen is None else loadgen * 100.0, ".0f", "%"),
        "failed" if result.error else f"{result.unexpected:,}",
    ]
    return "| " + " | ".join(cells) + " |"


def _machine_line(facts: dict[str, Any]) -> str:
    env = ", ".join(facts["wingman_env"]) or "none"
    return (
        f"- Machine: nproc {facts['nproc']} (usable {facts['usable_cpus']}), {facts['cpu_model']}, "
        f"{facts['platform']}; {facts['python']}; grpcio {facts['grpcio']}, "
        f"uvicorn {facts['uvicorn']}, {facts['wrk']}; load average before "
        f"{' '.join(str(v) for v in facts['loadavg_before'])}; WINGMAN_* set: {env}"
    )


def markdown(
    results: Sequence[Measurement],
    scenarios: Sequence[Scenario],
    facts: dict[str, Any],
    options: Options,
    command: str,
    date: datetime,
) -> str:
    """Return the Markdown report: when, how, on what, the table, and what each scenario is."""
    lines = [
        f"- Date: {date.strftime('%Y-%m-%d %H:%M UTC')}",
        f"- Command: `{command}`",
        _machine_line(facts),
        f"- Load: {options.connections} connections (REST: wrk, {options.threads} thread(s); gRPC: "
        f"{options.connections} tasks on one channel), {options.duration:g} s each after "
        f"{options.warmup:g} s of warm-up; server and load generator share this machine.",
        "",
        HEADER,
        RULE,
        *(_row(result, results) for result in results),
        "",
        LEGEND,
        "",
        *(f"- `{s.name}`: {s.summary}" for s in scenarios),
    ]
    warnings = diagnostics(results)
    warnings += [f"- FAILED {r.scenario} ({r.transport}): {r.error}" for r in results if r.error]
    if warnings:
        lines += ["", *warnings]
    return "\n".join(lines) + "\n"


def _clean(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_clean(item) for item in value]
    return value


def json_report(
    results: Sequence[Measurement],
    facts: dict[str, Any],
    options: Options,
    command: str,
    date: datetime,
) -> str:
    """Return the machine-readable report (NaN written as null)."""
    rows = []
    for result in results:
        vs_echo = ratios(result, results)
        derived = {
            "rps_vs_echo": vs_echo.rps,
            "p99_vs_echo": vs_echo.p99,
            "server_cpu_us_per_request": cpu_per_request(result),
            "cpu_vs_echo": vs_echo.cpu,
            "server_cpu_share": _share(result.server_cpu_s, result),
            "loadgen_cpu_share": _share(result.loadgen_cpu_s, result),
        }
        rows.append({**dataclasses.asdict(result), **derived})
    settings = {k: v for k, v in dataclasses.asdict(options).items() if k not in ("workdir",)}
    document = {
        "date": date.isoformat(timespec="seconds"),
        "command": command,
        "machine": facts,
        "options": {**settings, "wrk": options.wrk},
        "results": rows,
    }
    return json.dumps(_clean(document), indent=2, default=str) + "\n"


def now() -> datetime:
    """Return the current UTC time."""
    return datetime.now(UTC)
