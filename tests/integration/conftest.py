"""Real Redis for the integration tests: private servers a test may stop, and the shared one.

The shared Redis at 127.0.0.1:6379 is never stopped, flushed or reconfigured: tests that need to
stop, pause or cluster a Redis start their own `redis-server` on free ports.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

SHARED_REDIS_HOST = "127.0.0.1"
SHARED_REDIS_PORT = 6379
SHARED_REDIS_URL = f"redis://{SHARED_REDIS_HOST}:{SHARED_REDIS_PORT}/0"
STARTUP_S = 10.0


def _ping(port: int, host: str = "127.0.0.1", timeout: float = 0.5) -> bool:
    """True when a Redis on host:port answers PING (plain socket, no client library)."""
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.settimeout(timeout)
            sock.sendall(b"PING\r\n")
            return sock.recv(64).startswith(b"+PONG")
    except OSError:
        return False


def refuses_connections(port: int, host: str = "127.0.0.1") -> bool:
    """True when nothing listens on host:port."""
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return False
    except ConnectionRefusedError:
        return True
    except OSError:
        return False


def _port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port(*, with_bus: bool = False) -> int:
    """A free loopback port; with `with_bus`, port + 10000 (the cluster bus) is free too."""
    for _ in range(200):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.bind(("127.0.0.1", 0))
            port: int = sock.getsockname()[1]
        if not with_bus:
            return port
        if port + 10000 <= 65535 and _port_is_free(port + 10000):
            return port
    raise RuntimeError("no free port found")


def _redis_server() -> str:
    binary = shutil.which("redis-server") or (
        "/usr/bin/redis-server" if os.access("/usr/bin/redis-server", os.X_OK) else None
    )
    if binary is None:
        pytest.skip("redis-server is not installed (Debian/Ubuntu: apt-get install redis-server)")
    return binary


class PrivateRedis:
    """A `redis-server` owned by one test: it may stop, restart, pause and resume it."""

    def __init__(self, binary: str, workdir: Path, *, port: int, extra: tuple[str, ...] = ()):
        self.binary = binary
        self.workdir = workdir
        self.port = port
        self.extra = extra
        self.log = workdir / f"redis-{port}.log"
        self.process: subprocess.Popen[bytes] | None = None
        self._paused = False

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        """Start the server on `self.port` (the same port every time) and wait for PING."""
        if self.process is not None and self.process.poll() is None:
            raise RuntimeError(f"redis on port {self.port} is already running")
        command = [
            self.binary,
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "no",
            "--dir",
            str(self.workdir),
            "--logfile",
            str(self.log),
            *self.extra,
        ]
        self.process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        self._paused = False
        deadline = time.monotonic() + STARTUP_S
        while not _ping(self.port):
            if self.process.poll() is not None:
                stderr = (
                    self.process.stderr.read().decode(errors="replace")
                    if self.process.stderr
                    else ""
                )
                raise RuntimeError(
                    f"redis-server on port {self.port} exited ({self.process.returncode}): "
                    f"{stderr.strip()} {self._log_tail()}"
                )
            if time.monotonic() > deadline:
                self.kill()
                raise RuntimeError(f"redis-server on port {self.port} did not answer PING")
            time.sleep(0.02)

    def stop(self) -> None:
        """Terminate the server, wait for it to exit; the port then refuses connections."""
        process = self.process
        if process is None or process.poll() is not None:
            return
        if self._paused:
            self.resume()
        process.terminate()
        try:
            process.wait(timeout=STARTUP_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        self._close_pipes()
        if not refuses_connections(self.port):
            raise RuntimeError(f"port {self.port} still accepts connections after stop()")

    def pause(self) -> None:
        """SIGSTOP: the kernel still accepts connections but nothing ever answers (a hung Redis)."""
        assert self.process is not None
        assert self.process.poll() is None
        os.kill(self.process.pid, signal.SIGSTOP)
        self._paused = True

    def resume(self) -> None:
        """SIGCONT: the paused server carries on."""
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGCONT)
        self._paused = False

    def kill(self) -> None:
        """Kill the server unconditionally (SIGKILL works on a stopped process too)."""
        process = self.process
        if process is None:
            return
        if process.poll() is None:
            process.kill()
            process.wait()
        self._paused = False
        self._close_pipes()

    def _close_pipes(self) -> None:
        if self.process is not None and self.process.stderr is not None:
            self.process.stderr.close()

    def _log_tail(self) -> str:
        try:
            return self.log.read_text(errors="replace")[-800:]
        except OSError:
            return ""


def _start_private(
    binary: str, workdir: Path, *, with_bus: bool = False, extra: tuple[str, ...] = ()
) -> PrivateRedis:
    """Start a private Redis on a free port, retrying if another process wins the port race."""
    last: Exception | None = None
    for _ in range(5):
        server = PrivateRedis(binary, workdir, port=free_port(with_bus=with_bus), extra=extra)
        try:
            server.start()
        except RuntimeError as exc:
            server.kill()
            last = exc
            continue
        return server
    raise RuntimeError(f"could not start a private redis-server: {last}")


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[PrivateRedis]:
    """A private `redis-server` on a free port; killed at teardown whatever the test did."""
    server = _start_private(_redis_server(), tmp_path)
    try:
        yield server
    finally:
        server.kill()


@pytest.fixture
def shared_redis_url() -> str:
    """The shared Redis; tests on it use unique tenants and delete only the keys they made."""
    if not _ping(SHARED_REDIS_PORT, SHARED_REDIS_HOST):
        pytest.skip(f"no Redis answers at {SHARED_REDIS_HOST}:{SHARED_REDIS_PORT}")
    return SHARED_REDIS_URL


@pytest.fixture
def unique_tenants(shared_redis_url: str) -> Iterator[list[str]]:
    """Fresh tenant ids (append more as needed); their keys are deleted from the shared Redis.

    Only keys under `wingman:<tenant>:` of these uuid-named tenants are touched, so the test
    deletes exactly what it (or the server it ran) stored.
    """
    import redis

    tenants = [f"test-{uuid.uuid4().hex}", f"test-{uuid.uuid4().hex}"]
    yield tenants
    client = redis.Redis.from_url(shared_redis_url)
    try:
        for tenant in tenants:
            keys = list(client.scan_iter(match=f"wingman:{tenant}:*", count=1000))
            if keys:
                client.delete(*keys)
    finally:
        client.close()


class PrivateCluster:
    """Three private cluster-enabled `redis-server`s, all primaries, covering every slot."""

    def __init__(self, nodes: list[PrivateRedis]) -> None:
        self.nodes = nodes

    @property
    def url(self) -> str:
        return f"redis+cluster://127.0.0.1:{self.nodes[0].port}"


def _cluster_ok(redis_cli: str, port: int) -> bool:
    result = subprocess.run(
        [redis_cli, "-h", "127.0.0.1", "-p", str(port), "cluster", "info"],
        capture_output=True,
        text=True,
        timeout=5,
        check=False,
    )
    return "cluster_state:ok" in result.stdout


@pytest.fixture(scope="module")
def private_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrivateCluster]:
    """A 3-node Redis Cluster on free ports (and free bus ports), shared by one module's tests.

    Tests sharing it use their own tenant ids; it is killed when the module is done.
    """
    tmp_path = tmp_path_factory.mktemp("cluster")
    binary = _redis_server()
    redis_cli = shutil.which("redis-cli")
    if redis_cli is None:
        pytest.skip("redis-cli is not installed; it is needed to create a cluster")
    nodes: list[PrivateRedis] = []
    try:
        for index in range(3):
            workdir = tmp_path / f"node{index}"
            workdir.mkdir()
            extra = (
                "--cluster-enabled",
                "yes",
                "--cluster-config-file",
                str(workdir / "nodes.conf"),
                "--cluster-node-timeout",
                "5000",
            )
            nodes.append(_start_private(binary, workdir, with_bus=True, extra=extra))
        create = subprocess.run(
            [
                redis_cli,
                "--cluster",
                "create",
                *(f"127.0.0.1:{node.port}" for node in nodes),
                "--cluster-replicas",
                "0",
                "--cluster-yes",
            ],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        if create.returncode != 0:
            raise RuntimeError(f"redis-cli --cluster create failed: {create.stdout}{create.stderr}")
        deadline = time.monotonic() + STARTUP_S
        while not all(_cluster_ok(redis_cli, node.port) for node in nodes):
            if time.monotonic() > deadline:
                raise RuntimeError("the private cluster did not reach cluster_state:ok")
            time.sleep(0.05)
        yield PrivateCluster(nodes)
    finally:
        for node in nodes:
            with contextlib.suppress(Exception):
                node.kill()


def counter_total(observed: Any, name: str, **attributes: object) -> float:
    """Sum of a counter's data points whose attributes include `attributes` (0 if none yet)."""
    data = observed.metrics.get_metrics_data()
    total = 0.0
    if data is None:
        return total
    for resource in data.resource_metrics:
        for scope in resource.scope_metrics:
            for metric in scope.metrics:
                if metric.name != name:
                    continue
                for point in metric.data.data_points:
                    point_attributes = dict(point.attributes or {})
                    if all(point_attributes.get(k) == v for k, v in attributes.items()):
                        total += point.value
    return total
