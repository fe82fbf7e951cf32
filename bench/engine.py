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
from pathlib import Path

from bench.script_samples import KIB, LANGUAGES, sample
from bench.timing import percentile
from wingman.core.models import AnalyzeScriptRequest
from wingman.core.scripts.analyze import default_analyzer

COMMENT = {"powershell": "#", "batch": "rem", "bash": "#", "python": "#"}


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
        "p50_ms": percentile(ordered, 0.50),
        "p95_ms": percentile(ordered, 0.95),
        "p99_ms": percentile(ordered, 0.99),
        "max_ms": ordered[-1],
        "truncated": float(truncated),
    }


def corpus_texts(path: Path, size: int) -> dict[str, list[str]]:
    """Texts of `size` characters per language, cut from (or joined out of) a labelled JSONL."""
    by_language: dict[str, list[str]] = {}
    pending: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            continue
        item = json.loads(line)
        language, text = item["language"], item["text"]
        if len(text) >= size:
            by_language.setdefault(language, []).append(text[:size])
            continue
        pending[language] = pending.get(language, "") + text + "\n"
        if len(pending[language]) >= size:
            by_language.setdefault(language, []).append(pending.pop(language)[:size])
    return by_language


def measure_texts(texts: Sequence[str]) -> dict[str, float]:
    """Analyse each text (after one untimed pass over all of them); return p50/p95/p99/max."""
    analyzer = default_analyzer()
    for text in texts:  # first use compiles the patterns a text's peelers and rules need
        analyzer(AnalyzeScriptRequest(content=text), deadline=time.monotonic() + 30)
    timings = []
    for text in texts:
        started = time.perf_counter()
        analyzer(AnalyzeScriptRequest(content=text), deadline=time.monotonic() + 30)
        timings.append((time.perf_counter() - started) * 1000.0)
    ordered = sorted(timings)
    return {
        "p50_ms": percentile(ordered, 0.50),
        "p95_ms": percentile(ordered, 0.95),
        "p99_ms": percentile(ordered, 0.99),
        "max_ms": ordered[-1],
        "truncated": 0.0,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Print a Markdown table of the static path's latency, then one JSON line."""
    parser = argparse.ArgumentParser(prog="python -m bench.engine", description=__doc__)
    parser.add_argument("--size-kib", type=int, nargs="+", default=[10], help="script sizes")
    parser.add_argument("--runs", type=int, default=200, help="analyses per language and size")
    parser.add_argument("--language", nargs="+", choices=LANGUAGES, default=list(LANGUAGES))
    parser.add_argument(
        "--corpus",
        type=Path,
        help="also time texts cut from this labelled JSONL (a file's text is only analysed)",
    )
    args = parser.parse_args(argv)
    warm = default_analyzer()
    for language in args.language:  # compile what each language's peelers and rules need
        warm(AnalyzeScriptRequest(content=sample(language, KIB)), deadline=time.monotonic() + 30)
    results: dict[str, dict[str, float]] = {"baseline": measure("baseline", 0, args.runs)}
    for size in args.size_kib:
        for language in args.language:
            results[f"{language}-{size}k"] = measure(language, size * KIB, args.runs)
        if args.corpus is not None:
            cut = corpus_texts(args.corpus, size * KIB)
            for language, texts in sorted(cut.items()):
                results[f"corpus-{language}-{size}k ({len(texts)})"] = measure_texts(texts)
            every = [text for texts in cut.values() for text in texts]
            results[f"corpus-all-{size}k ({len(every)})"] = measure_texts(every)
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
