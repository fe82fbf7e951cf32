"""The real NLToKQL planner answers identically over gRPC, REST and `wingman call`."""

from __future__ import annotations

import asyncio
from functools import cache
from typing import Any

import httpx

from tests.conftest import ServeFactory, make_settings
from tests.contract.cases import Case
from tests.contract.test_transports import clients, over_cli, over_client
from wingman.app import Wingman, build_wingman
from wingman.config import Settings
from wingman.engines import Engines, kql_planner_engine


@cache
def engines() -> Engines:
    return Engines(nl_to_kql=kql_planner_engine())


def cli_build(settings: Settings) -> Wingman:
    return build_wingman(settings, engines=engines())


# (request, expected table or None for a declined question, a fragment the query must contain)
CASES: tuple[tuple[dict[str, Any], str | None, str], ...] = (
    (
        {"question": "encoded powershell on ws-0231 in the last 3 days"},
        "DeviceProcessEvents",
        "ago(3d)",
    ),
    (
        {"question": "failed sign-ins for alice@contoso.com", "platform": "sentinel"},
        "SigninLogs",
        'UserPrincipalName =~ "alice@contoso.com"',
    ),
    (
        {"question": "top 5 remote ports contacted by srv-db-01", "time_range": "12h"},
        "DeviceNetworkEvents",
        "ago(12h)",
    ),
    (
        {
            "question": "logons on ws-0231",
            "time_range": {"start": "2026-11-01T00:00:00Z", "end": "2026-11-02T00:00:00Z"},
            "max_rows": 20,
        },
        "DeviceLogonEvents",
        "take 20",
    ),
    ({"question": "write me a poem about spring"}, None, ""),
)


async def test_every_door_gives_the_same_query(serve: ServeFactory) -> None:
    async with serve(settings=make_settings(), engines=engines()) as server:
        rest, grpc = clients(server, None)
        try:
            for index, (request, table, fragment) in enumerate(CASES):
                case = Case(f"nl-{index}", "NLToKQL", request)
                by_rest = await over_client(rest, case)
                by_grpc = await over_client(grpc, case)
                by_cli = await asyncio.to_thread(over_cli, case, build=cli_build)
                assert "ok" in by_rest, (request, by_rest)
                assert by_grpc == by_rest, request
                assert by_cli == by_rest, request
                answer = by_rest["ok"]
                assert answer["engine"]["name"] == "wingman-kql"
                if table is None:
                    assert answer["valid"] is False
                    assert answer["suggestions"]
                    continue
                assert answer["valid"] is True, answer
                assert answer["tables"] == [table]
                assert fragment in answer["kql"]
        finally:
            await rest.aclose()
            await grpc.aclose()


async def test_a_bad_time_range_is_refused_alike(serve: ServeFactory) -> None:
    request = {"question": "processes", "time_range": {"start": "2026-11-05", "end": "2026-11-01"}}
    case = Case("bad window", "NLToKQL", request)
    async with serve(settings=make_settings(), engines=engines()) as server:
        rest, grpc = clients(server, None)
        try:
            by_rest = await over_client(rest, case)
            by_grpc = await over_client(grpc, case)
        finally:
            await rest.aclose()
            await grpc.aclose()
    by_cli = await asyncio.to_thread(over_cli, case, build=cli_build)
    assert by_rest == by_grpc == by_cli
    assert "INVALID_ARGUMENT" in str(by_rest)
    assert "time_range" in str(by_rest)


async def test_an_unspecified_platform_is_the_default_alike(serve: ServeFactory) -> None:
    # As for ValidateKQL: gRPC's PLATFORM_UNSPECIFIED (0), an absent JSON field and JSON null all
    # mean "not given", and NLToKQL then writes for its default platform.
    question = "encoded powershell on ws-0231 in the last 3 days"
    absent: dict[str, Any] = {"question": question}
    null: dict[str, Any] = {"question": question, "platform": None}
    async with serve(settings=make_settings(), engines=engines()) as server:
        rest, grpc = clients(server, None)
        try:
            answers = {
                "grpc absent": await over_client(grpc, Case("grpc", "NLToKQL", absent)),
                "grpc zero": await over_client(
                    grpc, Case("grpc", "NLToKQL", {**absent, "platform": 0})
                ),
                "rest absent": await over_client(rest, Case("rest", "NLToKQL", absent)),
                "rest null": await over_client(rest, Case("rest", "NLToKQL", null)),
            }
        finally:
            await rest.aclose()
            await grpc.aclose()
        async with httpx.AsyncClient(base_url=server.rest_url) as raw:
            reply = await raw.post("/v1/kql:generate", json=null)
    for name, request in (("cli absent", absent), ("cli null", null)):
        case = Case(name, "NLToKQL", request)
        answers[name] = await asyncio.to_thread(over_cli, case, build=cli_build)
    assert reply.status_code == 200, reply.text
    assert reply.json()["platform"] == "defender"
    first = answers["rest absent"]
    assert all(answer == first for answer in answers.values()), answers
    assert first["ok"]["platform"] == "defender"
    assert first["ok"]["valid"] is True
