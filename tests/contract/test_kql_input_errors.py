"""Bad KQL input is refused alike by REST, gRPC and `wingman call`, before any engine runs.

NLToKQL is served with no engine and with one that fails the call if it is ever reached: its
input checks must hold either way.
"""

from __future__ import annotations

import asyncio
import functools
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ServeFactory, make_settings
from tests.contract.test_transports import clients
from wingman.app import Wingman, build_wingman
from wingman.cli import main
from wingman.config import Settings
from wingman.core.models import NLToKQLRequest, NLToKQLResponse
from wingman.engines import Capability, Engines, kql_validation_engine
from wingman_client import WingmanError

KQL_LIMIT = 64 * 1024
QUESTION_LIMIT = 4 * 1024
PLATFORMS = ("'defender'", "'sentinel'")


def unreachable(request: NLToKQLRequest, *, deadline: float) -> NLToKQLResponse:
    raise AssertionError("the engine ran on input the transport should have refused")


def engines(nl_to_kql: str) -> Engines:
    tripwire = Capability("tripwire", "1", unreachable) if nl_to_kql == "tripwire" else None
    return Engines(validate_kql=kql_validation_engine(), nl_to_kql=tripwire)


@dataclass(frozen=True)
class BadInput:
    """A refused request and its error; `over_grpc` replaces the request where JSON differs."""

    name: str
    method: str
    request: dict[str, Any]
    code: str
    field: str
    http: int
    limit: int | None = None
    reason: str | None = None
    says: tuple[str, ...] = ()
    over_grpc: dict[str, Any] | None = None


def emptiness(method: str, name: str) -> list[BadInput]:
    return [
        BadInput(f"{method} {label}", method, {name: text}, "INVALID_ARGUMENT", name, 400)
        for label, text in (("empty", ""), ("blank", " \t\r\n\u3000\u00a0"))
    ]


def oversize(method: str, name: str, limit: int) -> list[BadInput]:
    texts = {
        "one byte over": "q" * (limit + 1),
        "multibyte over": "é" * (limit // 2 + 1),  # bytes count, not characters
        "padded over": "q" + " " * limit,  # trailing whitespace is still sent and parsed
    }
    return [
        BadInput(
            f"{method} {label}",
            method,
            {name: text},
            "RESOURCE_EXHAUSTED",
            name,
            413,
            limit=limit,
            reason="payload_too_large",
            says=(f"limit of {limit} bytes",),
        )
        for label, text in texts.items()
    ]


def unknown_platform(method: str, name: str) -> list[BadInput]:
    unknown = {name: "T", "platform": "splunk"}
    seven = {name: "T", "platform": 7}
    return [
        BadInput(
            f"{method} unknown platform",
            method,
            unknown,
            "INVALID_ARGUMENT",
            "platform",
            400,
            reason="validation",
            says=PLATFORMS,
            over_grpc=seven,  # the client refuses the name itself; the wire carries the number
        ),
        BadInput(
            f"{method} platform number",
            method,
            seven,
            "INVALID_ARGUMENT",
            "platform",
            400,
            reason="validation",
            says=PLATFORMS,
        ),
    ]


CASES = tuple(
    case
    for method, name, limit in (
        ("ValidateKQL", "kql", KQL_LIMIT),
        ("NLToKQL", "question", QUESTION_LIMIT),
    )
    for case in (
        *emptiness(method, name),
        *oversize(method, name, limit),
        *unknown_platform(method, name),
    )
)


def cli_error(method: str, request: dict[str, Any], build: Any) -> dict[str, Any]:
    out = io.StringIO()
    status = main(["call", method, "--json", json.dumps(request)], build=build, stdout=out)
    assert status == 1
    error: dict[str, Any] = json.loads(out.getvalue())["error"]
    return error


async def refusal(client: Any, method: str, request: dict[str, Any]) -> WingmanError:
    with pytest.raises(WingmanError) as caught:
        await client.call(method, request)
    return caught.value


def check(error: WingmanError, case: BadInput) -> None:
    assert (error.code, error.field) == (case.code, case.field)
    assert error.message.startswith(f"{case.field}: ")
    assert all(text in error.message for text in case.says), error.message
    assert error.reason == case.reason
    assert error.limit == case.limit


@pytest.mark.parametrize("nl_to_kql", ["missing", "tripwire"])
async def test_bad_kql_input_is_refused_alike_before_the_engine(
    serve: ServeFactory, nl_to_kql: str
) -> None:
    def build(settings: Settings) -> Wingman:
        return build_wingman(settings, engines=engines(nl_to_kql))

    async with serve(settings=make_settings(), engines=engines(nl_to_kql)) as server:
        rest, grpc = clients(server, None)
        try:
            for case in CASES:
                by_rest = await refusal(rest, case.method, case.request)
                by_grpc = await refusal(grpc, case.method, case.over_grpc or case.request)
                by_cli = await asyncio.to_thread(cli_error, case.method, case.request, build)
                check(by_rest, case)
                check(by_grpc, case)
                assert by_rest.http_status == case.http, case.name
                assert by_grpc.message == by_rest.message, case.name
                assert by_cli == {
                    "code": case.code,
                    "field": case.field,
                    "message": by_rest.message,
                }
                if case.reason == "validation":
                    assert by_rest.violations == by_grpc.violations, case.name
                    assert [f for f, _ in by_rest.violations] == [case.field], case.name
        finally:
            await rest.aclose()
            await grpc.aclose()


async def test_a_good_question_reaches_the_missing_engine(serve: ServeFactory) -> None:
    # The control: the refusals above are the checks' doing, not the engine's absence.
    async with serve(settings=make_settings(), engines=engines("missing")) as server:
        rest, grpc = clients(server, None)
        try:
            for client in (rest, grpc):
                error = await refusal(
                    client, "NLToKQL", {"question": "sign-ins", "platform": "sentinel"}
                )
                assert error.code == "UNIMPLEMENTED"
        finally:
            await rest.aclose()
            await grpc.aclose()


def test_a_batch_line_that_is_not_utf8_is_refused_alone(tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_bytes(b'{"kql": "DeviceEvents // caf\xe9"}\n{"kql": "DeviceEvents | take 1"}\n')
    out = io.StringIO()
    build = functools.partial(build_wingman, engines=engines("missing"))
    status = main(["call", "ValidateKQL", "--batch", str(batch)], build=build, stdout=out)
    refused, answered = (json.loads(line) for line in out.getvalue().splitlines())
    assert (refused["error"]["code"], refused["error"]["field"]) == ("INVALID_ARGUMENT", "kql")
    assert answered["valid"] is True
    assert status == 1
