"""`enrich` on SummarizeIncident and AnalyzeScript: reputations composed per call, cited."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import ServeFactory, make_settings
from tests.contract.test_summarize_incident import engines
from tests.contract.test_transports import clients
from tests.fakes import FakeThreatIntel

PHISHING = (
    Path(__file__).resolve().parents[1] / "fixtures/incidents/wingman/phishing_to_exfiltration.json"
)


def _incident() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(PHISHING.read_text("utf-8"))["incident"]
    return document


async def test_a_summary_carries_reputations_and_says_which_are_bad(serve: ServeFactory) -> None:
    incident = _incident()
    intel = FakeThreatIntel({"203.0.113.88": 90})
    async with serve(settings=make_settings(), engines=engines(), threat_intel=intel) as server:
        rest, grpc = clients(server, None)
        try:
            plain = await rest.call("SummarizeIncident", {"incident": incident})
            first = await rest.call("SummarizeIncident", {"incident": incident, "enrich": True})
            again = await grpc.call("SummarizeIncident", {"incident": incident, "enrich": True})
        finally:
            await rest.aclose()
            await grpc.aclose()
    assert all("enrichment" not in e for e in plain["entities"])
    [ip] = [e for e in first["entities"] if e["value"] == "203.0.113.88"]
    assert ip["enrichment"]["verdict"] == "malicious"
    assert "Threat intelligence rates 203.0.113.88 malicious" in first["summary"]
    last = first["citations"][-1]
    assert last["entity_ids"] == [ip["id"]]
    assert last["alert_ids"]
    assert set(last["alert_ids"]) <= set(ip["alert_ids"])
    # The second call is a cache hit of the summary; its reputations are looked up again.
    assert again["runtime"]["cached"] is True
    assert intel.asked.count(("default", "203.0.113.88")) == 2
    assert {k: v for k, v in again.items() if k != "runtime"} == {
        k: v for k, v in first.items() if k != "runtime"
    }


async def test_without_providers_enrich_says_degraded(serve: ServeFactory) -> None:
    async with serve(settings=make_settings(), engines=engines()) as server:
        rest, _ = clients(server, None)
        try:
            answer = await rest.call("SummarizeIncident", {"incident": _incident(), "enrich": True})
        finally:
            await rest.aclose()
    assert "no threat-intelligence provider" in answer["degraded"]["reasons"][0]
