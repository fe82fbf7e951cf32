"""ThreatIntelGateway with fake providers and no Redis: the behaviour that needs no cache."""

from __future__ import annotations

import asyncio
import time

import pytest

from tests.conftest import Observed
from tests.integration.conftest import counter_total
from tests.unit.ti.fakes import FakeProvider, ManualClock, failing, malicious
from wingman.adapters.ti.gateway import ThreatIntelGateway
from wingman.adapters.ti.provider import Provider, ProviderError, ProviderErrorKind
from wingman.config import TISettings
from wingman.core.models import Indicator, IndicatorType, Verdict
from wingman.core.ports import HealthStatus, ThreatIntel
from wingman.core.tenant import Tenant
from wingman.core.ti.exclusions import Exclusions
from wingman.core.ti.verdicts import ProviderAnswer

ACME = Tenant("acme")
IP = Indicator(type=IndicatorType.IPV4, value="203.0.113.7")  # documentation: excluded
PUBLIC = Indicator(type=IndicatorType.IPV4, value="8.8.4.4")
DOMAIN = Indicator(type=IndicatorType.DOMAIN, value="evil.example")
HASH = Indicator(type=IndicatorType.SHA256, value="a" * 64)


def gateway(
    observed: Observed, *providers: Provider, clock: ManualClock | None = None, **options: object
) -> ThreatIntelGateway:
    return ThreatIntelGateway(
        providers=providers,
        exclusions=Exclusions(internal_suffixes=("corp.example",)),
        settings=TISettings(),
        redis=None,
        telemetry=observed.telemetry,
        clock=clock,
        **options,  # type: ignore[arg-type]
    )


def soon(seconds: float = 5.0) -> float:
    return time.monotonic() + seconds


async def test_excluded_values_are_never_asked_and_the_order_is_kept(observed: Observed) -> None:
    provider = FakeProvider()
    intel: ThreatIntel = gateway(observed, provider)
    internal = Indicator(type=IndicatorType.DOMAIN, value="mail.corp.example")
    enrichment = await intel.enrich(ACME, [DOMAIN, IP, internal, PUBLIC], deadline=soon())
    assert [r.value for r in enrichment.results] == [
        DOMAIN.value,
        IP.value,
        internal.value,
        PUBLIC.value,
    ]
    excluded = [r.excluded for r in enrichment.results]
    assert excluded[0] == excluded[3] == ""
    assert "documentation" in excluded[1]
    assert "internal" in excluded[2]
    assert enrichment.results[1].verdict is Verdict.UNKNOWN
    assert enrichment.results[1].providers == ()
    assert set(provider.calls) == {DOMAIN.value, PUBLIC.value}
    assert enrichment.degraded == ()
    assert counter_total(observed, "wingman.ti.lookups", outcome="excluded") == 2


async def test_each_provider_that_knows_the_type_is_asked_and_the_verdict_aggregated(
    observed: Observed,
) -> None:
    hashes = FakeProvider(
        "hashes",
        types=frozenset({IndicatorType.SHA256}),
        behaviour=lambda i: ProviderAnswer(Verdict.BENIGN, summary="clean"),
    )
    everything = FakeProvider("everything", behaviour=malicious(80))
    intel = gateway(observed, hashes, everything)
    domain, sha = (await intel.enrich(ACME, [DOMAIN, HASH], deadline=soon())).results
    assert [p.provider for p in domain.providers] == ["everything"]
    assert [p.provider for p in sha.providers] == ["hashes", "everything"]
    assert (sha.verdict, sha.score) == (Verdict.MALICIOUS, 80)
    assert sha.reasons == ("everything: malicious (80)", "hashes: benign (0)")
    assert sha.providers[0].summary == "clean"
    assert sha.providers[0].fetched_at.endswith("Z")
    assert not any(p.cached for p in sha.providers)
    assert intel.providers == ("hashes", "everything")


