"""MISP, URLhaus, ThreatFox and MalwareBazaar read their documented answers into a verdict."""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.ti import bodies
from tests.integration.ti.cases import (
    FIRST,
    LAST,
    MALICIOUS,
    NOT_FOUND,
    SUSPICIOUS,
    Case,
    check,
)
from tests.integration.ti.conftest import ProviderFactory
from tests.integration.ti.servers import Answer, ScriptedServer
from wingman.adapters.ti.http import MISP, MalwareBazaar, ThreatFox, URLhaus
from wingman.adapters.ti.provider import HttpProvider, ProviderError, ProviderErrorKind
from wingman.core.models import Indicator
from wingman.core.ti.verdicts import ProviderAnswer


def misp_two_events() -> dict[str, Any]:
    value = bodies.IP_BAD.value
    return bodies.misp(
        [
            bodies.misp_attribute(
                value, event="11", info="Invented phishing wave", to_ids=True, tags=("tlp:green",)
            ),
            bodies.misp_attribute(
                value,
                event="12",
                info="Invented C2 list",
                to_ids=False,
                tags=('misp-galaxy:threat-actor="Invented Bear"',),
            ),
        ]
    )


CASES = [
    Case(
        "misp-malicious",
        MISP,
        bodies.IP_BAD,
        200,
        misp_two_events(),
        ProviderAnswer(
            MALICIOUS,
            score=80,
            first_seen=FIRST,
            last_seen=LAST,
            tags=("tlp:green", "Network activity", 'misp-galaxy:threat-actor="Invented Bear"'),
            references=("{base}/events/view/11", "{base}/events/view/12"),
            summary="in 2 MISP events: Invented phishing wave; Invented C2 list",
        ),
    ),
    Case(
        "misp-suspicious",
        MISP,
        bodies.EMAIL,
        200,
        bodies.misp(
            [
                bodies.misp_attribute(
                    bodies.EMAIL.value, event="7", info="Invented lure", to_ids=False
                )
            ]
        ),
        ProviderAnswer(
            SUSPICIOUS,
            score=40,
            first_seen=FIRST,
            last_seen=LAST,
            tags=("Network activity",),
            references=("{base}/events/view/7",),
            summary="in 1 MISP event: Invented lure (not for detection)",
        ),
    ),
    Case("misp-not-found", MISP, bodies.SHA256, 200, bodies.misp([]), NOT_FOUND),
    Case(
        "misp-not-found-older-404",
        MISP,
        bodies.SHA256,
        404,
        {"name": "No matches.", "message": "No matches.", "url": "/attributes/restSearch"},
        NOT_FOUND,
    ),
    Case(
        "urlhaus-malicious-url",
        URLhaus,
        bodies.URL,
        200,
        bodies.urlhaus_url(bodies.URL.value, status="online"),
        ProviderAnswer(
            MALICIOUS,
            score=90,
            first_seen=FIRST,
            last_seen=LAST,
            tags=("malware_download", "exe", "FakeLoader"),
            references=("https://urlhaus.abuse.ch/url/1234567/",),
            summary="URLhaus lists it for malware_download, online",
        ),
    ),
    Case(
        "urlhaus-suspicious-host",
        URLhaus,
        bodies.DOMAIN,
        200,
        bodies.urlhaus_host(bodies.DOMAIN.value, statuses=["offline", "offline"]),
        ProviderAnswer(
            SUSPICIOUS,
            score=50,
            first_seen=FIRST,
            last_seen="2026-01-03T03:04:05Z",
            tags=("malware_download", "elf", "FakeBot"),
            references=(f"https://urlhaus.abuse.ch/host/{bodies.DOMAIN.value}/",),
            summary="served 2 malware URLs (0 online)",
        ),
    ),
    Case(
        "urlhaus-malicious-payload",
        URLhaus,
        bodies.SHA256,
        200,
        bodies.urlhaus_payload(bodies.SHA256.value),
        ProviderAnswer(
            MALICIOUS,
            score=90,
            first_seen=FIRST,
            last_seen=LAST,
            tags=("FakeLoader", "exe"),
            summary="a FakeLoader payload (exe) served by 2 URLs",
        ),
    ),
    Case(
        "urlhaus-not-found", URLhaus, bodies.IP_NEW, 200, {"query_status": "no_results"}, NOT_FOUND
    ),
    Case(
        "threatfox-malicious",
        ThreatFox,
        bodies.IP_BAD,
        200,
        bodies.threatfox(
            [
                bodies.threatfox_ioc("203.0.113.66:443", confidence=75),
                # A prefix match of another address; not this one.
                bodies.threatfox_ioc("203.0.113.667:80", confidence=100, ident=4343),
            ]
        ),
        ProviderAnswer(
            MALICIOUS,
            score=75,
            first_seen=FIRST,
            last_seen=FIRST,
            tags=("FakeBot", "botnet_cc", "c2"),
            references=("https://threatfox.abuse.ch/ioc/4242/",),
            summary="FakeBot botnet_cc, 75% confidence",
        ),
    ),
    Case(
        "threatfox-suspicious",
        ThreatFox,
        bodies.DOMAIN,
        200,
        bodies.threatfox(
            [
                bodies.threatfox_ioc(bodies.DOMAIN.value, confidence=30),
                bodies.threatfox_ioc(bodies.DOMAIN.value, confidence=20, ident=4243),
            ]
        ),
        ProviderAnswer(
            SUSPICIOUS,
            score=30,
            first_seen=FIRST,
            last_seen=FIRST,
            tags=("FakeBot", "botnet_cc", "c2"),
            references=(
                "https://threatfox.abuse.ch/ioc/4242/",
                "https://threatfox.abuse.ch/ioc/4243/",
            ),
            summary="FakeBot botnet_cc, 30% confidence (2 IOCs)",
        ),
    ),
    Case("threatfox-not-found", ThreatFox, bodies.MD5, 200, bodies.THREATFOX_NONE, NOT_FOUND),
    Case(
        "malwarebazaar-malicious",
        MalwareBazaar,
        bodies.SHA256,
        200,
        bodies.malwarebazaar(bodies.SHA256.value),
        ProviderAnswer(
            MALICIOUS,
            score=90,
            first_seen=FIRST,
            tags=("FakeLoader", "exe"),
            references=(f"https://bazaar.abuse.ch/sample/{bodies.SHA256.value}/",),
            summary="a FakeLoader sample (exe) on MalwareBazaar",
        ),
    ),
    Case(
        "malwarebazaar-not-found",
        MalwareBazaar,
        bodies.MD5,
        200,
        {"query_status": "hash_not_found"},
        NOT_FOUND,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
async def test_each_answer_reads_into_the_expected_verdict(
    case: Case, server: ScriptedServer, provider_for: ProviderFactory
) -> None:
    await check(case, server, provider_for)


@pytest.mark.parametrize(
    ("kind", "indicator"),
    [(URLhaus, bodies.URL), (ThreatFox, bodies.DOMAIN), (MalwareBazaar, bodies.SHA1)],
)
@pytest.mark.parametrize(
    ("query_status", "expected"),
    [
        ("unknown_auth_key", ProviderErrorKind.AUTH),
        ("invalid_url", ProviderErrorKind.MALFORMED),
        ("illegal_hash", ProviderErrorKind.MALFORMED),
        ("http_post_expected", ProviderErrorKind.MALFORMED),
    ],
)
async def test_abuse_ch_refusals_are_typed_errors(
    kind: type[HttpProvider],
    indicator: Indicator,
    query_status: str,
    expected: ProviderErrorKind,
    server: ScriptedServer,
    provider_for: ProviderFactory,
) -> None:
    provider = provider_for(kind)
    server.answer(provider.call(indicator).path, Answer(200, {"query_status": query_status}))
    with pytest.raises(ProviderError) as raised:
        await provider.lookup(indicator, timeout=5.0)
    assert raised.value.kind is expected
    assert query_status in raised.value.message
