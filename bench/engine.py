"""`python -m bench.engine`: the static AnalyzeScript path in-process, per language and size.

This measures the engine alone (no transport, no cache): detection, peeling, rules, indicators
and the explanation, the work that runs on a cache miss. Each run analyses distinct texts (a
counter comment is appended) so nothing can be reused between iterations. Figures are
milliseconds of wall time; the report also gives each language's ratio to the cheapest one and
a trivial baseline (analysing `echo 1`), measured in the same run, so runs on different
machines can be compared.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence

from bench.script_samples import KIB, LANGUAGES, sample
from wingman.core.models import AnalyzeScriptRequest
from wingman.core.scripts.analyze import default_analyzer

COMMENT = {"powershell": "#", "batch": "rem", "bash": "#", "python": "#"}


def _percentile(ordered: Sequence[float], q: float) -> float:
    rank = (len(ordered) - 1) * q
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def _variant(language: str, text: str, n: int) -> str:
    mark = COMMENT.get(language, "'" if language == "vbscript" else "//")
    return f"{text}{mark} run {n}\n"


def measure(language: str, size: int, runs: int) -> dict[str, float]:
    """Analyse `runs` distinct texts of `size` bytes; return p50/p95/p99/max in ms."""
    analyzer = default_analyzer()
    base = sample(language, size) if language != "baseline" else "echo 1\n"
    timings: list[float] = []
    truncated = 0
    for n in range(runs):
        request = AnalyzeScriptRequest(content=_variant(language, base, n))
        started = time.perf_counter()
        response = analyzer(request, deadline=time.monotonic() + 30)
        timings.append((time.perf_counter() - started) * 1000.0)
        truncated += response.truncated
    ordered = sorted(timings)
    return {
        "p50_ms": _percentile(ordered, 0.50),
        "p95_ms": _percentile(ordered, 0.95),
        "p99_ms": _percentile(ordered, 0.99),
        "max_ms": ordered[-1],
        "truncated": float(truncated),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Print a Markdown table of the static path's latency, then one JSON line."""
    parser = argparse.ArgumentParser(prog="python -m bench.engine", description=__doc__)
    parser.add_argument("--size-kib", type=int, nargs="+", default=[10], help="script sizes")
    parser.add_argument("--runs", type=int, default=200, help="analyses per language and size")
    parser.add_argument("--language", nargs="+", choices=LANGUAGES, default=list(LANGUAGES))
    args = parser.parse_args(argv)
    default_analyzer()(AnalyzeScriptRequest(content="warm up"), deadline=time.monotonic() + 30)
    results: dict[str, dict[str, float]] = {"baseline": measure("baseline", 0, args.runs)}
    for size in args.size_kib:
        for language in args.language:
            results[f"{language}-{size}k"] = measure(language, size * KIB, args.runs)
    floor = results["baseline"]["p50_ms"] or 1e-9
    out = sys.stdout
    out.write("| sample | p50 ms | p95 ms | p99 ms | max ms | p50 vs baseline | truncated |\n")
    out.write("|---|--:|--:|--:|--:|--:|--:|\n")
    for name, row in results.items():
        out.write(
            f"| {name} | {row['p50_ms']:.2f} | {row['p95_ms']:.2f} | {row['p99_ms']:.2f} | "
            f"{row['max_ms']:.2f} | {row['p50_ms'] / floor:.1f}x | {int(row['truncated'])} |\n"
        )
    out.write(json.dumps(results, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