async def test_concurrent_lookups_of_one_value_make_one_call(observed: Observed) -> None:
    provider = FakeProvider(held=True)
    intel = gateway(observed, provider)
    calls = [
        asyncio.ensure_future(intel.enrich(ACME, [DOMAIN], deadline=soon())) for _ in range(50)
    ]
    while not provider.calls:
        await asyncio.sleep(0)
    provider.release()
    results = await asyncio.gather(*calls)
    assert provider.calls[DOMAIN.value] == 1
    assert {e.results[0].verdict for e in results} == {Verdict.MALICIOUS}


async def test_without_a_cache_every_call_goes_upstream(observed: Observed) -> None:
    provider = FakeProvider()
    intel = gateway(observed, provider)
    await intel.enrich(ACME, [DOMAIN], deadline=soon())
    await intel.enrich(ACME, [DOMAIN], deadline=soon())
    assert provider.calls[DOMAIN.value] == 2


async def test_a_spent_budget_leaves_the_rest_pending(observed: Observed) -> None:
    provider = FakeProvider(rate="2/60s")
    intel = gateway(observed, provider)
    values = [Indicator(type=IndicatorType.DOMAIN, value=f"d{n}.example") for n in range(6)]
    enrichment = await intel.enrich(ACME, values, deadline=soon(0.5))
    pending = [r for r in enrichment.results if r.providers[0].pending]
    assert provider.total == 2
    assert len(pending) == 4
    assert all(r.verdict is Verdict.UNKNOWN and r.providers[0].error is None for r in pending)
    assert counter_total(observed, "wingman.ti.budget.exhausted", provider="fake") == 4
    assert counter_total(observed, "wingman.ti.lookups", provider="fake", outcome="pending") == 4


async def test_a_short_wait_for_the_budget_is_waited_out(observed: Observed) -> None:
    provider = FakeProvider(rate="20/1s")
    intel = gateway(observed, provider)
    values = [Indicator(type=IndicatorType.DOMAIN, value=f"d{n}.example") for n in range(21)]
    enrichment = await intel.enrich(ACME, values, deadline=soon(10.0))
    assert provider.total == 21
    assert not any(r.providers[0].pending for r in enrichment.results)
    assert counter_total(observed, "wingman.ti.budget.waits", provider="fake") >= 1


async def test_a_429_pauses_the_provider(observed: Observed) -> None:
    limited = ProviderError(ProviderErrorKind.RATE_LIMITED, "HTTP 429", retry_after=60.0)
    provider = FakeProvider(behaviour=failing(limited))
    intel = gateway(observed, provider)
    first = (await intel.enrich(ACME, [DOMAIN], deadline=soon())).results[0].providers[0]
    second = (await intel.enrich(ACME, [PUBLIC], deadline=soon())).results[0].providers[0]
    assert first.pending
    assert second.pending
    assert provider.total == 1


async def test_an_outage_with_retry_after_pauses_the_provider(observed: Observed) -> None:
    down = ProviderError(ProviderErrorKind.UNAVAILABLE, "HTTP 503", retry_after=60.0)
    provider = FakeProvider(behaviour=failing(down))
    intel = gateway(observed, provider)
    first = (await intel.enrich(ACME, [DOMAIN], deadline=soon())).results[0].providers[0]
    second = (await intel.enrich(ACME, [PUBLIC], deadline=soon())).results[0].providers[0]
    assert first.error == "unavailable: HTTP 503"
    assert second.pending
    assert provider.total == 1


@pytest.mark.parametrize(
    "kind", [ProviderErrorKind.AUTH, ProviderErrorKind.MALFORMED, ProviderErrorKind.UNAVAILABLE]
)
async def test_a_provider_error_is_the_result_error(
    observed: Observed, kind: ProviderErrorKind
) -> None:
    provider = FakeProvider(behaviour=failing(ProviderError(kind, "no")))
    result = (await gateway(observed, provider).enrich(ACME, [DOMAIN], deadline=soon())).results[0]
    assert result.providers[0].error == f"{kind.value}: no"
    assert result.verdict is Verdict.UNKNOWN
    assert counter_total(observed, "wingman.ti.lookups", outcome=kind.value) == 1


