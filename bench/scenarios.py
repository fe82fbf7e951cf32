"""The scenario registry: what each benchmark sends, where, and what it must get back.

A scenario is declarative: a name, a one-line meaning, a request body source and, per
transport, the target and the status the service must answer. Capability work adds its own
with `register(...)`; `rpc_scenario` derives both transports' targets from the service's own
route tables, and `sized_family` declares one scenario per input size ("cost vs input size").
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from bench.incident_samples import incident
from bench.kql_samples import SAMPLES, grown
from bench.script_samples import LANGUAGES, sample
from wingman.grpc.convert import to_pb
from wingman.grpc.servicer import ROUTES, SERVICE_NAME
from wingman.rest.app import ENDPOINTS

BASELINE = "echo"
ECHO_REST_PATH = "/bench/echo"
ECHO_GRPC_SERVICE = "wingman.bench.Echo"
ECHO_GRPC_METHOD = f"/{ECHO_GRPC_SERVICE}/Echo"
HEALTH_GRPC_METHOD = "/grpc.health.v1.Health/Check"
REPO = Path(__file__).resolve().parent.parent
KIB = 1024


class Body(Protocol):
    """Where a scenario's request comes from."""

    def render(self) -> bytes:
        """Return the request as JSON bytes (empty for none)."""
        ...


@dataclass(frozen=True, slots=True)
class NoBody:
    """No request body (GET, or an empty protobuf message)."""

    def render(self) -> bytes:
        """Return no bytes."""
        return b""


@dataclass(frozen=True, slots=True)
class Inline:
    """A JSON object written in the registry."""

    value: Mapping[str, Any]

    def render(self) -> bytes:
        """Return the object as compact JSON."""
        return json.dumps(self.value, separators=(",", ":")).encode()


@dataclass(frozen=True, slots=True)
class FromFile:
    """A JSON request read from a file; a relative path is taken from the repository root."""

    path: str

    def render(self) -> bytes:
        """Return the file's bytes."""
        path = Path(self.path)
        return (path if path.is_absolute() else REPO / path).read_bytes()


