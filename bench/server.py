"""The bench server: `wingman serve` (the real Runner) plus bench-only echo endpoints.

`python -m bench.server --rest-port 0 --grpc-port 0 --scenario-set default` builds the service
with `build_wingman` and serves it with `wingman.serve.Runner`, so the listening socket, the
uvicorn configuration, the gRPC options and the shutdown are production's own. The only seam:
in this process the Runner's `create_app` and `start_grpc` are wrapped to add REST
`POST /bench/echo` and gRPC `/wingman.bench.Echo/Echo`. Once serving it writes one JSON line
`{"rest_port": ..., "grpc_port": ..., "pid": ...}` to stdout. It stops on SIGTERM or SIGINT,
when its parent goes away, or after `--lifetime` seconds, whichever comes first.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

import grpc
from fastapi import FastAPI, Request, Response

import wingman.serve as production
from bench.scenarios import ECHO_GRPC_SERVICE, ECHO_REST_PATH
from wingman.app import Wingman, build_wingman
from wingman.config import LogSettings, Settings
from wingman.engines import Engines, default_engines
from wingman.grpc.server import GrpcServer, start_grpc
from wingman.logs import configure_logging
from wingman.rest.app import create_app

HOST = "127.0.0.1"
STARTUP_S = 30.0
# Which engines the bench server composes; capability work may add sets (e.g. with fixtures).
SCENARIO_SETS: dict[str, Callable[[Settings], Engines]] = {"default": default_engines}


def add_rest_echo(app: FastAPI) -> FastAPI:
    """Add `POST /bench/echo`, answering the request body as JSON, to the service's app."""

    async def echo(request: Request) -> Response:
        return Response(await request.body(), media_type="application/json")

    app.add_api_route(ECHO_REST_PATH, echo, methods=["POST"], include_in_schema=False)
    return app


def echo_handler() -> grpc.GenericRpcHandler[Any, Any]:
    """Return the handler of `/wingman.bench.Echo/Echo`: raw bytes in, the same bytes out."""

    async def echo(request: bytes, context: grpc.aio.ServicerContext[Any, Any]) -> bytes:
        return request

    handler = grpc.unary_unary_rpc_method_handler(echo)
    return grpc.method_handlers_generic_handler(ECHO_GRPC_SERVICE, {"Echo": handler})


def install_echo() -> None:
    """Make every Runner of this process serve the echo endpoints beside the service's own."""

    def app_with_echo(wingman: Wingman) -> FastAPI:
        return add_rest_echo(create_app(wingman))

    async def grpc_with_echo(wingman: Wingman, *, host: str, port: int) -> GrpcServer:
        server = await start_grpc(wingman, host=host, port=port)
        server.server.add_generic_rpc_handlers((echo_handler(),))
        return server

    seams: list[tuple[str, Callable[..., Any], Callable[..., Any]]] = [
        ("create_app", create_app, app_with_echo),
        ("start_grpc", start_grpc, grpc_with_echo),
    ]
    for name, original, wrapper in seams:
        if getattr(production, name, None) is not original:
            raise RuntimeError(f"wingman.serve no longer calls {name}; update bench/server.py")
        setattr(production, name, wrapper)


async def _started(runner: production.Runner, task: asyncio.Task[None]) -> None:
    started = asyncio.create_task(runner.started.wait())
    await asyncio.wait({task, started}, timeout=STARTUP_S, return_when=asyncio.FIRST_COMPLETED)
    started.cancel()
    if task.done():
        task.result()
        raise RuntimeError("the runner stopped before it started")
    if not runner.started.is_set() or runner.grpc is None:
        raise RuntimeError(f"the runner did not start within {STARTUP_S:g} s")


async def _watch(task: asyncio.Task[None], lifetime: float) -> None:
    parent = os.getppid()
    deadline = asyncio.get_running_loop().time() + lifetime
    while not task.done() and os.getppid() == parent:
        remaining = deadline - asyncio.get_running_loop().time()
        if remaining <= 0:
            return
        await asyncio.wait({task}, timeout=min(0.5, remaining))


async def serve(settings: Settings, engines: Engines, lifetime: float) -> None:
    """Serve until SIGTERM, SIGINT, the parent's exit or the end of `lifetime`, then drain."""
    install_echo()
    service = build_wingman(settings, engines=engines)
    runner = production.Runner(
        service, host=HOST, rest_port=settings.rest_port, grpc_port=settings.grpc_port
    )
    task = asyncio.create_task(runner.run())
    try:
        await _started(runner, task)
        assert runner.grpc is not None
        ports = {"rest_port": runner.rest_port, "grpc_port": runner.grpc.port}
        sys.stdout.write(json.dumps({**ports, "pid": os.getpid()}) + "\n")
        sys.stdout.flush()
        await _watch(task, lifetime)
    finally:
        runner.stop()
        await task
        service.telemetry.shutdown()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.server", description=__doc__)
    parser.add_argument("--rest-port", type=int, default=0, help="REST port on 127.0.0.1 (0: free)")
    parser.add_argument("--grpc-port", type=int, default=0, help="gRPC port on 127.0.0.1 (0: free)")
    parser.add_argument("--scenario-set", choices=sorted(SCENARIO_SETS), default="default")
    parser.add_argument(
        "--lifetime", type=float, default=3600.0, help="stop by itself after this many seconds"
    )
    parser.add_argument(
        "--log-level", default="WARNING", choices=("DEBUG", "INFO", "WARNING", "ERROR")
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the bench server; returns the exit code."""
    args = _parser().parse_args(argv)
    log = LogSettings(level=args.log_level, format="text")
    settings = Settings(host=HOST, rest_port=args.rest_port, grpc_port=args.grpc_port, log=log)
    configure_logging(settings.log)
    asyncio.run(serve(settings, SCENARIO_SETS[args.scenario_set](settings), args.lifetime))
    return 0


if __name__ == "__main__":
    sys.exit(main())
