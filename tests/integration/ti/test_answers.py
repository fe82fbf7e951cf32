"""Each provider reads its documented answers into the verdict, score, summary, tags and dates."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import pytest

from tests.integration.ti import bodies
from tests.integration.ti.conftest import ProviderFactory
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
from wingman.adapters.ti.provider import HttpProvider, ProviderError, ProviderErrorKind
from wingman.core.models import Indicator, Verdict
from wingman.core.ti.verdicts import ProviderAnswer

MALICIOUS, SUSPICIOUS, BENIGN, UNKNOWN = (
    Verdict.MALICIOUS,
    Verdict.SUSPICIOUS,
    Verdict.BENIGN,
    Verdict.UNKNOWN,
)
NOT_FOUND = ProviderAnswer(UNKNOWN, found=False)
FIRST, LAST = "2026-01-02T03:04:05Z", "2026-02-03T04:05:06Z"
VT_GUI = "https://www.virustotal.com/gui"
HOSTING = "Data Center/Web Hosting/Transit"
OTX_DOMAIN = "https://otx.alienvault.com/indicator/domain/malware-drop.example"


@dataclass(frozen=True)
class Case:
    """One scripted answer and what the provider must make of it (`{base}`: the server URL)."""

    id: str
    kind: type[HttpProvider]
    indicator: Indicator
    status: int
    body: Any
    expected: ProviderAnswer


def pulses(count: int) -> list[dict[str, Any]]:
    """`count` OTX pulses, created and modified on successive days."""
    return [
        bodies.otx_pulse(
            f"Campaign {n}",
            created=f"2026-01-0{n + 2}T03:04:05.123000",
            modified=f"2026-02-0{n + 3}T04:05:06",
            family="FakeBot" if n == 0 else "",
        )
        for n in range(count)
    ]


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
        "virustotal-malicious-file",
        VirusTotal,
        bodies.SHA256,
        200,
        bodies.virustotal(malicious=34, suspicious=2, undetected=56),
        ProviderAnswer(
            MALICIOUS,
            score=100,
            first_seen=FIRST,
            last_seen=LAST,
            tags=("trojan.fakebot/invented", "peexe", "signed-invalid"),
            references=(f"{VT_GUI}/file/{bodies.SHA256.value}",),
            summary="34 of 92 engines flag it (2 more call it suspicious); trojan.fakebot/invented",
        ),
    ),
    Case(
        "virustotal-suspicious-ip",
        VirusTotal,
        bodies.IP_ODD,
        200,
        bodies.virustotal(
            malicious=1,
            suspicious=1,
            harmless=60,
            undetected=30,
            kind="ip_address",
            ident=bodies.IP_ODD.value,
            label=None,
        ),
        ProviderAnswer(
            SUSPICIOUS,
            score=30,
            first_seen=FIRST,
            last_seen=LAST,
            tags=("peexe", "signed-invalid"),
            references=(f"{VT_GUI}/ip-address/{bodies.IP_ODD.value}",),
            summary="1 of 92 engines flag it (1 more call it suspicious)",
        ),
    ),
    Case(
        "virustotal-benign-domain",
        VirusTotal,
        bodies.DOMAIN,
        200,
        bodies.virustotal(
            malicious=0,
            harmless=70,
            undetected=22,
            reputation=5,
            kind="domain",
            ident=bodies.DOMAIN.value,
            label=None,
        ),
        ProviderAnswer(
            BENIGN,
            first_seen=FIRST,
            last_seen=LAST,
            tags=("peexe", "signed-invalid"),
            references=(f"{VT_GUI}/domain/{bodies.DOMAIN.value}",),
            summary="0 of 92 engines flag it; community reputation 5",
        ),
    ),
    Case(
        "virustotal-not-found", VirusTotal, bodies.URL, 404, bodies.VIRUSTOTAL_NOT_FOUND, NOT_FOUND
    ),
    Case(
        "abuseipdb-malicious",
        AbuseIPDB,
        bodies.IP_BAD,
        200,
        bodies.abuseipdb(bodies.IP_BAD.value, confidence=100, reports=112, tor=True),
        ProviderAnswer(
            MALICIOUS,
            score=100,
            last_seen=LAST,
            tags=("tor", HOSTING),
            references=(f"https://www.abuseipdb.com/check/{bodies.IP_BAD.value}",),
            summary="reported 112 times, 100% confidence, a Tor exit",
        ),
    ),
    Case(
        "abuseipdb-suspicious",
        AbuseIPDB,
        bodies.IP_ODD,
        200,
        bodies.abuseipdb(bodies.IP_ODD.value, confidence=40, reports=3),
        ProviderAnswer(
            SUSPICIOUS,
            score=40,
            last_seen=LAST,
            tags=(HOSTING,),
            references=(f"https://www.abuseipdb.com/check/{bodies.IP_ODD.value}",),
            summary="reported 3 times, 40% confidence",
        ),
    ),
    Case(
        "abuseipdb-benign",
        AbuseIPDB,
        bodies.IP_GOOD,
        200,
        bodies.abuseipdb(bodies.IP_GOOD.value, confidence=0, reports=1, whitelisted=True),
        ProviderAnswer(
            BENIGN,
            last_seen=LAST,
            tags=(HOSTING,),
            summary="on AbuseIPDB's allow list (reported once)",
        ),
    ),
    Case(
        "abuseipdb-not-found",
        AbuseIPDB,
        bodies.IP_NEW,
        200,
        bodies.abuseipdb(bodies.IP_NEW.value, confidence=0, reports=0),
        NOT_FOUND,
    ),
    Case(
        "otx-malicious",
        OTX,
        bodies.DOMAIN,
        200,
        bodies.otx(bodies.DOMAIN.value, "domain", pulses=pulses(3)),
        ProviderAnswer(
            MALICIOUS,
            score=60,
            first_seen="2026-01-02T03:04:05Z",
            last_seen="2026-02-05T04:05:06Z",
            tags=("FakeBot", "phishing", "invented-campaign"),
            references=(OTX_DOMAIN,),
            summary="in 3 OTX pulses: Campaign 0; Campaign 1; Campaign 2",
        ),
    ),
    Case(
        "otx-suspicious",
        OTX,
        bodies.IP_ODD,
        200,
        bodies.otx(bodies.IP_ODD.value, "IPv4", pulses=pulses(1)),
        ProviderAnswer(
            SUSPICIOUS,
            score=30,
            first_seen="2026-01-02T03:04:05Z",
            last_seen="2026-02-03T04:05:06Z",
            tags=("FakeBot", "phishing", "invented-campaign"),
            references=(f"https://otx.alienvault.com/indicator/ip/{bodies.IP_ODD.value}",),
            summary="in 1 OTX pulse: Campaign 0",
        ),
    ),
    Case(
        "otx-benign",
        OTX,
        bodies.DOMAIN,
        200,
        bodies.otx(
            bodies.DOMAIN.value,
            "domain",
            pulses=pulses(2),
            validation=[
                {"source": "whitelist", "message": "Whitelisted domain", "name": "Known good"}
            ],
        ),
        ProviderAnswer(
            BENIGN,
            first_seen="2026-01-02T03:04:05Z",
            last_seen="2026-02-04T04:05:06Z",
            tags=("FakeBot", "phishing", "invented-campaign"),
            references=(OTX_DOMAIN,),
            summary="OTX: Whitelisted domain; in 2 OTX pulses",
        ),
    ),
    Case(
        "otx-not-found",
        OTX,
        bodies.SHA1,
        200,
        bodies.otx(bodies.SHA1.value, "FileHash-SHA1", pulses=[]),
        NOT_FOUND,
    ),
    Case(
        "greynoise-malicious",
        GreyNoise,
        bodies.IP_BAD,
        200,
        bodies.greynoise(bodies.IP_BAD.value, noise=True, riot=False, classification="malicious"),
        ProviderAnswer(
            MALICIOUS,
            score=70,
            last_seen="2026-02-03",
            tags=("malicious", "scanner"),
            references=(f"https://viz.greynoise.io/ip/{bodies.IP_BAD.value}",),
            summary="seen scanning the internet with malicious intent",
        ),
    ),
    Case(
        "greynoise-suspicious",
        GreyNoise,
        bodies.IP_ODD,
        200,
        bodies.greynoise(bodies.IP_ODD.value, noise=True, riot=False, classification="suspicious"),
        ProviderAnswer(
            SUSPICIOUS,
            score=40,
            last_seen="2026-02-03",
            tags=("suspicious", "scanner"),
            references=(f"https://viz.greynoise.io/ip/{bodies.IP_ODD.value}",),
            summary="seen scanning the internet, suspiciously",
        ),
    ),
    Case(
        "greynoise-noise-of-unknown-intent",
        GreyNoise,
        bodies.IP_ODD,
        200,
        bodies.greynoise(bodies.IP_ODD.value, noise=True, riot=False, classification="unknown"),
        ProviderAnswer(
            UNKNOWN,
            last_seen="2026-02-03",
            tags=("scanner",),
            references=(f"https://viz.greynoise.io/ip/{bodies.IP_ODD.value}",),
            summary="seen scanning the internet, intent unknown",
        ),
    ),
    Case(
        "greynoise-benign",
        GreyNoise,
        bodies.IP_GOOD,
        200,
        bodies.greynoise(
            bodies.IP_GOOD.value,
            noise=False,
            riot=True,
            classification="benign",
            name="Invented CDN",
        ),
        ProviderAnswer(
            BENIGN,
            last_seen="2026-02-03",
            tags=("benign", "riot", "Invented CDN"),
            references=(f"https://viz.greynoise.io/ip/{bodies.IP_GOOD.value}",),
            summary="a common business service (Invented CDN)",
        ),
    ),
    Case(
        "greynoise-not-found",
        GreyNoise,
        bodies.IP_NEW,
        404,
        bodies.greynoise_not_observed(bodies.IP_NEW.value),
        NOT_FOUND,
    ),
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
    provider = provider_for(case.kind)
    path = provider.call(case.indicator).path
    server.answer(path, Answer(case.status, case.body))
    answer = await provider.lookup(case.indicator, timeout=5.0)
    references = tuple(link.format(base=server.url) for link in case.expected.references)
    assert answer == replace(case.expected, references=references)
    assert server.count(path) == 1


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
