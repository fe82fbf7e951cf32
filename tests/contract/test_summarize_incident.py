"""The real SummarizeIncident engine answers identically over gRPC, REST and `wingman call`.

The incidents are the project's own fixtures (invented organisations and indicators).
"""

from __future__ import annotations

import asyncio
import io
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ServeFactory, make_settings
from tests.contract.test_transports import clients
from tests.fakes import fake_engines
from wingman.app import build_wingman
from wingman.cli import main
from wingman.config import Settings
from wingman.engines import Engines, incident_engine
from wingman_client import WingmanError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "incidents"
# One fixture per format keeps the three doors' comparison quick; the unit tests read them all.
ONE_PER_FORMAT = sorted(
    min(folder.glob("*.json"))
    for folder in FIXTURES.iterdir()
    if folder.is_dir() and any(folder.glob("*.json"))
)


@cache
def engines() -> Engines:
    fakes = fake_engines()
    return Engines(
        summarize_incident=incident_engine(make_settings()),
        analyze_script=fakes.analyze_script,
        nl_to_kql=fakes.nl_to_kql,
        validate_kql=fakes.validate_kql,
    )


def cli_build(settings: Settings) -> Any:
    return build_wingman(settings, engines=engines())


def over_cli(request: dict[str, Any]) -> dict[str, Any]:
    out = io.StringIO()
    main(["call", "SummarizeIncident", "--json", json.dumps(request)], build=cli_build, stdout=out)
    answer: dict[str, Any] = json.loads(out.getvalue())
    return answer


def stable(payload: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in payload.items() if key != "runtime"}


def test_there_is_a_fixture_of_every_format() -> None:
    assert len(ONE_PER_FORMAT) >= 9


async def test_every_door_gives_the_same_summary(serve: ServeFactory) -> None:
    async with serve(settings=make_settings(), engines=engines()) as server:
        rest, grpc = clients(server, None)
        try:
            for path in ONE_PER_FORMAT:
                request = {"incident": json.loads(path.read_text("utf-8"))["incident"]}
                by_rest = stable(await rest.call("SummarizeIncident", request))
                by_grpc = stable(await grpc.call("SummarizeIncident", request))
                by_cli = stable(await asyncio.to_thread(over_cli, request))
                assert by_grpc == by_rest, path.name
                assert by_cli == by_rest, path.name
                assert by_rest["engine"]["name"] == "wingman-incidents"
                assert by_rest["format"] == path.parent.name
                assert by_rest["recommendations"], path.name
        finally:
            await rest.aclose()
            await grpc.aclose()


BAD = (
    ({"incident": {"hello": "world"}}, "INVALID_ARGUMENT", "incident", 400),
    ({"incident": [1, 2, 3]}, "INVALID_ARGUMENT", "incident", 400),
    ({"incident": "a string"}, "INVALID_ARGUMENT", "incident", 400),
    ({"incident": {"alerts": []}, "format": "splunk"}, "INVALID_ARGUMENT", "format", 400),
    ({"incident": {"hello": "world"}, "format": "graph"}, "INVALID_ARGUMENT", "incident", 400),
    ({"incident": {"x": "y" * (8 * 1024 * 1024)}}, "RESOURCE_EXHAUSTED", "incident", 413),
)


async def test_what_is_not_an_incident_is_refused_alike(serve: ServeFactory) -> None:
    async with serve(settings=make_settings(), engines=engines()) as server:
        rest, grpc = clients(server, None)
        try:
            for request, code, field, status in BAD:
                by_rest = await refusal(rest, request)
                over_grpc = dict(request)
                if over_grpc.get("format") == "splunk":
                    over_grpc["format"] = 99  # the gRPC client refuses the name itself
                by_grpc = await refusal(grpc, over_grpc)
                assert (by_rest.code, by_rest.field, by_rest.http_status) == (code, field, status)
                assert (by_grpc.code, by_grpc.field, by_grpc.message) == (
                    code,
                    field,
                    by_rest.message,
                )
                if field == "incident" and code == "INVALID_ARGUMENT" and "format" not in request:
                    # Every format tried is named, with its reason.
                    assert len(by_rest.violations) >= 9, by_rest.violations
        finally:
            await rest.aclose()
            await grpc.aclose()


async def refusal(client: Any, request: dict[str, Any]) -> WingmanError:
    with pytest.raises(WingmanError) as caught:
        await client.call("SummarizeIncident", request)
    return caught.value
