"""Graceful shutdown: readiness and health flip first, in-flight calls drain, exit code 0."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time

import grpc
import httpx
from grpc_health.v1 import health_pb2, health_pb2_grpc

from tests.conftest import ServeFactory, make_settings
from wingman.pb.wingman.v1 import wingman_pb2 as pb


async def test_in_flight_calls_drain_while_health_says_not_serving(serve: ServeFactory) -> None:
    settings = make_settings(shutdown_delay_s=0.3)
    async with (
        serve(settings=settings) as server,
        httpx.AsyncClient(base_url=server.rest_url, timeout=10) as client,
    ):
        slow = asyncio.create_task(
            client.post("/v1/scripts:analyze", json={"content": "slow-engine"})
        )
        async with grpc.aio.insecure_channel(server.grpc_target) as channel:
            call = channel.unary_unary(
                "/wingman.v1.Wingman/AnalyzeScript",
                request_serializer=None,
                response_deserializer=pb.AnalyzeScriptResponse.FromString,
            )
            slow_grpc = asyncio.ensure_future(
                call(pb.AnalyzeScriptRequest(content="slow-engine 2").SerializeToString())
            )
            health = health_pb2_grpc.HealthStub(channel)
            await asyncio.sleep(0.15)  # both calls are now inside the engine
            server.runner.stop()
            await asyncio.sleep(0.05)
            check = await health.Check(health_pb2.HealthCheckRequest(service=""))
            assert check.status == health_pb2.HealthCheckResponse.NOT_SERVING
            assert server.wingman.draining
            ready = await client.get("/readyz")
            assert (ready.status_code, ready.json()["status"]) == (503, "draining")
            reply = await slow_grpc
            assert reply.engine.name == "fake"
        response = await slow
        assert response.status_code == 200


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_wingman_serve_exits_cleanly_on_sigterm() -> None:
    rest, grpc_port = free_port(), free_port()
    env = {**os.environ, "WINGMAN_REST_PORT": str(rest), "WINGMAN_GRPC_PORT": str(grpc_port)}
    process = subprocess.Popen(
        [sys.executable, "-m", "wingman.cli", "serve"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(100):
            try:
                if httpx.get(f"http://127.0.0.1:{rest}/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        with grpc.insecure_channel(f"127.0.0.1:{grpc_port}") as channel:
            reply = health_pb2_grpc.HealthStub(channel).Check(
                health_pb2.HealthCheckRequest(service="wingman.v1.Wingman"), timeout=5
            )
            assert reply.status == health_pb2.HealthCheckResponse.SERVING
        ready = httpx.get(f"http://127.0.0.1:{rest}/readyz").json()
        assert next(c for c in ready["components"] if c["name"] == "cache")["detail"].startswith(
            "memory"
        )
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0
    finally:
        process.kill()
        _, stderr = process.communicate()
    assert b'"message": "stopped"' in stderr


def test_rest_socket_is_tcp_so_asyncio_disables_nagle() -> None:
    from wingman.serve import _bind

    sock = _bind("127.0.0.1", 0)
    try:
        assert sock.proto == socket.IPPROTO_TCP
    finally:
        sock.close()
