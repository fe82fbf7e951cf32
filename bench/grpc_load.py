"""A small grpc.aio load generator, run in its own process: `python -m bench.grpc_load`.

N concurrent tasks share one channel and call one unary method with raw request bytes for D
seconds; each records every call's latency and status. One JSON line goes to stdout: calls,
elapsed seconds, rps, p50/p75/p90/p95/p99 in milliseconds, the count per status code and the
generator's own CPU seconds. Only 127.0.0.1 may be targeted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import resource
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc

PERCENTILES = (50, 75, 90, 95, 99)
MAX_MESSAGE = 64 * 1024 * 1024
CALL_TIMEOUT_S = 10.0
CONNECT_TIMEOUT_S = 10.0


@dataclass
class Tally:
    """Latencies (seconds) and status codes of the calls made so far."""

    latencies: list[float] = field(default_factory=list)
    codes: Counter[str] = field(default_factory=Counter)


def percentile(ordered: Sequence[float], p: float) -> float:
    """Return the nearest-rank percentile of an ascending sequence."""
    if not ordered:
        return math.nan
    rank = max(1, math.ceil(p / 100.0 * len(ordered)))
    return ordered[rank - 1]


async def _worker(call: Any, body: bytes, end: float, tally: Tally) -> None:
    while time.perf_counter() < end:
        started = time.perf_counter()
        try:
            await call(body, timeout=CALL_TIMEOUT_S)
            code = "OK"
        except grpc.aio.AioRpcError as error:
            code = error.code().name
        tally.latencies.append(time.perf_counter() - started)
        tally.codes[code] += 1


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def generate(
    target: str, method: str, body: bytes, *, concurrency: int, duration: float
) -> dict[str, Any]:
    """Load `method` on `target` for `duration` seconds and return the summary."""
    options = [
        ("grpc.max_send_message_length", MAX_MESSAGE),
        ("grpc.max_receive_message_length", MAX_MESSAGE),
    ]
    async with grpc.aio.insecure_channel(target, options=options) as channel:
        await asyncio.wait_for(channel.channel_ready(), timeout=CONNECT_TIMEOUT_S)
        call = channel.unary_unary(method, request_serializer=None, response_deserializer=None)
        tally = Tally()
        cpu = _cpu_seconds()
        started = time.perf_counter()
        end = started + duration
        await asyncio.gather(*(_worker(call, body, end, tally) for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
        cpu = _cpu_seconds() - cpu
    return summarize(tally, elapsed, cpu)


def summarize(tally: Tally, elapsed: float, cpu: float) -> dict[str, Any]:
    """Return the JSON-ready summary of a run."""
    ordered = sorted(tally.latencies)
    summary: dict[str, Any] = {
        "calls": len(ordered),
        "elapsed_s": round(elapsed, 6),
        "rps": len(ordered) / elapsed if elapsed > 0 else 0.0,
        "codes": dict(tally.codes),
        "cpu_s": round(cpu, 6),
    }
    for p in PERCENTILES:
        summary[f"p{p}_ms"] = percentile(ordered, p) * 1000.0
    return summary


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.grpc_load", description=__doc__)
    parser.add_argument("--target", required=True, help="127.0.0.1:PORT")
    parser.add_argument("--method", required=True, help="/package.Service/Method")
    parser.add_argument("--body-file", type=Path, required=True, help="raw request bytes")
    parser.add_argument("--concurrency", type=int, default=16, help="concurrent calls")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of load")
    return parser


def _check(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    host, _, port = args.target.rpartition(":")
    if host != "127.0.0.1" or not port.isdigit():
        parser.error(f"--target must be 127.0.0.1:PORT, got {args.target!r}")
    if not 1 <= args.concurrency <= 1024:
        parser.error("--concurrency must be between 1 and 1024")
    if not 0 < args.duration <= 3600:
        parser.error("--duration must be more than 0 and at most 3600 seconds")
    if not args.method.startswith("/") or args.method.count("/") != 2:
        parser.error("--method must look like /package.Service/Method")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the generator and write its summary as one JSON line."""
    parser = _parser()
    args = parser.parse_args(argv)
    _check(parser, args)
    body = args.body_file.read_bytes()
    summary = asyncio.run(
        generate(
            args.target,
            args.method,
            body,
            concurrency=args.concurrency,
            duration=args.duration,
        )
    )
    sys.stdout.write(json.dumps(summary) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
