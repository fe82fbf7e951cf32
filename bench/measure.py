"""Measure one scenario on one transport: check one answer, warm up, then load it."""

from __future__ import annotations

import json
import math
import resource
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import grpc

from bench.process import ServerProcess
from bench.scenarios import Grpc, Rest, Scenario
from bench.wrk import WrkError, WrkReport, lua_script, run_wrk, wrk_command

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Options:
    """How hard and how long to load each scenario, and where to put the request files."""

    duration: int
    warmup: int
    connections: int
    threads: int
    workdir: Path
    wrk: str | None


@dataclass
class Measurement:
    """The figures of one scenario on one transport; latencies in milliseconds."""

    scenario: str
    transport: str
    expect: str
    requests: int = 0
    rps: float = math.nan
    percentiles_ms: dict[str, float] = field(default_factory=dict)
    unexpected: int = 0
    server_cpu_s: float | None = None
    loadgen_cpu_s: float | None = None
    elapsed_s: float = 0.0
    command: list[str] = field(default_factory=list)
    error: str | None = None


class LoadError(RuntimeError):
    """A load generator failed."""


def measure(
    scenario: Scenario, transport: str, server: ServerProcess, options: Options
) -> Measurement:
    """Measure `scenario` on `transport`; a failed check or run is reported, not raised."""
    target = scenario.rest if transport == "rest" else scenario.grpc
    assert target is not None
    result = Measurement(scenario.name, transport, str(target.expect))
    try:
        if isinstance(target, Rest):
            _measure_rest(scenario, target, server, options, result)
        else:
            _measure_grpc(scenario, target, server, options, result)
    except (WrkError, LoadError, OSError, grpc.RpcError, ValueError) as error:
        result.error = str(error).strip() or type(error).__name__
    return result


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _server_window(server: ServerProcess, result: Measurement, run: Callable[[], T]) -> T:
    before = server.cpu_seconds()
    outcome = run()
    after = server.cpu_seconds()
    if before is not None and after is not None:
        result.server_cpu_s = after - before
    return outcome


def rest_status(url: str, method: str, body: bytes) -> int:
    """Send one request and return its HTTP status."""
    request = urllib.request.Request(url, data=body or None, method=method)
    if body:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def _measure_rest(
    scenario: Scenario, target: Rest, server: ServerProcess, options: Options, result: Measurement
) -> None:
    if options.wrk is None:
        raise WrkError("wrk is not installed")
    body = scenario.body.render()
    body_file = options.workdir / f"{scenario.name}.rest.json" if body else None
    if body_file is not None:
        body_file.write_bytes(body)
    script = options.workdir / f"{scenario.name}.lua"
    script.write_text(lua_script(target.method, body_file))
    url = server.rest_url + target.path
    status = rest_status(url, target.method, body)
    if status != target.expect:
        raise ValueError(f"check failed: HTTP {status}, expected {target.expect}")

    def command(seconds: int) -> list[str]:
        return wrk_command(
            options.wrk or "wrk",
            url,
            script,
            duration=seconds,
            connections=options.connections,
            threads=options.threads,
        )

    if options.warmup > 0:
        run_wrk(command(options.warmup), options.warmup)
    result.command = command(options.duration)
    children = _children_cpu()
    report = _server_window(server, result, lambda: run_wrk(result.command, options.duration))
    result.loadgen_cpu_s = _children_cpu() - children
    _fill_rest(result, report, target.expect)


def _fill_rest(result: Measurement, report: WrkReport, expect: int) -> None:
    result.requests = report.requests
    result.rps = report.rps
    result.elapsed_s = report.elapsed_s
    result.percentiles_ms = report.percentiles_ms
    answered_2xx = report.requests - report.non_2xx
    wrong = report.non_2xx if 200 <= expect < 400 else answered_2xx
    result.unexpected = wrong + report.socket_errors


def grpc_status(target: str, method: str, body: bytes) -> str:
    """Make one call and return its status code name."""
    with grpc.insecure_channel(target) as channel:
        try:
            call = channel.unary_unary(method, request_serializer=None, response_deserializer=None)
            call(body, timeout=10)
        except grpc.RpcError as error:
            return str(error.code().name)
    return "OK"


def grpc_load_command(
    target: str, method: str, body_file: Path, connections: int, seconds: int
) -> list[str]:
    """Return the command line of one `bench.grpc_load` run."""
    return [
        sys.executable,
        "-m",
        "bench.grpc_load",
        f"--target={target}",
        f"--method={method}",
        f"--body-file={body_file}",
        f"--concurrency={connections}",
        f"--duration={seconds}",
    ]


def run_grpc_load(command: list[str], duration: float) -> dict[str, Any]:
    """Run the generator in its own process (bounded) and return its JSON summary."""
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=duration + 60, check=False
        )
    except subprocess.TimeoutExpired:
        raise LoadError(f"bench.grpc_load did not stop within {duration + 60:g} s") from None
    if done.returncode != 0:
        raise LoadError(f"bench.grpc_load exited with {done.returncode}: {done.stderr.strip()}")
    summary: dict[str, Any] = json.loads(done.stdout)
    return summary


def _measure_grpc(
    scenario: Scenario, target: Grpc, server: ServerProcess, options: Options, result: Measurement
) -> None:
    body = target.encode(scenario.body.render())
    body_file = options.workdir / f"{scenario.name}.grpc.bin"
    body_file.write_bytes(body)
    status = grpc_status(server.grpc_target, target.method, body)
    if status != target.expect:
        raise ValueError(f"check failed: gRPC {status}, expected {target.expect}")

    def command(seconds: int) -> list[str]:
        return grpc_load_command(
            server.grpc_target, target.method, body_file, options.connections, seconds
        )

    if options.warmup > 0:
        run_grpc_load(command(options.warmup), options.warmup)
    result.command = command(options.duration)
    summary = _server_window(
        server, result, lambda: run_grpc_load(result.command, options.duration)
    )
    result.requests = int(summary["calls"])
    result.rps = float(summary["rps"])
    result.elapsed_s = float(summary["elapsed_s"])
    result.loadgen_cpu_s = float(summary["cpu_s"])
    result.percentiles_ms = {
        key.removesuffix("_ms"): float(value)
        for key, value in summary.items()
        if key.startswith("p") and key.endswith("_ms")
    }
    codes: dict[str, int] = summary["codes"]
    result.unexpected = result.requests - codes.get(target.expect, 0)
