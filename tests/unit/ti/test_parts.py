"""The gateway's pure parts: key names, cached records, the token bucket and the breaker."""

from __future__ import annotations

import hashlib

import pytest

from tests.unit.ti.fakes import ManualClock
from wingman.adapters.ti.breaker import Breaker, BreakerState
from wingman.adapters.ti.budget import TokenBucket
from wingman.adapters.ti.keys import budget_key, cache_key, lease_key
from wingman.adapters.ti.record import MAX_RECORD_BYTES, Record, decoded
from wingman.core.models import Indicator, IndicatorType, Verdict
from wingman.core.tenant import Tenant
from wingman.core.ti.verdicts import ProviderAnswer


def test_cache_key_names_tenant_provider_type_and_value_digest() -> None:
    indicator = Indicator(type=IndicatorType.DOMAIN, value="evil.example")
    digest = hashlib.sha256(b"evil.example").hexdigest()
    key = cache_key(Tenant("acme"), "virustotal", indicator)
    assert key == f"wingman:acme:ti:v1:virustotal:domain:{digest}"
    assert lease_key(key) == f"{key}:lease"
    assert "{" not in key
    assert budget_key("virustotal") == "wingman:ti-budget:v1:virustotal"


@pytest.mark.parametrize("name", ["", "Upper", "a:b", "a b", "x" * 40, "{tag}"])
def test_a_provider_name_unfit_for_a_key_is_refused(name: str) -> None:
    with pytest.raises(ValueError, match="not fit for a key"):
        budget_key(name)


def test_a_record_round_trips_an_answer_and_clamps_the_score() -> None:
    answer = ProviderAnswer(Verdict.MALICIOUS, score=150, tags=("c2",), summary="34 of 92")
    record = Record.of_answer(answer, fetched_at="2026-01-31T12:00:00Z")
    again = decoded(record.encode())
    assert again == record
    result = again.result("vt", cached=True)
    assert (result.score, result.tags, result.summary, result.cached) == (
        100,
        ("c2",),
        "34 of 92",
        True,
    )
    assert result.fetched_at == "2026-01-31T12:00:00Z"


def test_an_error_record_says_the_error() -> None:
    record = Record.of_error("timeout: no answer", fetched_at="2026-01-31T12:00:00Z")
    result = decoded(record.encode()).result("vt", cached=True)  # type: ignore[union-attr]
    assert (result.verdict, result.error) == (Verdict.UNKNOWN, "timeout: no answer")


@pytest.mark.parametrize(
    "raw",
    [
        None,
        b"",
        b"not json",
        b"[]",
        b'{"fetched_at": "x"}',
        b'{"fetched_at": "x", "error": "e", "answer": {"verdict": "benign"}}',
        b'{"fetched_at": "x", "answer": {"verdict": "evil"}}',
        b'{"fetched_at": "x", "answer": {"verdict": "benign", "score": 101}}',
        b'{"fetched_at": "x", "error": "e", "extra": 1}',
        b'{"fetched_at": "x", "error": "' + b"e" * MAX_RECORD_BYTES + b'"}',
    ],
)
def test_unreadable_cached_bytes_are_a_miss(raw: bytes | None) -> None:
    assert decoded(raw) is None


def test_the_bucket_spends_its_burst_then_refills_at_the_rate() -> None:
    clock = ManualClock()
    bucket = TokenBucket(calls=4, period_s=60.0, clock=clock)
    assert [bucket.take() for _ in range(4)] == [0.0] * 4
    assert bucket.take() == pytest.approx(15.0)
    clock.advance(15.0)
    assert bucket.take() == 0.0
    assert bucket.take() == pytest.approx(15.0)


def test_a_paused_bucket_gives_nothing_until_the_pause_ends() -> None:
    clock = ManualClock()
    bucket = TokenBucket(calls=0, period_s=1.0, clock=clock)
    assert bucket.take() == 0.0
    bucket.pause(10.0)
    bucket.pause(2.0)  # never shortens
    assert bucket.take() == pytest.approx(10.0)
    clock.advance(10.0)
    assert bucket.take() == 0.0


def test_the_breaker_opens_after_consecutive_outages_and_probes_after_the_cool_down() -> None:
    clock = ManualClock()
    states: list[BreakerState] = []
    breaker = Breaker(threshold=3, cooldown_s=30.0, clock=clock, on_change=states.append)
    breaker.failed()
    breaker.failed()
    breaker.succeeded()  # not consecutive
    for _ in range(3):
        assert breaker.allow()
        breaker.failed()
    assert breaker.state is BreakerState.OPEN
    assert breaker.blocked()
    assert not breaker.allow()
    clock.advance(30.0)
    assert not breaker.blocked()
    assert breaker.allow()  # the probe
    assert breaker.state is BreakerState.HALF_OPEN
    assert not breaker.allow()  # one probe at a time
    breaker.failed()
    assert breaker.state is BreakerState.OPEN
    clock.advance(30.0)
    assert breaker.allow()
    breaker.succeeded()
    assert breaker.state is BreakerState.CLOSED
    assert states == [
        BreakerState.OPEN,
        BreakerState.HALF_OPEN,
        BreakerState.OPEN,
        BreakerState.HALF_OPEN,
        BreakerState.CLOSED,
    ]


def test_a_probe_that_never_reports_frees_the_slot_after_a_cool_down() -> None:
    clock = ManualClock()
    breaker = Breaker(threshold=1, cooldown_s=5.0, clock=clock, on_change=lambda state: None)
    breaker.failed()
    clock.advance(5.0)
    assert breaker.allow()
    assert not breaker.allow()
    clock.advance(5.0)
    assert breaker.allow()