async def test_a_provider_that_raises_anything_else_is_an_error_not_a_crash(
    observed: Observed,
) -> None:
    def broken(indicator: Indicator) -> ProviderAnswer:
        raise KeyError("bug")

    result = (
        await gateway(observed, FakeProvider(behaviour=broken)).enrich(
            ACME, [DOMAIN], deadline=soon()
        )
    ).results[0]
    assert result.providers[0].error == "unavailable: KeyError"


async def test_the_call_timeout_is_capped_by_the_deadline_and_a_cut_short_call_is_pending(
    observed: Observed,
) -> None:
    timeout = ProviderError(ProviderErrorKind.TIMEOUT, "slow")
    provider = FakeProvider(behaviour=failing(timeout))
    intel = gateway(observed, provider, breaker_threshold=1)
    result = (await intel.enrich(ACME, [DOMAIN], deadline=soon(0.5))).results[0].providers[0]
    assert provider.timeouts[0] <= 0.5
    assert result.pending
    # Cut short by our deadline, the timeout did not count against the provider.
    again = (await intel.enrich(ACME, [DOMAIN], deadline=soon(10.0))).results[0].providers[0]
    assert provider.total == 2
    assert again.error == "timeout: slow"


async def test_the_breaker_opens_and_a_probe_closes_it(observed: Observed) -> None:
    clock = ManualClock()
    outage = ProviderError(ProviderErrorKind.UNAVAILABLE, "HTTP 503")
    provider = FakeProvider(behaviour=failing(outage))
    intel = gateway(observed, provider, clock=clock, breaker_threshold=2, breaker_cooldown_s=30.0)
    far = clock.monotonic() + 3600.0
    for value in ("a.example", "b.example"):
        await intel.enrich(ACME, [Indicator(type=IndicatorType.DOMAIN, value=value)], deadline=far)
    blocked = (await intel.enrich(ACME, [DOMAIN], deadline=far)).results[0].providers[0]
    assert blocked.error == "circuit open"
    assert provider.total == 2
    health = await intel.health()
    assert health.status is HealthStatus.DEGRADED
    assert "fake circuit open" in health.detail
    clock.advance(30.0)
    provider.behaviour = malicious()
    probe = (await intel.enrich(ACME, [DOMAIN], deadline=far + 30)).results[0].providers[0]
    assert probe.verdict is Verdict.MALICIOUS
    assert (await intel.health()).status is HealthStatus.OK


async def test_close_closes_the_providers(observed: Observed) -> None:
    provider = FakeProvider()
    intel = gateway(observed, provider)
    await intel.close()
    assert provider.closed


def test_two_providers_of_one_name_are_refused(observed: Observed) -> None:
    with pytest.raises(ValueError, match="named twice"):
        gateway(observed, FakeProvider(), FakeProvider())


async def test_a_caller_with_a_later_deadline_is_not_left_with_anothers_pending(
    observed: Observed,
) -> None:
    provider = FakeProvider(rate="1/1s")
    intel = gateway(observed, provider)
    await intel.enrich(ACME, [PUBLIC], deadline=soon())  # spends the only token for ~1 s
    hurried = asyncio.ensure_future(intel.enrich(ACME, [DOMAIN], deadline=soon(0.05)))
    patient = asyncio.ensure_future(intel.enrich(ACME, [DOMAIN], deadline=soon(30.0)))
    assert (await hurried).results[0].providers[0].pending
    # It joined the hurried caller's lookup, then led one of its own to its own deadline.
    assert (await patient).results[0].verdict is Verdict.MALICIOUS
    assert provider.calls[DOMAIN.value] == 1
