"""Start the gRPC aio server with health, reflection, size limits and keepalive settings."""

from __future__ import annotations

from dataclasses import dataclass

import grpc
from grpc_health.v1 import _async as health_aio
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from wingman.app import Wingman
from wingman.grpc.servicer import SERVICE_NAME, generic_handler


@dataclass
class GrpcServer:
    """A running gRPC server and its health servicer."""

    server: grpc.aio.Server
    health: health_aio.HealthServicer
    port: int

    async def not_serving(self) -> None:
        """Report NOT_SERVING on every service from now on."""
        await self.health.enter_graceful_shutdown()

    async def drain(self, grace: float) -> None:
        """Refuse new calls and let in-flight ones finish for up to `grace` seconds."""
        await self.server.stop(grace)


def server_options(wingman: Wingman) -> list[tuple[str, int]]:
    """Channel arguments: the transport limit both ways, keepalive, no port sharing."""
    limit = wingman.limits.transport_bytes
    tuning = wingman.settings.grpc
    return [
        ("grpc.max_receive_message_length", limit),
        ("grpc.max_send_message_length", limit),
        ("grpc.keepalive_time_ms", tuning.keepalive_time_ms),
        ("grpc.keepalive_timeout_ms", tuning.keepalive_timeout_ms),
        ("grpc.keepalive_permit_without_calls", 1),
        ("grpc.http2.min_ping_interval_without_data_ms", tuning.min_ping_interval_ms),
        ("grpc.http2.max_ping_strikes", 2),
        ("grpc.max_concurrent_streams", tuning.max_concurrent_streams),
        ("grpc.so_reuseport", 0),
    ]


async def start_grpc(wingman: Wingman, *, host: str, port: int) -> GrpcServer:
    """Bind and start the server; port 0 picks a free port."""
    server = grpc.aio.server(options=server_options(wingman))
    server.add_generic_rpc_handlers((generic_handler(wingman),))
    health_servicer = health_aio.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    reflection.enable_server_reflection(
        (SERVICE_NAME, health.SERVICE_NAME, reflection.SERVICE_NAME), server
    )
    bound = server.add_insecure_port(f"{host}:{port}" if ":" not in host else f"[{host}]:{port}")
    if bound == 0:
        raise OSError(f"gRPC could not bind {host}:{port}")
    await server.start()
    for service in ("", SERVICE_NAME):
        await health_servicer.set(service, health_pb2.HealthCheckResponse.SERVING)
    return GrpcServer(server, health_servicer, bound)