@dataclass(frozen=True, slots=True)
class Sized:
    """`base` with its string `field` padded by repeating an ASCII `fragment` to `size` bytes."""

    base: Mapping[str, Any]
    field: str
    size: int
    fragment: str = " "

    def __post_init__(self) -> None:
        if not self.fragment or not self.fragment.isascii() or self.size < 0:
            raise ValueError("Sized: the fragment must be non-empty ASCII and size >= 0")

    def render(self) -> bytes:
        """Return the padded object as compact JSON."""
        start = str(self.base.get(self.field, ""))
        missing = max(0, self.size - len(start.encode()))
        padding = (self.fragment * (missing // len(self.fragment) + 1))[:missing]
        value = {**self.base, self.field: start + padding}
        return json.dumps(value, separators=(",", ":")).encode()


def raw_bytes(body: bytes) -> bytes:
    """Send the body unchanged."""
    return body


@dataclass(frozen=True, slots=True)
class RpcEncoder:
    """Encode a JSON request as the protobuf request message of one Wingman RPC."""

    rpc: str

    def __call__(self, body: bytes) -> bytes:
        """Return the protobuf encoding of the JSON request, via the service's converter."""
        route = next(route for route in ROUTES if route.rpc == self.rpc)
        model = route.model.model_validate_json(body)
        return to_pb(model, route.request_pb).SerializeToString()


@dataclass(frozen=True, slots=True)
class Rest:
    """A REST target and the HTTP status every answer must have."""

    path: str
    expect: int
    method: str = "POST"


@dataclass(frozen=True, slots=True)
class Grpc:
    """A gRPC target (`/package.Service/Method`) and the status code every answer must have."""

    method: str
    expect: str
    encode: Callable[[bytes], bytes] = raw_bytes


@dataclass(frozen=True, slots=True)
class Scenario:
    """One benchmark: its request and, per transport, its target (None: not on that one)."""

    name: str
    summary: str
    body: Body
    rest: Rest | None = None
    grpc: Grpc | None = None
    default: bool = True

    def transports(self) -> list[str]:
        """Return the transports this scenario runs on."""
        return [name for name in ("rest", "grpc") if getattr(self, name) is not None]


REGISTRY: dict[str, Scenario] = {}


def register(*scenarios: Scenario) -> None:
    """Add scenarios to the registry; a name may be registered once."""
    for scenario in scenarios:
        if scenario.name in REGISTRY:
            raise ValueError(f"scenario {scenario.name!r} is already registered")
        REGISTRY[scenario.name] = scenario


def rpc_scenario(
    name: str,
    rpc: str,
    summary: str,
    body: Body,
    *,
    rest_expect: int,
    grpc_expect: str,
    default: bool = True,
) -> Scenario:
    """Declare a scenario calling one Wingman RPC on both transports."""
    paths = {endpoint.rpc: endpoint.path for endpoint in ENDPOINTS}
    if rpc not in paths:
        raise ValueError(f"unknown RPC {rpc!r}; known: {', '.join(sorted(paths))}")
    return Scenario(
        name,
        summary,
        body,
        rest=Rest(paths[rpc], rest_expect),
        grpc=Grpc(f"/{SERVICE_NAME}/{rpc}", grpc_expect, encode=RpcEncoder(rpc)),
        default=default,
    )


def sized_family(
    prefix: str,
    rpc: str,
    summary: str,
    sized: Callable[[int], Sized],
    sizes: Iterable[int],
    *,
    rest_expect: int,
    grpc_expect: str,
) -> list[Scenario]:
    """Declare `<prefix>-<size>` for each size (not run unless named), for cost vs input size."""
    return [
        rpc_scenario(
            f"{prefix}-{_size_label(size)}",
            rpc,
            f"{summary} ({_size_label(size)} field)",
            sized(size),
            rest_expect=rest_expect,
            grpc_expect=grpc_expect,
            default=False,
        )
        for size in sizes
    ]


def _size_label(size: int) -> str:
    return f"{size // KIB}k" if size % KIB == 0 and size else f"{size}b"


def select(names: Sequence[str]) -> list[Scenario]:
    """Return the named scenarios (the default ones when none is named), the baseline first."""
    unknown = [name for name in names if name not in REGISTRY]
    if unknown:
        known = ", ".join(sorted(REGISTRY))
        raise KeyError(f"unknown scenario(s) {', '.join(unknown)}; known: {known}")
    chosen = list(dict.fromkeys(names)) or [s.name for s in REGISTRY.values() if s.default]
    return [REGISTRY[BASELINE], *(REGISTRY[name] for name in chosen if name != BASELINE)]


KQL_REQUEST = {"kql": SAMPLES["small"]}

register(
    Scenario(
        BASELINE,
        "Floor of each stack: the request comes straight back from a bench-only endpoint "
        "(REST POST /bench/echo, gRPC /wingman.bench.Echo/Echo); same bytes as validate-small",
        Inline(KQL_REQUEST),
        rest=Rest(ECHO_REST_PATH, 200),
        grpc=Grpc(ECHO_GRPC_METHOD, "OK", encode=RpcEncoder("ValidateKQL")),
    ),
    Scenario(
        "healthz",
        "Liveness: REST GET /healthz; gRPC grpc.health.v1.Health/Check (the stock servicer)",
        NoBody(),
        rest=Rest("/healthz", 200, method="GET"),
        grpc=Grpc(HEALTH_GRPC_METHOD, "OK"),
    ),
)

# ValidateKQL on our own queries (bench/kql_samples.py), all valid. Answers are cached per tenant
# like AnalyzeScript's: a repeated body is the cache-hit path unless WINGMAN_CACHE__TTL_SECONDS is
# tiny, and then every request runs the engine on a query shape the grammar has already seen.
register(
    *(
        rpc_scenario(
            f"validate-{name}",
            "ValidateKQL",
            f"ValidateKQL on a valid {len(text.encode()):,}-byte hunting query ({name})",
            Inline({"kql": text}),
            rest_expect=200,
            grpc_expect="OK",
        )
        for name, text in SAMPLES.items()
    ),
    *(
        rpc_scenario(
            f"validate-size-{size // KIB}k",
            "ValidateKQL",
            f"ValidateKQL on one query grown to {size // KIB} KiB of `where` stages",
            Inline({"kql": grown(size)}),
            rest_expect=200,
            grpc_expect="OK",
            default=False,
        )
        for size in (1 * KIB, 16 * KIB, 60 * KIB)
    ),
)

# AnalyzeScript on synthetic scripts (bench/script_samples.py). Answers are cached per tenant, so
# a repeated body measures the cache-hit path; run with WINGMAN_CACHE__TTL_SECONDS=0.000001 for
# the miss path (every lookup misses, the engine runs, the store happens as in production).
register(
    rpc_scenario(
        "analyze-10k",
        "AnalyzeScript",
        "A 10 KiB PowerShell admin script hiding an -EncodedCommand download cradle",
        Inline({"content": sample("powershell", 10 * KIB)}),
        rest_expect=200,
        grpc_expect="OK",
    ),
    *(
        rpc_scenario(
            f"analyze-{language}-10k",
            "AnalyzeScript",
            f"A 10 KiB {language} script with one hidden payload",
            Inline({"content": sample(language, 10 * KIB)}),
            rest_expect=200,
            grpc_expect="OK",
            default=False,
        )
        for language in LANGUAGES
    ),
    *sized_family(
        "analyze-size",
        "AnalyzeScript",
        "analyze-10k's script grown or cut to size",
        lambda size: Sized({"content": sample("powershell", size)}, "content", size),
        (1 * KIB, 10 * KIB, 100 * KIB, 1000 * KIB),
        rest_expect=200,
        grpc_expect="OK",
    ),
)

# SummarizeIncident on synthetic Wingman-form incidents (bench/incident_samples.py). Answers are
# cached per tenant: a repeated body is the hit path; WINGMAN_CACHE__TTL_SECONDS=0.000001 gives
# the miss path, where every request runs the engine.
register(
    rpc_scenario(
        "incident-50",
        "SummarizeIncident",
        "A 50-alert incident: phishing to ransomware over 20 devices, with command lines",
        Inline({"incident": incident(50)}),
        rest_expect=200,
        grpc_expect="OK",
    ),
    rpc_scenario(
        "incident-1000",
        "SummarizeIncident",
        "A 1,000-alert incident of the same kinds",
        Inline({"incident": incident(1000)}),
        rest_expect=200,
        grpc_expect="OK",
        default=False,
    ),
)
