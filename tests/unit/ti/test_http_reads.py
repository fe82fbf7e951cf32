"""`read` on hostile shapes: nulls, wrong types, missing keys; it answers or raises ProviderError.

No network: `read` is a pure function of the status and the decoded body.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.integration.ti import bodies
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
from wingman.adapters.ti.http.fields import MAX_TAG, MAX_TAGS
from wingman.adapters.ti.provider import HttpProvider, ProviderError, ProviderErrorKind
from wingman.core.models import Indicator, ProviderResult, Verdict
from wingman.core.ti.verdicts import ProviderAnswer

KINDS: list[type[HttpProvider]] = [
    VirusTotal,
    AbuseIPDB,
    OTX,
    GreyNoise,
    MISP,
    URLhaus,
    ThreatFox,
    MalwareBazaar,
]
INDICATORS = [
    bodies.IP_BAD,
    bodies.IPV6,
    bodies.DOMAIN,
    bodies.HOSTNAME,
    bodies.URL,
    bodies.EMAIL,
    bodies.MD5,
    bodies.SHA1,
    bodies.SHA256,
]
MALFORMED = ProviderErrorKind.MALFORMED
NOT_FOUND = ProviderAnswer(Verdict.UNKNOWN, found=False)


@pytest.fixture(scope="module")
def providers() -> Iterator[dict[str, HttpProvider]]:
    """One provider of each kind (never sending anything), closed at the end of the module."""
    built = {kind.name: kind(base_url="https://ti.invalid", api_key="k") for kind in KINDS}
    yield built
    for provider in built.values():
        asyncio.run(provider.aclose())


def read(provider: HttpProvider, indicator: Indicator, status: int, body: Any) -> ProviderAnswer:
    """`read`, checking the answer fits the wire model whenever there is one."""
    answer = provider.read(indicator, status, body)
    ProviderResult(
        provider=provider.name,
        verdict=answer.verdict,
        score=answer.score,
        first_seen=answer.first_seen,
        last_seen=answer.last_seen,
        tags=answer.tags,
        references=answer.references,
        summary=answer.summary,
    )
    assert all(isinstance(tag, str) and 0 < len(tag) <= MAX_TAG for tag in answer.tags)
    assert len(answer.tags) <= MAX_TAGS
    assert all(link.startswith("https://") for link in answer.references)
    assert "\n" not in answer.summary
    return answer


def malformed(provider: HttpProvider, indicator: Indicator, status: int, body: Any) -> str:
    """The message of the MALFORMED error `read` must raise."""
    with pytest.raises(ProviderError) as raised:
        provider.read(indicator, status, body)
    assert raised.value.kind is MALFORMED
    return raised.value.message


# (provider, indicator, status, body, expected: a ProviderAnswer, a field check, or "malformed")
EDGES: list[tuple[str, Indicator, int, Any, Any]] = [
    ("virustotal", bodies.SHA256, 200, {"data": None}, "malformed"),
    ("virustotal", bodies.SHA256, 200, {"data": {"attributes": []}}, "malformed"),
    ("virustotal", bodies.SHA256, 404, {"error": {"code": "QuotaExceededError"}}, "malformed"),
    ("virustotal", bodies.SHA256, 404, {"error": "NotFoundError"}, "malformed"),
    (
        "virustotal",
        bodies.SHA256,
        200,
        {"data": {"attributes": {"last_analysis_stats": None}}},
        {"verdict": Verdict.UNKNOWN, "summary": "not analysed by any engine yet"},
    ),
    (
        "virustotal",
        bodies.SHA256,
        200,
        {
            "data": {
                "type": "file/../../x",
                "id": "../etc",
                "attributes": {
                    "last_analysis_stats": {"malicious": "5", "undetected": True, "harmless": -3},
                    "reputation": "-50",
                    "tags": "not-a-list",
                    "first_submission_date": True,
                    "last_analysis_date": 10**20,
                },
            }
        },
        {
            "verdict": Verdict.MALICIOUS,
            "score": 64,
            "tags": (),
            "references": (),
            "first_seen": "",
            "last_seen": "",
        },
    ),
    (
        "virustotal",
        bodies.DOMAIN,
        200,
        {"data": {"attributes": {"last_analysis_stats": {"harmless": 10}, "reputation": -20}}},
        {"verdict": Verdict.SUSPICIOUS, "score": 20},
    ),
    ("abuseipdb", bodies.IP_BAD, 200, {"data": {"abuseConfidenceScore": "100"}}, "malformed"),
    ("abuseipdb", bodies.IP_BAD, 200, {"data": {"abuseConfidenceScore": None}}, "malformed"),
    ("abuseipdb", bodies.IP_BAD, 200, {"data": {"abuseConfidenceScore": True}}, "malformed"),
    ("abuseipdb", bodies.IP_BAD, 404, {"data": {"abuseConfidenceScore": 1}}, "malformed"),
    (
        "abuseipdb",
        bodies.IP_BAD,
        200,
        {"data": {"abuseConfidenceScore": 900, "totalReports": "7", "isTor": "yes"}},
        {"verdict": Verdict.MALICIOUS, "score": 100, "tags": ()},
    ),
    ("abuseipdb", bodies.IP_BAD, 200, {"data": {"abuseConfidenceScore": -5}}, NOT_FOUND),
    ("otx", bodies.DOMAIN, 200, {"pulse_info": None}, "malformed"),
    ("otx", bodies.DOMAIN, 404, None, "malformed"),
    ("otx", bodies.DOMAIN, 404, {"detail": "Not found."}, NOT_FOUND),
    (
        "otx",
        bodies.DOMAIN,
        200,
        {"pulse_info": {"count": "5", "pulses": [None, 3, {"name": 7, "tags": [None, 1, "x"]}]}},
        {"verdict": Verdict.MALICIOUS, "score": 90, "tags": ("x",)},
    ),
    (
        "otx",
        bodies.DOMAIN,
        200,
        {"pulse_info": {"count": 0}, "validation": [{"source": "alexa", "message": None}]},
        {"verdict": Verdict.BENIGN, "summary": "OTX: listed as known good"},
    ),
    (
        "otx",
        bodies.DOMAIN,
        200,
        {
            "pulse_info": {"count": 4},
            "validation": [
                {"source": "majestic", "message": "Ranked 7"},
                {"source": "false_positive", "message": "Known false positive"},
            ],
        },
        {"verdict": Verdict.BENIGN, "summary": "OTX: Known false positive; in 4 OTX pulses"},
    ),
    ("greynoise", bodies.IP_BAD, 200, {"noise": "true", "riot": "false"}, "malformed"),
    ("greynoise", bodies.IP_BAD, 404, {"message": None}, "malformed"),
    ("greynoise", bodies.IP_BAD, 200, {"noise": False, "riot": False}, NOT_FOUND),
    (
        "greynoise",
        bodies.IP_BAD,
        200,
        {"noise": True, "classification": ["malicious"], "link": "javascript:alert(1)"},
        {"verdict": Verdict.UNKNOWN, "references": (), "tags": ("scanner",)},
    ),
    ("misp", bodies.IP_BAD, 200, {"response": {"Attribute": None}}, "malformed"),
    ("misp", bodies.IP_BAD, 200, {"response": "nothing"}, "malformed"),
    ("misp", bodies.IP_BAD, 200, {"response": []}, NOT_FOUND),
    (
        "misp",
        bodies.IP_BAD,
        200,
        {"response": {"Attribute": [{"deleted": True, "to_ids": True}, None, "x"]}},
        NOT_FOUND,
    ),
    (
        "misp",
        bodies.IP_BAD,
        200,
        {
            "response": {
                "Attribute": [
                    {
                        "to_ids": "1",
                        "event_id": "5/../../admin",
                        "Event": None,
                        "Tag": "tlp:red",
                        "first_seen": 5,
                        "timestamp": "x",
                    }
                ]
            }
        },
        {"verdict": Verdict.MALICIOUS, "score": 70, "references": (), "first_seen": ""},
    ),
    ("urlhaus", bodies.URL, 200, {"query_status": None}, "malformed"),
    ("urlhaus", bodies.URL, 200, ["ok"], "malformed"),
    ("urlhaus", bodies.URL, 404, {"query_status": "ok"}, "malformed"),
    (
        "urlhaus",
        bodies.URL,
        200,
        {"query_status": "ok", "url_status": 1, "tags": None, "date_added": "yesterday"},
        {"verdict": Verdict.MALICIOUS, "score": 75, "tags": ("malware",), "first_seen": ""},
    ),
    (
        "urlhaus",
        bodies.DOMAIN,
        200,
        {"query_status": "ok", "url_count": None, "urls": [{"url_status": "online"}, 5]},
        {"verdict": Verdict.MALICIOUS, "score": 80, "summary": "served 1 malware URL (1 online)"},
    ),
    ("threatfox", bodies.IP_BAD, 200, {"query_status": "ok", "data": None}, "malformed"),
    (
        "threatfox",
        bodies.IP_BAD,
        200,
        {"query_status": "ok", "data": [{"ioc": None, "confidence_level": 100}]},
        NOT_FOUND,
    ),
    (
        "threatfox",
        bodies.DOMAIN,
        200,
        {"query_status": "ok", "data": [{"confidence_level": "high", "id": {"x": 1}}]},
        {"verdict": Verdict.SUSPICIOUS, "score": 0, "references": ()},
    ),
    ("malwarebazaar", bodies.SHA256, 200, {"query_status": "ok", "data": []}, "malformed"),
    ("malwarebazaar", bodies.SHA256, 200, {"query_status": "ok", "data": [None]}, "malformed"),
    (
        "malwarebazaar",
        bodies.SHA256,
        200,
        {"query_status": "ok", "data": [{"sha256_hash": "x/../y", "signature": None}]},
        {
            "verdict": Verdict.MALICIOUS,
            "references": (),
            "summary": "a malware sample (file) on MalwareBazaar",
        },
    ),
]


@pytest.mark.parametrize(
    ("name", "indicator", "status", "body", "expected"),
    EDGES,
    ids=[f"{edge[0]}-{n}" for n, edge in enumerate(EDGES)],
)
def test_edge_shapes(
    providers: dict[str, HttpProvider],
    name: str,
    indicator: Indicator,
    status: int,
    body: Any,
    expected: Any,
) -> None:
    provider = providers[name]
    if expected == "malformed":
        assert malformed(provider, indicator, status, body).startswith(f"{name}: ")
        return
    answer = read(provider, indicator, status, body)
    if isinstance(expected, ProviderAnswer):
        assert answer == expected
    else:
        assert {key: getattr(answer, key) for key in expected} == expected


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(["ok", "no_results", "online", "NotFoundError", "2026-01-02 03:04:05 UTC"]),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=25,
)


def mutated(value: Any, *, root: bool = False) -> st.SearchStrategy[Any]:
    """`value` with a few parts replaced by other JSON (often of another type) or dropped."""
    kept: st.SearchStrategy[Any]
    if isinstance(value, dict):
        parts = {key: mutated(child) for key, child in value.items()}
        kept = st.fixed_dictionaries(parts).map(
            lambda found: {key: part for key, part in found.items() if part is not DROP}
        )
    elif isinstance(value, list):
        kept = st.tuples(*(mutated(child) for child in value)).map(
            lambda found: [part for part in found if part is not DROP]
        )
    else:
        kept = st.just(value)
    if root:
        return kept
    # Each part is kept seven times in ten, so most answers stay deep enough to reach the reads.
    swaps = [LEAF, LEAF, st.just(DROP)]
    return st.integers(0, 9).flatmap(lambda n: swaps[n - 7] if n >= 7 else kept)


DROP = object()
LEAF: st.SearchStrategy[Any] = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**6), max_value=10**12)
    | st.text(max_size=8)
    | st.lists(st.none(), max_size=1)
    | st.just({})
)


SKELETONS: list[tuple[str, Indicator, Any]] = [
    ("virustotal", bodies.SHA256, bodies.virustotal(malicious=5, suspicious=1)),
    ("virustotal", bodies.URL, bodies.VIRUSTOTAL_NOT_FOUND),
    ("abuseipdb", bodies.IP_BAD, bodies.abuseipdb("203.0.113.66", confidence=80, reports=4)),
    (
        "otx",
        bodies.DOMAIN,
        bodies.otx(
            "x.example",
            "domain",
            pulses=[
                bodies.otx_pulse(
                    "p", created="2026-01-02T00:00:00", modified="2026-01-03", family="F"
                )
            ],
        ),
    ),
    (
        "greynoise",
        bodies.IP_BAD,
        bodies.greynoise("203.0.113.66", noise=True, riot=True, classification="malicious"),
    ),
    ("greynoise", bodies.IP_BAD, bodies.greynoise_not_observed("203.0.113.66")),
    (
        "misp",
        bodies.IP_BAD,
        bodies.misp(
            [
                bodies.misp_attribute(
                    "203.0.113.66", event="1", info="i", to_ids=True, tags=("tlp:red",)
                )
            ]
        ),
    ),
    ("urlhaus", bodies.URL, bodies.urlhaus_url(bodies.URL.value, status="online")),
    ("urlhaus", bodies.DOMAIN, bodies.urlhaus_host("malware-drop.example", statuses=["online"])),
    ("urlhaus", bodies.SHA256, bodies.urlhaus_payload(bodies.SHA256.value)),
    (
        "threatfox",
        bodies.IP_BAD,
        bodies.threatfox([bodies.threatfox_ioc("203.0.113.66:80", confidence=90)]),
    ),
    ("malwarebazaar", bodies.SHA256, bodies.malwarebazaar(bodies.SHA256.value)),
]


def documented() -> st.SearchStrategy[tuple[str, Indicator, int, Any]]:
    """A documented answer of some provider with parts replaced, dropped or kept at random."""
    return st.one_of(
        *(
            st.tuples(
                st.just(name),
                st.just(indicator),
                st.sampled_from([200, 200, 200, 404]),
                mutated(body, root=True),
            )
            for name, indicator, body in SKELETONS
        )
    )


def answers_or_is_malformed(
    provider: HttpProvider, indicator: Indicator, status: int, body: Any
) -> None:
    """The property: an answer fit for the wire, or ProviderError, never another exception."""
    try:
        read(provider, indicator, status, body)
    except ProviderError as error:
        kind = error.kind
    else:
        return
    assert kind in (MALFORMED, ProviderErrorKind.AUTH)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(KINDS),
    indicator=st.sampled_from(INDICATORS),
    status=st.sampled_from([200, 404]),
    body=JSON,
)
def test_any_json_body_reads_or_is_malformed(
    providers: dict[str, HttpProvider],
    kind: type[HttpProvider],
    indicator: Indicator,
    status: int,
    body: Any,
) -> None:
    provider = providers[kind.name]
    if indicator.type in provider.types:
        answers_or_is_malformed(provider, indicator, status, body)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=st.deferred(documented))
def test_near_documented_bodies_read_or_are_malformed(
    providers: dict[str, HttpProvider], case: tuple[str, Indicator, int, Any]
) -> None:
    name, indicator, status, body = case
    answers_or_is_malformed(providers[name], indicator, status, body)
