"""Each provider sends the documented request: method, path, auth header, query, form or JSON."""

from __future__ import annotations

import base64
import ssl
from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.integration.ti import bodies
from tests.integration.ti.conftest import API_KEY, ProviderFactory, transport
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
from wingman.core.models import Indicator

URL_ID = base64.urlsafe_b64encode(bodies.URL.value.encode()).decode().rstrip("=")


@dataclass(frozen=True)
class Sent:
    """What one lookup must send."""

    kind: type[HttpProvider]
    indicator: Indicator
    method: str
    path: str
    auth: str
    query: dict[str, list[str]] = field(default_factory=dict)
    form: dict[str, list[str]] | None = None
    json: Any = None


CASES = [
    Sent(VirusTotal, bodies.SHA256, "GET", f"/api/v3/files/{bodies.SHA256.value}", "x-apikey"),
    Sent(VirusTotal, bodies.MD5, "GET", f"/api/v3/files/{bodies.MD5.value}", "x-apikey"),
    Sent(VirusTotal, bodies.IP_BAD, "GET", "/api/v3/ip_addresses/203.0.113.66", "x-apikey"),
    Sent(VirusTotal, bodies.IPV6, "GET", "/api/v3/ip_addresses/2001:db8::66", "x-apikey"),
    Sent(VirusTotal, bodies.DOMAIN, "GET", "/api/v3/domains/malware-drop.example", "x-apikey"),
    Sent(VirusTotal, bodies.URL, "GET", f"/api/v3/urls/{URL_ID}", "x-apikey"),
    Sent(
        AbuseIPDB,
        bodies.IP_BAD,
        "GET",
        "/api/v2/check",
        "key",
        query={"ipAddress": ["203.0.113.66"], "maxAgeInDays": ["90"]},
    ),
    Sent(
        OTX, bodies.IP_BAD, "GET", "/api/v1/indicators/IPv4/203.0.113.66/general", "x-otx-api-key"
    ),
    Sent(OTX, bodies.IPV6, "GET", "/api/v1/indicators/IPv6/2001:db8::66/general", "x-otx-api-key"),
    Sent(
        OTX,
        bodies.DOMAIN,
        "GET",
        "/api/v1/indicators/domain/malware-drop.example/general",
        "x-otx-api-key",
    ),
    Sent(
        OTX,
        bodies.HOSTNAME,
        "GET",
        "/api/v1/indicators/hostname/cdn.malware-drop.example/general",
        "x-otx-api-key",
    ),
    Sent(
        OTX,
        bodies.URL,
        "GET",
        "/api/v1/indicators/url/http://malware-drop.example/invoice.exe/general",
        "x-otx-api-key",
    ),
    Sent(
        OTX,
        bodies.SHA1,
        "GET",
        f"/api/v1/indicators/file/{bodies.SHA1.value}/general",
        "x-otx-api-key",
    ),
    Sent(GreyNoise, bodies.IP_BAD, "GET", "/v3/community/203.0.113.66", "key"),
    Sent(
        MISP,
        bodies.EMAIL,
        "POST",
        "/attributes/restSearch",
        "authorization",
        json={
            "value": "payroll@malware-drop.example",
            "returnFormat": "json",
            "includeEventTags": True,
            "limit": 100,
        },
    ),
    Sent(URLhaus, bodies.URL, "POST", "/v1/url/", "auth-key", form={"url": [bodies.URL.value]}),
    Sent(
        URLhaus,
        bodies.DOMAIN,
        "POST",
        "/v1/host/",
        "auth-key",
        form={"host": [bodies.DOMAIN.value]},
    ),
    Sent(URLhaus, bodies.IP_BAD, "POST", "/v1/host/", "auth-key", form={"host": ["203.0.113.66"]}),
    Sent(
        URLhaus,
        bodies.SHA256,
        "POST",
        "/v1/payload/",
        "auth-key",
        form={"sha256_hash": [bodies.SHA256.value]},
    ),
    Sent(
        URLhaus,
        bodies.MD5,
        "POST",
        "/v1/payload/",
        "auth-key",
        form={"md5_hash": [bodies.MD5.value]},
    ),
    Sent(
        ThreatFox,
        bodies.IP_BAD,
        "POST",
        "/api/v1/",
        "auth-key",
        json={"query": "search_ioc", "search_term": "203.0.113.66"},
    ),
    Sent(
        ThreatFox,
        bodies.DOMAIN,
        "POST",
        "/api/v1/",
        "auth-key",
        json={"query": "search_ioc", "search_term": bodies.DOMAIN.value, "exact_match": True},
    ),
    Sent(
        ThreatFox,
        bodies.MD5,
        "POST",
        "/api/v1/",
        "auth-key",
        json={"query": "search_hash", "hash": bodies.MD5.value},
    ),
    Sent(
        MalwareBazaar,
        bodies.SHA1,
        "POST",
        "/api/v1/",
        "auth-key",
        form={"query": ["get_info"], "hash": [bodies.SHA1.value]},
    ),
]


@pytest.mark.parametrize(
    "case", CASES, ids=[f"{c.kind.name}-{c.indicator.type.value}" for c in CASES]
)
async def test_each_provider_sends_the_documented_request(
    case: Sent, server: ScriptedServer, provider_for: ProviderFactory
) -> None:
    provider = provider_for(case.kind)
    # An empty object is not the documented answer of any of them.
    server.answer(case.path, Answer(200, {}))
    with pytest.raises(ProviderError) as raised:
        await provider.lookup(case.indicator, timeout=5.0)
    assert raised.value.kind is ProviderErrorKind.MALFORMED
    [sent] = server.requests(case.path)
    assert sent.method == case.method
    assert sent.headers[case.auth] == API_KEY
    assert sent.headers["accept"] == "application/json"
    assert sent.query == case.query
    if case.form is not None:
        assert sent.headers["content-type"] == "application/x-www-form-urlencoded"
        assert sent.form() == case.form
    if case.json is not None:
        assert sent.headers["content-type"] == "application/json"
        assert sent.json() == case.json
    if case.form is None and case.json is None:
        assert sent.body == b""


async def test_without_a_key_no_auth_header_is_sent(
    server: ScriptedServer, tls: ssl.SSLContext
) -> None:
    provider = VirusTotal(base_url=server.url, transport=transport(tls))
    path = f"/api/v3/files/{bodies.SHA256.value}"
    server.answer(path, Answer(401, {"error": {"code": "WrongCredentialsError"}}))
    try:
        with pytest.raises(ProviderError) as raised:
            await provider.lookup(bodies.SHA256, timeout=5.0)
    finally:
        await provider.aclose()
    assert raised.value.kind is ProviderErrorKind.AUTH
    assert "x-apikey" not in server.requests(path)[0].headers
