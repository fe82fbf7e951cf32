"""Run both transports in one process and shut them down gracefully."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import signal
import socket
from collections.abc import Iterator

import uvicorn

from wingman.app import Wingman
from wingman.grpc.server import GrpcServer, start_grpc
from wingman.rest.app import create_app

log = logging.getLogger(__name__)


class _Uvicorn(uvicorn.Server):
    """uvicorn without its own signal handling: the runner owns SIGTERM and SIGINT."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


class Runner:
    """Both servers over one facade; `stop()` drains them (it is what SIGTERM calls)."""

    def __init__(self, wingman: Wingman, *, host: str, rest_port: int, grpc_port: int) -> None:
        self.wingman = wingman
        self.host = host
        self._rest_port = rest_port
        self._grpc_port = grpc_port
        self._stop = asyncio.Event()
        self.started = asyncio.Event()
        self.grpc: GrpcServer | None = None
        self.rest_port = 0

    def stop(self) -> None:
        """Begin a graceful shutdown."""
        self._stop.set()

    async def run(self, *, install_signals: bool = True) -> None:
        """Serve until stopped, then drain in-flight calls within the grace period."""
        settings = self.wingman.settings
        _warn_if_exposed(self.host)
        sock = _bind(self.host, self._rest_port)
        self.rest_port = sock.getsockname()[1]
        self.grpc = await start_grpc(self.wingman, host=self.host, port=self._grpc_port)
        config = uvicorn.Config(
            create_app(self.wingman),
            log_config=None,
            access_log=False,
            lifespan="off",
            timeout_graceful_shutdown=int(settings.shutdown_grace_s) or 1,
            limit_concurrency=None,
            server_header=False,
        )
        rest = _Uvicorn(config)
        rest_task = asyncio.create_task(rest.serve(sockets=[sock]))
        if install_signals:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.add_signal_handler(sig, self.stop)
        log.info(
            "serving",
            extra={
                "host": self.host,
                "rest_port": self.rest_port,
                "grpc_port": self.grpc.port,
                "cache": self.wingman.cache.backend,
            },
        )
        self.started.set()
        stop_task = asyncio.create_task(self._stop.wait())
        await asyncio.wait({rest_task, stop_task}, return_when=asyncio.FIRST_COMPLETED)
        log.info(
            "shutting down: draining in-flight calls", extra={"grace_s": settings.shutdown_grace_s}
        )
        self.wingman.draining = True
        await self.grpc.not_serving()
        await asyncio.sleep(settings.shutdown_delay_s)
        rest.should_exit = True
        await asyncio.gather(self.grpc.drain(settings.shutdown_grace_s), rest_task)
        stop_task.cancel()
        await self.wingman.aclose()
        log.info("stopped")


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY only on sockets whose proto says TCP,
    # and without it every keep-alive response waits ~40 ms for a delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.setblocking(False)
    return sock


def _warn_if_exposed(host: str) -> None:
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        log.warning(
            "listening beyond loopback with auth mode none: any caller can pick any tenant",
            extra={"host": host},
        )
