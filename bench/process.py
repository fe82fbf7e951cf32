"""Start the bench server in its own process, wait until it answers, and always stop it."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

HOST = "127.0.0.1"
STARTUP_S = 30.0
STOP_S = 15.0


class ServerError(RuntimeError):
    """The bench server did not start or did not become healthy."""


@dataclass(frozen=True, slots=True)
class ServerProcess:
    """A running bench server: its process and the ports it listens on."""

    process: subprocess.Popen[bytes]
    rest_port: int
    grpc_port: int
    log: Path

    @property
    def rest_url(self) -> str:
        """Return the REST base URL."""
        return f"http://{HOST}:{self.rest_port}"

    @property
    def grpc_target(self) -> str:
        """Return the gRPC target."""
        return f"{HOST}:{self.grpc_port}"

    def cpu_seconds(self) -> float | None:
        """Return the server's user + system CPU time so far (Linux /proc), else None."""
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        ticks = int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
        return ticks / os.sysconf("SC_CLK_TCK")


@contextmanager
def bench_server(scenario_set: str, lifetime: float, log: Path) -> Iterator[ServerProcess]:
    """Run `python -m bench.server` on free ports; SIGTERM it on the way out, whatever happens."""
    command = [sys.executable, "-m", "bench.server", "--scenario-set", scenario_set]
    command += ["--rest-port", "0", "--grpc-port", "0", "--lifetime", f"{lifetime:.0f}"]
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=stderr, cwd=Path(__file__).parent.parent
        )
    try:
        ports = _ready_line(process, log)
        server = ServerProcess(process, ports["rest_port"], ports["grpc_port"], log)
        _wait_healthy(server)
        yield server
    finally:
        _stop(process)


def _ready_line(process: subprocess.Popen[bytes], log: Path) -> dict[str, int]:
    assert process.stdout is not None
    line = _read_line(process.stdout, time.monotonic() + STARTUP_S)
    if not line:
        raise ServerError(f"the bench server did not start; its log:\n{_tail(log)}")
    ports: dict[str, int] = json.loads(line)
    return ports


def _read_line(stream: IO[bytes], deadline: float) -> bytes:
    buffer = b""
    while not buffer.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([stream], [], [], remaining)[0]:
            return b""
        chunk = os.read(stream.fileno(), 4096)
        if not chunk:
            return b""
        buffer += chunk
    return buffer


def _wait_healthy(server: ServerProcess) -> None:
    deadline = time.monotonic() + STARTUP_S
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"{server.rest_url}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.1)
    raise ServerError(f"the bench server never answered /healthz; its log:\n{_tail(server.log)}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=STOP_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if process.stdout is not None:
        process.stdout.close()


def _tail(log: Path, lines: int = 30) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"
