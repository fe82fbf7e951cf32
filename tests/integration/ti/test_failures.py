"""Every way an answer can fail is one typed ProviderError, for every provider."""

from __future__ import annotations

import ssl
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from tests.integration.ti import bodies
from tests.integration.ti.conftest import ProviderFactory, transport
from tests.integration.ti.servers import Answer, ScriptedServer
from wingman.adapters.ti.http import (
    MISP,
    OTX,
    AbuseIPDB,
    GreyNoise,
    MalwareBazaar,
    ThreatFox,
    URLhaus,
    VirusTotal,
)
from wingman.adapters.ti.provider import (
    MAX_ANSWER_BYTES,
    HttpProvider,
    ProviderError,
    ProviderErrorKind,
)
from wingman.core.models import Indicator, IndicatorType

AUTH = ProviderErrorKind.AUTH
RATE_LIMITED = ProviderErrorKind.RATE_LIMITED
UNAVAILABLE = ProviderErrorKind.UNAVAILABLE
TIMEOUT = ProviderErrorKind.TIMEOUT
MALFORMED = ProviderErrorKind.MALFORMED

# One indicator per provider, of a type it looks up.
LOOKUPS: list[tuple[type[HttpProvider], Indicator]] = [
    (VirusTotal, bodies.SHA256),
    (AbuseIPDB, bodies.IP_BAD),
    (OTX, bodies.DOMAIN),
    (GreyNoise, bodies.IP_BAD),
    (MISP, bodies.IP_BAD),
    (URLhaus, bodies.URL),
    (ThreatFox, bodies.IP_BAD),
    (MalwareBazaar, bodies.SHA256),
]
LOOKUP_IDS = [kind.name for kind, _ in LOOKUPS]
# A JSON answer larger than the limit (whitespace inside a valid object).
HUGE = b'{"data": {}' + b" " * MAX_ANSWER_BYTES + b"}"

FAILURES: dict[str, tuple[Answer, ProviderErrorKind]] = {
    "401": (Answer(401, {"error": {"code": "WrongCredentialsError"}}), AUTH),
    "403": (Answer(403, {"message": "Forbidden"}), AUTH),
    "500": (Answer(500, b"<html>oops</html>", {"Content-Type": "text/html"}), UNAVAILABLE),
    "502-empty": (Answer(502), UNAVAILABLE),
    "503": (Answer(503, {"message": "maintenance"}, {"Retry-After": "120"}), UNAVAILABLE),
    "redirect": (Answer(302, headers={"Location": "https://login.example/"}), MALFORMED),
    "422": (Answer(422, {"errors": [{"detail": "invalid", "status": 422}]}), MALFORMED),
    "not-json": (Answer(200, b'{"data": {"attributes": '), MALFORMED),
    "html": (Answer(200, b"<html>captive portal</html>", {"Content-Type": "text/html"}), MALFORMED),
    "json-list": (Answer(200, [1, 2, 3]), MALFORMED),
    "json-string": (Answer(200, "ok"), MALFORMED),
    "json-null": (Answer(200, b"null"), MALFORMED),
    "wrong-shape": (Answer(200, {"data": "nothing", "query_status": 7, "response": 1}), MALFORMED),
    "empty-body": (Answer(200), MALFORMED),
    "empty-404": (Answer(404), MALFORMED),
    "html-404": (Answer(404, b"<h1>Not Found</h1>", {"Content-Type": "text/html"}), MALFORMED),
    "huge": (Answer(200, HUGE), MALFORMED),
    "deep": (Answer(200, b"[" * 100_000 + b"]" * 100_000), MALFORMED),
}


async def failure(
    provider: HttpProvider, indicator: Indicator, timeout: float = 5.0
) -> ProviderError:
    """The ProviderError the lookup raises (the test fails if it answers)."""
    with pytest.raises(ProviderError) as raised:
        await provider.lookup(indicator, timeout=timeout)
    return raised.value


@pytest.mark.parametrize(("kind", "indicator"), LOOKUPS, ids=LOOKUP_IDS)
@pytest.mark.parametrize("name", list(FAILURES))
async def test_each_failure_is_its_typed_error(
    name: str,
    kind: type[HttpProvider],
    indicator: Indicator,
    server: ScriptedServer,
    provider_for: ProviderFactory,
) -> None:
    provider = provider_for(kind)
    answer, expected = FAILURES[name]
    path = provider.call(indicator).path
    server.answer(path, answer)
    error = await failure(provider, indicator)
    assert error.kind is expected, error
    # Only a 503 that says when to come back carries a wait (the gateway pauses the provider).
    assert error.retry_after == (120.0 if name == "503" else None)
    assert server.count(path) == 1


