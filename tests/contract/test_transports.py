"""The same request gives the identical answer over gRPC, REST and `wingman call`."""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import ServeFactory, Server, make_settings
from tests.contract.cases import CASES, Case
from tests.fakes import fake_engines
from wingman.app import build_wingman
from wingman.cli import main
from wingman.config import Settings
from wingman_client import AsyncWingmanClient, RetryPolicy, WingmanError

REST_PATHS = {
    "SummarizeIncident": "/v1/incidents:summarize",
    "AnalyzeScript": "/v1/scripts:analyze",
    "NLToKQL": "/v1/kql:generate",
    "ValidateKQL": "/v1/kql:validate",
}


def stable(payload: dict[str, Any]) -> dict[str, Any]:
    """The payload without its volatile part."""
    return {key: value for key, value in payload.items() if key != "runtime"}


async def over_client(client: AsyncWingmanClient, case: Case) -> dict[str, Any]:
    try:
        return {"ok": stable(await client.call(case.method, case.request))}
    except WingmanError as error:
        return {"code": error.code, "field": error.field}


async def over_raw_rest(server: Server, case: Case) -> dict[str, Any]:
    headers = {"x-wingman-tenant": case.tenant} if case.tenant else {}
    async with httpx.AsyncClient(base_url=server.rest_url) as client:
        reply = await client.post(REST_PATHS[case.method], content=case.raw, headers=headers)
    body = reply.json()
    return {"code": body["code"], "field": body.get("field")}


def cli_build(settings: Settings) -> Any:
    return build_wingman(settings, engines=fake_engines())


def over_cli(case: Case, *, build: Callable[[Settings], Any] = cli_build) -> dict[str, Any]:
    text = case.raw if case.raw is not None else json.dumps(case.request)
    argv = ["call", case.method, "--json", text]
    if case.tenant:
        argv += ["--tenant", case.tenant]
    out = io.StringIO()
    main(argv, build=build, stdout=out)
    answer = json.loads(out.getvalue())
    if "error" in answer:
        return {"code": answer["error"]["code"], "field": answer["error"].get("field")}
    return {"ok": stable(answer)}


def clients(server: Server, tenant: str | None) -> list[AsyncWingmanClient]:
    none = RetryPolicy.none()
    return [
        AsyncWingmanClient.rest(server.rest_url, tenant=tenant, retry=none),
        AsyncWingmanClient.grpc(server.grpc_target, tenant=tenant, retry=none),
    ]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
async def test_every_door_answers_the_same(serve: ServeFactory, case: Case) -> None:
    async with serve(settings=make_settings()) as server:
        answers: dict[str, dict[str, Any]] = {}
        if case.json_only:
            answers["rest"] = await over_raw_rest(server, case)
        else:
            rest, grpc = clients(server, case.tenant)
            try:
                answers["rest"] = await over_client(rest, case)
                answers["grpc"] = await over_client(grpc, case)
            finally:
                await rest.aclose()
                await grpc.aclose()
        answers["cli"] = await asyncio.to_thread(over_cli, case)
    expected = {"code": case.code, "field": case.field} if case.code else None
    first = answers["rest"]
    for door, answer in answers.items():
        assert answer == first, f"{door} differs from rest"
        if expected is not None:
            assert answer == expected, door
        else:
            assert "ok" in answer, f"{door}: {answer}"


def test_batch_keeps_order_and_continues_past_failures(tmp_path: Path) -> None:
    lines = [
        json.dumps({"kql": "DeviceEvents"}),
        json.dumps({"kql": ""}),
        "not json",
        "",
        json.dumps({"kql": "DevceEvents"}),
    ]
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = io.StringIO()
    status = main(["call", "ValidateKQL", "--batch", str(batch)], build=cli_build, stdout=out)
    answers = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(answers) == len(lines)
    assert answers[0]["valid"] is True
    assert answers[1]["error"]["code"] == "INVALID_ARGUMENT"
    assert answers[1]["error"]["field"] == "kql"
    assert answers[2]["error"]["code"] == "INVALID_ARGUMENT"
    assert answers[3]["error"]["code"] == "INVALID_ARGUMENT"
    assert answers[4]["valid"] is False
    assert status == 1


def test_batch_splits_on_newlines_only(tmp_path: Path) -> None:
    # JSON strings may carry U+2028, U+0085 and form feeds raw; they are not line breaks in JSONL.
    lines = [
        json.dumps({"kql": f"DeviceEvents // {sep}"}, ensure_ascii=False)
        for sep in "\u2028\x85\x0c"
    ]
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\r\n".join(lines), encoding="utf-8")
    out = io.StringIO()
    status = main(["call", "ValidateKQL", "--batch", str(batch)], build=cli_build, stdout=out)
    answers = [json.loads(line) for line in out.getvalue().split("\n") if line]
    assert [answer["valid"] for answer in answers] == [True, True, True]
    assert status == 0


def test_cli_prints_exactly_the_rest_body() -> None:
    out = io.StringIO()
    assert main(["call", "ValidateKQL", "--json", '{"kql": "T"}'], build=cli_build, stdout=out) == 0
    body = json.loads(out.getvalue())
    assert body["engine"] == {"name": "fake", "version": "1"}
    assert set(body) >= {"valid", "platform", "tables", "diagnostics", "runtime"}
