"""The four RPCs: their REST paths, gRPC paths and protobuf messages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from google.protobuf.message import Message

from wingman_client.pb.wingman.v1 import wingman_pb2 as pb

__all__ = ["METHODS", "Method", "method"]

SERVICE = "wingman.v1.Wingman"
TENANT_HEADER = "x-wingman-tenant"
TIMEOUT_HEADER = "x-wingman-timeout-ms"


@dataclass(frozen=True, slots=True)
class Method:
    """One RPC and where each transport serves it."""

    rpc: str
    rest_path: str
    request: type[Message]
    response: type[Message]

    @property
    def grpc_path(self) -> str:
        """Return the gRPC method path, `/wingman.v1.Wingman/<Rpc>`."""
        return f"/{SERVICE}/{self.rpc}"


METHODS: Mapping[str, Method] = MappingProxyType(
    {
        m.rpc: m
        for m in (
            Method(
                "SummarizeIncident",
                "/v1/incidents:summarize",
                pb.SummarizeIncidentRequest,
                pb.SummarizeIncidentResponse,
            ),
            Method(
                "AnalyzeScript",
                "/v1/scripts:analyze",
                pb.AnalyzeScriptRequest,
                pb.AnalyzeScriptResponse,
            ),
            Method("NLToKQL", "/v1/kql:generate", pb.NLToKQLRequest, pb.NLToKQLResponse),
            Method(
                "ValidateKQL", "/v1/kql:validate", pb.ValidateKQLRequest, pb.ValidateKQLResponse
            ),
            Method(
                "EnrichIndicators",
                "/v1/indicators:enrich",
                pb.EnrichIndicatorsRequest,
                pb.EnrichIndicatorsResponse,
            ),
        )
    }
)


def method(name: str) -> Method:
    """Return the RPC called `name`; raise ValueError for an unknown one."""
    try:
        return METHODS[name]
    except KeyError:
        raise ValueError(f"unknown method {name!r}; expected one of {', '.join(METHODS)}") from None