@pytest.mark.parametrize(("kind", "indicator"), LOOKUPS, ids=LOOKUP_IDS)
async def test_429_says_how_long_to_wait_in_seconds_or_as_a_date(
    kind: type[HttpProvider],
    indicator: Indicator,
    server: ScriptedServer,
    provider_for: ProviderFactory,
) -> None:
    provider = provider_for(kind)
    path = provider.call(indicator).path
    in_an_hour = format_datetime(datetime.now(UTC) + timedelta(hours=1), usegmt=True)
    past = format_datetime(datetime(2020, 1, 1, tzinfo=UTC), usegmt=True)
    server.answer(
        path,
        Answer(429, {"message": "slow down"}, {"Retry-After": "30"}),
        Answer(429, {"message": "slow down"}, {"Retry-After": in_an_hour}),
        Answer(429, {"message": "slow down"}, {"Retry-After": past}),
        Answer(429, {"message": "slow down"}, {"Retry-After": "soon"}),
        Answer(429, {"message": "slow down"}),
    )
    errors = [await failure(provider, indicator) for _ in range(5)]
    assert {error.kind for error in errors} == {RATE_LIMITED}
    seconds, dated, passed, unreadable, absent = (error.retry_after for error in errors)
    assert seconds == 30.0
    # An HTTP date an hour ahead is about 3600 s away, however slow this machine is.
    assert dated is not None
    assert 3000.0 < dated <= 3600.0
    assert passed == 0.0
    assert unreadable is None
    assert absent is None


@pytest.mark.parametrize(("kind", "indicator"), LOOKUPS, ids=LOOKUP_IDS)
async def test_a_slow_answer_is_a_timeout(
    kind: type[HttpProvider],
    indicator: Indicator,
    server: ScriptedServer,
    provider_for: ProviderFactory,
) -> None:
    provider = provider_for(kind)
    path = provider.call(indicator).path
    # The server stops (waking this answer) at teardown; the lookup gives up long before.
    server.answer(path, Answer(200, {}, delay=60.0))
    error = await failure(provider, indicator, timeout=0.2)
    assert error.kind is TIMEOUT


async def test_an_answer_dripping_past_the_timeout_is_a_timeout(
    server: ScriptedServer, provider_for: ProviderFactory
) -> None:
    # Every piece comes well within httpx's per-read timeout; only the whole-exchange bound trips.
    kind, indicator = LOOKUPS[0]
    provider = provider_for(kind)
    path = provider.call(indicator).path
    server.answer(path, Answer(200, {"data": {"attributes": {}}}, pieces=20, drip=0.05))
    error = await failure(provider, indicator, timeout=0.3)
    assert error.kind is TIMEOUT


@pytest.mark.parametrize(("kind", "indicator"), LOOKUPS, ids=LOOKUP_IDS)
async def test_a_closed_port_is_unavailable(
    kind: type[HttpProvider], indicator: Indicator, tls: ssl.SSLContext
) -> None:
    with ScriptedServer() as gone:
        url = gone.url
    provider = kind(base_url=url, api_key="k", transport=transport(tls))
    try:
        error = await failure(provider, indicator)
    finally:
        await provider.aclose()
    assert error.kind is UNAVAILABLE


@pytest.mark.parametrize(("kind", "indicator"), LOOKUPS, ids=LOOKUP_IDS)
async def test_a_type_it_does_not_look_up_is_unsupported_and_never_sent(
    kind: type[HttpProvider],
    indicator: Indicator,
    server: ScriptedServer,
    provider_for: ProviderFactory,
) -> None:
    provider = provider_for(kind)
    other = next(i for i in ALL_TYPES if i.type not in kind.types)
    error = await failure(provider, other)
    assert error.kind is ProviderErrorKind.UNSUPPORTED
    assert server.count() == 0


ALL_TYPES = [
    Indicator(type=IndicatorType.FILE_PATH, value=r"C:\Temp\invoice.exe"),
    bodies.EMAIL,
    bodies.IPV6,
    bodies.SHA1,
    bodies.URL,
]
