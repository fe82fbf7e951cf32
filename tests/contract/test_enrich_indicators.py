"""EnrichIndicators answers identically over gRPC, REST and `wingman call`, and refuses alike."""

from __future__ import annotations

import asyncio
import io
import json
from typing import Any

import pytest

from tests.conftest import ServeFactory, make_settings
from tests.contract.test_transports import clients
from tests.fakes import FakeThreatIntel, fake_engines
from wingman.app import build_wingman
from wingman.cli import main
from wingman.config import Settings
from wingman_client import WingmanError

BAD = {"203.0.113.9": 90, "evil.example.net": 75}
REQUEST = {
    "indicators": [
        {"type": "ipv4", "value": "203.0.113[.]9"},
        {"type": "domain", "value": "EVIL.example.net."},
        {"type": "url", "value": "hxxp://evil[.]example[.]net:80/a?b=1#frag"},
        {"type": "sha256", "value": "A" * 64},
        {"type": "ipv4", "value": "203.0.113.9"},
    ]
}


def over_cli(request: dict[str, Any], intel: FakeThreatIntel) -> dict[str, Any]:
    def build(settings: Settings) -> Any:
        return build_wingman(settings, engines=fake_engines(), threat_intel=intel)

    out = io.StringIO()
    main(["call", "EnrichIndicators", "--json", json.dumps(request)], build=build, stdout=out)
    answer: dict[str, Any] = json.loads(out.getvalue())
    return answer


def stable(payload: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in payload.items() if key != "runtime"}


async def test_every_door_gives_the_same_reputations(serve: ServeFactory) -> None:
    intel = FakeThreatIntel(BAD)
    async with serve(settings=make_settings(), threat_intel=intel) as server:
        rest, grpc = clients(server, "acme")
        try:
            by_rest = stable(await rest.call("EnrichIndicators", REQUEST))
            by_grpc = stable(await grpc.call("EnrichIndicators", REQUEST))
        finally:
            await rest.aclose()
            await grpc.aclose()
    by_cli = stable(await asyncio.to_thread(over_cli, REQUEST, FakeThreatIntel(BAD)))
    assert by_grpc == by_rest
    assert by_cli == by_rest
    values = [r["value"] for r in by_rest["results"]]
    assert values == [
        "203.0.113.9",
        "evil.example.net",
        "http://evil.example.net/a?b=1",
        "a" * 64,
        "203.0.113.9",
    ]
    assert [r["verdict"] for r in by_rest["results"]] == [
        "malicious",
        "malicious",
        "unknown",
        "unknown",
        "malicious",
    ]
    # Repeats and spellings of one value are asked about once a call, in the caller's tenant.
    once = [("acme", value) for value in dict.fromkeys(values)]
    assert intel.asked == once + once


async def test_without_providers_every_indicator_is_unknown_and_the_answer_says_why(
    serve: ServeFactory,
) -> None:
    async with serve(settings=make_settings()) as server:
        rest, _ = clients(server, None)
        try:
            answer = await rest.call("EnrichIndicators", REQUEST)
        finally:
            await rest.aclose()
    assert {r["verdict"] for r in answer["results"]} == {"unknown"}
    assert answer["degraded"]["reasons"] == [
        "enrichment: no threat-intelligence provider is configured"
    ]


BAD_REQUESTS = (
    ({"indicators": []}, "INVALID_ARGUMENT", "indicators", 400),
    (
        {"indicators": [{"type": "ipv4", "value": "999.1.1.1"}]},
        "INVALID_ARGUMENT",
        "indicators[0].value",
        400,
    ),
    (
        {"indicators": [{"type": "ipv4", "value": "1.2.3.4"}, {"type": "md5", "value": "xyz"}]},
        "INVALID_ARGUMENT",
        "indicators[1].value",
        400,
    ),
    (
        {"indicators": [{"type": "domain", "value": " "}]},
        "INVALID_ARGUMENT",
        "indicators[0].value",
        400,
    ),
    (
        {"indicators": [{"type": "ipv4", "value": f"1.2.3.{i % 250}"} for i in range(501)]},
        "RESOURCE_EXHAUSTED",
        "indicators",
        413,
    ),
)


async def test_bad_indicators_are_refused_alike_naming_the_item(serve: ServeFactory) -> None:
    async with serve(settings=make_settings(), threat_intel=FakeThreatIntel()) as server:
        rest, grpc = clients(server, None)
        try:
            for request, code, field, status in BAD_REQUESTS:
                errors = []
                for client in (rest, grpc):
                    with pytest.raises(WingmanError) as caught:
                        await client.call("EnrichIndicators", request)
                    errors.append(caught.value)
                by_rest, by_grpc = errors
                assert (by_rest.code, by_rest.field, by_rest.http_status) == (code, field, status)
                assert (by_grpc.code, by_grpc.field, by_grpc.message) == (
                    code,
                    field,
                    by_rest.message,
                )
        finally:
            await rest.aclose()
            await grpc.aclose()


async def test_an_unknown_indicator_type_is_refused_naming_the_item(serve: ServeFactory) -> None:
    async with serve(settings=make_settings(), threat_intel=FakeThreatIntel()) as server:
        rest, _ = clients(server, None)
        try:
            with pytest.raises(WingmanError) as caught:
                await rest.call(
                    "EnrichIndicators", {"indicators": [{"type": "cve", "value": "CVE-1"}]}
                )
        finally:
            await rest.aclose()
    assert caught.value.code == "INVALID_ARGUMENT"
    assert caught.value.field is not None
    assert caught.value.field.startswith("indicators")
    assert "type" in caught.value.field
