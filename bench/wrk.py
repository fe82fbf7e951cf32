"""Drive REST load with `wrk` and parse its `--latency` report."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

INSTALL_HINT = (
    "wrk is not installed; the REST benchmarks need it. "
    "Install it with `apt-get install -y wrk` (Debian/Ubuntu) or `brew install wrk` (macOS), "
    "or run only gRPC with `--transport grpc`."
)
_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_PERCENTILE = re.compile(r"^\s*(50|75|90|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s|m|h)\s*$", re.MULTILINE)
_REQUESTS = re.compile(r"^\s*(\d+) requests in ([\d.]+)(us|ms|s|m|h)", re.MULTILINE)
_RPS = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
_NON_2XX = re.compile(r"^\s*Non-2xx or 3xx responses:\s+(\d+)", re.MULTILINE)
_SOCKET = re.compile(
    r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", re.MULTILINE
)


class WrkError(RuntimeError):
    """wrk failed or printed something we cannot read."""


@dataclass(frozen=True, slots=True)
class WrkReport:
    """What one wrk run measured; latencies in milliseconds."""

    requests: int
    elapsed_s: float
    rps: float
    percentiles_ms: dict[str, float]
    non_2xx: int
    socket_errors: int


def find_wrk() -> str | None:
    """Return the path of `wrk`, or None when it is not installed."""
    return shutil.which("wrk")


def lua_script(method: str, body_file: Path | None) -> str:
    """Return the wrk Lua script sending `method` with the body read from `body_file`."""
    lines = [f'wrk.method = "{method}"']
    if body_file is not None:
        path = str(body_file)
        if "]==]" in path:
            raise ValueError(f"unusable body path {path!r}")
        lines += [
            'wrk.headers["Content-Type"] = "application/json"',
            f'local f = assert(io.open([==[{path}]==], "rb"))',
            'wrk.body = f:read("*a")',
            "f:close()",
        ]
    return "\n".join(lines) + "\n"


def wrk_command(
    wrk: str, url: str, script: Path, *, duration: int, connections: int, threads: int
) -> list[str]:
    """Return the wrk command line for one run."""
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError(f"refusing to load anything but 127.0.0.1: {url}")
    return [
        wrk,
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={duration}s",
        "--timeout=10s",
        "--latency",
        f"--script={script}",
        url,
    ]


def run_wrk(command: list[str], duration: float) -> WrkReport:
    """Run wrk (bounded by its duration plus a margin) and parse its report."""
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=duration + 30, check=False
        )
    except subprocess.TimeoutExpired:
        raise WrkError(f"wrk did not stop within {duration + 30:g} s") from None
    if done.returncode != 0:
        output = (done.stderr + done.stdout).strip()
        raise WrkError(f"wrk exited with {done.returncode}: {output}")
    return parse_wrk(done.stdout)


def _ms(value: str, unit: str) -> float:
    return float(value) * _UNITS_MS[unit]


def parse_wrk(text: str) -> WrkReport:
    """Parse the text wrk prints with `--latency`."""
    percentiles = {f"p{p}": _ms(value, unit) for p, value, unit in _PERCENTILE.findall(text)}
    requests = _REQUESTS.search(text)
    rps = _RPS.search(text)
    if requests is None or rps is None or len(percentiles) != 4:
        raise WrkError(f"cannot read wrk's report:\n{text}")
    non_2xx = _NON_2XX.search(text)
    socket = _SOCKET.search(text)
    return WrkReport(
        requests=int(requests.group(1)),
        elapsed_s=_ms(requests.group(2), requests.group(3)) / 1000.0,
        rps=float(rps.group(1)),
        percentiles_ms=percentiles,
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sum(int(n) for n in socket.groups()) if socket else 0,
    )
