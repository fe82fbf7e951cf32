"""`python -m bench.kql_engine`: a KQL capability in-process, cold and steady, and cost by size.

This measures the engine alone (no transport, no cache). The grammar is an ANTLR parser whose
prediction cache fills as it meets new query shapes, so the first parse of a shape costs more
than later ones. The run therefore reports two passes over the same inputs, in this order:

- cold: the first pass, right after the engine is built (which warms the grammar on a few
  common shapes), over inputs this process has not seen: what a new query costs;
- steady: the passes after it, pooled: what a query of a known shape costs.

Then the linearity check: one query grown to each size, the median of `--repeat` calls after
an untimed one, in ms and ms per KiB, and the ratio of the largest size's ms/KiB to the
smallest's (1.0x: cost proportional to length). Inputs come from `--corpus FILE` (JSONL) or the
packaged example index. Figures are milliseconds of wall time (what a caller waits) and of
CPU time (the work, and the steadier figure on a shared machine); compare them within a run.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from bench.kql_samples import grown
from bench.report import machine_facts
from bench.timing import KIB, Pass, Run, SizePoint, linearity, time_pass, time_sizes
from wingman.core.models import NLToKQLRequest, ValidateKQLRequest, WireModel
from wingman.engines import kql_planner_engine, kql_validation_engine

SIZES_KIB = (0.5, 1, 2, 4, 8, 16, 32, 64)


@dataclass(frozen=True, slots=True)
class Entry:
    """A capability to time: how to build it, and how to turn an input text into its request.

    `build` returns the capability's callable (`run(request, *, deadline)`); `fields` are the
    JSONL fields that may hold an input text, the first one present in a line wins; `grown`, when
    set, returns the same input at a given size in bytes, for the linearity check.
    """

    build: Callable[[], Run]
    request: Callable[[str], WireModel]
    fields: tuple[str, ...]
    grown: Callable[[int], str] | None = None


ENTRIES: dict[str, Entry] = {
    "validate-kql": Entry(
        build=lambda: kql_validation_engine().run,
        request=lambda text: ValidateKQLRequest(kql=text),
        fields=("query", "reference_kql", "kql"),
        grown=grown,
    ),
    "nl-to-kql": Entry(
        build=lambda: kql_planner_engine().run,
        request=lambda text: NLToKQLRequest(question=text),
        fields=("question", "description"),
    ),
}


def read_texts(lines: Sequence[str], fields: Sequence[str], *, max_bytes: int) -> list[str]:
    """Return the distinct input texts under `max_bytes` (UTF-8), in the order of the lines."""
    texts: dict[str, None] = {}
    for line in lines:
        if not line.strip():
            continue
        item = json.loads(line)
        text = next((item[name] for name in fields if isinstance(item.get(name), str)), None)
        if text and text.strip() and len(text.encode()) < max_bytes:
            texts[text] = None
    return list(texts)


def _lines(corpus: Path | None) -> list[str]:
    if corpus is not None:
        return corpus.read_text(encoding="utf-8").split("\n")
    data = resources.files("wingman.core.kql.data").joinpath("examples.jsonl")
    return data.read_text(encoding="utf-8").split("\n")


def _facts() -> dict[str, Any]:
    facts = machine_facts(None)
    for name in ("wrk", "grpcio", "uvicorn"):
        facts.pop(name, None)
    facts["antlr4"] = metadata.version("antlr4-python3-runtime")
    return facts


def _pass_rows(cold: Pass, steady: Pass) -> list[str]:
    rows = [
        "| pass | time | inputs | p50 ms | p95 ms | p99 ms | max ms | invalid |",
        "|---|---|--:|--:|--:|--:|--:|--:|",
    ]
    passes = (("cold (first pass)", cold), ("steady (later passes)", steady))
    for name, timed in passes:
        for kind, row in (("wall", timed.wall), ("CPU", timed.cpu)):
            rows.append(
                f"| {name} | {kind} | {row.count:,} | {row.p50_ms:.2f} | {row.p95_ms:.2f} | "
                f"{row.p99_ms:.2f} | {row.max_ms:.2f} | {row.invalid:,} |"
            )
    ratio = [getattr(cold.cpu, q) / getattr(steady.cpu, q) for q in ("p50_ms", "p95_ms", "p99_ms")]
    rows += ["", "Cold vs steady, CPU: p50 {:.2f}x, p95 {:.2f}x, p99 {:.2f}x".format(*ratio)]
    return rows


def _size_rows(points: Sequence[SizePoint]) -> list[str]:
    rows = [
        "| size | bytes | ms | ms/KiB | CPU ms | CPU ms/KiB | CPU ms/KiB vs smallest |",
        "|--:|--:|--:|--:|--:|--:|--:|",
    ]
    floor = points[0].cpu_ms_per_kib
    for point in points:
        rows.append(
            f"| {point.size_bytes / KIB:g} KiB | {point.size_bytes:,} | {point.ms:.2f} | "
            f"{point.ms_per_kib:.2f} | {point.cpu_ms:.2f} | {point.cpu_ms_per_kib:.2f} | "
            f"{point.cpu_ms_per_kib / floor:.2f}x |"
        )
    wall, cpu = linearity(points), linearity(points, cpu=True)
    rows += [
        "",
        f"Linearity, ms/KiB at the largest size / at the smallest: {wall:.2f}x wall, "
        f"{cpu:.2f}x CPU",
    ]
    return rows


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.kql_engine", description=__doc__)
    add = parser.add_argument
    add("--capability", choices=sorted(ENTRIES), default="validate-kql", help="what to time")
    add("--corpus", type=Path, help="JSONL of inputs (default: the packaged example index)")
    add("--max-bytes", type=int, default=KIB, help="only inputs shorter than this (UTF-8)")
    add("--passes", type=int, default=3, help="passes over the inputs: 1 cold, the rest steady")
    add("--size-kib", type=float, nargs="*", default=list(SIZES_KIB), help="linearity sizes")
    add("--repeat", type=int, default=5, help="timed calls per size (the median is kept)")
    return parser


@dataclass(frozen=True, slots=True)
class Timings:
    """What one run measured."""

    inputs: int
    cold: Pass
    steady: Pass
    sizes: list[SizePoint]


def measure(
    entry: Entry, texts: Sequence[str], *, passes: int, sizes: Sequence[int], repeat: int
) -> Timings:
    """Build the capability, time a cold pass, then the steady passes, then each grown size."""
    run = entry.build()
    requests = [entry.request(text) for text in texts]
    sys.stderr.write(f"bench: {len(requests)} inputs, cold pass...\n")
    cold = time_pass(run, requests)
    sys.stderr.write(f"bench: {passes - 1} steady pass(es)...\n")
    steady = time_pass(run, requests * (passes - 1))
    points: list[SizePoint] = []
    if entry.grown is not None and sizes:
        sys.stderr.write("bench: linearity...\n")
        grown_requests = [(size, entry.request(entry.grown(size))) for size in sorted(sizes)]
        points = time_sizes(run, grown_requests, repeat=repeat)
    return Timings(len(texts), cold, steady, points)


def _head(facts: dict[str, Any], args: argparse.Namespace, inputs: int) -> str:
    env = ", ".join(facts["wingman_env"]) or "none"
    source = str(args.corpus) if args.corpus else "the packaged example index"
    return (
        f"- Machine: nproc {facts['nproc']} (usable {facts['usable_cpus']}), "
        f"{facts['cpu_model']}, {facts['platform']}; {facts['python']}; antlr4 runtime "
        f"{facts['antlr4']}; load average before {' '.join(map(str, facts['loadavg_before']))}; "
        f"WINGMAN_* set: {env}\n"
        f"- Capability: {args.capability}; inputs: {inputs} distinct from {source}, each under "
        f"{args.max_bytes} bytes; {args.passes} passes (1 cold, {args.passes - 1} steady)\n\n"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Print the machine, the cold and steady passes and the linearity table, then one JSON line."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.passes < 2 or args.repeat < 1:
        parser.error("--passes must be at least 2 and --repeat at least 1")
    entry = ENTRIES[args.capability]
    texts = read_texts(_lines(args.corpus), entry.fields, max_bytes=args.max_bytes)
    if not texts:
        parser.error("no inputs under --max-bytes in the given fields")
    facts = _facts()
    sizes = [int(kib * KIB) for kib in args.size_kib]
    timings = measure(entry, texts, passes=args.passes, sizes=sizes, repeat=args.repeat)
    out = sys.stdout
    out.write(_head(facts, args, timings.inputs))
    out.write("\n".join(_pass_rows(timings.cold, timings.steady)) + "\n\n")
    if timings.sizes:
        out.write("\n".join(_size_rows(timings.sizes)) + "\n\n")
    document = {
        "capability": args.capability,
        "machine": facts,
        **dataclasses.asdict(timings),
        "linearity": linearity(timings.sizes) if timings.sizes else None,
        "linearity_cpu": linearity(timings.sizes, cpu=True) if timings.sizes else None,
    }
    out.write(json.dumps(document, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
