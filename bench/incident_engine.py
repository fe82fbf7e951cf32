"""`python -m bench.incident_engine`: SummarizeIncident in-process, by incident size.

The engine alone (no transport, no cache), on synthetic Wingman-form incidents
(`bench/incident_samples.py`): for each size, `--incidents` different incidents, each summarized
`--passes` times; the first pass is reported apart (cold: command lines the script analyzer has
not seen). Figures are milliseconds of wall time (what a caller waits) and of CPU time (the work,
the steadier figure on a shared machine). The largest size is also compared with the service's
default deadline.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from bench.incident_samples import incident
from bench.report import machine_facts
from bench.timing import Pass, time_pass
from wingman.config import Settings
from wingman.core.models import SummarizeIncidentRequest
from wingman.engines import incident_engine

SIZES = (1, 10, 50, 200, 1000)


def out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.incident_engine", description=__doc__)
    add = parser.add_argument
    add("--sizes", type=int, nargs="*", default=list(SIZES), help="alerts per incident")
    add("--incidents", type=int, default=20, help="different incidents per size")
    add("--passes", type=int, default=3, help="passes over them: 1 cold, the rest steady")
    add("--no-commands", action="store_true", help="without the command-line analysis")
    return parser


def _row(size: int, name: str, timed: Pass) -> list[str]:
    return [
        f"| {size} | {name} | {kind} | {row.count} | {row.p50_ms:.2f} | {row.p95_ms:.2f} | "
        f"{row.max_ms:.2f} |"
        for kind, row in (("wall", timed.wall), ("CPU", timed.cpu))
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Print the machine and one table row per size and pass, then one JSON line."""
    args = _parser().parse_args(argv)
    settings = Settings(incidents={"analyse_commands": not args.no_commands})  # type: ignore[arg-type]
    run = incident_engine(settings).run
    facts = machine_facts(None)
    out(
        f"- Machine: nproc {facts['nproc']}, {facts['cpu_model']}, {facts['python']}; load "
        f"average before {' '.join(map(str, facts['loadavg_before']))}; command lines "
        f"{'not ' if args.no_commands else ''}analysed\n"
    )
    out("| alerts | pass | time | incidents | p50 ms | p95 ms | max ms |")
    out("|--:|---|---|--:|--:|--:|--:|")
    results: dict[str, Any] = {}
    for size in args.sizes:
        sys.stderr.write(f"bench: {args.incidents} incidents of {size} alerts...\n")
        requests = [
            SummarizeIncidentRequest(incident=incident(size, seed=seed))  # type: ignore[arg-type]
            for seed in range(args.incidents)
        ]
        cold = time_pass(run, requests)
        steady = time_pass(run, requests * max(1, args.passes - 1))
        for line in _row(size, "cold", cold) + _row(size, "steady", steady):
            out(line)
        results[str(size)] = {
            "cold_p95_ms": round(cold.wall.p95_ms, 2),
            "steady_p50_ms": round(steady.wall.p50_ms, 2),
            "steady_p95_ms": round(steady.wall.p95_ms, 2),
            "steady_cpu_p95_ms": round(steady.cpu.p95_ms, 2),
        }
    largest = str(max(args.sizes))
    share = results[largest]["cold_p95_ms"] / settings.deadline_ms
    out(
        f"\n{largest} alerts, cold p95: {share:.1%} of the default deadline "
        f"({settings.deadline_ms:.0f} ms)"
    )
    out(json.dumps({"sizes": results, "deadline_ms": settings.deadline_ms}, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
