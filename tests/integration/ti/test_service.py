"""The service with real providers configured from settings: offline lists behind the gateway."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Observed, ServeFactory, make_settings
from tests.contract.test_transports import clients
from wingman.app import build_threat_intel


async def test_enrichment_from_settings_is_shared_per_tenant_and_cached(
    serve: ServeFactory,
    observed: Observed,
    tmp_path: Path,
    shared_redis_url: str,
    unique_tenants: list[str],
) -> None:
    listing = tmp_path / "iocs.txt"
    listing.write_text("# ours\nbad-actor.example.net\n45.77.0.99\n", encoding="utf-8")
    settings = make_settings(
        redis_url=shared_redis_url,
        ti={
            "enabled": "ioc_list",
            "ioc_list": {"path": str(listing)},
            "internal_suffixes": "corp.example",
            "benign_lists": True,
        },
    )
    tenant = unique_tenants[0]
    request = {
        "indicators": [
            {"type": "domain", "value": "Bad-Actor[.]example[.]net"},
            {"type": "ipv4", "value": "45.77.0.99"},
            {"type": "domain", "value": "files.corp.example"},
            {"type": "ipv4", "value": "8.8.8.8"},
            {"type": "domain", "value": "unknown-thing.example.org"},
        ]
    }
    intel = build_threat_intel(settings, observed.telemetry)
    assert intel is not None
    assert intel.providers == ("ioc_list",)
    async with serve(settings=settings, threat_intel=intel) as server:
        rest, grpc = clients(server, tenant)
        try:
            first = await rest.call("EnrichIndicators", request)
            second = await grpc.call("EnrichIndicators", request)
        finally:
            await rest.aclose()
            await grpc.aclose()
    verdicts = [r["verdict"] for r in first["results"]]
    assert verdicts == ["malicious", "malicious", "unknown", "unknown", "unknown"]
    assert "internal" in first["results"][2]["excluded"]
    assert "benign list" in first["results"][3]["excluded"]
    assert first["results"][4]["providers"][0]["provider"] == "ioc_list"
    assert [p["cached"] for p in first["results"][0]["providers"]] == [False]
    assert [p["cached"] for p in second["results"][0]["providers"]] == [True]


async def test_a_provider_that_cannot_be_used_is_said_on_every_answer(
    serve: ServeFactory, observed: Observed, tmp_path: Path
) -> None:
    settings = make_settings(
        ti={"enabled": "nosuch,ioc_list", "ioc_list": {"path": str(tmp_path / "missing.txt")}}
    )
    intel = build_threat_intel(settings, observed.telemetry)
    assert intel is not None
    async with serve(settings=settings, threat_intel=intel) as server:
        rest, _ = clients(server, None)
        try:
            answer = await rest.call(
                "EnrichIndicators", {"indicators": [{"type": "domain", "value": "a.example.net"}]}
            )
        finally:
            await rest.aclose()
        health = await intel.health()
    reasons = answer["degraded"]["reasons"]
    assert any(r.startswith("enrichment: provider nosuch: no such provider") for r in reasons)
    assert any(r.startswith("enrichment: provider ioc_list: not loaded") for r in reasons)
    assert health.status.value == "degraded"
