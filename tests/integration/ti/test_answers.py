"""VirusTotal, AbuseIPDB, OTX and GreyNoise read their documented answers into a verdict."""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.ti import bodies
from tests.integration.ti.cases import (
    BENIGN,
    FIRST,
    LAST,
    MALICIOUS,
    NOT_FOUND,
    SUSPICIOUS,
    UNKNOWN,
    Case,
    check,
)
from tests.integration.ti.conftest import ProviderFactory
from tests.integration.ti.servers import ScriptedServer
from wingman.adapters.ti.http import OTX, AbuseIPDB, GreyNoise, VirusTotal
from wingman.core.ti.verdicts import ProviderAnswer

VT_GUI = "https://www.virustotal.com/gui"
HOSTING = "Data Center/Web Hosting/Transit"
OTX_DOMAIN = "https://otx.alienvault.com/indicator/domain/malware-drop.example"


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
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
async def test_each_answer_reads_into_the_expected_verdict(
    case: Case, server: ScriptedServer, provider_for: ProviderFactory
) -> None:
    await check(case, server, provider_for)
